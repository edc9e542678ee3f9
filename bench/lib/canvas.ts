/**
 * Canvas measurements that work on any Svelte Flow page (our app and the bare page): open
 * time, frame rate while panning with real mouse drags, frame time while dragging a node.
 * Needs the probe (probe.ts) installed in the page's context.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ProbeWindow } from './probe';

const VIEWPORT = '.svelte-flow__viewport';

export interface FrameStats {
  /** Frames in which the watched transform changed, per second. */
  fps: number;
  /** 95th percentile of the time between consecutive changed frames (ms). */
  p95Ms: number;
  /** Changed frames counted. */
  frames: number;
  /** Time from the first to the last changed frame (s). */
  seconds: number;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function frameStats(times: readonly number[]): FrameStats {
  if (times.length < 2) return { fps: 0, p95Ms: 0, frames: times.length, seconds: 0 };
  const deltas = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? 0;
  const seconds = (last - first) / 1000;
  return {
    fps: (times.length - 1) / seconds,
    p95Ms: percentile(deltas, 0.95),
    frames: times.length,
    seconds,
  };
}

/**
 * Navigates to `url` as a fresh document load and returns the ms from navigation start until
 * the canvas was complete and painted (the probe's open watch).
 */
export async function openCanvas(page: Page, url: string, timeoutMs = 60_000): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (window as unknown as ProbeWindow).__bench?.openMs, null, {
    timeout: timeoutMs,
    polling: 50,
  });
  return (await handle.jsonValue()) as number;
}

/** Resolves once the viewport's transform has not changed for `quietMs`. */
export async function settle(page: Page, quietMs = 250): Promise<void> {
  await page.evaluate(
    ({ selector, quietMs }) =>
      new Promise<void>((resolve) => {
        const el = document.querySelector<HTMLElement>(selector);
        if (!el) throw new Error(`no ${selector}`);
        let last = el.style.transform;
        let since = performance.now();
        const loop = (t: number) => {
          const now = el.style.transform;
          if (now !== last) {
            last = now;
            since = t;
          }
          if (t - since >= quietMs) resolve();
          else requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
      }),
    { selector: VIEWPORT, quietMs },
  );
}

/** The viewport's current zoom (from its `scale(…)`). */
export async function zoomOf(page: Page): Promise<number> {
  const transform = await page.locator(VIEWPORT).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /scale\(([\d.e+-]+)\)/.exec(transform);
  return m ? Number(m[1]) : 1;
}

/**
 * Clicks the Svelte Flow Controls panel's "Fit View" button (or, if the page has no Controls
 * panel, any button named "Fit view") and waits for the viewport to settle.
 */
export async function fitView(page: Page): Promise<number> {
  const controls = page.locator('.svelte-flow__controls-fitview');
  if ((await controls.count()) > 0) await controls.first().click();
  else
    await page
      .getByRole('button', { name: /fit view/i })
      .first()
      .click();
  await settle(page);
  return zoomOf(page);
}

/** Size and centre of the Svelte Flow pane. */
export async function paneBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('.svelte-flow').first().boundingBox();
  if (!box) throw new Error('no Svelte Flow pane on the page');
  return box;
}

/**
 * Zooms to `target` with mouse-wheel events over `at` (default: the pane centre); Svelte Flow's
 * wheel zoom multiplies the zoom by 2^(-deltaY × 0.002) and keeps the point under the mouse in
 * place. Checks the result and corrects if needed.
 */
export async function zoomTo(page: Page, target: number, at?: { x: number; y: number }): Promise<number> {
  const box = await paneBox(page);
  const point = at ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(point.x, point.y);
  let zoom = await zoomOf(page);
  for (let i = 0; i < 4 && Math.abs(zoom - target) > 0.005; i++) {
    await page.mouse.wheel(0, 500 * Math.log2(zoom / target));
    await settle(page);
    zoom = await zoomOf(page);
  }
  return zoom;
}

/**
 * Zooms to `target` around a spot of empty pane near the centre: the spot stays under the
 * mouse, so at the new zoom there is still empty pane to start a pan from (zooming in around
 * the centre can land inside a boundary, where a drag moves the boundary instead).
 */
export async function zoomAroundEmptySpot(page: Page, target: number): Promise<number> {
  return zoomTo(page, target, await emptyPanePoint(page));
}

/** A point on the empty pane (not on a node, edge or panel), as close to the centre as possible. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const root = document.querySelector('.svelte-flow');
    if (!root) return null;
    const r = root.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const candidates: { x: number; y: number; d: number }[] = [];
    for (let y = r.top + 20; y < r.bottom - 20; y += 8) {
      for (let x = r.left + 20; x < r.right - 20; x += 8) {
        candidates.push({ x, y, d: (x - cx) ** 2 + (y - cy) ** 2 });
      }
    }
    candidates.sort((a, b) => a.d - b.d);
    for (const c of candidates) {
      const el = document.elementFromPoint(c.x, c.y);
      if (el?.classList.contains('svelte-flow__pane')) return { x: c.x, y: c.y };
    }
    return null;
  });
  if (!point) throw new Error('found no empty spot on the pane to start a pan');
  return point;
}

/**
 * The mouse, driven through the DevTools protocol like a real 125 Hz mouse: moves are sent
 * on a fixed clock without waiting for the page to acknowledge each one (Chromium coalesces
 * them per frame as it does for a real mouse), with at most a few in flight. Awaiting every
 * move instead (Playwright's `page.mouse`) makes the driver's round trip, not the page, set
 * the pace: the page then sees at most one move per frame and misses frames in between.
 */
export class RealMouse {
  private constructor(private readonly session: CDPSession) {}

  static async of(page: Page): Promise<RealMouse> {
    return new RealMouse(await page.context().newCDPSession(page));
  }

  private send(
    type: 'mousePressed' | 'mouseMoved' | 'mouseReleased',
    x: number,
    y: number,
    pressed: boolean,
  ) {
    return this.session.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: pressed || type !== 'mouseMoved' ? 'left' : 'none',
      buttons: pressed ? 1 : 0,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  }

  async down(x: number, y: number): Promise<void> {
    await this.send('mouseMoved', x, y, false);
    await this.send('mousePressed', x, y, true);
  }

  async up(x: number, y: number): Promise<void> {
    await this.send('mouseReleased', x, y, false);
  }

  /**
   * With the button down, moves along a smooth loop around `at` for `durationMs`. Returns the
   * last point.
   */
  wiggle(
    at: { x: number; y: number },
    durationMs: number,
    amplitude: number,
  ): Promise<{ x: number; y: number }> {
    return this.drag(durationMs, at, (t) => {
      const a = (2 * Math.PI * t) / 1500;
      return { x: at.x + amplitude * Math.sin(a), y: at.y + amplitude * 0.6 * Math.sin(a * 0.7) };
    });
  }

  /** With the button down, moves in a straight line from `from` by (dx, dy) over `durationMs`. */
  sweep(
    from: { x: number; y: number },
    dx: number,
    dy: number,
    durationMs: number,
  ): Promise<{ x: number; y: number }> {
    return this.drag(durationMs, from, (t) => ({
      x: from.x + (dx * t) / durationMs,
      y: from.y + (dy * t) / durationMs,
    }));
  }

  /**
   * Moves (button down) to `pointAt(t)`, t in ms since the start, every 8 ms for `durationMs`:
   * positions follow the clock, so the speed is the same whatever the event rate.
   */
  private async drag(
    durationMs: number,
    start: { x: number; y: number },
    pointAt: (t: number) => { x: number; y: number },
  ): Promise<{ x: number; y: number }> {
    const periodMs = 8;
    const maxInFlight = 4;
    const inFlight: Promise<unknown>[] = [];
    const t0 = Date.now();
    let next = t0;
    let point = start;
    for (;;) {
      const t = Date.now() - t0;
      if (t >= durationMs) break;
      point = pointAt(t);
      inFlight.push(this.send('mouseMoved', point.x, point.y, true));
      if (inFlight.length > maxInFlight) await inFlight.shift();
      next += periodMs;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else next = Date.now();
    }
    await Promise.all(inFlight);
    return point;
  }

  async detach(): Promise<void> {
    await this.session.detach();
  }
}

/**
 * Presses the mouse on the empty pane at `from`, lets `move` drag it, releases: the rAF times of
 * the frames in which the viewport moved meanwhile.
 */
async function recordPan(
  page: Page,
  from: { x: number; y: number },
  move: (mouse: RealMouse) => Promise<{ x: number; y: number }>,
): Promise<number[]> {
  const mouse = await RealMouse.of(page);
  await mouse.down(from.x, from.y);
  await page.evaluate(
    (selector) => (window as unknown as ProbeWindow).__bench.startFrames(selector),
    VIEWPORT,
  );
  let times: number[];
  let end = from;
  try {
    end = await move(mouse);
  } finally {
    times = await page.evaluate(() => (window as unknown as ProbeWindow).__bench.stopFrames());
    await mouse.up(end.x, end.y);
    await mouse.detach();
  }
  await settle(page);
  return times;
}

/** Pans with a real mouse drag on the empty pane for `durationMs`; counts frames in which the viewport moved. */
export async function panFor(
  page: Page,
  durationMs: number,
  from?: { x: number; y: number },
): Promise<FrameStats> {
  const start = from ?? (await emptyPanePoint(page));
  return frameStats(await recordPan(page, start, (mouse) => mouse.wiggle(start, durationMs, 200)));
}

/**
 * Pans in one direction for `durationMs` (a long pan: the view travels (dx, dy) screen pixels,
 * e.g. several screens), counting frames in which the viewport moved; also the longest frame.
 */
export async function panAcross(
  page: Page,
  durationMs: number,
  from: { x: number; y: number },
  dx: number,
  dy: number,
): Promise<FrameStats & { longestMs: number }> {
  const times = await recordPan(page, from, (mouse) => mouse.sweep(from, dx, dy, durationMs));
  const longestMs = times.slice(1).reduce((m, t, i) => Math.max(m, t - times[i]!), 0);
  return { ...frameStats(times), longestMs };
}

/** A node of `selector` near the pane centre, with its centre on the node itself (not on a handle). */
export async function grabbableNode(
  page: Page,
  selector: string,
): Promise<{ id: string; x: number; y: number }> {
  const found = await page.evaluate((selector) => {
    const root = document.querySelector('.svelte-flow');
    if (!root) return null;
    const r = root.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    let best: { id: string; x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const b = el.getBoundingClientRect();
      const x = b.left + b.width / 2;
      const y = b.top + b.height / 2;
      if (x < r.left + r.width * 0.2 || x > r.right - r.width * 0.2) continue;
      if (y < r.top + r.height * 0.2 || y > r.bottom - r.height * 0.2) continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit || hit.closest('.svelte-flow__node') !== el || hit.closest('.svelte-flow__handle')) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (!best || d < best.d) best = { id: el.dataset.id ?? '', x, y, d };
    }
    return best;
  }, selector);
  if (!found) throw new Error(`found no ${selector} to drag near the pane centre`);
  return found;
}

/** Drags one node with the mouse for `durationMs`; counts frames in which that node moved. */
export async function dragNodeFor(
  page: Page,
  selector: string,
  durationMs: number,
  grabbed?: { id: string; x: number; y: number },
): Promise<FrameStats> {
  const node = grabbed ?? (await grabbableNode(page, selector));
  const nodeSelector = `.svelte-flow__node[data-id="${node.id}"]`;
  const mouse = await RealMouse.of(page);
  await mouse.down(node.x, node.y);
  await page.evaluate((s) => (window as unknown as ProbeWindow).__bench.startFrames(s), nodeSelector);
  let times: number[];
  let end = { x: node.x, y: node.y };
  try {
    end = await mouse.wiggle(node, durationMs, 120);
  } finally {
    times = await page.evaluate(() => (window as unknown as ProbeWindow).__bench.stopFrames());
    await mouse.up(end.x, end.y);
    await mouse.detach();
  }
  return frameStats(times);
}
