/**
 * Panning the canvas with the mouse (a drag on the empty pane), done here instead of by Svelte
 * Flow's d3-zoom; touch, pen, wheel and the zoom buttons stay with Svelte Flow (MADR 0014).
 *
 * When d3-zoom pans, every mouse move goes through d3 and Svelte Flow's store, and on a big
 * diagram zoomed in Chromium then re-walks and repaints everything in the view on every frame
 * (~7 ms of Paint and ~3 ms of pre-paint here, for 264 rendered nodes; why the same transform
 * change costs so much more on that path than when written directly is not known). Writing the
 * viewport's transform directly, once per frame, costs none of that: the zoom-1 pan of the
 * bench diagram went from ~37 to ~55 fps (traced). Svelte Flow is told the final viewport when
 * the button is released, so its store, d3-zoom's own state, the minimap and the saved
 * viewport agree again before anything else can happen.
 */
import type { Viewport } from '@xyflow/svelte';

export interface MousePanHandlers {
  /** Svelte Flow's viewport when the press starts (null: do not pan). */
  viewport(): Viewport | null;
  /** The first move of a pan (the press was not just a click). */
  onstart(): void;
  /** Once per frame while the view moves, with the view as drawn. */
  onmove(viewport: Viewport): void;
  /** The button was released after a pan: the final view, for Svelte Flow. */
  onend(viewport: Viewport): void;
}

/** The view after dragging the pane from `from` to `to` (screen px): zoom unchanged. */
export function pannedViewport(
  start: Viewport,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Viewport {
  return { x: start.x + to.x - from.x, y: start.y + to.y - from.y, zoom: start.zoom };
}

/** Svelte Flow's viewport transform, in the form it writes it itself. */
export function viewportTransform({ x, y, zoom }: Viewport): string {
  return `translate(${x}px, ${y}px) scale(${zoom})`;
}

/**
 * Takes plain left-button drags that start on the pane inside `root` (not on a node, an edge or
 * a control; no modifier key, so Shift still draws a selection box). Returns a function that
 * removes the listeners.
 */
export function mousePan(root: HTMLElement, handlers: MousePanHandlers): () => void {
  let press: { from: { x: number; y: number }; start: Viewport; viewportEl: HTMLElement } | null = null;
  let at: { x: number; y: number } | null = null;
  let started = false;
  let frame = 0;

  const current = () => (press && at ? pannedViewport(press.start, press.from, at) : null);

  const draw = () => {
    frame = 0;
    const view = current();
    if (!press || !view) return;
    press.viewportEl.style.transform = viewportTransform(view);
    handlers.onmove(view);
  };

  const onmousemove = (event: MouseEvent) => {
    if (!press) return;
    // The pan is ours: d3-zoom and Svelte Flow must not act on these moves.
    event.stopPropagation();
    at = { x: event.clientX, y: event.clientY };
    if (!started) {
      if (at.x === press.from.x && at.y === press.from.y) return;
      started = true;
      handlers.onstart();
    }
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const finish = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    const view = started ? current() : null;
    if (press && view) press.viewportEl.style.transform = viewportTransform(view);
    press = null;
    at = null;
    started = false;
    window.removeEventListener('mousemove', onmousemove, true);
    window.removeEventListener('mouseup', finish, true);
    window.removeEventListener('blur', finish);
    if (view) handlers.onend(view);
  };

  const onmousedown = (event: MouseEvent) => {
    const target = event.target as Element | null;
    if (
      press ||
      event.button !== 0 ||
      event.shiftKey ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      !target?.classList.contains('svelte-flow__pane')
    )
      return;
    const viewportEl = root.querySelector<HTMLElement>('.svelte-flow__viewport');
    const start = handlers.viewport();
    if (!viewportEl || !start) return;
    // d3-zoom listens below: it does not see this press (Svelte Flow's pane click and selection
    // use pointer events, which still arrive). No text selection starts either.
    event.stopPropagation();
    event.preventDefault();
    press = { from: { x: event.clientX, y: event.clientY }, start, viewportEl };
    window.addEventListener('mousemove', onmousemove, true);
    window.addEventListener('mouseup', finish, true);
    window.addEventListener('blur', finish);
  };

  root.addEventListener('mousedown', onmousedown, true);
  return () => {
    root.removeEventListener('mousedown', onmousedown, true);
    finish();
  };
}
