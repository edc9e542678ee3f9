import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ROW_TABLES,
  applyPatch,
  createBoundary,
  createComponent,
  createConnection,
  diffRows,
  emptyPatch,
  isEmptyPatch,
  mergePatches,
  sameData,
  type DiagramRows,
} from '../../../src/lib/model';

const cs = 'cs_patch';
const dgm = 'dgm_patch';

const component = (id: string, extra: Partial<ReturnType<typeof createComponent>> = {}) =>
  createComponent({ caseStudyId: cs, diagramId: dgm, kind: 'service', id, updatedAt: 1, ...extra });
const boundary = (id: string, extra: Partial<ReturnType<typeof createBoundary>> = {}) =>
  createBoundary({ caseStudyId: cs, diagramId: dgm, kind: 'region', id, updatedAt: 1, ...extra });
const connection = (
  id: string,
  source: string,
  target: string,
  extra: Partial<ReturnType<typeof createConnection>> = {},
) => createConnection({ caseStudyId: cs, diagramId: dgm, source, target, id, updatedAt: 1, ...extra });

/** Rows per table sorted by id, without stamps: what "the same diagram" means. */
function canon(rows: DiagramRows) {
  return Object.fromEntries(
    ROW_TABLES.map((t) => [
      t,
      [...rows[t]].sort((a, b) => a.id.localeCompare(b.id)).map(({ updatedAt: _stamp, ...rest }) => rest),
    ]),
  );
}

describe('diffRows / applyPatch', () => {
  const before: DiagramRows = {
    boundaries: [boundary('bnd_1')],
    components: [component('cmp_1'), component('cmp_2', { label: 'Orders' }), component('cmp_3')],
    connections: [connection('con_1', 'cmp_1', 'cmp_2')],
  };
  const after: DiagramRows = {
    boundaries: [boundary('bnd_1')],
    components: [
      component('cmp_1', { position: { x: 40, y: 0 }, updatedAt: 2 }), // moved
      component('cmp_2', { label: 'Orders', updatedAt: 2 }), // stamp only: unchanged
      component('cmp_4', { parentId: 'bnd_1', updatedAt: 2 }), // added (cmp_3 deleted)
    ],
    connections: [connection('con_1', 'cmp_1', 'cmp_2', { label: 'POST /orders', updatedAt: 2 })],
  };
  const { forward, inverse } = diffRows(before, after);

  it('puts only changed and new rows and deletes removed ones', () => {
    expect(forward.put.components.map((c) => c.id)).toEqual(['cmp_1', 'cmp_4']);
    expect(forward.delete.components).toEqual(['cmp_3']);
    expect(forward.put.connections.map((c) => c.label)).toEqual(['POST /orders']);
    expect(forward.put.boundaries).toEqual([]);
    expect(forward.delete.boundaries).toEqual([]);
  });

  it('builds the inverse from the rows as they were', () => {
    expect(inverse.put.components).toEqual([before.components[0], before.components[2]]);
    expect(inverse.delete.components).toEqual(['cmp_4']);
    expect(inverse.put.connections).toEqual(before.connections);
  });

  it('redo gives the after rows; undo gives the before rows', () => {
    expect(canon(applyPatch(before, forward))).toEqual(canon(after));
    expect(applyPatch(applyPatch(before, forward), inverse)).toEqual(before);
  });

  it('keeps row order, replacing in place and appending new rows', () => {
    expect(applyPatch(before, forward).components.map((c) => c.id)).toEqual(['cmp_1', 'cmp_2', 'cmp_4']);
  });

  it('keeps boundaries parents-first when undo brings back a deleted parent', () => {
    const rows: DiagramRows = {
      boundaries: [boundary('bnd_region'), boundary('bnd_zone', { parentId: 'bnd_region' })],
      components: [],
      connections: [],
    };
    // The user deletes the region; the zone is lifted out of it.
    const edited: DiagramRows = { ...rows, boundaries: [boundary('bnd_zone', { updatedAt: 2 })] };
    const { forward, inverse } = diffRows(rows, edited);
    const undone = applyPatch(applyPatch(rows, forward), inverse);
    expect(undone.boundaries.map((b) => b.id)).toEqual(['bnd_region', 'bnd_zone']);
  });

  it('treats a change of updatedAt alone as no change', () => {
    const restamped = { ...before, components: before.components.map((c) => ({ ...c, updatedAt: 99 })) };
    expect(isEmptyPatch(diffRows(before, restamped).forward)).toBe(true);
  });

  it('does not change its inputs', () => {
    const copy = structuredClone(before);
    applyPatch(before, forward);
    expect(before).toEqual(copy);
  });

  it('knows an empty patch', () => {
    expect(isEmptyPatch(emptyPatch())).toBe(true);
    expect(isEmptyPatch(forward)).toBe(false);
    expect(isEmptyPatch(diffRows(before, before).forward)).toBe(true);
  });
});

describe('mergePatches', () => {
  it('lets the later patch win per id', () => {
    const a = component('cmp_1');
    const moved = component('cmp_1', { position: { x: 1, y: 1 } });
    const p1 = emptyPatch();
    p1.put.components.push(a);
    const p2 = emptyPatch();
    p2.delete.components.push('cmp_1');
    expect(mergePatches(p1, p2).put.components).toEqual([]);
    expect(mergePatches(p1, p2).delete.components).toEqual(['cmp_1']);
    const p3 = emptyPatch();
    p3.put.components.push(moved);
    expect(mergePatches(p2, p3).put.components).toEqual([moved]);
    expect(mergePatches(p2, p3).delete.components).toEqual([]);
  });
});

describe('sameData', () => {
  it.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    [null, {}, false],
    ['x', 'x', true],
  ])('compares %j and %j: %s', (a, b, same) => {
    expect(sameData(a, b)).toBe(same);
  });
});

// ---------------------------------------------------------------------------
// Properties over random diagrams: ids drawn from small pools so rows are shared,
// changed, added and removed between two versions.
// ---------------------------------------------------------------------------

const small = fc.integer({ min: -2, max: 2 });
const stamp = fc.integer({ min: 1, max: 3 });
const label = fc.constantFrom('', 'A', 'B', 'Orders "DB"');
const boundaryIds = ['bnd_1', 'bnd_2', 'bnd_3'];
const componentIds = ['cmp_1', 'cmp_2', 'cmp_3', 'cmp_4', 'cmp_5'];
const connectionIds = ['con_1', 'con_2', 'con_3', 'con_4'];

const componentArb = (id: string) =>
  fc
    .record({
      label,
      x: small,
      parentId: fc.constantFrom(null, ...boundaryIds),
      policies: fc.constantFrom(
        {},
        { timeout: { ms: 100 } },
        { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, jitter: 'none' as const } },
      ),
      updatedAt: stamp,
    })
    .map(({ x, ...rest }) => component(id, { ...rest, position: { x, y: 0 } }));
const boundaryArb = (id: string) =>
  fc
    .record({ label, w: fc.nat(3), parentId: fc.constantFrom(null, ...boundaryIds), updatedAt: stamp })
    .map(({ w, ...rest }) => boundary(id, { ...rest, size: { width: w, height: 1 } }));

/** True when walking up from `id` comes back to it. */
function inCycle(rows: DiagramRows, id: string): boolean {
  const byId = new Map(rows.boundaries.map((b) => [b.id, b]));
  let cur = byId.get(id)?.parentId ?? null;
  for (let i = 0; cur !== null && i <= rows.boundaries.length; i++) {
    if (cur === id) return true;
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}
const connectionArb = (id: string) =>
  fc
    .record({
      source: fc.constantFrom(...componentIds),
      target: fc.constantFrom(...componentIds),
      mode: fc.constantFrom('sync' as const, 'async' as const),
      failurePath: fc.boolean(),
      updatedAt: stamp,
    })
    .map(({ source, target, ...rest }) => connection(id, source, target, rest));

const rowsOf = <T>(pool: string[], make: (id: string) => fc.Arbitrary<T>) =>
  fc
    .shuffledSubarray(pool)
    .chain((ids) => (ids.length === 0 ? fc.constant([] as T[]) : fc.tuple(...ids.map(make))));

const diagramArb: fc.Arbitrary<DiagramRows> = fc.record({
  boundaries: rowsOf(boundaryIds, boundaryArb),
  components: rowsOf(componentIds, componentArb),
  connections: rowsOf(connectionIds, connectionArb),
});

describe('patch properties', () => {
  it('apply(before, forward) is after and apply(after, inverse) is before', () => {
    fc.assert(
      fc.property(diagramArb, diagramArb, (before, after) => {
        const { forward, inverse } = diffRows(before, after);
        expect(canon(applyPatch(before, forward))).toEqual(canon(after));
        expect(canon(applyPatch(after, inverse))).toEqual(canon(before));
      }),
      { numRuns: 300 },
    );
  });

  it('undo after redo restores the exact rows, stamps included', () => {
    fc.assert(
      fc.property(diagramArb, diagramArb, (before, after) => {
        const { forward, inverse } = diffRows(before, after);
        const back = applyPatch(applyPatch(before, forward), inverse);
        for (const t of ROW_TABLES) {
          expect(new Map(back[t].map((r) => [r.id, r]))).toEqual(new Map(before[t].map((r) => [r.id, r])));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('two merged patches do what the two do one after the other, and so do their merged inverses', () => {
    fc.assert(
      fc.property(diagramArb, diagramArb, diagramArb, (a, b, c) => {
        const ab = diffRows(a, b);
        const bc = diffRows(b, c);
        const merged = mergePatches(ab.forward, bc.forward);
        expect(canon(applyPatch(a, merged))).toEqual(
          canon(applyPatch(applyPatch(a, ab.forward), bc.forward)),
        );
        expect(canon(applyPatch(a, merged))).toEqual(canon(c));
        const mergedInverse = mergePatches(bc.inverse, ab.inverse);
        expect(canon(applyPatch(c, mergedInverse))).toEqual(canon(a));
      }),
      { numRuns: 200 },
    );
  });

  it('always leaves boundaries with each parent before its children', () => {
    fc.assert(
      fc.property(diagramArb, diagramArb, (before, after) => {
        const { forward, inverse } = diffRows(before, after);
        for (const rows of [applyPatch(before, forward), applyPatch(after, inverse)]) {
          const seen = new Set<string>();
          const ids = new Set(rows.boundaries.map((b) => b.id));
          for (const b of rows.boundaries) {
            if (b.parentId && ids.has(b.parentId) && b.parentId !== b.id) {
              // a parent present in the rows must already have been placed (cycles excepted)
              if (!seen.has(b.parentId) && !inCycle(rows, b.id)) return false;
            }
            seen.add(b.id);
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('a diagram diffed with itself gives an empty patch', () => {
    fc.assert(fc.property(diagramArb, (rows) => isEmptyPatch(diffRows(rows, structuredClone(rows)).forward)));
  });
});
