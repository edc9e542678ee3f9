/** What bench/pages/layout.ts exposes as `window.__layoutBench` (called by bench/lib/layout.ts). */
export interface LayoutRun {
  /** End to end: `layoutDiagram()` call until its result is back on the main thread. */
  ms: number;
  /** Longest main-thread long task (> 50 ms) while it ran; 0 when there was none. */
  longestLongTaskMs: number;
  /** Longest gap seen by a setTimeout heartbeat while it ran (≈ longest task, any length). */
  longestGapMs: number;
  /** Setting the laid-out nodes on the mounted canvas until the next frame was painted. */
  applyMs: number;
  /** Nodes whose DOM position changed after applying (sanity check). */
  movedNodes: number;
  /** Measured node sizes handed to the layout. */
  sizedNodes: number;
}

export interface LayoutBenchApi {
  /** Lays out a 3-component diagram: starts the worker and loads elkjs. Returns ms. */
  warmUp(): Promise<number>;
  /** Lays out the diagram shown on the canvas and applies the result to the canvas. */
  run(): Promise<LayoutRun>;
}

export type LayoutWindow = Window & { __layoutBench?: LayoutBenchApi };
