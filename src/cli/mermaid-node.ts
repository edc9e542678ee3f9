/**
 * Mermaid's parser under Node. Mermaid reads a few browser globals (and DOMPurify needs a
 * window) even when it only parses, so a happy-dom window is installed as `window` and
 * `document` before Mermaid is first imported. Loaded once per process; calls go one at a
 * time (Mermaid is a global singleton).
 */
import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | null = null;

async function load(): Promise<Mermaid> {
  const g = globalThis as Record<string, unknown>;
  if (!('document' in g)) {
    const { Window } = await import('happy-dom');
    const window = new Window({ url: 'http://localhost/' });
    g.window = window;
    g.document = window.document;
  }
  const mermaid = (await import('mermaid')).default;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    maxEdges: 100_000,
    maxTextSize: 10_000_000,
  });
  return mermaid;
}

export function nodeMermaid(): Promise<Mermaid> {
  loading ??= load();
  return loading;
}
