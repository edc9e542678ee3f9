import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutDiagram, setLayoutEngine } from '../../../src/lib/layout';
import { LAYOUT_DIRECTIONS } from '../../../src/lib/model/types';
import { DiagramBuilder, layoutProblems, nodeElkEngine } from './helpers';

let restore: () => void;
beforeAll(() => {
  restore = setLayoutEngine(nodeElkEngine());
});
afterAll(() => restore());

/**
 * A random diagram: boundaries nested at random (each may sit in an earlier one), components
 * in any boundary or none, connections between any two nodes (boundaries included), with
 * random measured sizes for some components.
 */
const diagramArb = fc
  .record({
    boundaryParents: fc.array(fc.nat(), { maxLength: 6 }),
    componentParents: fc.array(fc.nat(), { minLength: 1, maxLength: 14 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 24 }),
    sizes: fc.array(fc.tuple(fc.integer({ min: 40, max: 320 }), fc.integer({ min: 30, max: 160 })), {
      maxLength: 14,
    }),
    direction: fc.constantFrom(...LAYOUT_DIRECTIONS),
  })
  .map(({ boundaryParents, componentParents, edges, sizes, direction }) => {
    const b = new DiagramBuilder();
    // Boundary i sits in boundary (p mod (i + 1)) - 1 when that is ≥ 0, else at the root.
    boundaryParents.forEach((p, i) => {
      const parent = (p % (i + 1)) - 1;
      b.boundary(`bnd_${i}`, parent >= 0 ? `bnd_${parent}` : null);
    });
    const nb = boundaryParents.length;
    componentParents.forEach((p, i) => {
      const parent = (p % (nb + 1)) - 1;
      b.component(`cmp_${i}`, parent >= 0 ? `bnd_${parent}` : null);
    });
    const ids = [...b.boundaries, ...b.components].map((r) => r.id);
    edges.forEach(([s, t], i) => b.connect(ids[s % ids.length]!, ids[t % ids.length]!, `con_${i}`));
    const measured = new Map(
      sizes.slice(0, componentParents.length).map(([width, height], i) => [`cmp_${i}`, { width, height }]),
    );
    return { rows: b.rows(), sizes: measured, direction };
  });

describe('layout of random diagrams', () => {
  it('gives every node a finite position, keeps children inside their boundary and siblings apart', async () => {
    await fc.assert(
      fc.asyncProperty(diagramArb, async ({ rows, sizes, direction }) => {
        const out = await layoutDiagram(rows, { direction, sizes, thoroughness: 1 });
        expect(layoutProblems(out, sizes)).toEqual([]);
        expect(out.components.map((c) => c.id)).toEqual(rows.components.map((c) => c.id));
        expect(out.boundaries.map((c) => c.id)).toEqual(rows.boundaries.map((c) => c.id));
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
