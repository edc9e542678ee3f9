/**
 * In-page instrumentation, installed with `context.addInitScript(installProbe, expected)` so
 * it runs before any of the page's own scripts. Self-contained on purpose: Playwright sends
 * the function's source text to the page, so it must not use anything from outside it.
 *
 * - Open watch: from the first frame, checks once per animation frame whether the canvas is
 *   complete (every node in the DOM and measured, i.e. none `visibility: hidden`, and every
 *   edge drawn: Svelte Flow's, or zoomed far out the app's overview layer with all of them);
 *   then, after that frame has been rendered, stores `performance.now()`
 *   (milliseconds since navigation start) as `openMs`.
 * - Frame recorder: once per animation frame, reads the inline `transform` of one element
 *   (the viewport, or a dragged node) and keeps the frame's timestamp only when it changed.
 */

export interface ProbeExpectation {
  /** Nodes (components + boundaries) the canvas must show. */
  nodes: number;
  /** Edges the canvas must draw. */
  edges: number;
}

export interface BenchProbe {
  /** ms from navigation start until the canvas was complete and painted; null until then. */
  openMs: number | null;
  /** Start recording frames in which `selector`'s inline transform changed. */
  startFrames(selector: string): void;
  /** Stop recording; the rAF timestamps (ms) of the frames in which the transform changed. */
  stopFrames(): number[];
}

export type ProbeWindow = Window & { __bench: BenchProbe };

export function installProbe(expected: ProbeExpectation | null): void {
  let stop: (() => number[]) | null = null;
  const probe: BenchProbe = {
    openMs: null,
    startFrames(selector: string) {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el) throw new Error(`bench probe: no element matches ${selector}`);
      let last = el.style.transform;
      const times: number[] = [];
      let on = true;
      const loop = (t: number) => {
        if (!on) return;
        const now = el.style.transform;
        if (now !== last) {
          last = now;
          times.push(t);
        }
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
      stop = () => {
        on = false;
        return times;
      };
    },
    stopFrames() {
      const times = stop?.() ?? [];
      stop = null;
      return times;
    },
  };
  (window as unknown as ProbeWindow).__bench = probe;

  if (!expected) return;
  const complete = (): boolean => {
    if (document.querySelectorAll('.svelte-flow__node').length !== expected.nodes) return false;
    if (document.querySelector('.svelte-flow__node[style*="visibility: hidden"]')) return false;
    // Zoomed far out the app draws every connection in one layer (OverviewEdges), which says how many.
    const overview = document.querySelector<SVGElement>('.overview-edges');
    if (overview && Number(overview.dataset.connections) === expected.edges) return true;
    return document.querySelectorAll('.svelte-flow__edge').length === expected.edges;
  };
  const check = () => {
    if (complete()) {
      // A task queued from rAF runs after this frame's style, layout and paint.
      setTimeout(() => {
        probe.openMs = performance.now();
      }, 0);
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
