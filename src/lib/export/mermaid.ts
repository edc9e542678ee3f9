/**
 * Mermaid flowchart export of one diagram. Pure: plain rows in, text out.
 *
 * - `flowchart <direction>` from the diagram, `accTitle` with its name.
 * - Each component in its catalogue shape with a quoted, escaped label (see mermaid-escape.ts).
 * - Boundaries as nested `subgraph b_… ["Title"]` … `end`; children are declared in canvas
 *   order (across the flow first, then along it) so Mermaid's layout resembles the canvas.
 * - Edges after all subgraphs (an edge written inside a subgraph would pull both ends into
 *   it): `-->` sync, `-.->` async, `==>` stream, label = connection label + policy summary.
 * - Error flow: failure-path edges red, dashed and thicker (`linkStyle`); dead letter queues,
 *   components reached only by failure paths and external services get styled classes.
 *   Colour always comes with a second cue (dash, thickness, shape).
 * - Every node carries its kind as a class (`n_…[("Orders DB")]:::database`, no `classDef`)
 *   and every subgraph too (`class b_… region`, styled), so an importer can restore kinds.
 */
import { LAYOUT_DIRECTIONS } from '../model/types';
import type {
  Boundary,
  BoundaryKind,
  Component,
  ComponentKind,
  Connection,
  ConnectionMode,
  Diagram,
  Id,
  LayoutDirection,
  XY,
} from '../model/types';
import type { DiagramRows } from '../model/patch';
import { COMPONENT_CATALOGUE, MERMAID_SHAPES, type MermaidShape } from '../model/catalogue';
import { policySummary } from '../model/policies';
import { escapeLabel, mermaidIds } from './mermaid-escape';

export interface FlowchartOptions {
  /** Append the connection's resilience policies to its label (default true). */
  includePolicies?: boolean;
}

/** The vertex `type` Mermaid's flowchart parser reports for each catalogue shape. */
export const MERMAID_VERTEX_TYPES: Readonly<Record<MermaidShape, string>> = {
  rect: 'square',
  round: 'round',
  stadium: 'stadium',
  subroutine: 'subroutine',
  cylinder: 'cylinder',
  circle: 'circle',
  asymmetric: 'odd',
  rhombus: 'diamond',
  hexagon: 'hexagon',
  parallelogram: 'lean_right',
  'parallelogram-alt': 'lean_left',
  trapezoid: 'trapezoid',
  'trapezoid-alt': 'inv_trapezoid',
};

/** The arrow written for each connection mode, and the `stroke` Mermaid reads back. */
export const MERMAID_ARROWS: Readonly<Record<ConnectionMode, { arrow: string; stroke: string }>> = {
  sync: { arrow: '-->', stroke: 'normal' },
  async: { arrow: '-.->', stroke: 'dotted' },
  stream: { arrow: '==>', stroke: 'thick' },
};

/**
 * Styles, each with a non-colour cue (dash pattern, thickness, shape). Fills are translucent
 * (#RRGGBBAA: a classDef cannot hold the commas of rgba()) so text stays readable on light
 * and dark themes alike.
 */
export const FLOWCHART_CLASS_DEFS = {
  dlq: 'fill:#c628281f,stroke:#c62828,stroke-width:3px,stroke-dasharray:2 2',
  failure: 'fill:#c6282814,stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4',
  external: 'fill:#71717a1f,stroke:#71717a,stroke-dasharray:4 3',
  region: 'fill:#5b8ac61a,stroke:#5b8ac6',
  availability_zone: 'fill:#5b8ac60d,stroke:#5b8ac6,stroke-dasharray:6 4',
  trust_boundary: 'fill:#c628280a,stroke:#c62828,stroke-width:2px,stroke-dasharray:2 3',
  failure_domain: 'fill:#d98e041a,stroke:#d98e04,stroke-width:3px',
  bounded_context: 'fill:#8a8aad14,stroke:#8a8aad',
  vpc: 'fill:#5f8f6a0d,stroke:#5f8f6a,stroke-dasharray:10 4',
} as const;

/** linkStyle for failure-path edges: red, thicker, dashed. */
export const FAILURE_LINK_STYLE = 'stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4';

/** The class name a kind is exported as (`dead-letter-queue` → `dead_letter_queue`). */
export function kindClass(kind: ComponentKind | BoundaryKind): string {
  return kind.replace(/-/g, '_');
}

/** The text of a connection's label as exported: "label · ⏱2s ⟳3 ⚡CB". */
export function flowchartEdgeText(
  connection: Pick<Connection, 'label' | 'policies'>,
  includePolicies = true,
): string {
  const summary = includePolicies ? policySummary(connection.policies).join(' ') : '';
  return [connection.label, summary].filter((s) => s !== '').join(' · ');
}

export interface FlowchartEdge {
  connectionId: Id;
  /** Mermaid ids of the ends. */
  from: string;
  to: string;
  /** Label text before escaping ('' when the edge has none). */
  text: string;
  mode: ConnectionMode;
  failurePath: boolean;
}

export interface FlowchartExport {
  text: string;
  /** Record id (component or boundary) → Mermaid id, for everything that was exported. */
  ids: ReadonlyMap<Id, string>;
  /** Edges in output order (the index is the `linkStyle` index). */
  edges: FlowchartEdge[];
  /** Connections left out because an end is not in the diagram. */
  skippedConnectionIds: Id[];
}

type Child = { type: 'component'; row: Component } | { type: 'boundary'; row: Boundary };

const INDENT = '  ';

function quoted(text: string): string {
  return `"${escapeLabel(text) || ' '}"`;
}

function nodeLine(id: string, c: Component): string {
  const info = COMPONENT_CATALOGUE[c.kind] ?? COMPONENT_CATALOGUE.service;
  const [open, close] = MERMAID_SHAPES[info.mermaidShape];
  return `${id}${open}${quoted(c.label)}${close}:::${kindClass(info.kind)}`;
}

function axes(direction: LayoutDirection): { across: 'x' | 'y'; along: 'x' | 'y'; sign: 1 | -1 } {
  const horizontal = direction === 'LR' || direction === 'RL';
  return {
    across: horizontal ? 'y' : 'x',
    along: horizontal ? 'x' : 'y',
    sign: direction === 'RL' || direction === 'BT' ? -1 : 1,
  };
}

function byId(a: { id: Id }, b: { id: Id }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Build the flowchart text together with what was exported (ids, edges in order). */
export function buildFlowchart(
  diagram: Pick<Diagram, 'id' | 'name' | 'direction'>,
  rows: DiagramRows,
  opts: FlowchartOptions = {},
): FlowchartExport {
  const includePolicies = opts.includePolicies ?? true;
  const direction: LayoutDirection = LAYOUT_DIRECTIONS.includes(diagram.direction) ? diagram.direction : 'LR';
  const mine = <T extends { diagramId: Id }>(xs: readonly T[]) =>
    xs.filter((x) => x.diagramId === diagram.id);
  const components = dedupe(mine(rows.components));
  const boundaries = dedupe(mine(rows.boundaries));
  const connections = dedupe(mine(rows.connections));

  const boundaryById = new Map(boundaries.map((b) => [b.id, b]));
  // A boundary's parent counts only if it is a boundary here and its chain of parents
  // ends (no cycle); otherwise it goes to the top level, so nothing is ever left out.
  const parentOf = new Map<Id, Id | null>();
  for (const b of boundaries) {
    const seen = new Set<Id>([b.id]);
    let loops = false;
    for (let p = b.parentId; p !== null && boundaryById.has(p); p = boundaryById.get(p)?.parentId ?? null) {
      if (seen.has(p)) {
        loops = true;
        break;
      }
      seen.add(p);
    }
    parentOf.set(b.id, !loops && b.parentId !== null && boundaryById.has(b.parentId) ? b.parentId : null);
  }
  for (const c of components)
    parentOf.set(c.id, c.parentId !== null && boundaryById.has(c.parentId) ? c.parentId : null);

  const nodeIds = mermaidIds(
    components.map((c) => c.id),
    'n',
  );
  const groupIds = mermaidIds(
    boundaries.map((b) => b.id),
    'b',
  );
  const ids = new Map<Id, string>([...nodeIds, ...groupIds]);

  const children = new Map<Id | null, Child[]>();
  const addChild = (parent: Id | null, child: Child) => {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  for (const b of boundaries) addChild(parentOf.get(b.id) ?? null, { type: 'boundary', row: b });
  for (const c of components) addChild(parentOf.get(c.id) ?? null, { type: 'component', row: c });
  // Siblings in canvas order across the flow (Mermaid's layout keeps declaration order
  // within a rank), then along it.
  const { across, along, sign } = axes(direction);
  for (const list of children.values()) {
    list.sort(
      (a, b) =>
        a.row.position[across] - b.row.position[across] ||
        sign * (a.row.position[along] - b.row.position[along]) ||
        byId(a.row, b.row),
    );
  }
  // Absolute canvas positions (children are stored relative to their boundary).
  const absolute = new Map<Id, XY>();
  const rowById = new Map<Id, Component | Boundary>([...boundaries, ...components].map((r) => [r.id, r]));
  const abs = (id: Id): XY => {
    const known = absolute.get(id);
    if (known) return known;
    const row = rowById.get(id);
    const parent = parentOf.get(id) ?? null;
    const base = parent === null ? { x: 0, y: 0 } : abs(parent);
    const at = { x: base.x + (row?.position.x ?? 0), y: base.y + (row?.position.y ?? 0) };
    absolute.set(id, at);
    return at;
  };

  const lines: string[] = [`flowchart ${direction}`];
  if (diagram.name.trim() !== '') lines.push(`${INDENT}accTitle: ${escapeLabel(titleText(diagram.name))}`);
  if (components.length === 0 && boundaries.length === 0) {
    lines.push(`${INDENT}%% This diagram has no components yet.`);
  }

  // Declaration order, used to order edges.
  const declared = new Map<Id, number>();
  const emit = (parent: Id | null, depth: number) => {
    const pad = INDENT.repeat(depth);
    for (const child of children.get(parent) ?? []) {
      const id = ids.get(child.row.id) ?? '';
      declared.set(child.row.id, declared.size);
      if (child.type === 'component') {
        lines.push(pad + nodeLine(id, child.row));
      } else {
        lines.push(`${pad}subgraph ${id} [${quoted(child.row.label)}]`);
        emit(child.row.id, depth + 1);
        lines.push(`${pad}end`);
      }
    }
  };
  emit(null, 1);

  const edges: FlowchartEdge[] = [];
  const skippedConnectionIds: Id[] = [];
  const usable = connections
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => {
      const ok = ids.has(c.source) && ids.has(c.target);
      if (!ok) skippedConnectionIds.push(c.id);
      return ok;
    })
    // In reading order: by where the source sits along the flow, then across it, then the target.
    .sort(
      (a, b) =>
        sign * (abs(a.c.source)[along] - abs(b.c.source)[along]) ||
        abs(a.c.source)[across] - abs(b.c.source)[across] ||
        (declared.get(a.c.source) ?? 0) - (declared.get(b.c.source) ?? 0) ||
        sign * (abs(a.c.target)[along] - abs(b.c.target)[along]) ||
        abs(a.c.target)[across] - abs(b.c.target)[across] ||
        (declared.get(a.c.target) ?? 0) - (declared.get(b.c.target) ?? 0) ||
        byId(a.c, b.c) ||
        a.i - b.i,
    );
  if (usable.length > 0) lines.push('');
  for (const { c } of usable) {
    const from = ids.get(c.source) ?? '';
    const to = ids.get(c.target) ?? '';
    const mode: ConnectionMode = MERMAID_ARROWS[c.mode] ? c.mode : 'sync';
    const text = flowchartEdgeText(c, includePolicies);
    const label = text === '' ? '' : `|${quoted(text)}|`;
    lines.push(`${INDENT}${from} ${MERMAID_ARROWS[mode].arrow}${label} ${to}`);
    edges.push({ connectionId: c.id, from, to, text, mode, failurePath: c.failurePath });
  }

  // Styled classes: roles of components (dlq, failure, external), then boundary kinds.
  const classMembers = new Map<string, string[]>();
  const addClass = (name: string, id: string) => {
    const list = classMembers.get(name);
    if (list) list.push(id);
    else classMembers.set(name, [id]);
  };
  const incoming = new Map<Id, { failure: number; other: number }>();
  for (const { c } of usable) {
    const n = incoming.get(c.target) ?? { failure: 0, other: 0 };
    if (c.failurePath) n.failure++;
    else n.other++;
    incoming.set(c.target, n);
  }
  const declaredComponents = components
    .filter((c) => declared.has(c.id))
    .sort((a, b) => (declared.get(a.id) ?? 0) - (declared.get(b.id) ?? 0));
  const declaredBoundaries = boundaries
    .filter((b) => declared.has(b.id))
    .sort((a, b) => (declared.get(a.id) ?? 0) - (declared.get(b.id) ?? 0));
  for (const c of declaredComponents) {
    const info = COMPONENT_CATALOGUE[c.kind];
    const id = ids.get(c.id) ?? '';
    const inc = incoming.get(c.id);
    if (info?.failureSink) addClass('dlq', id);
    else if (inc && inc.failure > 0 && inc.other === 0) addClass('failure', id);
    if (info?.external) addClass('external', id);
  }
  for (const b of declaredBoundaries) addClass(kindClass(b.kind), ids.get(b.id) ?? '');

  const styled = Object.entries(FLOWCHART_CLASS_DEFS).filter(([name]) => classMembers.has(name));
  const failureIndices = edges.flatMap((e, i) => (e.failurePath ? [i] : []));
  if (styled.length > 0 || failureIndices.length > 0) lines.push('');
  for (const [name, style] of styled) lines.push(`${INDENT}classDef ${name} ${style}`);
  for (const [name] of styled)
    lines.push(`${INDENT}class ${(classMembers.get(name) ?? []).join(',')} ${name}`);
  if (failureIndices.length > 0)
    lines.push(`${INDENT}linkStyle ${failureIndices.join(',')} ${FAILURE_LINK_STYLE}`);

  return { text: lines.join('\n') + '\n', ids, edges, skippedConnectionIds };
}

/** A complete Mermaid `flowchart` for one diagram. Deterministic for the same rows. */
export function exportFlowchart(
  diagram: Pick<Diagram, 'id' | 'name' | 'direction'>,
  rows: DiagramRows,
  opts: FlowchartOptions = {},
): string {
  return buildFlowchart(diagram, rows, opts).text;
}

/** Titles are one line: newlines become spaces. */
export function titleText(name: string): string {
  return name.replace(/\r\n|\r|\n/g, ' ');
}

function dedupe<T extends { id: Id }>(xs: readonly T[]): T[] {
  const seen = new Set<Id>();
  return xs.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
}
