/**
 * Landing on the thing a review finding points at, after a route change: wait until the
 * element is on the page (the next view mounts, the diagram selects the node, the inspector
 * shows its form), open any closed <details> around it, scroll it into view, focus it (or
 * its first focusable control) and flash it briefly so the eye finds it.
 *
 * DOM only; what to look for is decided in navigate.ts.
 */

/** Finds the element to land on; null while it is not (yet) on the page. */
export type Finder = () => HTMLElement | null;

export interface RevealOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Tried once when `find` still finds nothing at the deadline (e.g. the section around the field). */
  fallback?: Finder;
  /** Called when nothing was found (fallback included). */
  onmiss?: () => void;
}

const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), ' +
  'button:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** The text of a label, without the text of the controls inside it. */
function labelText(label: Element): string {
  let text = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent ?? '';
      else if (child instanceof Element && !child.matches('input, textarea, select, button')) walk(child);
    }
  };
  walk(label);
  return text.replace(/\s+/g, ' ').trim();
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * The control named `name` inside `root`: by a <label> whose own text is `name` (nested
 * control or `for`), or by `aria-label`. Null when there is none.
 */
export function labelledControl(root: ParentNode | null | undefined, name: string): HTMLElement | null {
  if (!root) return null;
  for (const label of root.querySelectorAll('label')) {
    if (!same(labelText(label), name)) continue;
    const control = label.control;
    if (control instanceof HTMLElement) return control;
  }
  for (const el of root.querySelectorAll<HTMLElement>('[aria-label]')) {
    if (same(el.getAttribute('aria-label')?.trim() ?? '', name)) return el;
  }
  return null;
}

/** The button inside `root` whose visible text is `text`. */
export function buttonByText(root: ParentNode | null | undefined, text: string): HTMLElement | null {
  if (!root) return null;
  for (const b of root.querySelectorAll<HTMLElement>('button')) {
    if (same(b.textContent?.replace(/\s+/g, ' ').trim() ?? '', text)) return b;
  }
  return null;
}

/** The section a heading with this text heads (its closest <section>, else its parent). */
export function sectionByHeading(root: ParentNode | null | undefined, text: string): HTMLElement | null {
  if (!root) return null;
  for (const h of root.querySelectorAll<HTMLElement>('h2, h3, h4')) {
    if (same(h.textContent?.replace(/\s+/g, ' ').trim() ?? '', text)) {
      return h.closest('section') ?? h.parentElement;
    }
  }
  return null;
}

function isFocusable(el: HTMLElement): boolean {
  return el.matches(FOCUSABLE) || el.tabIndex >= 0;
}

/** The element itself when focusable, else its first focusable descendant. */
export function focusableIn(el: HTMLElement): HTMLElement | null {
  if (isFocusable(el)) return el;
  return el.querySelector<HTMLElement>(FOCUSABLE);
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Open every closed <details> around `el`, so it can be seen. */
function openAncestors(el: HTMLElement): void {
  for (let d = el.parentElement?.closest('details'); d; d = d.parentElement?.closest('details')) {
    if (!d.open) d.open = true;
  }
}

/** Scroll `el` into view, focus it (or its first control) and flash it. */
export function land(el: HTMLElement): HTMLElement {
  openAncestors(el);
  const target = focusableIn(el) ?? el;
  if (!isFocusable(target)) target.setAttribute('tabindex', '-1');
  target.scrollIntoView({
    block: 'center',
    inline: 'nearest',
    behavior: reducedMotion() ? 'auto' : 'smooth',
  });
  target.focus({ preventScroll: true });
  if (!reducedMotion() && typeof target.animate === 'function') {
    target.animate(
      [
        { boxShadow: '0 0 0 0 transparent' },
        { boxShadow: '0 0 0 5px var(--accent-soft), 0 0 0 7px var(--focus)' },
        { boxShadow: '0 0 0 0 transparent' },
      ],
      { duration: 1200, easing: 'ease-out' },
    );
  }
  return target;
}

let generation = 0;

/**
 * Wait (each animation frame, at most `timeoutMs`, 2 s by default) for `find` to find the
 * element, then land on it. A newer call cancels an older one still waiting. Resolves with
 * the element focused, or null when nothing was found.
 */
export function reveal(find: Finder, options: RevealOptions = {}): Promise<HTMLElement | null> {
  const mine = ++generation;
  const deadline = performance.now() + (options.timeoutMs ?? 2000);
  return new Promise((resolve) => {
    const attempt = () => {
      if (mine !== generation) return resolve(null);
      let found: HTMLElement | null;
      try {
        found = find();
      } catch {
        found = null;
      }
      if (found?.isConnected) return resolve(land(found));
      if (performance.now() < deadline) {
        // rAF pauses in a background tab; the timeout keeps the wait bounded there too.
        const next = () => {
          clearTimeout(timer);
          cancelAnimationFrame(frame);
          attempt();
        };
        const frame = requestAnimationFrame(next);
        const timer = setTimeout(next, 50);
        return;
      }
      const fallback = options.fallback?.();
      if (fallback?.isConnected) return resolve(land(fallback));
      options.onmiss?.();
      resolve(null);
    };
    attempt();
  });
}
