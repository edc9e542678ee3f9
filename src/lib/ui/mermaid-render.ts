/**
 * The app's one way to draw Mermaid: loaded on first use, always `securityLevel: 'strict'`,
 * one diagram at a time (Mermaid is a global singleton and not re-entrant — each render sets
 * the configuration it needs), and every SVG sanitised again with DOMPurify before use.
 */
import type { Mermaid } from 'mermaid';

export interface MermaidRenderOptions {
  theme: 'default' | 'dark' | 'neutral';
  /** HTML labels in <foreignObject> (richer text) or plain SVG text. */
  htmlLabels: boolean;
}

let loading: Promise<Mermaid> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

/**
 * Run `job` with the app's Mermaid instance, after every call queued before it (Mermaid is a
 * global singleton and not re-entrant). The job must set any configuration it relies on.
 */
export function withMermaid<T>(job: (mermaid: Mermaid) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    loading ??= import('mermaid').then((m) => m.default);
    return job(await loading);
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Render Mermaid text to a sanitised SVG string (rejects with Mermaid's error). */
export function renderMermaidSvg(text: string, opts: MermaidRenderOptions): Promise<string> {
  return withMermaid(async (mermaid) => {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      maxEdges: 5000,
      maxTextSize: 500_000,
      theme: opts.theme,
      htmlLabels: opts.htmlLabels,
      flowchart: { htmlLabels: opts.htmlLabels },
    });
    counter += 1;
    const { svg } = await mermaid.render(`faultline-mermaid-${counter}`, text);
    const { default: DOMPurify } = await import('dompurify');
    return opts.htmlLabels
      ? DOMPurify.sanitize(svg, {
          USE_PROFILES: { svg: true, svgFilters: true, html: true },
          // Flowchart labels are HTML inside <foreignObject>: keep them (still sanitised).
          ADD_TAGS: ['foreignObject'],
          HTML_INTEGRATION_POINTS: { foreignobject: true },
        })
      : DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ['style'] });
  });
}
