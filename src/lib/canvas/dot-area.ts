/**
 * Where the canvas's dots are drawn (flow coordinates; see CanvasBackground.svelte): the view
 * and two views around it on every side, on the dot grid. Kept while the view stays at least
 * one view away from its edges, so pans rarely change it. Pure, no DOM.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Distance between dots (flow units), as Svelte Flow's Dots background. */
export const DOT_GAP = 20;

/**
 * The dotted area for `view`: the view and `margin` views around it on every side, or
 * `current` itself while it still covers the view and half that margin around it. A new area
 * starts half a gap before a grid line and is a whole number of gaps wide and high, so a dot
 * drawn in the middle of each gap-sized tile sits on every multiple of the gap.
 */
export function dotArea(current: Rect | null, view: Rect, margin = 2): Rect {
  const keep = margin / 2;
  if (
    current &&
    view.x - keep * view.width >= current.x &&
    view.y - keep * view.height >= current.y &&
    view.x + (1 + keep) * view.width <= current.x + current.width &&
    view.y + (1 + keep) * view.height <= current.y + current.height &&
    // Not far bigger than needed either (after zooming in a long way).
    current.width <= (1 + 2 * margin) * 1.6 * view.width + 2 * DOT_GAP &&
    current.height <= (1 + 2 * margin) * 1.6 * view.height + 2 * DOT_GAP
  )
    return current;
  const x = Math.floor((view.x - margin * view.width) / DOT_GAP) * DOT_GAP - DOT_GAP / 2;
  const y = Math.floor((view.y - margin * view.height) / DOT_GAP) * DOT_GAP - DOT_GAP / 2;
  const right = view.x + (1 + margin) * view.width;
  const bottom = view.y + (1 + margin) * view.height;
  return {
    x,
    y,
    width: Math.ceil((right - x) / DOT_GAP) * DOT_GAP,
    height: Math.ceil((bottom - y) / DOT_GAP) * DOT_GAP,
  };
}

/** Side of a square dot with the area of a round one 1 unit across. */
const SQUARE = Math.sqrt(Math.PI) / 2;
const r = (v: number) => Math.round(v * 1000) / 1000;

/**
 * The dots of `area` (from `dotArea`) as SVG paths of small squares, one path per block of
 * `block` × `block` units, so a raster tile draws only the blocks over it.
 */
export function dotPaths(area: Rect, block = 200): string[] {
  const paths: string[] = [];
  const first = (v: number) => v + DOT_GAP / 2;
  const half = SQUARE / 2;
  const square = `h${r(SQUARE)}v${r(SQUARE)}h${r(-SQUARE)}z`;
  for (let by = area.y; by < area.y + area.height; by += block) {
    for (let bx = area.x; bx < area.x + area.width; bx += block) {
      let d = '';
      const xEnd = Math.min(bx + block, area.x + area.width);
      const yEnd = Math.min(by + block, area.y + area.height);
      for (let y = first(by); y < yEnd; y += DOT_GAP) {
        for (let x = first(bx); x < xEnd; x += DOT_GAP) d += `M${r(x - half)},${r(y - half)}${square}`;
      }
      if (d) paths.push(d);
    }
  }
  return paths;
}
