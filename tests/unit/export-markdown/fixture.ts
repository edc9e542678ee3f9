/**
 * The sample case study (tests/fixtures/sample-bundle.ts) completed for the document
 * exporters: every free-text section filled, a third diagram with the component and
 * boundary kinds the sample lacks (so every kind appears), a challenges table and a custom
 * table, and a third, still proposed decision with no option chosen.
 *
 * Mermaid comes from stubs that print labels only (never ids, which are random), so the
 * output is byte-stable for golden files.
 */
import {
  createBoundary,
  createComponent,
  createConnection,
  createDecision,
  createDiagram,
  createOption,
  createTable,
  newId,
  setClock,
  type CaseStudyBundle,
  type Component,
} from '../../../src/lib/model';
import type { MermaidRenderers } from '../../../src/lib/export/view-model';
import { SAMPLE_TIME, componentByLabel, sampleBundle } from '../../fixtures/sample-bundle';

export const stubRenderers: Required<MermaidRenderers> = {
  flowchart: (diagram, rows) => {
    const label = new Map(rows.components.map((c) => [c.id, c.label]));
    return [
      `flowchart ${diagram.direction}`,
      ...rows.connections.map(
        (c) =>
          `  %% ${label.get(c.source) ?? '?'} ${c.failurePath ? '-.->' : '-->'} ${label.get(c.target) ?? '?'}`,
      ),
    ].join('\n');
  },
  sequence: (flow, participants) =>
    [
      'sequenceDiagram',
      ...flow.steps.map(
        (s) =>
          `  %% ${participants.get(s.fromId)?.label ?? '?'} ${s.mode === 'sync' ? '->>' : '-)'} ${participants.get(s.toId)?.label ?? '?'}`,
      ),
    ].join('\n'),
};

export function richBundle(): CaseStudyBundle {
  const restore = setClock(() => SAMPLE_TIME);
  try {
    return enrich(sampleBundle());
  } finally {
    restore();
  }
}

function enrich(b: CaseStudyBundle): CaseStudyBundle {
  const caseStudyId = b.caseStudy.id;
  b.caseStudy.sections = {
    ...b.caseStudy.sections,
    overview:
      'A European shop whose checkout **timed out at peak**. This is how we made it fast and made sure a payment is never lost.',
    problem: 'Checkout called Stripe synchronously; at peak the call timed out and orders were lost.',
    solution: 'Take the order synchronously, capture the payment asynchronously through a queue.',
    impact: 'Faster checkout, higher conversion, and no payment lost since launch.',
    leadershipImpact:
      'Led the design review and mentored two engineers through their first on-call rotation.',
    tradeOffAnalysis:
      'We accepted **eventual consistency** of the payment status in exchange for a fast checkout.',
    keyFeatures:
      '- Idempotent payment capture\n- Dead letter queue with an alarm\n- Circuit breaker around Stripe',
    bestPractices: 'Every call across a network has a timeout; every retry has jitter.',
    lessonsLearned: 'Measure before you optimise: the database was never the bottleneck.',
    futureApplications: 'The same queue-and-DLQ pattern now carries refunds.',
    nextSteps: 'Move refunds onto the queue.',
    conclusion: 'Checkout is fast and safe, and the team owns its failure modes.',
  };

  const platform = createDiagram({ caseStudyId, name: 'Edge and search', direction: 'TB', order: 2 });
  const vpc = createBoundary({ caseStudyId, diagramId: platform.id, kind: 'vpc', label: 'Shop VPC' });
  const catalogue = createBoundary({
    caseStudyId,
    diagramId: platform.id,
    kind: 'bounded-context',
    label: 'Catalogue',
    parentId: vpc.id,
  });
  const bulkhead = createBoundary({
    caseStudyId,
    diagramId: platform.id,
    kind: 'failure-domain',
    label: 'Search bulkhead',
    parentId: catalogue.id,
  });
  const on = (kind: Component['kind'], label: string, extra: Partial<Component> = {}): Component =>
    createComponent({ caseStudyId, diagramId: platform.id, kind, label, ...extra });
  const cdn = on('cdn', 'CDN', {
    technology: 'CloudFront',
    why: 'Static assets at the edge',
    alternatives: 'Fastly',
  });
  const lb = on('load-balancer', 'Load balancer', { technology: 'AWS ALB', parentId: vpc.id });
  const idp = on('identity-provider', 'Sign-in', { technology: 'Auth0', alternatives: 'Cognito, Keycloak' });
  const thumbnails = on('function', 'Thumbnailer', { technology: 'AWS Lambda', parentId: catalogue.id });
  const images = on('object-storage', 'Product images', { technology: 'Amazon S3', parentId: catalogue.id });
  const search = on('search-index', 'Product search', {
    technology: 'OpenSearch 2',
    why: 'Faceted search | typo tolerance',
    alternatives: 'Algolia\nElasticsearch',
    parentId: bulkhead.id,
    policies: { bulkhead: { maxConcurrent: 20, maxQueue: 40 } },
  });
  const events = on('stream', 'Catalogue events', { technology: 'Kafka', parentId: catalogue.id });
  const link = (from: Component, to: Component, label: string, extra = {}) =>
    createConnection(
      { caseStudyId, diagramId: platform.id, source: from.id, target: to.id, label, ...extra },
      to.kind,
    );
  const connections = [
    link(cdn, lb, 'GET /search'),
    link(lb, search, 'query', {
      policies: { timeout: { ms: 800 }, fallback: { description: 'Show top sellers' } },
    }),
    link(lb, idp, 'OIDC'),
    link(images, thumbnails, 'object created', { mode: 'async' }),
    link(events, search, 'product.updated', { mode: 'stream' }),
  ];

  const challenges = createTable({ caseStudyId, kind: 'challenges', order: 2 });
  const [ch, hard, sol, trade] = challenges.columns;
  if (!ch || !hard || !sol || !trade) throw new Error('challenges table lost its columns');
  challenges.rows = [
    {
      id: newId('row'),
      cells: {
        [ch.id]: 'Duplicate charges on retry',
        [hard.id]: 'Stripe calls time out *after* charging',
        [sol.id]: 'Idempotency key = order id',
        [trade.id]: 'Keys kept for 24 h',
      },
    },
    {
      id: newId('row'),
      cells: {
        [ch.id]: 'Poison messages',
        [hard.id]: 'One bad payload blocked the queue',
        [sol.id]: 'DLQ after 5 deliveries | alarm on depth',
        [trade.id]: '',
      },
    },
  ];

  const ordersDb = componentByLabel(b, 'Orders DB');
  const custom = createTable({
    caseStudyId,
    kind: 'custom',
    title: 'Capacity plan',
    owner: { type: 'component', id: ordersDb.id },
    order: 3,
  });
  const [c1, c2] = custom.columns;
  if (!c1 || !c2) throw new Error('custom table lost its columns');
  custom.columns = [
    { id: c1.id, name: 'Year' },
    { id: c2.id, name: 'Orders per day' },
  ];
  custom.rows = [
    { id: newId('row'), cells: { [c1.id]: '2024', [c2.id]: '40,000' } },
    { id: newId('row'), cells: { [c1.id]: '2025', [c2.id]: '120,000' } },
  ];

  const refundsQueue = createDecision({
    caseStudyId,
    number: 3,
    title: 'Queue refunds like payments?',
    status: 'proposed',
    context: 'Refunds still call Stripe synchronously.',
    drivers: ['Reuse the payment pipeline'],
    options: [
      createOption({
        title: 'Reuse the payment queue',
        pros: ['No new infrastructure'],
        cons: ['Mixed priorities'],
      }),
      createOption({ title: 'A separate refunds queue', pros: ['Isolated failures'] }),
    ],
  });

  return {
    ...b,
    diagrams: [...b.diagrams, platform],
    boundaries: [...b.boundaries, vpc, catalogue, bulkhead],
    components: [...b.components, cdn, lb, idp, thumbnails, images, search, events],
    connections: [...b.connections, ...connections],
    tables: [...b.tables, challenges, custom],
    decisions: [...b.decisions, refundsQueue],
  };
}
