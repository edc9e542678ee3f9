import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getBezierPath, Position } from '@xyflow/system';
import {
  bezierCubic,
  cubicPath,
  dashedPieces,
  distanceToCubic,
  nearestCubic,
  parseCubic,
  splitCubic,
  subCubic,
  type Cubic,
} from '../../../src/lib/canvas/edge-geometry';

const line: Cubic = [
  [0, 0],
  [100, 0],
  [200, 0],
  [300, 0],
];

describe('bezierCubic', () => {
  const side = fc.constantFrom('left', 'right', 'top', 'bottom' as const);
  const coord = fc.double({ min: -5000, max: 5000, noNaN: true });

  it('is the curve Svelte Flow draws: the same control points, and its path text reads back to them', () => {
    fc.assert(
      fc.property(coord, coord, side, coord, coord, side, (sx, sy, sp, tx, ty, tp) => {
        const ends = {
          sourceX: sx,
          sourceY: sy,
          sourcePosition: sp,
          targetX: tx,
          targetY: ty,
          targetPosition: tp,
        };
        const [path] = getBezierPath({
          ...ends,
          sourcePosition: sp as Position,
          targetPosition: tp as Position,
        });
        const cubic = bezierCubic(ends);
        // Number → text → number is exact, so the points are the same (0 and -0 alike).
        const gap = (a: Cubic, b: Cubic) =>
          Math.max(...a.flatMap((p, i) => [Math.abs(p[0] - b[i]![0]), Math.abs(p[1] - b[i]![1])]));
        expect(gap(cubic, parseCubic(path)!)).toBe(0);
        expect(gap(cubic, parseCubic(cubicPath(cubic))!)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});

describe('parseCubic', () => {
  it('reads the single cubic Svelte Flow draws, and nothing else', () => {
    expect(parseCubic('M10,20 C30,40 50,60 70,80')).toEqual([
      [10, 20],
      [30, 40],
      [50, 60],
      [70, 80],
    ]);
    expect(parseCubic('M 1.5 -2 C 3e1 4, 5 6, 7 8')).toEqual([
      [1.5, -2],
      [30, 4],
      [5, 6],
      [7, 8],
    ]);
    expect(parseCubic('M0,0 L10,10')).toBeNull();
    expect(parseCubic('M0,0 C1,1 2,2 3,3 C4,4 5,5 6,6')).toBeNull();
    expect(parseCubic('')).toBeNull();
  });
});

describe('splitCubic', () => {
  it('keeps a short curve whole', () => {
    expect(splitCubic(line, 1000)).toHaveLength(1);
    expect(parseCubic(splitCubic(line, 1000)[0]!.d)).toEqual(line);
  });

  it('splits a long curve into pieces that run end to end along it', () => {
    const pieces = splitCubic(line, 100);
    expect(pieces).toHaveLength(3);
    const ends = pieces.map((p) => parseCubic(p.d));
    expect(ends[0]?.[0]).toEqual([0, 0]);
    expect(ends[2]?.[3]).toEqual([300, 0]);
    // Each piece starts where the one before it ends.
    for (let i = 1; i < ends.length; i++) expect(ends[i]?.[0]).toEqual(ends[i - 1]?.[3]);
  });

  it('never makes more than 64 pieces', () => {
    expect(splitCubic(line, 1)).toHaveLength(64);
  });
});

describe('subCubic', () => {
  const point = fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }));
  it('lies on the curve it came from', () => {
    fc.assert(
      fc.property(
        fc.tuple(point, point, point, point),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (c, t0) => {
          const piece = subCubic(c as Cubic, t0, t0 + 0.1);
          for (const end of [piece[0], piece[3]])
            expect(distanceToCubic(c as Cubic, end, 400)).toBeLessThan(1.5);
        },
      ),
    );
  });
});

describe('nearestCubic', () => {
  it('finds the nearest curve within the tolerance, else null', () => {
    const below: Cubic = [
      [0, 50],
      [100, 50],
      [200, 50],
      [300, 50],
    ];
    const curves = [
      { id: 'a', cubic: line },
      { id: 'b', cubic: below },
    ];
    expect(nearestCubic(curves, [150, 4], 10)).toBe('a');
    expect(nearestCubic(curves, [150, 46], 10)).toBe('b');
    expect(nearestCubic(curves, [150, 25], 10)).toBeNull();
    expect(distanceToCubic(line, [150, 7])).toBeCloseTo(7, 5);
  });
});

describe('dashedPieces', () => {
  const curve: Cubic = [
    [0, 0],
    [150, 0],
    [150, 300],
    [300, 300],
  ];
  const segments = (pieces: { d: string }[]) =>
    pieces.flatMap((p) =>
      [...p.d.matchAll(/M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)/g)].map((m) => m.slice(1).map(Number)),
    );

  it('draws the dash pattern along the curve as line segments, on the curve', () => {
    const pieces = dashedPieces(curve, [6, 4], 240);
    const segs = segments(pieces);
    const total = segs.length;
    // About one dash per 10 units of a ~480-unit curve (plus the closing stub).
    expect(total).toBeGreaterThan(40);
    expect(total).toBeLessThan(55);
    for (const [x1, y1, x2, y2] of segs.slice(0, -2)) {
      // Each dash is as long as the pattern says (a chord of a gently bending curve).
      expect(Math.hypot(x2! - x1!, y2! - y1!)).toBeGreaterThan(5.9);
      expect(Math.hypot(x2! - x1!, y2! - y1!)).toBeLessThanOrEqual(6.05);
      expect(distanceToCubic(curve, [x1!, y1!], 400)).toBeLessThan(0.1);
      expect(distanceToCubic(curve, [x2!, y2!], 400)).toBeLessThan(0.1);
    }
  });

  it('comes in pieces of about the given length, the last ending on the curve’s end', () => {
    const pieces = dashedPieces(curve, [6, 4], 100);
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    const segs = segments(pieces);
    const last = segs[segs.length - 1]!;
    expect(last[2]).toBeCloseTo(300, 2);
    expect(last[3]).toBeCloseTo(300, 2);
  });

  it('never returns an empty path, even for a zero-length curve', () => {
    const dot: Cubic = [
      [5, 5],
      [5, 5],
      [5, 5],
      [5, 5],
    ];
    const pieces = dashedPieces(dot, [3, 3], 240);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.d).toMatch(/^M5,5L5,5$/);
  });
});
