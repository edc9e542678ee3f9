// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  FAILURE_LINK_STYLE,
  FLOWCHART_CLASS_DEFS,
  buildFlowchart,
  exportFlowchart,
  kindClass,
} from '../../../src/lib/export/mermaid';
import {
  BOUNDARY_KINDS,
  createBoundary,
  createComponent,
  createConnection,
  createDiagram,
  LAYOUT_DIRECTIONS,
  type CaseStudyBundle,
  type Diagram,
} from '../../../src/lib/model';
import type { DiagramRows } from '../../../src/lib/model/patch';
import { boundaryByLabel, componentByLabel, connectionByLabel } from '../../fixtures/sample-bundle';
import { HOSTILE_FRAGMENTS } from './arbitraries';
import { expectFaithful } from './expect-flowchart';
import { deterministicSampleBundle, expectGolden, readFlowchart } from './harness';

const bundle = deterministicSampleBundle();
const diagramNamed = (b: CaseStudyBundle, name: string): Diagram => {
  const d = b.diagrams.find((x) => x.name === name);
  if (!d) throw new Error(`no diagram ${name}`);
  return d;
};
const rowsOf = (b: CaseStudyBundle): DiagramRows => ({
  components: b.components,
  boundaries: b.boundaries,
  connections: b.connections,
});

async function exportAndRead(diagram: Diagram, rows: DiagramRows, includePolicies = true) {
  const exported = buildFlowchart(diagram, rows, { includePolicies });
  const back = await readFlowchart(exported.text);
  expectFaithful(diagram, rows, exported, back, includePolicies);
  return { exported, back };
}

function emptyDiagram(init: Partial<Diagram> = {}) {
  const diagram = createDiagram({ caseStudyId: 'cs_t', name: 'Test', ...init });
  const rows: DiagramRows = { components: [], boundaries: [], connections: [] };
  const on = { caseStudyId: 'cs_t', diagramId: diagram.id };
  return { diagram, rows, on };
}

describe('flowchart export of the sample case study', () => {
  it('matches the golden files', () => {
    expectGolden('checkout.flowchart', exportFlowchart(diagramNamed(bundle, 'Checkout'), rowsOf(bundle)));
    expectGolden('refunds.flowchart', exportFlowchart(diagramNamed(bundle, 'Refunds'), rowsOf(bundle)));
  });

  it('parses, and Mermaid reads back every label, shape, boundary and edge', async () => {
    for (const d of bundle.diagrams) await exportAndRead(d, rowsOf(bundle));
  });

  it('exports only the rows of the diagram asked for', async () => {
    const { back } = await exportAndRead(diagramNamed(bundle, 'Refunds'), rowsOf(bundle));
    expect([...back.vertices.values()].map((v) => v.text).sort()).toEqual(['Price cache', 'Refund service']);
    expect([...back.subgraphs.values()].map((s) => s.title)).toEqual(['PCI scope']);
  });

  it('nests the availability zone inside the region, with each component in its boundary', async () => {
    const { exported, back } = await exportAndRead(diagramNamed(bundle, 'Checkout'), rowsOf(bundle));
    const id = (recordId: string) => exported.ids.get(recordId) ?? '';
    const region = back.subgraphs.get(id(boundaryByLabel(bundle, 'eu-west-1').id));
    const zone = back.subgraphs.get(id(boundaryByLabel(bundle, 'eu-west-1a').id));
    expect(region?.nodes).toContain(id(boundaryByLabel(bundle, 'eu-west-1a').id));
    expect(region?.nodes).toContain(id(componentByLabel(bundle, 'API gateway').id));
    expect(zone?.nodes).toContain(id(componentByLabel(bundle, 'Orders DB').id));
    expect(region?.classes).toEqual(['region']);
    expect(zone?.classes).toEqual(['availability_zone']);
  });

  it('draws the error flow loud: DLQ and external classes, the failure edge red and dashed', async () => {
    const { exported, back } = await exportAndRead(diagramNamed(bundle, 'Checkout'), rowsOf(bundle));
    const id = (recordId: string) => exported.ids.get(recordId) ?? '';
    expect(back.vertices.get(id(componentByLabel(bundle, 'Payment DLQ').id))?.classes).toEqual([
      'dead_letter_queue',
      'dlq',
    ]);
    expect(back.vertices.get(id(componentByLabel(bundle, 'Stripe').id))?.classes).toEqual([
      'external_service',
      'external',
    ]);
    expect(back.vertices.get(id(componentByLabel(bundle, 'Orders DB').id))?.type).toBe('cylinder');
    expect([...back.classDefs.keys()].sort()).toEqual(['availability_zone', 'dlq', 'external', 'region']);
    expect(back.classDefs.get('dlq')).toEqual(FLOWCHART_CLASS_DEFS.dlq.split(','));

    const toDlq = connectionByLabel(bundle, 'after 5 deliveries');
    const index = exported.edges.findIndex((e) => e.connectionId === toDlq.id);
    expect(back.edges[index]).toMatchObject({ text: 'after 5 deliveries', stroke: 'dotted' });
    // Mermaid adds fill:none to every linkStyle.
    expect(back.edges[index]?.style).toEqual(expect.arrayContaining(FAILURE_LINK_STYLE.split(',')));
    expect(back.edges.filter((e) => e.style.length > 0)).toHaveLength(1);
  });

  it('summarises resilience policies on edge labels, or leaves them out when asked', async () => {
    const d = diagramNamed(bundle, 'Checkout');
    const { back } = await exportAndRead(d, rowsOf(bundle));
    const texts = back.edges.map((e) => e.text);
    expect(texts).toContain('POST /orders · ⏱2s ⟳3 ⚡CB');
    expect(texts).toContain('POST /v1/payment_intents · ⏱3s ⟳4 ⚡CB ↩FB');
    expect(texts).toContain('payment.requested · ≡ID');
    const plain = await exportAndRead(d, rowsOf(bundle), false);
    expect(plain.back.edges.map((e) => e.text)).toContain('POST /orders');
  });

  it('is deterministic and does not depend on the order of the rows', () => {
    const d = diagramNamed(bundle, 'Checkout');
    const rows = rowsOf(bundle);
    const reversed: DiagramRows = {
      components: [...rows.components].reverse(),
      boundaries: [...rows.boundaries].reverse(),
      connections: [...rows.connections].reverse(),
    };
    expect(exportFlowchart(d, reversed)).toBe(exportFlowchart(d, rows));
  });

  it('keeps ids when labels change or components are added', () => {
    const d = diagramNamed(bundle, 'Checkout');
    const before = buildFlowchart(d, rowsOf(bundle)).ids;
    const renamed = rowsOf(bundle);
    renamed.components = renamed.components.map((c) => ({ ...c, label: `${c.label} v2` }));
    renamed.components.push(createComponent({ caseStudyId: d.caseStudyId, diagramId: d.id, kind: 'cache' }));
    const after = buildFlowchart(d, renamed).ids;
    for (const [recordId, id] of before) expect(after.get(recordId)).toBe(id);
  });
});

describe('flowchart export edge cases', () => {
  it('has a style for every boundary kind', () => {
    for (const kind of BOUNDARY_KINDS) expect(Object.keys(FLOWCHART_CLASS_DEFS)).toContain(kindClass(kind));
  });

  it('exports an empty diagram as a flowchart Mermaid accepts', async () => {
    const { diagram, rows } = emptyDiagram({ direction: 'TB', name: 'Nothing yet' });
    const text = exportFlowchart(diagram, rows);
    expect(text).toBe('flowchart TB\n  accTitle: Nothing yet\n  %% This diagram has no components yet.\n');
    const back = await readFlowchart(text);
    expect(back.vertices.size).toBe(0);
    expect(back.direction).toBe('TB');
    await exportAndRead({ ...diagram, name: '' }, rows);
  });

  it('writes each layout direction', async () => {
    for (const direction of LAYOUT_DIRECTIONS) {
      const { diagram, rows, on } = emptyDiagram({ direction });
      rows.components.push(createComponent({ ...on, kind: 'service' }));
      const { back } = await exportAndRead(diagram, rows);
      expect(back.direction).toBe(direction);
    }
  });

  it('draws async edges dotted and streams thick, and connects boundaries', async () => {
    const { diagram, rows, on } = emptyDiagram();
    const outer = createBoundary({ ...on, kind: 'region' });
    const inner = createBoundary({ ...on, kind: 'failure-domain', parentId: outer.id });
    const producer = createComponent({ ...on, kind: 'service', parentId: inner.id });
    const topic = createComponent({ ...on, kind: 'stream' });
    rows.boundaries.push(outer, inner);
    rows.components.push(producer, topic);
    rows.connections.push(
      createConnection({ ...on, source: producer.id, target: topic.id, mode: 'stream', label: 'events' }),
      createConnection({ ...on, source: topic.id, target: inner.id, mode: 'async' }),
      createConnection({ ...on, source: outer.id, target: topic.id, label: 'health' }),
      createConnection({ ...on, source: outer.id, target: inner.id, mode: 'stream', failurePath: true }),
    );
    const { back, exported } = await exportAndRead(diagram, rows);
    expect(back.edges.map((e) => e.stroke).sort()).toEqual(['dotted', 'normal', 'thick', 'thick']);
    expect(exported.text).toContain(' ==>|"events"| ');
    expect(back.subgraphs.get(exported.ids.get(outer.id) ?? '')?.nodes).toEqual([exported.ids.get(inner.id)]);
  });

  it('marks a component reached only by failure paths', async () => {
    const { diagram, rows, on } = emptyDiagram();
    const api = createComponent({ ...on, kind: 'service', label: 'API' });
    const fallback = createComponent({ ...on, kind: 'cache', label: 'Stale prices' });
    const db = createComponent({ ...on, kind: 'database', label: 'Prices' });
    rows.components.push(api, fallback, db);
    rows.connections.push(
      createConnection({ ...on, source: api.id, target: db.id, label: 'read' }),
      createConnection({
        ...on,
        source: api.id,
        target: fallback.id,
        label: 'on timeout',
        failurePath: true,
      }),
    );
    const { back, exported } = await exportAndRead(diagram, rows);
    expect(back.vertices.get(exported.ids.get(fallback.id) ?? '')?.classes).toEqual(['cache', 'failure']);
    expect(back.vertices.get(exported.ids.get(db.id) ?? '')?.classes).toEqual(['database']);
    expect(back.classDefs.has('failure')).toBe(true);
  });

  it('skips connections whose ends are not in the diagram, and repairs bad parents', async () => {
    const { diagram, rows, on } = emptyDiagram();
    const a = createBoundary({ ...on, kind: 'vpc', label: 'A' });
    const b = createBoundary({ ...on, kind: 'vpc', label: 'B', parentId: a.id });
    a.parentId = b.id; // a cycle
    const orphan = createBoundary({ ...on, kind: 'vpc', label: 'orphan', parentId: 'bnd_gone' });
    const svc = createComponent({ ...on, kind: 'service', parentId: 'cmp_not_a_boundary' });
    const elsewhere = createComponent({ caseStudyId: 'cs_t', diagramId: 'dgm_other', kind: 'service' });
    rows.boundaries.push(a, b, orphan);
    rows.components.push(svc, elsewhere);
    const dangling = createConnection({ ...on, source: svc.id, target: 'cmp_deleted' });
    const crossDiagram = createConnection({ ...on, source: svc.id, target: elsewhere.id });
    rows.connections.push(dangling, crossDiagram, createConnection({ ...on, source: svc.id, target: b.id }));
    const { exported, back } = await exportAndRead(diagram, rows);
    expect(exported.skippedConnectionIds.sort()).toEqual([dangling.id, crossDiagram.id].sort());
    expect(back.subgraphs.size).toBe(3);
    expect(back.edges).toHaveLength(1);
  });

  it('survives every hostile fragment as a label, an edge label, a boundary title and a diagram name', async () => {
    const { diagram, rows, on } = emptyDiagram();
    let previous = createComponent({ ...on, kind: 'client', label: 'start' });
    rows.components.push(previous);
    for (const [i, text] of HOSTILE_FRAGMENTS.entries()) {
      const boundary = createBoundary({ ...on, kind: 'bounded-context', label: text });
      const c = createComponent({
        ...on,
        kind: 'queue',
        label: `${text}|${i}|${text}`,
        parentId: boundary.id,
        position: { x: i * 10, y: 0 },
      });
      rows.boundaries.push(boundary);
      rows.components.push(c);
      rows.connections.push(createConnection({ ...on, source: previous.id, target: c.id, label: text }));
      previous = c;
    }
    const { back } = await exportAndRead({ ...diagram, name: HOSTILE_FRAGMENTS.join('') }, rows);
    expect(back.vertices.size).toBe(HOSTILE_FRAGMENTS.length + 1);
    for (const text of HOSTILE_FRAGMENTS) {
      const named = await readFlowchart(
        exportFlowchart(
          { ...diagram, name: text },
          { components: [previous], boundaries: [], connections: [] },
        ),
      );
      expect(named.accTitle).toBe(text.trim() === '' ? '' : text.replace(/\r\n|\r|\n/g, ' '));
    }
  });

  it('keeps a 300-component, 450-connection diagram parseable', async () => {
    const { diagram, rows, on } = emptyDiagram();
    for (let i = 0; i < 10; i++) rows.boundaries.push(createBoundary({ ...on, kind: 'availability-zone' }));
    for (let i = 0; i < 300; i++) {
      rows.components.push(
        createComponent({
          ...on,
          kind: 'service',
          label: `svc ${i}`,
          parentId: rows.boundaries[i % 12]?.id ?? null,
        }),
      );
    }
    for (let i = 0; i < 450; i++) {
      const source = rows.components[i % 300]?.id ?? '';
      const target = rows.components[(i * 7 + 1) % 300]?.id ?? '';
      rows.connections.push(
        createConnection({ ...on, source, target, label: `call ${i}`, failurePath: i % 9 === 0 }),
      );
    }
    const { back } = await exportAndRead(diagram, rows);
    expect(back.edges).toHaveLength(450);
  });
});
