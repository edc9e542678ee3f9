import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundaryShapes,
  componentRadii,
  componentShapes,
  groupShapes,
  OVERVIEW_CELL,
  roundedRect,
  type ComponentBox,
  type Radii,
  type Shape,
} from '../../../src/lib/canvas/overview-shapes';

/** The end points of a path made of M, H, V, A and z commands (what roundedRect writes). */
function points(d: string): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MHVAZz])([^MHVAZz]*)/g)) {
    const n = (args ?? '')
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (cmd === 'M') [x, y] = [n[0]!, n[1]!];
    else if (cmd === 'H') x = n[0]!;
    else if (cmd === 'V') y = n[0]!;
    else if (cmd === 'A') [x, y] = [n[5]!, n[6]!];
    else continue;
    out.push([x, y]);
  }
  return out;
}

const same = (r: number): Radii => [
  [r, r],
  [r, r],
  [r, r],
  [r, r],
];

const box = (over: Partial<ComponentBox> = {}): ComponentBox => ({
  kind: 'service',
  x: 100,
  y: 200,
  width: 180,
  height: 64,
  look: '',
  category: 'cat-compute',
  ...over,
});

describe('roundedRect', () => {
  it('draws square corners as four straight sides', () => {
    expect(roundedRect(10, 20, 100, 50, same(0))).toBe('M10 20H110V70H10V20z');
  });

  it('draws rounded corners as arcs, and nothing for an empty size', () => {
    const d = roundedRect(0, 0, 100, 50, same(8));
    expect(d.match(/A/g)).toHaveLength(4);
    expect(d.startsWith('M8 0H92A8 8 0 0 1 100 8V42')).toBe(true);
    expect(roundedRect(0, 0, 0, 50, same(8))).toBe('');
    expect(roundedRect(0, 0, 10, -1, same(8))).toBe('');
  });

  it('shrinks radii that do not fit as CSS does (a pill)', () => {
    const d = roundedRect(0, 0, 180, 64, same(999));
    expect(d.startsWith('M32 0H148A32 32 0 0 1 180 32V32')).toBe(true);
  });

  it('stays inside its box and ends where it started, for any size and radii', () => {
    const radius = fc.tuple(
      fc.double({ min: 0, max: 300, noNaN: true }),
      fc.double({ min: 0, max: 300, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 600, noNaN: true }),
        fc.double({ min: 1, max: 600, noNaN: true }),
        fc.tuple(radius, radius, radius, radius),
        (x, y, w, h, radii) => {
          const pts = points(roundedRect(x, y, w, h, radii as unknown as Radii));
          expect(pts.length).toBeGreaterThanOrEqual(5);
          for (const [px, py] of pts) {
            expect(px).toBeGreaterThanOrEqual(x - 0.05);
            expect(px).toBeLessThanOrEqual(x + w + 0.05);
            expect(py).toBeGreaterThanOrEqual(y - 0.05);
            expect(py).toBeLessThanOrEqual(y + h + 0.05);
          }
          const [first, last] = [pts[0]!, pts[pts.length - 1]!];
          expect(Math.abs(first[0] - last[0])).toBeLessThan(0.01);
          expect(Math.abs(first[1] - last[1])).toBeLessThan(0.01);
        },
      ),
    );
  });
});

describe('componentShapes', () => {
  it('draws the body, the icon square in its category colour and the name bar', () => {
    const shapes = componentShapes(box());
    expect(shapes.map((s) => s.cls)).toEqual(['body', 'icon cat-compute', 'bar']);
    // The name bar where the node's CSS puts it: 42px in, 64px shorter than the padding box.
    const bar = points(shapes[2]!.d);
    expect(bar[0]).toEqual([100 + 1.5 + 42, 200 + 1.5 + (64 - 3 - 9) / 2]);
    expect(bar[1]![0] - bar[0]![0]).toBeCloseTo(180 - 3 - 64);
    for (const s of shapes) expect([s.x, s.y]).toEqual([100, 200]);
  });

  it('keeps the look classes on the body, leaves the bar out while the label is edited', () => {
    const shapes = componentShapes(box({ look: 'external drill-down', editing: true }));
    expect(shapes.map((s) => s.cls)).toEqual(['body external drill-down', 'icon cat-compute']);
  });

  it('fades the icon and bar with the body when a drill leaves the node alone', () => {
    const shapes = componentShapes(box({ look: 'drill-other' }));
    expect(shapes.map((s) => s.cls)).toEqual(['body drill-other', 'icon cat-compute faded', 'bar faded']);
  });

  it('rings a selected node outside its box', () => {
    const ring = componentShapes(box({ selected: true })).find((s) => s.cls === 'ring')!;
    const pts = points(ring.d);
    expect(Math.min(...pts.map((p) => p[0]))).toBeLessThan(100 - 3);
    expect(Math.max(...pts.map((p) => p[1]))).toBeGreaterThan(264 + 3);
  });

  it('adds the thick edge of queues, streams and caches only', () => {
    const bands = (kind: string) => componentShapes(box({ kind })).filter((s) => s.cls.startsWith('band'));
    expect(bands('queue')).toHaveLength(1);
    expect(bands('dead-letter-queue')[0]!.cls).toBe('band kind-dead-letter-queue');
    expect(bands('stream')).toHaveLength(1);
    expect(bands('cache')).toHaveLength(1);
    expect(bands('service')).toHaveLength(0);
    // The queue's band is its right edge.
    const [left] = points(bands('queue')[0]!.d);
    expect(left![0]).toBe(100 + 180 - 8);
  });

  it('gives clients a pill and databases elliptical corners', () => {
    expect(componentRadii('client', 180, 64)[0][0]).toBeGreaterThanOrEqual(32);
    expect(componentRadii('database', 180, 64)[0]).toEqual([90, 12]);
    expect(componentRadii('service', 180, 64)[0]).toEqual([8, 8]);
  });

  it('draws nothing for a node not measured yet', () => {
    expect(componentShapes(box({ width: 0 }))).toEqual([]);
  });
});

describe('boundaryShapes', () => {
  it('draws the outline inside the box and a title bar that fits in it', () => {
    const [outline, bar] = boundaryShapes({
      kind: 'trust-boundary',
      x: 0,
      y: 0,
      width: 120,
      height: 300,
      look: 'kind-trust-boundary',
      titleChars: 200,
    });
    expect(outline!.cls).toBe('outline kind-trust-boundary');
    for (const [px, py] of points(outline!.d)) {
      expect(px).toBeGreaterThanOrEqual(0);
      expect(px).toBeLessThanOrEqual(120);
      expect(py).toBeGreaterThanOrEqual(0);
      expect(py).toBeLessThanOrEqual(300);
    }
    const [start, end] = points(bar!.d);
    expect(end![0]).toBeLessThanOrEqual(120 - 2.5);
    expect(start![0]).toBeGreaterThan(2.5);
  });

  it('leaves the title bar out of a boundary too small for it', () => {
    const shapes = boundaryShapes({
      kind: 'region',
      x: 0,
      y: 0,
      width: 400,
      height: 20,
      look: '',
      titleChars: 5,
    });
    expect(shapes.map((s) => s.cls)).toEqual(['outline']);
  });
});

describe('groupShapes', () => {
  const at = (cls: string, x: number, y = 0, d = `M${x} ${y}h1z`): Shape => ({ cls, d, x, y });

  it('joins shapes with the same look in the same cell into one path', () => {
    const groups = groupShapes([at('body', 0), at('body', 10), at('body', OVERVIEW_CELL + 1)]);
    expect(groups).toHaveLength(2);
    expect(groups[0]!.d).toBe('M0 0h1zM10 0h1z');
    expect(new Set(groups.map((g) => g.key)).size).toBe(2);
  });

  it('draws boundaries first, then bodies, bands, icons, bars and selection rings', () => {
    const groups = groupShapes([
      at('ring', 0),
      at('bar', 0),
      at('icon cat-data', 0),
      at('band kind-queue', 0),
      at('body', 0),
      at('outline kind-region', 0),
    ]);
    expect(groups.map((g) => g.cls.split(' ')[0])).toEqual([
      'outline',
      'body',
      'band',
      'icon',
      'bar',
      'ring',
    ]);
  });

  it('skips empty paths and keeps every shape of every node', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: -5000, max: 5000 }),
            y: fc.integer({ min: -5000, max: 5000 }),
            kind: fc.constantFrom('service', 'queue', 'client', 'cache', 'database'),
            selected: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (nodes) => {
          const shapes = nodes.flatMap((n) => componentShapes(box(n)));
          const groups = groupShapes([...shapes, at('body', 0, 0, '')]);
          const joined = groups.map((g) => g.d).join('');
          expect(joined.length).toBe(shapes.reduce((sum, s) => sum + s.d.length, 0));
          expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
        },
      ),
    );
  });
});
