/**
 * Markdown previews: GitHub-flavoured Markdown rendered by marked, then sanitised by
 * DOMPurify, so that user text can never inject script, styles, forms or event handlers.
 * The result is safe for `{@html}`.
 *
 * Uses its own marked and DOMPurify instances, so that configuration elsewhere in the app
 * (extensions, hooks) neither leaks in nor out.
 */
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

let purifier: Purifier | null = null;

function getPurifier(): Purifier | null {
  if (purifier) return purifier;
  if (typeof window === 'undefined') return null;
  const p = DOMPurify(window);
  if (!p.isSupported) return null;
  // Links leave the app in a new tab, without access to it; in-app links (#/…) stay.
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (href && !href.startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
  });
  purifier = p;
  return p;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * Markdown → sanitised HTML. Raw HTML in the text is kept only where it is harmless
 * (`<em>`, `<kbd>`…); scripts, event handlers, `javascript:` URLs, iframes, forms and styles
 * are removed. Without a DOM (Node) the text comes back escaped in a `<pre>`.
 */
export function renderMarkdown(text: string): string {
  const p = getPurifier();
  if (!p) return text ? `<pre>${escapeHtml(text)}</pre>` : '';
  const html = markdown.parse(text) as string;
  return p.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}
