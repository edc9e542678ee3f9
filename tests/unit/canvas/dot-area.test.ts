import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DOT_GAP, dotArea, dotPaths, type Rect } from '../../../src/lib/canvas/dot-area';

const view = (x: number, y: number, width = 100, height = 80): Rect => ({ x, y, width, height });
const covers = (a: Rect, v: Rect) =>
  a.x <= v.x && a.y <= v.y && a.x + a.width >= v.x + v.width && a.y + a.height >= v.y + v.height;
/** x is a multiple of the gap, within floating-point error. */
const onGrid = (x: number) => Math.abs(x / DOT_GAP - Math.round(x / DOT_GAP)) < 1e-9 * (1 + Math.abs(x));

describe('dotArea', () => {
  test('covers the view and two views around it, from half a gap before a grid line', () => {
    expect(dotArea(null, view(0, 0))).toEqual({ x: -210, y: -170, width: 520, height: 420 });
  });

  test('is kept (the same object) while the view stays a view away from its edges', () => {
    const area = dotArea(null, view(0, 0));
    expect(dotArea(area, view(90, -70))).toBe(area);
    expect(dotArea(area, view(120, 0))).not.toBe(area);
  });

  test('is drawn anew after zooming in a long way (not far bigger than the view)', () => {
    const area = dotArea(null, view(0, 0, 1000, 800));
    expect(dotArea(area, view(400, 300, 100, 80))).not.toBe(area);
  });

  test('always covers the view, and its tiles are centred on the dot grid', () => {
    const rect = fc.record({
      x: fc.double({ min: -1e5, max: 1e5, noNaN: true }),
      y: fc.double({ min: -1e5, max: 1e5, noNaN: true }),
      width: fc.double({ min: 1, max: 1e5, noNaN: true }),
      height: fc.double({ min: 1, max: 1e5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.option(rect, { nil: null }), rect, (previous, v) => {
        const area = dotArea(previous, v);
        expect(covers(area, v)).toBe(true);
        if (area !== previous) {
          expect(onGrid(area.x + DOT_GAP / 2)).toBe(true);
          expect(onGrid(area.y + DOT_GAP / 2)).toBe(true);
          expect(onGrid(area.width)).toBe(true);
          expect(onGrid(area.height)).toBe(true);
        }
      }),
    );
  });
});

describe('dotArea with a smaller margin', () => {
  test('covers the view and half a view around it, and is kept for a quarter of a view', () => {
    const area = dotArea(null, view(0, 0), 0.5);
    expect(area).toEqual({ x: -70, y: -50, width: 220, height: 180 });
    expect(dotArea(area, view(20, 15), 0.5)).toBe(area);
    expect(dotArea(area, view(30, 0), 0.5)).not.toBe(area);
  });
});

describe('dotPaths', () => {
  test('draws one small square on every grid point of the area, in blocks', () => {
    const area = dotArea(null, view(0, 0), 0.5);
    const paths = dotPaths(area, 100);
    // Blocks of 100 units: 3 × 2 of the 220 × 180 area.
    expect(paths).toHaveLength(6);
    const corners = paths.flatMap((d) =>
      [...d.matchAll(/M(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]),
    );
    expect(corners).toHaveLength((220 / DOT_GAP) * (180 / DOT_GAP));
    for (const [x, y] of corners) {
      // Each square is centred on a multiple of the gap.
      const cx = x! + 0.443;
      const cy = y! + 0.443;
      expect(Math.abs(cx / DOT_GAP - Math.round(cx / DOT_GAP))).toBeLessThan(0.001);
      expect(Math.abs(cy / DOT_GAP - Math.round(cy / DOT_GAP))).toBeLessThan(0.001);
    }
    expect(new Set(corners.map((c) => c.join())).size).toBe(corners.length);
  });
});
