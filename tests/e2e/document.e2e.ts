// The Document view: the fields the templates fill, with a live, sanitised preview.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a user writes the document and sees it rendered, sanitised, with diagrams', async () => {
  const { page } = await newApp(browser);
  await page.getByText('New from template').click();
  await page.getByRole('button', { name: /Payment checkout/ }).click();
  await page.locator('.svelte-flow__node').first().waitFor();

  await page.getByRole('link', { name: 'Document' }).click();
  await page.getByRole('combobox', { name: 'Template' }).selectOption('star-plus');
  const preview = page.getByRole('article', { name: 'Document preview' });
  await expect.poll(() => preview.locator('h1').count()).toBeGreaterThan(0);

  // Markdown renders; raw HTML with handlers does not survive.
  const situation = page.getByRole('textbox', { name: 'Situation' });
  await situation.fill('Checkout was **really slow** <img src=x onerror=alert(1)> at peak.');
  await situation.blur();
  await expect
    .poll(() => preview.locator('strong', { hasText: 'really slow' }).count(), { timeout: 5000 })
    .toBe(1);
  expect(await preview.locator('img[onerror]').count()).toBe(0);
  expect(await preview.innerHTML()).not.toMatch(/<img[^>]*onerror/i);

  // A non-goal without a reason is flagged until it has one.
  const nonGoals = page.getByRole('textbox', { name: /^Non-goal \d+$/ });
  const before = await nonGoals.count();
  await page.getByRole('button', { name: 'Add non-goal' }).click();
  await expect.poll(() => nonGoals.count()).toBe(before + 1);
  const count = before + 1;
  const nonGoal = page.getByRole('textbox', { name: `Non-goal ${count}`, exact: true });
  await nonGoal.fill('Multi-currency support');
  await nonGoal.blur();
  const item = page.locator('li.non-goal').nth(count - 1);
  const flag = item.getByText('No reason given', { exact: false });
  await expect.poll(() => flag.isVisible()).toBe(true);
  await item.scrollIntoViewIfNeeded();
  await screenshot(page, 'document-non-goal-flag');
  const why = page.getByRole('textbox', { name: `Why non-goal ${count} is out of scope` });
  await why.fill('Only EUR at launch');
  await why.blur();
  await expect.poll(() => flag.count()).toBe(0);
  await expect.poll(() => preview.textContent(), { timeout: 5000 }).toContain('Only EUR at launch');

  // Goals: add one.
  const goals = page.getByRole('textbox', { name: /^Goal \d+$/ });
  const goalsBefore = await goals.count();
  await page.getByRole('button', { name: 'Add goal' }).click();
  await expect.poll(() => goals.count()).toBe(goalsBefore + 1);
  const goal = page.getByRole('textbox', { name: `Goal ${goalsBefore + 1}`, exact: true });
  await goal.fill('p99 checkout under 300 ms');
  await goal.blur();
  await expect.poll(() => preview.textContent(), { timeout: 5000 }).toContain('p99 checkout under 300 ms');

  // At least one Mermaid diagram drawn as SVG.
  await expect
    .poll(() => preview.locator('.mermaid-diagram svg').count(), { timeout: 15000 })
    .toBeGreaterThan(0);
  expect(await preview.locator('.mermaid-error').count()).toBe(0);
  await screenshot(page, 'document-view');
  await page.emulateMedia({ colorScheme: 'dark' });
  await preview.locator('.mermaid-diagram').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'document-mermaid-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Everything persisted.
  await page.reload();
  await page.getByRole('textbox', { name: 'Situation' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Situation' }).inputValue()).toContain('**really slow**');
  expect(await page.getByRole('combobox', { name: 'Template' }).inputValue()).toBe('star-plus');
  expect(await page.getByRole('textbox', { name: `Non-goal ${count}`, exact: true }).inputValue()).toBe(
    'Multi-currency support',
  );
  expect(
    await page.getByRole('textbox', { name: `Why non-goal ${count} is out of scope` }).inputValue(),
  ).toBe('Only EUR at launch');
  expect(
    await page
      .getByRole('textbox', { name: /^Goal \d+$/ })
      .last()
      .inputValue(),
  ).toBe('p99 checkout under 300 ms');
  await expect
    .poll(() => preview.locator('.mermaid-diagram svg').count(), { timeout: 15000 })
    .toBeGreaterThan(0);
});
