// A backup carries everything: decisions, trade-off tables and metrics round-trip exactly.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { download, launchBrowser, newApp } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function enter(
  page: Page,
  scope: ReturnType<typeof region>,
  name: string,
  value: string,
): Promise<void> {
  const box = scope.getByRole('textbox', { name, exact: true });
  await box.fill(value);
  await box.press('Tab');
}

test('a backup round-trips decisions, tables and metrics', async () => {
  const { page } = await newApp(browser);
  await page.getByRole('button', { name: 'New case study' }).first().click();
  const title = page.getByRole('textbox', { name: 'Case study title' });
  await title.fill('Checkout rewrite');
  await title.press('Enter');

  await page.getByRole('link', { name: /Decisions/ }).click();
  await page.getByRole('button', { name: 'New decision' }).first().click();
  const decisionTitle = region(page, 'Decision editor').getByRole('textbox', {
    name: 'Decision title',
    exact: true,
  });
  await decisionTitle.fill('Queue payments when the provider is down');
  await decisionTitle.press('Enter');

  await page.getByRole('link', { name: 'Trade-offs' }).click();
  await enter(page, region(page, 'Challenges'), 'Row 1, Challenge', 'Provider outages');
  const metrics = region(page, 'Metrics');
  await metrics.getByRole('button', { name: 'Add metric' }).click();
  await enter(page, metrics, 'Metric 1, Name', 'P95 latency');
  await enter(page, metrics, 'Metric 1, Before', '2.5 s');
  await enter(page, metrics, 'Metric 1, After', '180 ms');
  const phrase = 'P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)';
  await metrics.getByText(phrase, { exact: true }).waitFor();

  await page.getByRole('link', { name: 'All case studies' }).click();
  const file = await download(page, () =>
    page.getByRole('button', { name: 'Export backup of Checkout rewrite' }).click(),
  );
  const backup = JSON.parse(file.text);
  expect(backup.decisions).toHaveLength(1);
  expect(backup.metrics).toHaveLength(1);
  expect(backup.tables.some((t: { kind: string }) => t.kind === 'challenges')).toBe(true);

  await page.getByRole('button', { name: 'Delete Checkout rewrite' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete case study' }).click();
  await page.getByRole('heading', { name: 'No case studies yet' }).waitFor();
  const dir = await mkdtemp(join(tmpdir(), 'faultline-'));
  await writeFile(join(dir, file.filename), file.text);
  await page.getByLabel('Backup file to import').setInputFiles(join(dir, file.filename));
  await page.getByRole('link', { name: 'Checkout rewrite' }).click();

  await page.getByRole('link', { name: /Decisions/ }).click();
  await region(page, 'Decision log')
    .getByRole('link', { name: 'Queue payments when the provider is down' })
    .waitFor();
  await page.getByRole('link', { name: 'Trade-offs' }).click();
  await region(page, 'Metrics').getByText(phrase, { exact: true }).waitFor();
  expect(
    await region(page, 'Challenges')
      .getByRole('textbox', { name: 'Row 1, Challenge', exact: true })
      .inputValue(),
  ).toBe('Provider outages');
});
