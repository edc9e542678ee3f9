/**
 * Failure modes table: a drill's result as a row — component, failure, impact, mitigation in
 * place, gap — and the whole table for a case study, which the case-study guide exports.
 *
 * Every field is plain text (not Markdown); a cell with several items has one per line
 * ('\n'), and '' means none (mitigation and gap). The exporter escapes them.
 *
 * - **impact**: what fails with it (inside a failed boundary), loses service, degrades,
 *   buffers and receives failed work, then the flows that break, are delayed or degrade;
 * - **mitigation in place**: what limited the damage: fallbacks and circuit breakers on the
 *   calls that failed, caches serving stale data, queues buffering, dead letter queues
 *   collecting failed work, timeouts and bulkheads on the calls into the failure;
 * - **gap**: what is missing where the damage spread: no fallback on a call into the failure,
 *   no timeout on a broken call (callers hang), a queue with no dead-letter queue for a
 *   failing consumer, an async message with no queue in between, a dead letter queue that
 *   is itself unavailable.
 *
 * `failureModes(bundle)` runs one single-component drill per component that something
 * depends on, diagram by diagram (in tab order). Left out: clients (they start requests;
 * their failure is the user's), and components nothing depends on (only failure paths lead
 * to a dead letter queue, so failing one alone stops nothing).
 */
import {
  BOUNDARY_CATALOGUE,
  COMPONENT_CATALOGUE,
  humanise,
  type CaseStudyBundle,
  type Flow,
  type Id,
} from '../model';
import {
  COMPONENT_STATES,
  deadLetterTargets,
  drillFacts,
  type ComponentState,
  type DrillFacts,
  type DrillResult,
  type FailureTarget,
} from './drill';
import { buildGraph, endsOf, labelOf, type DrillInput, type Graph } from './graph';

export interface FailureModeRow {
  /** What failed: "Orders DB", "Orders API → Payments", "eu-west-1a" (several joined with ", "). */
  component: string;
  /** "Database down or unreachable", "Connection cut (network partition)", "Availability zone outage (4 components)". */
  failure: string;
  /** One line per kind of impact; never ''. */
  impact: string;
  /** One line per mitigation in place; '' when none. */
  mitigation: string;
  /** One line per gap; '' when none. */
  gap: string;
}

function unique(lines: string[]): string {
  return [...new Set(lines)].join('\n');
}

function failureLabel(g: Graph, f: FailureTarget, facts: DrillFacts): { component: string; failure: string } {
  if (f.type === 'connection') {
    const e = g.edgeById.get(f.id);
    return { component: e ? endsOf(g, e) : '?', failure: 'Connection cut (network partition)' };
  }
  if (f.type === 'boundary') {
    const b = g.boundaries.get(f.id);
    const kind = b ? (BOUNDARY_CATALOGUE[b.kind]?.label ?? 'Boundary') : 'Boundary';
    // Components failed because of this boundary (directly or through a nested one).
    const n = facts.affected.filter((id) => {
      if (facts.stateOf(id) !== 'failed') return false;
      const seen = new Set<Id>();
      let at = g.components.get(id)?.parentId ?? null;
      for (; at !== null && !seen.has(at); at = g.boundaries.get(at)?.parentId ?? null) {
        if (at === f.id) return true;
        seen.add(at);
      }
      return false;
    }).length;
    return {
      component: labelOf(g, f.id),
      failure: `${kind} outage (${n} component${n === 1 ? '' : 's'})`,
    };
  }
  const c = g.components.get(f.id);
  const kind = c ? (COMPONENT_CATALOGUE[c.kind]?.label ?? 'Component') : 'Component';
  return { component: labelOf(g, f.id), failure: `${kind} down or unreachable` };
}

/** The facts of a full drill result. */
function factsOf(g: Graph, result: DrillResult): DrillFacts {
  const stateOf = (id: Id): ComponentState => result.components[id]?.state ?? 'ok';
  return {
    failures: result.failures,
    stateOf,
    boundaryFailed: (id) => result.boundaries[id] === 'failed',
    affected: [...g.components.keys()].filter((id) => stateOf(id) !== 'ok'),
    connections: g.edges
      .map((edge) => ({ edge, state: (edge.id && result.connections[edge.id]?.state) || 'ok' }))
      .filter((c) => c.state !== 'ok'),
    flows: result.flows,
  };
}

/** The row of one drill (of any number of failures), given the drill's input and result. */
export function failureModeRow(input: DrillInput, result: DrillResult): FailureModeRow {
  const g = buildGraph(input);
  return rowOf(g, factsOf(g, result));
}

function rowOf(g: Graph, facts: DrillFacts): FailureModeRow {
  const named = facts.failures.map((f) => failureLabel(g, f, facts));
  const { stateOf } = facts;
  const targetIds = new Set(facts.failures.filter((f) => f.type === 'component').map((f) => f.id));
  const failedLinks = new Set(facts.failures.filter((f) => f.type === 'connection').map((f) => f.id));
  const gone = (id: Id) => stateOf(id) === 'failed' || facts.boundaryFailed(id);
  const unavailable = (id: Id) => gone(id) || stateOf(id) === 'down';
  const names = (s: ComponentState, skip: ReadonlySet<Id> = new Set()) =>
    facts.affected
      .filter((id) => stateOf(id) === s && !skip.has(id))
      .map((id) => labelOf(g, id))
      .join(', ');

  // Impact.
  const impact: string[] = [];
  const heads: Partial<Record<ComponentState, string>> = {
    failed: 'Fails with it',
    down: 'Loses service',
    degraded: 'Degraded',
    buffering: 'Buffers',
    'receives-failed-work': 'Failed work goes to',
  };
  for (const s of COMPONENT_STATES) {
    const head = heads[s];
    const list = names(s, s === 'failed' ? targetIds : undefined);
    if (head && list) impact.push(`${head}: ${list}`);
  }
  const flows = (status: string, head: string) => {
    const list = facts.flows
      .filter((f) => f.status === status)
      .map((f) => `${f.name} (step ${f.step ?? '?'})`)
      .join(', ');
    if (list) impact.push(`${head}: ${list}`);
  };
  flows('broken', 'Flows broken');
  flows('delayed', 'Flows delayed');
  flows('degraded', 'Flows degraded');
  if (impact.length === 0) impact.push('No other component affected');

  // Mitigation in place and gaps, connection by connection, then components; grouped by
  // kind (fallbacks first, then breakers, …), each group in connection order.
  const mitigations = {
    fallback: [] as string[],
    breaker: [] as string[],
    cache: [] as string[],
    timeout: [] as string[],
    bulkhead: [] as string[],
    buffer: [] as string[],
    dlq: [] as string[],
  };
  const gaps = { fallback: [] as string[], timeout: [] as string[], messages: [] as string[] };
  for (const { edge: e, state } of facts.connections) {
    if (e.id === null) continue;
    const ends = endsOf(g, e);
    const p = e.policies;
    const linkCut = failedLinks.has(e.id);
    const frontier = linkCut || gone(e.targetId);
    const cut = linkCut || unavailable(e.targetId);
    if ((e.kind === 'sync' || e.kind === 'publish') && cut) {
      if (p.fallback) {
        const desc = p.fallback.description.replace(/\s+/g, ' ').trim();
        mitigations.fallback.push(`Fallback on ${ends}${desc ? `: ${desc}` : ''}`);
      } else if (e.kind === 'sync' && e.source?.kind === 'cache') {
        mitigations.cache.push(`${labelOf(g, e.sourceId)} serves cached data`);
      } else if (frontier) {
        gaps.fallback.push(`No fallback on ${ends}`);
      }
      if (p.circuitBreaker) mitigations.breaker.push(`Circuit breaker on ${ends} fails fast`);
      if (e.kind === 'sync' && frontier && p.timeout)
        mitigations.timeout.push(`Timeout on ${ends} (${humanise(p.timeout.ms, 'ms')})`);
      if (e.kind === 'sync' && frontier && p.bulkhead)
        mitigations.bulkhead.push(`Bulkhead on ${ends} (${p.bulkhead.maxConcurrent} concurrent calls)`);
      if (e.kind === 'sync' && !p.timeout && !p.fallback && e.source?.kind !== 'cache')
        gaps.timeout.push(`No timeout on ${ends}: callers hang`);
    } else if (e.kind === 'delivery' && stateOf(e.targetId) === 'down' && !linkCut) {
      if (deadLetterTargets(g, e.sourceId, e).length === 0)
        gaps.messages.push(
          `No dead-letter queue for ${labelOf(g, e.sourceId)}: failing messages are redelivered until they expire`,
        );
    } else if (e.kind === 'direct-async' && cut) {
      if (deadLetterTargets(g, e.sourceId, e).length === 0)
        gaps.messages.push(
          `No queue between ${labelOf(g, e.sourceId)} and ${labelOf(g, e.targetId)}: messages are lost`,
        );
    } else if (e.kind === 'failure-path' && state === 'broken' && !linkCut) {
      gaps.messages.push(`${labelOf(g, e.targetId)} is unavailable: failed work sent to it is lost`);
    } else if (e.kind === 'failure-path' && linkCut) {
      gaps.messages.push(`${ends} is cut: failed work sent along it is lost`);
    }
  }
  for (const id of facts.affected) {
    const s = stateOf(id);
    if (s === 'buffering')
      mitigations.buffer.push(`${labelOf(g, id)} buffers messages until its consumer recovers`);
    if (s === 'receives-failed-work') mitigations.dlq.push(`${labelOf(g, id)} collects failed work`);
  }

  return {
    component: named.map((n) => n.component).join(', ') || '?',
    failure: named.map((n) => n.failure).join('; ') || '?',
    impact: unique(impact),
    mitigation: unique(Object.values(mitigations).flat()),
    gap: unique(Object.values(gaps).flat()),
  };
}

/** One row per drill (each drill a list of failures run together). */
export function failureModesTable(
  input: DrillInput,
  drills: readonly (readonly FailureTarget[])[],
): FailureModeRow[] {
  const g = buildGraph(input);
  return drills.map((failures) => rowOf(g, drillFacts(g, input.flows ?? [], failures)));
}

/** Components of a graph that something depends on, clients excluded (input order). */
export function dependedOn(g: Graph): Id[] {
  return [...g.components.values()]
    .filter((c) => c.kind !== 'client' && (g.incoming.get(c.id) ?? []).length > 0)
    .map((c) => c.id);
}

/**
 * The case study's failure modes: for each diagram (in tab order), a single-component drill
 * of each component that something depends on (clients left out). A component label that
 * rows of two diagrams share gets the diagram's name: "Orders DB (Checkout)".
 */
export function failureModes(
  bundle: Pick<CaseStudyBundle, 'diagrams' | 'components' | 'boundaries' | 'connections' | 'flows'>,
): FailureModeRow[] {
  const diagrams = bundle.diagrams
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.order - b.d.order || a.i - b.i)
    .map(({ d }) => d);
  const rows: { row: FailureModeRow; diagram: string }[] = [];
  diagrams.forEach((d, i) => {
    const input: DrillInput & { flows: Flow[] } = {
      components: bundle.components.filter((c) => c.diagramId === d.id),
      boundaries: bundle.boundaries.filter((b) => b.diagramId === d.id),
      connections: bundle.connections.filter((c) => c.diagramId === d.id),
      flows: bundle.flows
        .filter((f) => f.diagramId === d.id)
        .map((f, j) => ({ f, j }))
        .sort((a, b) => a.f.order - b.f.order || a.j - b.j)
        .map(({ f }) => f),
    };
    const g = buildGraph(input);
    const diagram = d.name.replace(/\s+/g, ' ').trim() || `Diagram ${i + 1}`;
    for (const id of dependedOn(g)) {
      rows.push({ row: rowOf(g, drillFacts(g, input.flows, [{ type: 'component', id }])), diagram });
    }
  });
  const diagramsOf = new Map<string, Set<string>>();
  for (const { row, diagram } of rows) {
    const set = diagramsOf.get(row.component) ?? new Set<string>();
    set.add(diagram);
    diagramsOf.set(row.component, set);
  }
  return rows.map(({ row, diagram }) =>
    (diagramsOf.get(row.component)?.size ?? 0) > 1
      ? { ...row, component: `${row.component} (${diagram})` }
      : row,
  );
}
