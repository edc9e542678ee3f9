// Decisions attached to the diagram: created from the inspector, counted on the node, and
// their links removed with a deleted component and restored by undo.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp } from './harness';
import { node } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const badge = (page: Page) => page.getByRole('button', { name: '1 decision about Orders DB' });

test('a decision created from a component inspector shows on its node, and undo of a delete restores the link', async () => {
  const { page } = await newApp(browser);
  await page.getByRole('button', { name: 'New case study' }).first().click();
  await page.getByRole('button', { name: 'Add Database' }).click();
  await node(page, 'Database').dblclick();
  await page.getByRole('textbox', { name: 'Component label' }).fill('Orders DB');
  await page.keyboard.press('Enter');
  await node(page, 'Orders DB (Database)').click();

  await page.getByRole('button', { name: 'New linked decision' }).click();
  await page.waitForURL(/\/decisions\/dec_/);
  await page.getByRole('link', { name: 'Diagram', exact: true }).click();
  await badge(page).waitFor();

  // The badge opens the component's decisions in the inspector.
  await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
  await badge(page).click();
  await page
    .getByRole('list', { name: 'Linked decisions' })
    .getByRole('link', { name: /TDR-001/ })
    .waitFor();

  await node(page, 'Orders DB (Database)').click();
  await page.keyboard.press('Delete');
  await expect.poll(() => page.locator('.svelte-flow__node').count()).toBe(0);
  await page.keyboard.press('Control+z');
  await badge(page).waitFor();

  await page.reload();
  await badge(page).waitFor();
});
