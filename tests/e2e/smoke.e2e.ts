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

test('the app opens in an empty browser profile', async () => {
  const { page } = await newApp(browser);

  expect(await page.title()).toBe('Faultline');
  // The app mounts into #app; wait until it has rendered something.
  await page.waitForFunction(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0);
  expect((await page.locator('#app').innerText()).trim()).not.toBe('');

  await screenshot(page, 'smoke-home');
});
