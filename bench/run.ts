/**
 * `npm run bench`: builds the app (the npm script runs `vite build` first), serves it, and
 * measures it in Debian's Chromium; prints a table and writes bench/results.json.
 * Run through Vitest (bench/vitest.bench.config.ts) so it can import the app's TypeScript
 * model; it is one long "test" that fails only if the bench itself cannot run.
 *
 * Environment: BENCH_SIZES=100,500 (canvas sizes; default 100,500,1000,2000),
 * BENCH_LAYOUT_SIZES (default: BENCH_SIZES up to 1,000), CHROME_PATH (default /usr/bin/chromium).
 * See bench/README.md for what each figure means.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { test } from 'vitest';
import { serializeBackup } from '../src/lib/model/backup';
import {
  collectErrors,
  importThroughUi,
  measureBareCanvas,
  measureOurCanvas,
  newBenchContext,
} from './lib/app';
import { launchBenchBrowser } from './lib/browser';
import { measureInitialJs } from './lib/bundle';
import { generateDiagram, toBareData, type SeededDiagram } from './lib/generate';
import { measureLayoutInApp } from './lib/layout';
import {
  formatReport,
  round1,
  type CanvasExtras,
  type CanvasResult,
  type LayoutExtras,
  type LayoutResult,
  type Results,
} from './lib/report';
import { buildAndServePages, REPO_ROOT, serveApp, type Served } from './lib/servers';

function sizesFrom(value: string | undefined, fallback: number[]): number[] {
  if (!value?.trim()) return fallback;
  const sizes = value
    .split(',')
    .map((s) => Number(s.trim().replace(/_/g, '')))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (sizes.length === 0) throw new Error(`could not read sizes from "${value}" (e.g. BENCH_SIZES=100,500)`);
  return sizes;
}

const CANVAS_SIZES = sizesFrom(process.env.BENCH_SIZES, [100, 500, 1000, 2000]);
const LAYOUT_SIZES = sizesFrom(
  process.env.BENCH_LAYOUT_SIZES,
  CANVAS_SIZES.filter((n) => n <= 1000),
);

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

test('bench', async () => {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const work = await mkdtemp(join(tmpdir(), 'faultline-bench-'));
  const servers: Served[] = [];
  let browser: Browser | null = null;
  const warnings: string[] = [];
  try {
    log('building the bench page (bare Svelte Flow) …');
    const app = await serveApp();
    servers.push(app);
    const pages = await buildAndServePages(join(work, 'pages'));
    servers.push(pages);
    browser = await launchBenchBrowser();
    const chromiumVersion = browser.version();

    const diagrams = new Map<number, SeededDiagram>();
    const seeded = (n: number): SeededDiagram => {
      let d = diagrams.get(n);
      if (!d) {
        d = generateDiagram(n);
        diagrams.set(n, d);
      }
      return d;
    };

    // --- Canvas ------------------------------------------------------------------------------
    const canvas: CanvasResult[] = [];
    const canvasExtras: CanvasExtras[] = [];
    for (const n of CANVAS_SIZES) {
      const d = seeded(n);
      const file = join(work, `faultline-bench-${n}.json`);
      await writeFile(file, serializeBackup(d.bundle, new Date(Date.UTC(2024, 4, 7, 10))));
      const expected = { nodes: d.components + d.boundaries, edges: d.connections };

      log(`${n} components: import through the UI, open, pan, drag …`);
      const ours = await (async () => {
        const context = await newBenchContext(browser!, expected);
        try {
          const page = await context.newPage();
          collectErrors(page, warnings, `app ${n}`);
          const url = await importThroughUi(page, app.url, file, d.title);
          return await measureOurCanvas(page, url);
        } finally {
          await context.close();
        }
      })();

      log(`${n} components: bare Svelte Flow page …`);
      const bare = await (async () => {
        const context = await newBenchContext(browser!, expected);
        try {
          const page = await context.newPage();
          collectErrors(page, warnings, `bare ${n}`);
          return await measureBareCanvas(page, pages.url, toBareData(d.rows), ours.pane);
        } finally {
          await context.close();
        }
      })();

      canvas.push({
        components: n,
        connections: d.connections,
        openMs: round1(ours.openMs),
        panZoomedInFps: round1(ours.zoomedIn.fps),
        panOverviewFps: round1(ours.overview.fps),
        panOverviewP95Ms: round1(ours.overview.p95Ms),
        barePanOverviewFps: round1(bare.overview.fps),
        barePanOverviewP95Ms: round1(bare.overview.p95Ms),
        dragP95Ms: round1(ours.drag.p95Ms),
      });
      canvasExtras.push({
        components: n,
        boundaries: d.boundaries,
        openRunsMs: ours.openRunsMs,
        bareOpenMs: bare.openMs,
        fitZoom: ours.fitZoom,
        bareFitZoom: bare.fitZoom,
        zoomedInZoom: ours.zoomedInZoom,
        panZoomedInP95Ms: ours.zoomedIn.p95Ms,
        barePanZoomedInFps: bare.zoomedIn.fps,
        barePanZoomedInP95Ms: bare.zoomedIn.p95Ms,
        dragFps: ours.drag.fps,
      });
      if (Math.abs(ours.zoomedInZoom - 1) > 0.01)
        warnings.push(`${n}: zoomed-in pan ran at zoom ${ours.zoomedInZoom}`);
    }

    // --- Auto-layout ---------------------------------------------------------------------------
    const layout: LayoutResult[] = [];
    const layoutExtras: LayoutExtras[] = [];
    for (const n of LAYOUT_SIZES) {
      log(`${n} components: auto-layout (Arrange in the app) …`);
      const d = seeded(n);
      const file = join(work, `faultline-bench-${n}.json`);
      if (!existsSync(file)) {
        await writeFile(file, serializeBackup(d.bundle, new Date(Date.UTC(2024, 4, 7, 10))));
      }
      const r = await measureLayoutInApp(browser, app.url, file, d);
      layout.push({
        components: n,
        ms: round1(r.ms),
        // Long tasks (> 50 ms) when there were any; otherwise the heartbeat's longest gap.
        longestMainTaskMs: round1(Math.max(r.longestLongTaskMs, r.longestGapMs)),
        applyMs: round1(r.applyMs),
      });
      layoutExtras.push({
        components: n,
        clickToPaintMs: round1(r.clickToPaintMs),
        secondMs: round1(r.secondMs),
        secondApplyMs: round1(r.secondApplyMs),
        longestLongTaskMs: r.longestLongTaskMs,
        movedNodes: r.movedNodes,
        nodes: r.nodes,
      });
    }

    // --- Initial JS ----------------------------------------------------------------------------
    log('initial JavaScript of the first page …');
    const js = await measureInitialJs(browser, app.url);

    const results: Results = {
      date: new Date().toISOString(),
      chromium: chromiumVersion,
      canvas,
      layout,
      initialJsGzipKb: round1(js.gzipKb),
    };
    await writeFile(join(REPO_ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `\n${formatReport(results, {
        canvas: canvasExtras,
        layout: layoutExtras,
        scripts: js.files,
        seconds,
        load: [loadAtStart, loadavg()[0] ?? 0],
        warnings,
      })}\n\n`,
    );
  } finally {
    await browser?.close();
    for (const s of servers.reverse()) await s.close();
    await rm(work, { recursive: true, force: true });
  }
});
