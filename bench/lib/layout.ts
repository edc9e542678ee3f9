/**
 * Auto-layout timing in the app itself: the seeded backup imported through the UI, the case
 * study opened, and the toolbar's "Arrange" clicked. An init script wraps `Worker` so the
 * moment the layout worker's answer reaches the main thread is known; an in-page watcher
 * times the click, that answer (with the long tasks and a setTimeout heartbeat meanwhile)
 * and the first painted frame in which the nodes have moved.
 */
import type { Browser, Page } from 'playwright-core';
import { importThroughUi, newBenchContext } from './app';
import { openCanvas, settle } from './canvas';
import type { SeededDiagram } from './generate';

/** What the in-page watcher of an Arrange click reports (ms are `performance.now()` in the page). */
interface ArrangeRun {
  clickAt: number;
  resultAt: number;
  paintedAt: number;
  movedNodes: number;
  nodes: number;
  longestLongTaskMs: number;
  longestGapMs: number;
}

type ArrangeWindow = Window & {
  __layoutResultHook?: () => void;
  /** Set by bench/profile.ts's CPU profile: limits it to the apply (result until painted). */
  __profileWindowStart?: () => void;
  __profileWindowEnd?: () => void;
  __arrangeRun?: ArrangeRun | null;
};

/**
 * Init script: wraps `Worker` so the layout worker's answers (named `faultline-layout` by the
 * app) call `window.__layoutResultHook` just before the app's own handler applies the result.
 */
function wrapLayoutWorker(): void {
  const Native = window.Worker;
  class Watched extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (options?.name === 'faultline-layout') {
        // Not the answer to the idle-time warm-up (request id 0), which can arrive after the click.
        this.addEventListener('message', (event) => {
          if ((event.data as { id?: unknown } | null)?.id !== 0)
            (window as ArrangeWindow).__layoutResultHook?.();
        });
      }
    }
  }
  window.Worker = Watched;
}

/**
 * In the page, before clicking Arrange: notes the nodes' positions, then watches the click,
 * the layout result's arrival (long tasks and a setTimeout heartbeat until then), and the
 * first frame, painted, in which nodes have moved.
 */
function watchArrange(): void {
  const w = window as ArrangeWindow;
  const positions = () =>
    new Map(
      [...document.querySelectorAll<HTMLElement>('.svelte-flow__node')].map((el) => [
        el.dataset.id ?? '',
        el.style.transform,
      ]),
    );
  const before = positions();
  const run: ArrangeRun = {
    clickAt: 0,
    resultAt: 0,
    paintedAt: 0,
    movedNodes: 0,
    nodes: before.size,
    longestLongTaskMs: 0,
    longestGapMs: 0,
  };
  w.__arrangeRun = null;
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  let beating = true;
  const beat = () => {
    if (!beating) return;
    const t = performance.now();
    if (run.clickAt) run.longestGapMs = Math.max(run.longestGapMs, t - last);
    last = t;
    setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  const onClick = (e: Event) => {
    if ((e.target as Element | null)?.closest('button')?.textContent?.includes('Arrange')) {
      run.clickAt = performance.now();
      last = run.clickAt;
      document.removeEventListener('click', onClick, true);
    }
  };
  document.addEventListener('click', onClick, true);
  w.__layoutResultHook = () => {
    if (!run.clickAt || run.resultAt) return;
    w.__profileWindowStart?.();
    run.resultAt = performance.now();
    beating = false;
    run.longestGapMs = Math.max(run.longestGapMs, run.resultAt - last);
    entries.push(...observer.takeRecords());
    observer.disconnect();
    run.longestLongTaskMs = entries
      .filter((e) => e.startTime + e.duration >= run.clickAt && e.startTime <= run.resultAt)
      .reduce((max, e) => Math.max(max, e.duration), 0);
    const frame = () => {
      const now = positions();
      let moved = 0;
      for (const [id, t] of now) if (before.get(id) !== t) moved++;
      if (moved === 0) {
        requestAnimationFrame(frame);
        return;
      }
      // A task queued from rAF runs after this frame's style, layout and paint.
      setTimeout(() => {
        run.paintedAt = performance.now();
        w.__profileWindowEnd?.();
        run.movedNodes = moved;
        w.__arrangeRun = run;
      }, 0);
    };
    requestAnimationFrame(frame);
  };
}

export interface AppLayoutFigures {
  /** First Arrange of the session: click until the laid-out rows are back on the main thread (includes starting the worker and loading elkjs). */
  ms: number;
  /** Click until the first frame with the nodes moved has been painted. */
  clickToPaintMs: number;
  longestLongTaskMs: number;
  longestGapMs: number;
  /** Result on the main thread until the first frame with the nodes moved has been painted. */
  applyMs: number;
  movedNodes: number;
  nodes: number;
  /** A second Arrange (the other direction), worker and ELK warm: click until result. */
  secondMs: number;
  secondApplyMs: number;
}

async function arrangeOnce(page: Page, direction: 'LR' | 'TB'): Promise<ArrangeRun> {
  await page.getByLabel('Layout direction').selectOption(direction);
  await page.evaluate(watchArrange);
  await page.getByRole('button', { name: 'Arrange', exact: true }).click();
  const handle = await page.waitForFunction(() => (window as ArrangeWindow).__arrangeRun, null, {
    timeout: 120_000,
    polling: 50,
  });
  const run = (await handle.jsonValue()) as ArrangeRun;
  // Let the fit-view animation and the write finish before anything else.
  await page.getByRole('button', { name: 'Arrange', exact: true }).waitFor({ state: 'visible' });
  await settle(page, 400);
  return run;
}

/**
 * Auto-layout as the user gets it: the seeded backup imported through the UI, the case study
 * opened, and the toolbar's Arrange clicked (left → right), then again top → bottom.
 */
export async function measureLayoutInApp(
  browser: Browser,
  appUrl: string,
  file: string,
  seeded: SeededDiagram,
  /** Wraps the first Arrange (e.g. a CPU profile, for bench/profile.ts). */
  around?: <T>(page: Page, run: () => Promise<T>) => Promise<{ result: T; top: [string, number][] }>,
): Promise<AppLayoutFigures> {
  const context = await newBenchContext(browser, {
    nodes: seeded.components + seeded.boundaries,
    edges: seeded.connections,
  });
  try {
    await context.addInitScript(wrapLayoutWorker);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const url = await importThroughUi(page, appUrl, file, seeded.title);
    await openCanvas(page, url);
    await settle(page, 400);
    let first: ArrangeRun;
    if (around) {
      const { result, top } = await around(page, () => arrangeOnce(page, 'LR'));
      first = result;
      for (const [k, ms] of top) process.stdout.write(`    ${ms.toFixed(0).padStart(6)} ${k}\n`);
    } else first = await arrangeOnce(page, 'LR');
    const second = await arrangeOnce(page, 'TB');
    if (errors.length) throw new Error(`app errors during Arrange: ${errors.join('; ')}`);
    return {
      ms: first.resultAt - first.clickAt,
      clickToPaintMs: first.paintedAt - first.clickAt,
      longestLongTaskMs: first.longestLongTaskMs,
      longestGapMs: first.longestGapMs,
      applyMs: first.paintedAt - first.resultAt,
      movedNodes: first.movedNodes,
      nodes: first.nodes,
      secondMs: second.resultAt - second.clickAt,
      secondApplyMs: second.paintedAt - second.resultAt,
    };
  } finally {
    await context.close();
  }
}
