// Diagram tabs: a case study holds several diagrams; the user adds, switches, renames,
// duplicates, reorders and deletes them, and finds them as they left them after a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';
import { node, nodes } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const tablist = (page: Page) => page.getByRole('tablist', { name: 'Diagrams' });
const tab = (page: Page, name: string) => tablist(page).getByRole('tab', { name, exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Tab names in order, the selected one marked with a star. */
async function tabNames(page: Page): Promise<string[]> {
  return tablist(page)
    .getByRole('tab')
    .evaluateAll((els) =>
      els.map((el) => `${el.textContent?.trim()}${el.getAttribute('aria-selected') === 'true' ? ' *' : ''}`),
    );
}

async function newCaseStudy(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New case study' }).first().click();
  await page.locator('.svelte-flow').waitFor();
  await tablist(page).waitFor();
}

/** Open the selected diagram's actions menu and click one of its actions. */
async function diagramAction(page: Page, diagram: string, action: string): Promise<void> {
  await button(page, `Actions for diagram ${diagram}`).click();
  await button(page, action).click();
}

test('a user adds a second diagram, renames, duplicates, reorders and deletes tabs, and a reload keeps them', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  expect(await tabNames(page)).toEqual(['System *']);
  await button(page, 'Add Service').click();
  await node(page, 'Service').waitFor();

  // A new diagram opens empty, in its own selected tab.
  await button(page, 'Add diagram').click();
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Diagram 2 *']);
  await expect.poll(() => page.url()).toMatch(/#\/cs\/cs_[^/]+\/d\/dgm_/);
  await page.locator('.svelte-flow').waitFor();
  await expect.poll(() => nodes(page).count()).toBe(0);
  await button(page, 'Add Queue').click();
  await node(page, 'Queue').waitFor();

  // Each tab has its own canvas.
  await tab(page, 'System').click();
  await node(page, 'Service').waitFor();
  expect(await nodes(page).count()).toBe(1);
  await tab(page, 'Diagram 2').click();
  await node(page, 'Queue').waitFor();

  // Rename by double-clicking the tab.
  await tab(page, 'Diagram 2').dblclick();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Diagram name' }).fill('Checkout flow');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Checkout flow *']);
  await page.reload();
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Checkout flow *']);
  await node(page, 'Queue').waitFor();

  // Duplicate: the copy comes right after the original, selected, with the Queue on it.
  await diagramAction(page, 'Checkout flow', 'Duplicate diagram Checkout flow');
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Checkout flow', 'Checkout flow (copy) *']);
  await node(page, 'Queue').waitFor();
  expect(await nodes(page).count()).toBe(1);

  // Move it left: the menu stays open; at the left end "Move left" is disabled.
  await diagramAction(page, 'Checkout flow (copy)', 'Move diagram Checkout flow (copy) left');
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Checkout flow (copy) *', 'Checkout flow']);
  await button(page, 'Move diagram Checkout flow (copy) left').click();
  await expect.poll(() => tabNames(page)).toEqual(['Checkout flow (copy) *', 'System', 'Checkout flow']);
  expect(await button(page, 'Move diagram Checkout flow (copy) left').isDisabled()).toBe(true);
  await button(page, 'Move diagram Checkout flow (copy) right').click();
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Checkout flow (copy) *', 'Checkout flow']);
  await page.keyboard.press('Escape');
  await expect.poll(() => button(page, 'Move diagram Checkout flow (copy) right').isVisible()).toBe(false);
  await screenshot(page, 'diagram-tabs');

  // Delete it (after confirming): a neighbour is selected, two tabs remain.
  await diagramAction(page, 'Checkout flow (copy)', 'Delete diagram Checkout flow (copy)');
  await expect
    .poll(() => dialog.textContent())
    .toContain('Delete diagram “Checkout flow (copy)”? Its components and connections are deleted too.');
  await dialog.getByRole('button', { name: 'Delete diagram' }).click();
  await expect.poll(() => tabNames(page)).toEqual(['System *', 'Checkout flow']);
  await node(page, 'Service').waitFor();

  await page.reload();
  await expect.poll(() => tabNames(page)).toEqual(['System *', 'Checkout flow']);
  await tab(page, 'Checkout flow').click();
  await node(page, 'Queue').waitFor();
  expect(await nodes(page).count()).toBe(1);
});

test('a keyboard user moves along the tabs with the arrow keys and opens one with Enter', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await button(page, 'Add diagram').click();
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Diagram 2 *']);
  await button(page, 'Add diagram').click();
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Diagram 2', 'Diagram 3 *']);

  // Only the selected tab is in the Tab order.
  const tabIndexes = await tablist(page)
    .getByRole('tab')
    .evaluateAll((els) => els.map((el) => el.getAttribute('tabindex')));
  expect(tabIndexes).toEqual(['-1', '-1', '0']);

  await tab(page, 'Diagram 3').focus();
  await page.keyboard.press('ArrowRight'); // wraps round to the first
  expect(await tab(page, 'System').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('ArrowRight');
  expect(await tab(page, 'Diagram 2').evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await tabNames(page)).toEqual(['System', 'Diagram 2', 'Diagram 3 *']); // focus is not selection
  await page.keyboard.press('Enter');
  await expect.poll(() => tabNames(page)).toEqual(['System', 'Diagram 2 *', 'Diagram 3']);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press(' ');
  await expect.poll(() => tabNames(page)).toEqual(['System *', 'Diagram 2', 'Diagram 3']);

  // F2 renames the focused tab; Escape closes the actions menu and returns focus to its button.
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Diagram name' }).fill('Overview');
  await page.keyboard.press('Enter');
  await expect.poll(() => tabNames(page)).toEqual(['Overview *', 'Diagram 2', 'Diagram 3']);
  const actions = button(page, 'Actions for diagram Overview');
  await actions.focus();
  await page.keyboard.press('Enter');
  const rename = button(page, 'Rename diagram Overview');
  await expect.poll(() => rename.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => rename.isVisible()).toBe(false);
  expect(await actions.evaluate((el) => el === document.activeElement)).toBe(true);
});

test('the only diagram of a case study cannot be deleted', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await button(page, 'Actions for diagram System').click();
  await button(page, 'Rename diagram System').waitFor();
  expect(await button(page, 'Delete diagram System').count()).toBe(0);
  expect(await button(page, 'Move diagram System left').isDisabled()).toBe(true);
  expect(await button(page, 'Move diagram System right').isDisabled()).toBe(true);
});
