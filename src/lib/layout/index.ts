/**
 * Auto-layout: `layoutDiagram(rows, opts)` returns the rows with positions and boundary sizes
 * computed by ELK's layered algorithm.
 *
 * elkjs (≈1.6 MB) never loads on the main thread: the layout runs in one module worker,
 * created on first use and reused. Only type imports of elkjs appear here. Tests (or the CLI)
 * inject an in-process engine with `setLayoutEngine`.
 */
import { createBoundary, createComponent, createConnection } from '../model/factories';
import type { DiagramRows } from '../model/patch';
import {
  fromElkGraph,
  toElkGraph,
  type ElkGraphOptions,
  type ElkNode,
  type FromElkOptions,
} from './elk-graph';
import type { LayoutRequest, LayoutResponse } from './elk.worker';

export * from './elk-graph';
export type { LayoutRequest, LayoutResponse } from './elk.worker';

/** Runs ELK on a graph and resolves with the laid-out graph. */
export type LayoutEngine = (graph: ElkNode, signal?: AbortSignal) => Promise<ElkNode>;

export type LayoutDiagramOptions = ElkGraphOptions & FromElkOptions;

let injected: LayoutEngine | null = null;

/**
 * Use `engine` instead of the worker (null restores the worker). Returns a function that
 * restores the previous engine.
 */
export function setLayoutEngine(engine: LayoutEngine | null): () => void {
  const prev = injected;
  injected = engine;
  return () => {
    injected = prev;
  };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Layout aborted', 'AbortError');
}

// ---------------------------------------------------------------------------
// The worker engine.
// ---------------------------------------------------------------------------

interface Pending {
  resolve: (graph: ElkNode) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | null = null;
let nextRequestId = 1;
const pending = new Map<number, Pending>();

function failAll(error: unknown): void {
  const all = [...pending.values()];
  pending.clear();
  for (const p of all) p.reject(error);
}

function stopWorker(): void {
  worker?.terminate();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./elk.worker.ts', import.meta.url), {
    type: 'module',
    name: 'faultline-layout',
  });
  w.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const res = event.data;
    const p = pending.get(res.id);
    if (!p) return; // aborted meanwhile
    pending.delete(res.id);
    if (res.ok) p.resolve(res.graph);
    else p.reject(new Error(`Layout failed: ${res.error}`));
  };
  w.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    if (worker === w) stopWorker();
    failAll(new Error(`Layout worker failed: ${event.message || 'could not start'}`));
  };
  w.onmessageerror = () => {
    if (worker === w) stopWorker();
    failAll(new Error('Layout worker sent an unreadable message'));
  };
  worker = w;
  return w;
}

/** The default engine: one shared module worker running elkjs. */
export const workerLayoutEngine: LayoutEngine = (graph, signal) =>
  new Promise<ElkNode>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const id = nextRequestId++;
    const onAbort = () => {
      if (!pending.delete(id)) return;
      // ELK cannot be interrupted: if nobody else waits on the worker, stop it (a fresh one
      // starts on the next request) rather than let it finish a layout nobody wants.
      if (pending.size === 0) stopWorker();
      reject(abortError(signal!));
    };
    pending.set(id, {
      resolve: (g) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(g);
      },
      reject: (e) => {
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      },
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      getWorker().postMessage({ id, graph } satisfies LayoutRequest);
    } catch (e) {
      pending.delete(id);
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    }
  });

/**
 * A small graph shaped like a real one (two boundaries, one nested, edges within and across
 * them), laid out with the options real layouts use: running it warms ELK's code paths for
 * compound graphs (the JIT), not just its loading.
 */
export function warmUpGraph(): ElkNode {
  const ids = { caseStudyId: 'warm-up', diagramId: 'warm-up' };
  const rows: DiagramRows = {
    boundaries: [
      createBoundary({ ...ids, id: 'b1', kind: 'region' }),
      createBoundary({ ...ids, id: 'b2', kind: 'availability-zone', parentId: 'b1' }),
    ],
    components: [],
    connections: [],
  };
  for (let i = 0; i < 36; i++) {
    const parentId = [null, 'b1', 'b2'][i % 3]!;
    rows.components.push(createComponent({ ...ids, id: `c${i}`, kind: 'service', parentId }));
    if (i > 0)
      rows.connections.push(createConnection({ ...ids, id: `e${i}`, source: `c${i - 1}`, target: `c${i}` }));
    if (i > 4)
      rows.connections.push(createConnection({ ...ids, id: `x${i}`, source: `c${i - 5}`, target: `c${i}` }));
  }
  return toElkGraph(rows, { direction: 'LR' });
}

/**
 * Start the worker, load elkjs and run a small layout in it, ahead of a real layout (when the
 * pointer reaches "Arrange", or when a big diagram opens): a cold worker adds a quarter of a
 * second or more to the first layout. Does nothing when an engine is injected or the worker
 * runs already.
 */
export function prewarmLayoutWorker(): void {
  if (injected || worker) return;
  try {
    // Id 0 is never pending: the answer is dropped.
    getWorker().postMessage({ id: 0, graph: warmUpGraph() } satisfies LayoutRequest);
  } catch {
    // A layout later starts it again (and reports the error).
  }
}

/** Stop the layout worker, if running (pending layouts fail). It restarts on the next layout. */
export function disposeLayoutWorker(): void {
  stopWorker();
  failAll(new Error('Layout worker stopped'));
}

// ---------------------------------------------------------------------------

/**
 * The rows laid out by ELK: new positions for components and boundaries (relative to their
 * parent boundary), new sizes for boundaries with content; everything else untouched.
 * Rows with nothing to lay out come back as they are. Rejects with the signal's reason
 * when aborted. Apply the result by id (the rows may have changed meanwhile).
 */
export async function layoutDiagram(
  rows: DiagramRows,
  opts: LayoutDiagramOptions,
  signal?: AbortSignal,
): Promise<DiagramRows> {
  signal?.throwIfAborted();
  if (rows.components.length === 0 && rows.boundaries.length === 0) return rows;
  const graph = toElkGraph(rows, opts);
  const engine = injected ?? workerLayoutEngine;
  const result = await engine(graph, signal);
  signal?.throwIfAborted();
  return fromElkGraph(result, rows, opts);
}
