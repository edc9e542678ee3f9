import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CLIPBOARD_TYPE,
  copySelection,
  duplicateSelection,
  parseClipboard,
  pastePayload,
  pasteWithIdMap,
  payloadOrigin,
  serializeClipboard,
  type ClipboardPayload,
} from '../../../src/lib/canvas/clipboard';
import { createBoundary, createComponent, createConnection } from '../../../src/lib/model/factories';
import { idKindOf } from '../../../src/lib/model/ids';
import type { DiagramRows } from '../../../src/lib/model/patch';
import { validateRecord } from '../../../src/lib/model/schema';
import type { Boundary, Component, Connection, Id, XY } from '../../../src/lib/model/types';

const here = { caseStudyId: 'cs_here', diagramId: 'dgm_here' };
const elsewhere = { caseStudyId: 'cs_other', diagramId: 'dgm_other' };

/**
 * region (100,50) ⊃ zone (20,40) ⊃ api (10,30)
 * region ⊃ cache (300,40); db and dlq top level.
 */
function sample() {
  const region = createBoundary({ ...here, kind: 'region', label: 'eu-west-1', position: { x: 100, y: 50 } });
  const zone = createBoundary({
    ...here,
    kind: 'availability-zone',
    label: 'eu-west-1a',
    parentId: region.id,
    position: { x: 20, y: 40 },
  });
  const dlq = createComponent({
    ...here,
    kind: 'dead-letter-queue',
    label: 'DLQ',
    position: { x: 900, y: 400 },
  });
  const api = createComponent({
    ...here,
    kind: 'service',
    label: 'API',
    parentId: zone.id,
    position: { x: 10, y: 30 },
    policies: { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } },
  });
  const cache = createComponent({
    ...here,
    kind: 'cache',
    label: 'Cache',
    parentId: region.id,
    position: { x: 300, y: 40 },
  });
  const db = createComponent({ ...here, kind: 'database', label: 'DB', position: { x: 700, y: 100 } });
  const apiCache = createConnection({ ...here, source: api.id, target: cache.id, label: 'GET' });
  const apiDb = createConnection({ ...here, source: api.id, target: db.id, label: 'SELECT' });
  const apiDlq = createConnection(
    {
      ...here,
      source: api.id,
      target: dlq.id,
      label: 'failed',
      policies: { deadLetter: { targetId: dlq.id, maxDeliveries: 3 } },
    },
    'dead-letter-queue',
  );
  const rows: DiagramRows = {
    components: [api, cache, db, dlq],
    boundaries: [region, zone],
    connections: [apiCache, apiDb, apiDlq],
  };
  return { rows, region, zone, api, cache, db, dlq, apiCache, apiDb, apiDlq };
}

function must<T>(x: T | null | undefined): T {
  if (x === null || x === undefined) throw new Error('expected a value');
  return x;
}

const byLabel = <T extends { label: string }>(list: T[], label: string): T =>
  must(list.find((x) => x.label === label));

describe('copy and paste', () => {
  test('copying two connected components keeps the connection between them, with new ids on paste', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.api.id, s.db.id])));
    expect(payload.type).toBe(CLIPBOARD_TYPE);
    expect(payload.components.map((c) => c.label)).toEqual(['API', 'DB']);
    expect(payload.connections.map((c) => c.label)).toEqual(['SELECT']);

    const pasted = pastePayload(payload, here, { x: 40, y: 40 });
    const api = byLabel(pasted.components, 'API');
    const db = byLabel(pasted.components, 'DB');
    const [link] = pasted.connections;
    expect(pasted.connections).toHaveLength(1);
    expect(link?.source).toBe(api.id);
    expect(link?.target).toBe(db.id);
    for (const row of [api, db, must(link)]) {
      expect([s.api.id, s.db.id, s.apiDb.id]).not.toContain(row.id);
    }
    expect(idKindOf(api.id)).toBe('component');
    expect(idKindOf(must(link).id)).toBe('connection');
  });

  test('a selected connection whose other end is not copied is left out', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.api.id, s.apiDb.id, s.apiCache.id])));
    expect(payload.components.map((c) => c.label)).toEqual(['API']);
    expect(payload.connections).toEqual([]);
  });

  test('copying a boundary copies everything nested inside it, however deep', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.region.id])));
    expect(payload.boundaries.map((b) => b.label)).toEqual(['eu-west-1', 'eu-west-1a']);
    expect(payload.components.map((c) => c.label).sort()).toEqual(['API', 'Cache']);
    expect(payload.connections.map((c) => c.label)).toEqual(['GET']);
    // The nested ones keep their parents and relative positions.
    expect(byLabel(payload.components, 'API').position).toEqual({ x: 10, y: 30 });
    expect(byLabel(payload.boundaries, 'eu-west-1a').parentId).toBe(s.region.id);
  });

  test('a node copied without its parent becomes top level at its absolute position', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.api.id, s.zone.id, s.cache.id])));
    const zone = byLabel(payload.boundaries, 'eu-west-1a');
    expect(zone.parentId).toBeNull();
    expect(zone.position).toEqual({ x: 120, y: 90 });
    const api = byLabel(payload.components, 'API');
    expect(api.parentId).toBe(s.zone.id);
    expect(api.position).toEqual({ x: 10, y: 30 });
    const cache = byLabel(payload.components, 'Cache');
    expect(cache.parentId).toBeNull();
    expect(cache.position).toEqual({ x: 400, y: 90 });

    const onlyApi = must(copySelection(s.rows, new Set([s.api.id])));
    expect(onlyApi.components[0]?.position).toEqual({ x: 130, y: 120 });
    expect(onlyApi.components[0]?.parentId).toBeNull();
    // The rows themselves are untouched.
    expect(s.api.position).toEqual({ x: 10, y: 30 });
    expect(s.api.parentId).toBe(s.zone.id);
  });

  test('nothing copyable selected gives null', () => {
    const s = sample();
    expect(copySelection(s.rows, new Set())).toBeNull();
    expect(copySelection(s.rows, new Set([s.apiDb.id]))).toBeNull();
    expect(copySelection(s.rows, new Set(['cmp_gone']))).toBeNull();
    expect(duplicateSelection(s.rows, new Set(), { x: 10, y: 10 })).toBeNull();
  });

  test('pasting into another case study and diagram sets the target and shifts top-level nodes by the offset', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.region.id, s.db.id])));
    const pasted = pastePayload(payload, elsewhere, { x: 1000, y: -20 });
    for (const row of [...pasted.components, ...pasted.boundaries, ...pasted.connections]) {
      expect(row.caseStudyId).toBe(elsewhere.caseStudyId);
      expect(row.diagramId).toBe(elsewhere.diagramId);
    }
    expect(byLabel(pasted.boundaries, 'eu-west-1').position).toEqual({ x: 1100, y: 30 });
    expect(byLabel(pasted.components, 'DB').position).toEqual({ x: 1700, y: 80 });
    // Nested nodes keep their relative positions inside their (new) parents.
    const region = byLabel(pasted.boundaries, 'eu-west-1');
    const zone = byLabel(pasted.boundaries, 'eu-west-1a');
    expect(zone.parentId).toBe(region.id);
    expect(zone.position).toEqual({ x: 20, y: 40 });
    expect(byLabel(pasted.components, 'API').parentId).toBe(zone.id);
    expect(pasted.boundaries.map((b) => b.label)).toEqual(['eu-west-1', 'eu-west-1a']);
  });

  test('dead-letter targets follow the copied DLQ, and are cleared when it was not copied', () => {
    const s = sample();
    const withDlq = pastePayload(must(copySelection(s.rows, new Set([s.api.id, s.dlq.id]))), here, {
      x: 0,
      y: 0,
    });
    const dlq = byLabel(withDlq.components, 'DLQ');
    expect(byLabel(withDlq.components, 'API').policies.deadLetter).toEqual({
      targetId: dlq.id,
      maxDeliveries: 5,
    });
    expect(withDlq.connections[0]?.policies.deadLetter?.targetId).toBe(dlq.id);
    expect(withDlq.connections[0]?.failurePath).toBe(true);

    const withoutDlq = pastePayload(must(copySelection(s.rows, new Set([s.api.id]))), here, { x: 0, y: 0 });
    expect(withoutDlq.components[0]?.policies.deadLetter).toEqual({ targetId: '', maxDeliveries: 5 });
    // The original is untouched.
    expect(s.api.policies.deadLetter?.targetId).toBe(s.dlq.id);
  });

  test('pasted rows are valid records', () => {
    const s = sample();
    const pasted = pastePayload(
      must(copySelection(s.rows, new Set([s.region.id, s.db.id, s.dlq.id]))),
      elsewhere,
      {
        x: 5,
        y: 5,
      },
    );
    for (const c of pasted.components) expect(validateRecord('components', c).ok).toBe(true);
    for (const b of pasted.boundaries) expect(validateRecord('boundaries', b).ok).toBe(true);
    for (const c of pasted.connections) expect(validateRecord('connections', c).ok).toBe(true);
  });

  test('duplicating a selection pastes a shifted copy into the same diagram', () => {
    const s = sample();
    const copy = must(duplicateSelection(s.rows, new Set([s.zone.id]), { x: 24, y: 24 }));
    expect(copy.boundaries).toHaveLength(1);
    expect(copy.boundaries[0]?.diagramId).toBe(here.diagramId);
    expect(copy.boundaries[0]?.parentId).toBeNull();
    expect(copy.boundaries[0]?.position).toEqual({ x: 144, y: 114 });
    expect(copy.components.map((c) => c.label)).toEqual(['API']);
    expect(copy.components[0]?.parentId).toBe(copy.boundaries[0]?.id);
  });

  test('payloadOrigin is the top-left of the top-level nodes', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.api.id, s.db.id])));
    expect(payloadOrigin(payload)).toEqual({ x: 130, y: 100 });
  });
});

describe('parseClipboard', () => {
  test('reads back what serializeClipboard wrote', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.region.id, s.db.id])));
    expect(parseClipboard(serializeClipboard(payload))).toEqual({ ok: true, payload });
  });

  test('rejects text that is not Faultline data, saying why', () => {
    const notJson = parseClipboard('Hello from another app');
    expect(notJson).toEqual({ ok: false, error: expect.stringMatching(/not JSON/) });
    const otherJson = parseClipboard('{"nodes": []}');
    expect(otherJson).toEqual({
      ok: false,
      error: expect.stringMatching(/does not hold Faultline components/),
    });
    expect(parseClipboard('')).toMatchObject({ ok: false });
    expect(parseClipboard('null')).toMatchObject({ ok: false });
    expect(parseClipboard('[1,2]')).toMatchObject({ ok: false });
    const newer = parseClipboard(JSON.stringify({ type: CLIPBOARD_TYPE, version: 2 }));
    expect(newer).toEqual({ ok: false, error: expect.stringMatching(/newer version/) });
  });

  test('rejects invalid rows, naming the row and the field', () => {
    const s = sample();
    const payload = must(copySelection(s.rows, new Set([s.api.id, s.db.id])));
    const broken = JSON.parse(serializeClipboard(payload)) as { components: Record<string, unknown>[] };
    broken.components[1] = { ...broken.components[1], position: { x: 'left', y: 0 } };
    const result = parseClipboard(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/components\[1\]\.position\.x/);
      expect(result.error).toMatch(/not pasted/);
    }

    const missing = parseClipboard(JSON.stringify({ type: CLIPBOARD_TYPE, version: 1, components: [] }));
    expect(missing).toEqual({ ok: false, error: expect.stringMatching(/boundaries: expected a list/) });

    const twice = { ...payload, components: [payload.components[0], payload.components[0]] };
    expect(parseClipboard(JSON.stringify(twice))).toEqual({
      ok: false,
      error: expect.stringMatching(/appears twice/),
    });
  });

  test('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ type: CLIPBOARD_TYPE, version: 1, components: v })),
        ),
        (text) => {
          const result = parseClipboard(text);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });

  test('a hostile payload pastes without parent loops or dangling connections', () => {
    const a = createBoundary({ ...here, id: 'bnd_a', kind: 'region', parentId: 'bnd_b' });
    const b = createBoundary({ ...here, id: 'bnd_b', kind: 'region', parentId: 'bnd_a' });
    const c = createComponent({
      ...here,
      kind: 'service',
      parentId: 'bnd_elsewhere',
      position: { x: 5, y: 5 },
    });
    const dangling = createConnection({ ...here, source: c.id, target: 'cmp_elsewhere' });
    const payload: ClipboardPayload = {
      type: CLIPBOARD_TYPE,
      version: 1,
      components: [c],
      boundaries: [a, b],
      connections: [dangling],
    };
    const parsed = parseClipboard(serializeClipboard(payload));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const pasted = pastePayload(parsed.payload, here, { x: 10, y: 10 });
    expect(pasted.connections).toEqual([]);
    expect(pasted.components[0]?.parentId).toBeNull();
    expect(pasted.components[0]?.position).toEqual({ x: 15, y: 15 });
    expect(pasted.boundaries.filter((x) => x.parentId === null)).toHaveLength(1);
    const [first, second] = pasted.boundaries;
    expect(first?.parentId).toBeNull();
    expect(second?.parentId).toBe(first?.id);
  });
});

// ---------------------------------------------------------------------------
// Property: copy → serialize → parse → paste keeps the copied graph.
// ---------------------------------------------------------------------------

interface Shape {
  boundaries: { parent: number | null; x: number; y: number }[];
  components: { parent: number | null; x: number; y: number; dlq: number | null }[];
  connections: { source: number; target: number; dlq: number | null }[];
  selected: number[];
}

const coord = fc.integer({ min: -2000, max: 2000 });

const shapes: fc.Arbitrary<Shape> = fc
  .record({
    nb: fc.nat({ max: 5 }),
    nc: fc.integer({ min: 1, max: 8 }),
  })
  .chain(({ nb, nc }) => {
    const boundaryIndex = nb === 0 ? fc.constant(null) : fc.option(fc.nat({ max: nb - 1 }), { nil: null });
    const nodeIndex = fc.nat({ max: nb + nc - 1 });
    return fc.record({
      boundaries: fc.tuple(
        ...Array.from({ length: nb }, (_, i) =>
          fc.record({
            // Only earlier boundaries as parents: a tree, as the canvas keeps it.
            parent: i === 0 ? fc.constant(null) : fc.option(fc.nat({ max: i - 1 }), { nil: null }),
            x: coord,
            y: coord,
          }),
        ),
      ),
      components: fc.array(
        fc.record({ parent: boundaryIndex, x: coord, y: coord, dlq: fc.option(nodeIndex, { nil: null }) }),
        { minLength: nc, maxLength: nc },
      ),
      connections: fc.array(
        fc.record({ source: nodeIndex, target: nodeIndex, dlq: fc.option(nodeIndex, { nil: null }) }),
        { maxLength: 12 },
      ),
      selected: fc.uniqueArray(fc.nat({ max: nb + nc + 11 }), { maxLength: nb + nc + 12 }),
    });
  });

function buildRows(shape: Shape): { rows: DiagramRows; selected: Set<Id> } {
  const boundaries: Boundary[] = shape.boundaries.map((b, i) =>
    createBoundary({
      ...here,
      id: `bnd_${i}`,
      kind: 'region',
      parentId: b.parent === null ? null : `bnd_${b.parent}`,
      position: { x: b.x, y: b.y },
    }),
  );
  const nodeId = (i: number) => (i < boundaries.length ? `bnd_${i}` : `cmp_${i - boundaries.length}`);
  const components: Component[] = shape.components.map((c, i) =>
    createComponent({
      ...here,
      id: `cmp_${i}`,
      kind: 'service',
      parentId: c.parent === null ? null : `bnd_${c.parent}`,
      position: { x: c.x, y: c.y },
      policies: c.dlq === null ? {} : { deadLetter: { targetId: nodeId(c.dlq), maxDeliveries: 3 } },
    }),
  );
  const connections: Connection[] = shape.connections.map((c, i) =>
    createConnection({
      ...here,
      id: `con_${i}`,
      source: nodeId(c.source),
      target: nodeId(c.target),
      policies: c.dlq === null ? {} : { deadLetter: { targetId: nodeId(c.dlq), maxDeliveries: 3 } },
    }),
  );
  const all = [...boundaries, ...components, ...connections].map((r) => r.id);
  const selected = new Set(shape.selected.map((i) => all[i]).filter((id): id is Id => id !== undefined));
  return { rows: { boundaries, components, connections }, selected };
}

function absolute(id: Id, rows: DiagramRows): XY {
  const nodes = new Map<Id, Component | Boundary>(
    [...rows.components, ...rows.boundaries].map((n) => [n.id, n]),
  );
  let node = nodes.get(id);
  let x = 0;
  let y = 0;
  while (node) {
    x += node.position.x;
    y += node.position.y;
    node = node.parentId === null ? undefined : nodes.get(node.parentId);
  }
  return { x, y };
}

describe('clipboard round trip (property)', () => {
  test('copy → serialize → parse → paste gives the copied graph under new ids', () => {
    fc.assert(
      fc.property(shapes, coord, coord, (shape, dx, dy) => {
        const { rows, selected } = buildRows(shape);
        const parentOf = new Map<Id, Id | null>(
          [...rows.components, ...rows.boundaries].map((n) => [n.id, n.parentId]),
        );
        // Expected: a node is copied when it, or any boundary around it, is selected.
        const copied = new Set(
          [...parentOf.keys()].filter((id) => {
            for (let cur: Id | null | undefined = id; cur; cur = parentOf.get(cur))
              if (selected.has(cur)) return true;
            return false;
          }),
        );
        const expectedConnections = rows.connections.filter(
          (c) => copied.has(c.source) && copied.has(c.target),
        );

        const payload = copySelection(rows, selected);
        if (copied.size === 0) {
          expect(payload).toBeNull();
          return;
        }
        if (!payload) throw new Error('expected a payload');
        expect(new Set([...payload.components, ...payload.boundaries].map((n) => n.id))).toEqual(copied);
        expect(payload.connections.map((c) => c.id)).toEqual(expectedConnections.map((c) => c.id));

        const parsed = parseClipboard(serializeClipboard(payload));
        if (!parsed.ok) throw new Error(parsed.error);
        expect(parsed.payload).toEqual(payload);

        const offset = { x: dx, y: dy };
        const { rows: pasted, idMap } = pasteWithIdMap(parsed.payload, elsewhere, offset);
        expect(pasted.components).toHaveLength(payload.components.length);
        expect(pasted.boundaries).toHaveLength(payload.boundaries.length);
        expect(pasted.connections).toHaveLength(payload.connections.length);

        // Fresh, distinct, valid ids.
        const newIds = [...pasted.components, ...pasted.boundaries, ...pasted.connections].map((r) => r.id);
        expect(new Set(newIds).size).toBe(newIds.length);
        for (const id of newIds)
          expect(parentOf.has(id) || rows.connections.some((c) => c.id === id)).toBe(false);
        for (const c of pasted.components) expect(validateRecord('components', c).ok).toBe(true);
        for (const b of pasted.boundaries) expect(validateRecord('boundaries', b).ok).toBe(true);
        for (const c of pasted.connections) expect(validateRecord('connections', c).ok).toBe(true);

        // Isomorphic: every edge, parent link and dead-letter target maps through the id map.
        const map = (id: Id) => must(idMap.get(id));
        const pastedById = new Map<Id, Component | Boundary | Connection>(
          [...pasted.components, ...pasted.boundaries, ...pasted.connections].map((r) => [r.id, r]),
        );
        for (const c of expectedConnections) {
          const p = pastedById.get(map(c.id)) as Connection;
          expect([p.source, p.target]).toEqual([map(c.source), map(c.target)]);
          const dl = c.policies.deadLetter;
          if (dl)
            expect(p.policies.deadLetter?.targetId).toBe(copied.has(dl.targetId) ? map(dl.targetId) : '');
        }
        for (const id of copied) {
          const original = must([...rows.components, ...rows.boundaries].find((n) => n.id === id));
          const p = pastedById.get(map(id)) as Component | Boundary;
          const parent = original.parentId;
          expect(p.parentId).toBe(parent !== null && copied.has(parent) ? map(parent) : null);
          // Everything lands where it was, moved by the offset.
          const before = absolute(id, rows);
          expect(absolute(p.id, pasted)).toEqual({ x: before.x + dx, y: before.y + dy });
          const dl = 'policies' in original ? original.policies.deadLetter : undefined;
          if (dl && 'policies' in p) {
            expect(p.policies.deadLetter?.targetId).toBe(copied.has(dl.targetId) ? map(dl.targetId) : '');
          }
        }
        // Parents before children.
        const seen = new Set<Id>();
        for (const b of pasted.boundaries) {
          if (b.parentId !== null) expect(seen.has(b.parentId)).toBe(true);
          seen.add(b.id);
        }
      }),
      { numRuns: 300 },
    );
  });
});
