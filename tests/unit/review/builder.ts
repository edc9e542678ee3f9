/**
 * Tiny bundles for the review tests, built with the model's factories:
 *
 *   const b = new BundleBuilder();
 *   const api = b.component('service', 'API');
 *   const q = b.component('queue', 'Orders');
 *   b.connect(api, q, { mode: 'async' });
 *   const findings = run(queueUnprotected, b.build());
 */
import {
  createBoundary,
  createCaseStudy,
  createComponent,
  createConnection,
  createDecision,
  createDiagram,
  createFlow,
  createFlowStep,
  createMetric,
  createOption,
  createTable,
  type Boundary,
  type BoundaryKind,
  type CaseStudy,
  type CaseStudyBundle,
  type Component,
  type ComponentKind,
  type Connection,
  type Decision,
  type Diagram,
  type Flow,
  type FlowStep,
  type Metric,
  type TradeOffTable,
} from '../../../src/lib/model';
import { buildContext, type Finding, type Rule } from '../../../src/lib/review';

type Node = Component | Boundary;

export class BundleBuilder {
  readonly caseStudy: CaseStudy;
  readonly diagrams: Diagram[] = [];
  readonly components: Component[] = [];
  readonly boundaries: Boundary[] = [];
  readonly connections: Connection[] = [];
  readonly decisions: Decision[] = [];
  readonly tables: TradeOffTable[] = [];
  readonly metrics: Metric[] = [];
  readonly flows: Flow[] = [];
  /** The diagram new nodes go on (the first one unless `onDiagram` is called). */
  current: Diagram;

  constructor(init: Partial<CaseStudy> = {}) {
    this.caseStudy = createCaseStudy(init);
    this.current = this.diagram('System');
  }

  get caseStudyId(): string {
    return this.caseStudy.id;
  }

  diagram(name: string): Diagram {
    const d = createDiagram({ caseStudyId: this.caseStudyId, name, order: this.diagrams.length });
    this.diagrams.push(d);
    return d;
  }

  onDiagram(d: Diagram): this {
    this.current = d;
    return this;
  }

  component(kind: ComponentKind, label: string, extra: Partial<Component> = {}): Component {
    const c = createComponent({
      caseStudyId: this.caseStudyId,
      diagramId: this.current.id,
      kind,
      label,
      ...extra,
    });
    this.components.push(c);
    return c;
  }

  boundary(kind: BoundaryKind, label: string, parent: Boundary | null = null): Boundary {
    const b = createBoundary({
      caseStudyId: this.caseStudyId,
      diagramId: this.current.id,
      kind,
      label,
      parentId: parent?.id ?? null,
    });
    this.boundaries.push(b);
    return b;
  }

  /** Put components (or boundaries) inside a boundary. */
  inside(parent: Boundary, ...nodes: Node[]): this {
    for (const n of nodes) n.parentId = parent.id;
    return this;
  }

  connect(source: Node, target: Node, extra: Partial<Connection> = {}): Connection {
    // Like the canvas: a connection into a dead letter queue is a failure path by default.
    const targetKind = 'technology' in target ? target.kind : undefined;
    const c = createConnection(
      {
        caseStudyId: this.caseStudyId,
        diagramId: source.diagramId,
        source: source.id,
        target: target.id,
        ...extra,
      },
      targetKind,
    );
    this.connections.push(c);
    return c;
  }

  /** A decision with the given number of titled options. */
  decision(extra: Partial<Decision> & { optionTitles?: string[] } = {}): Decision {
    const { optionTitles = [], ...rest } = extra;
    const d = createDecision({
      caseStudyId: this.caseStudyId,
      number: this.decisions.length + 1,
      options: optionTitles.map((title) => createOption({ title })),
      ...rest,
    });
    this.decisions.push(d);
    return d;
  }

  /** A decision that passes every decision rule. */
  goodDecision(extra: Partial<Decision> & { optionTitles?: string[] } = {}): Decision {
    return this.decision({
      title: 'PostgreSQL over MongoDB',
      status: 'accepted',
      date: '2024-03-12',
      optionTitles: ['PostgreSQL', 'MongoDB'],
      rationale: 'Transactions.',
      consequences: { positive: ['One transaction'], negative: [], tradeOffs: ['Vertical scaling limit'] },
      results: { outcome: 'No inconsistent orders.', date: '2024-06-30' },
      ...extra,
    });
  }

  metric(extra: Partial<Metric> = {}): Metric {
    const m = createMetric({ caseStudyId: this.caseStudyId, order: this.metrics.length, ...extra });
    this.metrics.push(m);
    return m;
  }

  /** A metric that passes every metric rule. */
  goodMetric(extra: Partial<Metric> = {}): Metric {
    return this.metric({
      name: 'p95 latency',
      before: 2500,
      after: 180,
      unit: 'ms',
      howMeasured: 'APM',
      ...extra,
    });
  }

  flow(kind: 'happy' | 'error', steps: [Node, Node, Connection?][], name = `${kind} flow`): Flow {
    const f = createFlow({
      caseStudyId: this.caseStudyId,
      diagramId: this.current.id,
      name,
      kind,
      order: this.flows.length,
      steps: steps.map(([from, to, via]): FlowStep =>
        createFlowStep({ fromId: from.id, toId: to.id, connectionId: via?.id ?? null }),
      ),
    });
    this.flows.push(f);
    return f;
  }

  table(
    kind: 'tech-stack',
    rows: { technology: string; why?: string; considered?: string }[],
  ): TradeOffTable {
    const t = createTable({ caseStudyId: this.caseStudyId, kind });
    const [layer, tech, why, considered] = t.columns;
    if (!layer || !tech || !why || !considered) throw new Error('tech-stack columns');
    t.rows = rows.map((r, i) => ({
      id: `row_${i}`,
      cells: {
        [layer.id]: '',
        [tech.id]: r.technology,
        [why.id]: r.why ?? '',
        [considered.id]: r.considered ?? '',
      },
    }));
    this.tables.push(t);
    return t;
  }

  build(): CaseStudyBundle {
    return {
      caseStudy: this.caseStudy,
      diagrams: this.diagrams,
      components: this.components,
      boundaries: this.boundaries,
      connections: this.connections,
      decisions: this.decisions,
      tables: this.tables,
      metrics: this.metrics,
      flows: this.flows,
    };
  }
}

/** Run one rule over a bundle. */
export function run(rule: Rule, bundle: CaseStudyBundle): Finding[] {
  return rule.check(bundle, buildContext(bundle));
}

/** Titles of one rule's findings, for table-driven expectations. */
export function titles(rule: Rule, bundle: CaseStudyBundle): string[] {
  return run(rule, bundle).map((f) => f.title);
}

export const RETRY = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2000, jitter: 'full' } as const;
export const NO_BACKOFF = { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0, jitter: 'none' } as const;
export const BREAKER = { failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenProbes: 1 } as const;
export const TIMEOUT = { ms: 2000 } as const;
