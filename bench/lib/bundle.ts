/**
 * Initial JavaScript: every script the browser actually fetches when it opens the app's first
 * page ('/') in an empty profile, gzipped here with zlib (level 9, as Vite's own report).
 * Lazily imported chunks (Mermaid, the ELK worker…) count only if that page loads them.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { newBenchContext } from './app';

export interface ScriptFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface InitialJs {
  gzipKb: number;
  files: ScriptFile[];
}

export async function measureInitialJs(browser: Browser, appUrl: string): Promise<InitialJs> {
  const context = await newBenchContext(browser, null);
  try {
    const page = await context.newPage();
    const pending: Promise<ScriptFile | null>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      const contentType = response.headers()['content-type'] ?? '';
      if (type !== 'script' && !/javascript/.test(contentType)) return;
      pending.push(
        response.body().then(
          (body) => ({
            path: new URL(response.url()).pathname,
            bytes: body.length,
            gzipBytes: gzipSync(body, { level: 9 }).length,
          }),
          () => null,
        ),
      );
    });
    await page.goto(`${appUrl}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    const files = (await Promise.all(pending)).filter((f): f is ScriptFile => f !== null);
    const gzipKb = files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1000;
    return { gzipKb, files };
  } finally {
    await context.close();
  }
}
