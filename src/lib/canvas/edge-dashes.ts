/**
 * The dash pattern of a drawn connection, [dash, gap] in flow units, or null for a solid line.
 * ConnectionEdge draws dashed connections as ready-made segments (edge-geometry.ts's
 * `dashedPieces`); the same patterns are in its CSS as `stroke-dasharray`, for everything else
 * that draws connections with those classes (the overview layer): keep the two in step (a unit
 * test compares them).
 */
import type { ConnectionMode } from '../model/types';

export const EDGE_DASHES = {
  async: [6, 4],
  failure: [3, 3],
  'drill-broken': [2, 4],
  'drill-buffering': [8, 4],
} as const satisfies Record<string, readonly [number, number]>;

/** Later looks win, as in the CSS: drill states over the failure path over async messages. */
export function edgeDash(
  mode: ConnectionMode | undefined,
  failurePath: boolean,
  drillState: string | null | undefined,
): readonly [number, number] | null {
  if (drillState === 'broken') return EDGE_DASHES['drill-broken'];
  if (drillState === 'buffering') return EDGE_DASHES['drill-buffering'];
  if (failurePath) return EDGE_DASHES.failure;
  if (mode === 'async') return EDGE_DASHES.async;
  return null;
}
