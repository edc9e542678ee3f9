/**
 * A/B profiling of the canvas (not part of `npm run bench`): serves one or more built copies
 * of the app, imports the same seeded diagram into each, and measures the overview pan, the
 * zoom-1 pan and a node drag, alternating between the builds round by round, so machine load
 * hits every build alike. Besides the frame figures it records a Chromium trace of each
 * gesture and prints the CPU time (thread time) each thread spent per changed frame, and the
 * main thread's biggest trace events: on a shared machine these move far less than fps do.
 *
 *   BENCH_FILE=bench/profile.ts PROFILE_DISTS=/tmp/a,/tmp/b npx vitest run --config bench/vitest.bench.config.ts
 *
 * PROFILE_SIZE (default 1000), PROFILE_ROUNDS (default 2), PROFILE_GESTURES (overview,zoom1,drag),
 * PROFILE_TRACE_OUT (a folder to keep the raw traces in).
 *
 * Zoom-1 diagnostics: PROFILE_LAYERS=1 counts Chromium's compositing layers (by reason) while a
 * pan's button is held; PROFILE_MUT=1 lists the DOM mutations made during the pan (which elements
 * change on every frame); PROFILE_DUMP=file.html saves the page as static HTML with its CSS
 * inlined just before the pan, to bisect paint and layerisation costs without the app (change
 * the viewport's transform in a requestAnimationFrame loop and trace that).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { test } from 'vitest';
import { serializeBackup } from '../src/lib/model/backup';
import { importThroughUi, newBenchContext } from './lib/app';
import { launchBenchBrowser } from './lib/browser';
import {
  dragNodeFor,
  emptyPanePoint,
  grabbableNode,
  fitView,
  median,
  openCanvas,
  panAcross,
  panFor,
  settle,
  zoomAroundEmptySpot,
  zoomOf,
  type FrameStats,
} from './lib/canvas';
import { generateDiagram, toBareData } from './lib/generate';
import { buildAndServePages, REPO_ROOT, serve, type Served } from './lib/servers';
import { measureLayoutInApp } from './lib/layout';

const DISTS = (process.env.PROFILE_DISTS ?? join(REPO_ROOT, 'dist')).split(',').filter(Boolean);
/** Experiment flags, set as localStorage 'fl-perf' before the app starts: "a,b;c" runs two variants. */
const VARIANTS = (process.env.PROFILE_VARIANTS ?? '').split(';');
const SIZE = Number(process.env.PROFILE_SIZE ?? 1000);
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 2);
const GESTURES = (process.env.PROFILE_GESTURES ?? 'open,overview,zoom1,drag').split(',');
const TRACE_OUT = process.env.PROFILE_TRACE_OUT;

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
  'viz',
  ...(process.env.PROFILE_CATEGORIES ?? '').split(',').filter(Boolean),
];

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

interface CpuSummary {
  /** Thread time (ms) of top-level tasks per thread kind. */
  threads: Record<string, number>;
  /** Main thread: self thread time (ms) of the biggest event names. */
  main: [string, number][];
}

function summarise(events: TraceEvent[]): CpuSummary {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  }
  const time = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  // The page's renderer: the CrRendererMain with the most work.
  const mainWork = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask') continue;
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) === 'CrRendererMain') mainWork.set(key, (mainWork.get(key) ?? 0) + time(e));
  }
  const main = [...mainWork].sort((a, b) => b[1] - a[1])[0]?.[0];
  const rendererPid = main ? Number(main.split(':')[0]) : -1;
  const threads: Record<string, number> = {};
  const byName = new Map<string, number>();
  // Top-level events per thread (whatever their name), as thread time.
  const perThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.ts === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    let list = perThread.get(key);
    if (!list) perThread.set(key, (list = []));
    list.push(e);
  }
  for (const [key, list] of perThread) {
    list.sort((a, b) => a.ts! - b.ts! || (b.dur ?? 0) - (a.dur ?? 0));
    let end = -1;
    let total = 0;
    for (const e of list) {
      if (e.ts! < end) continue;
      total += time(e);
      end = e.ts! + (e.dur ?? 0);
    }
    const thread = (names.get(key) ?? '?').replace(/\d+$/, '');
    const label = Number(key.split(':')[0]) === rendererPid ? `renderer ${thread}` : thread;
    threads[label] = (threads[label] ?? 0) + total;
  }
  // Main thread: self time per event name (nested X events on one thread form a tree).
  const stack: { end: number; name: string }[] = [];
  const mainEvents = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.ts !== undefined)
    .sort((a, b) => a.ts! - b.ts! || (b.dur ?? 0) - (a.dur ?? 0));
  for (const e of mainEvents) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts!) stack.pop();
    const parent = stack[stack.length - 1];
    byName.set(e.name, (byName.get(e.name) ?? 0) + time(e));
    if (parent) byName.set(parent.name, (byName.get(parent.name) ?? 0) - time(e));
    stack.push({ end: e.ts! + (e.dur ?? 0), name: e.name });
  }
  return {
    threads,
    main: [...byName].sort((a, b) => b[1] - a[1]).slice(0, 14),
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** JS self time (ms) by function from a CDP CPU profile (PROFILE_JS=1; build with --minify false). */
async function jsProfile<T>(
  page: Page,
  run: () => Promise<T>,
): Promise<{ result: T; top: [string, number][] }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 250 });
  // Markers a measurement can call to limit the figures to one window (see samplesInWindow).
  await page.evaluate(() => {
    const spin = () => {
      const t = performance.now();
      while (performance.now() - t < 5) {
        // a few milliseconds of samples, so the marker shows in the profile
      }
    };
    Object.assign(window, {
      __profileWindowStart: function __profileWindowStart() {
        spin();
      },
      __profileWindowEnd: function __profileWindowEnd() {
        spin();
      },
    });
  });
  await session.send('Profiler.start');
  const result = await run();
  const { profile } = (await session.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await session.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (f: ProfileNode['callFrame']) =>
    `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  // Only the samples between the window markers, when the measurement called them.
  const stackHas = (id: number, name: string) => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      if (byId.get(n)?.callFrame.functionName === name) return true;
    }
    return false;
  };
  const startAt = profile.samples.findIndex((id) => stackHas(id, '__profileWindowStart'));
  const endAt = profile.samples.findIndex((id, i) => i > startAt && stackHas(id, '__profileWindowEnd'));
  const inWindow = (i: number) => startAt < 0 || (i > startAt && (endAt < 0 || i < endAt));
  if (startAt >= 0) {
    const count = (name: string) => profile.samples.filter((id) => stackHas(id, name)).length;
    process.stdout.write(
      `  profile window: samples ${startAt}–${endAt} of ${profile.samples.length} (markers ${count('__profileWindowStart')}, ${count('__profileWindowEnd')})\n`,
    );
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    if (!f || !inWindow(i)) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(keyOf(f), (self.get(keyOf(f)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf(byId.get(n)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  for (const name of (process.env.PROFILE_TOTALS ?? '').split(',').filter(Boolean)) {
    const hits = [...total].filter(([k]) => k.startsWith(`${name} `));
    for (const [k, ms] of hits) process.stdout.write(`  total ${ms.toFixed(0)} ms ${k}\n`);
  }
  // Who calls the heaviest native functions (PROFILE_CALLERS=querySelector,getBoundingClientRect; a name:line picks one function).
  for (const name of (process.env.PROFILE_CALLERS ?? '').split(',').filter(Boolean)) {
    const callers = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)?.callFrame;
      if (
        !f ||
        !inWindow(i) ||
        (name.includes(':') ? `${f.functionName || '(anon)'}:${f.lineNumber + 1}` : f.functionName) !== name
      )
        return;
      const chain: string[] = [];
      for (let n = parent.get(id); n !== undefined && chain.length < 4; n = parent.get(n)) {
        chain.push(keyOf(byId.get(n)!.callFrame));
      }
      const k = chain.join(' < ');
      callers.set(k, (callers.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    for (const [k, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 4)) {
      process.stdout.write(`  ${name} ${ms.toFixed(0)} ms from ${k}\n`);
    }
  }
  const top = [
    ...[...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, v]) => [`self ${k}`, v] as [string, number]),
    ...[...total]
      .filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.PROFILE_TOP ?? 40))
      .map(([k, v]) => [`total ${k}`, v] as [string, number]),
  ];
  return { result, top };
}

async function traced<T>(
  browser: Browser,
  page: Page,
  label: string,
  run: () => Promise<T>,
): Promise<{ result: T; cpu: CpuSummary }> {
  if (process.env.PROFILE_JS === '1') {
    const { result, top } = await jsProfile(page, run);
    process.stdout.write(
      `  JS self ms (${label}):\n${top.map(([k, ms]) => `    ${ms.toFixed(0).padStart(6)} ${k}`).join('\n')}\n`,
    );
    return { result, cpu: { threads: {}, main: [] } };
  }
  await browser.startTracing(page, { categories: CATEGORIES });
  let result: T;
  let cpu: CpuSummary;
  try {
    result = await run();
  } finally {
    const buffer = await browser.stopTracing();
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    if (TRACE_OUT) await writeFile(join(TRACE_OUT, `${label}.json`), buffer);
    cpu = summarise(parsed.traceEvents);
  }
  return { result, cpu };
}

interface Row {
  dist: string;
  round: number;
  gesture: string;
  stats?: FrameStats;
  openMs?: number;
  cpu?: CpuSummary;
  load: number;
}

function fmt(row: Row): string {
  const head = `${row.dist.padEnd(24)} r${row.round} ${row.gesture.padEnd(8)} load ${row.load.toFixed(1)}`;
  if (row.openMs !== undefined) return `${head}  open ${row.openMs.toFixed(0)} ms`;
  const s = row.stats!;
  const frames = Math.max(1, s.frames - 1);
  const total = Object.values(row.cpu!.threads).reduce((a, b) => a + b, 0);
  const threads =
    `all ${(total / frames).toFixed(1)} | ` +
    Object.entries(row.cpu!.threads)
      .filter(([, ms]) => ms / frames >= 0.5)
      .sort((a, b) => b[1] - a[1])
      .map(([t, ms]) => `${t} ${(ms / frames).toFixed(1)}`)
      .join(', ');
  const main = row
    .cpu!.main.slice(0, 10)
    .map(([n, ms]) => `${n} ${(ms / frames).toFixed(1)}`)
    .join(', ');
  return `${head}  ${s.fps.toFixed(1)} fps  p95 ${s.p95Ms.toFixed(1)} ms  (${s.frames} frames)\n    cpu ms/frame: ${threads}\n    main: ${main}`;
}

test('profile', async () => {
  const work = await mkdtemp(join(tmpdir(), 'faultline-profile-'));
  const servers: Served[] = [];
  let browser: Browser | null = null;
  const rows: Row[] = [];
  try {
    const d = generateDiagram(SIZE);
    const file = join(work, `faultline-bench-${SIZE}.json`);
    await writeFile(file, serializeBackup(d.bundle, new Date(Date.UTC(2024, 4, 7, 10))));
    const expected = { nodes: d.components + d.boundaries, edges: d.connections };
    for (const dist of DISTS) servers.push(await serve(REPO_ROOT, dist));
    browser = await launchBenchBrowser();
    const bare = process.env.PROFILE_BARE === '1' ? await buildAndServePages(join(work, 'pages')) : null;
    if (bare) servers.push(bare);
    let paneSize = { width: 0, height: 0 };
    if (GESTURES.includes('arrange')) {
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [i, dist] of DISTS.entries()) {
          const traceAround = async <T>(page: Page, run: () => Promise<T>) => {
            const { result, cpu } = await traced(browser!, page, `arrange-${i}`, run);
            const threads = Object.entries(cpu.threads).map(
              ([k, v]) => [`thread ${k}`, v] as [string, number],
            );
            return { result, top: [...threads, ...cpu.main] };
          };
          const r =
            process.env.PROFILE_TRACE_ARRANGE === '1'
              ? await measureLayoutInApp(browser, servers[i]!.url, file, d, traceAround)
              : process.env.PROFILE_JS === '1'
                ? await (async () => {
                    // Profile the whole run (import, open, two Arranges): read the apply functions' totals.
                    const ctx = await browser!.newContext();
                    await ctx.close();
                    return measureLayoutInApp(browser!, servers[i]!.url, file, d, jsProfile);
                  })()
                : await measureLayoutInApp(browser, servers[i]!.url, file, d);
          process.stdout.write(
            `${i}:${basename(dist)} r${round} arrange load ${(loadavg()[0] ?? 0).toFixed(1)}  ${JSON.stringify(r)}\n`,
          );
        }
      }
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [combo, [i, dist, variant]] of DISTS.flatMap((dist, i) =>
        VARIANTS.map((v) => [i, dist, v] as const),
      ).entries()) {
        const name = `${i}:${basename(dist)}${variant ? `[${variant}]` : ''}`;
        const context = await newBenchContext(browser, expected);
        await context.addInitScript((flags) => {
          try {
            localStorage.setItem('fl-perf', flags);
          } catch {
            // about:blank has no storage
          }
        }, variant);
        try {
          const page = await context.newPage();
          page.on('pageerror', (e) => process.stdout.write(`[profile] page error: ${e.message}\n`));
          const url = await importThroughUi(page, servers[i]!.url, file, d.title);
          const push = (row: Omit<Row, 'dist' | 'round' | 'load'>) => {
            const full = { ...row, dist: name, round, load: loadavg()[0] ?? 0 };
            rows.push(full);
            process.stdout.write(`${fmt(full)}\n`);
          };
          if (process.env.PROFILE_SHOTS) {
            await openCanvas(page, url);
            await page.screenshot({ path: join(process.env.PROFILE_SHOTS, `${combo}-first-open.png`) });
          }
          const opens: number[] = [];
          for (let k = 0; k < (GESTURES.includes('open') ? 3 : 1); k++)
            opens.push(await openCanvas(page, url));
          if (GESTURES.includes('open')) push({ gesture: 'open', openMs: median(opens) });
          if (GESTURES.includes('opentrace')) {
            const { result, cpu } = await traced(browser, page, `${combo}-r${round}-open`, () =>
              openCanvas(page, url),
            );
            push({ gesture: 'opentrace', stats: { fps: 0, p95Ms: result, frames: 2, seconds: 0 }, cpu });
          }
          const box = (await page.locator('.svelte-flow').first().boundingBox())!;
          paneSize = { width: Math.round(box.width), height: Math.round(box.height) };
          await fitView(page);
          const tag = `${combo}-r${round}`;
          const shots = process.env.PROFILE_SHOTS;
          if (shots) {
            const clip = {
              x: box.x + box.width / 2 - 200,
              y: box.y + box.height / 2 - 125,
              width: 400,
              height: 250,
            };
            await page.screenshot({ path: join(shots, `${tag}-overview.png`) });
            await page.screenshot({ path: join(shots, `${tag}-overview-crop.png`), clip });
            // The same view as a pan shows it (the pane's `moving` class: OverviewNodes instead of the nodes).
            await page.evaluate(() => document.querySelector('.pane')?.classList.add('moving'));
            await settle(page);
            await page.screenshot({ path: join(shots, `${tag}-overview-moving.png`) });
            await page.screenshot({ path: join(shots, `${tag}-overview-moving-crop.png`), clip });
            await page.evaluate(() => document.querySelector('.pane')?.classList.remove('moving'));
            await settle(page);
          }
          if (GESTURES.includes('lod')) {
            // One wheel step across the shapes-only threshold (0.25) and back: wheel until painted.
            const at = await emptyPanePoint(page);
            await page.mouse.move(at.x, at.y);
            const from = await zoomOf(page);
            const steps: string[] = [];
            for (let k = 0; k < 3; k++) {
              for (const target of [0.3, from]) {
                const zoom = await zoomOf(page);
                // Wheel until the first frame is painted, and the longest frame in the 800 ms after.
                const timing = page.evaluate(
                  () =>
                    new Promise<{ first: number; longest: number }>((resolve) => {
                      addEventListener(
                        'wheel',
                        () => {
                          const t0 = performance.now();
                          let first = 0;
                          let last = t0;
                          let longest = 0;
                          const tick = () => {
                            const t = performance.now();
                            longest = Math.max(longest, t - last);
                            last = t;
                            if (!first) first = t - t0;
                            if (t - t0 < 800) requestAnimationFrame(() => setTimeout(tick, 0));
                            else resolve({ first, longest });
                          };
                          requestAnimationFrame(() => setTimeout(tick, 0));
                        },
                        { once: true, capture: true },
                      );
                    }),
                );
                await page.mouse.wheel(0, 500 * Math.log2(zoom / target));
                const t = await timing;
                steps.push(
                  `${zoom.toFixed(2)}→${target.toFixed(2)} first ${t.first.toFixed(0)} longest ${t.longest.toFixed(0)} ms`,
                );
                await settle(page, 300);
              }
            }
            process.stdout.write(`${name} r${round} lod: ${steps.join(', ')}\n`);
          }
          if (GESTURES.includes('overview')) {
            const start = await emptyPanePoint(page);
            const { result, cpu } = await traced(browser, page, `${tag}-overview`, () =>
              panFor(page, 3000, start),
            );
            push({ gesture: 'overview', stats: result, cpu });
          }
          await zoomAroundEmptySpot(page, 1);
          if (shots) {
            await page.screenshot({ path: join(shots, `${tag}-zoom1.png`) });
            // The view as a mouse pan draws it (button held), and after the button is released.
            const at = await emptyPanePoint(page);
            await page.mouse.move(at.x, at.y);
            await page.mouse.down();
            await page.mouse.move(at.x - 40, at.y - 30, { steps: 4 });
            await settle(page);
            await page.screenshot({ path: join(shots, `${tag}-zoom1-panning.png`) });
            await page.mouse.up();
            await settle(page);
            await page.screenshot({ path: join(shots, `${tag}-zoom1-panned.png`) });
          }
          if (process.env.PROFILE_LAYERS) {
            // Chromium's compositing layers while the button is held, counted by reason (MADR 0015).
            const cdp = await page.context().newCDPSession(page);
            let layers: { layerId: string }[] = [];
            cdp.on('LayerTree.layerTreeDidChange', (e: { layers?: { layerId: string }[] }) => {
              if (e.layers) layers = e.layers;
            });
            await cdp.send('LayerTree.enable');
            const at = await emptyPanePoint(page);
            await page.mouse.move(at.x, at.y);
            await page.mouse.down();
            await page.mouse.move(at.x - 40, at.y - 30, { steps: 4 });
            await settle(page);
            const reasons = new Map<string, number>();
            for (const layer of layers) {
              const r = (await cdp.send('LayerTree.compositingReasons', { layerId: layer.layerId })) as {
                compositingReasonIds?: string[];
              };
              const key = r.compositingReasonIds?.join('+') || '(none)';
              reasons.set(key, (reasons.get(key) ?? 0) + 1);
            }
            await page.mouse.up();
            await cdp.detach();
            process.stdout.write(
              `    zoom-1 pan layers: ${layers.length} (${[...reasons].map(([k, n]) => `${k} ${n}`).join(', ')})\n`,
            );
          }
          if (GESTURES.includes('zoom1')) {
            const start = await emptyPanePoint(page);
            const where = await page
              .locator('.svelte-flow__viewport')
              .evaluate((el) => (el as HTMLElement).style.transform);
            const rendered = await page.evaluate(
              () =>
                `${document.querySelectorAll('.svelte-flow__node').length} nodes, ${document.querySelectorAll('.svelte-flow__edge').length} edges in the DOM`,
            );
            process.stdout.write(`    zoom-1 view: ${where}, pan from ${start.x},${start.y}; ${rendered}\n`);
            if (process.env.PROFILE_DUMP) {
              const html = await page.evaluate(() => {
                const css = [...document.styleSheets]
                  .map((sh) => [...sh.cssRules].map((r) => r.cssText).join('\n'))
                  .join('\n');
                const clone = document.documentElement.cloneNode(true) as HTMLElement;
                clone.querySelectorAll('script,link[rel=stylesheet],style').forEach((e) => e.remove());
                const st = document.createElement('style');
                st.textContent = css;
                clone.querySelector('head')!.append(st);
                return `<!doctype html>${clone.outerHTML}`;
              });
              await writeFile(process.env.PROFILE_DUMP, html);
            }
            if (process.env.PROFILE_MUT) {
              await page.evaluate(() => {
                const w = window as unknown as { __muts: Map<string, number> };
                w.__muts = new Map();
                const desc = (n: Node) => {
                  const el = (n.nodeType === 1 ? n : n.parentElement) as Element | null;
                  return el ? `${el.tagName}.${String(el.getAttribute('class') ?? '').slice(0, 60)}` : '?';
                };
                new MutationObserver((list) => {
                  for (const m of list) {
                    const k = `${m.type}:${m.attributeName ?? ''} ${desc(m.target)}`;
                    w.__muts.set(k, (w.__muts.get(k) ?? 0) + 1);
                  }
                }).observe(document, {
                  subtree: true,
                  attributes: true,
                  childList: true,
                  characterData: true,
                });
              });
            }
            const { result, cpu } = await traced(browser, page, `${tag}-zoom1`, () =>
              panFor(page, 3000, start),
            );
            push({ gesture: 'zoom1', stats: result, cpu });
            if (process.env.PROFILE_MUT) {
              const muts = await page.evaluate(() =>
                [...(window as unknown as { __muts: Map<string, number> }).__muts]
                  .sort((a, b) => b[1] - a[1])
                  .slice(0, 30),
              );
              for (const [k, n] of muts) process.stdout.write(`    mut ${n} ${k}\n`);
            }
          }
          if (GESTURES.includes('longpan')) {
            // A long pan at zoom 1: four strokes of 400 px left and 150 px up, 0.75 s each, each
            // from an empty spot of the pane's right half (the view travels about two screens).
            const box = (await page.locator('.svelte-flow').boundingBox())!;
            const results: string[] = [];
            for (let k = 0; k < 4; k++) {
              const from = await page.evaluate(
                ({ x, y, w, h }) => {
                  for (let py = y + h - 40; py > y + 200; py -= 8) {
                    for (let px = x + w - 40; px > x + 450; px -= 8) {
                      if (document.elementFromPoint(px, py)?.classList.contains('svelte-flow__pane'))
                        return { x: px, y: py };
                    }
                  }
                  return null;
                },
                { x: box.x, y: box.y, w: box.width, h: box.height },
              );
              if (!from) break;
              const r = await panAcross(page, 750, from, -400, -150);
              results.push(
                `${r.fps.toFixed(0)} fps, p95 ${r.p95Ms.toFixed(0)}, longest ${r.longestMs.toFixed(0)} ms`,
              );
            }
            process.stdout.write(`${name} r${round} longpan: ${results.join(' | ')}\n`);
          }
          if (GESTURES.includes('drag')) {
            const node = await grabbableNode(page, '.svelte-flow__node-component');
            const { result, cpu } = await traced(browser, page, `${tag}-drag`, () =>
              dragNodeFor(page, '.svelte-flow__node-component', 2000, node),
            );
            push({ gesture: 'drag', stats: result, cpu });
          }
        } finally {
          await context.close();
        }
      }
      if (bare) {
        const context = await newBenchContext(browser, expected);
        try {
          const page = await context.newPage();
          await page.route('**/bench-data.json', (route) => route.fulfill({ json: toBareData(d.rows) }));
          await openCanvas(page, `${bare.url}/bare.html?w=${paneSize.width}&h=${paneSize.height}`);
          await fitView(page);
          const push = (row: Omit<Row, 'dist' | 'round' | 'load'>) => {
            const full = { ...row, dist: 'bare', round, load: loadavg()[0] ?? 0 };
            rows.push(full);
            process.stdout.write(`${fmt(full)}\n`);
          };
          if (GESTURES.includes('overview')) {
            const start = await emptyPanePoint(page);
            const { result, cpu } = await traced(browser, page, `bare-r${round}-overview`, () =>
              panFor(page, 3000, start),
            );
            push({ gesture: 'overview', stats: result, cpu });
          }
          await zoomAroundEmptySpot(page, 1);
          if (GESTURES.includes('zoom1')) {
            const start = await emptyPanePoint(page);
            const { result, cpu } = await traced(browser, page, `bare-r${round}-zoom1`, () =>
              panFor(page, 3000, start),
            );
            push({ gesture: 'zoom1', stats: result, cpu });
          }
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser?.close();
    for (const s of servers.reverse()) await s.close();
    await rm(work, { recursive: true, force: true });
  }
});
