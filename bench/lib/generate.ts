/**
 * Seeded benchmark diagrams, built with the app's own model factories so they look like real
 * ones: components of many kinds with labels, technologies and resilience policies (badges),
 * ≈1.5 connections per component with message labels, modes and policies (edge markers),
 * a fifth of the components inside a few boundaries (some nested).
 *
 * Deterministic: the layout, labels and connections come from a PRNG seeded by the size, and
 * ids and timestamps are made deterministic while generating (the factories take their ids
 * from `crypto.getRandomValues` and their time from the model clock).
 */
import { COMPONENT_CATALOGUE } from '../../src/lib/model/catalogue';
import {
  createBoundary,
  createCaseStudy,
  createComponent,
  createConnection,
  createDiagram,
  setClock,
} from '../../src/lib/model/factories';
import type { DiagramRows } from '../../src/lib/model/patch';
import { policySummary } from '../../src/lib/model/policies';
import type {
  Boundary,
  BoundaryKind,
  CaseStudyBundle,
  Component,
  ComponentKind,
  Connection,
  ConnectionMode,
  ResiliencePolicies,
} from '../../src/lib/model/types';
import { createRng, type Rng } from './prng';
import type { BareData, BareEdge, BareNode } from '../pages/bare-data';

/** Fixed "now" for every record (2024-05-07T10:00:00Z). */
const FIXED_TIME = Date.UTC(2024, 4, 7, 10, 0, 0);

/** Grid cell of one component: components are 150–240 px wide and ~50–75 px tall. */
const CELL_W = 260;
const CELL_H = 130;
/** Inside a boundary: room for its title bar and a margin. */
const PAD = { top: 44, left: 24, right: 24, bottom: 24 };

export interface SeededDiagram {
  title: string;
  bundle: CaseStudyBundle;
  rows: DiagramRows;
  components: number;
  boundaries: number;
  connections: number;
}

const KIND_WEIGHTS: readonly (readonly [ComponentKind, number])[] = [
  ['service', 34],
  ['database', 11],
  ['cache', 7],
  ['queue', 7],
  ['worker', 8],
  ['function', 5],
  ['stream', 4],
  ['dead-letter-queue', 3],
  ['api-gateway', 3],
  ['load-balancer', 3],
  ['external-service', 4],
  ['client', 3],
  ['cdn', 2],
  ['identity-provider', 2],
  ['object-storage', 2],
  ['search-index', 2],
];

const DOMAINS = [
  'Orders',
  'Payments',
  'Inventory',
  'Checkout',
  'Catalog',
  'Pricing',
  'Shipping',
  'Accounts',
  'Search',
  'Billing',
  'Ledger',
  'Fraud',
  'Notifications',
  'Returns',
  'Reviews',
  'Recommendations',
];

const TECHNOLOGIES: Partial<Record<ComponentKind, readonly string[]>> = {
  service: ['Go 1.22', 'Java 21 / Spring Boot', 'Node.js 20', 'Kotlin / Ktor', 'Python 3.12 / FastAPI'],
  worker: ['Go 1.22', 'Python 3.12 / Celery', 'Java 21'],
  function: ['AWS Lambda', 'Cloud Functions'],
  database: ['PostgreSQL 15', 'MySQL 8', 'DynamoDB', 'MongoDB 7', 'Aurora PostgreSQL'],
  cache: ['Redis 7', 'Memcached', 'ElastiCache'],
  queue: ['Amazon SQS', 'RabbitMQ 3.13'],
  stream: ['Apache Kafka', 'Kinesis'],
  'dead-letter-queue': ['Amazon SQS DLQ', 'RabbitMQ DLX'],
  'api-gateway': ['Kong', 'AWS API Gateway', 'Envoy'],
  'load-balancer': ['AWS ALB', 'NGINX', 'HAProxy'],
  'external-service': ['Stripe', 'Twilio', 'SendGrid'],
  client: ['React SPA', 'iOS app', 'Android app'],
  cdn: ['CloudFront', 'Fastly'],
  'identity-provider': ['Auth0', 'Keycloak'],
  'object-storage': ['Amazon S3', 'GCS'],
  'search-index': ['OpenSearch', 'Elasticsearch 8'],
};

const MESSAGES = [
  'POST /checkout',
  'GET /orders/:id',
  'PUT /cart',
  'order.created',
  'payment.captured',
  'stock.reserved',
  'gRPC GetPrice',
  'SELECT orders',
  'cache get',
  'publish',
  'consume',
  'POST /refunds',
  'user.signed-up',
  'GET /search?q=',
  'webhook',
];

const BOUNDARY_KINDS: readonly BoundaryKind[] = [
  'region',
  'availability-zone',
  'trust-boundary',
  'failure-domain',
  'bounded-context',
  'vpc',
];

function componentPolicies(rng: Rng): ResiliencePolicies {
  const p: ResiliencePolicies = {};
  if (!rng.chance(0.3)) return p;
  if (rng.chance(0.5)) p.rateLimit = { requestsPerSecond: rng.pick([50, 100, 500, 1000]), burst: 20 };
  if (rng.chance(0.4)) p.bulkhead = { maxConcurrent: rng.pick([8, 16, 32]), maxQueue: 20 };
  if (rng.chance(0.3)) p.idempotency = { keySource: 'Idempotency-Key header' };
  if (rng.chance(0.3)) p.timeout = { ms: rng.pick([500, 1000, 2000]) };
  return p;
}

function connectionPolicies(rng: Rng, mode: ConnectionMode): ResiliencePolicies {
  const p: ResiliencePolicies = {};
  if (mode === 'sync') {
    if (rng.chance(0.4)) p.timeout = { ms: rng.pick([250, 500, 1000, 2000, 3000]) };
    if (rng.chance(0.3))
      p.retry = { maxAttempts: rng.pick([2, 3, 5]), baseDelayMs: 100, maxDelayMs: 2000, jitter: 'full' };
    if (rng.chance(0.12))
      p.circuitBreaker = { failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenProbes: 1 };
    if (rng.chance(0.06)) p.fallback = { description: 'serve cached response' };
  } else if (rng.chance(0.2)) {
    p.retry = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 10_000, jitter: 'decorrelated' };
  }
  return p;
}

/** Runs `fn` with the factories' ids drawn from `rng` and their clock fixed. */
function deterministic<T>(rng: Rng, fn: () => T): T {
  const crypto = globalThis.crypto as Crypto & { getRandomValues: Crypto['getRandomValues'] };
  const had = Object.prototype.hasOwnProperty.call(crypto, 'getRandomValues');
  const original = crypto.getRandomValues;
  const fake = <A extends ArrayBufferView | null>(array: A): A => {
    if (array instanceof Uint8Array) for (let i = 0; i < array.length; i++) array[i] = rng.int(0, 255);
    return array;
  };
  Object.defineProperty(crypto, 'getRandomValues', { value: fake, configurable: true, writable: true });
  const restoreClock = setClock(() => FIXED_TIME);
  try {
    return fn();
  } finally {
    restoreClock();
    if (had)
      Object.defineProperty(crypto, 'getRandomValues', {
        value: original,
        configurable: true,
        writable: true,
      });
    else delete (crypto as { getRandomValues?: unknown }).getRandomValues;
  }
}

interface Block {
  boundary: Boundary;
  /** Components placed inside (positions relative to the boundary). */
  members: Component[];
  child: Block | null;
}

export function benchTitle(components: number): string {
  return `Bench ${components} components`;
}

/** A seeded diagram of `n` components. */
export function generateDiagram(n: number): SeededDiagram {
  const rng = createRng(0xfa17 + n * 7919);
  const idRng = createRng(0x1d5 + n);
  return deterministic(idRng, () => build(n, rng));
}

function build(n: number, rng: Rng): SeededDiagram {
  const title = benchTitle(n);
  const caseStudy = createCaseStudy({
    title,
    oneLiner: `Seeded benchmark diagram: ${n} components`,
    technologies: ['Go', 'PostgreSQL', 'Kafka'],
  });
  const diagram = createDiagram({ caseStudyId: caseStudy.id, name: 'System' });
  const base = { caseStudyId: caseStudy.id, diagramId: diagram.id };

  const counters = new Map<string, number>();
  const makeComponent = (): Component => {
    const kind = rng.weighted(KIND_WEIGHTS);
    const domain = rng.pick(DOMAINS);
    const key = `${domain} ${kind}`;
    const k = (counters.get(key) ?? 0) + 1;
    counters.set(key, k);
    const kindLabel = COMPONENT_CATALOGUE[kind].label.toLowerCase();
    const techs = TECHNOLOGIES[kind];
    return createComponent({
      ...base,
      kind,
      label: `${domain} ${kindLabel}${k > 1 ? ` ${k}` : ''}`,
      technology: techs && rng.chance(0.8) ? rng.pick(techs) : '',
      policies: componentPolicies(rng),
    });
  };

  // --- Boundaries: a few, every third nested in the one before it. ----------------------
  const boundaryCount = 3 + Math.floor(n / 250);
  const inside = Math.round(n / 5);
  const blocks: Block[] = [];
  for (let i = 0; i < boundaryCount; i++) {
    const kind = BOUNDARY_KINDS[i % BOUNDARY_KINDS.length] ?? 'region';
    const boundary = createBoundary({
      ...base,
      kind,
      label: `${rng.pick(DOMAINS)} ${kind.replace(/-/g, ' ')}`,
    });
    const memberCount = Math.floor(inside / boundaryCount) + (i < inside % boundaryCount ? 1 : 0);
    const members = Array.from({ length: memberCount }, makeComponent);
    blocks.push({ boundary, members, child: null });
  }
  const topBlocks: Block[] = [];
  blocks.forEach((block, i) => {
    const parent = i % 3 === 2 ? blocks[i - 1] : undefined;
    if (parent) {
      parent.child = block;
      block.boundary.parentId = parent.boundary.id;
    } else topBlocks.push(block);
  });

  // Members on a grid inside their boundary; a nested boundary goes below its parent's grid.
  const sizeBlock = (block: Block): void => {
    const m = block.members.length;
    const cols = Math.max(1, Math.ceil(Math.sqrt(m * 1.6)));
    const rowsUsed = Math.ceil(m / cols);
    block.members.forEach((c, j) => {
      c.parentId = block.boundary.id;
      c.position = {
        x: PAD.left + (j % cols) * CELL_W + rng.int(0, 30),
        y: PAD.top + Math.floor(j / cols) * CELL_H + rng.int(0, 20),
      };
    });
    let width = PAD.left + cols * CELL_W + PAD.right - 40;
    let height = PAD.top + rowsUsed * CELL_H + PAD.bottom - 30;
    if (block.child) {
      sizeBlock(block.child);
      block.child.boundary.position = { x: PAD.left, y: height };
      width = Math.max(width, PAD.left + block.child.boundary.size.width + PAD.right);
      height += block.child.boundary.size.height + PAD.bottom;
    }
    block.boundary.size = { width, height };
  };
  topBlocks.forEach(sizeBlock);

  // --- Top level: a grid of cells; boundaries take blocks of cells, components the rest. --
  const topLevel = Array.from({ length: n - inside }, makeComponent);
  const blockCells = topBlocks.map((b) => ({
    block: b,
    w: Math.ceil((b.boundary.size.width + 40) / CELL_W),
    h: Math.ceil((b.boundary.size.height + 40) / CELL_H),
  }));
  const totalCells = topLevel.length + blockCells.reduce((s, b) => s + b.w * b.h, 0);
  const gridCols = Math.max(
    Math.ceil(Math.sqrt(totalCells * 1.4 * (CELL_H / CELL_W))),
    ...blockCells.map((b) => b.w + 1),
  );
  const taken = new Set<string>();
  const free = (col: number, row: number) => col < gridCols && !taken.has(`${col},${row}`);
  blockCells.forEach((b, i) => {
    // Spread the boundaries over the diagram: start looking at a seeded spot.
    let row = Math.floor((i / blockCells.length) * Math.sqrt(totalCells / 1.4)) + rng.int(0, 2);
    let col = rng.int(0, Math.max(0, gridCols - b.w));
    for (;;) {
      let fits = col + b.w <= gridCols;
      for (let dy = 0; fits && dy < b.h; dy++)
        for (let dx = 0; fits && dx < b.w; dx++) fits = free(col + dx, row + dy);
      if (fits) break;
      col++;
      if (col + b.w > gridCols) {
        col = 0;
        row++;
      }
    }
    for (let dy = 0; dy < b.h; dy++) for (let dx = 0; dx < b.w; dx++) taken.add(`${col + dx},${row + dy}`);
    b.block.boundary.position = { x: col * CELL_W + 10, y: row * CELL_H + 10 };
  });
  let cell = 0;
  for (const c of topLevel) {
    while (!free(cell % gridCols, Math.floor(cell / gridCols))) cell++;
    c.position = {
      x: (cell % gridCols) * CELL_W + rng.int(0, 40),
      y: Math.floor(cell / gridCols) * CELL_H + rng.int(0, 30),
    };
    cell++;
  }

  // --- Rows, parents first. ----------------------------------------------------------------
  const boundaries: Boundary[] = [];
  const components: Component[] = [];
  const addBlock = (block: Block) => {
    boundaries.push(block.boundary);
    components.push(...block.members);
    if (block.child) addBlock(block.child);
  };
  topBlocks.forEach(addBlock);
  components.push(...topLevel);

  // --- Connections: mostly between neighbours on the canvas, some across it. ---------------
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const absolute = (c: Component) => {
    let x = c.position.x;
    let y = c.position.y;
    for (
      let p = c.parentId ? byId.get(c.parentId) : undefined;
      p;
      p = p.parentId ? byId.get(p.parentId) : undefined
    ) {
      x += p.position.x;
      y += p.position.y;
    }
    return { x, y };
  };
  const placed = components
    .map((c) => ({ c, at: absolute(c) }))
    .sort((a, b) => Math.round(a.at.y / CELL_H) - Math.round(b.at.y / CELL_H) || a.at.x - b.at.x);
  const wanted = Math.round(n * 1.5);
  const seen = new Set<string>();
  const connections: Connection[] = [];
  let guard = 0;
  while (connections.length < wanted && guard++ < wanted * 20) {
    const i = rng.int(0, placed.length - 1);
    const j = rng.chance(0.85)
      ? i + rng.pick([1, 1, 2, 3, -1, gridCols, gridCols + 1, gridCols - 1, -gridCols])
      : rng.int(0, placed.length - 1);
    const from = placed[i];
    const to = placed[j];
    if (!from || !to || i === j) continue;
    const key = `${from.c.id}>${to.c.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const toKind = to.c.kind;
    const mode: ConnectionMode =
      toKind === 'queue' || toKind === 'dead-letter-queue'
        ? 'async'
        : toKind === 'stream'
          ? 'stream'
          : rng.weighted<ConnectionMode>([
              ['sync', 75],
              ['async', 18],
              ['stream', 7],
            ]);
    const dx = to.at.x - from.at.x;
    const dy = to.at.y - from.at.y;
    const horizontal = Math.abs(dx) >= Math.abs(dy);
    connections.push(
      createConnection(
        {
          ...base,
          source: from.c.id,
          target: to.c.id,
          sourceHandle: horizontal ? (dx >= 0 ? 'right' : 'left') : dy >= 0 ? 'bottom' : 'top',
          targetHandle: horizontal ? (dx >= 0 ? 'left' : 'right') : dy >= 0 ? 'top' : 'bottom',
          label: rng.chance(0.6) ? rng.pick(MESSAGES) : '',
          mode,
          policies: connectionPolicies(rng, mode),
        },
        toKind,
      ),
    );
  }

  const bundle: CaseStudyBundle = {
    caseStudy,
    diagrams: [diagram],
    components,
    boundaries,
    connections,
    decisions: [],
    tables: [],
    metrics: [],
    flows: [],
  };
  return {
    title,
    bundle,
    rows: { components, boundaries, connections },
    components: components.length,
    boundaries: boundaries.length,
    connections: connections.length,
  };
}

/**
 * The same diagram for a bare Svelte Flow page: default nodes (components) and group nodes
 * (boundaries) at the same positions with the same labels and parents; default edges with
 * the same label text our edges show (message and policy markers).
 */
export function toBareData(rows: DiagramRows): BareData {
  const nodes: BareNode[] = [
    ...rows.boundaries.map((b) => ({
      id: b.id,
      type: 'group',
      position: { ...b.position },
      ...(b.parentId ? { parentId: b.parentId } : {}),
      width: b.size.width,
      height: b.size.height,
      data: { label: b.label },
    })),
    ...rows.components.map((c) => ({
      id: c.id,
      position: { ...c.position },
      ...(c.parentId ? { parentId: c.parentId } : {}),
      data: { label: c.technology ? `${c.label} · ${c.technology}` : c.label },
    })),
  ];
  const edges: BareEdge[] = rows.connections.map((c) => {
    const text = [c.label, policySummary(c.policies).join(' ')].filter(Boolean).join('  ');
    return { id: c.id, source: c.source, target: c.target, ...(text ? { label: text } : {}) };
  });
  return { nodes, edges };
}
