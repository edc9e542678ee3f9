/**
 * Turns ```mermaid code blocks of rendered (sanitised) Markdown into diagrams. Mermaid is
 * loaded on first use, initialised once with `securityLevel: 'strict'`, and diagrams are
 * rendered one after another (Mermaid is not re-entrant). Each SVG is sanitised again with
 * DOMPurify's SVG profile before it enters the page; a diagram that fails shows its source
 * and the error instead.
 */
import { renderMermaidSvg } from '../mermaid-render';

/** Renders queue here too, so that a newer preview waits for the older one to stop. */
let queue: Promise<unknown> = Promise.resolve();

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
    for (const code of blocks) {
      if (!isCurrent() || !code.isConnected) return;
      const source = code.textContent ?? '';
      const target = code.parentElement?.tagName === 'PRE' ? code.parentElement : code;
      let replacement: HTMLElement;
      try {
        // Neutral theme, plain SVG text labels: the preview card is light in both themes.
        const svg = await renderMermaidSvg(source, { theme: 'neutral', htmlLabels: false });
        replacement = document.createElement('figure');
        replacement.className = 'mermaid-diagram';
        replacement.innerHTML = svg;
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
