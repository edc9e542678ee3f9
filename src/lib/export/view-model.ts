/**
 * The case-study view model: everything a Markdown template in `templates/case-study/` can
 * fill, as plain data. Documented for template authors in docs/templates.md — keep the two
 * in step.
 *
 * Rules the templates rely on:
 * - every string is final Markdown, already escaped for where the templates put it (inline
 *   text, table cells, or blocks of the user's own Markdown) — templates use triple braces
 *   `{{{…}}}` and the renderer never HTML-escapes;
 * - nothing is ever missing: an empty text is '', an empty list is [], and every `has…`
 *   boolean says whether a section has content, so `{{#hasX}}…{{/hasX}}` drops it cleanly;
 * - lists keep the user's order; numbers and improvements are computed here, never typed.
 *
 * Pure: ids never reach the output, and Mermaid comes from injected renderers (see
 * `MermaidRenderers`), so this module does not depend on the Mermaid exporters.
 */
import {
  BOUNDARY_CATALOGUE,
  COMPONENT_CATALOGUE,
  CONNECTION_MODE_INFO,
  SECTION_KEYS,
  TEMPLATE_IDS,
  formatDecisionNumber,
  humanise,
  phraseMetric,
  scoreMatrix,
  statusLabel,
  techStackColumnId,
  techStackRows,
  type CaseStudyBundle,
  type Component,
  type Connection,
  type Decision,
  type Diagram,
  type DiagramRows,
  type Flow,
  type Id,
  type ResiliencePolicies,
  type SectionKey,
  type TemplateId,
  type TradeOffTable,
} from '../model';
import { failureModes as analyseFailureModes } from '../drill';
import { block, cell, fenceBody, headingText, inline, kebab, link, table } from './md';

// ---------------------------------------------------------------------------
// Injected Mermaid renderers
// ---------------------------------------------------------------------------

/**
 * Mermaid flowchart source for a diagram (no fence); `rows` are that diagram's records.
 * `exportFlowchart` from mermaid.ts fits as is.
 */
export type FlowchartRenderer = (diagram: Diagram, rows: DiagramRows) => string;
/**
 * Mermaid sequence-diagram source for a flow (no fence). `participants`: component and
 * boundary id → record; `connections`: connection id → record (for the steps' policies).
 * `exportSequence` from sequence.ts fits as is.
 */
export type SequenceRenderer = (
  flow: Flow,
  participants: ReadonlyMap<Id, { label: string }>,
  connections: ReadonlyMap<Id, Connection>,
) => string;

export interface MermaidRenderers {
  /** Without it, diagrams are left out of the document. */
  flowchart?: FlowchartRenderer;
  /** Without it, flows have no sequence diagram (their steps are still listed). */
  sequence?: SequenceRenderer;
}

export interface ViewModelOptions extends MermaidRenderers {
  /**
   * Folder of the ADR files relative to the document (e.g. 'adr/'), to link each decision
   * to its file; absent → decisions are not linked.
   */
  adrDir?: string;
  /** The ADR file name of each decision; default `adrFileNames(bundle.decisions)`. */
  adrFiles?: ReadonlyMap<Id, string>;
}

// ---------------------------------------------------------------------------
// The view model
// ---------------------------------------------------------------------------

export interface TextItem {
  text: string;
}

export interface NonGoalVM {
  text: string;
  /** Why it is out of scope ('' when not given). */
  why: string;
}

export interface TechStackRowVM {
  layer: string;
  technology: string;
  why: string;
  considered: string;
}

export interface ChallengeVM {
  challenge: string;
  whyHard: string;
  solution: string;
  tradeOff: string;
}

export interface TableVM {
  /** Heading text. */
  title: string;
  /** What it is attached to ("Orders DB", "TDR-002"), '' for the case study itself. */
  owner: string;
  /** The whole GFM table. */
  markdown: string;
}

export interface ResilienceVM {
  /** The call: "Gateway → Checkout service: POST /orders" (cell text). */
  call: string;
  mode: string;
  /** Policies in words, one per line (cell text). */
  policies: string;
}

export interface DiagramVM {
  name: string;
  /** Mermaid flowchart source, to put inside a ```mermaid fence ('' without a flowchart renderer). */
  mermaid: string;
  hasMermaid: boolean;
  /** Failure-path connections: "Payment jobs → Payment DLQ: after 5 deliveries". */
  failurePaths: TextItem[];
  hasFailurePaths: boolean;
  /** Calls with resilience policies, as table cells. */
  resilience: ResilienceVM[];
  hasResilience: boolean;
}

export interface FlowStepVM {
  n: number;
  from: string;
  to: string;
  message: string;
  /** What goes wrong here ('' on a step that does not fail). */
  failureNote: string;
}

export interface FlowVM {
  name: string;
  kind: 'happy' | 'error';
  /** "happy path" / "error path". */
  kindLabel: string;
  isError: boolean;
  /** Mermaid sequence source ('' without a sequence renderer). */
  mermaid: string;
  hasMermaid: boolean;
  steps: FlowStepVM[];
  /** The steps that fail (error flows), for a "what goes wrong" list. */
  failures: FlowStepVM[];
  hasFailures: boolean;
}

export interface OptionVM {
  title: string;
  chosen: boolean;
  /** Pros / cons joined with <br> for a table cell ('—' when none). */
  prosCell: string;
  consCell: string;
}

export interface DecisionVM {
  /** "TDR-002". */
  number: string;
  title: string;
  /** "accepted", "superseded by TDR-003"… */
  status: string;
  superseded: boolean;
  date: string;
  /** The chosen option's title ('' when none yet). */
  chosen: string;
  /** The chosen option for a table cell ('—' when none yet). */
  chosenCell: string;
  /** Decision drivers. */
  drivers: TextItem[];
  hasDrivers: boolean;
  /** The drivers joined with "; ". */
  driversText: string;
  /** Rationale as a table cell. */
  rationaleCell: string;
  /** Rationale as Markdown. */
  rationale: string;
  /** Context as Markdown. */
  context: string;
  options: OptionVM[];
  hasOptions: boolean;
  /** The other options, joined: "MongoDB, DynamoDB". */
  alternatives: string;
  /** The same for a table cell ('—' when none). */
  alternativesCell: string;
  tradeOffs: TextItem[];
  hasTradeOffs: boolean;
  /** Trade-offs joined for a cell ('—' when none). */
  tradeOffsCell: string;
  /** Governed components and connections: "Orders DB, Checkout service". */
  governs: string;
  /** Result recorded later, as Markdown. */
  results: string;
  /** Tables attached to the decision (decision matrices first); `owner` is the decision's number. */
  decisionTables: TableVM[];
  /** ADR file name, e.g. "0002-postgresql-over-mongodb-for-orders.md". */
  file: string;
  /** Link target of the ADR file ('' when not linked). */
  href: string;
  /** "TDR-002: title" as a link to the ADR when linked, for a table cell. */
  titleCell: string;
}

export interface MetricVM {
  name: string;
  before: string;
  after: string;
  /** The computed improvement: "93% lower, 13.9× faster" ('—' when not computable). */
  change: string;
  period: string;
  howMeasured: string;
  /** One sentence: "Checkout p95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)". */
  phrase: string;
}

/**
 * A row of the failure modes table: one single-component drill per component that something
 * depends on (`failureModes` in src/lib/drill). Cells; several items are joined with <br>;
 * '—' when there is no mitigation or no gap.
 */
export interface FailureModeVM {
  component: string;
  failure: string;
  impact: string;
  /** Mitigation in place. */
  mitigation: string;
  /** What is missing. */
  gap: string;
}

export type SectionsVM = Record<SectionKey, string>;

export interface CaseStudyViewModel extends SectionsVM {
  templateId: TemplateId;
  /** "STAR+", "Problem–Solution–Impact", "Case-study guide". */
  templateName: string;
  title: string;
  oneLiner: string;

  role: string;
  duration: string;
  teamSize: string;
  /** "TypeScript, PostgreSQL, SQS". */
  technologies: string;
  /** Each link as `[label](url)`. */
  links: TextItem[];
  /** The links joined with " · ". */
  linksText: string;
  hasLinks: boolean;
  /** Any of role, duration, team size, technologies or links. */
  hasMeta: boolean;

  goals: TextItem[];
  hasGoals: boolean;
  nonGoals: NonGoalVM[];
  hasNonGoals: boolean;
  /** Goals or non-goals. */
  hasScope: boolean;

  techStack: TechStackRowVM[];
  hasTechStack: boolean;
  diagrams: DiagramVM[];
  hasDiagrams: boolean;
  /** Tech stack or diagrams. */
  hasArchitecture: boolean;

  /** Next steps or future applications. */
  hasNextSteps: boolean;

  flows: FlowVM[];
  hasFlows: boolean;
  hasErrorFlow: boolean;

  challenges: ChallengeVM[];
  hasChallenges: boolean;
  failureModes: FailureModeVM[];
  hasFailureModes: boolean;
  /** Custom tables and tables attached to components. */
  tables: TableVM[];
  hasTables: boolean;

  decisions: DecisionVM[];
  hasDecisions: boolean;
  /** Every decision's accepted trade-offs: "TDR-002: Vertical scaling limit…". */
  tradeOffs: TextItem[];
  hasTradeOffs: boolean;

  metrics: MetricVM[];
  hasMetrics: boolean;
}

export const TEMPLATE_NAMES: Record<TemplateId, string> = {
  'star-plus': 'STAR+',
  'problem-solution-impact': 'Problem–Solution–Impact',
  'case-study-guide': 'Case-study guide',
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const NONE = '—';

function orNone(text: string): string {
  return text === '' ? NONE : text;
}

function byOrder<T extends { order: number }>(list: readonly T[]): T[] {
  return list
    .map((x, i) => ({ x, i }))
    .sort((a, b) => a.x.order - b.x.order || a.i - b.i)
    .map(({ x }) => x);
}

/** Names made unique in order: a repeated "Checkout" becomes "Checkout (2)"; blank → fallback(i). */
export function uniqueNames(names: readonly string[], fallback: (i: number) => string): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const base = raw.replace(/\s+/g, ' ').trim() || fallback(i);
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n += 1) name = `${base} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

function cellLines(items: readonly string[]): string {
  return orNone(
    items
      .map((s) => cell(s))
      .filter(Boolean)
      .join('<br>'),
  );
}

function formatMs(ms: number): string {
  return humanise(ms, 'ms');
}

/** Resilience policies in words, one phrase each. */
export function describePolicies(p: ResiliencePolicies, labels: ReadonlyMap<Id, string>): string[] {
  const out: string[] = [];
  if (p.timeout) out.push(`Timeout ${formatMs(p.timeout.ms)}`);
  if (p.retry) {
    const jitter = p.retry.jitter === 'none' ? 'no jitter' : `${p.retry.jitter} jitter`;
    out.push(
      `Retry up to ${p.retry.maxAttempts} attempts, backoff ${formatMs(p.retry.baseDelayMs)}–${formatMs(p.retry.maxDelayMs)}, ${jitter}`,
    );
  }
  if (p.circuitBreaker) {
    const cb = p.circuitBreaker;
    out.push(
      `Circuit breaker opens after ${cb.failureThreshold} failures, half-opens after ${formatMs(cb.resetTimeoutMs)} (${cb.halfOpenProbes} probe${cb.halfOpenProbes === 1 ? '' : 's'})`,
    );
  }
  if (p.fallback)
    out.push(p.fallback.description.trim() ? `Fallback: ${p.fallback.description.trim()}` : 'Fallback');
  if (p.rateLimit) out.push(`Rate limit ${p.rateLimit.requestsPerSecond}/s (burst ${p.rateLimit.burst})`);
  if (p.bulkhead) out.push(`Bulkhead: ${p.bulkhead.maxConcurrent} concurrent, ${p.bulkhead.maxQueue} queued`);
  if (p.idempotency) out.push(`Idempotency key from ${p.idempotency.keySource.trim() || 'the request'}`);
  if (p.deadLetter) {
    const target = labels.get(p.deadLetter.targetId);
    out.push(
      `Dead-letter${target ? ` to ${target}` : ''} after ${p.deadLetter.maxDeliveries} deliver${p.deadLetter.maxDeliveries === 1 ? 'y' : 'ies'}`,
    );
  }
  return out;
}

/** Component, boundary and connection id → a readable label. */
export function labelMaps(bundle: Pick<CaseStudyBundle, 'components' | 'boundaries' | 'connections'>): {
  components: Map<Id, string>;
  connections: Map<Id, string>;
} {
  const components = new Map<Id, string>();
  for (const c of bundle.components) {
    components.set(c.id, c.label.trim() || COMPONENT_CATALOGUE[c.kind]?.label || 'Component');
  }
  for (const b of bundle.boundaries) {
    components.set(b.id, b.label.trim() || BOUNDARY_CATALOGUE[b.kind]?.label || 'Boundary');
  }
  const connections = new Map<Id, string>();
  for (const c of bundle.connections) {
    const ends = `${components.get(c.source) ?? '?'} → ${components.get(c.target) ?? '?'}`;
    connections.set(c.id, c.label.trim() ? `${c.label.trim()} (${ends})` : ends);
  }
  return { components, connections };
}

/**
 * Decision id → ADR file name, `NNNN-title-in-kebab-case.md` (`0002-postgresql-over-mongodb.md`).
 * Unique even when imported decisions share a number and title (`…-2.md`); decisions in
 * number order, so the names are stable.
 */
export function adrFileNames(decisions: readonly Decision[]): Map<Id, string> {
  const names = new Map<Id, string>();
  const taken = new Set<string>();
  for (const d of [...decisions].sort((a, b) => a.number - b.number)) {
    const base = `${String(Math.max(0, Math.trunc(d.number))).padStart(4, '0')}-${kebab(d.title, 60) || 'untitled'}`;
    let name = `${base}.md`;
    for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}.md`;
    taken.add(name);
    names.set(d.id, name);
  }
  return names;
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

export interface TableContext {
  components: readonly Component[];
  decisions: readonly Decision[];
}

function techStackCells(t: TradeOffTable, components: readonly Component[]): TechStackRowVM[] {
  const view = techStackRows(t, components);
  const col = (f: 'layer' | 'technology' | 'why' | 'considered') => techStackColumnId(t, f);
  return view.rows.map((r) => {
    const get = (f: 'layer' | 'technology' | 'why' | 'considered') => {
      const id = col(f);
      return orNone(cell(id ? (r.cells[id] ?? '') : ''));
    };
    return {
      layer: get('layer'),
      technology: get('technology'),
      why: get('why'),
      considered: get('considered'),
    };
  });
}

/** A tech-stack table derived from the components alone (when the case study has none). */
function derivedTechStack(components: readonly Component[]): TechStackRowVM[] {
  return components
    .filter((c) => c.technology.trim() !== '')
    .map((c) => ({
      layer: cell(COMPONENT_CATALOGUE[c.kind]?.label ?? c.kind),
      technology: orNone(cell(c.technology)),
      why: orNone(cell(c.why)),
      considered: orNone(cell(c.alternatives)),
    }));
}

function challengeCells(t: TradeOffTable): ChallengeVM[] {
  return t.rows
    .map((r) => t.columns.map((c) => r.cells[c.id] ?? ''))
    .filter((cells) => cells.some((c) => c.trim() !== ''))
    .map((cells) => ({
      challenge: orNone(cell(cells[0])),
      whyHard: orNone(cell(cells[1])),
      solution: orNone(cell(cells[2])),
      tradeOff: orNone(cell(cells[3])),
    }));
}

function matrixMarkdown(t: TradeOffTable, ctx: TableContext): string {
  const decision = t.owner.type === 'decision' ? ctx.decisions.find((d) => d.id === t.owner.id) : undefined;
  const matrix = t.matrix;
  if (!matrix || !decision || decision.options.length === 0 || matrix.criteria.length === 0) return '';
  const options = decision.options;
  const titles = uniqueNames(
    options.map((o) => o.title),
    (i) => `Option ${i + 1}`,
  );
  const score = scoreMatrix(matrix, options);
  const header = [
    'Criterion',
    'Weight',
    ...titles.map((title, i) => {
      const chosen = options[i]?.id === decision.chosenOptionId;
      return `${cell(title)}${chosen ? ' (chosen)' : ''}`;
    }),
  ];
  const rows = matrix.criteria.map((c) => [
    orNone(cell(c.name)),
    String(c.weight),
    ...options.map((o) => {
      const s = matrix.scores[c.id]?.[o.id];
      return s === undefined ? NONE : String(s);
    }),
  ]);
  const totals = [
    '**Weighted total**',
    '',
    ...score.totals.map((tot) => {
      const text = `${tot.total} of ${tot.max} (${Math.round(tot.percent)}%)`;
      return score.topOptionIds.includes(tot.optionId) ? `**${text}**` : text;
    }),
  ];
  return table(header, [...rows, totals], [null, 'right', ...options.map(() => 'right' as const)]);
}

/** Any table as GFM Markdown ('' when it has no rows). */
export function tableMarkdown(t: TradeOffTable, ctx: TableContext): string {
  if (t.kind === 'matrix') return matrixMarkdown(t, ctx);
  if (t.kind === 'tech-stack') {
    const rows = techStackCells(t, ctx.components);
    if (rows.length === 0) return '';
    return table(
      t.columns.slice(0, 4).map((c) => cell(c.name)),
      rows.map((r) => [r.layer, r.technology, r.why, r.considered]),
    );
  }
  const rows = t.rows
    .map((r) => t.columns.map((c) => cell(r.cells[c.id] ?? '')))
    .filter((cells) => cells.some((c) => c !== ''));
  if (rows.length === 0 || t.columns.length === 0) return '';
  return table(
    t.columns.map((c, i) => cell(c.name) || `Column ${i + 1}`),
    rows.map((cells) => cells.map(orNone)),
  );
}

function ownerLabel(t: TradeOffTable, bundle: CaseStudyBundle, labels: ReadonlyMap<Id, string>): string {
  if (t.owner.type === 'component') return labels.get(t.owner.id) ?? '';
  if (t.owner.type === 'decision') {
    const d = bundle.decisions.find((x) => x.id === t.owner.id);
    return d ? formatDecisionNumber(d.number) : '';
  }
  return '';
}

// ---------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------

function diagramVMs(
  bundle: CaseStudyBundle,
  labels: ReadonlyMap<Id, string>,
  opts: ViewModelOptions,
): DiagramVM[] {
  const diagrams = byOrder(bundle.diagrams);
  const names = uniqueNames(
    diagrams.map((d) => d.name),
    (i) => `Diagram ${i + 1}`,
  );
  const out: DiagramVM[] = [];
  diagrams.forEach((d, i) => {
    const rows: DiagramRows = {
      components: bundle.components.filter((c) => c.diagramId === d.id),
      boundaries: bundle.boundaries.filter((b) => b.diagramId === d.id),
      connections: bundle.connections.filter((c) => c.diagramId === d.id),
    };
    if (rows.components.length === 0 && rows.boundaries.length === 0) return;
    const ends = (c: Connection) => `${labels.get(c.source) ?? '?'} → ${labels.get(c.target) ?? '?'}`;
    const failurePaths = rows.connections
      .filter((c) => c.failurePath)
      .map((c) => ({ text: inline(c.label.trim() ? `${ends(c)}: ${c.label}` : ends(c)) }));
    const resilience = rows.connections
      .map((c) => ({ c, words: describePolicies(c.policies, labels) }))
      .filter(({ words }) => words.length > 0)
      .map(({ c, words }) => ({
        call: cell(c.label.trim() ? `${ends(c)}: ${c.label}` : ends(c)),
        mode: cell(CONNECTION_MODE_INFO[c.mode]?.label ?? c.mode),
        policies: cellLines(words),
      }));
    const componentPolicies = rows.components
      .map((c) => ({ c, words: describePolicies(c.policies, labels) }))
      .filter(({ words }) => words.length > 0)
      .map(({ c, words }) => ({
        call: cell(labels.get(c.id) ?? ''),
        mode: cell(COMPONENT_CATALOGUE[c.kind]?.label ?? c.kind),
        policies: cellLines(words),
      }));
    const all = [...resilience, ...componentPolicies];
    const name = names[i] ?? `Diagram ${i + 1}`;
    const mermaid = opts.flowchart ? fenceBody(opts.flowchart(d, rows)) : '';
    out.push({
      name: headingText(name),
      mermaid,
      hasMermaid: mermaid !== '',
      failurePaths,
      hasFailurePaths: failurePaths.length > 0,
      resilience: all,
      hasResilience: all.length > 0,
    });
  });
  return out.filter((d) => d.hasMermaid || d.hasFailurePaths || d.hasResilience);
}

function flowVMs(bundle: CaseStudyBundle, labels: ReadonlyMap<Id, string>, opts: ViewModelOptions): FlowVM[] {
  const flows = byOrder(bundle.flows).filter((f) => f.steps.length > 0);
  const participants = new Map<Id, { label: string }>(
    [...bundle.components, ...bundle.boundaries].map((r) => [r.id, r]),
  );
  const connections = new Map(bundle.connections.map((c) => [c.id, c]));
  const names = uniqueNames(
    flows.map((f) => f.name),
    (i) => `Flow ${i + 1}`,
  );
  return flows.map((f, i) => {
    const steps = f.steps.map((s, j) => ({
      n: j + 1,
      from: inline(labels.get(s.fromId) ?? '?'),
      to: inline(labels.get(s.toId) ?? '?'),
      message: inline(s.message),
      failureNote: inline(s.failureNote),
    }));
    const failures = steps.filter((s) => s.failureNote !== '');
    const mermaid = opts.sequence ? fenceBody(opts.sequence(f, participants, connections)) : '';
    const isError = f.kind === 'error';
    return {
      name: headingText(names[i] ?? `Flow ${i + 1}`),
      kind: f.kind,
      kindLabel: isError ? 'error path' : 'happy path',
      isError,
      mermaid,
      hasMermaid: mermaid !== '',
      steps,
      failures,
      hasFailures: failures.length > 0,
    };
  });
}

function decisionVMs(
  bundle: CaseStudyBundle,
  labels: { components: ReadonlyMap<Id, string>; connections: ReadonlyMap<Id, string> },
  opts: ViewModelOptions,
): DecisionVM[] {
  const decisions = [...bundle.decisions].sort((a, b) => a.number - b.number);
  const ctx: TableContext = { components: bundle.components, decisions: bundle.decisions };
  const files = opts.adrFiles ?? adrFileNames(bundle.decisions);
  return decisions.map((d) => {
    const titles = uniqueNames(
      d.options.map((o) => o.title),
      (i) => `Option ${i + 1}`,
    );
    const chosenIndex = d.options.findIndex((o) => o.id === d.chosenOptionId);
    const chosen = chosenIndex >= 0 ? (titles[chosenIndex] ?? '') : '';
    const options = d.options.map((o, i) => ({
      title: inline(titles[i]),
      chosen: i === chosenIndex,
      prosCell: cellLines(o.pros),
      consCell: cellLines(o.cons),
    }));
    const governs = [
      ...d.componentIds.map((id) => labels.components.get(id)),
      ...d.connectionIds.map((id) => labels.connections.get(id)),
    ].filter((x): x is string => x !== undefined);
    const decisionTables = byOrder(
      bundle.tables.filter((t) => t.owner.type === 'decision' && t.owner.id === d.id),
    )
      .sort((a, b) => Number(b.kind === 'matrix') - Number(a.kind === 'matrix'))
      .map((t) => ({
        title: headingText(t.title.trim() || 'Table'),
        owner: formatDecisionNumber(d.number),
        markdown: tableMarkdown(t, ctx),
      }))
      .filter((t) => t.markdown !== '');
    const file = files.get(d.id) ?? '';
    const href = opts.adrDir !== undefined && file ? `${opts.adrDir}${file}` : '';
    const number = formatDecisionNumber(d.number);
    const title = d.title.trim() || 'Untitled decision';
    const tradeOffs = d.consequences.tradeOffs.filter((s) => s.trim() !== '');
    const drivers = d.drivers.filter((s) => s.trim() !== '');
    const alternatives = titles.filter((_, i) => i !== chosenIndex);
    return {
      number,
      title: headingText(title),
      status: inline(statusLabel(d, bundle.decisions)),
      superseded: d.status === 'superseded',
      date: inline(d.date),
      chosen: inline(chosen),
      chosenCell: orNone(inline(chosen)),
      drivers: drivers.map((text) => ({ text: inline(text) })),
      hasDrivers: drivers.length > 0,
      driversText: drivers.map((text) => inline(text)).join('; '),
      rationaleCell: orNone(cell(d.rationale)),
      rationale: block(d.rationale),
      context: block(d.context),
      options,
      hasOptions: options.length > 0,
      alternatives: inline(alternatives.join(', ')),
      alternativesCell: cellLines(alternatives),
      tradeOffs: tradeOffs.map((s) => ({ text: inline(s) })),
      hasTradeOffs: tradeOffs.length > 0,
      tradeOffsCell: cellLines(tradeOffs),
      governs: inline(governs.join(', ')),
      results: block(d.results.outcome),
      decisionTables,
      file,
      href,
      titleCell: href ? `[${cell(`${number}: ${title}`)}](${href})` : cell(`${number}: ${title}`),
    };
  });
}

function metricVMs(bundle: CaseStudyBundle): MetricVM[] {
  return byOrder(bundle.metrics).map((m, i) => {
    const phrase = phraseMetric(m);
    const name = m.name.trim() || `Metric ${i + 1}`;
    const value = (v: number | null) =>
      v === null || !Number.isFinite(v) ? NONE : cell(humanise(v, m.unit));
    return {
      name: cell(name),
      before: value(m.before),
      after: value(m.after),
      change: orNone(cell(phrase.summary)),
      period: orNone(cell(m.period)),
      howMeasured: orNone(cell(m.howMeasured)),
      phrase: inline(`${name}: ${phrase.values}`),
    };
  });
}

/** Everything the case-study templates fill, computed from a bundle. */
export function buildViewModel(
  bundle: CaseStudyBundle,
  opts: ViewModelOptions & { templateId?: TemplateId } = {},
): CaseStudyViewModel {
  const cs = bundle.caseStudy;
  const templateId =
    opts.templateId ?? (TEMPLATE_IDS.includes(cs.template) ? cs.template : 'case-study-guide');
  const labels = labelMaps(bundle);
  const tableCtx: TableContext = { components: bundle.components, decisions: bundle.decisions };

  const sections = {} as SectionsVM;
  for (const key of SECTION_KEYS) sections[key] = block(cs.sections[key]);

  const technologies = cs.technologies
    .map((t) => inline(t))
    .filter(Boolean)
    .join(', ');
  const links = cs.links
    .filter((l) => l.url.trim() !== '' || l.label.trim() !== '')
    .map((l) => ({ text: link(l.label, l.url) }));
  const role = inline(cs.role);
  const duration = inline(cs.duration);
  const teamSize = inline(cs.teamSize);

  const goals = cs.goals.filter((g) => g.text.trim() !== '').map((g) => ({ text: inline(g.text) }));
  const nonGoals = cs.nonGoals
    .filter((g) => g.text.trim() !== '')
    .map((g) => ({ text: inline(g.text), why: inline(g.why) }));

  const caseTables = byOrder(bundle.tables);
  const mainTechStack = caseTables.find((t) => t.kind === 'tech-stack' && t.owner.type === 'case-study');
  const techStack = mainTechStack
    ? techStackCells(mainTechStack, bundle.components)
    : derivedTechStack(bundle.components);
  const challenges = caseTables
    .filter((t) => t.kind === 'challenges' && t.owner.type !== 'decision')
    .flatMap(challengeCells);
  const tables = caseTables
    .filter(
      (t) =>
        t !== mainTechStack &&
        t.owner.type !== 'decision' &&
        t.kind !== 'challenges' &&
        !(t.kind === 'tech-stack' && t.owner.type === 'case-study'),
    )
    .map((t) => ({
      title: headingText(t.title.trim() || 'Table'),
      owner: inline(ownerLabel(t, bundle, labels.components)),
      markdown: tableMarkdown(t, tableCtx),
    }))
    .filter((t) => t.markdown !== '');

  const diagrams = diagramVMs(bundle, labels.components, opts);
  const flows = flowVMs(bundle, labels.components, opts);
  const decisions = decisionVMs(bundle, labels, opts);
  const tradeOffs = decisions.flatMap((d) =>
    d.superseded ? [] : d.tradeOffs.map((t) => ({ text: `${d.number}: ${t.text}` })),
  );
  const metrics = metricVMs(bundle);
  const failureModes: FailureModeVM[] = analyseFailureModes(bundle).map((r) => ({
    component: orNone(cell(r.component)),
    failure: orNone(cell(r.failure)),
    impact: orNone(cell(r.impact)),
    mitigation: orNone(cell(r.mitigation)),
    gap: orNone(cell(r.gap)),
  }));

  return {
    templateId,
    templateName: TEMPLATE_NAMES[templateId],
    title: headingText(cs.title.trim() || 'Untitled case study'),
    oneLiner: inline(cs.oneLiner),
    role,
    duration,
    teamSize,
    technologies,
    links,
    linksText: links.map((l) => l.text).join(' · '),
    hasLinks: links.length > 0,
    hasMeta: Boolean(role || duration || teamSize || technologies || links.length > 0),
    ...sections,
    hasNextSteps: sections.nextSteps !== '' || sections.futureApplications !== '',
    goals,
    hasGoals: goals.length > 0,
    nonGoals,
    hasNonGoals: nonGoals.length > 0,
    hasScope: goals.length > 0 || nonGoals.length > 0,
    techStack,
    hasTechStack: techStack.length > 0,
    diagrams,
    hasDiagrams: diagrams.length > 0,
    hasArchitecture: techStack.length > 0 || diagrams.length > 0,
    flows,
    hasFlows: flows.length > 0,
    hasErrorFlow: flows.some((f) => f.isError),
    challenges,
    hasChallenges: challenges.length > 0,
    failureModes,
    hasFailureModes: failureModes.length > 0,
    tables,
    hasTables: tables.length > 0,
    decisions,
    hasDecisions: decisions.length > 0,
    tradeOffs,
    hasTradeOffs: tradeOffs.length > 0,
    metrics,
    hasMetrics: metrics.length > 0,
  };
}
