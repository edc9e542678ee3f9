/** Where new nodes go on the canvas. Pure. */
import type { DiagramRows } from '../model/patch';
import type { Id, Size, XY } from '../model/types';
import type { CanvasNode } from './mapping';

/** Size of a component before the canvas measures it (what the auto-layout assumes too). */
const NEW_NODE: Readonly<Size> = { width: 180, height: 64 };

/**
 * Top-left corner for a new node near `wanted` that does not cover a top-level node:
 * clicking "add" three times stacks three nodes downwards instead of on one spot.
 */
export function freeSpot(nodes: readonly CanvasNode[], wanted: XY): XY {
  const rects = nodes
    .filter((n) => !n.parentId && n.type === 'component')
    .map((n) => ({
      x: n.position.x,
      y: n.position.y,
      w: n.measured?.width ?? NEW_NODE.width,
      h: n.measured?.height ?? NEW_NODE.height,
    }));
  const spot = { ...wanted };
  const overlaps = () =>
    rects.some(
      (r) =>
        spot.x < r.x + r.w + 8 &&
        spot.x + NEW_NODE.width + 8 > r.x &&
        spot.y < r.y + r.h + 8 &&
        spot.y + NEW_NODE.height + 8 > r.y,
    );
  for (let i = 0; i < 200 && overlaps(); i++) spot.y += 24;
  return spot;
}

export type Side = 'top' | 'right' | 'bottom' | 'left';

/**
 * The handles that face each other for two boxes: after a layout, a connection leaves the
 * side of its source that looks at its target (and enters the opposite side).
 */
export function facingHandles(
  source: { x: number; y: number; width: number; height: number },
  target: { x: number; y: number; width: number; height: number },
): { sourceHandle: Side; targetHandle: Side } {
  const dx = target.x + target.width / 2 - (source.x + source.width / 2);
  const dy = target.y + target.height / 2 - (source.y + source.height / 2);
  if (Math.abs(dx) >= Math.abs(dy)) {
    return dx >= 0
      ? { sourceHandle: 'right', targetHandle: 'left' }
      : { sourceHandle: 'left', targetHandle: 'right' };
  }
  return dy >= 0
    ? { sourceHandle: 'bottom', targetHandle: 'top' }
    : { sourceHandle: 'top', targetHandle: 'bottom' };
}

/**
 * Attach each connection to the sides of its ends that face each other, as the canvas's
 * Arrange does (without handles, every edge would leave from the same default side).
 */
export function withFacingHandles(rows: DiagramRows): DiagramRows {
  const boxes = new Map<Id, { parentId: Id | null; position: XY; size: Size }>();
  for (const b of rows.boundaries)
    boxes.set(b.id, { parentId: b.parentId, position: b.position, size: b.size });
  for (const c of rows.components)
    boxes.set(c.id, { parentId: c.parentId, position: c.position, size: NEW_NODE });
  const absolute = (id: Id): XY => {
    let x = 0;
    let y = 0;
    const seen = new Set<Id>();
    for (let at = boxes.get(id); at; at = at.parentId === null ? undefined : boxes.get(at.parentId)) {
      x += at.position.x;
      y += at.position.y;
      if (at.parentId === null || seen.has(at.parentId)) break;
      seen.add(at.parentId);
    }
    return { x, y };
  };
  const box = (id: Id) => {
    const b = boxes.get(id);
    return b ? { ...absolute(id), ...b.size } : null;
  };
  return {
    ...rows,
    connections: rows.connections.map((c) => {
      const source = box(c.source);
      const target = box(c.target);
      if (!source || !target || c.source === c.target) return c;
      return { ...c, ...facingHandles(source, target) };
    }),
  };
}
