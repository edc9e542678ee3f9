/**
 * Pure conversion between a diagram's rows and an ELK JSON graph (the input and output of
 * `elk.layout()`). No elkjs at runtime, no DOM: the layout itself runs in a Web Worker
 * (see elk.worker.ts and index.ts), this module only builds its input and reads its output.
 *
 * - Components become ELK leaf nodes sized by their measured size (fallback 180×64).
 * - Boundaries with content become compound nodes holding their child components and
 *   boundaries (padding leaves room for the title bar); ELK computes their size.
 *   Empty boundaries are leaf nodes that keep their size.
 * - Every connection whose ends both exist becomes an ELK edge, declared in the lowest
 *   common ancestor of its ends (ELK's documented edge containment; a node counts as its own
 *   ancestor, and a self-loop belongs to its node's parent). elkjs ≥ 0.8 would repair a wrong
 *   containment itself, but the right one keeps edge coordinates well defined.
 * - With any compound node, the root uses `hierarchyHandling: INCLUDE_CHILDREN` so that
 *   edges across boundaries take part in one global layered layout.
 *
 * ELK gives child positions relative to their parent's top-left corner, which is what
 * Svelte Flow's `parentId` expects, so `fromElkGraph` copies them over unchanged.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { DiagramRows } from '../model/patch';
import type { Boundary, Component, Id, LayoutDirection, Size, XY } from '../model/types';

export type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

export interface ElkGraphOptions {
  direction: LayoutDirection;
  /** Measured node sizes by row id (Svelte Flow's `measured`); missing ones fall back to defaults. */
  sizes?: ReadonlyMap<Id, Size>;
  /** `elk.layered.thoroughness` (ELK's default is 7; 1 is about twice as fast on big diagrams). */
  thoroughness?: number;
}

export const DEFAULT_COMPONENT_SIZE: Readonly<Size> = { width: 180, height: 64 };
/** Smallest size ELK gives a boundary with content (room for its title). */
export const MIN_BOUNDARY_SIZE: Readonly<Size> = { width: 200, height: 100 };
/** Inside a boundary: room for the title bar at the top. */
export const BOUNDARY_PADDING = { top: 40, left: 20, bottom: 20, right: 20 } as const;
export const NODE_SPACING = 40;
export const LAYER_SPACING = 70;
/** Between unconnected parts of the diagram. */
export const COMPONENT_SPACING = 60;

export const ELK_DIRECTIONS: Readonly<Record<LayoutDirection, 'RIGHT' | 'DOWN' | 'LEFT' | 'UP'>> = {
  LR: 'RIGHT',
  TB: 'DOWN',
  RL: 'LEFT',
  BT: 'UP',
};

export const ELK_ROOT_ID = '__faultline_root__';

function padding(p: { top: number; left: number; bottom: number; right: number }): string {
  return `[top=${p.top},left=${p.left},bottom=${p.bottom},right=${p.right}]`;
}

function usableSize(s: Size | undefined): Size | undefined {
  return s && Number.isFinite(s.width) && Number.isFinite(s.height) && s.width > 0 && s.height > 0
    ? { width: s.width, height: s.height }
    : undefined;
}

/** Options every graph level needs: with INCLUDE_CHILDREN, nested graphs do not inherit spacing. */
function spacingOptions(opts: ElkGraphOptions): LayoutOptions {
  const o: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': ELK_DIRECTIONS[opts.direction],
    'elk.spacing.nodeNode': String(NODE_SPACING),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_SPACING),
    'elk.spacing.componentComponent': String(COMPONENT_SPACING),
  };
  if (opts.thoroughness !== undefined && Number.isFinite(opts.thoroughness)) {
    o['elk.layered.thoroughness'] = String(Math.max(1, Math.round(opts.thoroughness)));
  }
  return o;
}

/**
 * The containment tree the layout uses: each node's effective parent boundary (null = root).
 * A parent that does not exist, is not a boundary or would close a cycle counts as the root,
 * as on the canvas (see canvas/mapping.ts).
 */
export function effectiveParents(rows: DiagramRows): Map<Id, Id | null> {
  const boundaryParent = new Map<Id, Id | null>();
  for (const b of rows.boundaries) if (!boundaryParent.has(b.id)) boundaryParent.set(b.id, b.parentId);
  const resolved = new Map<Id, Id | null>();
  const resolveBoundary = (id: Id): Id | null => {
    const known = resolved.get(id);
    if (known !== undefined) return known;
    // Walk up until the root, a dangling parent, an already resolved boundary or a cycle.
    const chain: Id[] = [];
    const onChain = new Set<Id>();
    let cur: Id = id;
    for (;;) {
      chain.push(cur);
      onChain.add(cur);
      const p = boundaryParent.get(cur) ?? null;
      if (p === null || !boundaryParent.has(p)) {
        resolved.set(cur, null);
        chain.pop();
        break;
      }
      if (resolved.has(p)) break;
      if (onChain.has(p)) {
        // Cycle: cut it at `cur` (it goes to the root); the rest hang below it.
        resolved.set(cur, null);
        chain.pop();
        break;
      }
      cur = p;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const b = chain[i]!;
      if (!resolved.has(b)) resolved.set(b, boundaryParent.get(b) ?? null);
    }
    return resolved.get(id) ?? null;
  };
  const out = new Map<Id, Id | null>();
  for (const b of rows.boundaries) if (!out.has(b.id)) out.set(b.id, resolveBoundary(b.id));
  for (const c of rows.components) {
    if (out.has(c.id)) continue;
    out.set(c.id, c.parentId !== null && boundaryParent.has(c.parentId) ? c.parentId : null);
  }
  return out;
}

/** Lowest common ancestor of two nodes, where a node is its own ancestor; null = root. */
function edgeContainer(source: Id, target: Id, parents: ReadonlyMap<Id, Id | null>): Id | null {
  if (source === target) return parents.get(source) ?? null;
  const ancestors = new Set<Id>();
  for (let n: Id | null = source; n !== null; n = parents.get(n) ?? null) ancestors.add(n);
  for (let n: Id | null = target; n !== null; n = parents.get(n) ?? null) if (ancestors.has(n)) return n;
  return null;
}

/** The ELK graph for the rows (a root node whose children are the top-level nodes). */
export function toElkGraph(rows: DiagramRows, opts: ElkGraphOptions): ElkNode {
  const parents = effectiveParents(rows);
  const hasChildren = new Set<Id>();
  for (const p of parents.values()) if (p !== null) hasChildren.add(p);

  const root: ElkNode = {
    id: ELK_ROOT_ID,
    layoutOptions: {
      ...spacingOptions(opts),
      'elk.padding': padding({ top: 0, left: 0, bottom: 0, right: 0 }),
      ...(hasChildren.size > 0 ? { 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' } : {}),
    },
    children: [],
    edges: [],
  };
  const elkNodes = new Map<Id, ElkNode>();

  for (const b of rows.boundaries) {
    if (elkNodes.has(b.id)) continue;
    let node: ElkNode;
    if (hasChildren.has(b.id)) {
      node = {
        id: b.id,
        layoutOptions: {
          ...spacingOptions(opts),
          'elk.padding': padding(BOUNDARY_PADDING),
          'elk.nodeSize.constraints': 'MINIMUM_SIZE',
          'elk.nodeSize.minimum': `(${MIN_BOUNDARY_SIZE.width},${MIN_BOUNDARY_SIZE.height})`,
        },
        children: [],
        edges: [],
      };
    } else {
      // Empty boundary: a plain node that keeps its size.
      const size = usableSize(opts.sizes?.get(b.id)) ?? usableSize(b.size) ?? MIN_BOUNDARY_SIZE;
      node = { id: b.id, width: size.width, height: size.height };
    }
    elkNodes.set(b.id, node);
  }
  for (const c of rows.components) {
    if (elkNodes.has(c.id)) continue;
    const size = usableSize(opts.sizes?.get(c.id)) ?? DEFAULT_COMPONENT_SIZE;
    elkNodes.set(c.id, { id: c.id, width: size.width, height: size.height });
  }

  // Attach children in row order (boundaries first, then components).
  for (const [id, node] of elkNodes) {
    const p = parents.get(id) ?? null;
    const container = p === null ? root : elkNodes.get(p);
    (container ?? root).children!.push(node);
  }

  const edgeIds = new Set<Id>();
  for (const con of rows.connections) {
    if (edgeIds.has(con.id) || elkNodes.has(con.id)) continue;
    if (!elkNodes.has(con.source) || !elkNodes.has(con.target)) continue;
    edgeIds.add(con.id);
    const edge: ElkExtendedEdge = { id: con.id, sources: [con.source], targets: [con.target] };
    const c = edgeContainer(con.source, con.target, parents);
    const container = (c === null ? root : elkNodes.get(c)) ?? root;
    (container.edges ??= []).push(edge);
  }
  return root;
}

export interface FromElkOptions {
  /**
   * Keep the diagram where it was: move the laid-out top-level nodes so that their top-left
   * corner is where the old top-level nodes' was (default true). Otherwise the layout starts at (0, 0).
   */
  keepOrigin?: boolean;
}

interface Geometry {
  x: number;
  y: number;
  width: number | undefined;
  height: number | undefined;
  topLevel: boolean;
}

function collectGeometry(node: ElkNode, topLevel: boolean, out: Map<Id, Geometry>): void {
  for (const child of node.children ?? []) {
    if (
      typeof child.x === 'number' &&
      typeof child.y === 'number' &&
      Number.isFinite(child.x) &&
      Number.isFinite(child.y)
    ) {
      out.set(child.id, {
        x: child.x,
        y: child.y,
        width:
          typeof child.width === 'number' && Number.isFinite(child.width) && child.width > 0
            ? child.width
            : undefined,
        height:
          typeof child.height === 'number' && Number.isFinite(child.height) && child.height > 0
            ? child.height
            : undefined,
        topLevel,
      });
    }
    collectGeometry(child, false, out);
  }
}

function samePoint(a: XY, b: XY): boolean {
  return a.x === b.x && a.y === b.y;
}

/**
 * New rows with positions (and boundary sizes) from ELK's result. Positions are relative to
 * the parent boundary, rounded to whole pixels; rows missing from the result, and every other
 * field, are left as they were (unchanged rows keep their identity).
 */
export function fromElkGraph(result: ElkNode, rows: DiagramRows, options: FromElkOptions = {}): DiagramRows {
  const geo = new Map<Id, Geometry>();
  collectGeometry(result, true, geo);
  if (geo.size === 0) return rows;

  let dx = 0;
  let dy = 0;
  if (options.keepOrigin ?? true) {
    const parents = effectiveParents(rows);
    let oldX = Infinity;
    let oldY = Infinity;
    let newX = Infinity;
    let newY = Infinity;
    for (const r of [...rows.boundaries, ...rows.components] as (Boundary | Component)[]) {
      const g = geo.get(r.id);
      if (!g?.topLevel || parents.get(r.id) !== null) continue;
      if (Number.isFinite(r.position.x) && Number.isFinite(r.position.y)) {
        oldX = Math.min(oldX, r.position.x);
        oldY = Math.min(oldY, r.position.y);
      }
      newX = Math.min(newX, g.x);
      newY = Math.min(newY, g.y);
    }
    if (Number.isFinite(oldX) && Number.isFinite(newX)) dx = oldX - newX;
    if (Number.isFinite(oldY) && Number.isFinite(newY)) dy = oldY - newY;
  }

  const place = (g: Geometry): XY =>
    g.topLevel
      ? { x: Math.round(g.x + dx), y: Math.round(g.y + dy) }
      : { x: Math.round(g.x), y: Math.round(g.y) };

  const components = rows.components.map((c) => {
    const g = geo.get(c.id);
    if (!g) return c;
    const position = place(g);
    return samePoint(position, c.position) ? c : { ...c, position };
  });
  const boundaries = rows.boundaries.map((b) => {
    const g = geo.get(b.id);
    if (!g) return b;
    const position = place(g);
    const size =
      g.width !== undefined && g.height !== undefined
        ? { width: Math.ceil(g.width), height: Math.ceil(g.height) }
        : b.size;
    if (samePoint(position, b.position) && size.width === b.size.width && size.height === b.size.height)
      return b;
    return { ...b, position, size };
  });
  return { ...rows, components, boundaries };
}
