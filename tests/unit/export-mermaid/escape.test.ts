import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMermaidText, escapeLabel, mermaidIds } from '../../../src/lib/export/mermaid-escape';
import { HOSTILE_FRAGMENTS, hostileText } from './arbitraries';

/** What Mermaid does to the source before its lexer runs: `#x;` → placeholder. */
function mermaidEncodeEntities(text: string): string {
  return text.replace(/#\w+;/g, (s) => {
    const inner = s.slice(1, -1);
    return /^\+?\d+$/.test(inner)
      ? `\uFB02\u00B0\u00B0${inner}\u00B6\u00DF`
      : `\uFB02\u00B0${inner}\u00B6\u00DF`;
  });
}

describe('escapeLabel', () => {
  it('leaves plain text readable', () => {
    expect(escapeLabel('Checkout service')).toBe('Checkout service');
    expect(escapeLabel('POST /checkout · ⏱2s ⟳3 ⚡CB')).toBe('POST /checkout · ⏱2s ⟳3 ⚡CB');
    expect(escapeLabel('Orders [primary] (eu) {v2} | end')).toBe('Orders [primary] (eu) {v2} | end');
  });

  it('encodes what Mermaid would read as syntax', () => {
    expect(escapeLabel('say "hi"')).toBe('say #quot;hi#quot;');
    expect(escapeLabel('a#b')).toBe('a#35;b');
    expect(escapeLabel('<script>alert(1)</script>')).toBe('#lt;script#gt;alert(1)#lt;/script#gt;');
    expect(escapeLabel('Fish & chips')).toBe('Fish #amp; chips');
    expect(escapeLabel('`md`')).toBe('#96;md#96;');
    expect(escapeLabel('fa:fa-car')).toBe('fa#58;fa-car');
    expect(escapeLabel('C:\\new')).toBe('C#58;#92;new');
    expect(escapeLabel('100% and 50%%')).toBe('100% and 50#37;#37;');
    expect(escapeLabel('$5 or $$x$$')).toBe('$5 or #36;#36;x#36;#36;');
    expect(escapeLabel('flow direction TB')).toBe('flow directio#110; TB');
  });

  it('keeps ";" readable in flowcharts and encodes it in sequence diagrams', () => {
    expect(escapeLabel('a; b')).toBe('a; b');
    expect(escapeLabel('a; b', 'sequence')).toBe('a#59; b');
  });

  it('writes newlines as \\n in flowcharts and <br> in sequence diagrams', () => {
    expect(escapeLabel('two\nlines')).toBe('two\\nlines');
    expect(escapeLabel('two\nlines', 'sequence')).toBe('two<br>lines');
    expect(escapeLabel('a\r\nb')).toBe('a#13;\\nb');
  });

  it('protects whitespace at either end from trimming, and control characters everywhere', () => {
    expect(escapeLabel('  x ')).toBe('#32;#32;x#32;');
    expect(escapeLabel('a\tb\u0000c')).toBe('a#9;b#0;c');
    expect(escapeLabel('\u00a0x\u00a0y')).toBe('#160;x\u00a0y');
  });

  it('breaks Mermaid entity placeholders typed by the user', () => {
    expect(escapeLabel('\uFB02\u00B0amp\u00B6\u00DF')).toBe('#64258;\u00B0amp\u00B6\u00DF');
  });

  it('returns an empty string for empty text', () => {
    expect(escapeLabel('')).toBe('');
  });

  it('never lets a quote, a raw newline or a bare # through (property)', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('flowchart' as const, 'sequence' as const), (text, target) => {
        const out = escapeLabel(text, target);
        expect(out.replace(/<br>/g, '')).not.toMatch(/["\r\n`<>&\u2028\u2029]|%%|\$\$|direction/i);
        // Every # starts an entity.
        expect(out.replace(/#(?:\d+|quot|amp|lt|gt);/g, '')).not.toContain('#');
        if (target === 'sequence') expect(out.replace(/#(?:\d+|quot|amp|lt|gt);/g, '')).not.toContain(';');
        if (text !== '') expect(out.trim()).toBe(out);
      }),
      { numRuns: 300 },
    );
  });

  it('is undone by decodeMermaidText, before and after Mermaid encodes entities (property)', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('flowchart' as const, 'sequence' as const), (text, target) => {
        const out = escapeLabel(text, target);
        expect(decodeMermaidText(out)).toBe(text);
        expect(decodeMermaidText(mermaidEncodeEntities(out))).toBe(text);
      }),
      { numRuns: 500 },
    );
    for (const text of HOSTILE_FRAGMENTS) {
      expect(decodeMermaidText(mermaidEncodeEntities(escapeLabel(text)))).toBe(text);
      expect(decodeMermaidText(mermaidEncodeEntities(escapeLabel(text, 'sequence')))).toBe(text);
    }
  });
});

describe('decodeMermaidText', () => {
  it('decodes placeholders, #entities, HTML entities and line breaks in one pass', () => {
    expect(decodeMermaidText('a \uFB02\u00B0quot\u00B6\u00DF b \uFB02\u00B0\u00B035\u00B6\u00DF')).toBe(
      'a " b #',
    );
    expect(decodeMermaidText('#quot;x#quot; #9829;')).toBe('"x" ♥');
    expect(decodeMermaidText('Fish &amp; chips &lt;3 &#35; &#x41;')).toBe('Fish & chips <3 # A');
    expect(decodeMermaidText('a<br>b<br/>c<BR />d\\ne')).toBe('a\nb\nc\nd\ne');
    expect(decodeMermaidText('#35;quot;')).toBe('#quot;');
    expect(decodeMermaidText('&amp;amp;')).toBe('&amp;');
  });

  it('leaves unknown entities and plain text alone', () => {
    expect(decodeMermaidText('#nosuch; &nosuch; 50% a&b # ;')).toBe('#nosuch; &nosuch; 50% a&b # ;');
  });
});

describe('mermaidIds', () => {
  const SAFE = /^[a-z]+_[A-Za-z0-9]+(?:_\d+)?$/;

  it('takes a short suffix from the record id', () => {
    const ids = mermaidIds(['cmp_3f9k2a7qzz01abcd', 'cmp_x81kd0aa00000000'], 'n');
    expect(ids.get('cmp_3f9k2a7qzz01abcd')).toBe('n_3f9k2a');
    expect(ids.get('cmp_x81kd0aa00000000')).toBe('n_x81kd0');
  });

  it('grows the suffix until records no longer collide', () => {
    const ids = mermaidIds(['cmp_abcdef1111', 'cmp_abcdef2222', 'cmp_zzzzzz0000'], 'n');
    expect([...ids.values()]).toEqual(['n_abcdef1', 'n_abcdef2', 'n_zzzzzz0']);
  });

  it('numbers records that are identical once cleaned, and hashes ids with nothing usable', () => {
    const ids = mermaidIds(['cmp_a-b', 'cmp_ab', 'cmp_', '--', 'end'], 'n');
    expect(ids.get('cmp_a-b')).toBe('n_ab');
    expect(ids.get('cmp_ab')).toBe('n_ab_2');
    expect(ids.get('end')).toBe('n_end');
    expect(ids.get('cmp_')).toMatch(SAFE);
    expect(ids.get('--')).toMatch(SAFE);
    expect(new Set(ids.values()).size).toBe(5);
  });

  it('is safe, unique and independent of input order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 20 }), { maxLength: 40 }), (recordIds) => {
        const ids = mermaidIds(recordIds, 'n');
        expect(ids.size).toBe(recordIds.length);
        expect(new Set(ids.values()).size).toBe(recordIds.length);
        for (const id of ids.values()) expect(id).toMatch(SAFE);
        expect(mermaidIds([...recordIds].reverse(), 'n')).toEqual(ids);
      }),
      { numRuns: 200 },
    );
  });
});
