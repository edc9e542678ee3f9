/**
 * Turns ```mermaid code blocks of rendered (sanitised) Markdown into diagrams. Mermaid is
 * loaded on first use, initialised once with `securityLevel: 'strict'`, and diagrams are
 * rendered one after another (Mermaid is not re-entrant). Each SVG is sanitised again with
 * DOMPurify's SVG profile before it enters the page; a diagram that fails shows its source
 * and the error instead.
 */
import DOMPurify from 'dompurify';
import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | null = null;
let counter = 0;
/** Renders queue here, so that two previews never run Mermaid at the same time. */
let queue: Promise<unknown> = Promise.resolve();

function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      // Plain SVG text labels: no <foreignObject> HTML, which the SVG sanitiser removes.
      htmlLabels: false,
      flowchart: { htmlLabels: false },
    });
    return mermaid;
  });
  return loading;
}

function sanitiseSvg(svg: string): string {
  return DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    ADD_TAGS: ['style'],
  });
}

function failure(source: string, error: unknown): HTMLElement {
  const box = document.createElement('div');
  box.className = 'mermaid-error';
  box.setAttribute('role', 'note');
  const message = document.createElement('p');
  message.textContent = `This Mermaid diagram could not be drawn: ${
    error instanceof Error ? error.message : String(error)
  }`;
  const pre = document.createElement('pre');
  const code = document.createElement('code');
  code.textContent = source;
  pre.append(code);
  box.append(message, pre);
  return box;
}

/**
 * Replaces every `code.language-mermaid` block inside `root` with its diagram. Stops early
 * (leaving the rest as code) when `isCurrent()` turns false, e.g. a newer preview replaced it.
 */
export function renderMermaidBlocks(root: HTMLElement, isCurrent: () => boolean): Promise<void> {
  const blocks = [...root.querySelectorAll<HTMLElement>('code.language-mermaid')];
  if (blocks.length === 0) return Promise.resolve();
  const run = queue.then(async () => {
    const mermaid = await loadMermaid();
    for (const code of blocks) {
      if (!isCurrent() || !code.isConnected) return;
      const source = code.textContent ?? '';
      const target = code.parentElement?.tagName === 'PRE' ? code.parentElement : code;
      let replacement: HTMLElement;
      try {
        counter += 1;
        const { svg } = await mermaid.render(`faultline-mermaid-${counter}`, source);
        replacement = document.createElement('figure');
        replacement.className = 'mermaid-diagram';
        replacement.innerHTML = sanitiseSvg(svg);
      } catch (error) {
        replacement = failure(source, error);
      }
      if (!isCurrent() || !target.isConnected) return;
      target.replaceWith(replacement);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Shows sanitised HTML (from renderMarkdown) in `root`, which must hold no Svelte-managed
 * children, then draws its Mermaid blocks.
 */
export function showDocument(
  root: HTMLElement,
  sanitisedHtml: string,
  isCurrent: () => boolean,
): Promise<void> {
  root.innerHTML = sanitisedHtml;
  return renderMermaidBlocks(root, isCurrent);
}
