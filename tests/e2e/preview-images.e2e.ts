// The current diagram previewed as a rendered Mermaid flowchart, and exported as PNG / SVG images.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { RESULTS_DIR, launchBrowser, newApp, screenshot } from './harness';
import { exportItem, fromTemplate } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function downloadBytes(page: Page, trigger: () => Promise<unknown>) {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return { filename: file.suggestedFilename(), data: await readFile(await file.path()) };
}

test('a user previews the current diagram as a rendered Mermaid flowchart', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Web app with cache/);
  const label = (await page.locator('.svelte-flow__node-component').first().innerText()).split('\n')[0]!;
  expect(label.trim()).not.toBe('');

  await (await exportItem(page, 'Preview Mermaid')).click();
  const dialog = page.getByRole('dialog', { name: 'Mermaid preview' });
  await dialog.waitFor();
  const svg = dialog.locator('svg').first();
  await svg.waitFor({ timeout: 20_000 });
  expect(await svg.textContent()).toContain(label.trim());
  expect(await dialog.locator('script').count()).toBe(0);
  expect(await dialog.innerHTML()).not.toMatch(/<script/i);
  await screenshot(page, 'mermaid-preview');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });

  // Escape closes it too.
  await (await exportItem(page, 'Preview Mermaid')).click();
  await dialog.locator('svg').first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('a user exports the whole current diagram as PNG and SVG images', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Web app with cache/);

  const png = await downloadBytes(page, async () => (await exportItem(page, 'PNG image')).click());
  expect(png.filename).toMatch(/^web-app-with-cache.*\.png$/);
  expect([...png.data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.data.length).toBeGreaterThan(5 * 1024);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(`${RESULTS_DIR}diagram-export.png`, png.data);

  const svg = await downloadBytes(page, async () => (await exportItem(page, 'SVG image')).click());
  expect(svg.filename).toMatch(/\.svg$/);
  expect(svg.data.toString('utf8')).toContain('<svg');
  expect(svg.data.toString('utf8')).toContain('PostgreSQL primary');

  // Zoomed far out the canvas leaves names out (level of detail); the image still has them.
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 8; i++) await zoomOut.click();
  await page.locator('.lod-min').waitFor();
  const far = await downloadBytes(page, async () => (await exportItem(page, 'SVG image')).click());
  expect(far.data.toString('utf8')).toContain('PostgreSQL primary');
  await page.locator('.lod-min').waitFor();
});

test('image exports are disabled outside the Diagram view', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Web app with cache/);
  await page.getByRole('link', { name: /^Decisions/ }).click();
  await page.locator('.svelte-flow').waitFor({ state: 'detached' });
  const png = await exportItem(page, 'PNG image');
  expect(await png.isDisabled()).toBe(true);
  expect(await png.getAttribute('title')).toMatch(/Diagram view/);
});
