/** Measuring helpers of the layout bench page (LayoutBench.svelte). */
import type { CanvasNode } from '../../src/lib/canvas/mapping';
import type { Id, Size } from '../../src/lib/model/types';

export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export function measuredSizes(nodes: readonly CanvasNode[]): Map<Id, Size> {
  const sizes = new Map<Id, Size>();
  for (const n of nodes) {
    const w = n.measured?.width;
    const h = n.measured?.height;
    if (w && h) sizes.set(n.id, { width: w, height: h });
  }
  return sizes;
}

export function domPositions(): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of document.querySelectorAll<HTMLElement>('.svelte-flow__node')) {
    out.set(el.dataset.id ?? '', el.style.transform);
  }
  return out;
}

/** Longest long task (PerformanceObserver 'longtask') that overlapped [from, to]. */
export function watchLongTasks(): () => number {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  const from = performance.now();
  return () => {
    entries.push(...observer.takeRecords());
    observer.disconnect();
    const to = performance.now();
    return entries
      .filter((e) => e.startTime + e.duration >= from && e.startTime <= to)
      .reduce((max, e) => Math.max(max, e.duration), 0);
  };
}

/** Largest gap between setTimeout ticks (≈ the longest main-thread task, of any length). */
export function heartbeat(): () => number {
  let last = performance.now();
  let longest = 0;
  let on = true;
  const beat = () => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
    if (on) setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  return () => {
    on = false;
    return Math.max(longest, performance.now() - last);
  };
}
