/**
 * Geometry of drawn connections, as plain functions (no DOM).
 *
 * Why long connections are split: when Chromium rasterises a tile, Skia strokes the *whole*
 * curve of every path that touches the tile (and dashes it whole: it only culls dashes for
 * straight lines), so one long curve is processed again for each tile it crosses, on every
 * frame that tile is redrawn (panning, dragging). Drawn as a few short pieces, it looks the
 * same, and each tile only strokes the pieces inside it; dashed curves are drawn as their
 * dashes (`dashedPieces`), so nothing is dashed while rasterising. Measured on a
 * 1,000-component diagram at zoom 1: dashed curves in pieces took rasterisation while dragging
 * a node from ~34 to ~7 ms a frame; solid ones too took a pan's from ~22 to ~17 ms a frame
 * (~40 → ~47 fps).
 */

export type Point = readonly [number, number];
export type Cubic = readonly [Point, Point, Point, Point];

/** One piece of a split curve: its SVG path. */
export interface CurvePiece {
  d: string;
}

const NUMBER = /-?\d*\.?\d+(?:e[-+]?\d+)?/gi;

/** The cubic of a single-segment path `M x,y C x,y x,y x,y` (what Svelte Flow's getBezierPath returns), or null. */
export function parseCubic(path: string): Cubic | null {
  if (!/^\s*M[^MCLQAHVSTZ]*C[^MCLQAHVSTZ]*$/i.test(path)) return null;
  const n = path.match(NUMBER)?.map(Number);
  if (!n || n.length !== 8 || n.some((v) => !Number.isFinite(v))) return null;
  return [
    [n[0]!, n[1]!],
    [n[2]!, n[3]!],
    [n[4]!, n[5]!],
    [n[6]!, n[7]!],
  ];
}

/** A side of a node, as Svelte Flow's `Position` values. */
export type Side = 'left' | 'right' | 'top' | 'bottom';

/** A connection's ends and the sides they leave from (Svelte Flow's edge position). */
export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  sourcePosition: Side;
  targetX: number;
  targetY: number;
  targetPosition: Side;
}

function controlOffset(distance: number, curvature: number): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

function control(side: Side, x1: number, y1: number, x2: number, y2: number, curvature: number): Point {
  switch (side) {
    case 'left':
      return [x1 - controlOffset(x1 - x2, curvature), y1];
    case 'right':
      return [x1 + controlOffset(x2 - x1, curvature), y1];
    case 'top':
      return [x1, y1 - controlOffset(y1 - y2, curvature)];
    case 'bottom':
      return [x1, y1 + controlOffset(y2 - y1, curvature)];
  }
}

/**
 * The cubic Svelte Flow's `getBezierPath` draws between two ends (its control points, default
 * curvature), computed directly instead of building the path text and parsing it back.
 */
export function bezierCubic(e: EdgeEnds, curvature = 0.25): Cubic {
  return [
    [e.sourceX, e.sourceY],
    control(e.sourcePosition, e.sourceX, e.sourceY, e.targetX, e.targetY, curvature),
    control(e.targetPosition, e.targetX, e.targetY, e.sourceX, e.sourceY, curvature),
    [e.targetX, e.targetY],
  ];
}

function at(c: Cubic, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return [
    a * c[0][0] + b * c[1][0] + d * c[2][0] + e * c[3][0],
    a * c[0][1] + b * c[1][1] + d * c[2][1] + e * c[3][1],
  ];
}

/** Approximate arc length between t0 and t1 (a polyline of `steps` chords). */
function lengthBetween(c: Cubic, t0: number, t1: number, steps: number): number {
  let length = 0;
  let prev = at(c, t0);
  for (let i = 1; i <= steps; i++) {
    const p = at(c, t0 + ((t1 - t0) * i) / steps);
    length += Math.hypot(p[0] - prev[0], p[1] - prev[1]);
    prev = p;
  }
  return length;
}

/** The part of the cubic between t0 and t1, as a cubic (de Casteljau). */
export function subCubic(c: Cubic, t0: number, t1: number): Cubic {
  const lerp = (p: Point, q: Point, t: number): Point => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
  // Split at t1, keep the first part; then split that at t0 / t1, keep the second part.
  const splitFirst = (k: Cubic, t: number): Cubic => {
    const ab = lerp(k[0], k[1], t);
    const bc = lerp(k[1], k[2], t);
    const cd = lerp(k[2], k[3], t);
    const abc = lerp(ab, bc, t);
    const bcd = lerp(bc, cd, t);
    return [k[0], ab, abc, lerp(abc, bcd, t)];
  };
  const splitSecond = (k: Cubic, t: number): Cubic => {
    const ab = lerp(k[0], k[1], t);
    const bc = lerp(k[1], k[2], t);
    const cd = lerp(k[2], k[3], t);
    const abc = lerp(ab, bc, t);
    const bcd = lerp(bc, cd, t);
    return [lerp(abc, bcd, t), bcd, cd, k[3]];
  };
  const head = t1 >= 1 ? c : splitFirst(c, t1);
  return t0 <= 0 ? head : splitSecond(head, t1 > 0 ? t0 / t1 : 0);
}

const r = (v: number) => Math.round(v * 100) / 100;

/** The SVG path of a cubic, coordinates rounded to hundredths (shorter text to parse). */
export function cubicPath(k: Cubic): string {
  return `M${r(k[0][0])},${r(k[0][1])} C${r(k[1][0])},${r(k[1][1])} ${r(k[2][0])},${r(k[2][1])} ${r(k[3][0])},${r(k[3][1])}`;
}

/**
 * Splits a cubic into pieces of at most about `maxLength` (in the curve's own units), of equal
 * parameter spans. A curve shorter than `maxLength` comes back as one piece.
 */
export function splitCubic(c: Cubic, maxLength: number): CurvePiece[] {
  const total = lengthBetween(c, 0, 1, 24);
  const n = Math.max(1, Math.min(64, Math.ceil(total / maxLength)));
  if (n === 1) return [{ d: cubicPath(c) }];
  const pieces: CurvePiece[] = [];
  for (let i = 0; i < n; i++) pieces.push({ d: cubicPath(subCubic(c, i / n, (i + 1) / n)) });
  return pieces;
}

/** Distance from `p` to the cubic (measured against a polyline of `steps` chords). */
export function distanceToCubic(c: Cubic, p: Point, steps = 32): number {
  let best = Infinity;
  let prev = c[0];
  for (let i = 1; i <= steps; i++) {
    const q = at(c, i / steps);
    best = Math.min(best, distanceToSegment(p, prev, q));
    prev = q;
  }
  return best;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** The id of the curve nearest to `p` within `tolerance`, or null. */
export function nearestCubic(
  curves: Iterable<{ id: string; cubic: Cubic }>,
  p: Point,
  tolerance: number,
): string | null {
  let best: string | null = null;
  let bestDistance = tolerance;
  for (const { id, cubic } of curves) {
    // A cubic lies inside the box of its control points.
    const xs = cubic.map((q) => q[0]);
    const ys = cubic.map((q) => q[1]);
    if (
      p[0] < Math.min(...xs) - bestDistance ||
      p[0] > Math.max(...xs) + bestDistance ||
      p[1] < Math.min(...ys) - bestDistance ||
      p[1] > Math.max(...ys) + bestDistance
    ) {
      continue;
    }
    const d = distanceToCubic(cubic, p);
    if (d <= bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A dashed curve as plain line segments, in pieces of about `maxLength` (see the note at the top
 * of this file). Skia dashes a stroked curve again for every raster tile it touches, on every
 * frame the tile is redrawn (a pan redraws them all); short straight segments are stroked
 * directly: a pan at zoom 1 of the bench diagram costs ~1–2 ms less rasterisation a frame
 * (of ~17; `bench/profile.ts`, three alternating rounds).
 * Each dash is the chord between its two ends on the curve (dashes are a few units long). The
 * last piece ends exactly at the curve's end, along its direction there, so an arrowhead
 * (`marker-end`) sits where it would on the solid curve.
 */
export function dashedPieces(c: Cubic, dash: readonly [number, number], maxLength: number): CurvePiece[] {
  const [on, off] = dash;
  const total = lengthBetween(c, 0, 1, 24);
  const n = Math.max(8, Math.min(4000, Math.ceil(total / 2)));
  const points: Point[] = [];
  const lengths: number[] = [];
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const p = at(c, i / n);
    if (i > 0) sum += Math.hypot(p[0] - points[i - 1]![0], p[1] - points[i - 1]![1]);
    points.push(p);
    lengths.push(sum);
  }
  let k = 0;
  /** The point at arc length s (s never decreases between calls). */
  const pointAt = (s: number): Point => {
    while (k < n - 1 && lengths[k + 1]! < s) k++;
    const span = lengths[k + 1]! - lengths[k]!;
    const t = span > 0 ? Math.min(1, Math.max(0, (s - lengths[k]!) / span)) : 0;
    const a = points[k]!;
    const b = points[k + 1]!;
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  };
  const seg = (a: Point, b: Point) => `M${r(a[0])},${r(a[1])}L${r(b[0])},${r(b[1])}`;
  const pieces: CurvePiece[] = [];
  let d = '';
  let pieceStart = 0;
  let end: Point = points[0]!;
  for (let s = 0; s < sum && on > 0; s += on + off) {
    if (s - pieceStart >= maxLength && d) {
      pieces.push({ d });
      d = '';
      pieceStart = s;
    }
    const start = pointAt(s);
    end = pointAt(Math.min(s + on, sum));
    d += seg(start, end);
  }
  // Finish on the curve's end, in its direction (a gap may have come last).
  const last = points[n]!;
  if (end[0] !== last[0] || end[1] !== last[1] || !d) {
    const before = pointAt(Math.max(0, sum - 0.01));
    d += seg(before, last);
  }
  pieces.push({ d });
  return pieces;
}
