import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/harness';

/** rAF and timers kept at full rate even if Chromium thinks the page is in the background. */
const BENCH_EXTRA_ARGS = [
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

/** Headless Chromium for the bench: the e2e tests' launch and flags, plus no backgrounding. */
export function launchBenchBrowser(): Promise<Browser> {
  return launchBrowser(BENCH_EXTRA_ARGS);
}
