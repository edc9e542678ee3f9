// The inspector: editing every field of the selected component, boundary or connection,
// one undo step per edit, persisted across a reload.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';
import { connect, edges, newCaseStudy, node, nodes } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });
const field = (page: Page, name: string) => inspector(page).getByRole('textbox', { name, exact: true });
const numberField = (page: Page, name: string) =>
  inspector(page).getByRole('spinbutton', { name, exact: true });
const checkbox = (page: Page, name: string) => inspector(page).getByRole('checkbox', { name, exact: true });

/** Types into a field and commits it the way a user does: Enter (text inputs) or Tab. */
async function enter(locator: Locator, text: string, key: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  await locator.fill(text);
  await locator.press(key);
}

/** Clicks the first connection at a point of its path that nothing covers (nodes, its label). */
async function clickEdge(page: Page): Promise<void> {
  const at = await page
    .locator('.svelte-flow__edge-path')
    .first()
    .evaluate((el) => {
      const path = el as SVGPathElement;
      const m = path.getScreenCTM()!;
      const length = path.getTotalLength();
      for (let i = 1; i < 20; i++) {
        const p = path.getPointAtLength((length * i) / 20);
        const x = p.x * m.a + p.y * m.c + m.e;
        const y = p.x * m.b + p.y * m.d + m.f;
        if (document.elementFromPoint(x, y)?.closest('.svelte-flow__edge')) return { x, y };
      }
      return null;
    });
  if (!at) throw new Error('no uncovered point on the connection');
  await page.mouse.click(at.x, at.y);
}

const badges = (page: Page, name: string) => node(page, name).locator('.badge').allInnerTexts();

test('a user documents a component and its resilience policies in the inspector, and finds them after reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await inspector(page).getByText('Select a component, boundary or connection to edit it.').waitFor();
  await screenshot(page, 'inspector-empty');

  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Database' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);
  await node(page, 'Service').click();
  await inspector(page).getByRole('heading', { name: 'Component' }).waitFor();
  expect(await field(page, 'Label').inputValue()).toBe('Service');

  await enter(field(page, 'Technology'), 'PostgreSQL 15');
  await node(page, 'Service').getByText('PostgreSQL 15').waitFor();
  await enter(field(page, 'Why this choice'), 'Strong consistency for orders', 'Tab');
  await enter(field(page, 'Alternatives considered'), 'MongoDB: weaker transactions', 'Tab');

  await checkbox(page, 'Timeout').check();
  await enter(numberField(page, 'Timeout (ms)'), '2500');
  await checkbox(page, 'Retry with backoff').check();
  await inspector(page).getByRole('combobox', { name: 'Jitter' }).selectOption('decorrelated');
  await checkbox(page, 'Circuit breaker').check();
  await expect.poll(() => badges(page, 'Service')).toEqual(['⏱2.5s', '⟳3', '⚡CB']);
  await inspector(page).getByRole('heading', { name: 'Resilience policies' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'inspector-policies');

  // Each edit is one undo step: undo takes back the circuit breaker only.
  const undo = page.getByRole('button', { name: 'Undo' });
  expect(await undo.getAttribute('title')).toContain('Turn on circuit breaker');
  await undo.click();
  await expect.poll(() => badges(page, 'Service')).toEqual(['⏱2.5s', '⟳3']);
  expect(await checkbox(page, 'Circuit breaker').isChecked()).toBe(false);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => badges(page, 'Service')).toEqual(['⏱2.5s', '⟳3', '⚡CB']);

  // Switching a policy off removes it.
  await checkbox(page, 'Retry with backoff').check();
  await checkbox(page, 'Retry with backoff').uncheck();
  await expect.poll(() => badges(page, 'Service')).toEqual(['⏱2.5s', '⚡CB']);
  await checkbox(page, 'Retry with backoff').check();
  await inspector(page).getByRole('combobox', { name: 'Jitter' }).selectOption('decorrelated');

  // Text typed but not committed is kept when the user selects something else.
  await node(page, 'Database').click();
  await field(page, 'Technology').fill('Redis 7');
  await node(page, 'Service').click();
  await node(page, 'Database').getByText('Redis 7').waitFor();
  expect(await field(page, 'Technology').inputValue()).toBe('PostgreSQL 15');

  // Changing the kind of a component still named after its kind renames it.
  await node(page, 'Database').click();
  await inspector(page).getByRole('combobox', { name: 'Kind' }).selectOption('cache');
  await node(page, 'Cache').waitFor();

  await screenshot(page, 'inspector');

  await page.reload();
  await node(page, 'Service').click();
  expect(await field(page, 'Technology').inputValue()).toBe('PostgreSQL 15');
  expect(await field(page, 'Why this choice').inputValue()).toBe('Strong consistency for orders');
  expect(await field(page, 'Alternatives considered').inputValue()).toBe('MongoDB: weaker transactions');
  expect(await checkbox(page, 'Timeout').isChecked()).toBe(true);
  expect(await numberField(page, 'Timeout (ms)').inputValue()).toBe('2500');
  expect(await inspector(page).getByRole('combobox', { name: 'Jitter' }).inputValue()).toBe('decorrelated');
  expect(await badges(page, 'Service')).toEqual(['⏱2.5s', '⟳3', '⚡CB']);
  await node(page, 'Cache').getByText('Redis 7').waitFor();
});

test('a user labels a connection, makes it async and a failure path, and it is drawn that way after reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Dead letter queue' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);
  await connect(page, node(page, 'Service'), node(page, 'Dead letter queue'));
  await expect.poll(() => edges(page).count()).toBe(1);

  await clickEdge(page);
  await inspector(page).getByRole('heading', { name: 'Connection' }).waitFor();
  expect(await inspector(page).getByLabel('From Service to Dead letter queue').count()).toBe(1);

  await enter(field(page, 'Label'), 'POST /checkout');
  await page.locator('.edge-label').getByText('POST /checkout').waitFor();
  await inspector(page).getByRole('radio', { name: 'Async message' }).check();
  await checkbox(page, 'Failure path').check();
  await page.locator('.svelte-flow__edge-path.failure.mode-async').waitFor();

  await checkbox(page, 'Timeout').check();
  await checkbox(page, 'Dead-letter target').check();
  await inspector(page)
    .getByRole('combobox', { name: 'Target queue' })
    .selectOption({ label: 'Dead letter queue' });
  await page.locator('.edge-label').getByText('☠DLQ').waitFor();
  await screenshot(page, 'inspector-connection');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'inspector-connection-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.reload();
  await page.locator('.svelte-flow__edge-path.failure.mode-async').waitFor();
  const label = page.locator('.edge-label');
  await label.getByText('POST /checkout').waitFor();
  expect(await label.innerText()).toContain('⏱2s');
  await clickEdge(page);
  expect(await field(page, 'Label').inputValue()).toBe('POST /checkout');
  expect(await inspector(page).getByRole('radio', { name: 'Async message' }).isChecked()).toBe(true);
  expect(await checkbox(page, 'Failure path').isChecked()).toBe(true);
  const target = inspector(page).getByRole('combobox', { name: 'Target queue' });
  expect(await target.locator('option:checked').innerText()).toBe('Dead letter queue');
});

test('a user renames a boundary and changes its kind; several selected shows a count', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Region' }).click();
  await expect.poll(() => nodes(page).count()).toBe(1);
  await inspector(page).getByRole('heading', { name: 'Boundary' }).waitFor();
  await enter(field(page, 'Label'), 'eu-west-1');
  await inspector(page).getByRole('combobox', { name: 'Kind' }).selectOption('trust-boundary');
  await node(page, 'eu-west-1 (Trust boundary)').waitFor();

  // An empty label is refused: the field goes back to the current one.
  await enter(field(page, 'Label'), '   ');
  expect(await field(page, 'Label').inputValue()).toBe('eu-west-1');

  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Queue' }).click();
  await expect.poll(() => nodes(page).count()).toBe(3);
  await page.locator('.svelte-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+a');
  await inspector(page).getByText('3 items selected').waitFor();
  await inspector(page).getByText('2 components, 1 boundary').waitFor();
  await screenshot(page, 'inspector-many');
});
