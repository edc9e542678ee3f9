/**
 * The drill's view of a diagram: components, boundaries and connections indexed, every
 * connection classified by what it means for a failure (see drill.ts for the rules), and
 * readable labels. Internal to the drill module.
 */
import {
  BOUNDARY_CATALOGUE,
  COMPONENT_CATALOGUE,
  type Boundary,
  type Component,
  type ComponentKind,
  type Connection,
  type ConnectionMode,
  type Flow,
  type Id,
  type ResiliencePolicies,
} from '../model';

/** The records a drill runs on: one diagram's rows (or several), plus flows if any. */
export interface DrillInput {
  components: readonly Component[];
  boundaries: readonly Boundary[];
  connections: readonly Connection[];
  flows?: readonly Flow[];
}

/** Kinds that hold messages for a consumer: a failed consumer makes them buffer. */
const BUFFER_KINDS: ReadonlySet<ComponentKind> = new Set(['queue', 'stream', 'dead-letter-queue']);

export function isBuffer(c: Component | undefined): boolean {
  return c !== undefined && BUFFER_KINDS.has(c.kind);
}

/**
 * What a connection means for a failure:
 * - `sync`: the source calls the target and waits;
 * - `publish`: the source sends messages into a queue, stream or topic;
 * - `delivery`: a queue, stream or topic hands messages to its consumer (any mode);
 * - `direct-async`: an async message or stream straight to a non-buffer component;
 * - `failure-path`: where failed work goes (flagged, or into a dead letter queue);
 * - `inert`: the source is a boundary or a missing record, or the target is missing.
 */
export type EdgeKind = 'sync' | 'publish' | 'delivery' | 'direct-async' | 'failure-path' | 'inert';

export interface Edge {
  /** The connection's id; null for a flow step that follows no connection. */
  id: Id | null;
  /** Position among the graph's edges (input order); -1 for a flow step's stand-in. */
  index: number;
  kind: EdgeKind;
  sourceId: Id;
  targetId: Id;
  source: Component | undefined;
  /** The target component (undefined when the target is a boundary or missing). */
  target: Component | undefined;
  /** Connection policies over the caller's own (timeout, retry, breaker, fallback, bulkhead, dead letter). */
  policies: ResiliencePolicies;
  /** The connection's and the source component's dead-letter targets, in that order. */
  deadLetterIds: Id[];
}

export interface Graph {
  components: Map<Id, Component>;
  boundaries: Map<Id, Boundary>;
  connections: Map<Id, Connection>;
  /** One edge per connection, in input order. */
  edges: Edge[];
  edgeById: Map<Id, Edge>;
  /** Edges that make their source depend on their target (sync, publish, delivery, direct-async), by target. */
  incoming: Map<Id, Edge[]>;
  /** Every edge by source. */
  outgoing: Map<Id, Edge[]>;
  /** Labels of components and boundaries, computed once. */
  labels: Map<Id, string>;
  /** Component id → position in the input, for input-ordered output. */
  order: Map<Id, number>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Policies of a call: the connection's own, else the caller's (component-level defaults). */
function effectivePolicies(
  c: ResiliencePolicies | undefined,
  source: Component | undefined,
): ResiliencePolicies {
  const own = c ?? {};
  const caller = source?.policies ?? {};
  const out: ResiliencePolicies = {};
  if (own.timeout ?? caller.timeout) out.timeout = own.timeout ?? caller.timeout;
  if (own.retry ?? caller.retry) out.retry = own.retry ?? caller.retry;
  if (own.circuitBreaker ?? caller.circuitBreaker)
    out.circuitBreaker = own.circuitBreaker ?? caller.circuitBreaker;
  if (own.fallback ?? caller.fallback) out.fallback = own.fallback ?? caller.fallback;
  if (own.bulkhead ?? caller.bulkhead) out.bulkhead = own.bulkhead ?? caller.bulkhead;
  if (own.deadLetter ?? caller.deadLetter) out.deadLetter = own.deadLetter ?? caller.deadLetter;
  return out;
}

export function classify(
  mode: ConnectionMode,
  failurePath: boolean,
  source: Component | undefined,
  target: Component | undefined,
  targetExists: boolean,
): EdgeKind {
  if (!source || !targetExists) return 'inert';
  if (failurePath || target?.kind === 'dead-letter-queue') return 'failure-path';
  if (isBuffer(source)) return 'delivery';
  if (mode === 'sync') return 'sync';
  if (isBuffer(target)) return 'publish';
  return 'direct-async';
}

function makeEdge(
  g: Pick<Graph, 'components' | 'boundaries'>,
  index: number,
  id: Id | null,
  sourceId: Id,
  targetId: Id,
  mode: ConnectionMode,
  failurePath: boolean,
  policies: ResiliencePolicies | undefined,
): Edge {
  const source = g.components.get(sourceId);
  const target = g.components.get(targetId);
  const targetExists = target !== undefined || g.boundaries.has(targetId);
  const deadLetterIds = [policies?.deadLetter?.targetId, source?.policies.deadLetter?.targetId].filter(
    (x): x is Id => typeof x === 'string' && x !== '',
  );
  return {
    id,
    index,
    kind: classify(mode, failurePath, source, target, targetExists),
    sourceId,
    targetId,
    source,
    target,
    policies: effectivePolicies(policies, source),
    deadLetterIds,
  };
}

export function buildGraph(input: DrillInput): Graph {
  const components = new Map(input.components.map((c) => [c.id, c]));
  const boundaries = new Map(input.boundaries.map((b) => [b.id, b]));
  const connections = new Map(input.connections.map((c) => [c.id, c]));
  const g: Graph = {
    components,
    boundaries,
    connections,
    edges: [],
    edgeById: new Map(),
    incoming: new Map(),
    outgoing: new Map(),
    labels: new Map(),
    order: new Map([...components.keys()].map((id, i) => [id, i])),
  };
  for (const c of components.values()) {
    g.labels.set(c.id, oneLine(c.label) || COMPONENT_CATALOGUE[c.kind]?.label || 'Component');
  }
  for (const b of boundaries.values()) {
    if (!g.labels.has(b.id))
      g.labels.set(b.id, oneLine(b.label) || BOUNDARY_CATALOGUE[b.kind]?.label || 'Boundary');
  }
  for (const c of connections.values()) {
    const e = makeEdge(g, g.edges.length, c.id, c.source, c.target, c.mode, c.failurePath, c.policies);
    g.edges.push(e);
    g.edgeById.set(c.id, e);
    pushTo(g.outgoing, e.sourceId, e);
    if (e.kind !== 'failure-path' && e.kind !== 'inert') pushTo(g.incoming, e.targetId, e);
  }
  return g;
}

/**
 * The edge a flow step follows: its connection when that runs from the step's source to its
 * target, else the first such connection, else a stand-in built from the step alone.
 */
export function stepEdge(
  g: Graph,
  step: { fromId: Id; toId: Id; mode: 'sync' | 'async'; connectionId: Id | null },
): Edge {
  const own = step.connectionId === null ? undefined : g.edgeById.get(step.connectionId);
  if (own && own.sourceId === step.fromId && own.targetId === step.toId) return own;
  const between = (g.outgoing.get(step.fromId) ?? []).filter((e) => e.targetId === step.toId);
  const found = between.find((e) => e.kind !== 'failure-path') ?? between[0];
  if (found) return found;
  return makeEdge(g, -1, null, step.fromId, step.toId, step.mode, false, undefined);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A component's or boundary's label for people ('?' for an unknown id). */
export function labelOf(g: Pick<Graph, 'labels'>, id: Id): string {
  return g.labels.get(id) ?? '?';
}

/** "Orders API → Payments". */
export function endsOf(g: Pick<Graph, 'labels'>, e: { sourceId: Id; targetId: Id }): string {
  return `${labelOf(g, e.sourceId)} → ${labelOf(g, e.targetId)}`;
}

/** "Flow name" or "Unnamed flow". */
export function flowName(f: Flow): string {
  return oneLine(f.name) || 'Unnamed flow';
}
