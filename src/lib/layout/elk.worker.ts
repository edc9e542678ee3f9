/// <reference lib="webworker" />
/**
 * The layout worker: runs elkjs off the main thread. Started by index.ts with
 * `new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' })`
 * (without `type: 'module'` the production build can hang).
 *
 * Protocol: receives `{ id, graph }`, answers `{ id, ok: true, graph }` with the laid-out
 * graph or `{ id, ok: false, error }` with a message.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

export interface LayoutRequest {
  id: number;
  graph: ElkNode;
}

export type LayoutResponse =
  { id: number; ok: true; graph: ElkNode } | { id: number; ok: false; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const elk = new ELK();

function message(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'object' && e !== null && 'message' in e)
    return String((e as { message: unknown }).message);
  return String(e);
}

// elk.bundled.js, loaded inside a worker, installs its own `self.onmessage` (it thinks it is
// ELK's worker script). Replace it: this worker speaks only the protocol above.
scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, graph } = event.data;
  elk.layout(graph).then(
    (result) => scope.postMessage({ id, ok: true, graph: result } satisfies LayoutResponse),
    (e: unknown) => scope.postMessage({ id, ok: false, error: message(e) } satisfies LayoutResponse),
  );
};
