import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  connectionCrosses,
  contains,
  HiddenCopies,
  needsRecull,
  overlaps,
  paddedRect,
  renderedIds,
  type Box,
  type CullNode,
} from '../../../src/lib/canvas/culling';

const box = (x: number, y: number, width = 100, height = 50): Box => ({ x, y, width, height });

describe('paddedRect and needsRecull', () => {
  test('the margin is a share of the larger side, on every side', () => {
    expect(paddedRect(box(0, 0, 1000, 500), 0.5)).toEqual(box(-500, -500, 2000, 1500));
  });

  test('a view inside the covered area keeps the set; leaving it or zooming far in works it out again', () => {
    const view = box(0, 0, 1000, 800);
    const covered = paddedRect(view);
    expect(needsRecull(null, view)).toBe(true);
    expect(needsRecull(covered, view)).toBe(false);
    expect(needsRecull(covered, box(300, 200, 1000, 800))).toBe(false);
    expect(needsRecull(covered, box(900, 0, 1000, 800))).toBe(true);
    // Zoomed out: the view is bigger than what was covered.
    expect(needsRecull(covered, box(-1000, -1000, 3000, 2400))).toBe(true);
    // Zoomed far in: most of the covered area is off screen.
    expect(needsRecull(covered, box(400, 300, 100, 80))).toBe(true);
  });
});

describe('renderedIds', () => {
  const area = box(0, 0, 1000, 1000);

  test('nodes in the area, not far away ones', () => {
    const ids = renderedIds(
      [
        { id: 'near', box: box(10, 10) },
        { id: 'far', box: box(5000, 5000) },
      ],
      [],
      area,
    );
    expect([...ids]).toEqual(['near']);
  });

  test('a node not measured yet is rendered (so it gets measured)', () => {
    expect(renderedIds([{ id: 'new', box: null }], [], area).has('new')).toBe(true);
  });

  test('both ends of a connection that crosses the area, though neither end is near', () => {
    const nodes: CullNode[] = [
      { id: 'left', box: box(-3000, 400) },
      { id: 'right', box: box(4000, 400) },
      { id: 'elsewhere', box: box(-3000, 5000) },
    ];
    const ids = renderedIds(
      nodes,
      [
        { source: 'left', target: 'right' },
        { source: 'left', target: 'elsewhere' },
      ],
      area,
    );
    expect([...ids].sort()).toEqual(['left', 'right']);
  });

  test('the boundaries around a rendered node, all the way up', () => {
    const nodes: CullNode[] = [
      { id: 'region', box: box(-5000, -5000, 20000, 20000) },
      { id: 'zone', parentId: 'region', box: box(-4000, -4000, 3000, 3000) },
      { id: 'svc', parentId: 'zone', box: box(-3000, -3000) },
      { id: 'db', parentId: 'zone', box: box(500, 500) },
    ];
    // The zone itself is outside the area, but its child `db` is inside.
    const ids = renderedIds(nodes, [], area);
    expect(ids.has('db')).toBe(true);
    expect(ids.has('zone')).toBe(true);
    expect(ids.has('region')).toBe(true);
    expect(ids.has('svc')).toBe(false);
  });

  const arbBox = fc.record({
    x: fc.integer({ min: -5000, max: 5000 }),
    y: fc.integer({ min: -5000, max: 5000 }),
    width: fc.integer({ min: 1, max: 800 }),
    height: fc.integer({ min: 1, max: 400 }),
  });
  const arbDiagram = fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.record({
      boxes: fc.array(fc.option(arbBox, { freq: 8 }), { minLength: n, maxLength: n }),
      parents: fc.array(fc.option(fc.nat(n - 1), { freq: 2 }), { minLength: n, maxLength: n }),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
      view: arbBox,
    }),
  );

  test('property: everything that can be seen from the area is rendered, with its parents', () => {
    fc.assert(
      fc.property(arbDiagram, ({ boxes, parents, edges, view }) => {
        // Parents only point backwards, so there is no cycle.
        const nodes: CullNode[] = boxes.map((b, i) => ({
          id: `n${i}`,
          box: b,
          parentId: parents[i] !== null && parents[i]! < i ? `n${parents[i]}` : null,
        }));
        const links = edges.map(([a, b]) => ({ source: `n${a}`, target: `n${b}` }));
        const ids = renderedIds(nodes, links, view);
        for (const n of nodes) {
          if (!n.box || overlaps(n.box, view)) expect(ids.has(n.id)).toBe(true);
          if (ids.has(n.id) && n.parentId) expect(ids.has(n.parentId)).toBe(true);
        }
        for (const l of links) {
          const a = nodes.find((n) => n.id === l.source)!.box;
          const b = nodes.find((n) => n.id === l.target)!.box;
          if (a && b && connectionCrosses(a, b, l, view)) {
            expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
          }
        }
        // A rendered node is there for a reason: in view, unmeasured, an end of a connection, or a parent.
        for (const id of ids) {
          const n = nodes.find((m) => m.id === id)!;
          const reason =
            !n.box ||
            overlaps(n.box, view) ||
            links.some((l) => l.source === id || l.target === id) ||
            nodes.some((m) => m.parentId === id);
          expect(reason).toBe(true);
        }
      }),
    );
  });

  test('contains', () => {
    expect(contains(box(0, 0, 10, 10), box(1, 1, 5, 5))).toBe(true);
    expect(contains(box(0, 0, 10, 10), box(6, 1, 5, 5))).toBe(false);
  });
});

describe('connectionCrosses', () => {
  const a = box(0, 0, 100, 50);
  const b = box(1000, 600, 100, 50);

  test('follows the curve between the handles, not the box around both ends', () => {
    const e = { source: 'a', target: 'b', sourceHandle: 'right', targetHandle: 'left' };
    // The curve leaves a's right side at (100, 25) and arrives at b's left side at (1000, 625).
    expect(connectionCrosses(a, b, e, box(90, 15, 20, 20))).toBe(true);
    expect(connectionCrosses(a, b, e, box(540, 315, 20, 20))).toBe(true);
    // Inside the box around both ends, far from the curve.
    expect(connectionCrosses(a, b, e, box(100, 500, 100, 80))).toBe(false);
    expect(connectionCrosses(a, b, e, box(900, 0, 100, 80))).toBe(false);
  });

  test('without handles, the straight line between the centres', () => {
    const e = { source: 'a', target: 'b' };
    expect(connectionCrosses(a, b, e, box(540, 320, 20, 20))).toBe(true);
    expect(connectionCrosses(a, b, e, box(100, 500, 100, 80))).toBe(false);
  });

  test('property: a curve whose end lies in the area crosses it', () => {
    const side = fc.constantFrom('top', 'right', 'bottom', 'left');
    const arb = fc.record({
      x: fc.integer({ min: -3000, max: 3000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
    });
    fc.assert(
      fc.property(arb, arb, side, side, (p, q, s, t) => {
        const from = box(p.x, p.y);
        const to = box(q.x, q.y);
        const e = { source: 'a', target: 'b', sourceHandle: s, targetHandle: t };
        // A small area around each end's handle point.
        const at = (bx: Box, h: string) =>
          h === 'top'
            ? box(bx.x + bx.width / 2 - 1, bx.y - 1, 2, 2)
            : h === 'bottom'
              ? box(bx.x + bx.width / 2 - 1, bx.y + bx.height - 1, 2, 2)
              : h === 'left'
                ? box(bx.x - 1, bx.y + bx.height / 2 - 1, 2, 2)
                : box(bx.x + bx.width - 1, bx.y + bx.height / 2 - 1, 2, 2);
        expect(connectionCrosses(from, to, e, at(from, s))).toBe(true);
        expect(connectionCrosses(from, to, e, at(to, t))).toBe(true);
      }),
    );
  });
});

describe('HiddenCopies', () => {
  const nodes = () =>
    [
      { id: 'a', x: 1 },
      { id: 'b', x: 2 },
      { id: 'c', x: 3 },
    ] as { id: string; x: number; hidden?: boolean; selected?: boolean }[];

  test('hides the far ones with the same copy each time, and nothing when none is far', () => {
    const copies = new HiddenCopies<ReturnType<typeof nodes>[number]>();
    const all = nodes();
    expect(copies.apply(all, new Set())).toBe(all);
    const once = copies.apply(all, new Set(['b']));
    const again = copies.apply(all, new Set(['b']));
    expect(once[0]).toBe(all[0]);
    expect(once[1]).toEqual({ id: 'b', x: 2, hidden: true });
    expect(again[1]).toBe(once[1]);
    expect(all[1]!.hidden).toBeUndefined();
  });

  test('restores what Svelte Flow writes back: copies become originals, changed copies lose the flag', () => {
    const copies = new HiddenCopies<ReturnType<typeof nodes>[number]>();
    const all = nodes();
    const shown = copies.apply(all, new Set(['b', 'c']));
    const back = copies.restore(shown);
    expect(back).not.toBe(all);
    expect(back.every((n, i) => n === all[i])).toBe(true);
    const written = [shown[0]!, { ...shown[1]!, selected: true }, shown[2]!];
    const restored = copies.restore(written);
    expect(restored[0]).toBe(all[0]);
    expect(restored[1]).toEqual({ id: 'b', x: 2, selected: true });
    expect('hidden' in restored[1]!).toBe(false);
    expect(restored[2]).toBe(all[2]);
  });
});
