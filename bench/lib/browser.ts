import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/harness';

/** The e2e tests' flags, and rAF and timers kept at full rate even if Chromium thinks the page is in the background. */
export const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

/** Headless Chromium for the bench: `$CHROME_PATH`, else Debian's /usr/bin/chromium. */
export async function launchBenchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's chromium or set CHROME_PATH.`);
  }
  return chromium.launch({ executablePath, headless: true, args: BENCH_CHROMIUM_ARGS });
}
