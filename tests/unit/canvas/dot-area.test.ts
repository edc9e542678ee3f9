import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dotArea, type Rect } from '../../../src/lib/canvas/dot-area';

const view = (x: number, y: number, width = 100, height = 80): Rect => ({ x, y, width, height });
const covers = (a: Rect, v: Rect) =>
  a.x <= v.x && a.y <= v.y && a.x + a.width >= v.x + v.width && a.y + a.height >= v.y + v.height;

describe('dotArea', () => {
  test('covers the view and two views around it', () => {
    expect(dotArea(null, view(0, 0))).toEqual({ x: -200, y: -160, width: 500, height: 400 });
  });

  test('is kept (the same object) while the view stays a view away from its edges', () => {
    const area = dotArea(null, view(0, 0));
    expect(dotArea(area, view(90, -70))).toBe(area);
    expect(dotArea(area, view(101, 0))).not.toBe(area);
  });

  test('is drawn anew after zooming in a long way (not far bigger than the view)', () => {
    const area = dotArea(null, view(0, 0, 1000, 800));
    expect(dotArea(area, view(400, 300, 100, 80))).not.toBe(area);
  });

  test('always covers the view, whatever the previous area and the view', () => {
    const rect = fc.record({
      x: fc.double({ min: -1e5, max: 1e5, noNaN: true }),
      y: fc.double({ min: -1e5, max: 1e5, noNaN: true }),
      width: fc.double({ min: 1, max: 1e5, noNaN: true }),
      height: fc.double({ min: 1, max: 1e5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.option(rect, { nil: null }), rect, (previous, v) => {
        expect(covers(dotArea(previous, v), v)).toBe(true);
      }),
    );
  });
});
