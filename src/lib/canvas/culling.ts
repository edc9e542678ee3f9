/**
 * Which nodes a big diagram renders when zoomed in: the ones in view plus a margin around it,
 * kept the same until the view leaves that margin.
 *
 * Svelte Flow's own `onlyRenderVisibleElements` recomputes the visible set from the exact view
 * on every frame, so during a pan nodes enter and leave the DOM on nearly every frame, and each
 * such frame is restyled, laid out, repainted and re-layerised. With a margin the set stays the
 * same for the whole of a short pan and the DOM does not change: measured on a 1,000-component
 * diagram at zoom 1, ~29 → ~41 fps (MADR 0012).
 *
 * Pure: boxes in flow coordinates (absolute), nothing from the DOM or Svelte Flow.
 */
import { bezierCubic, type Side } from './edge-geometry';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CullNode {
  id: string;
  parentId?: string | null;
  /** Absolute box, or null while not measured yet (such a node is always rendered, to be measured). */
  box: Box | null;
}

export interface CullEdge {
  source: string;
  target: string;
  /** The sides the connection leaves and enters by (Svelte Flow's handle ids); absent: the centres. */
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

const SIDES: ReadonlySet<string> = new Set(['top', 'right', 'bottom', 'left']);

/** Where a connection meets a node's box: the middle of the handle's side, or the centre. */
function anchor(b: Box, handle: string | null | undefined): { x: number; y: number; side: Side | null } {
  const side = handle && SIDES.has(handle) ? (handle as Side) : null;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  if (side === 'top') return { x: cx, y: b.y, side };
  if (side === 'bottom') return { x: cx, y: b.y + b.height, side };
  if (side === 'left') return { x: b.x, y: cy, side };
  if (side === 'right') return { x: b.x + b.width, y: cy, side };
  return { x: cx, y: cy, side };
}

/** Whether the segment p–q touches the box (Liang–Barsky clipping). */
function segmentHits(px: number, py: number, qx: number, qy: number, r: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = qx - px;
  const dy = qy - py;
  const edges: [number, number][] = [
    [-dx, px - r.x],
    [dx, r.x + r.width - px],
    [-dy, py - r.y],
    [dy, r.y + r.height - py],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Steps a connection's curve is followed in (a polyline; the margin absorbs the difference). */
const CURVE_STEPS = 16;

/**
 * Whether a connection between boxes `a` and `b` passes through `area`: its curve as Svelte
 * Flow draws it (a bezier between the handles' sides), followed as a polyline. Quick no when
 * the two boxes together do not reach the area.
 */
export function connectionCrosses(a: Box, b: Box, e: CullEdge, area: Box): boolean {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const span = {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
  if (!overlaps(span, area)) return false;
  const s = anchor(a, e.sourceHandle);
  const t = anchor(b, e.targetHandle);
  if (!s.side || !t.side) return segmentHits(s.x, s.y, t.x, t.y, area);
  const c = bezierCubic({
    sourceX: s.x,
    sourceY: s.y,
    sourcePosition: s.side,
    targetX: t.x,
    targetY: t.y,
    targetPosition: t.side,
  });
  let [px, py] = c[0];
  for (let i = 1; i <= CURVE_STEPS; i++) {
    const u = i / CURVE_STEPS;
    const v = 1 - u;
    const qx = v * v * v * c[0][0] + 3 * v * v * u * c[1][0] + 3 * v * u * u * c[2][0] + u * u * u * c[3][0];
    const qy = v * v * v * c[0][1] + 3 * v * v * u * c[1][1] + 3 * v * u * u * c[2][1] + u * u * u * c[3][1];
    if (segmentHits(px, py, qx, qy, area)) return true;
    px = qx;
    py = qy;
  }
  return false;
}

/** Margin around the view, as a share of the view's larger side (screen pixels at any zoom). */
export const CULL_MARGIN = 0.3;

/** `view` grown by `margin` × its larger side on every side. */
export function paddedRect(view: Box, margin = CULL_MARGIN): Box {
  const m = Math.max(view.width, view.height) * margin;
  return { x: view.x - m, y: view.y - m, width: view.width + 2 * m, height: view.height + 2 * m };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * Whether the rendered set must be worked out again for `view`: the view left the area it was
 * worked out for, or zoomed in so far that the area is mostly off screen.
 */
export function needsRecull(covered: Box | null, view: Box): boolean {
  if (!covered) return true;
  if (!contains(covered, view)) return true;
  return view.width * 4 < covered.width && view.height * 4 < covered.height;
}

/**
 * Ids of the nodes to render for `area`: every node overlapping it, every node not measured
 * yet, both ends of every connection whose curve passes through it (a long connection across
 * the view is drawn even when neither end is near; Svelte Flow draws a connection only when
 * both its ends are rendered), and every boundary containing any of those (a child is
 * rendered inside its parent).
 */
export function renderedIds(nodes: readonly CullNode[], edges: readonly CullEdge[], area: Box): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ids = new Set<string>();
  for (const n of nodes) {
    if (!n.box || overlaps(n.box, area)) ids.add(n.id);
  }
  for (const e of edges) {
    if (ids.has(e.source) && ids.has(e.target)) continue;
    const a = byId.get(e.source)?.box;
    const b = byId.get(e.target)?.box;
    if (!a || !b) continue;
    if (connectionCrosses(a, b, e, area)) {
      ids.add(e.source);
      ids.add(e.target);
    }
  }
  for (const id of [...ids]) {
    let parent = byId.get(id)?.parentId;
    while (parent && !ids.has(parent)) {
      ids.add(parent);
      parent = byId.get(parent)?.parentId;
    }
  }
  return ids;
}

/**
 * The nodes as Svelte Flow gets them, with the ones not rendered marked `hidden` (Svelte Flow
 * then renders neither them nor their connections), and what Svelte Flow writes back turned
 * into the editor's nodes again. A node keeps the same hidden copy while it is the same
 * object, so Svelte Flow sees no change for it.
 */
export class HiddenCopies<T extends { id: string; hidden?: boolean }> {
  private copies = new WeakMap<T, T>();
  private originals = new WeakMap<T, T>();

  /** `nodes` with those in `far` replaced by hidden copies; `nodes` itself when none is. */
  apply(nodes: T[], far: ReadonlySet<string>): T[] {
    if (far.size === 0) return nodes;
    return nodes.map((n) => (far.has(n.id) ? this.copyOf(n) : n));
  }

  /**
   * What Svelte Flow wrote back, as editor nodes: an unchanged copy is its original, a changed
   * one (selected, measured…) loses the flag. Always a new array, even when every node is the
   * same as before: Svelte Flow writes an unchanged list on purpose (its `fitView` does, to be
   * run again), and must see it come back.
   */
  restore(written: readonly T[]): T[] {
    return written.map((n) => {
      const original = this.originals.get(n);
      if (original) return original;
      if (!n.hidden) return n;
      const copy = { ...n };
      delete copy.hidden;
      return copy;
    });
  }

  private copyOf(n: T): T {
    let copy = this.copies.get(n);
    if (!copy) {
      copy = { ...n, hidden: true };
      this.copies.set(n, copy);
      this.originals.set(copy, n);
    }
    return copy;
  }
}
