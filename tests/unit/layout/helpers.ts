/** Fixtures and geometry checks for the layout tests. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { createBoundary, createComponent, createConnection } from '../../../src/lib/model/factories';
import type { DiagramRows } from '../../../src/lib/model/patch';
import type {
  Boundary,
  BoundaryKind,
  Component,
  ComponentKind,
  Id,
  Size,
} from '../../../src/lib/model/types';
import { DEFAULT_COMPONENT_SIZE, type ElkNode, type LayoutEngine } from '../../../src/lib/layout';

export const CS = 'cs_test';
export const DG = 'dgm_test';

/** Builds diagram rows with readable ids. */
export class DiagramBuilder {
  components: Component[] = [];
  boundaries: Boundary[] = [];
  connections: DiagramRows['connections'] = [];

  component(id: string, parentId: string | null = null, kind: ComponentKind = 'service'): this {
    this.components.push(createComponent({ caseStudyId: CS, diagramId: DG, kind, id, parentId, label: id }));
    return this;
  }

  boundary(id: string, parentId: string | null = null, kind: BoundaryKind = 'region'): this {
    this.boundaries.push(createBoundary({ caseStudyId: CS, diagramId: DG, kind, id, parentId, label: id }));
    return this;
  }

  connect(source: string, target: string, id = `con_${source}_${target}`): this {
    this.connections.push(createConnection({ caseStudyId: CS, diagramId: DG, source, target, id }));
    return this;
  }

  rows(): DiagramRows {
    return { components: this.components, boundaries: this.boundaries, connections: this.connections };
  }
}

/** elkjs in-process (Node), as the layout engine. */
export function nodeElkEngine(): LayoutEngine {
  const elk = new ELK();
  return (graph: ElkNode) => elk.layout(graph);
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function sizeOf(rows: DiagramRows, id: Id, sizes?: ReadonlyMap<Id, Size>): Size {
  const b = rows.boundaries.find((r) => r.id === id);
  if (b) return b.size;
  return sizes?.get(id) ?? DEFAULT_COMPONENT_SIZE;
}

/** Every node as a rectangle relative to its parent, with its parent id. */
export function rects(
  rows: DiagramRows,
  sizes?: ReadonlyMap<Id, Size>,
): Map<Id, Rect & { parentId: Id | null }> {
  const out = new Map<Id, Rect & { parentId: Id | null }>();
  for (const r of [...rows.boundaries, ...rows.components]) {
    out.set(r.id, { ...r.position, ...sizeOf(rows, r.id, sizes), parentId: r.parentId });
  }
  return out;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Problems with a laid-out diagram: non-finite numbers, children outside parents, overlapping siblings. */
export function layoutProblems(rows: DiagramRows, sizes?: ReadonlyMap<Id, Size>): string[] {
  const problems: string[] = [];
  const all = rects(rows, sizes);
  for (const [id, r] of all) {
    if (![r.x, r.y, r.width, r.height].every(Number.isFinite))
      problems.push(`${id}: not finite ${JSON.stringify(r)}`);
    if (r.parentId === null) continue;
    const p = all.get(r.parentId);
    if (!p) continue;
    if (r.x < 0 || r.y < 0 || r.x + r.width > p.width || r.y + r.height > p.height) {
      problems.push(`${id} outside ${r.parentId}: ${JSON.stringify(r)} in ${p.width}x${p.height}`);
    }
  }
  const siblings = new Map<Id | null, [Id, Rect][]>();
  for (const [id, r] of all) {
    const list = siblings.get(r.parentId) ?? [];
    list.push([id, r]);
    siblings.set(r.parentId, list);
  }
  for (const list of siblings.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [ia, a] = list[i]!;
        const [ib, b] = list[j]!;
        if (overlaps(a, b)) problems.push(`${ia} overlaps ${ib}`);
      }
    }
  }
  return problems;
}

/** Finds a node in an ELK graph by id (depth first). */
export function findElk(node: ElkNode, id: string): ElkNode | undefined {
  for (const c of node.children ?? []) {
    if (c.id === id) return c;
    const found = findElk(c, id);
    if (found) return found;
  }
  return undefined;
}

/** The id of the ELK node whose `edges` hold the edge, or undefined. */
export function edgeHolder(node: ElkNode, edgeId: string): string | undefined {
  if (node.edges?.some((e) => e.id === edgeId)) return node.id;
  for (const c of node.children ?? []) {
    const found = edgeHolder(c, edgeId);
    if (found) return found;
  }
  return undefined;
}
