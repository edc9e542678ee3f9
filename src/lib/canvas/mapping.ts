/**
 * Pure conversion between the diagram's stored rows and Svelte Flow's nodes and edges.
 * No Svelte runtime, no DOM: only type imports from @xyflow/svelte.
 */
import type { Edge, Node } from '@xyflow/svelte';
import { BOUNDARY_CATALOGUE, COMPONENT_CATALOGUE } from '../model/catalogue';
import type { DiagramRows } from '../model/patch';
import type { Boundary, Component, Connection, Id } from '../model/types';

export type ComponentNodeData = { row: Component; decisionCount: number };
export type BoundaryNodeData = { row: Boundary };
export type ComponentNode = Node<ComponentNodeData, 'component'>;
export type BoundaryNode = Node<BoundaryNodeData, 'boundary'>;
export type CanvasNode = ComponentNode | BoundaryNode;
export type ConnectionEdgeData = { row: Connection };
export type CanvasEdge = Edge<ConnectionEdgeData, 'connection'>;

export function componentAriaLabel(row: Component): string {
  const kind = COMPONENT_CATALOGUE[row.kind].label;
  return row.label === kind ? row.label : `${row.label} (${kind})`;
}

export function boundaryAriaLabel(row: Boundary): string {
  return `${row.label} (${BOUNDARY_CATALOGUE[row.kind].label})`;
}

/** Boundaries ordered so every parent comes before its children (Svelte Flow requires it). */
export function parentsFirst(boundaries: readonly Boundary[]): Boundary[] {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const out: Boundary[] = [];
  const placed = new Set<Id>();
  const visiting = new Set<Id>();
  const visit = (b: Boundary) => {
    if (placed.has(b.id) || visiting.has(b.id)) return;
    visiting.add(b.id);
    const parent = b.parentId ? byId.get(b.parentId) : undefined;
    if (parent) visit(parent);
    visiting.delete(b.id);
    placed.add(b.id);
    out.push(b);
  };
  boundaries.forEach(visit);
  return out;
}

export function componentNode(row: Component, decisionCount: number, prev?: CanvasNode): ComponentNode {
  return {
    ...(prev?.type === 'component' ? prev : {}),
    id: row.id,
    type: 'component',
    position: { ...row.position },
    parentId: row.parentId ?? undefined,
    data: { row, decisionCount },
    ariaLabel: componentAriaLabel(row),
  } as ComponentNode;
}

export function boundaryNode(row: Boundary, prev?: CanvasNode): BoundaryNode {
  return {
    ...(prev?.type === 'boundary' ? prev : {}),
    id: row.id,
    type: 'boundary',
    position: { ...row.position },
    parentId: row.parentId ?? undefined,
    width: row.size.width,
    height: row.size.height,
    data: { row },
    ariaLabel: boundaryAriaLabel(row),
  } as BoundaryNode;
}

export function connectionEdge(row: Connection, prev?: CanvasEdge): CanvasEdge {
  const edge: CanvasEdge = {
    ...(prev ?? {}),
    id: row.id,
    type: 'connection',
    source: row.source,
    target: row.target,
    data: { row },
    ariaLabel: row.label ? `Connection: ${row.label}` : 'Connection',
  };
  if (row.sourceHandle) edge.sourceHandle = row.sourceHandle;
  else delete edge.sourceHandle;
  if (row.targetHandle) edge.targetHandle = row.targetHandle;
  else delete edge.targetHandle;
  return edge;
}

/**
 * Nodes and edges for the rows. `prev` nodes/edges with the same id keep their view state
 * (selection, measured size), so merging outside changes never loses what Svelte Flow measured.
 */
export function rowsToCanvas(
  rows: DiagramRows,
  opts: {
    decisionCounts?: ReadonlyMap<Id, number>;
    prevNodes?: readonly CanvasNode[];
    prevEdges?: readonly CanvasEdge[];
  } = {},
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const prevNodes = new Map((opts.prevNodes ?? []).map((n) => [n.id, n]));
  const prevEdges = new Map((opts.prevEdges ?? []).map((e) => [e.id, e]));
  const boundaryIds = new Set(rows.boundaries.map((b) => b.id));
  const nodes: CanvasNode[] = [
    ...parentsFirst(rows.boundaries).map((b) =>
      boundaryNode(
        b.parentId && !boundaryIds.has(b.parentId) ? { ...b, parentId: null } : b,
        prevNodes.get(b.id),
      ),
    ),
    ...rows.components.map((c) =>
      componentNode(
        c.parentId && !boundaryIds.has(c.parentId) ? { ...c, parentId: null } : c,
        opts.decisionCounts?.get(c.id) ?? 0,
        prevNodes.get(c.id),
      ),
    ),
  ];
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edges = rows.connections
    .filter((c) => nodeIds.has(c.source) && nodeIds.has(c.target))
    .map((c) => connectionEdge(c, prevEdges.get(c.id)));
  return { nodes, edges };
}

/** The rows the canvas currently shows (positions, parents, sizes and handles read back from it). */
export function canvasToRows(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): DiagramRows {
  const components: Component[] = [];
  const boundaries: Boundary[] = [];
  for (const n of nodes) {
    const position = { x: n.position.x, y: n.position.y };
    const parentId = n.parentId ?? null;
    if (n.type === 'component') {
      components.push({ ...n.data.row, position, parentId });
    } else {
      const width = n.width ?? n.measured?.width ?? n.data.row.size.width;
      const height = n.height ?? n.measured?.height ?? n.data.row.size.height;
      boundaries.push({ ...n.data.row, position, parentId, size: { width, height } });
    }
  }
  const connections: Connection[] = edges.map((e) => ({
    ...e.data!.row,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle ?? null,
    targetHandle: e.targetHandle ?? null,
  }));
  return { components, boundaries, connections };
}
