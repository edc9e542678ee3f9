// The Trade-offs view: challenges edited like a spreadsheet (paste, Tab/Enter, undo), the
// tech stack kept in sync with the components on the diagram, and before/after metrics whose
// improvement is computed.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';
import { newCaseStudy, node } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const cell = (scope: Page | Locator, name: string) => scope.getByRole('textbox', { name, exact: true });

async function openTradeoffs(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Trade-offs' }).click();
  await page.getByRole('heading', { name: 'Trade-offs', level: 1 }).waitFor();
  await region(page, 'Tech stack').waitFor();
}

/** Types into a field and commits it the way a user does (Tab or Enter). */
async function enter(locator: Locator, text: string, key: 'Enter' | 'Tab' = 'Tab'): Promise<void> {
  await locator.fill(text);
  await locator.press(key);
}

/** A paste as a spreadsheet makes it, on the focused element (headless Chromium has no clipboard). */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(event);
  }, text);
}

/**
 * Reloads once the last edit has had a moment to reach IndexedDB: the view shows an edit at
 * once and writes it right after, and a reload in the same few milliseconds would abort it.
 */
async function reloadWhenSaved(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  await page.reload();
}

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

async function values(scope: Locator, names: string[]): Promise<string[]> {
  return Promise.all(names.map((n) => cell(scope, n).inputValue()));
}

const CHALLENGE_COLUMNS = ['Challenge', 'Why it was hard', 'Solution', 'Trade-off accepted'];
const rowNames = (row: number) => CHALLENGE_COLUMNS.map((c) => `Row ${row}, ${c}`);

test('a user pastes three challenges from a spreadsheet, moves around with Tab and Enter, undoes and finds them after reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await openTradeoffs(page);
  const challenges = region(page, 'Challenges');

  const block = [
    ['Black Friday traffic ×20', 'Single Postgres primary', 'Read replicas + cache', 'Stale reads up to 1 s'],
    ['Payment provider outages', 'Checkout blocked', 'Circuit breaker + queue', 'Delayed confirmations'],
    ['Duplicate orders on retry', 'At-least-once delivery', 'Idempotency keys', 'Key storage for 24 h'],
  ];
  await cell(challenges, 'Row 1, Challenge').focus();
  await pasteText(page, block.map((r) => r.join('\t')).join('\r\n') + '\r\n');

  for (let r = 0; r < 3; r++) {
    await expect.poll(() => values(challenges, rowNames(r + 1))).toEqual(block[r]);
  }
  expect(await challenges.getByRole('textbox').count()).toBe(12);
  await screenshot(page, 'tradeoffs-challenges-pasted');

  // Undo (focus outside the cells) takes the whole paste back in one step; redo brings it back.
  await challenges.getByRole('heading', { name: 'Challenges' }).click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => cell(challenges, 'Row 1, Challenge').inputValue()).toBe('');
  expect(await challenges.getByRole('textbox').count()).toBe(4);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => values(challenges, rowNames(3))).toEqual(block[2]);

  // Tab goes along the row; Enter goes down the column, adding a row after the last.
  await cell(challenges, 'Row 1, Challenge').focus();
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Row 1, Why it was hard');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedName(page)).toBe('Row 1, Challenge');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await focusedName(page)).toBe('Row 2, Why it was hard');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Row 4, Why it was hard');
  await page.keyboard.type('Team of two');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Row 4, Solution');

  // Row 4 goes up one place with its button.
  await challenges.getByRole('button', { name: 'Move row 4 up' }).click();
  await expect.poll(() => cell(challenges, 'Row 3, Why it was hard').inputValue()).toBe('Team of two');

  await reloadWhenSaved(page);
  await region(page, 'Challenges').waitFor();
  const after = region(page, 'Challenges');
  await expect.poll(() => values(after, rowNames(1))).toEqual(block[0]);
  expect(await values(after, rowNames(2))).toEqual(block[1]);
  expect(await cell(after, 'Row 3, Why it was hard').inputValue()).toBe('Team of two');
  expect(await values(after, rowNames(4))).toEqual(block[2]);

  // Alt+↓ moves the row from the keyboard; the focus goes with it.
  await cell(after, 'Row 1, Challenge').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => values(after, rowNames(2))).toEqual(block[0]);
  expect(await focusedName(page)).toBe('Row 2, Challenge');
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => values(after, rowNames(1))).toEqual(block[0]);

  await after.getByRole('button', { name: 'Delete row 3' }).click();
  await expect.poll(() => after.getByRole('textbox').count()).toBe(12);
  await screenshot(page, 'tradeoffs-challenges');
});

test('a database given a technology on the diagram shows in the tech stack, its why edited there shows in the inspector, and it can be excluded', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Database' }).click();
  await node(page, 'Database').click();
  await inspector(page).getByRole('heading', { name: 'Component' }).waitFor();
  await enter(
    inspector(page).getByRole('textbox', { name: 'Technology', exact: true }),
    'PostgreSQL 16',
    'Enter',
  );

  await openTradeoffs(page);
  const stack = region(page, 'Tech stack');
  await expect.poll(() => cell(stack, 'Row 1, Technology').inputValue()).toBe('PostgreSQL 16');
  expect(await cell(stack, 'Row 1, Layer').inputValue()).toBe('Database');
  // The service has no technology, so it is not a row.
  expect(await stack.getByRole('textbox').count()).toBe(4);

  await enter(cell(stack, 'Row 1, Why this choice'), 'Relational orders, strong consistency');
  await enter(cell(stack, 'Row 1, What we considered'), 'MongoDB, DynamoDB');
  // Undo (focus outside the cells) takes the component's field back too; redo re-applies it.
  await stack.getByRole('heading', { name: 'Tech stack' }).click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => cell(stack, 'Row 1, What we considered').inputValue()).toBe('');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => cell(stack, 'Row 1, What we considered').inputValue()).toBe('MongoDB, DynamoDB');
  // A typed row for something that is not on the diagram.
  await stack.getByRole('button', { name: 'Add row to Tech stack' }).click();
  await expect.poll(() => focusedName(page)).toBe('Row 2, Layer');
  await page.keyboard.type('Frontend');
  await page.keyboard.press('Tab');
  await page.keyboard.type('SvelteKit');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Row 2, Why this choice');
  await screenshot(page, 'tradeoffs-tech-stack');

  await page.getByRole('link', { name: 'Diagram' }).click();
  await node(page, 'Database').click();
  const why = inspector(page).getByRole('textbox', { name: 'Why this choice', exact: true });
  await expect.poll(() => why.inputValue()).toBe('Relational orders, strong consistency');
  expect(
    await inspector(page).getByRole('textbox', { name: 'Alternatives considered', exact: true }).inputValue(),
  ).toBe('MongoDB, DynamoDB');

  await openTradeoffs(page);
  await stack.getByRole('button', { name: 'Exclude Database' }).click();
  await expect.poll(() => cell(stack, 'Row 1, Technology').inputValue()).toBe('SvelteKit');
  await stack.getByRole('button', { name: 'Include Database' }).waitFor();

  await reloadWhenSaved(page);
  await region(page, 'Tech stack').waitFor();
  await expect.poll(() => cell(stack, 'Row 1, Technology').inputValue()).toBe('SvelteKit');
  expect(await stack.getByRole('textbox').count()).toBe(4);
  await stack.getByRole('button', { name: 'Include Database' }).click();
  await expect.poll(() => stack.getByRole('textbox').count()).toBe(8);
  expect(await cell(stack, 'Row 1, Technology').inputValue()).toBe('PostgreSQL 16');
});

test('a user records before/after metrics with mixed units and reads the computed improvement, also after reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await openTradeoffs(page);
  const metrics = region(page, 'Metrics');
  await metrics.getByText('No metrics yet.').waitFor();

  await metrics.getByRole('button', { name: 'Add metric' }).click();
  await expect.poll(() => focusedName(page)).toBe('Metric 1, Name');
  await enter(cell(metrics, 'Metric 1, Name'), 'P95 latency');
  await enter(cell(metrics, 'Metric 1, Before'), '2.5 s');
  await metrics.getByText('missing result').waitFor();
  await enter(cell(metrics, 'Metric 1, After'), '180 ms');
  const phrase = 'P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)';
  await metrics.getByText(phrase, { exact: true }).waitFor();
  expect(await cell(metrics, 'Metric 1, After').inputValue()).toBe('180 ms');
  expect(await metrics.getByRole('combobox', { name: 'Metric 1, Direction' }).inputValue()).toBe(
    'lower-is-better',
  );

  await metrics.getByRole('button', { name: 'Add metric' }).click();
  await enter(cell(metrics, 'Metric 2, Name'), 'Throughput');
  await enter(cell(metrics, 'Metric 2, After'), '450 req/s');
  // A new, empty metric already shows "missing baseline": wait for the saved name to set the direction.
  await expect
    .poll(() => metrics.getByRole('combobox', { name: 'Metric 2, Direction' }).inputValue())
    .toBe('higher-is-better');
  await metrics.getByText('missing baseline').waitFor();

  // A unit that cannot be compared is refused, with the reason.
  await enter(cell(metrics, 'Metric 2, Before'), '3 GB');
  await metrics.getByRole('alert').getByText('cannot be compared').waitFor();
  await enter(cell(metrics, 'Metric 2, Before'), '120 req/s');
  await metrics.getByText('Throughput: 120 → 450 req/s (275% higher, 3.8× more)', { exact: true }).waitFor();
  await screenshot(page, 'tradeoffs-metrics');

  await enter(cell(metrics, 'Metric 2, Before'), '');
  await metrics.getByText('missing baseline').waitFor();

  await reloadWhenSaved(page);
  const again = region(page, 'Metrics');
  await again.getByText(phrase, { exact: true }).waitFor();
  await again.getByText('Throughput: after 450 req/s (no baseline)', { exact: true }).waitFor();
  await again.getByText('missing baseline').waitFor();
  expect(await cell(again, 'Metric 1, Before').inputValue()).toBe('2.5 s');
});

test('a user builds a custom table with their own columns, attaches it to a component, and finds it after reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Cache' }).click();
  await node(page, 'Cache').waitFor();
  await openTradeoffs(page);
  const custom = region(page, 'Custom tables');
  await custom.getByText('No custom tables yet.').waitFor();

  await custom.getByRole('button', { name: 'Add table' }).click();
  await expect.poll(() => focusedName(page)).toBe('Table 1 title');
  await enter(cell(custom, 'Table 1 title'), 'Cache options');
  const table = custom.getByRole('article', { name: 'Table: Cache options' });
  await enter(cell(table, 'Column 1 name'), 'Option');
  await enter(cell(table, 'Column 2 name'), 'Latency');
  await table.getByRole('button', { name: 'Add column to Cache options' }).click();
  await expect.poll(() => focusedName(page)).toBe('Column 3 name');
  await enter(cell(table, 'Column 3 name'), 'Cost');
  await table.getByRole('button', { name: 'Add column to Cache options' }).click();
  await table.getByRole('button', { name: 'Delete column Column 4' }).click();
  await expect.poll(() => table.getByRole('textbox', { name: /^Column \d name$/ }).count()).toBe(3);

  await cell(table, 'Row 1, Option').focus();
  await pasteText(page, 'Redis\t1 ms\t$$\nMemcached\t1 ms\t$\nIn-process LRU\t50 µs\tfree');
  await expect.poll(() => cell(table, 'Row 3, Cost').inputValue()).toBe('free');

  await table.getByRole('combobox', { name: 'Attach Cache options to' }).selectOption({ label: 'Cache' });
  await page.getByRole('combobox', { name: 'Colour theme' }).selectOption('dark');
  await custom.scrollIntoViewIfNeeded();
  await screenshot(page, 'tradeoffs-custom-dark');

  await reloadWhenSaved(page);
  const again = region(page, 'Custom tables').getByRole('article', { name: 'Table: Cache options' });
  await expect.poll(() => cell(again, 'Row 2, Option').inputValue()).toBe('Memcached');
  expect(
    await Promise.all(
      ['Column 1 name', 'Column 2 name', 'Column 3 name'].map((n) => cell(again, n).inputValue()),
    ),
  ).toEqual(['Option', 'Latency', 'Cost']);
  const attached = again.getByRole('combobox', { name: 'Attach Cache options to' });
  expect(
    await attached.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim()),
  ).toBe('Cache');

  await again.getByRole('button', { name: 'Delete table Cache options' }).click();
  await region(page, 'Custom tables').getByText('No custom tables yet.').waitFor();
  await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await region(page, 'Custom tables').getByRole('article', { name: 'Table: Cache options' }).waitFor();
});
