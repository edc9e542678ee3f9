// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildImport, planImport, type ImportPlan } from '../../../src/lib/import/mermaid';
import { validateRecord, type BoundaryKind, type ComponentKind } from '../../../src/lib/model';
import { boundary, component, imported, parsed, plan } from './helpers';

describe('planImport: component kinds', () => {
  const shapes: [node: string, kind: ComponentKind, decidedBy: string][] = [
    ['x[(Orders)]', 'database', 'shape'],
    ['x@{ shape: cyl, label: "Orders" }', 'database', 'shape'],
    ['x@{ shape: lin-cyl, label: "Disk" }', 'database', 'shape'],
    ['x@{ shape: bucket, label: "Uploads" }', 'object-storage', 'shape'],
    ['x@{ shape: cloud, label: "Partner" }', 'external-service', 'shape'],
    ['x@{ shape: person, label: "Shopper" }', 'client', 'shape'],
    ['x((Shopper))', 'client', 'shape'],
    ['x[/Edge/]', 'cache', 'shape'],
    ['x[\\Lookup\\]', 'search-index', 'shape'],
    ['x[/Ingress\\]', 'load-balancer', 'shape'],
    ['x{{Edge}}', 'api-gateway', 'shape'],
    ['x>Inbox]', 'queue', 'shape'],
    ['x>Jobs]', 'worker', 'label'],
    ['x[Orders]', 'service', 'default'],
    ['x(Orders)', 'service', 'default'],
    ['x([Orders])', 'service', 'default'],
    ['x[[Orders]]', 'service', 'default'],
    ['x[\\Orders/]', 'service', 'default'],
    ['x{Orders?}', 'service', 'default'],
    ['x', 'service', 'default'],
    // Products and category words beat the shape; role words only beat generic shapes.
    ['x[(Redis)]', 'cache', 'label'],
    ['x[Orders DB]', 'database', 'label'],
    ['x((Kafka))', 'stream', 'label'],
    ['x[(Users)]', 'database', 'shape'],
    ['x[Users]', 'client', 'label'],
    ['x([Browser])', 'client', 'label'],
    ['x[[Email worker]]', 'worker', 'label'],
    ['x[Payments DLQ]', 'dead-letter-queue', 'label'],
    // Faultline's kind class beats everything (its own exports round-trip exactly).
    ['x[(Redis)]:::queue', 'queue', 'class'],
    ['x[Orders]:::dead_letter_queue', 'dead-letter-queue', 'class'],
  ];

  it.each(shapes)('%s → %s (by %s)', async (node, kind, decidedBy) => {
    const c = component(await plan(`flowchart LR\n  ${node}`), 'x');
    expect(c.kind).toBe(kind);
    expect(c.decidedBy).toBe(decidedBy);
    expect(c.why).not.toBe('');
  });

  it('fills the technology with its canonical spelling and version, and says why', async () => {
    const p = await plan(
      'flowchart LR\n  db[("Orders (postgres 15)")] --> c[(Redis)] --> k["Kafka consumer"]\n  o[(Orders)]:::database',
    );
    expect(component(p, 'db')).toMatchObject({
      kind: 'database',
      technology: 'PostgreSQL 15',
      why: 'label names PostgreSQL',
    });
    expect(component(p, 'o')).toMatchObject({ kind: 'database', technology: '' });
    expect(component(p, 'c')).toMatchObject({ kind: 'cache', technology: 'Redis', why: 'label names Redis' });
    expect(component(p, 'k')).toMatchObject({ kind: 'worker', technology: '', why: 'label says “worker”' });
  });

  it('imports nodes that only appear in edges, and puts nodes in their subgraph', async () => {
    const p = await plan('flowchart LR\n  subgraph g [G]\n    a\n  end\n  a --> b --> c');
    expect(p.components.map((c) => [c.id, c.label, c.parent])).toEqual([
      ['a', 'a', 'g'],
      ['b', 'b', null],
      ['c', 'c', null],
    ]);
  });
});

describe('planImport: boundaries', () => {
  const titles: [title: string, kind: BoundaryKind][] = [
    ['Region', 'region'],
    ['us-east-1', 'region'],
    ['eu-west-2 (primary)', 'region'],
    ['europe-west1', 'region'],
    ['AZ a', 'availability-zone'],
    ['Availability zone 2', 'availability-zone'],
    ['us-east-1a', 'availability-zone'],
    ['Data centre', 'availability-zone'],
    ['VPC', 'vpc'],
    ['Private subnet', 'vpc'],
    ['Trust boundary', 'trust-boundary'],
    ['DMZ', 'trust-boundary'],
    ['Public internet', 'trust-boundary'],
    ['Private network', 'trust-boundary'],
    ['Bulkhead', 'failure-domain'],
    ['Failure domain', 'failure-domain'],
    ['Cell 1', 'failure-domain'],
    ['us-east-1 VPC', 'vpc'],
    ['VPC (us-east-1)', 'vpc'],
    ['Payments', 'bounded-context'],
    ['Kubernetes cluster', 'bounded-context'],
  ];

  it.each(titles)('subgraph "%s" → %s', async (title, kind) => {
    const b = boundary(await plan(`flowchart LR\n  subgraph g ["${title}"]\n    a\n  end`), 'g');
    expect(b.kind).toBe(kind);
    expect(b.label).toBe(title);
  });

  it('takes the kind from Faultline’s boundary class first', async () => {
    const b = boundary(
      await plan('flowchart LR\n  subgraph g ["Payments"]\n    a\n  end\n  class g vpc'),
      'g',
    );
    expect(b).toMatchObject({ kind: 'vpc', decidedBy: 'class' });
  });

  it('nests boundaries for nested subgraphs, parents first', async () => {
    const p = await plan(
      'flowchart LR\n  subgraph r [us-east-1]\n    subgraph z [us-east-1a]\n      a\n    end\n  end\n  subgraph other\n    b\n  end',
    );
    expect(p.boundaries.map((b) => [b.id, b.kind, b.parent])).toEqual([
      ['r', 'region', null],
      ['z', 'availability-zone', 'r'],
      ['other', 'bounded-context', null],
    ]);
  });
});

describe('planImport: connections', () => {
  it('maps edge styles to modes and keeps labels', async () => {
    const p = await plan(
      'flowchart LR\n  a -->|POST /orders| b\n  a -.->|order.created| c\n  a ==>|clicks| d\n  a ~~~ e\n  a --- f',
    );
    expect(p.connections.map((c) => [c.target, c.mode, c.label])).toEqual([
      ['b', 'sync', 'POST /orders'],
      ['c', 'async', 'order.created'],
      ['d', 'stream', 'clicks'],
      ['f', 'sync', ''],
    ]);
    expect(p.skipped).toEqual([
      { edge: 3, start: 'a', end: 'e', reason: expect.stringContaining('invisible link') },
    ]);
    expect(p.notes.join(' ')).toContain('1 invisible link (~~~) was left out');
    expect(p.notes.join(' ')).toContain('without an arrowhead');
  });

  it('can keep invisible links when asked', async () => {
    const p = planImport(await parsed('flowchart LR\n  a ~~~ b'), { keepInvisibleLinks: true });
    expect(p.connections).toHaveLength(1);
    expect(p.skipped).toEqual([]);
  });

  it('marks links into a dead letter queue as failure paths', async () => {
    const p = await plan('flowchart LR\n  w[Worker] -.-> q[Orders queue]\n  w -.->|give up| d[Orders DLQ]');
    expect(p.connections.map((c) => [c.target, c.failurePath])).toEqual([
      ['q', false],
      ['d', true],
    ]);
    expect(p.connections[1]?.why).toContain('into a dead letter queue');
  });

  it('connects boundaries when an edge starts or ends at a subgraph', async () => {
    const built = await imported(
      'flowchart LR\n  subgraph svc [Services]\n    a\n  end\n  user[User] --> svc\n  svc --> db[(DB)]',
    );
    const svc = built.ids.get('svc');
    expect(built.boundaries.map((b) => b.id)).toEqual([svc]);
    expect(built.components.map((c) => c.label)).toEqual(['a', 'User', 'DB']);
    expect(built.connections.map((c) => [c.source, c.target])).toEqual([
      [built.ids.get('user'), svc],
      [svc, built.ids.get('db')],
    ]);
  });

  it('notes two-way links', async () => {
    const p = await plan('flowchart LR\n  a <--> b');
    expect(p.notes.join(' ')).toContain('1 two-way link (<-->) was imported as one connection');
  });
});

describe('planImport: diagram', () => {
  it('takes the direction and the title (front matter first, then accTitle)', async () => {
    expect((await plan('---\ntitle: Checkout\n---\nflowchart RL\n  accTitle: Other\n  a')).title).toBe(
      'Checkout',
    );
    expect((await plan('flowchart BT\n  accTitle: Orders\n  a')).title).toBe('Orders');
    const p = await plan('graph\n  a');
    expect(p.title).toBeNull();
    expect(p.direction).toBe('TB');
  });
});

describe('buildImport', () => {
  const text = [
    'flowchart LR',
    '  subgraph r [Region us-east-1]',
    '    subgraph z1 [AZ a]',
    '      a1[API] --> d1[(Orders DB)]',
    '    end',
    '    subgraph z2 [AZ b]',
    '      a2[API]',
    '      a3[API]',
    '    end',
    '    lb[/LB\\]',
    '  end',
    '  u((User)) --> lb',
    '  lb --> a1 & a2 & a3',
    '  a1 -.-> q>Orders queue] -.-> w[[Worker]] -.-> dlq>DLQ]',
  ].join('\n');

  it('makes valid records with the factories, parents before children', async () => {
    const built = await imported(text);
    expect(validateRecord('diagrams', built.diagram).ok).toBe(true);
    for (const b of built.boundaries) expect(validateRecord('boundaries', b)).toMatchObject({ ok: true });
    for (const c of built.components) expect(validateRecord('components', c)).toMatchObject({ ok: true });
    for (const c of built.connections) expect(validateRecord('connections', c)).toMatchObject({ ok: true });
    expect(built.diagram).toMatchObject({ caseStudyId: 'cs_test', name: 'Test', direction: 'LR', order: 0 });
    const everything = [...built.boundaries, ...built.components, ...built.connections];
    expect(everything.every((r) => r.diagramId === built.diagram.id && r.caseStudyId === 'cs_test')).toBe(
      true,
    );
    const seen = new Set<string>();
    for (const b of built.boundaries) {
      if (b.parentId !== null) expect(seen.has(b.parentId)).toBe(true);
      seen.add(b.id);
    }
    expect(built.components.find((c) => c.label === 'LB')?.parentId).toBe(built.ids.get('r'));
    expect(built.connections.find((c) => c.target === built.ids.get('dlq'))?.failurePath).toBe(true);
  });

  it('lays children out inside their boundary, relative to it, without overlaps', async () => {
    const built = await imported(text);
    const rects = new Map<string | null, { x: number; y: number; w: number; h: number }[]>();
    const sizeOf = new Map(built.boundaries.map((b) => [b.id, b.size]));
    for (const row of [...built.boundaries, ...built.components]) {
      const size = sizeOf.get(row.id) ?? { width: 180, height: 64 };
      const list = rects.get(row.parentId) ?? [];
      list.push({ x: row.position.x, y: row.position.y, w: size.width, h: size.height });
      rects.set(row.parentId, list);
      const parent = row.parentId === null ? undefined : sizeOf.get(row.parentId);
      if (parent) {
        expect(row.position.x).toBeGreaterThanOrEqual(0);
        expect(row.position.y).toBeGreaterThanOrEqual(0);
        expect(row.position.x + size.width).toBeLessThanOrEqual(parent.width);
        expect(row.position.y + size.height).toBeLessThanOrEqual(parent.height);
      }
    }
    for (const list of rects.values())
      for (const [i, a] of list.entries())
        for (const b of list.slice(i + 1))
          expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
  });

  it('applies the user’s overrides of kind, technology and label', async () => {
    const p: ImportPlan = await plan(
      'flowchart LR\n  a[Redis queue] --> b[Thing]\n  subgraph g [G]\n    b\n  end',
    );
    expect(component(p, 'a')).toMatchObject({ kind: 'queue', technology: '' });
    const built = buildImport(
      p,
      {
        components: {
          a: { kind: 'cache' },
          b: { kind: 'dead-letter-queue', technology: 'SQS', label: 'DLQ' },
        },
        boundaries: { g: { kind: 'region', label: 'eu-west-1' } },
      },
      { caseStudyId: 'cs_test', diagramName: 'D', order: 3 },
    );
    expect(built.components.map((c) => [c.kind, c.technology, c.label])).toEqual([
      ['cache', 'Redis', 'Redis queue'],
      ['dead-letter-queue', 'SQS', 'DLQ'],
    ]);
    expect(built.boundaries.map((b) => [b.kind, b.label])).toEqual([['region', 'eu-west-1']]);
    // The target became a dead letter queue: its incoming connection is now a failure path.
    expect(built.connections[0]?.failurePath).toBe(true);
    expect(built.diagram.order).toBe(3);
  });

  it('ignores overrides keyed by inherited property names', async () => {
    const p = await plan('flowchart LR\n  constructor --> toString');
    const built = buildImport(p, { components: {} }, { caseStudyId: 'cs', diagramName: 'D' });
    expect(built.components.map((c) => c.kind)).toEqual(['service', 'service']);
  });
});
