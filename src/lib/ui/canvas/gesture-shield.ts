/**
 * A transparent element laid over the canvas while a pan or a node drag is under way.
 *
 * Chromium hit-tests every mouse move to find the element under the pointer; on a big diagram
 * that means walking thousands of nodes and edge paths (5–7 ms a move on a 1,000-component
 * diagram here, two or three moves a frame). While the user pans or drags, nothing under the
 * pointer matters (the pan and the drag listen on the window), so one element on top ends each
 * hit test at once. It goes inside Svelte Flow's zoom container, so wheel events on it still
 * reach the zoom handler; it is raised only once the gesture has really moved (a plain click
 * still lands on what is under it) and lowered when the gesture ends, or at the latest when
 * the pointer is released.
 */
export interface GestureShield {
  raise(): void;
  lower(): void;
}

export function gestureShield(container: () => Element | null): GestureShield {
  let el: HTMLDivElement | null = null;
  const lower = () => {
    el?.remove();
    window.removeEventListener('pointerup', lower, true);
    window.removeEventListener('pointercancel', lower, true);
    window.removeEventListener('blur', lower);
  };
  return {
    raise() {
      if (el?.isConnected) return;
      const parent = container();
      if (!parent) return;
      if (!el) {
        el = document.createElement('div');
        el.className = 'faultline-gesture-shield';
        el.setAttribute('aria-hidden', 'true');
        Object.assign(el.style, { position: 'absolute', inset: '0', zIndex: '4', cursor: 'grabbing' });
      }
      parent.append(el);
      window.addEventListener('pointerup', lower, true);
      window.addEventListener('pointercancel', lower, true);
      window.addEventListener('blur', lower);
    },
    lower,
  };
}
