// Flows: ordered steps between components, recorded from the canvas, exported as a sequence diagram.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { download, launchBrowser, newApp, screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const panel = (page: Page) => page.getByRole('complementary', { name: 'Flows' });

/**
 * Click an uncovered point of the connection with this accessible name. While the view moves
 * (e.g. the Fit view animation) edges take no pointer events, so wait until one is found.
 */
async function clickEdge(page: Page, name: string): Promise<void> {
  let at: { x: number; y: number } | null = null;
  for (let attempt = 0; attempt < 30 && !at; attempt++) {
    if (attempt > 0) await page.waitForTimeout(100);
    at = await findEdgePoint(page, name);
  }
  if (!at) throw new Error(`no uncovered point on ${name}`);
  await page.mouse.click(at.x, at.y);
}

function findEdgePoint(page: Page, name: string): Promise<{ x: number; y: number } | null> {
  return page
    .locator(`.svelte-flow__edge[aria-label="${name}"] .svelte-flow__edge-path`)
    .first()
    .evaluate((el) => {
      const path = el as SVGPathElement;
      const edge = path.closest('.svelte-flow__edge');
      const m = path.getScreenCTM()!;
      const length = path.getTotalLength();
      for (let i = 1; i < 20; i++) {
        const p = path.getPointAtLength((length * i) / 20);
        const x = p.x * m.a + p.y * m.c + m.e;
        const y = p.x * m.b + p.y * m.d + m.f;
        // Uncovered, and by this connection (not a neighbour's wide hit area).
        if (document.elementFromPoint(x, y)?.closest('.svelte-flow__edge') === edge) return { x, y };
      }
      return null;
    });
}

const selected = (page: Page, name: string) =>
  panel(page)
    .getByRole('combobox', { name, exact: true })
    .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');

test('a user records a flow from the canvas, marks it an error path, reorders it and exports it', async () => {
  const { page } = await newApp(browser);
  await page.getByText('New from template').click();
  await page.getByRole('button', { name: /Payment checkout/ }).click();
  await page.locator('.svelte-flow__node').first().waitFor();

  await page.getByRole('button', { name: 'Flows', exact: true }).click();
  expect(await page.getByRole('button', { name: 'Flows', exact: true }).getAttribute('aria-pressed')).toBe(
    'true',
  );
  const list = panel(page).getByRole('list', { name: 'Flows of this diagram' });
  await list.getByRole('button', { name: /Pay for an order/ }).waitFor();
  await list.getByRole('button', { name: /Stripe unavailable/ }).waitFor();
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();

  await panel(page).getByRole('button', { name: 'New flow' }).click();
  const name = panel(page).getByRole('textbox', { name: 'Flow name' });
  await expect.poll(() => name.inputValue()).toBe('Error path 2');
  await name.fill('Payment write fails');
  await name.press('Enter');
  await list.getByRole('button', { name: /Payment write fails/ }).waitFor();

  const record = panel(page).getByRole('button', { name: 'Record from canvas' });
  await record.click();
  expect(await record.getAttribute('aria-pressed')).toBe('true');
  await clickEdge(page, 'Connection: INSERT payment_attempt (idempotency_key UNIQUE)');
  await panel(page).getByRole('combobox', { name: 'Step 1 from', exact: true }).waitFor();
  await clickEdge(page, 'Connection: event failed 3 times');
  await panel(page).getByRole('combobox', { name: 'Step 2 from', exact: true }).waitFor();
  expect(await panel(page).getByRole('list', { name: 'Steps' }).getByRole('listitem').count()).toBe(2);
  expect(await selected(page, 'Step 1 from')).toBe('Checkout service');
  expect(await selected(page, 'Step 1 to')).toBe('Payments DB');
  expect(await selected(page, 'Step 2 from')).toBe('Webhook handler');
  expect(await selected(page, 'Step 2 to')).toBe('Webhook DLQ');
  expect(await panel(page).getByRole('combobox', { name: 'Step 2 mode' }).inputValue()).toBe('async');
  expect(await panel(page).getByRole('textbox', { name: 'Step 1 message' }).inputValue()).toBe(
    'INSERT payment_attempt (idempotency_key UNIQUE)',
  );
  await record.click();
  expect(await record.getAttribute('aria-pressed')).toBe('false');

  await panel(page).getByRole('radio', { name: 'Happy path' }).check();
  await panel(page).getByRole('radio', { name: 'Error path' }).check();
  await panel(page).getByRole('textbox', { name: 'Step 2 failure note' }).fill('DLQ write fails');
  await panel(page).getByRole('textbox', { name: 'Step 2 failure note' }).press('Tab');

  await panel(page).getByRole('button', { name: 'Move step 2 up' }).click();
  await expect.poll(() => selected(page, 'Step 1 from')).toBe('Webhook handler');
  expect(await selected(page, 'Step 2 from')).toBe('Checkout service');

  await panel(page).locator('figure svg').first().waitFor();
  await screenshot(page, 'flows-panel');

  const file = await download(page, () => panel(page).getByRole('button', { name: 'Download .mmd' }).click());
  expect(file.filename).toBe('payment-write-fails.mmd');
  expect(file.text.startsWith('sequenceDiagram')).toBe(true);
  expect(file.text).toContain('(error path)');
  for (const label of ['Checkout service', 'Payments DB', 'Webhook handler', 'Webhook DLQ']) {
    expect(file.text).toContain(`as ${label}`);
  }
  expect(file.text).toContain('opt DLQ write fails');
  expect(file.text).toMatch(/-\)\S+: event failed 3 times/);

  await page.reload();
  await page.getByRole('button', { name: 'Flows', exact: true }).click();
  await panel(page)
    .getByRole('button', { name: /Payment write fails/ })
    .click();
  await expect.poll(() => selected(page, 'Step 1 from')).toBe('Webhook handler');
  expect(await panel(page).getByRole('radio', { name: 'Error path' }).isChecked()).toBe(true);
  expect(await panel(page).getByRole('textbox', { name: 'Step 1 failure note' }).inputValue()).toBe(
    'DLQ write fails',
  );

  await panel(page).getByRole('button', { name: 'Delete step 2' }).click();
  await expect
    .poll(() => panel(page).getByRole('list', { name: 'Steps' }).getByRole('listitem').count())
    .toBe(1);
});
