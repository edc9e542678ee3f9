/**
 * Boundaries contain components (and other boundaries) as Svelte Flow parent nodes.
 * Pure geometry: absolute positions, which boundary a dropped node lands in, and moving a
 * node to a new parent without moving it on screen.
 */
import type { XY } from '../model/types';
import type { CanvasNode } from './mapping';

const DEFAULT_SIZE = { width: 180, height: 64 };

export function nodeSize(n: CanvasNode): { width: number; height: number } {
  return {
    width:
      n.measured?.width ?? n.width ?? (n.type === 'boundary' ? n.data.row.size.width : DEFAULT_SIZE.width),
    height:
      n.measured?.height ??
      n.height ??
      (n.type === 'boundary' ? n.data.row.size.height : DEFAULT_SIZE.height),
  };
}

/** Absolute (flow) position of a node: its position plus its ancestors'. */
export function absolutePosition(byId: ReadonlyMap<string, CanvasNode>, id: string): XY {
  let x = 0;
  let y = 0;
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    x += current.position.x;
    y += current.position.y;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return { x, y };
}

/** True when `ancestorId` is `id` itself or one of its ancestors. */
export function isSelfOrAncestor(
  byId: ReadonlyMap<string, CanvasNode>,
  ancestorId: string,
  id: string,
): boolean {
  const seen = new Set<string>();
  let current: string | undefined = id;
  while (current && !seen.has(current)) {
    if (current === ancestorId) return true;
    seen.add(current);
    current = byId.get(current)?.parentId;
  }
  return false;
}

/**
 * The innermost boundary whose area contains the centre of node `id` (never the node itself
 * or one of its descendants), or null for the canvas.
 */
export function dropTarget(nodes: readonly CanvasNode[], id: string): string | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const node = byId.get(id);
  if (!node) return null;
  const at = absolutePosition(byId, id);
  const size = nodeSize(node);
  const cx = at.x + size.width / 2;
  const cy = at.y + size.height / 2;
  let best: { id: string; depth: number; area: number } | null = null;
  for (const b of nodes) {
    if (b.type !== 'boundary' || isSelfOrAncestor(byId, id, b.id)) continue;
    const p = absolutePosition(byId, b.id);
    const s = nodeSize(b);
    if (cx < p.x || cy < p.y || cx > p.x + s.width || cy > p.y + s.height) continue;
    let depth = 0;
    for (let a = b.parentId; a; a = byId.get(a)?.parentId) depth++;
    const area = s.width * s.height;
    if (!best || depth > best.depth || (depth === best.depth && area < best.area))
      best = { id: b.id, depth, area };
  }
  return best?.id ?? null;
}

/** Boundaries first with parents before children, then components (Svelte Flow's order rule). */
export function sortForFlow(nodes: readonly CanvasNode[]): CanvasNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: CanvasNode[] = [];
  const placed = new Set<string>();
  const visit = (n: CanvasNode, trail: Set<string>) => {
    if (placed.has(n.id) || trail.has(n.id)) return;
    trail.add(n.id);
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) visit(parent, trail);
    placed.add(n.id);
    out.push(n);
  };
  for (const n of nodes) if (n.type === 'boundary') visit(n, new Set());
  for (const n of nodes) if (n.type === 'component') visit(n, new Set());
  return out;
}

/** Move node `id` under `parentId` (null: the canvas) keeping where it is on screen. */
export function reparent(nodes: readonly CanvasNode[], id: string, parentId: string | null): CanvasNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const node = byId.get(id);
  if (!node || (node.parentId ?? null) === parentId) return [...nodes];
  if (parentId && isSelfOrAncestor(byId, id, parentId)) return [...nodes];
  const abs = absolutePosition(byId, id);
  const origin = parentId ? absolutePosition(byId, parentId) : { x: 0, y: 0 };
  const moved = {
    ...node,
    parentId: parentId ?? undefined,
    position: { x: Math.round(abs.x - origin.x), y: Math.round(abs.y - origin.y) },
  } as CanvasNode;
  return sortForFlow(nodes.map((n) => (n.id === id ? moved : n)));
}
