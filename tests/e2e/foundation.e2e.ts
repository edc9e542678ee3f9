// The walking skeleton's journeys: a user sketches a diagram, reloads, works in two tabs,
// and takes their work out and back in as a backup.
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { download, launchBrowser, newApp, screenshot } from './harness';
import { connect, edges, newCaseStudy, node, nodes } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Flow-space position of every node, keyed by its accessible name. */
async function positions(page: Page): Promise<Record<string, string>> {
  return page
    .locator('.svelte-flow__node')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [el.getAttribute('aria-label') ?? '', (el as HTMLElement).style.transform]),
      ),
    );
}

async function rename(page: Page, current: string, next: string): Promise<void> {
  await node(page, current).dblclick();
  const input = page.getByRole('textbox', { name: 'Component label' });
  await input.fill(next);
  await input.press('Enter');
  await node(page, `${next} (${current})`).waitFor();
}

test('a user sketches three components, connects and renames, reloads and finds everything in place', async () => {
  const { page } = await newApp(browser);
  await page.getByRole('heading', { name: 'No case studies yet' }).waitFor();
  await newCaseStudy(page);

  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Cache' }).click();
  // The database is dragged from the palette and dropped where the user releases it.
  const pane = page.locator('.svelte-flow__pane');
  const box = (await pane.boundingBox())!;
  await page
    .getByRole('button', { name: 'Add Database' })
    .dragTo(pane, { targetPosition: { x: box.width - 250, y: 120 } });
  await expect.poll(() => nodes(page).count()).toBe(3);
  const dbBox = (await node(page, 'Database').boundingBox())!;
  expect(dbBox.x + dbBox.width / 2).toBeGreaterThan(box.x + box.width - 400);

  await connect(page, node(page, 'Service'), node(page, 'Database'));
  await expect.poll(() => edges(page).count()).toBe(1);
  await rename(page, 'Service', 'Orders API');

  const before = await positions(page);
  expect(Object.keys(before).sort()).toEqual(['Cache', 'Database', 'Orders API (Service)']);
  await screenshot(page, 'foundation-sketch');

  await page.reload();
  await node(page, 'Orders API (Service)').waitFor();
  await expect.poll(() => nodes(page).count()).toBe(3);
  expect(await edges(page).count()).toBe(1);
  expect(await positions(page)).toEqual(before);
});

test('a component deleted with the Delete key stays deleted after reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Queue' }).click();
  await page.getByRole('button', { name: 'Add Worker' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);
  await node(page, 'Queue').click();
  await page.keyboard.press('Delete');
  await expect.poll(() => nodes(page).count()).toBe(1);
  await page.reload();
  await node(page, 'Worker').waitFor();
  expect(await nodes(page).count()).toBe(1);
});

test('a component added in one tab appears in a second tab without reload', async () => {
  const app = await newApp(browser);
  const first = app.page;
  await newCaseStudy(first);
  await first.getByRole('button', { name: 'Add Service' }).click();
  await node(first, 'Service').waitFor();

  const second = await app.openTab(new URL(first.url()).hash ? `/${new URL(first.url()).hash}` : '/');
  await node(second, 'Service').waitFor();

  await first.getByRole('button', { name: 'Add Dead letter queue' }).click();
  await node(second, 'Dead letter queue').waitFor();
  expect(await nodes(second).count()).toBe(2);
});

test('a backup exported, the case study deleted, the backup imported: the same diagram is back', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  const title = page.getByRole('textbox', { name: 'Case study title' });
  await title.fill('Checkout');
  await title.press('Enter');
  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Database' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);
  await connect(page, node(page, 'Service'), node(page, 'Database'));
  await expect.poll(() => edges(page).count()).toBe(1);
  await rename(page, 'Database', 'Orders DB');
  const before = await positions(page);

  const file = await download(page, () => page.getByRole('button', { name: 'Export backup' }).click());
  expect(file.filename).toMatch(/^faultline-checkout-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(file.text);
  expect(backup.format).toBe('faultline-backup');
  expect(backup.version).toBe(1);
  expect(backup.components).toHaveLength(2);

  await page.getByRole('link', { name: 'All case studies' }).click();
  await page.getByRole('button', { name: 'Delete Checkout' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete case study' }).click();
  await page.getByRole('heading', { name: 'No case studies yet' }).waitFor();

  const dir = await mkdtemp(join(tmpdir(), 'faultline-'));
  const path = join(dir, file.filename);
  await writeFile(path, file.text);
  await page.getByLabel('Backup file to import').setInputFiles(path);
  await page.getByRole('link', { name: 'Checkout' }).click();
  await node(page, 'Orders DB (Database)').waitFor();
  expect(await edges(page).count()).toBe(1);
  expect(await positions(page)).toEqual(before);

  // The same file again makes a copy beside it, never a silent overwrite.
  await page.getByRole('link', { name: 'All case studies' }).click();
  await page.getByLabel('Backup file to import').setInputFiles(path);
  await expect
    .poll(() => page.getByRole('list', { name: 'Case studies' }).getByRole('listitem').count())
    .toBe(2);
});

test('a corrupted backup shows what is wrong and leaves existing case studies untouched', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Service' }).click();
  await node(page, 'Service').waitFor();
  const file = await download(page, () => page.getByRole('button', { name: 'Export backup' }).click());
  await page.getByRole('link', { name: 'All case studies' }).click();

  const broken = JSON.parse(file.text);
  broken.components[0].position.x = 'left';
  const dir = await mkdtemp(join(tmpdir(), 'faultline-'));
  const brokenPath = join(dir, 'broken.json');
  await writeFile(brokenPath, JSON.stringify(broken));
  await page.getByLabel('Backup file to import').setInputFiles(brokenPath);
  const alert = page.getByRole('alert').filter({ hasText: 'Could not import broken.json' });
  await alert.waitFor();
  expect(await alert.innerText()).toContain('components[0].position.x');

  const truncatedPath = join(dir, 'truncated.json');
  await writeFile(truncatedPath, file.text.slice(0, 200));
  await page.getByLabel('Backup file to import').setInputFiles(truncatedPath);
  await page.getByRole('alert').filter({ hasText: 'Could not import truncated.json' }).waitFor();

  expect(await page.getByRole('list', { name: 'Case studies' }).getByRole('listitem').count()).toBe(1);
  await page.getByRole('link', { name: 'Untitled case study' }).click();
  await node(page, 'Service').waitFor();
  expect(await nodes(page).count()).toBe(1);
});
