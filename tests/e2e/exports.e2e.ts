// Exports from the UI: the case-study document in each structure, and the ADR archive.
import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { marked } from 'marked';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { download, launchBrowser, newApp } from './harness';
import { exportItem, fromTemplate } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a user exports the case study as a Markdown document in each structure', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Payment checkout/);
  for (const [item, heading] of [
    ['Case-study guide (.md)', /^## /m],
    ['STAR+ (.md)', /^## /m],
    ['Problem–Solution–Impact (.md)', /^## /m],
  ] as const) {
    const button = await exportItem(page, item);
    const file = await download(page, () => button.click());
    expect(file.filename).toMatch(/\.md$/);
    expect(file.text.startsWith('# Payment checkout')).toBe(true);
    expect(file.text).toMatch(heading);
    // Clean GitHub-flavoured Markdown: it parses, and no heading is empty.
    const tokens = marked.lexer(file.text);
    expect(tokens.filter((t) => t.type === 'heading' && !t.text.trim())).toEqual([]);
    // The diagram is embedded as a Mermaid flowchart.
    expect(
      tokens.some((t) => t.type === 'code' && t.lang === 'mermaid' && t.text.startsWith('flowchart')),
    ).toBe(true);
  }
});

test('a user downloads and copies the current diagram as a Mermaid flowchart', async () => {
  const { page, context } = await newApp(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await fromTemplate(page, /Web app with cache/);
  const file = await download(page, async () => (await exportItem(page, 'Mermaid (.mmd)')).click());
  expect(file.filename).toMatch(/\.mmd$/);
  expect(file.text).toMatch(/^flowchart (LR|TB)/);
  expect(file.text).toContain('subgraph');
  expect(file.text).toContain('linkStyle');

  await (await exportItem(page, 'Copy Mermaid')).click();
  await page.getByText('Copied the Mermaid flowchart').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(file.text);
});

test('a user exports every decision as a MADR file in a zip with an index', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Order processing/);
  const button = await exportItem(page, 'ADR files (.zip)');
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(dl.suggestedFilename()).toMatch(/-adrs\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile(await dl.path())));
  const names = Object.keys(files).sort();
  expect(names).toContain('README.md');
  const adrs = names.filter((n) => /^\d{4}-[a-z0-9-]+\.md$/.test(n));
  expect(adrs.length).toBeGreaterThanOrEqual(2);
  const first = strFromU8(files[adrs[0]!]!);
  expect(first.startsWith('---\nstatus:')).toBe(true);
  expect(first).toContain('## Considered Options');
  expect(strFromU8(files['README.md']!)).toContain(adrs[0]!);
});

test('exporting ADRs with no decision says so instead of downloading an empty zip', async () => {
  const { page } = await newApp(browser);
  await page.getByRole('button', { name: 'New case study' }).first().click();
  await page.locator('.svelte-flow').waitFor();
  await (await exportItem(page, 'ADR files (.zip)')).click();
  await page.getByText('There are no decisions to export yet.').waitFor();
});
