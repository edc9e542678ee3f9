// Helpers for the browser end-to-end tests: Debian's Chromium driven by playwright-core
// against the built app served by global-setup.ts.
//
//   let browser: Browser;
//   beforeAll(async () => (browser = await launchBrowser()));
//   afterAll(() => browser?.close());
//
//   test('user does something', async () => {
//     const { page } = await newApp(browser); // fresh profile: IndexedDB starts empty
//     …
//   });
//
// newApp() closes its context when the test finishes and fails the test if any page of that
// context threw an uncaught error.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';

/** Where screenshots go (gitignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/**
 * Flags for a headless Chromium in a container, as root, on a machine without outside network:
 * no sandbox (root), no GPU, and none of Chromium's own background connections.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Launches headless Chromium: `$CHROME_PATH`, else Debian's /usr/bin/chromium, with the flags
 * above and `extraArgs` (the bench adds its own).
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install Debian's package (apt-get install chromium) ` +
        'or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface App {
  /** A fresh, isolated browser profile (own IndexedDB, localStorage, cookies). */
  context: BrowserContext;
  /** The first tab, already on the app unless `open: false` was given. */
  page: Page;
  /** Origin of the preview server; `page.goto('/')` resolves against it. */
  baseURL: string;
  /** Uncaught errors thrown in any tab of this context; the test fails if any remain. */
  pageErrors: Error[];
  /** `console.error` messages from any tab, for tests to assert on. */
  consoleErrors: string[];
  /** Opens another tab in the same profile (same IndexedDB), watched like the first. */
  openTab(path?: string): Promise<Page>;
}

export interface NewAppOptions {
  /** Path to open in the first tab, or `false` to leave it blank. Default `/`. */
  open?: string | false;
  /** Do not fail the test on uncaught page errors (for tests that provoke them). */
  allowPageErrors?: boolean;
}

/**
 * A new browser context (fresh storage) with one tab on the app, 1400×900, downloads accepted.
 * Must be called inside a test: it registers the context's clean-up with `onTestFinished`.
 */
export async function newApp(browser: Browser, options: NewAppOptions = {}): Promise<App> {
  const baseURL = inject('baseURL');
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(10_000);

  const pageErrors: Error[] = [];
  const consoleErrors: string[] = [];
  const watched = new WeakSet<Page>();
  const watch = (page: Page): void => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('pageerror', (error) => pageErrors.push(error));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const { url, lineNumber } = message.location();
        consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
      }
    });
  };
  context.on('page', watch);

  onTestFinished(async () => {
    await context.close();
    if (pageErrors.length > 0 && !options.allowPageErrors) {
      const list = pageErrors.map((e) => `  - ${e.stack ?? e.message}`).join('\n');
      throw new Error(`Uncaught error(s) in the page:\n${list}`);
    }
  });

  const openTab = async (path = '/'): Promise<Page> => {
    const page = await context.newPage();
    watch(page);
    await page.goto(path);
    return page;
  };

  const page = await context.newPage();
  watch(page);
  if (options.open !== false) await page.goto(options.open ?? '/');

  return { context, page, baseURL, pageErrors, consoleErrors, openTab };
}

/** Saves a PNG of the viewport to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}${name.replace(/[^\w.-]+/g, '-')}.png`;
  await page.screenshot({ path });
  return path;
}

export interface DownloadedFile {
  /** The name the app suggested (`download` attribute or Content-Disposition). */
  filename: string;
  /** The file's content as UTF-8 text. */
  text: string;
}

/** Runs `trigger` (e.g. a click on an export button) and returns the file it downloaded. */
export async function download(page: Page, trigger: () => Promise<unknown>): Promise<DownloadedFile> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await file.path();
  return { filename: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}
