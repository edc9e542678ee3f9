/**
 * The indexes every rule needs, built once per review (`buildContext`), so each rule is a
 * simple pass over the records.
 *
 * Definitions the rules share (documented here once):
 * - **Ancestors** of a component or boundary: the boundaries that contain it, nearest
 *   first, following `parentId` (cycle-safe; a boundary is not its own ancestor).
 * - **Trust zone** of a node: the set of trust-boundary ancestors (for a trust boundary
 *   itself, including itself). A connection **crosses a trust boundary** when its two ends
 *   are not in the same trust zone — e.g. one end inside "PCI scope" and the other outside,
 *   or one end in a trust boundary nested inside the other end's.
 * - **Call policies** of a connection: its own resilience policies; a policy kind it does not
 *   have falls back to the calling (source) component's, since a component's timeout,
 *   retry or circuit breaker applies to the calls it makes. The target's policies never
 *   count for the caller (they describe how the target protects itself).
 * - **Connected** (for flow steps): some connection joins the two ends, in either
 *   direction (a step may be the reply to a request, or a consumer polling a queue), where
 *   a connection drawn to a boundary also joins everything inside it.
 * - **Technology choices**: components with a technology, grouped by the normalised name
 *   (technology.ts). A choice has a "why" / alternatives when any of its components has one,
 *   or a typed tech-stack row naming the same technology does — the reason is given once per
 *   technology, not once per node.
 */
import {
  BOUNDARY_CATALOGUE,
  COMPONENT_CATALOGUE,
  formatDecisionNumber,
  techStackColumnId,
  type Boundary,
  type CaseStudyBundle,
  type Component,
  type Connection,
  type Decision,
  type Diagram,
  type Flow,
  type Id,
  type Metric,
  type ResiliencePolicies,
} from '../model';
import { normaliseTechnology, technologiesMatch } from './technology';

/** One technology as chosen for one or more components. */
export interface TechnologyChoice {
  /** Normalised name ("postgresql"); the grouping key. */
  key: string;
  /** As the first component spells it ("PostgreSQL 15"). */
  technology: string;
  /** The components running it, in bundle order. */
  components: Component[];
  hasWhy: boolean;
  hasAlternatives: boolean;
}

export interface ReviewContext {
  componentById: ReadonlyMap<Id, Component>;
  boundaryById: ReadonlyMap<Id, Boundary>;
  connectionById: ReadonlyMap<Id, Connection>;
  decisionById: ReadonlyMap<Id, Decision>;
  /** Diagrams by tab order. */
  diagrams: readonly Diagram[];
  /** Connections by source id / target id, in bundle order. */
  outgoing: ReadonlyMap<Id, readonly Connection[]>;
  incoming: ReadonlyMap<Id, readonly Connection[]>;
  /** Technology choices in order of first use. */
  technologyChoices: readonly TechnologyChoice[];
  /** Boundaries containing a node, nearest first. */
  ancestors(id: Id): readonly Boundary[];
  /** The trust boundaries one end of `c` is in and the other is not, nearest-first from either end. */
  crossedTrustBoundaries(c: Connection): Boundary[];
  callPolicies(c: Connection): ResiliencePolicies;
  /** Whether a connection joins the two nodes, either way (see the module comment). */
  connected(a: Id, b: Id): boolean;
  /** Label of a component or boundary, or its kind's label when blank; '?' when unknown. */
  nodeName(id: Id): string;
  /** "Gateway → Checkout service", or '"POST /orders" (Gateway → Checkout service)'. */
  connectionName(c: Connection): string;
  diagramName(d: Diagram): string;
  /** 'TDR-002 "PostgreSQL over MongoDB"'. */
  decisionName(d: Decision): string;
  metricName(m: Metric): string;
  flowName(f: Flow): string;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function quoted(text: string): string {
  return `"${text}"`;
}

/** "Web shop, API gateway and 2 more". */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length <= max) {
    if (names.length <= 1) return names.join('');
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function blank(text: string | undefined | null): boolean {
  return text === undefined || text === null || text.trim() === '';
}

function typedTechStackRows(
  bundle: CaseStudyBundle,
): { technology: string; why: string; considered: string }[] {
  const out: { technology: string; why: string; considered: string }[] = [];
  for (const t of bundle.tables) {
    if (t.kind !== 'tech-stack') continue;
    const tech = techStackColumnId(t, 'technology');
    const why = techStackColumnId(t, 'why');
    const considered = techStackColumnId(t, 'considered');
    if (!tech) continue;
    for (const row of t.rows) {
      if (row.componentId !== undefined) continue;
      out.push({
        technology: row.cells[tech] ?? '',
        why: why ? (row.cells[why] ?? '') : '',
        considered: considered ? (row.cells[considered] ?? '') : '',
      });
    }
  }
  return out;
}

function technologyChoices(bundle: CaseStudyBundle): TechnologyChoice[] {
  const byKey = new Map<string, TechnologyChoice>();
  for (const c of bundle.components) {
    const technology = c.technology.trim();
    if (technology === '') continue;
    const key = normaliseTechnology(technology) || technology.toLowerCase();
    let choice = byKey.get(key);
    if (!choice) {
      choice = { key, technology, components: [], hasWhy: false, hasAlternatives: false };
      byKey.set(key, choice);
    }
    choice.components.push(c);
    if (!blank(c.why)) choice.hasWhy = true;
    if (!blank(c.alternatives)) choice.hasAlternatives = true;
  }
  const rows = typedTechStackRows(bundle);
  for (const choice of byKey.values()) {
    for (const row of rows) {
      if (!technologiesMatch(row.technology, choice.technology)) continue;
      if (!blank(row.why)) choice.hasWhy = true;
      if (!blank(row.considered)) choice.hasAlternatives = true;
    }
  }
  return [...byKey.values()];
}

export function buildContext(bundle: CaseStudyBundle): ReviewContext {
  const componentById = new Map(bundle.components.map((c) => [c.id, c]));
  const boundaryById = new Map(bundle.boundaries.map((b) => [b.id, b]));
  const connectionById = new Map(bundle.connections.map((c) => [c.id, c]));
  const decisionById = new Map(bundle.decisions.map((d) => [d.id, d]));
  const diagrams = bundle.diagrams
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.order - b.d.order || a.i - b.i)
    .map(({ d }) => d);
  const outgoing = new Map<Id, Connection[]>();
  const incoming = new Map<Id, Connection[]>();
  const pairs = new Set<string>();
  const pair = (a: Id, b: Id) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);
  for (const c of bundle.connections) {
    push(outgoing, c.source, c);
    push(incoming, c.target, c);
    pairs.add(pair(c.source, c.target));
  }

  const ancestorCache = new Map<Id, Boundary[]>();
  const ancestors = (id: Id): Boundary[] => {
    const cached = ancestorCache.get(id);
    if (cached) return cached;
    const out: Boundary[] = [];
    const seen = new Set<Id>([id]);
    let parentId = componentById.get(id)?.parentId ?? boundaryById.get(id)?.parentId ?? null;
    while (parentId !== null && !seen.has(parentId)) {
      const parent = boundaryById.get(parentId);
      if (!parent) break;
      seen.add(parentId);
      out.push(parent);
      parentId = parent.parentId;
    }
    ancestorCache.set(id, out);
    return out;
  };
  const trustBoundaries = (id: Id): Boundary[] => {
    const self = boundaryById.get(id);
    const around = ancestors(id).filter((b) => b.kind === 'trust-boundary');
    return self?.kind === 'trust-boundary' ? [self, ...around] : around;
  };
  const nodeName = (id: Id): string => {
    const c = componentById.get(id);
    if (c) return c.label.trim() || COMPONENT_CATALOGUE[c.kind]?.label || 'Component';
    const b = boundaryById.get(id);
    if (b) return b.label.trim() || BOUNDARY_CATALOGUE[b.kind]?.label || 'Boundary';
    return '?';
  };

  return {
    componentById,
    boundaryById,
    connectionById,
    decisionById,
    diagrams,
    outgoing,
    incoming,
    technologyChoices: technologyChoices(bundle),
    ancestors,
    crossedTrustBoundaries(c) {
      const from = trustBoundaries(c.source);
      const to = trustBoundaries(c.target);
      const fromIds = new Set(from.map((b) => b.id));
      const toIds = new Set(to.map((b) => b.id));
      return [...from.filter((b) => !toIds.has(b.id)), ...to.filter((b) => !fromIds.has(b.id))];
    },
    callPolicies(c) {
      const caller = componentById.get(c.source)?.policies ?? {};
      return { ...caller, ...c.policies };
    },
    connected(a, b) {
      const up = (id: Id) => [id, ...ancestors(id).map((x) => x.id)];
      const ups = up(b);
      return up(a).some((x) => ups.some((y) => pairs.has(pair(x, y))));
    },
    nodeName,
    connectionName(c) {
      const ends = `${nodeName(c.source)} → ${nodeName(c.target)}`;
      return c.label.trim() ? `${quoted(c.label.trim())} (${ends})` : ends;
    },
    diagramName: (d) => quoted(d.name.trim() || 'Untitled diagram'),
    decisionName: (d) => `${formatDecisionNumber(d.number)} ${quoted(d.title.trim() || 'Untitled decision')}`,
    metricName: (m) => m.name.trim() || 'Unnamed metric',
    flowName: (f) => quoted(f.name.trim() || 'Untitled flow'),
  };
}
