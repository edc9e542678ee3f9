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
 * The dotted area for `view`: `current` itself while it still covers the view with room. A new
 * area starts half a gap before a grid line and is a whole number of gaps wide and high, so a
 * dot drawn in the middle of each gap-sized tile sits on every multiple of the gap.
 */
export function dotArea(current: Rect | null, view: Rect): Rect {
  if (
    current &&
    view.x - view.width >= current.x &&
    view.y - view.height >= current.y &&
    view.x + 2 * view.width <= current.x + current.width &&
    view.y + 2 * view.height <= current.y + current.height &&
    // Not far bigger than needed either (after zooming in a long way).
    current.width <= 8 * view.width + 2 * DOT_GAP &&
    current.height <= 8 * view.height + 2 * DOT_GAP
  )
    return current;
  const x = Math.floor((view.x - 2 * view.width) / DOT_GAP) * DOT_GAP - DOT_GAP / 2;
  const y = Math.floor((view.y - 2 * view.height) / DOT_GAP) * DOT_GAP - DOT_GAP / 2;
  const right = view.x + 3 * view.width;
  const bottom = view.y + 3 * view.height;
  return {
    x,
    y,
    width: Math.ceil((right - x) / DOT_GAP) * DOT_GAP,
    height: Math.ceil((bottom - y) / DOT_GAP) * DOT_GAP,
  };
}
