/**
 * Builds the starter diagram templates (`templates/diagrams/*.json`) with the model's
 * factories. The committed JSON files are the source of truth; this script only exists so
 * they can be regenerated after a deliberate change:
 *
 *   GENERATE_TEMPLATES=1 npx vitest run --project unit tests/unit/templates/generate.test.ts
 *
 * Output is deterministic: a fixed clock, and ids assigned here from readable slugs
 * (`cmp_tpl_web_redis`, `con_tpl_orders_queue_dlq`…) instead of random ones. The app never
 * stores these ids: importing a template rekeys every record.
 *
 * Geometry: components are 180×64; a child's position is relative to its parent boundary;
 * boundary sizes are computed from their children plus padding (room for the label at the
 * top); connection handles are chosen from the relative positions of their ends.
 */
import { serializeBackup } from '../../src/lib/model/backup';
import {
  createBoundary,
  createCaseStudy,
  createComponent,
  createConnection,
  createDecision,
  createDiagram,
  createFlow,
  createFlowStep,
  createOption,
  setClock,
} from '../../src/lib/model/factories';
import { ID_PREFIXES, type IdKind } from '../../src/lib/model/ids';
import { TEMPLATE_FILES, type TemplateFile } from '../../src/lib/model/templates';
import type {
  Boundary,
  BoundaryKind,
  CaseStudy,
  CaseStudyBundle,
  Component,
  ComponentKind,
  Connection,
  ConnectionMode,
  Decision,
  DecisionConsequences,
  Diagram,
  Flow,
  FlowKind,
  ResiliencePolicies,
  XY,
} from '../../src/lib/model/types';

/** 2025-01-06T09:00:00.000Z: every record's createdAt/updatedAt, and the files' exportedAt. */
export const TEMPLATE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

/** The size the canvas gives a component node. */
export const NODE_SIZE = { width: 180, height: 64 } as const;
/** Room inside a boundary around its children (top leaves space for the label). */
export const BOUNDARY_PADDING = { left: 20, top: 40, right: 20, bottom: 20 } as const;

type Handle = 'top' | 'right' | 'bottom' | 'left';

interface ComponentInit {
  parent?: Boundary;
  technology?: string;
  why?: string;
  alternatives?: string;
  notes?: string;
  policies?: ResiliencePolicies;
}

interface ConnectionInit {
  mode?: ConnectionMode;
  failurePath?: boolean;
  policies?: ResiliencePolicies;
  notes?: string;
  /** Override the handles chosen from the ends' positions. */
  handles?: [Handle, Handle];
}

interface OptionInit {
  slug: string;
  title: string;
  description: string;
  pros: string[];
  cons: string[];
}

interface DecisionInit {
  title: string;
  context: string;
  drivers: string[];
  options: OptionInit[];
  /** Slug of the chosen option. */
  chosen: string;
  rationale: string;
  consequences: DecisionConsequences;
  implementationPlan: string;
  components: Component[];
  connections: Connection[];
}

type StepInit = [Connection, { message?: string; failureNote?: string }?];

/** Builds one template's bundle, naming every id `<prefix>_tpl_<key>_<slug>`. */
class TemplateBuilder {
  readonly caseStudy: CaseStudy;
  private readonly diagrams: Diagram[] = [];
  private readonly components: Component[] = [];
  private readonly boundaries: Boundary[] = [];
  private readonly connections: Connection[] = [];
  private readonly decisions: Decision[] = [];
  private readonly flows: Flow[] = [];
  private readonly handleOverrides = new Map<string, [Handle, Handle]>();
  private readonly used = new Set<string>();
  private diagram: Diagram | null = null;

  constructor(
    private readonly key: string,
    init: Omit<Partial<CaseStudy>, 'goals' | 'nonGoals'> & {
      goals?: string[];
      nonGoals?: { text: string; why: string }[];
    },
  ) {
    const { goals = [], nonGoals = [], ...rest } = init;
    this.caseStudy = createCaseStudy({
      ...rest,
      id: this.id('caseStudy', 'case_study'),
      goals: goals.map((text, i) => ({ id: this.id('goal', String(i + 1)), text })),
      nonGoals: nonGoals.map((g, i) => ({ id: this.id('nonGoal', String(i + 1)), ...g })),
    });
  }

  /** `cmp_tpl_web_redis`; throws on a repeated id or a slug the schemas would reject. */
  private id(kind: IdKind, slug: string): string {
    const id = `${ID_PREFIXES[kind]}_tpl_${this.key}_${slug}`;
    if (!/^[a-z]+_[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Bad template id ${id}`);
    if (this.used.has(id)) throw new Error(`Template id used twice: ${id}`);
    this.used.add(id);
    return id;
  }

  private get where(): { caseStudyId: string; diagramId: string } {
    if (!this.diagram) throw new Error('Add a diagram first');
    return { caseStudyId: this.caseStudy.id, diagramId: this.diagram.id };
  }

  addDiagram(slug: string, name: string): Diagram {
    const diagram = createDiagram({
      id: this.id('diagram', slug),
      caseStudyId: this.caseStudy.id,
      name,
      direction: 'LR',
      order: this.diagrams.length,
    });
    this.diagrams.push(diagram);
    this.diagram = diagram;
    return diagram;
  }

  /** A boundary; its size is computed from its children in `build()`. Add parents first. */
  boundary(
    slug: string,
    kind: BoundaryKind,
    label: string,
    at: XY,
    init: { parent?: Boundary; notes?: string } = {},
  ): Boundary {
    const b = createBoundary({
      ...this.where,
      id: this.id('boundary', slug),
      kind,
      label,
      notes: init.notes ?? '',
      parentId: init.parent?.id ?? null,
      position: { ...at },
    });
    this.boundaries.push(b);
    return b;
  }

  component(slug: string, kind: ComponentKind, label: string, at: XY, init: ComponentInit = {}): Component {
    const { parent, ...fields } = init;
    const c = createComponent({
      ...this.where,
      ...fields,
      id: this.id('component', slug),
      kind,
      label,
      parentId: parent?.id ?? null,
      position: { ...at },
    });
    this.components.push(c);
    return c;
  }

  connect(
    slug: string,
    from: Component,
    to: Component,
    label: string,
    init: ConnectionInit = {},
  ): Connection {
    const { handles, ...fields } = init;
    const c = createConnection(
      { ...this.where, ...fields, id: this.id('connection', slug), source: from.id, target: to.id, label },
      to.kind,
    );
    if (handles) this.handleOverrides.set(c.id, handles);
    this.connections.push(c);
    return c;
  }

  decide(slug: string, init: DecisionInit): Decision {
    const options = init.options.map(({ slug: optionSlug, ...o }) =>
      createOption({ id: this.id('option', `${slug}_${optionSlug}`), ...o }),
    );
    const chosen = options[init.options.findIndex((o) => o.slug === init.chosen)];
    if (!chosen) throw new Error(`Decision ${slug}: no option "${init.chosen}"`);
    const d = createDecision({
      id: this.id('decision', slug),
      caseStudyId: this.caseStudy.id,
      number: this.decisions.length + 1,
      title: init.title,
      status: 'accepted',
      deciders: ['Tech lead', 'Staff engineer'],
      context: init.context,
      drivers: init.drivers,
      options,
      chosenOptionId: chosen.id,
      rationale: init.rationale,
      consequences: init.consequences,
      implementationPlan: init.implementationPlan,
      componentIds: init.components.map((c) => c.id),
      connectionIds: init.connections.map((c) => c.id),
    });
    this.decisions.push(d);
    return d;
  }

  flow(slug: string, name: string, kind: FlowKind, steps: StepInit[]): Flow {
    const f = createFlow({
      ...this.where,
      id: this.id('flow', slug),
      name,
      kind,
      order: this.flows.filter((x) => x.diagramId === this.where.diagramId).length,
      steps: steps.map(([via, extra = {}], i) =>
        createFlowStep({
          id: this.id('step', `${slug}_${i + 1}`),
          fromId: via.source,
          toId: via.target,
          message: extra.message ?? via.label,
          mode: via.mode === 'sync' ? 'sync' : 'async',
          failureNote: extra.failureNote ?? '',
          connectionId: via.id,
        }),
      ),
    });
    this.flows.push(f);
    return f;
  }

  /** Size boundaries around their children, pick handles, and return the bundle. */
  build(): CaseStudyBundle {
    this.fitBoundaries();
    this.pickHandles();
    return {
      caseStudy: this.caseStudy,
      diagrams: this.diagrams,
      components: this.components,
      boundaries: this.boundaries,
      connections: this.connections,
      decisions: this.decisions,
      tables: [],
      metrics: [],
      flows: this.flows,
    };
  }

  private fitBoundaries(): void {
    // Children are always added after their parent, so the reverse order sizes inner ones first.
    for (const b of [...this.boundaries].reverse()) {
      const children = [
        ...this.components
          .filter((c) => c.parentId === b.id)
          .map((c) => ({ at: c.position, size: NODE_SIZE })),
        ...this.boundaries.filter((x) => x.parentId === b.id).map((x) => ({ at: x.position, size: x.size })),
      ];
      if (children.length === 0) throw new Error(`Boundary ${b.id} is empty`);
      for (const { at } of children) {
        if (at.x < BOUNDARY_PADDING.left || at.y < BOUNDARY_PADDING.top) {
          throw new Error(`A child of ${b.id} is in its padding at (${at.x}, ${at.y})`);
        }
      }
      b.size = {
        width: Math.max(...children.map(({ at, size }) => at.x + size.width)) + BOUNDARY_PADDING.right,
        height: Math.max(...children.map(({ at, size }) => at.y + size.height)) + BOUNDARY_PADDING.bottom,
      };
    }
  }

  /** Absolute centre of a component or boundary. */
  private centre(id: string): XY {
    const boundaries = new Map(this.boundaries.map((b) => [b.id, b]));
    const node: Component | Boundary | undefined =
      this.components.find((c) => c.id === id) ?? boundaries.get(id);
    if (!node) throw new Error(`No node ${id}`);
    const size = 'size' in node ? node.size : NODE_SIZE;
    let x = node.position.x + size.width / 2;
    let y = node.position.y + size.height / 2;
    for (let p = node.parentId ? boundaries.get(node.parentId) : undefined; p;) {
      x += p.position.x;
      y += p.position.y;
      p = p.parentId ? boundaries.get(p.parentId) : undefined;
    }
    return { x, y };
  }

  /** Left-to-right edges leave on the right and arrive on the left; steep ones use top/bottom. */
  private pickHandles(): void {
    for (const c of this.connections) {
      const override = this.handleOverrides.get(c.id);
      let pair: [Handle, Handle];
      if (override) pair = override;
      else {
        const a = this.centre(c.source);
        const b = this.centre(c.target);
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        if (Math.abs(dx) >= Math.abs(dy)) pair = dx >= 0 ? ['right', 'left'] : ['left', 'right'];
        else pair = dy >= 0 ? ['bottom', 'top'] : ['top', 'bottom'];
      }
      c.sourceHandle = pair[0];
      c.targetHandle = pair[1];
    }
  }
}

// ---------------------------------------------------------------------------
// Shared policy values.
// ---------------------------------------------------------------------------

const breaker = (failureThreshold: number, resetTimeoutMs: number, halfOpenProbes = 1) => ({
  failureThreshold,
  resetTimeoutMs,
  halfOpenProbes,
});
const retry = (
  maxAttempts: number,
  baseDelayMs: number,
  maxDelayMs: number,
  jitter: 'full' | 'equal' | 'decorrelated' | 'none' = 'full',
) => ({ maxAttempts, baseDelayMs, maxDelayMs, jitter });

function meta(id: string): TemplateFile {
  const entry = TEMPLATE_FILES.find((t) => t.id === id);
  if (!entry) throw new Error(`No template "${id}" in TEMPLATE_FILES`);
  return entry;
}

// ---------------------------------------------------------------------------
// 1. Web app with cache and read replica.
// ---------------------------------------------------------------------------

function webAppCacheReadReplica(): CaseStudyBundle {
  const t = new TemplateBuilder('web', {
    title: meta('web-app-cache-read-replica').title,
    oneLiner:
      'Serve product pages in under 100 ms and keep serving them when the cache or a database node fails',
    technologies: ['React 18', 'Amazon CloudFront', 'AWS ALB', 'Node.js 20', 'Redis 7', 'PostgreSQL 15'],
    sections: {
      overview:
        'A read-heavy web app: the CDN answers most page loads, the API answers the rest from a Redis ' +
        'cache (cache-aside) and goes to a PostgreSQL read replica on a miss. API instances run in two ' +
        'availability zones behind a load balancer. When Redis is down the API reads from the replica; ' +
        'when the replica lags or fails it reads from the primary, rate-limited.',
    },
    goals: [
      'p95 product page read under 100 ms at peak',
      'No outage when Redis or one availability zone fails',
    ],
    nonGoals: [
      {
        text: 'Multi-region active-active',
        why: 'One region meets the 99.9% target; cross-region replication would double the cost',
      },
    ],
  });
  t.addDiagram('read_path', 'Read path');

  const browser = t.component(
    'browser',
    'client',
    'Browser',
    { x: 0, y: 250 },
    { technology: 'React 18 SPA' },
  );
  const cdn = t.component(
    'cdn',
    'cdn',
    'CDN',
    { x: 240, y: 250 },
    {
      technology: 'Amazon CloudFront',
      why: 'Caches public product pages and assets at the edge, so traffic spikes mostly never reach the origin.',
      alternatives: 'Fastly, Cloudflare; no CDN (origin serves everything)',
      notes: 'Product pages cached for 60 s with stale-while-revalidate.',
    },
  );
  const region = t.boundary('region', 'region', 'eu-west-1', { x: 480, y: 0 });
  const lb = t.component(
    'lb',
    'load-balancer',
    'Load balancer',
    { x: 20, y: 250 },
    {
      parent: region,
      technology: 'AWS Application Load Balancer',
      why: 'Health-checks the API in both zones and stops routing to a failed instance within 30 s.',
      alternatives: 'NGINX on EC2, AWS Network Load Balancer',
    },
  );
  const redis = t.component(
    'redis',
    'cache',
    'Redis cache',
    { x: 540, y: 40 },
    {
      parent: region,
      technology: 'Redis 7 (Amazon ElastiCache, Multi-AZ)',
      why: 'Cache-aside for product reads: 1 ms hits take about 80% of reads off PostgreSQL.',
      alternatives:
        'Memcached (no replication), in-process LRU cache (not shared), a bigger database instance',
      notes: 'Keys product:{id}; TTL 5 min; DEL on every write.',
    },
  );
  const zoneA = t.boundary('az_a', 'availability-zone', 'eu-west-1a', { x: 260, y: 140 }, { parent: region });
  const apiWhy = 'Stateless, so any instance in either zone can serve any request.';
  const apiAlternatives = 'Django, Spring Boot; AWS Lambda';
  const apiPolicies: ResiliencePolicies = { bulkhead: { maxConcurrent: 20, maxQueue: 50 } };
  const apiA = t.component(
    'api_a',
    'service',
    'API (eu-west-1a)',
    { x: 20, y: 40 },
    {
      parent: zoneA,
      technology: 'Node.js 20 (Fastify) on Amazon ECS',
      why: apiWhy,
      alternatives: apiAlternatives,
      notes: 'Database pool of 20 connections per instance (bulkhead).',
      policies: apiPolicies,
    },
  );
  const primary = t.component(
    'primary',
    'database',
    'PostgreSQL primary',
    { x: 540, y: 40 },
    {
      parent: zoneA,
      technology: 'PostgreSQL 15 (Amazon RDS)',
      why: 'Relational data with transactions, and the team already runs it.',
      alternatives: 'MySQL 8, Amazon Aurora PostgreSQL, MongoDB',
      notes: 'All writes go here; reads only as a fallback.',
    },
  );
  const zoneB = t.boundary('az_b', 'availability-zone', 'eu-west-1b', { x: 260, y: 300 }, { parent: region });
  const apiB = t.component(
    'api_b',
    'service',
    'API (eu-west-1b)',
    { x: 20, y: 40 },
    {
      parent: zoneB,
      technology: 'Node.js 20 (Fastify) on Amazon ECS',
      why: apiWhy,
      alternatives: apiAlternatives,
      notes: 'Database pool of 20 connections per instance (bulkhead).',
      policies: apiPolicies,
    },
  );
  const replica = t.component(
    'replica',
    'database',
    'PostgreSQL read replica',
    { x: 540, y: 40 },
    {
      parent: zoneB,
      technology: 'PostgreSQL 15 (RDS read replica)',
      why: 'Takes cache-miss reads off the primary, in the other zone; can be promoted if zone a fails.',
      alternatives: 'Scale the primary vertically; Aurora reader endpoint',
      notes: 'Alarm when ReplicaLag > 2 s.',
    },
  );

  const toCdn = t.connect('browser_cdn', browser, cdn, 'GET /products/42', {
    policies: { timeout: { ms: 10_000 } },
  });
  const toLb = t.connect('cdn_lb', cdn, lb, 'origin fetch on CDN miss', {
    policies: { timeout: { ms: 5000 } },
    notes: 'CloudFront tries the origin connection up to 3 times.',
  });
  const lbPolicies: ResiliencePolicies = { timeout: { ms: 5000 } };
  const toApiA = t.connect('lb_api_a', lb, apiA, 'GET /api/products/42', { policies: lbPolicies });
  t.connect('lb_api_b', lb, apiB, 'GET /api/products/42', { policies: lbPolicies });
  const cachePolicies: ResiliencePolicies = {
    timeout: { ms: 50 },
    circuitBreaker: breaker(5, 10_000),
    fallback: {
      description: 'Redis down or breaker open: read from the read replica and skip the cache fill',
    },
  };
  const cacheA = t.connect('api_a_redis', apiA, redis, 'GET product:42', { policies: cachePolicies });
  const cacheB = t.connect('api_b_redis', apiB, redis, 'GET product:42', { policies: cachePolicies });
  const replicaPolicies: ResiliencePolicies = {
    timeout: { ms: 300 },
    retry: retry(2, 50, 200),
    fallback: { description: 'Replica lag over 2 s or replica down: read from the primary' },
  };
  const readA = t.connect('api_a_replica', apiA, replica, 'SELECT on cache miss', {
    policies: replicaPolicies,
  });
  const readB = t.connect('api_b_replica', apiB, replica, 'SELECT on cache miss', {
    policies: replicaPolicies,
  });
  const fallbackPolicies: ResiliencePolicies = {
    timeout: { ms: 500 },
    rateLimit: { requestsPerSecond: 200, burst: 50 },
  };
  const fallbackNote =
    'Only when the replica lags or is down; rate-limited so a fallback storm cannot sink the primary.';
  const fallbackA = t.connect('api_a_primary', apiA, primary, 'fallback read (replica lagging)', {
    failurePath: true,
    policies: fallbackPolicies,
    notes: fallbackNote,
  });
  const fallbackB = t.connect('api_b_primary', apiB, primary, 'fallback read (replica lagging)', {
    failurePath: true,
    policies: fallbackPolicies,
    notes: fallbackNote,
  });
  t.connect('primary_replica', primary, replica, 'WAL streaming replication', {
    mode: 'stream',
    notes: 'Asynchronous: the replica can fall behind under heavy writes.',
  });

  t.decide('cache_aside', {
    title: 'Cache-aside with Redis in front of PostgreSQL',
    context:
      'Product pages are read about 50 times more often than they change. At peak the primary ran at 85% CPU ' +
      'and p95 reads took 400 ms.',
    drivers: [
      'p95 read latency under 100 ms',
      'Primary below 60% CPU at peak',
      'A cache outage must not become an outage',
    ],
    options: [
      {
        slug: 'cache_aside',
        title: 'Cache-aside with Redis',
        description: 'The API reads Redis first, reads the database on a miss and fills the cache.',
        pros: [
          '1 ms hits; 80%+ hit rate expected',
          'A cache failure only costs latency',
          'The app decides what to cache',
        ],
        cons: [
          'Stale reads until TTL or invalidation',
          'A cold cache sends a burst of reads to the database',
        ],
      },
      {
        slug: 'write_through',
        title: 'Write-through cache',
        description: 'Every write updates the cache and the database together.',
        pros: ['Cache always warm for written keys'],
        cons: ['Every write pays the cache round trip', 'A cache outage blocks writes'],
      },
      {
        slug: 'bigger_db',
        title: 'Bigger database instance',
        description: 'Scale the primary vertically and add no cache.',
        pros: ['No new moving part'],
        cons: ['Cost grows with reads', 'Barely helps tail latency'],
      },
    ],
    chosen: 'cache_aside',
    rationale:
      'The cheapest way to take most reads off the primary while PostgreSQL stays the source of truth; ' +
      'with a short timeout and a breaker, a Redis outage only makes reads slower.',
    consequences: {
      positive: ['Primary CPU falls with the hit rate', 'p95 reads bounded by Redis, not PostgreSQL'],
      negative: ['Invalidation code on every write path'],
      tradeOffs: ['Up to 5 minutes of stale product data if an invalidation is lost'],
    },
    implementationPlan:
      'Cache product reads behind a feature flag; warm the top 10,000 products on deploy; dashboards for hit ' +
      'rate and breaker state.',
    components: [redis, apiA, apiB],
    connections: [cacheA, cacheB],
  });
  t.decide('read_replica', {
    title: 'Read replica for cache misses, primary as the fallback',
    context:
      'Cache misses and cache outages would otherwise all land on the primary, which also takes every write.',
    drivers: ['Protect write capacity on the primary', 'Survive the loss of one availability zone'],
    options: [
      {
        slug: 'replica',
        title: 'Read replica in the other zone',
        description: 'Misses read the replica; the primary only serves reads when the replica lags or fails.',
        pros: ['Reads and writes scale apart', 'Promotable standby in another zone'],
        cons: ['Replication lag: reads can be stale', 'One more instance to pay for'],
      },
      {
        slug: 'primary_only',
        title: 'All reads on the primary',
        description: 'Keep one database and let the cache absorb reads.',
        pros: ['No lag, simplest setup'],
        cons: ['A cache outage sends every read to the primary'],
      },
      {
        slug: 'aurora',
        title: 'Aurora with a reader endpoint',
        description: 'Move to Amazon Aurora PostgreSQL with auto-scaled readers.',
        pros: ['Lower lag, fast failover'],
        cons: ['Migration effort', 'Higher I/O cost'],
      },
    ],
    chosen: 'replica',
    rationale: 'Keeps the primary for writes, and a lagging replica has a defined, rate-limited fallback.',
    consequences: {
      positive: ['Cache outages no longer threaten writes'],
      negative: ['Lag must be monitored and alarmed'],
      tradeOffs: ['Reads may be up to 2 s stale'],
    },
    implementationPlan: 'Create the replica in eu-west-1b; route misses to it; alarm on ReplicaLag > 2 s.',
    components: [primary, replica],
    connections: [readA, readB, fallbackA, fallbackB],
  });

  t.flow('happy', 'Product page read (cache hit)', 'happy', [
    [toCdn],
    [toLb],
    [toApiA],
    [cacheA, { message: 'GET product:42 (hit)' }],
  ]);
  t.flow('error', 'Redis down and the replica lagging', 'error', [
    [toCdn],
    [toLb],
    [toApiA],
    [
      cacheA,
      { failureNote: 'Times out after 50 ms; after 5 failures the breaker opens and calls skip Redis' },
    ],
    [readA, { failureNote: 'Replica lag is 8 s, over the 2 s limit' }],
    [fallbackA, { failureNote: 'Served from the primary, rate-limited to 200 requests/s' }],
  ]);
  return t.build();
}

// ---------------------------------------------------------------------------
// 2. Order processing with queue, workers, retry and DLQ.
// ---------------------------------------------------------------------------

function orderProcessingQueueDlq(): CaseStudyBundle {
  const t = new TemplateBuilder('orders', {
    title: meta('order-processing-queue-dlq').title,
    oneLiner: 'Accept every order in 30 ms, even on sale days, and never lose one to a failing dependency',
    technologies: ['Next.js 14', 'Node.js 20', 'Amazon SQS', 'PostgreSQL 15', 'SendGrid', 'PagerDuty'],
    sections: {
      overview:
        'The Orders API validates an order, puts it on an SQS queue and answers 202 Accepted. A worker pool, ' +
        'isolated as a bulkhead, writes the order to PostgreSQL (idempotently) and sends the confirmation ' +
        'e-mail, retrying with exponential backoff and full jitter. A message that fails 5 deliveries moves to ' +
        'a dead letter queue, which pages on-call and can be re-driven after a fix.',
    },
    goals: [
      'Accept orders at 10× normal traffic',
      'No order lost when the database or e-mail provider fails',
    ],
    nonGoals: [
      { text: 'Exactly-once delivery', why: 'At-least-once plus idempotent writes is simpler and enough' },
    ],
  });
  t.addDiagram('pipeline', 'Order pipeline');

  const shop = t.component('shop', 'client', 'Shop frontend', { x: 0, y: 140 }, { technology: 'Next.js 14' });
  const region = t.boundary('region', 'region', 'us-east-1', { x: 240, y: 0 });
  const api = t.component(
    'api',
    'service',
    'Orders API',
    { x: 20, y: 140 },
    {
      parent: region,
      technology: 'Node.js 20 (Fastify) on Amazon ECS',
      why: 'Validates and enqueues, answering 202 Accepted in ~30 ms instead of waiting for the database and e-mail.',
      alternatives: 'Process the order inside the request; AWS Lambda behind API Gateway',
      policies: {
        rateLimit: { requestsPerSecond: 500, burst: 100 },
        idempotency: { keySource: 'Idempotency-Key header' },
      },
    },
  );
  const queue = t.component(
    'queue',
    'queue',
    'Orders queue',
    { x: 260, y: 140 },
    {
      parent: region,
      technology: 'Amazon SQS (standard)',
      why: 'Absorbs 10× spikes so workers drain at their own pace; the redrive policy gives a DLQ for free.',
      alternatives: 'RabbitMQ, Apache Kafka, a PostgreSQL job table (pg-boss)',
      notes: 'Visibility timeout 60 s (6× the worker p99). Redrive after 5 receives.',
    },
  );
  const pool = t.boundary(
    'worker_pool',
    'failure-domain',
    'Worker pool (bulkhead)',
    { x: 500, y: 100 },
    {
      parent: region,
      notes: 'Own tasks, connection pool and scaling policy: a slow dependency here cannot starve the API.',
    },
  );
  const worker = t.component(
    'worker',
    'worker',
    'Order worker',
    { x: 20, y: 40 },
    {
      parent: pool,
      technology: 'Node.js 20 on AWS Fargate (4–20 tasks)',
      why: 'Scales on queue depth, apart from the API; failures are retried without the customer waiting.',
      alternatives: 'AWS Lambda with an SQS trigger; a cron job polling the database',
      policies: {
        retry: retry(3, 200, 5000, 'full'),
        bulkhead: { maxConcurrent: 10, maxQueue: 0 },
      },
    },
  );
  const db = t.component(
    'db',
    'database',
    'Orders DB',
    { x: 780, y: 40 },
    {
      parent: region,
      technology: 'PostgreSQL 15 (Amazon RDS)',
      why: 'Order, lines and payment change in one transaction; a unique order_id makes redelivered messages harmless.',
      alternatives: 'DynamoDB with conditional writes, MongoDB',
    },
  );
  const dlq = t.component(
    'dlq',
    'dead-letter-queue',
    'Orders DLQ',
    { x: 500, y: 320 },
    {
      parent: region,
      technology: 'Amazon SQS',
      why: 'A poison message stops blocking the queue and waits 14 days for a fix instead of being lost.',
      alternatives: 'Drop after N attempts and log it; park failed orders in a database table',
      notes: 'Alarm when ApproximateNumberOfMessagesVisible > 0.',
    },
  );
  const redrive = t.component(
    'redrive',
    'function',
    'DLQ re-drive',
    { x: 260, y: 320 },
    {
      parent: region,
      technology: 'AWS Lambda (SQS StartMessageMoveTask)',
      why: 'After a fix ships, moves dead-lettered orders back to the main queue at a capped rate.',
      alternatives: 'Manual re-drive in the SQS console; replay from the database',
      policies: { rateLimit: { requestsPerSecond: 20, burst: 20 } },
    },
  );
  // Both name the DLQ: the queue's redrive policy moves the message; the worker gives up on it.
  queue.policies = { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } };
  worker.policies = { ...worker.policies, deadLetter: { targetId: dlq.id, maxDeliveries: 5 } };

  const vendors = t.boundary(
    'third_parties',
    'trust-boundary',
    'Third parties',
    { x: 1280, y: 100 },
    {
      notes: 'Outside our control: every call has a timeout, and no order waits on them.',
    },
  );
  const email = t.component(
    'email',
    'external-service',
    'E-mail provider',
    { x: 20, y: 40 },
    {
      parent: vendors,
      technology: 'SendGrid',
      why: 'Deliverability and bounce handling we would not build ourselves.',
      alternatives: 'Amazon SES, Postmark',
    },
  );
  const pager = t.component(
    'pager',
    'external-service',
    'On-call paging',
    { x: 20, y: 260 },
    { parent: vendors, technology: 'PagerDuty (via CloudWatch alarm)' },
  );

  const toApi = t.connect('shop_api', shop, api, 'POST /orders', {
    policies: {
      timeout: { ms: 5000 },
      retry: retry(3, 300, 3000, 'full'),
      idempotency: { keySource: 'Idempotency-Key header (one per checkout attempt)' },
    },
  });
  const enqueue = t.connect('api_queue', api, queue, 'order.created', {
    mode: 'async',
    policies: { timeout: { ms: 1000 }, retry: retry(3, 50, 500, 'full') },
  });
  const consume = t.connect('queue_worker', queue, worker, 'order.created (long poll, batches of 10)', {
    mode: 'async',
  });
  const insert = t.connect('worker_db', worker, db, 'INSERT order … ON CONFLICT (order_id) DO NOTHING', {
    policies: { timeout: { ms: 2000 }, idempotency: { keySource: 'order_id (unique constraint)' } },
  });
  const sendEmail = t.connect('worker_email', worker, email, 'POST /v3/mail/send', {
    policies: {
      timeout: { ms: 5000 },
      retry: retry(4, 500, 10_000, 'decorrelated'),
      circuitBreaker: breaker(10, 60_000, 2),
      fallback: {
        description: 'Breaker open: leave the message on the queue and send the e-mail on a later delivery',
      },
      idempotency: { keySource: 'order_id as the message custom argument' },
    },
  });
  const toDlq = t.connect('queue_dlq', queue, dlq, 'after 5 failed deliveries', {
    mode: 'async',
    failurePath: true,
  });
  const page = t.connect('dlq_pager', dlq, pager, 'DLQ depth > 0 alarm', {
    mode: 'async',
    failurePath: true,
  });
  const inspect = t.connect('dlq_redrive', dlq, redrive, 'inspect, then re-drive after a fix', {
    mode: 'async',
    failurePath: true,
  });
  const replay = t.connect('redrive_queue', redrive, queue, 'move messages back (20/s)', {
    mode: 'async',
    failurePath: true,
  });

  t.decide('queue', {
    title: 'Accept orders onto a queue instead of processing them in the request',
    context:
      'On sale days traffic reaches 10× normal. Processing inline made checkout as slow as the slowest ' +
      'dependency, and a database failover lost the orders in flight.',
    drivers: [
      'Fast, predictable response to the shop',
      'No lost orders during dependency failures',
      'Scale workers apart from the API',
    ],
    options: [
      {
        slug: 'inline',
        title: 'Process in the request',
        description: 'The API writes the order and sends the e-mail before answering.',
        pros: ['Simplest; the customer sees the final result'],
        cons: ['Latency and availability of every dependency add up', 'Spikes hit the database directly'],
      },
      {
        slug: 'sqs',
        title: 'SQS queue and a worker pool',
        description: 'The API enqueues and answers 202; workers process at their own pace.',
        pros: [
          'Absorbs spikes',
          'Managed, with a built-in dead letter queue',
          'Workers scale on queue depth',
        ],
        cons: [
          'At-least-once delivery: handlers must be idempotent',
          'Order status is eventually consistent',
        ],
      },
      {
        slug: 'kafka',
        title: 'Kafka topic',
        description: 'Publish order events to a Kafka topic consumed by a worker group.',
        pros: ['Replayable history', 'Many consumers can read the same events'],
        cons: ['Cluster to run', 'No per-message DLQ: we would build one'],
      },
    ],
    chosen: 'sqs',
    rationale:
      'Gives the buffering and the DLQ we need with no cluster to operate; idempotent writes make redelivery safe.',
    consequences: {
      positive: ['API p95 independent of the database and e-mail provider'],
      negative: ['The shop must poll or be notified of the final order status'],
      tradeOffs: ['At-least-once delivery accepted; duplicates removed by order_id'],
    },
    implementationPlan:
      'Add the queue and worker behind a flag; dual-run for a week; then remove the inline path.',
    components: [api, queue, worker],
    connections: [enqueue, consume],
  });
  t.decide('retry_dlq', {
    title: 'Retry with backoff and full jitter, dead-letter after 5 deliveries',
    context:
      'Transient failures (e-mail 5xx, database failover) must not lose orders; poison messages must not block the rest.',
    drivers: [
      'Recover from transient failures without help',
      'Bounded work per bad message',
      'Humans see what could not be processed',
    ],
    options: [
      {
        slug: 'forever',
        title: 'Retry forever',
        description: 'Keep the message on the queue until it succeeds.',
        pros: ['Nothing is ever set aside'],
        cons: ['A poison message is retried forever and hides real failures'],
      },
      {
        slug: 'backoff_dlq',
        title: 'Backoff with full jitter, then a DLQ',
        description:
          '3 in-process attempts per delivery, 5 deliveries, then the dead letter queue with an alarm.',
        pros: [
          'Transient failures heal on their own',
          'Jitter avoids synchronised retry storms',
          'Failures are visible and re-drivable',
        ],
        cons: ['A DLQ needs an owner and a runbook'],
      },
      {
        slug: 'drop',
        title: 'Fail fast and log',
        description: 'Give up after the first failure and write an error log.',
        pros: ['Simple'],
        cons: ['Orders are lost on any blip'],
      },
    ],
    chosen: 'backoff_dlq',
    rationale:
      'Retries fix the common transient failures; the DLQ bounds the cost of the rare poison message and keeps it.',
    consequences: {
      positive: ['No order lost to a transient failure'],
      negative: ['On-call must work the DLQ'],
      tradeOffs: ['A failing order may take up to ~10 minutes before it reaches the DLQ'],
    },
    implementationPlan: 'Redrive policy maxReceiveCount 5; CloudWatch alarm on DLQ depth; re-drive runbook.',
    components: [worker, dlq, redrive],
    connections: [toDlq, sendEmail],
  });

  t.flow('happy', 'Place an order', 'happy', [[toApi], [enqueue], [consume], [insert], [sendEmail]]);
  t.flow('error', 'E-mail provider down: the order ends in the DLQ', 'error', [
    [consume],
    [
      sendEmail,
      { failureNote: '5xx for 10 minutes: 4 attempts with decorrelated jitter, then the breaker opens' },
    ],
    [toDlq, { failureNote: 'Received 5 times without success: SQS moves it to the DLQ' }],
    [page, { failureNote: 'On-call paged: DLQ depth 1' }],
    [inspect, { failureNote: 'Provider back: on-call starts a re-drive' }],
    [replay, { failureNote: 'Processed on the next delivery; the unique order_id makes it safe' }],
  ]);
  return t.build();
}

// ---------------------------------------------------------------------------
// 3. Payment checkout with a circuit breaker.
// ---------------------------------------------------------------------------

function paymentCheckout(): CaseStudyBundle {
  const t = new TemplateBuilder('pay', {
    title: meta('payment-checkout-circuit-breaker').title,
    oneLiner: 'Keep taking orders when the payment provider fails, and never charge a customer twice',
    technologies: ['Java 21', 'Spring Boot', 'Amazon API Gateway', 'PostgreSQL 15', 'Amazon SQS', 'Stripe'],
    sections: {
      overview:
        'Checkout confirms payments with Stripe behind a 4 s timeout and a circuit breaker. Every call carries ' +
        'an idempotency key, so retries never charge twice. When the breaker is open, the order is accepted as ' +
        '"payment pending" and the capture is queued for later. Stripe reports results with signed webhooks; ' +
        'the handler deduplicates by event id and parks events it cannot process in a dead letter queue.',
    },
    goals: ['Checkout stays up during a payment provider outage', 'Zero double charges'],
    nonGoals: [
      {
        text: 'A second payment provider',
        why: 'Failover between providers costs more than deferred capture saves',
      },
    ],
  });
  t.addDiagram('checkout', 'Checkout');

  const page = t.component(
    'page',
    'client',
    'Checkout page',
    { x: 0, y: 320 },
    {
      technology: 'Stripe.js Payment Element',
      notes: 'Card data goes straight to Stripe: out of our PCI scope.',
    },
  );
  const region = t.boundary('region', 'region', 'eu-central-1', { x: 240, y: 0 });
  const gateway = t.component(
    'gateway',
    'api-gateway',
    'API gateway',
    { x: 20, y: 320 },
    {
      parent: region,
      technology: 'Amazon API Gateway',
      why: 'TLS, authentication and per-client rate limits before traffic reaches checkout.',
      alternatives: 'Kong, NGINX',
      policies: { rateLimit: { requestsPerSecond: 300, burst: 100 } },
    },
  );
  const payments = t.boundary(
    'payments',
    'bounded-context',
    'Payments',
    { x: 260, y: 40 },
    {
      parent: region,
      notes: 'Owned by the payments team.',
    },
  );
  const checkout = t.component(
    'checkout',
    'service',
    'Checkout service',
    { x: 20, y: 280 },
    {
      parent: payments,
      technology: 'Java 21 (Spring Boot, Resilience4j)',
      why: 'Resilience4j gives timeouts, breakers and bulkheads per dependency; the team knows the JVM.',
      alternatives: 'Node.js with opossum; Go with gobreaker',
      notes: 'Stripe calls run in their own bulkhead so a slow provider cannot take all request threads.',
      policies: { bulkhead: { maxConcurrent: 50, maxQueue: 20 } },
    },
  );
  const paymentsDb = t.component(
    'db',
    'database',
    'Payments DB',
    { x: 280, y: 160 },
    {
      parent: payments,
      technology: 'PostgreSQL 15',
      why: 'payment_attempts has a UNIQUE idempotency_key and processed_events a UNIQUE event id, in one transactional store.',
      alternatives: 'DynamoDB with conditional writes; Redis for idempotency keys (not durable enough)',
    },
  );
  const handler = t.component(
    'webhook_handler',
    'service',
    'Webhook handler',
    { x: 540, y: 160 },
    {
      parent: payments,
      technology: 'Java 21 (Spring Boot)',
      why: 'Verifies the Stripe-Signature header and records each event id once, so a redelivered event changes nothing.',
      alternatives: 'Poll Stripe for payment status; AWS Lambda behind a function URL',
    },
  );
  const webhookDlq = t.component(
    'webhook_dlq',
    'dead-letter-queue',
    'Webhook DLQ',
    { x: 540, y: 40 },
    {
      parent: payments,
      technology: 'Amazon SQS',
      why: 'An event we cannot apply is kept, with the error, instead of bouncing between Stripe retries for 3 days.',
      alternatives: 'Return 500 and rely on Stripe retries; log and drop',
      notes: 'Alarm on depth > 0; replay after a fix (the handler is idempotent).',
    },
  );
  handler.policies = {
    idempotency: { keySource: 'Stripe event id (evt_…) in processed_events' },
    retry: retry(3, 100, 2000, 'full'),
    deadLetter: { targetId: webhookDlq.id, maxDeliveries: 3 },
  };
  const captureQueue = t.component(
    'capture_queue',
    'queue',
    'Deferred capture queue',
    { x: 280, y: 400 },
    {
      parent: payments,
      technology: 'Amazon SQS (FIFO)',
      why: 'When Stripe is unavailable the order is accepted as "payment pending" and its capture waits here.',
      alternatives: 'Fail checkout with "try again"; retry inline while the customer waits',
      notes: 'Alarm when the oldest message is older than 1 hour.',
    },
  );
  const captureWorker = t.component(
    'capture_worker',
    'worker',
    'Capture worker',
    { x: 540, y: 400 },
    {
      parent: payments,
      technology: 'Java 21 (Spring Boot)',
      why: 'Retries deferred captures once the breaker lets traffic through again.',
      alternatives: 'A scheduled job scanning pending orders',
      policies: { retry: retry(5, 1000, 60_000, 'full') },
    },
  );
  const stripeSide = t.boundary(
    'stripe_side',
    'trust-boundary',
    'Stripe (third party)',
    { x: 1320, y: 280 },
    {
      notes: 'Untrusted: responses can be late or lost; webhooks are verified by signature.',
    },
  );
  const stripe = t.component(
    'stripe',
    'external-service',
    'Stripe',
    { x: 20, y: 40 },
    {
      parent: stripeSide,
      technology: 'Stripe Payments API',
      why: 'Keeps card data and most PCI DSS scope with Stripe; idempotency keys and signed webhooks built in.',
      alternatives: 'Adyen, Braintree',
    },
  );

  const toGateway = t.connect('page_gateway', page, gateway, 'POST /checkout', {
    policies: {
      timeout: { ms: 15_000 },
      idempotency: { keySource: 'Idempotency-Key header (one per checkout attempt)' },
    },
  });
  const toCheckout = t.connect('gateway_checkout', gateway, checkout, 'POST /checkout', {
    policies: { timeout: { ms: 12_000 } },
  });
  const recordAttempt = t.connect(
    'checkout_db',
    checkout,
    paymentsDb,
    'INSERT payment_attempt (idempotency_key UNIQUE)',
    {
      policies: { timeout: { ms: 1000 } },
    },
  );
  const stripeKey = { keySource: 'Idempotency-Key = payment_attempt id (same on every retry)' };
  const charge = t.connect('checkout_stripe', checkout, stripe, 'POST /v1/payment_intents (confirm)', {
    policies: {
      timeout: { ms: 4000 },
      retry: retry(2, 250, 1000, 'full'),
      circuitBreaker: breaker(5, 30_000),
      fallback: {
        description:
          'Breaker open or timed out: accept the order as "payment pending" and queue it for later capture',
      },
      idempotency: stripeKey,
    },
  });
  const defer = t.connect('checkout_capture_queue', checkout, captureQueue, 'payment.capture_deferred', {
    mode: 'async',
    failurePath: true,
    notes: 'Only when the breaker is open or the call timed out.',
  });
  const drain = t.connect('capture_queue_worker', captureQueue, captureWorker, 'payment.capture_deferred', {
    mode: 'async',
  });
  const capture = t.connect(
    'capture_worker_stripe',
    captureWorker,
    stripe,
    'POST /v1/payment_intents (deferred)',
    {
      policies: { timeout: { ms: 4000 }, circuitBreaker: breaker(5, 30_000), idempotency: stripeKey },
    },
  );
  const webhook = t.connect('stripe_webhook', stripe, handler, 'payment_intent.succeeded (signed webhook)', {
    mode: 'async',
    notes: 'Stripe retries unacknowledged webhooks with backoff for up to 3 days.',
    policies: { idempotency: { keySource: 'Stripe event id (evt_…)' } },
  });
  const markPaid = t.connect(
    'webhook_db',
    handler,
    paymentsDb,
    "UPDATE orders SET status = 'paid' (once per event)",
    {
      policies: { timeout: { ms: 1000 } },
    },
  );
  const park = t.connect('webhook_dlq', handler, webhookDlq, 'event failed 3 times', {
    mode: 'async',
    failurePath: true,
  });

  t.decide('breaker', {
    title: 'Circuit breaker on Stripe, with deferred capture as the fallback',
    context:
      'A 40-minute provider incident made every checkout hang for 30 s, exhausted request threads and took down ' +
      'unrelated pages.',
    drivers: [
      'Checkout stays available when Stripe is not',
      'Bounded latency for the customer',
      'No double charges',
    ],
    options: [
      {
        slug: 'fail',
        title: 'Fail checkout fast',
        description: 'Time out after 4 s and show "try again later".',
        pros: ['Simple', 'No pending state to manage'],
        cons: ['Every order during an outage is lost revenue'],
      },
      {
        slug: 'retry_inline',
        title: 'Retry inline',
        description: 'Keep retrying while the customer waits.',
        pros: ['The customer gets a definite answer'],
        cons: ['Long waits', 'Retries pile load on a struggling provider'],
      },
      {
        slug: 'breaker_queue',
        title: 'Breaker and queue for later capture',
        description: 'Open the breaker after 5 failures; accept the order as pending and capture it later.',
        pros: ['Checkout stays up', 'The provider gets room to recover', 'Orders are kept'],
        cons: [
          'Some captures fail later and need customer follow-up',
          'A pending state in the order lifecycle',
        ],
      },
    ],
    chosen: 'breaker_queue',
    rationale:
      'Losing orders costs more than the occasional later capture failure, which is handled by e-mail.',
    consequences: {
      positive: ['Provider outages no longer take checkout down'],
      negative: ['Pending orders must be reconciled'],
      tradeOffs: ['A small share of deferred captures fail and are followed up by e-mail'],
    },
    implementationPlan:
      'Resilience4j breaker and bulkhead around the Stripe client; SQS FIFO queue; capture worker; dashboard of breaker state.',
    components: [checkout, stripe, captureQueue, captureWorker],
    connections: [charge, defer],
  });
  t.decide('idempotency', {
    title: 'Idempotency keys end to end',
    context:
      'Client retries, our retries and Stripe webhook redeliveries can all repeat the same payment operation.',
    drivers: ['Never charge twice', 'Any retry must be safe'],
    options: [
      {
        slug: 'keys',
        title: 'Idempotency key per checkout attempt, event-id dedup for webhooks',
        description: 'The key travels client → checkout → Stripe; processed_events stores webhook event ids.',
        pros: ['Every hop can retry safely', 'Stripe honours the key for 24 hours'],
        cons: ['Keys must be stored and checked on every path'],
      },
      {
        slug: 'order_id',
        title: 'Deduplicate by order id at the end',
        description: 'Let duplicates through and merge them when updating the order.',
        pros: ['Less plumbing'],
        cons: ['Duplicate charges still happen and need refunds'],
      },
    ],
    chosen: 'keys',
    rationale:
      'Stripe supports idempotency keys natively; storing them is cheap compared with refunds and support tickets.',
    consequences: {
      positive: ['Retries and redeliveries are safe everywhere'],
      negative: ['Two more unique indexes to maintain'],
      tradeOffs: ['A retry after 24 hours is a new payment attempt'],
    },
    implementationPlan:
      'UNIQUE idempotency_key on payment_attempts; processed_events table; reject reused keys with a different body.',
    components: [checkout, handler, paymentsDb],
    connections: [toGateway, charge, webhook],
  });

  t.flow('happy', 'Pay for an order', 'happy', [
    [toGateway],
    [toCheckout],
    [recordAttempt],
    [charge],
    [webhook],
    [markPaid],
  ]);
  t.flow('error', 'Stripe unavailable: breaker opens, capture deferred', 'error', [
    [toGateway],
    [toCheckout],
    [charge, { failureNote: 'Times out after 4 s; 5 failures in a row open the breaker' }],
    [defer, { failureNote: 'Fallback: order accepted as "payment pending", capture queued' }],
    [drain],
    [
      capture,
      { failureNote: 'After 30 s a half-open probe succeeds; same Idempotency-Key, so no double charge' },
    ],
    [webhook],
    [
      park,
      {
        failureNote:
          'Order row locked by a migration: 3 attempts fail, the event is parked and Stripe gets 200',
      },
    ],
  ]);
  return t.build();
}

// ---------------------------------------------------------------------------
// 4. Event streaming pipeline.
// ---------------------------------------------------------------------------

function eventStreamingPipeline(): CaseStudyBundle {
  const t = new TemplateBuilder('stream', {
    title: meta('event-streaming-pipeline').title,
    oneLiner:
      'Get every order event into search and the data lake within a minute, whatever one zone or one bad event does',
    technologies: [
      'Go 1.22',
      'Kotlin',
      'Apache Kafka 3.7 (Amazon MSK)',
      'Java 21',
      'Amazon S3',
      'Amazon OpenSearch',
    ],
    sections: {
      overview:
        'Services publish order and stock events to a Kafka topic with idempotent producers. Consumers run as ' +
        'one bulkhead per availability zone: each writes Parquet batches to S3 and bulk-indexes into OpenSearch, ' +
        'retrying with backoff. An event that still fails goes to a dead letter topic with its error, so the ' +
        'partition keeps moving; a replay job re-publishes it after a fix.',
    },
    goals: ['Events searchable within 60 s (p99)', 'One bad event or one zone never stops the pipeline'],
    nonGoals: [
      { text: 'Exactly-once into OpenSearch', why: 'Indexing by event id makes at-least-once safe' },
    ],
  });
  t.addDiagram('pipeline', 'Event pipeline');

  const region = t.boundary('region', 'region', 'us-west-2', { x: 0, y: 0 });
  const checkout = t.component(
    'checkout',
    'service',
    'Checkout service',
    { x: 20, y: 110 },
    { parent: region, technology: 'Go 1.22 (franz-go)' },
  );
  const inventory = t.component(
    'inventory',
    'service',
    'Inventory service',
    { x: 20, y: 310 },
    { parent: region, technology: 'Kotlin (Spring Kafka)' },
  );
  const kafka = t.component(
    'kafka',
    'stream',
    'orders.events topic',
    { x: 280, y: 210 },
    {
      parent: region,
      technology: 'Apache Kafka 3.7 (Amazon MSK, 3 brokers across zones)',
      why: 'Ordered per order id, replayable for 7 days, and several consumer groups can read the same events.',
      alternatives: 'Amazon Kinesis Data Streams; SNS + SQS fan-out; RabbitMQ streams',
      notes: '12 partitions, replication factor 3, min.insync.replicas 2.',
    },
  );
  const consumerPolicies = (dlqId: string): ResiliencePolicies => ({
    retry: retry(3, 200, 5000, 'full'),
    bulkhead: { maxConcurrent: 8, maxQueue: 500 },
    deadLetter: { targetId: dlqId, maxDeliveries: 3 },
  });
  const consumerWhy =
    'One bulkhead per zone: a zone failure or a stuck sink in one zone leaves the other consuming.';
  const consumerAlternatives = 'Kafka Connect S3 and OpenSearch sinks; AWS Lambda event source mapping';
  const zoneA = t.boundary('az_a', 'availability-zone', 'us-west-2a', { x: 540, y: 40 }, { parent: region });
  const bulkheadA = t.boundary(
    'bulkhead_a',
    'failure-domain',
    'Consumer bulkhead A',
    { x: 20, y: 40 },
    {
      parent: zoneA,
      notes: 'Own tasks, thread pool and OpenSearch connection pool.',
    },
  );
  const consumerA = t.component(
    'consumer_a',
    'worker',
    'Sink consumer (A)',
    { x: 20, y: 40 },
    {
      parent: bulkheadA,
      technology: 'Java 21 consumer (group orders-sink)',
      why: consumerWhy,
      alternatives: consumerAlternatives,
    },
  );
  const zoneB = t.boundary('az_b', 'availability-zone', 'us-west-2b', { x: 540, y: 260 }, { parent: region });
  const bulkheadB = t.boundary(
    'bulkhead_b',
    'failure-domain',
    'Consumer bulkhead B',
    { x: 20, y: 40 },
    {
      parent: zoneB,
      notes: 'Own tasks, thread pool and OpenSearch connection pool.',
    },
  );
  const consumerB = t.component(
    'consumer_b',
    'worker',
    'Sink consumer (B)',
    { x: 20, y: 40 },
    {
      parent: bulkheadB,
      technology: 'Java 21 consumer (group orders-sink)',
      why: consumerWhy,
      alternatives: consumerAlternatives,
    },
  );
  const lake = t.component(
    's3',
    'object-storage',
    'Data lake',
    { x: 880, y: 60 },
    {
      parent: region,
      technology: 'Amazon S3 (Parquet, partitioned by day)',
      why: 'Cheap, durable history for analytics; Athena queries it directly.',
      alternatives: 'Amazon Redshift; BigQuery',
    },
  );
  const search = t.component(
    'search',
    'search-index',
    'Order search index',
    { x: 880, y: 210 },
    {
      parent: region,
      technology: 'Amazon OpenSearch 2.11',
      why: 'Full-text and faceted search over orders for support staff.',
      alternatives: 'PostgreSQL full-text search; Algolia',
      notes: 'Documents keyed by event id, so re-indexing is idempotent.',
    },
  );
  const dlq = t.component(
    'dlq',
    'dead-letter-queue',
    'orders.events.dlq topic',
    { x: 880, y: 380 },
    {
      parent: region,
      technology: 'Kafka topic (14-day retention)',
      why: 'A poison event is parked with its error and offset so its partition keeps moving.',
      alternatives: 'Block the partition until fixed; skip and log',
      notes: 'Alarm on any new message.',
    },
  );
  consumerA.policies = consumerPolicies(dlq.id);
  consumerB.policies = consumerPolicies(dlq.id);
  const replayJob = t.component(
    'replay',
    'worker',
    'DLQ replay job',
    { x: 280, y: 520 },
    {
      parent: region,
      technology: 'Java 21 (run by on-call)',
      why: 'Re-publishes parked events after a fix, at a capped rate.',
      alternatives: 'kcat by hand',
      policies: { rateLimit: { requestsPerSecond: 100, burst: 100 } },
    },
  );

  const producerPolicies: ResiliencePolicies = {
    timeout: { ms: 30_000 },
    retry: retry(5, 100, 1000, 'full'),
    idempotency: { keySource: 'enable.idempotence=true (producer id + sequence number)' },
  };
  const publishOrder = t.connect('checkout_kafka', checkout, kafka, 'order.created', {
    mode: 'stream',
    policies: producerPolicies,
    notes: 'acks=all; keyed by order id.',
  });
  const publishStock = t.connect('inventory_kafka', inventory, kafka, 'stock.reserved', {
    mode: 'stream',
    policies: producerPolicies,
    notes: 'acks=all; keyed by order id.',
  });
  const readA = t.connect('kafka_consumer_a', kafka, consumerA, 'orders.events (group orders-sink)', {
    mode: 'stream',
  });
  const readB = t.connect('kafka_consumer_b', kafka, consumerB, 'orders.events (group orders-sink)', {
    mode: 'stream',
  });
  const lakePolicies: ResiliencePolicies = { timeout: { ms: 10_000 }, retry: retry(5, 200, 10_000, 'full') };
  const toLakeA = t.connect('consumer_a_s3', consumerA, lake, 'PutObject (Parquet, every 5 min)', {
    policies: lakePolicies,
  });
  t.connect('consumer_b_s3', consumerB, lake, 'PutObject (Parquet, every 5 min)', { policies: lakePolicies });
  const searchPolicies: ResiliencePolicies = {
    timeout: { ms: 5000 },
    retry: retry(3, 200, 5000, 'full'),
    circuitBreaker: breaker(5, 30_000),
    fallback: {
      description:
        'Breaker open: pause the partitions (stop committing offsets) and resume when the index recovers',
    },
  };
  const indexA = t.connect('consumer_a_search', consumerA, search, 'POST /_bulk', {
    policies: searchPolicies,
  });
  const indexB = t.connect('consumer_b_search', consumerB, search, 'POST /_bulk', {
    policies: searchPolicies,
  });
  t.connect('consumer_a_dlq', consumerA, dlq, 'poison event after 3 attempts', {
    mode: 'async',
    failurePath: true,
  });
  const parkB = t.connect('consumer_b_dlq', consumerB, dlq, 'poison event after 3 attempts', {
    mode: 'async',
    failurePath: true,
  });
  const inspect = t.connect('dlq_replay', dlq, replayJob, 'inspect, then replay after a fix', {
    mode: 'async',
    failurePath: true,
    handles: ['bottom', 'right'],
  });
  const republish = t.connect('replay_kafka', replayJob, kafka, 're-publish to orders.events', {
    mode: 'stream',
    failurePath: true,
  });

  t.decide('kafka', {
    title: 'Kafka (Amazon MSK) as the event backbone',
    context:
      'Search, analytics and, soon, notifications all need the same order events, in order per order, with replay.',
    drivers: ['Ordering per order id', 'Replay after a consumer bug', 'Several independent consumers'],
    options: [
      {
        slug: 'msk',
        title: 'Apache Kafka on Amazon MSK',
        description: 'A managed Kafka cluster across three zones.',
        pros: [
          'Per-key ordering and 7-day replay',
          'Consumer groups scale independently',
          'Rich client ecosystem',
        ],
        cons: ['Partitions and brokers to size', 'No built-in DLQ'],
      },
      {
        slug: 'kinesis',
        title: 'Amazon Kinesis Data Streams',
        description: 'Fully managed shards.',
        pros: ['No brokers to run'],
        cons: ['Shard limits per consumer', 'Shorter default retention'],
      },
      {
        slug: 'sns_sqs',
        title: 'SNS + SQS fan-out',
        description: 'One queue per consumer subscribed to a topic.',
        pros: ['Simple, with DLQs built in'],
        cons: ['No replay', 'No ordering without FIFO limits'],
      },
    ],
    chosen: 'msk',
    rationale: 'Replay and per-key ordering were requirements; MSK removes most of the cluster operations.',
    consequences: {
      positive: ['New consumers can start from any point in the last 7 days'],
      negative: ['We build the DLQ topic and replay tooling ourselves'],
      tradeOffs: ['Paying for a 3-broker cluster at low traffic'],
    },
    implementationPlan:
      'MSK with 3 brokers, 12 partitions, RF 3; idempotent producers; DLQ topic and replay job.',
    components: [kafka, dlq, replayJob],
    connections: [publishOrder, publishStock],
  });
  t.decide('bulkheads', {
    title: 'One consumer bulkhead per availability zone',
    context: 'A slow OpenSearch node once stalled every consumer thread and stopped S3 delivery too.',
    drivers: ['Contain a zone or sink failure', 'Keep S3 delivery going when search is slow'],
    options: [
      {
        slug: 'shared',
        title: 'One shared consumer pool',
        description: 'All consumers share threads and connection pools across zones.',
        pros: ['Fewer tasks to run'],
        cons: ['One slow dependency stalls everything'],
      },
      {
        slug: 'per_zone',
        title: 'A bulkhead per zone, rack-aware assignment',
        description:
          'Each zone has its own consumers, pools and limits; partitions rebalance if a zone fails.',
        pros: [
          'A zone failure halves throughput instead of stopping it',
          'Reads from the local broker replica',
        ],
        cons: ['Capacity doubled for failover headroom'],
      },
    ],
    chosen: 'per_zone',
    rationale:
      'Containing failures matters more than the extra tasks; rack awareness also cuts cross-zone traffic.',
    consequences: {
      positive: ['Zone failure drill: consumer lag recovered in 4 minutes'],
      negative: ['Double the consumer capacity to pay for'],
      tradeOffs: ['Each zone runs at 50% utilisation to absorb the other'],
    },
    implementationPlan: 'client.rack per task; separate task sets per zone; per-zone lag alarms.',
    components: [consumerA, consumerB],
    connections: [readA, readB],
  });

  t.flow('happy', 'Order event reaches search and the data lake', 'happy', [
    [publishOrder],
    [readA],
    [indexA],
    [toLakeA],
  ]);
  t.flow('error', 'A malformed event is dead-lettered and replayed', 'error', [
    [publishStock, { message: 'stock.reserved (missing sku)' }],
    [readB],
    [indexB, { failureNote: 'OpenSearch rejects the document (mapping error); 3 attempts with backoff' }],
    [parkB, { failureNote: 'Parked on the DLQ topic with the error and offset; the partition keeps moving' }],
    [inspect, { failureNote: 'Producer fixed; on-call replays the event' }],
    [republish],
  ]);
  return t.build();
}

// ---------------------------------------------------------------------------

const BUILDERS: Record<string, () => CaseStudyBundle> = {
  'web-app-cache-read-replica': webAppCacheReadReplica,
  'order-processing-queue-dlq': orderProcessingQueueDlq,
  'payment-checkout-circuit-breaker': paymentCheckout,
  'event-streaming-pipeline': eventStreamingPipeline,
};

/** Every template's bundle, built with the fixed clock. */
export function buildTemplateBundles(): { entry: TemplateFile; bundle: CaseStudyBundle }[] {
  const restore = setClock(() => TEMPLATE_TIME);
  try {
    return TEMPLATE_FILES.map((entry) => {
      const build = BUILDERS[entry.id];
      if (!build) throw new Error(`No builder for template "${entry.id}"`);
      return { entry, bundle: build() };
    });
  } finally {
    restore();
  }
}

/** Every template file's name and backup JSON (as `serializeBackup` writes it, before formatting). */
export function buildTemplateFiles(): { file: string; text: string }[] {
  return buildTemplateBundles().map(({ entry, bundle }) => ({
    file: entry.file,
    text: serializeBackup(bundle, new Date(TEMPLATE_TIME)),
  }));
}
