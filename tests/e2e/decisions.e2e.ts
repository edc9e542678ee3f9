// The Decisions view: recording a technical decision with every field, the weighted decision
// matrix, superseding, searching and filtering, deleting without renumbering, and undo.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';
import { newCaseStudy } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const log = (page: Page) => page.getByRole('region', { name: 'Decision log' });
const editor = (page: Page) => page.getByRole('region', { name: 'Decision editor' });
const row = (page: Page, number: string) => log(page).getByRole('row').filter({ hasText: number });
const textbox = (scope: Locator, name: string) => scope.getByRole('textbox', { name, exact: true });
const option = (page: Page, n: number) =>
  editor(page).getByRole('group', { name: new RegExp(`^Option ${n}\\b`) });
const spin = (page: Page, name: string) => editor(page).getByRole('spinbutton', { name, exact: true });

/** Types into a field and commits it the way a user does: Enter (inputs) or Tab (textareas). */
async function enter(locator: Locator, text: string, key: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  await locator.fill(text);
  await locator.press(key);
}

async function openDecisions(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Decisions/ }).click();
}

async function addOption(page: Page, n: number, title: string, pros: string, cons: string): Promise<void> {
  await editor(page).getByRole('button', { name: 'Add option' }).click();
  const group = option(page, n);
  const titleBox = textbox(group, 'Option title');
  await expect.poll(() => titleBox.evaluate((el) => el === document.activeElement)).toBe(true);
  await enter(titleBox, title);
  await enter(textbox(group, 'Pros'), pros, 'Tab');
  await enter(textbox(group, 'Cons'), cons, 'Tab');
}

/** A new decision with a title and two options (PostgreSQL chosen). */
async function recordDecision(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New decision' }).first().click();
  const titleBox = textbox(editor(page), 'Decision title');
  await expect.poll(() => titleBox.evaluate((el) => el === document.activeElement)).toBe(true);
  await enter(titleBox, title);
  await addOption(page, 1, 'PostgreSQL', 'ACID transactions\nMature tooling', 'Schema migrations needed');
  await addOption(page, 2, 'MongoDB', 'Flexible documents', 'Eventual consistency on secondaries');
  await editor(page).getByRole('combobox', { name: 'Chosen option' }).selectOption({ label: 'PostgreSQL' });
}

test('a user records a decision with context, options, status and date, and finds it after reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Database' }).click();
  await page.getByRole('button', { name: 'Add Service' }).click();
  await expect.poll(() => page.locator('.svelte-flow__node').count()).toBe(2);

  await openDecisions(page);
  await page.getByRole('heading', { name: 'No decisions yet' }).waitFor();
  expect(await page.getByText('technical decision record').count()).toBeGreaterThan(0);
  await screenshot(page, 'decisions-empty');

  await page.getByRole('button', { name: 'New decision' }).click();
  await editor(page).getByRole('heading', { name: 'TDR-001' }).waitFor();
  const title = textbox(editor(page), 'Decision title');
  // The new decision's title is focused and selected: typing replaces it.
  await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type('PostgreSQL over MongoDB');
  await page.keyboard.press('Enter');
  await row(page, 'TDR-001').getByRole('link', { name: 'PostgreSQL over MongoDB' }).waitFor();

  // Context accepts Markdown; the preview is sanitised: nothing in it can run or restyle the app.
  const context = textbox(editor(page), 'Context');
  await enter(
    context,
    [
      'Orders need **ACID** transactions; see [the docs](https://example.com/pg) and [TDR](#/).',
      '',
      '| Option | Cost |',
      '|---|---|',
      '| PostgreSQL | low |',
      '',
      '<img src="x" onerror="window.__xss = 1"><script>window.__xss = 2</script>',
      '[click](javascript:window.__xss=3) <a href="javascript:window.__xss=4">x</a>',
      '<iframe src="about:blank"></iframe><p style="position:fixed;inset:0">cover</p><form><input></form>',
      '<svg><script>window.__xss = 5</script></svg> Press <kbd>Ctrl</kbd>',
    ].join('\n'),
    'Tab',
  );
  await editor(page)
    .getByRole('group', { name: 'Context: write or preview' })
    .getByRole('button', { name: 'Preview' })
    .click();
  const preview = editor(page).getByRole('region', { name: 'Context preview' });
  await preview.locator('strong', { hasText: 'ACID' }).waitFor();
  await preview.locator('table td', { hasText: 'PostgreSQL' }).waitFor();
  await preview.locator('kbd', { hasText: 'Ctrl' }).waitFor();
  const html = (await preview.innerHTML()).toLowerCase();
  for (const bad of ['onerror', '<script', 'javascript:', '<iframe', 'style=', '<form', '<input']) {
    expect(html).not.toContain(bad);
  }
  const outside = preview.getByRole('link', { name: 'the docs' });
  expect(await outside.getAttribute('target')).toBe('_blank');
  expect(await outside.getAttribute('rel')).toBe('noopener noreferrer');
  expect(await preview.getByRole('link', { name: 'TDR' }).getAttribute('target')).toBeNull();
  await screenshot(page, 'decisions-markdown-preview');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await editor(page)
    .getByRole('group', { name: 'Context: write or preview' })
    .getByRole('button', { name: 'Write' })
    .click();
  await enter(textbox(editor(page), 'Context'), 'Orders need **ACID** transactions.', 'Tab');

  await enter(textbox(editor(page), 'Decision drivers'), '- No lost orders\n- Team knows SQL', 'Tab');
  await addOption(page, 1, 'PostgreSQL', 'ACID transactions\nMature tooling', 'Schema migrations needed');
  await addOption(page, 2, 'MongoDB', 'Flexible documents', 'Eventual consistency on secondaries');
  await editor(page).getByRole('combobox', { name: 'Chosen option' }).selectOption({ label: 'PostgreSQL' });
  await option(page, 1).getByText('Chosen').waitFor();
  await option(page, 2).scrollIntoViewIfNeeded();
  await screenshot(page, 'decisions-options');
  await editor(page).getByRole('combobox', { name: 'Status' }).selectOption('accepted');
  const date = editor(page).getByLabel('Date', { exact: true });
  await date.fill('2024-03-15');
  await date.press('Tab');
  await enter(textbox(editor(page), 'Trade-offs accepted'), 'Vertical scaling limits', 'Tab');

  // Each field edit is one undo step; Ctrl+Z outside a field being typed in undoes it.
  await enter(textbox(editor(page), 'Rationale'), 'Transactions matter most.', 'Tab');
  await page.keyboard.press('Control+z');
  await expect.poll(() => textbox(editor(page), 'Rationale').inputValue()).toBe('');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => textbox(editor(page), 'Rationale').inputValue()).toBe('Transactions matter most.');

  // Governs: link the database.
  await editor(page)
    .getByRole('combobox', { name: 'Component or connection to link' })
    .selectOption({ label: 'Database' });
  await editor(page).getByRole('button', { name: 'Link', exact: true }).click();
  await editor(page).getByRole('link', { name: 'Database' }).waitFor();
  await expect.poll(() => row(page, 'TDR-001').innerText()).toContain('Database');
  const status = row(page, 'TDR-001').getByText('accepted');
  await status.waitFor();
  await screenshot(page, 'decisions');

  await page.reload();
  await editor(page).getByRole('heading', { name: 'TDR-001' }).waitFor();
  expect(await textbox(editor(page), 'Decision title').inputValue()).toBe('PostgreSQL over MongoDB');
  expect(await textbox(editor(page), 'Context').inputValue()).toBe('Orders need **ACID** transactions.');
  expect(await textbox(editor(page), 'Decision drivers').inputValue()).toBe('No lost orders\nTeam knows SQL');
  expect(await textbox(option(page, 1), 'Option title').inputValue()).toBe('PostgreSQL');
  expect(await textbox(option(page, 1), 'Pros').inputValue()).toBe('ACID transactions\nMature tooling');
  expect(await textbox(option(page, 2), 'Cons').inputValue()).toBe('Eventual consistency on secondaries');
  const chosen = editor(page).getByRole('combobox', { name: 'Chosen option' });
  expect(await chosen.locator('option:checked').innerText()).toBe('PostgreSQL');
  expect(await editor(page).getByRole('combobox', { name: 'Status' }).inputValue()).toBe('accepted');
  expect(await editor(page).getByLabel('Date', { exact: true }).inputValue()).toBe('2024-03-15');
  expect(await textbox(editor(page), 'Trade-offs accepted').inputValue()).toBe('Vertical scaling limits');
  expect(await textbox(editor(page), 'Rationale').inputValue()).toBe('Transactions matter most.');
  expect(await row(page, 'TDR-001').innerText()).toContain('2024-03-15');

  // A governed component opens its diagram, selected.
  await editor(page).getByRole('link', { name: 'Database' }).click();
  await page.locator('.svelte-flow').waitFor();
  expect(new URL(page.url()).hash).toMatch(/^#\/cs\/[^/]+\/d\/[^/]+$/);
  await page.locator('.svelte-flow__node.selected').getByText('Database', { exact: true }).waitFor();
  expect(await page.locator('.svelte-flow__node.selected').count()).toBe(1);
});

test('a user scores a decision matrix, sees the ranking and a warning, and supersedes the decision', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await openDecisions(page);
  await recordDecision(page, 'PostgreSQL over MongoDB');

  await editor(page).getByRole('button', { name: 'Add decision matrix' }).click();
  await enter(textbox(editor(page), 'Criterion 1 name'), 'Consistency');
  await enter(spin(page, 'Weight of Consistency'), '3');
  await editor(page).getByRole('button', { name: 'Add criterion' }).click();
  await enter(textbox(editor(page), 'Criterion 2 name'), 'Flexibility');
  await enter(spin(page, 'Score of PostgreSQL for Consistency'), '5');
  await enter(spin(page, 'Score of MongoDB for Consistency'), '2');
  await enter(spin(page, 'Score of PostgreSQL for Flexibility'), '2');
  await enter(spin(page, 'Score of MongoDB for Flexibility'), '9'); // clamped to 5

  const ranking = editor(page).getByRole('list', { name: 'Ranking' });
  // PostgreSQL 3×5 + 1×2 = 17, MongoDB 3×2 + 1×5 = 11.
  await expect
    .poll(() => ranking.getByRole('listitem').allInnerTexts())
    .toEqual([
      expect.stringMatching(/#1\s+PostgreSQL\s+17 \(85%\)\s+Top option/),
      expect.stringMatching(/#2\s+MongoDB\s+11 \(55%\)/),
    ]);
  expect(await spin(page, 'Score of MongoDB for Flexibility').inputValue()).toBe('5');
  expect((await editor(page).getByRole('status').allInnerTexts()).join('')).not.toContain('top-scoring');

  // Flexibility now weighs more: MongoDB overtakes the chosen option, and a warning says so.
  await enter(spin(page, 'Weight of Flexibility'), '5');
  await expect.poll(() => ranking.getByRole('listitem').first().innerText()).toMatch(/#1\s+MongoDB\s+31/);
  const warning = async () => (await editor(page).getByRole('status').allInnerTexts()).join(' ');
  await expect
    .poll(warning)
    .toMatch(/Warning: the chosen option, PostgreSQL, is not the top-scoring option \(MongoDB\)/);
  const footer = editor(page).locator('tfoot');
  expect(await footer.innerText()).toMatch(/31\s*\/\s*40\s*Top · #1/);
  await editor(page).getByRole('list', { name: 'Ranking' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'decisions-matrix');

  // Undo takes back the weight; the warning goes.
  await page.keyboard.press('Control+z');
  await expect.poll(warning).not.toContain('top-scoring');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(warning).toContain('top-scoring');

  // Supersede: TDR-002 pre-filled, both linked, the matrix copied.
  await editor(page).getByRole('button', { name: 'Supersede' }).click();
  await editor(page).getByRole('heading', { name: 'TDR-002' }).waitFor();
  expect(await textbox(editor(page), 'Decision title').inputValue()).toBe('PostgreSQL over MongoDB');
  expect(await textbox(option(page, 2), 'Cons').inputValue()).toBe('Eventual consistency on secondaries');
  expect(await editor(page).getByRole('combobox', { name: 'Status' }).inputValue()).toBe('proposed');
  expect(await spin(page, 'Score of PostgreSQL for Consistency').inputValue()).toBe('5');
  await editor(page).getByRole('link', { name: 'TDR-001 · PostgreSQL over MongoDB' }).waitFor();
  await editor(page)
    .getByRole('paragraph')
    .filter({ hasText: /Supersedes TDR-001/ })
    .waitFor();
  await expect.poll(() => row(page, 'TDR-001').innerText()).toContain('superseded by TDR-002');

  await row(page, 'TDR-001').getByRole('link').click();
  await editor(page).getByRole('heading', { name: 'TDR-001' }).waitFor();
  await editor(page)
    .getByRole('paragraph')
    .filter({ hasText: /Superseded by TDR-002/ })
    .waitFor();
  expect(await editor(page).getByRole('button', { name: 'Supersede' }).isDisabled()).toBe(true);
  await screenshot(page, 'decisions-superseded');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'decisions-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.reload();
  await editor(page).getByRole('heading', { name: 'TDR-001' }).waitFor();
  expect(await row(page, 'TDR-001').innerText()).toContain('superseded by TDR-002');
  await editor(page).getByRole('link', { name: 'TDR-002 · PostgreSQL over MongoDB' }).waitFor();
});

test('a user searches and filters decisions, deletes one without renumbering the others, and undoes it', async () => {
  const app = await newApp(browser);
  const { page } = app;
  await newCaseStudy(page);
  await openDecisions(page);
  await recordDecision(page, 'PostgreSQL over MongoDB');
  await editor(page).getByRole('combobox', { name: 'Status' }).selectOption('accepted');
  await recordDecision(page, 'Kafka for order events');
  await enter(textbox(option(page, 2), 'Cons'), 'Partition rebalancing pauses consumers', 'Tab');
  await recordDecision(page, 'Redis as a read-through cache');
  await expect.poll(() => log(page).getByRole('row').count()).toBe(4); // header + 3

  // Full-text search reaches into the options' cons.
  const search = page.getByRole('searchbox', { name: 'Search decisions' });
  await search.fill('rebalancing');
  await expect
    .poll(() => log(page).locator('tbody tr').allInnerTexts())
    .toEqual([expect.stringContaining('Kafka for order events')]);
  await search.fill('nothing-like-this');
  await log(page).getByText('No decisions match').waitFor();
  // Ctrl+Z in the search box is the browser's text undo, not a record undo.
  const undoTitle = await log(page).getByRole('button', { name: 'Undo' }).getAttribute('title');
  await search.press('Control+z');
  expect(await log(page).getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(undoTitle);
  await search.fill('');

  // Filter by status.
  await log(page)
    .getByRole('button', { name: /^Accepted/ })
    .click();
  await expect
    .poll(() => log(page).locator('tbody tr').allInnerTexts())
    .toEqual([expect.stringContaining('TDR-001')]);
  await log(page)
    .getByRole('button', { name: /^Accepted/ })
    .click();

  // Sort by status (proposed, accepted, …), then reversed; ties by number.
  await log(page).getByRole('combobox', { name: 'Sort by' }).selectOption('status');
  await expect
    .poll(() => log(page).locator('tbody td.num').allInnerTexts())
    .toEqual(['TDR-002', 'TDR-003', 'TDR-001']);
  await log(page).getByRole('button', { name: 'Ascending order' }).click();
  await expect
    .poll(() => log(page).locator('tbody td.num').allInnerTexts())
    .toEqual(['TDR-001', 'TDR-002', 'TDR-003']);
  await log(page).getByRole('button', { name: 'Descending order' }).click();
  await log(page).getByRole('combobox', { name: 'Sort by' }).selectOption('number');

  // Delete TDR-002: the others keep their numbers.
  await row(page, 'TDR-002').getByRole('link').click();
  await editor(page).getByRole('heading', { name: 'TDR-002' }).waitFor();
  await editor(page).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete decision' }).click();
  await expect.poll(() => log(page).locator('tbody td.num').allInnerTexts()).toEqual(['TDR-001', 'TDR-003']);
  await page.getByRole('heading', { name: 'Select a decision' }).waitFor();

  // Ctrl+Z brings it back with its number.
  await page.keyboard.press('Control+z');
  await expect
    .poll(() => log(page).locator('tbody td.num').allInnerTexts())
    .toEqual(['TDR-001', 'TDR-002', 'TDR-003']);
  // Stored: a second tab shows it too, and so does a reload.
  const second = await app.openTab(`/${new URL(page.url()).hash}`);
  await expect
    .poll(() => log(second).locator('tbody td.num').allInnerTexts())
    .toEqual(['TDR-001', 'TDR-002', 'TDR-003']);
  await second.close();
  await page.reload();
  await expect
    .poll(() => log(page).locator('tbody td.num').allInnerTexts())
    .toEqual(['TDR-001', 'TDR-002', 'TDR-003']);

  // A deleted number is never given out again.
  await row(page, 'TDR-003').getByRole('link').click();
  await editor(page).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete decision' }).click();
  await expect.poll(() => log(page).locator('tbody td.num').allInnerTexts()).toEqual(['TDR-001', 'TDR-002']);
  await log(page).getByRole('button', { name: 'New decision' }).click();
  await editor(page).getByRole('heading', { name: 'TDR-004' }).waitFor();
});
