import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  boxSelection,
  clickSelection,
  EDGE_CHUNK,
  handedEdges,
  mergeById,
} from '../../../src/lib/canvas/edge-handover';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, selected: false }));

describe('handedEdges', () => {
  test('none, the first ones, or all of them as the same array', () => {
    const all = items(5);
    expect(handedEdges(all, 0)).toEqual([]);
    expect(handedEdges(all, 2).map((e) => e.id)).toEqual(['e0', 'e1']);
    expect(handedEdges(all, 5)).toBe(all);
    expect(handedEdges(all, Infinity)).toBe(all);
  });

  test('chunks of EDGE_CHUNK reach every edge, each prefix keeping the objects', () => {
    const all = items(EDGE_CHUNK * 2 + 7);
    let shown = 0;
    let steps = 0;
    while (handedEdges(all, shown) !== all) {
      const part = handedEdges(all, shown);
      expect(part.every((e, i) => e === all[i])).toBe(true);
      shown += EDGE_CHUNK;
      steps++;
    }
    expect(steps).toBe(3);
  });
});

describe('mergeById', () => {
  test('puts written items in place by id and keeps the rest', () => {
    const all = items(4);
    const changed = { ...all[2]!, selected: true };
    const merged = mergeById(all, [all[0]!, changed]);
    expect(merged).not.toBe(all);
    expect(merged[2]).toBe(changed);
    expect(merged[0]).toBe(all[0]);
    expect(merged[3]).toBe(all[3]);
  });

  test('returns the same array when nothing differs (nothing written, a prefix, or itself)', () => {
    const all = items(4);
    expect(mergeById(all, [])).toBe(all);
    expect(mergeById(all, all.slice(0, 2))).toBe(all);
    expect(mergeById(all, all)).toBe(all);
  });

  test('adds written items that are new (a connection just drawn), at the end', () => {
    const all = items(2);
    const drawn = { id: 'new', selected: false };
    expect(mergeById(all, [all[0]!, drawn])).toEqual([all[0], all[1], drawn]);
  });

  test('property: every item stays, in order, new ones follow, and only written objects come in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.uniqueArray(fc.nat(40)), (n, picks) => {
        const all = items(n);
        const written = picks.map((i) => ({ id: `e${i}`, selected: true }));
        const merged = mergeById(all, written);
        const added = written.filter((w) => !all.some((e) => e.id === w.id)).map((w) => w.id);
        expect(merged.map((e) => e.id)).toEqual([...all.map((e) => e.id), ...added]);
        for (const [i, e] of merged.entries()) expect(e === all[i] || written.includes(e)).toBe(true);
      }),
    );
  });
});

describe('clickSelection', () => {
  test('a plain click selects only that connection', () => {
    expect([...clickSelection(new Set(['a', 'b']), 'c', false)]).toEqual(['c']);
  });

  test('with the multi-selection key it adds, or removes one already selected', () => {
    expect([...clickSelection(new Set(['a']), 'c', true)].sort()).toEqual(['a', 'c']);
    expect([...clickSelection(new Set(['a', 'c']), 'c', true)]).toEqual(['a']);
  });
});

describe('boxSelection', () => {
  const edges = [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c' },
    { id: 'cd', source: 'c', target: 'd' },
  ];

  test('selects the nodes in the box and every connection touching one of them, as Svelte Flow does', () => {
    expect([...boxSelection(new Set(['a', 'b']), edges)].sort()).toEqual(['a', 'ab', 'b', 'bc']);
  });

  test('selects no connection for an empty box', () => {
    expect(boxSelection(new Set(), edges).size).toBe(0);
  });
});
