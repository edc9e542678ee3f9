// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { mousePan, pannedViewport, viewportTransform } from '../../../src/lib/ui/canvas/mouse-pan';

describe('pannedViewport', () => {
  test('moves the view by the pointer distance and keeps the zoom', () => {
    expect(pannedViewport({ x: 10, y: -5, zoom: 0.5 }, { x: 100, y: 100 }, { x: 70, y: 130 })).toEqual({
      x: -20,
      y: 25,
      zoom: 0.5,
    });
  });

  test('writes the transform as Svelte Flow does', () => {
    expect(viewportTransform({ x: -3.5, y: 12, zoom: 1 })).toBe('translate(-3.5px, 12px) scale(1)');
  });
});

describe('mousePan', () => {
  function setup() {
    document.body.innerHTML =
      '<div id="root"><div class="svelte-flow__pane"><div class="svelte-flow__viewport"></div></div><div class="svelte-flow__node">n</div></div>';
    const root = document.getElementById('root')!;
    const pane = root.querySelector<HTMLElement>('.svelte-flow__pane')!;
    const viewportEl = root.querySelector<HTMLElement>('.svelte-flow__viewport')!;
    const handlers = {
      viewport: vi.fn(() => ({ x: 0, y: 0, zoom: 1 })),
      onstart: vi.fn(),
      onmove: vi.fn(),
      onend: vi.fn(),
    };
    const stop = mousePan(root, handlers);
    const below = vi.fn();
    pane.addEventListener('mousedown', below);
    return { root, pane, viewportEl, handlers, stop, below };
  }
  const mouse = (type: string, x: number, y: number, init: MouseEventInit = {}) =>
    new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, ...init });
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));

  test('a drag on the pane draws the view once a frame and hands the final view over at the end', async () => {
    const { pane, viewportEl, handlers, stop, below } = setup();
    pane.dispatchEvent(mouse('mousedown', 100, 100));
    // d3-zoom (listening below) never sees the press.
    expect(below).not.toHaveBeenCalled();
    window.dispatchEvent(mouse('mousemove', 90, 104));
    window.dispatchEvent(mouse('mousemove', 80, 108));
    expect(handlers.onstart).toHaveBeenCalledTimes(1);
    await frame();
    expect(handlers.onmove).toHaveBeenCalledTimes(1);
    expect(handlers.onmove).toHaveBeenLastCalledWith({ x: -20, y: 8, zoom: 1 });
    expect(viewportEl.style.transform).toBe('translate(-20px, 8px) scale(1)');
    window.dispatchEvent(mouse('mousemove', 70, 110));
    window.dispatchEvent(mouse('mouseup', 70, 110));
    expect(handlers.onend).toHaveBeenCalledWith({ x: -30, y: 10, zoom: 1 });
    expect(viewportEl.style.transform).toBe('translate(-30px, 10px) scale(1)');
    stop();
  });

  test('a press without a move is a click: no pan, nothing handed over', () => {
    const { pane, viewportEl, handlers, stop } = setup();
    pane.dispatchEvent(mouse('mousedown', 100, 100));
    window.dispatchEvent(mouse('mouseup', 100, 100));
    expect(handlers.onstart).not.toHaveBeenCalled();
    expect(handlers.onend).not.toHaveBeenCalled();
    expect(viewportEl.style.transform).toBe('');
    stop();
  });

  test('leaves other presses to Svelte Flow: with a modifier key, another button, or not on the pane', () => {
    const { root, pane, handlers, stop, below } = setup();
    pane.dispatchEvent(mouse('mousedown', 100, 100, { shiftKey: true }));
    pane.dispatchEvent(mouse('mousedown', 100, 100, { button: 1 }));
    root.querySelector('.svelte-flow__node')!.dispatchEvent(mouse('mousedown', 100, 100));
    window.dispatchEvent(mouse('mousemove', 50, 50));
    window.dispatchEvent(mouse('mouseup', 50, 50));
    expect(below).toHaveBeenCalledTimes(2);
    expect(handlers.viewport).not.toHaveBeenCalled();
    expect(handlers.onstart).not.toHaveBeenCalled();
    stop();
  });
});
