// Sanitising needs a real DOM: it is covered in the browser by tests/e2e/decisions.e2e.ts
// (happy-dom's DOM is not faithful enough for DOMPurify). Here: the fallback without a DOM.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/lib/ui/markdown';

describe('renderMarkdown without a DOM', () => {
  it('returns the text escaped, never as HTML', () => {
    expect(renderMarkdown('<script>alert("x")</script> & **bold**')).toBe(
      '<pre>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; **bold**</pre>',
    );
  });

  it('is empty for empty text', () => {
    expect(renderMarkdown('')).toBe('');
  });
});
