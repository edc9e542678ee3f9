/**
 * Where the canvas's dots are drawn (flow coordinates; see CanvasBackground.svelte): the view
 * and two views around it on every side. Kept while the view stays at least one view away from
 * its edges, so pans rarely change it. Pure, no DOM.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The dotted area for `view`: `current` itself while it still covers the view with room. */
export function dotArea(current: Rect | null, view: Rect): Rect {
  if (
    current &&
    view.x - view.width >= current.x &&
    view.y - view.height >= current.y &&
    view.x + 2 * view.width <= current.x + current.width &&
    view.y + 2 * view.height <= current.y + current.height &&
    // Not far bigger than needed either (after zooming in a long way).
    current.width <= 8 * view.width &&
    current.height <= 8 * view.height
  )
    return current;
  return {
    x: view.x - 2 * view.width,
    y: view.y - 2 * view.height,
    width: 5 * view.width,
    height: 5 * view.height,
  };
}
