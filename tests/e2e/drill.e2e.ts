// Failure drills: fail a component, see its blast radius and the flows it breaks; the
// failure modes table reaches the exported case study.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connect, exportItem, fromTemplate, newCaseStudy, node } from './app';
import { download, launchBrowser, newApp, screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('failing a database shows the callers that lose service and the flow that breaks, without changing the diagram', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Payment checkout/);
  const failThis = page.getByRole('button', { name: 'Fail this' });
  await expect.poll(() => failThis.isDisabled()).toBe(true);

  await node(page, 'Payments DB (Database)').click();
  await failThis.click();

  const panel = page.getByRole('complementary', { name: 'Failure drill' });
  await panel.waitFor();
  // Its callers have timeouts but no fallback: they lose service, and so does everything in front of them.
  const loses = panel.getByRole('heading', { name: /Loses service/ });
  await expect.poll(() => loses.textContent()).toMatch(/\(\d+\)/);
  await expect.poll(() => panel.getByRole('button', { name: 'Checkout service' }).count()).toBe(1);
  await expect.poll(() => node(page, 'Checkout service (Service)').textContent()).toContain('Loses service');
  await expect.poll(() => node(page, 'Payments DB (Database)').textContent()).toContain('Failed');
  // The checkout flow breaks, and the panel says at which step and why.
  await expect
    .poll(() => panel.getByRole('list').filter({ hasText: 'Pay for an order' }).textContent())
    .toMatch(/broken.*step \d+, .+ → .+/i);
  // The drill's failure mode: what is in place and what is missing.
  await expect.poll(() => panel.getByRole('definition').nth(0).textContent()).toBe('Payments DB');
  await screenshot(page, 'drill-database');

  // Combine: also fail the cache.
  await node(page, 'Stripe (External service)').click();
  await failThis.click();
  await expect.poll(() => panel.getByRole('heading', { name: /Failed \(2\)/ }).count()).toBe(1);
  await panel.getByRole('button', { name: 'Stop failing Stripe' }).click();
  await expect.poll(() => panel.getByRole('heading', { name: /Failed \(1\)/ }).count()).toBe(1);

  // A drill never changes the diagram: nothing to undo.
  expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
  await panel.getByRole('button', { name: 'Clear drill' }).click();
  await expect.poll(() => panel.count()).toBe(0);
  await expect
    .poll(() => node(page, 'Checkout service (Service)').textContent())
    .not.toContain('Loses service');
  expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
});

test('the exported case-study guide has a failure modes table with mitigations and gaps', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Payment checkout/);
  const item = await exportItem(page, 'Case-study guide (.md)');
  const file = await download(page, () => item.click());
  expect(file.text).toContain('## Failure modes');
  expect(file.text).toContain('| Component | Failure | Impact | Mitigation in place | Gap |');
  const rows = file.text.split('## Failure modes')[1]!.split('\n## ')[0]!;
  expect(rows).toContain('| Payments DB |');
  expect(rows).toMatch(/fallback/i);
});

test('review markers show open findings on the nodes they are about, and go away when switched off', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Queue' }).click();
  await page.getByRole('button', { name: 'Add Worker' }).click();
  await expect.poll(() => page.locator('.svelte-flow__node').count()).toBe(2);
  await connect(page, node(page, 'Queue'), node(page, 'Worker'));
  await expect.poll(() => page.locator('.svelte-flow__edge').count()).toBe(1);

  const toggle = page.getByRole('button', { name: 'Review markers' });
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  await toggle.click();
  const marker = node(page, 'Queue').getByRole('img', {
    name: /review findings?: .*no dead-letter target or retry/,
  });
  await marker.waitFor();
  await screenshot(page, 'review-markers');
  // Remembered across reloads, like the other canvas preferences.
  await page.reload();
  await marker.waitFor();
  await page.getByRole('button', { name: 'Review markers' }).click();
  await expect.poll(() => marker.count()).toBe(0);
});
