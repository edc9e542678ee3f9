/**
 * Failure drills: "what if this fails?" as a pure function. `runDrill(diagram, failures)`
 * propagates one or more failures through the connections and their resilience policies and
 * returns, as plain data, the state of every component, connection, boundary and flow, each
 * with the reasons a person can read. It never changes its input (a drill never changes the
 * diagram) and is deterministic (input order in, input order out).
 *
 * ## What can fail
 * - a **component**: it is `failed`;
 * - a **boundary** (region, availability zone, …): every component inside it, at any depth of
 *   nested boundaries, is `failed`, and so is every boundary inside it (a connection that
 *   targets a boundary is cut when the boundary has failed);
 * - a **connection**: that link alone is cut (a network partition); both ends stay up.
 * Several failures combine. Ids that do not exist are reported in `ignored` and change nothing.
 *
 * ## How connections are read
 * A connection runs from the caller or producer (`source`) to the callee or consumer
 * (`target`); a failure spreads against the arrows, from a target to its sources:
 * - **sync** (source not a queue): the caller waits for the answer;
 * - **publish** (async or stream into a queue, stream/topic or DLQ): the producer hands a
 *   message to a broker;
 * - **delivery** (any connection out of a queue or stream/topic): the broker hands messages
 *   to its consumer (draw consumers downstream of their queue);
 * - **direct async** (async or stream into anything that is not a queue or stream): a
 *   message with no broker in between;
 * - **failure path** (flagged `failurePath`, or into a dead letter queue): where failed work
 *   goes; never a dependency: a failed DLQ (or a cut failure path) stops nothing, it only
 *   loses the failed work sent to it;
 * - a connection out of a boundary, or to/from a missing record, is ignored.
 * A call's policies are the connection's own, else the caller component's (a component's
 * timeout, retry, circuit breaker, fallback, bulkhead and dead-letter policies are defaults
 * for every call it makes).
 *
 * ## Component states (most severe first; a component takes the most severe that applies)
 * - `failed`: a failure target, or inside a failed boundary;
 * - `down` (loses service) — a target is *unavailable* when it is failed or down, or when the
 *   connection to it is cut:
 *   - a sync call to an unavailable target with no fallback: down. The reason says how it
 *     fails: "has a timeout but no fallback"; "has no timeout or fallback: callers hang";
 *     "has a circuit breaker but no fallback: fails fast" (with or without a timeout). Retries
 *     never outlast an outage: they are noted ("retrying (up to 3 attempts) cannot help");
 *   - publishing into an unavailable queue with no fallback: down ("cannot publish");
 * - `degraded` (survives with reduced function):
 *   - the same sync call or publish *with* a fallback (a circuit breaker as well: "trips its
 *     circuit breaker and falls back", i.e. fails fast);
 *   - a **cache** whose own sync call to its backing store fails (read-through: caller →
 *     cache → store): the cache serves what it has cached, misses fail;
 *   - a sync call to a degraded target: the caller gets a reduced answer (so caller → cache
 *     → failed store leaves both the cache and the caller degraded);
 *   - a direct async message to an unavailable target: the producer carries on but its
 *     messages are lost (or parked in its dead letter queue) — there is no queue in between;
 *   async and stream connections never pass degradation on;
 * - `buffering` (work piles up, nothing is lost yet): a queue or stream whose consumer is
 *   unavailable or whose delivery connection is cut. Its producers are unaffected;
 * - `receives-failed-work`: a dead letter queue (or any failure-path target) that now
 *   collects failed work. Failed work exists only where something is alive but failing:
 *   - a queue delivering to a consumer that is `down` (it receives, fails, and the message
 *     is redelivered up to `maxDeliveries`, then dead-lettered): the targets of the delivery
 *     connection's or the queue's dead-letter policy and the queue's failure paths. A
 *     consumer that has itself *failed* (or a cut delivery link) receives nothing: messages
 *     wait in the queue (`buffering`) and nothing is dead-lettered;
 *   - a component that is `down`: its own dead-letter policy and failure paths;
 *   - a direct async message that cannot be delivered: the connection's and the producer's
 *     dead-letter targets and the producer's failure paths;
 * - `ok`: none of the above. Propagation only runs against the arrows (and along failure
 *   paths), so a component that depends on nothing affected stays ok; a failed producer
 *   leaves its consumers idle, not down.
 *
 * Propagation is a least fixed point computed in strata (down, then degraded, then
 * buffering, then failed work), each breadth-first, so it terminates on cycles (A ⇄ B stays
 * ok unless something outside the cycle fails) and every reason points at a cause found
 * earlier: following `reasons[i].cause` always ends at a failure target (a reason with
 * `cause: null` is a failure target itself or a cut connection `via`).
 *
 * ## Connection states
 * `broken` (a failure target, or a call/publish/delivery/message that fails), `degraded`
 * (saved by a fallback or a cache, or answered by a degraded target), `buffering` (a
 * delivery waiting for its consumer), `failure-path-active` (carrying failed work; `broken`
 * when its target is unavailable and the work is lost), `ok`. Connections out of a failed
 * component are `ok`: nothing flows on them.
 *
 * ## Flows
 * Each step is judged by the connection it follows (its `connectionId`, else the first
 * connection between its ends, else the step's own mode): `broken`, `degraded`, `buffering`
 * (the work waits) or `ok`; a step out of a failed component is broken. A step whose
 * problem is explained by a later step of the same flow (it calls a component that is down
 * because of the next call) or by an earlier one (it starts at a component an earlier step
 * could not reach) is not the *root*. The flow's status is the worst root step: `broken`,
 * else `delayed` (a buffering step), else `degraded`, else `ok`; its reason names the first
 * such step, 1-based: "Checkout: step 3, Orders API → Payments has a timeout but no fallback".
 */
import type { Flow, Id, ResiliencePolicies } from '../model';
import {
  buildGraph,
  endsOf,
  flowName,
  isBuffer,
  labelOf,
  stepEdge,
  type DrillInput,
  type Edge,
  type Graph,
} from './graph';

export type { DrillInput } from './graph';

export type FailureTargetType = 'component' | 'connection' | 'boundary';

export interface FailureTarget {
  type: FailureTargetType;
  id: Id;
}

/** Component states, most severe first. */
export const COMPONENT_STATES = [
  'failed',
  'down',
  'degraded',
  'buffering',
  'receives-failed-work',
  'ok',
] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export const CONNECTION_STATES = ['broken', 'degraded', 'buffering', 'failure-path-active', 'ok'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const FLOW_STATUSES = ['broken', 'delayed', 'degraded', 'ok'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

export type StepState = 'broken' | 'buffering' | 'degraded' | 'ok';

/** One reason a component is in its state. */
export interface DrillReason {
  /** The connection it came through (null: a failure target itself, or a dead-letter policy with no drawn connection). */
  via: Id | null;
  /** The component or boundary whose state caused it (null: a failure target, or the cut connection `via`). */
  cause: Id | null;
  /** "Orders API → Payments has a timeout but no fallback (Payments has failed)". */
  text: string;
}

export interface ComponentImpact {
  state: ComponentState;
  /** Empty when ok; otherwise at least one, each pointing at a cause found earlier. */
  reasons: DrillReason[];
}

export interface ConnectionImpact {
  state: ConnectionState;
  /** '' when ok. */
  reason: string;
}

export interface StepImpact {
  /** 1-based, for people. */
  n: number;
  stepId: Id;
  state: StepState;
  /** "Orders API → Payments has a timeout but no fallback" ('' when ok). */
  reason: string;
  /** "Payments has failed" ('' when ok). */
  cause: string;
  /** False when another step of the flow explains this one. */
  root: boolean;
}

export interface FlowImpact {
  flowId: Id;
  name: string;
  status: FlowStatus;
  /** The 1-based step the status comes from (null when ok). */
  step: number | null;
  /** "Checkout: step 3, Orders API → Payments has a timeout but no fallback", or "Checkout: survives". */
  reason: string;
  /** Why that step fails: "Payments has failed" ('' when ok). */
  cause: string;
  steps: StepImpact[];
}

export interface DrillSummary {
  components: Record<ComponentState, number>;
  connections: Record<ConnectionState, number>;
  flows: Record<FlowStatus, number>;
}

export interface DrillResult {
  /** The failure targets that exist, deduplicated, in the order given. */
  failures: FailureTarget[];
  /** Failure targets whose id does not exist (with that type); they change nothing. */
  ignored: FailureTarget[];
  components: Record<Id, ComponentImpact>;
  connections: Record<Id, ConnectionImpact>;
  /** Failed boundaries (targets and every boundary nested in one) are 'failed'. */
  boundaries: Record<Id, 'failed' | 'ok'>;
  flows: FlowImpact[];
  summary: DrillSummary;
}

type Cond = 'failed' | 'down' | 'degraded' | 'link-failed' | 'ok';
type Effect = 'down' | 'degraded' | 'buffering' | null;

const DEPENDENCY_KINDS: ReadonlySet<Edge['kind']> = new Set(['sync', 'publish', 'delivery', 'direct-async']);

function isCut(cond: Cond): boolean {
  return cond === 'failed' || cond === 'down' || cond === 'link-failed';
}

/** What an edge does to its source when its target is in `cond`. */
function effectOf(e: Edge, cond: Cond): Effect {
  if (cond === 'ok') return null;
  const cut = isCut(cond);
  switch (e.kind) {
    case 'sync':
      if (!cut) return 'degraded';
      return e.policies.fallback || e.source?.kind === 'cache' ? 'degraded' : 'down';
    case 'publish':
      if (!cut) return null;
      return e.policies.fallback ? 'degraded' : 'down';
    case 'delivery':
      return cut ? 'buffering' : null;
    case 'direct-async':
      return cut ? 'degraded' : null;
    default:
      return null;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function retryNote(p: ResiliencePolicies): string {
  return p.retry ? `; retrying (up to ${p.retry.maxAttempts} attempts) cannot help` : '';
}

/** How a sync call with no fallback fails. */
function syncPhrase(p: ResiliencePolicies): string {
  const base =
    p.circuitBreaker && p.timeout
      ? 'has a timeout and a circuit breaker but no fallback: fails fast'
      : p.circuitBreaker
        ? 'has a circuit breaker but no timeout or fallback: calls hang until it opens, then fail fast'
        : p.timeout
          ? 'has a timeout but no fallback'
          : 'has no timeout or fallback: callers hang';
  return base + retryNote(p);
}

function fallbackPhrase(p: ResiliencePolicies): string {
  const desc = oneLine(p.fallback?.description ?? '');
  const how = p.circuitBreaker ? 'trips its circuit breaker and falls back' : 'falls back';
  return desc ? `${how}: ${desc}` : how;
}

interface DeadLetterTarget {
  id: Id;
  /** The connection the work goes through (a failure path, or the edge whose policy names the DLQ). */
  via: Id | null;
  /** The failure-path connection, when it is one. */
  failurePath: Id | null;
}

/** Where a source's failed work goes: dead-letter policies (edge's, then source's) and failure paths. */
export function deadLetterTargets(g: Graph, sourceId: Id, edge: Edge | null): DeadLetterTarget[] {
  const out: DeadLetterTarget[] = [];
  const add = (id: Id, via: Id | null, failurePath: Id | null) => {
    if (id === sourceId || !g.components.has(id)) return;
    const known = out.find((t) => t.id === id);
    if (!known) out.push({ id, via, failurePath });
    else if (known.failurePath === null && failurePath !== null) {
      // A dead-letter policy and a drawn failure path to the same target: the drawn one carries it.
      known.via = via;
      known.failurePath = failurePath;
    }
  };
  if (edge) for (const id of edge.deadLetterIds) add(id, edge.id, null);
  else {
    const own = g.components.get(sourceId)?.policies.deadLetter?.targetId;
    if (own) add(own, null, null);
  }
  for (const e of g.outgoing.get(sourceId) ?? []) {
    if (e.kind === 'failure-path' && e.id !== null) add(e.targetId, e.id, e.id);
  }
  return out;
}

function maxDeliveries(g: Graph, e: Edge): number | null {
  const fromEdge = e.id === null ? undefined : g.connections.get(e.id)?.policies.deadLetter?.maxDeliveries;
  return fromEdge ?? e.source?.policies.deadLetter?.maxDeliveries ?? null;
}

class Drill {
  readonly state = new Map<Id, ComponentState>();
  readonly order = new Map<Id, number>();
  readonly reasons = new Map<Id, DrillReason[]>();
  readonly failedBoundaries = new Set<Id>();
  readonly failedConnections = new Set<Id>();
  /** Failure-path connections carrying failed work. */
  readonly activeFailurePaths = new Set<Id>();
  private counter = 0;

  constructor(readonly g: Graph) {}

  label(id: Id): string {
    return labelOf(this.g, id);
  }

  stateOf(id: Id): ComponentState {
    return this.state.get(id) ?? 'ok';
  }

  /** Components that are not ok, in the order they were found. */
  readonly marked: Id[] = [];

  mark(id: Id, s: ComponentState): void {
    this.state.set(id, s);
    this.order.set(id, this.counter++);
    this.marked.push(id);
  }

  orderOf(id: Id): number {
    return this.order.get(id) ?? Number.POSITIVE_INFINITY;
  }

  unavailable(id: Id): boolean {
    const s = this.state.get(id);
    return s === 'failed' || s === 'down' || this.failedBoundaries.has(id);
  }

  cond(e: Edge): Cond {
    if (e.id !== null && this.failedConnections.has(e.id)) return 'link-failed';
    if (this.failedBoundaries.has(e.targetId)) return 'failed';
    const s = this.stateOf(e.targetId);
    return s === 'failed' || s === 'down' || s === 'degraded' ? s : 'ok';
  }

  causeText(e: Edge, cond: Cond): string {
    const t = this.label(e.targetId);
    switch (cond) {
      case 'failed':
        return `${t} has failed`;
      case 'down':
        return `${t} is down`;
      case 'degraded':
        return `${t} is degraded`;
      case 'link-failed':
        return 'the connection has failed';
      default:
        return '';
    }
  }

  /** The connection state and phrase of a dependency edge whose target is in `cond` (not ok). */
  phrase(e: Edge, cond: Cond): { state: ConnectionState; phrase: string } {
    const p = e.policies;
    const src = this.label(e.sourceId);
    const dst = this.label(e.targetId);
    switch (e.kind) {
      case 'sync':
        if (cond === 'degraded') return { state: 'degraded', phrase: 'gets a reduced answer' };
        if (p.fallback) return { state: 'degraded', phrase: fallbackPhrase(p) };
        if (e.source?.kind === 'cache')
          return { state: 'degraded', phrase: `fails: ${src} serves what it has cached, misses fail` };
        return { state: 'broken', phrase: syncPhrase(p) };
      case 'publish':
        return p.fallback
          ? { state: 'degraded', phrase: `cannot publish and ${fallbackPhrase(p)}` }
          : { state: 'broken', phrase: `cannot publish and has no fallback${retryNote(p)}` };
      case 'delivery': {
        if (cond !== 'down') {
          const until = cond === 'link-failed' ? 'the connection recovers' : `${dst} recovers`;
          return { state: 'buffering', phrase: `holds messages in ${src} until ${until}` };
        }
        const dlq = deadLetterTargets(this.g, e.sourceId, e);
        const n = maxDeliveries(this.g, e);
        const after = n === null ? '' : ` after ${n} deliver${n === 1 ? 'y' : 'ies'}`;
        return {
          state: 'broken',
          phrase:
            dlq.length > 0
              ? `fails every delivery; messages are dead-lettered to ${dlq.map((t) => this.label(t.id)).join(', ')}${after}`
              : 'fails every delivery; with no dead-letter queue, messages are redelivered until they expire',
        };
      }
      case 'direct-async': {
        const dlq = deadLetterTargets(this.g, e.sourceId, e);
        const tries = p.retry ? ` after ${p.retry.maxAttempts} attempts` : '';
        return {
          state: 'broken',
          phrase:
            dlq.length > 0
              ? `parks undelivered messages in ${dlq.map((t) => this.label(t.id)).join(', ')}${tries}: no queue in between`
              : `loses its messages${tries}: no queue in between`,
        };
      }
      default:
        return { state: 'ok', phrase: '' };
    }
  }

  reasonFor(e: Edge, cond: Cond): string {
    return `${endsOf(this.g, e)} ${this.phrase(e, cond).phrase} (${this.causeText(e, cond)})`;
  }

  addReason(id: Id, r: DrillReason): void {
    const list = this.reasons.get(id);
    if (list) list.push(r);
    else this.reasons.set(id, [r]);
  }
}

function normaliseFailures(
  g: Graph,
  failures: readonly FailureTarget[],
): { valid: FailureTarget[]; ignored: FailureTarget[] } {
  const seen = new Set<string>();
  const valid: FailureTarget[] = [];
  const ignored: FailureTarget[] = [];
  for (const f of failures) {
    const key = `${f.type}\u0000${f.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const exists =
      f.type === 'component'
        ? g.components.has(f.id)
        : f.type === 'boundary'
          ? g.boundaries.has(f.id)
          : f.type === 'connection' && g.connections.has(f.id);
    (exists ? valid : ignored).push({ type: f.type, id: f.id });
  }
  return { valid, ignored };
}

/** The nearest boundary among `failed` that contains `parentId` (itself included), or null. */
function failedAncestor(g: Graph, parentId: Id | null, failed: ReadonlySet<Id>): Id | null {
  const seen = new Set<Id>();
  let at = parentId;
  while (at !== null && !seen.has(at)) {
    if (failed.has(at)) return at;
    seen.add(at);
    at = g.boundaries.get(at)?.parentId ?? null;
  }
  return null;
}

function byIndex(a: Edge, b: Edge): number {
  return a.index - b.index;
}

/**
 * The least fixed point, stratum by stratum. Only the failures' neighbourhood is visited
 * (incoming edges of what is unavailable or degraded), so a drill on a big diagram costs
 * what it touches; candidates are taken in connection order, so the result is deterministic.
 */
function propagate(d: Drill, failures: readonly FailureTarget[]): void {
  const g = d.g;
  const boundaryTargets = new Set(failures.filter((f) => f.type === 'boundary').map((f) => f.id));
  const failedLinks: Edge[] = [];
  for (const f of failures) {
    if (f.type !== 'connection') continue;
    d.failedConnections.add(f.id);
    const e = g.edgeById.get(f.id);
    if (e && DEPENDENCY_KINDS.has(e.kind)) failedLinks.push(e);
  }
  failedLinks.sort(byIndex);

  // Failure targets: boundaries (nested ones included), then components in input order.
  for (const b of g.boundaries.values()) {
    if (failedAncestor(g, b.id, boundaryTargets) !== null) {
      d.failedBoundaries.add(b.id);
      d.order.set(b.id, -1);
    }
  }
  const failed = new Map<Id, Id | null>();
  for (const f of failures) if (f.type === 'component') failed.set(f.id, null);
  if (boundaryTargets.size > 0) {
    for (const c of g.components.values()) {
      if (failed.has(c.id)) continue;
      const inside = failedAncestor(g, c.parentId, boundaryTargets);
      if (inside !== null) failed.set(c.id, inside);
    }
  }
  const inputOrder = (a: Id, b: Id) => (g.order.get(a) ?? 0) - (g.order.get(b) ?? 0);
  for (const id of [...failed.keys()].sort(inputOrder)) {
    const inside = failed.get(id) ?? null;
    d.mark(id, 'failed');
    if (inside === null) {
      d.addReason(id, { via: null, cause: null, text: 'Failed in the drill' });
      continue;
    }
    const nearest = failedAncestor(g, g.components.get(id)?.parentId ?? null, d.failedBoundaries) ?? inside;
    d.addReason(id, {
      via: null,
      cause: nearest,
      text:
        nearest === inside
          ? `Inside ${d.label(inside)}, which failed in the drill`
          : `Inside ${d.label(nearest)}, within ${d.label(inside)}, which failed in the drill`,
    });
  }
  const unavailable: Id[] = [...d.marked, ...d.failedBoundaries];

  // Edges whose effect on an ok source is `effect`: cut links, then edges into `targets`.
  const candidates = (targets: readonly Id[], effect: Effect): Edge[] => {
    const out = failedLinks.filter(
      (e) => d.stateOf(e.sourceId) === 'ok' && effectOf(e, d.cond(e)) === effect,
    );
    for (const t of targets) {
      for (const e of g.incoming.get(t) ?? []) {
        if (d.stateOf(e.sourceId) === 'ok' && effectOf(e, d.cond(e)) === effect) out.push(e);
      }
    }
    return out.sort(byIndex);
  };
  const spread = (seeds: Edge[], s: ComponentState, found: Id[]) => {
    for (const e of seeds) {
      if (d.stateOf(e.sourceId) !== 'ok') continue;
      d.mark(e.sourceId, s);
      found.push(e.sourceId);
    }
    for (let i = 0; i < found.length; i += 1) {
      for (const e of g.incoming.get(found[i] as Id) ?? []) {
        if (d.stateOf(e.sourceId) !== 'ok' || effectOf(e, d.cond(e)) !== s) continue;
        d.mark(e.sourceId, s);
        found.push(e.sourceId);
      }
    }
  };

  // Down: breadth-first from the failures, against the arrows.
  const down: Id[] = [];
  spread(candidates(unavailable, 'down'), 'down', down);
  unavailable.push(...down);
  // Degraded: saved by a fallback or a cache, then passed on to sync callers.
  spread(candidates(unavailable, 'degraded'), 'degraded', []);
  // Buffering: queues and streams whose delivery is cut.
  for (const e of candidates(unavailable, 'buffering')) {
    if (d.stateOf(e.sourceId) === 'ok') d.mark(e.sourceId, 'buffering');
  }

  // Reasons for down, degraded and buffering: every edge that gives the state, from a cause found earlier.
  for (const id of d.marked) {
    const s = d.stateOf(id);
    if (s !== 'down' && s !== 'degraded' && s !== 'buffering') continue;
    const own = d.orderOf(id);
    for (const e of g.outgoing.get(id) ?? []) {
      if (!DEPENDENCY_KINDS.has(e.kind)) continue;
      const cond = d.cond(e);
      if (effectOf(e, cond) !== s) continue;
      const cause = cond === 'link-failed' ? null : e.targetId;
      if (cause !== null && !(d.orderOf(cause) < own)) continue;
      d.addReason(id, { via: e.id, cause, text: d.reasonFor(e, cond) });
    }
  }

  // Failed work: where it ends up (deliveries to a failing consumer, undeliverable messages,
  // then components that are down).
  const send = (from: Id, targets: DeadLetterTarget[], text: (target: string) => string) => {
    for (const t of targets) {
      if (t.failurePath !== null) {
        d.activeFailurePaths.add(t.failurePath);
        // A cut failure path loses the work instead of delivering it.
        if (d.failedConnections.has(t.failurePath)) continue;
      }
      if (d.stateOf(t.id) === 'ok') d.mark(t.id, 'receives-failed-work');
      if (d.stateOf(t.id) === 'receives-failed-work') {
        d.addReason(t.id, { via: t.via, cause: from, text: text(d.label(t.id)) });
      }
    }
  };
  const failing = new Set<Edge>(failedLinks);
  for (const t of unavailable) for (const e of g.incoming.get(t) ?? []) failing.add(e);
  for (const e of [...failing].sort(byIndex)) {
    if (d.stateOf(e.sourceId) === 'failed') continue;
    const cond = d.cond(e);
    if (e.kind === 'delivery' && cond === 'down') {
      const n = maxDeliveries(g, e);
      const after = n === null ? '' : ` after ${n} deliver${n === 1 ? 'y' : 'ies'}`;
      send(
        e.sourceId,
        deadLetterTargets(g, e.sourceId, e),
        (t) =>
          `${d.label(e.sourceId)} dead-letters messages to ${t}${after} (${d.label(e.targetId)} is down)`,
      );
    } else if (e.kind === 'direct-async' && isCut(cond)) {
      send(
        e.sourceId,
        deadLetterTargets(g, e.sourceId, e),
        (t) => `${endsOf(g, e)} parks undelivered messages in ${t} (${d.causeText(e, cond)})`,
      );
    }
  }
  for (const id of [...down].sort(inputOrder)) {
    if (isBuffer(g.components.get(id))) continue;
    send(
      id,
      deadLetterTargets(g, id, null),
      (t) => `${d.label(id)} sends its failed work to ${t} (${d.label(id)} is down)`,
    );
  }
}

const ok = (): ConnectionImpact => ({ state: 'ok', reason: '' });

function connectionImpact(d: Drill, e: Edge): ConnectionImpact {
  if (e.id !== null && d.failedConnections.has(e.id)) {
    const ends = endsOf(d.g, e);
    const consequence = DEPENDENCY_KINDS.has(e.kind) && d.stateOf(e.sourceId) !== 'failed';
    return {
      state: 'broken',
      reason: consequence
        ? `Failed in the drill: ${ends} ${d.phrase(e, 'link-failed').phrase}`
        : 'Failed in the drill',
    };
  }
  if (e.kind === 'inert' || d.stateOf(e.sourceId) === 'failed') return ok();
  if (e.kind === 'failure-path') {
    if (e.id === null || !d.activeFailurePaths.has(e.id)) return ok();
    const ends = endsOf(d.g, e);
    return d.unavailable(e.targetId)
      ? {
          state: 'broken',
          reason: `${ends} cannot carry failed work: ${d.label(e.targetId)} is unavailable, so it is lost`,
        }
      : { state: 'failure-path-active', reason: `${ends} carries failed work` };
  }
  const cond = d.cond(e);
  if (cond === 'ok' || effectOf(e, cond) === null) return ok();
  const { state } = d.phrase(e, cond);
  if (state === 'ok') return ok();
  return { state, reason: d.reasonFor(e, cond) };
}

function stepStateOf(s: ConnectionState): StepState {
  return s === 'broken' ? 'broken' : s === 'degraded' ? 'degraded' : s === 'buffering' ? 'buffering' : 'ok';
}

function flowImpact(d: Drill, flow: Flow): FlowImpact {
  const g = d.g;
  const edges = flow.steps.map((s) => stepEdge(g, s));
  const steps: StepImpact[] = flow.steps.map((step, i) => {
    const n = i + 1;
    const e = edges[i] as Edge;
    const none: StepImpact = { n, stepId: step.id, state: 'ok', reason: '', cause: '', root: true };
    if (d.unavailable(step.fromId) && d.stateOf(step.fromId) !== 'down') {
      const reachedEarlier = flow.steps.slice(0, i).some((s) => s.toId === step.fromId);
      return {
        ...none,
        state: 'broken',
        reason: `${d.label(step.fromId)} has failed`,
        cause: `${d.label(step.fromId)} has failed`,
        root: !reachedEarlier,
      };
    }
    if (e.kind === 'failure-path') {
      const cond = d.cond(e);
      if (!isCut(cond)) return none;
      return {
        ...none,
        state: 'broken',
        reason: `${endsOf(g, e)} cannot carry failed work`,
        cause: d.causeText(e, cond),
      };
    }
    if (!DEPENDENCY_KINDS.has(e.kind)) return none;
    const cond = d.cond(e);
    if (cond === 'ok' || effectOf(e, cond) === null) return none;
    const { state, phrase } = d.phrase(e, cond);
    const stepState = stepStateOf(state);
    if (stepState === 'ok') return none;
    let root = true;
    if (cond === 'down' || cond === 'degraded') {
      // Explained by a later step out of the target that is one of the target's reasons.
      const why = d.reasons.get(e.targetId) ?? [];
      root = !flow.steps.some(
        (later, j) =>
          j > i &&
          later.fromId === e.targetId &&
          why.some(
            (r) =>
              (r.via !== null && r.via === (edges[j] as Edge).id) ||
              (r.cause !== null && r.cause === later.toId),
          ),
      );
    }
    return {
      ...none,
      state: stepState,
      reason: `${endsOf(g, e)} ${phrase}`,
      cause: d.causeText(e, cond),
      root,
    };
  });

  const name = flowName(flow);
  const rank: Record<StepState, number> = { broken: 3, buffering: 2, degraded: 1, ok: 0 };
  const roots = steps.filter((s) => s.root && s.state !== 'ok');
  const pool = roots.length > 0 ? roots : steps.filter((s) => s.state !== 'ok');
  const worst = pool.reduce<StepState>((w, s) => (rank[s.state] > rank[w] ? s.state : w), 'ok');
  const first = pool.find((s) => s.state === worst);
  if (worst === 'ok' || !first) {
    return { flowId: flow.id, name, status: 'ok', step: null, reason: `${name}: survives`, cause: '', steps };
  }
  const status: FlowStatus = worst === 'buffering' ? 'delayed' : worst;
  const lead =
    status === 'broken'
      ? `${name}: step ${first.n}, `
      : status === 'delayed'
        ? `${name}: delayed at step ${first.n}, `
        : `${name}: survives degraded; step ${first.n}, `;
  return {
    flowId: flow.id,
    name,
    status,
    step: first.n,
    reason: lead + first.reason,
    cause: first.cause,
    steps,
  };
}

function counts<K extends string>(keys: readonly K[], values: Iterable<K>): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v] += 1;
  return out;
}

/** What a failure-modes row needs from a drill (failure-modes.ts), without the full result. */
export interface DrillFacts {
  failures: FailureTarget[];
  stateOf(id: Id): ComponentState;
  boundaryFailed(id: Id): boolean;
  /** Components that are not ok, in input order. */
  affected: Id[];
  /** Connections that are not ok, in input order. */
  connections: { edge: Edge; state: ConnectionState }[];
  flows: FlowImpact[];
}

/**
 * A drill's facts at the cost of what it touches (no record of every component and
 * connection): `failureModes` runs one drill per component of a diagram.
 */
export function drillFacts(g: Graph, flows: readonly Flow[], failures: readonly FailureTarget[]): DrillFacts {
  const { valid } = normaliseFailures(g, failures);
  const d = new Drill(g);
  propagate(d, valid);
  const touched = new Set<Edge>();
  const add = (id: Id) => {
    const e = g.edgeById.get(id);
    if (e) touched.add(e);
  };
  d.failedConnections.forEach(add);
  d.activeFailurePaths.forEach(add);
  for (const id of [...d.marked, ...d.failedBoundaries])
    for (const e of g.incoming.get(id) ?? []) touched.add(e);
  return {
    failures: valid,
    stateOf: (id) => d.stateOf(id),
    boundaryFailed: (id) => d.failedBoundaries.has(id),
    affected: [...d.marked].sort((a, b) => (g.order.get(a) ?? 0) - (g.order.get(b) ?? 0)),
    connections: [...touched]
      .sort(byIndex)
      .map((edge) => ({ edge, state: connectionImpact(d, edge).state }))
      .filter((c) => c.state !== 'ok'),
    flows: flows.map((f) => flowImpact(d, f)),
  };
}

/** Run a drill on a prepared graph. */
export function drillOnGraph(
  g: Graph,
  flows: readonly Flow[],
  failures: readonly FailureTarget[],
): DrillResult {
  const { valid, ignored } = normaliseFailures(g, failures);
  const d = new Drill(g);
  propagate(d, valid);

  // Built in one go (adding a thousand keys one by one is slow in V8).
  const components: Record<Id, ComponentImpact> = Object.fromEntries(
    [...g.components.keys()].map((id) => [id, { state: d.stateOf(id), reasons: d.reasons.get(id) ?? [] }]),
  );
  const connections: Record<Id, ConnectionImpact> = Object.fromEntries(
    g.edges.flatMap((e) => (e.id === null ? [] : [[e.id, connectionImpact(d, e)]])),
  );
  const boundaries: Record<Id, 'failed' | 'ok'> = Object.fromEntries(
    [...g.boundaries.keys()].map((id) => [id, d.failedBoundaries.has(id) ? 'failed' : 'ok']),
  );
  const flowImpacts = flows.map((f) => flowImpact(d, f));

  const result: DrillResult = {
    failures: valid,
    ignored,
    components,
    connections,
    boundaries,
    flows: flowImpacts,
    summary: {
      components: counts(
        COMPONENT_STATES,
        Object.values(components).map((c) => c.state),
      ),
      connections: counts(
        CONNECTION_STATES,
        Object.values(connections).map((c) => c.state),
      ),
      flows: counts(
        FLOW_STATUSES,
        flowImpacts.map((f) => f.status),
      ),
    },
  };
  return result;
}

/**
 * Fail `failures` together and see what happens (the rules are in this file's comment).
 * Pure: `input` is never changed; the result is plain, JSON-safe data keyed in input order.
 */
export function runDrill(input: DrillInput, failures: readonly FailureTarget[]): DrillResult {
  return drillOnGraph(buildGraph(input), input.flows ?? [], failures);
}
