/**
 * From a parsed flowchart to Faultline records, in two steps: `planImport` proposes a kind,
 * label and technology for every node and subgraph with the reason (a plan the user reviews and
 * may override), and `buildImport` makes the records. See index.ts for the mapping rules.
 */
import {
  BOUNDARY_KINDS,
  COMPONENT_KINDS,
  type Boundary,
  type BoundaryKind,
  type Component,
  type ComponentKind,
  type Connection,
  type ConnectionMode,
  type Diagram,
  type Id,
  type LayoutDirection,
  type Size,
  type XY,
} from '../../model/types';
import { COMPONENT_CATALOGUE } from '../../model/catalogue';
import { createBoundary, createComponent, createConnection, createDiagram } from '../../model/factories';
import { FAILURE_LINK_STYLE, kindClass } from '../../export/mermaid';
import type { ParsedEdge, ParsedFlowchart, ParsedSubgraph, ParsedVertex } from './parse';
import { genericShapeName, shapeRule } from './shapes';
import { analyseLabel, technologyFor } from './technology';

export type ComponentDecision = 'class' | 'label' | 'shape' | 'default';
export type BoundaryDecision = 'class' | 'title' | 'default';

export interface PlannedComponent {
  /** Mermaid id of the node. */
  id: string;
  label: string;
  kind: ComponentKind;
  technology: string;
  /** Why this kind, in plain words ("label names Redis"). */
  why: string;
  decidedBy: ComponentDecision;
  /** Mermaid's shape for the node, or null. */
  shape: string | null;
  /** Mermaid id of the enclosing subgraph, or null. */
  parent: string | null;
}

export interface PlannedBoundary {
  /** Mermaid id of the subgraph. */
  id: string;
  label: string;
  kind: BoundaryKind;
  why: string;
  decidedBy: BoundaryDecision;
  parent: string | null;
}

export interface PlannedConnection {
  /** Index of the edge in the flowchart's edges. */
  edge: number;
  /** Mermaid ids of the ends (nodes or subgraphs). */
  source: string;
  target: string;
  label: string;
  mode: ConnectionMode;
  /** Failure path as planned (recomputed by buildImport when an override changes the target's kind). */
  failurePath: boolean;
  /** Drawn with Faultline's failure-path `linkStyle`. */
  failureStyled: boolean;
  why: string;
  /** Mermaid's arrow type (`arrow_point`, `arrow_open`, `double_arrow_point`…). */
  arrow: string;
}

export interface SkippedEdge {
  edge: number;
  start: string;
  end: string;
  reason: string;
}

export interface ImportPlan {
  direction: LayoutDirection;
  /** The diagram's own title: front matter `title:`, else `accTitle:`, else null. */
  title: string | null;
  /** Every node carries one of Faultline's kind classes: the text is (very likely) a Faultline export. */
  fromFaultline: boolean;
  /** Parents before children. */
  boundaries: PlannedBoundary[];
  components: PlannedComponent[];
  connections: PlannedConnection[];
  skipped: SkippedEdge[];
  /** What the import did that the user should know, one sentence each. */
  notes: string[];
}

export interface PlanOptions {
  /** Import invisible links (`~~~`) as sync connections instead of leaving them out (default false). */
  keepInvisibleLinks?: boolean;
}

const COMPONENT_BY_CLASS = new Map<string, ComponentKind>(COMPONENT_KINDS.map((k) => [kindClass(k), k]));
const BOUNDARY_BY_CLASS = new Map<string, BoundaryKind>(BOUNDARY_KINDS.map((k) => [kindClass(k), k]));

// --- Components -----------------------------------------------------------------------------

function planComponent(v: ParsedVertex, parent: string | null): PlannedComponent {
  const base = { id: v.id, label: v.text, shape: v.shape, parent };
  const analysis = analyseLabel(v.text);
  const withTechnology = (
    kind: ComponentKind,
    why: string,
    decidedBy: ComponentDecision,
  ): PlannedComponent => {
    const technology = technologyFor(kind, analysis);
    const named =
      technology === '' || why.includes(technology.split(' ')[0] ?? '') ? '' : `; label names ${technology}`;
    return { ...base, kind, technology, why: why + named, decidedBy };
  };

  const cls = v.classes.find((c) => COMPONENT_BY_CLASS.has(c));
  const classKind = cls === undefined ? undefined : COMPONENT_BY_CLASS.get(cls);
  if (cls !== undefined && classKind !== undefined)
    return withTechnology(classKind, `class “${cls}” (Faultline's kind class)`, 'class');

  const head = analysis.head;
  if (head && head.strength === 'strong') return withTechnology(head.kind, head.why, 'label');
  const shape = shapeRule(v.shape);
  if (shape?.specific) return withTechnology(shape.kind, `${shape.shape} shape`, 'shape');
  if (head) return withTechnology(head.kind, head.why, 'label');
  if (shape) return withTechnology(shape.kind, `${shape.shape} shape`, 'shape');
  return withTechnology('service', `${genericShapeName(v.shape)}: a service (default)`, 'default');
}

// --- Boundaries -----------------------------------------------------------------------------

export interface BoundaryRule {
  kind: BoundaryKind;
  pattern: RegExp;
  says: string;
}

/** Title words → boundary kind; when several match, the right-most (head) match decides. */
export const BOUNDARY_RULES: readonly BoundaryRule[] = [
  {
    kind: 'availability-zone',
    pattern:
      /\bavailability[\s-]*zones?\b|\baz(?:[\s-]?(?:\d+|[a-f]))?\b|\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?[a-z]+-\d[a-z]\b|\b[a-z]+-[a-z]+\d-[a-z]\b|\bdata[\s-]?cent(?:er|re)s?\b/gi,
    says: 'availability zone',
  },
  {
    kind: 'region',
    pattern:
      /\bregions?\b|\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d\b|\b(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)\d+\b|\b(?:east|west|north|south|central)[\s-]?(?:us|europe|asia)\b/gi,
    says: 'region',
  },
  {
    kind: 'vpc',
    pattern:
      /\bvpcs?\b|\bvnets?\b|\bvirtual (?:private )?networks?\b|\bsubnets?\b|\bvlans?\b|\bnetwork segments?\b/gi,
    says: 'VPC / network',
  },
  {
    kind: 'trust-boundary',
    pattern:
      /\b(?:un)?trust(?:ed)?\b|\bdmz\b|\bpublic\b|\bprivate[\s-]network\b|\binternet\b|\bperimeter\b|\bsecurity zone\b/gi,
    says: 'trust boundary',
  },
  {
    kind: 'failure-domain',
    pattern:
      /\bbulkheads?\b|\b(?:failure|fault)[\s-]domains?\b|\bcells?\b|\bblast[\s-]radius\b|\bfault isolation\b/gi,
    says: 'failure domain',
  },
];

function withoutParentheses(title: string): { main: string; notes: string } {
  let main = '';
  let notes = '';
  let depth = 0;
  for (const ch of title) {
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch) && depth > 0) depth--;
    if (depth > 0 || ')]}'.includes(ch)) {
      notes += ch;
      main += ' ';
    } else {
      main += ch;
      notes += ' ';
    }
  }
  return { main, notes };
}

function titleMatch(text: string): { rule: BoundaryRule; word: string } | null {
  const found: { rule: BoundaryRule; word: string; start: number; end: number }[] = [];
  for (const r of BOUNDARY_RULES)
    for (const m of text.matchAll(r.pattern))
      found.push({ rule: r, word: m[0], start: m.index, end: m.index + m[0].length });
  // The head: right-most, ignoring matches inside a longer one.
  const heads = found.filter(
    (a) =>
      !found.some(
        (b) => b !== a && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start,
      ),
  );
  return heads.reduce<(typeof found)[number] | null>(
    (best, m) => (best === null || m.start > best.start ? m : best),
    null,
  );
}

function planBoundary(s: ParsedSubgraph): PlannedBoundary {
  const base = { id: s.id, label: s.title, parent: s.parent };
  const cls = s.classes.find((c) => BOUNDARY_BY_CLASS.has(c));
  const classKind = cls === undefined ? undefined : BOUNDARY_BY_CLASS.get(cls);
  if (cls !== undefined && classKind !== undefined)
    return { ...base, kind: classKind, why: `class “${cls}” (Faultline's kind class)`, decidedBy: 'class' };
  const { main, notes } = withoutParentheses(s.title);
  const hit = titleMatch(main) ?? titleMatch(notes);
  if (hit) return { ...base, kind: hit.rule.kind, why: `title says “${hit.word}”`, decidedBy: 'title' };
  return {
    ...base,
    kind: 'bounded-context',
    why: 'no boundary word in the title: a bounded context (default)',
    decidedBy: 'default',
  };
}

// --- Connections ----------------------------------------------------------------------------

const MODE_BY_STROKE: Readonly<Record<ParsedEdge['stroke'], { mode: ConnectionMode; why: string }>> = {
  normal: { mode: 'sync', why: 'solid link: sync request' },
  dotted: { mode: 'async', why: 'dotted link: async message' },
  thick: { mode: 'stream', why: 'thick link: stream' },
  invisible: { mode: 'sync', why: 'invisible link kept: sync request' },
};

/**
 * `stroke:#c62828,stroke-width:2px,…` as written by the exporter, compared loosely (Mermaid
 * adds `fill:none` to every styled link).
 */
function normaliseStyle(parts: readonly string[]): string {
  return parts
    .join(',')
    .split(/[,;]/)
    .map((p) =>
      p
        .replace(/\s+/g, ' ')
        .replace(/\s*:\s*/, ':')
        .trim()
        .toLowerCase(),
    )
    .filter((p) => p !== '' && p !== 'fill:none')
    .sort()
    .join(',');
}
const FAILURE_STYLE = normaliseStyle([FAILURE_LINK_STYLE]);

function isFailureStyle(style: readonly string[]): boolean {
  return style.length > 0 && normaliseStyle(style) === FAILURE_STYLE;
}

function failurePathOf(
  styled: boolean,
  fromFaultline: boolean,
  targetKind: ComponentKind | undefined,
): boolean {
  if (styled) return true;
  // A Faultline export says which connections are failure paths (linkStyle); elsewhere,
  // connections into a dead letter queue are failure paths, as on the canvas.
  return !fromFaultline && targetKind !== undefined && COMPONENT_CATALOGUE[targetKind].failureSink;
}

// --- Plan -----------------------------------------------------------------------------------

/** Propose how a parsed flowchart becomes a diagram: see index.ts for the rules. */
export function planImport(flowchart: ParsedFlowchart, opts: PlanOptions = {}): ImportPlan {
  const parentOf = new Map<string, string>();
  for (const s of flowchart.subgraphs) for (const n of s.nodes) parentOf.set(n, s.id);

  const boundaries = flowchart.subgraphs.map(planBoundary);
  const components = flowchart.vertices.map((v) => planComponent(v, parentOf.get(v.id) ?? null));
  const fromFaultline = components.length > 0 && components.every((c) => c.decidedBy === 'class');
  const componentKind = new Map(components.map((c) => [c.id, c.kind]));
  const ends = new Set([...components.map((c) => c.id), ...boundaries.map((b) => b.id)]);

  const connections: PlannedConnection[] = [];
  const skipped: SkippedEdge[] = [];
  flowchart.edges.forEach((e, edge) => {
    if (e.stroke === 'invisible' && !opts.keepInvisibleLinks) {
      skipped.push({
        edge,
        start: e.start,
        end: e.end,
        reason: 'invisible link (~~~): it only steers Mermaid’s layout',
      });
      return;
    }
    if (!ends.has(e.start) || !ends.has(e.end)) {
      skipped.push({ edge, start: e.start, end: e.end, reason: 'an end is not a node or a subgraph' });
      return;
    }
    const { mode, why } = MODE_BY_STROKE[e.stroke];
    const failureStyled = isFailureStyle(e.style);
    const targetKind = componentKind.get(e.end);
    const failurePath = failurePathOf(failureStyled, fromFaultline, targetKind);
    const reasons = [why];
    if (failureStyled) reasons.push('failure-path link style: failure path');
    else if (failurePath) reasons.push('into a dead letter queue: failure path');
    connections.push({
      edge,
      source: e.start,
      target: e.end,
      label: e.text,
      mode,
      failurePath,
      failureStyled,
      why: reasons.join('; '),
      arrow: e.arrow,
    });
  });

  const notes: string[] = [];
  if (fromFaultline)
    notes.push(
      'Every node carries a Faultline kind class (:::kind): kinds come from the classes and failure paths from the failure-path link style.',
    );
  const invisible = skipped.filter((s) => s.reason.startsWith('invisible')).length;
  if (invisible > 0)
    notes.push(
      `${invisible === 1 ? '1 invisible link (~~~) was' : `${invisible} invisible links (~~~) were`} left out: they only steer Mermaid’s layout.`,
    );
  const twoWay = connections.filter((c) => c.arrow.startsWith('double_')).length;
  if (twoWay > 0)
    notes.push(
      `${twoWay === 1 ? '1 two-way link (<-->) was' : `${twoWay} two-way links (<-->) were`} imported as one connection from the first node to the second.`,
    );
  const undirected = connections.filter((c) => c.arrow === 'arrow_open').length;
  if (undirected > 0)
    notes.push(
      `${undirected === 1 ? '1 link without an arrowhead (---) was' : `${undirected} links without an arrowhead (---) were`} imported as a connection from the first node to the second.`,
    );
  if (fromFaultline && connections.some((c) => /[⏱⟳⚡↩⛔▦≡☠]/u.test(c.label)))
    notes.push(
      'Policy summaries in connection labels (⏱ ⟳ ⚡ …) are kept as label text; policies are not restored.',
    );
  const selfEdges = connections.filter((c) => c.source === c.target).length;
  if (selfEdges > 0)
    notes.push(`${selfEdges === 1 ? '1 link goes' : `${selfEdges} links go`} from a node back to itself.`);

  return {
    direction: flowchart.direction,
    title: flowchart.title ?? (flowchart.accTitle.trim() === '' ? null : flowchart.accTitle),
    fromFaultline,
    boundaries,
    components,
    connections,
    skipped,
    notes,
  };
}

// --- Build ----------------------------------------------------------------------------------

export interface ComponentOverride {
  kind?: ComponentKind;
  technology?: string;
  label?: string;
}

export interface BoundaryOverride {
  kind?: BoundaryKind;
  label?: string;
}

/** Changes the user made to the plan before confirming, by Mermaid id. */
export interface ImportOverrides {
  components?: Readonly<Record<string, ComponentOverride>>;
  boundaries?: Readonly<Record<string, BoundaryOverride>>;
}

export interface BuildOptions {
  caseStudyId: Id;
  diagramName: string;
  /** Position among the case study's diagram tabs (default 0). */
  order?: number;
}

export interface BuiltImport {
  diagram: Diagram;
  /** Parents before children. */
  boundaries: Boundary[];
  components: Component[];
  connections: Connection[];
  /** Mermaid id → record id, for every component and boundary. */
  ids: Map<string, Id>;
}

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Placeholder size of a component before auto-layout (the canvas measures the real one). */
export const IMPORT_COMPONENT_SIZE: Readonly<Size> = { width: 180, height: 64 };
const GAP = 40;
const PADDING = 24;
/** Room for a boundary's title above its children. */
const HEADER = 40;
const MIN_BOUNDARY: Readonly<Size> = { width: 200, height: 100 };

interface Placed {
  id: string;
  size: Size;
}

/**
 * A simple grid per container, before the caller's auto-layout: children in plan order, filled
 * across the flow first (rows for LR/RL, columns for TB/BT), so that the exporter, which writes
 * siblings in that order, keeps the order the flowchart was written in.
 */
function gridLayout(
  children: Placed[],
  direction: LayoutDirection,
): { positions: Map<string, XY>; size: Size } {
  const positions = new Map<string, XY>();
  const n = children.length;
  if (n === 0) return { positions, size: { width: 0, height: 0 } };
  const horizontal = direction === 'LR' || direction === 'RL';
  const reversed = direction === 'RL' || direction === 'BT';
  const perLine = Math.ceil(Math.sqrt(n));
  const lines = Math.ceil(n / perLine);
  // Across the flow: line index; along the flow: slot in the line.
  const acrossExtent = (s: Size) => (horizontal ? s.height : s.width);
  const alongExtent = (s: Size) => (horizontal ? s.width : s.height);
  const lineSize = new Array<number>(lines).fill(0);
  const slotSize = new Array<number>(perLine).fill(0);
  children.forEach((c, i) => {
    const line = Math.floor(i / perLine);
    const slot = reversed ? perLine - 1 - (i % perLine) : i % perLine;
    lineSize[line] = Math.max(lineSize[line] ?? 0, acrossExtent(c.size));
    slotSize[slot] = Math.max(slotSize[slot] ?? 0, alongExtent(c.size));
  });
  const offsets = (sizes: number[]) => {
    const out: number[] = [];
    let at = 0;
    for (const s of sizes) {
      out.push(at);
      at += s + GAP;
    }
    return { out, total: at - GAP };
  };
  const across = offsets(lineSize);
  const along = offsets(slotSize);
  children.forEach((c, i) => {
    const line = Math.floor(i / perLine);
    const slot = reversed ? perLine - 1 - (i % perLine) : i % perLine;
    const a = across.out[line] ?? 0;
    const b = along.out[slot] ?? 0;
    positions.set(c.id, horizontal ? { x: b, y: a } : { x: a, y: b });
  });
  return {
    positions,
    size: horizontal
      ? { width: along.total, height: across.total }
      : { width: across.total, height: along.total },
  };
}

/** Make the records for a plan, with the user's overrides applied. Ids are new. */
export function buildImport(plan: ImportPlan, overrides: ImportOverrides, opts: BuildOptions): BuiltImport {
  const diagram = createDiagram({
    caseStudyId: opts.caseStudyId,
    name: opts.diagramName,
    direction: plan.direction,
    order: opts.order ?? 0,
  });
  const base = { caseStudyId: opts.caseStudyId, diagramId: diagram.id };

  const boundaryIds = new Set(plan.boundaries.map((b) => b.id));
  const parentIn = (p: string | null) => (p !== null && boundaryIds.has(p) ? p : null);

  // Children of each container, boundaries and components, in plan order.
  const children = new Map<string | null, { id: string; boundary: boolean }[]>();
  const add = (parent: string | null, id: string, boundary: boolean) =>
    children.set(parent, [...(children.get(parent) ?? []), { id, boundary }]);
  for (const c of plan.components) add(parentIn(c.parent), c.id, false);
  for (const b of plan.boundaries) add(parentIn(b.parent), b.id, true);

  // Sizes bottom-up, then positions relative to the parent.
  const sizes = new Map<string, Size>();
  const positions = new Map<string, XY>();
  const measure = (container: string | null, depth: number): Size => {
    const list = children.get(container) ?? [];
    const placed: Placed[] = list.map((child) => ({
      id: child.id,
      size: child.boundary && depth < 100 ? measure(child.id, depth + 1) : { ...IMPORT_COMPONENT_SIZE },
    }));
    const grid = gridLayout(placed, plan.direction);
    const inset = container === null ? { x: 0, y: 0 } : { x: PADDING, y: HEADER };
    for (const [id, p] of grid.positions) positions.set(id, { x: p.x + inset.x, y: p.y + inset.y });
    if (container === null) return grid.size;
    const size = {
      width: Math.max(MIN_BOUNDARY.width, grid.size.width + 2 * PADDING),
      height: Math.max(MIN_BOUNDARY.height, grid.size.height + HEADER + PADDING),
    };
    sizes.set(container, size);
    return size;
  };
  measure(null, 0);

  const ids = new Map<string, Id>();
  const boundaries: Boundary[] = [];
  for (const b of plan.boundaries) {
    const o = own(overrides.boundaries, b.id);
    const row = createBoundary({
      ...base,
      kind: o?.kind ?? b.kind,
      label: o?.label ?? b.label,
      position: positions.get(b.id) ?? { x: 0, y: 0 },
      size: sizes.get(b.id) ?? { ...MIN_BOUNDARY },
    });
    ids.set(b.id, row.id);
    boundaries.push(row);
  }
  // Parents are set once every boundary has its id (plan order is parents first).
  for (const [i, b] of plan.boundaries.entries()) {
    const parent = parentIn(b.parent);
    const row = boundaries[i];
    if (row && parent !== null) row.parentId = ids.get(parent) ?? null;
  }

  const kinds = new Map<string, ComponentKind>();
  const components: Component[] = plan.components.map((c) => {
    const o = own(overrides.components, c.id);
    const kind = o?.kind ?? c.kind;
    kinds.set(c.id, kind);
    const parent = parentIn(c.parent);
    const row = createComponent({
      ...base,
      kind,
      label: o?.label ?? c.label,
      technology:
        o?.technology ??
        (kind === c.kind ? c.technology : technologyFor(kind, analyseLabel(o?.label ?? c.label))),
      parentId: parent === null ? null : (ids.get(parent) ?? null),
      position: positions.get(c.id) ?? { x: 0, y: 0 },
    });
    ids.set(c.id, row.id);
    return row;
  });

  const connections: Connection[] = [];
  for (const c of plan.connections) {
    const source = ids.get(c.source);
    const target = ids.get(c.target);
    if (source === undefined || target === undefined) continue;
    connections.push(
      createConnection({
        ...base,
        source,
        target,
        label: c.label,
        mode: c.mode,
        failurePath: failurePathOf(c.failureStyled, plan.fromFaultline, kinds.get(c.target)),
      }),
    );
  }
  return { diagram, boundaries, components, connections, ids };
}
