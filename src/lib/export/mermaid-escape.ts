/**
 * Text and id rules for Mermaid output (flowcharts and sequence diagrams), and the inverse
 * for importers. Pure string functions: no DOM, no Mermaid import.
 *
 * Why each rule exists (measured against Mermaid 11.17.2's own parser, see
 * tests/unit/export-mermaid/):
 *
 * - Mermaid turns every `#name;` / `#123;` in the source into an entity before it parses
 *   (`encodeEntities`), and the renderer turns it back into `&name;` / `&#123;`. So any
 *   character can be written as `#<decimal>;`, and the parser never sees the raw character.
 * - Always encoded: `"` (ends a quoted string), `#` (starts a comment in sequence diagrams
 *   and would start a user-made entity), `&` `<` `>` (the parser runs DOMPurify over
 *   flowchart text, which would rewrite them), `` ` `` (`"`…`` ` `` opens a Markdown
 *   string), `:` (`fa:fa-x` becomes an icon, `wrap:` changes wrapping, and `style…:…#…;`
 *   lines lose their last `;`), `\` (`\n` renders as a line break), and `ﬂ` (U+FB02, the
 *   first character of Mermaid's internal entity placeholder, so decoding is unambiguous).
 * - `;` ends a statement in sequence diagrams: encoded there (harmless inside a quoted
 *   flowchart label, so left readable).
 * - `%%` (comments and `%%{init}%%` directives, recognised anywhere in the text) and `$$`
 *   (KaTeX maths) are broken by encoding each `%` / `$` that touches another one.
 * - `direction` followed by whitespace and TB/LR/… anywhere on a flowchart line makes the
 *   lexer swallow the whole line: the word's last letter is encoded.
 * - Control characters, U+2028/U+2029 and lone surrogates are encoded (Mermaid normalises
 *   `\r`, HTML parsing drops NUL), and so is whitespace at either end (Mermaid trims).
 * - A newline becomes `\n` in flowcharts (no HTML, so the parser's DOMPurify pass never sees
 *   markup and parsing is the same in every DOM) and `<br>` in sequence diagrams (whose
 *   messages cannot hold `\n` and whose renderer splits only on `<br>`).
 *
 * Checked by rendering in Chromium: every label renders as the same text (HTML collapses
 * runs of spaces), except what Mermaid itself cannot show: NUL (shown as U+FFFD), CR (shown
 * as a space) and the literal sequences "ﬂ°" and "¶ß" (its renderer decodes them a second
 * time). The parsed text still decodes to the exact original in every case.
 */

export type MermaidTextTarget = 'flowchart' | 'sequence';

/** Characters that are always written as entities, with the entity used. */
const ALWAYS: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '#': '#35;',
  '`': '#96;',
  ':': '#58;',
  '\\': '#92;',
  '\uFB02': '#64258;',
};

/** Characters encoded only where they touch a copy of themselves (`%%`, `$$`). */
const DOUBLED = new Set(['%', '$']);

function numeric(cp: number): string {
  return `#${cp};`;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029;
}

function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

const WHITESPACE = /\s/u;
const DIRECTION_WORD = /direction/giu;

/**
 * Escape arbitrary text for a quoted Mermaid label (`id["…"]`, `-->|"…"|`, `subgraph id ["…"]`)
 * or for the free text of a sequence diagram (participant alias, message, note, block label,
 * title). The result contains no `"`, no raw newline and no character Mermaid gives a meaning
 * to; `decodeMermaidText` of what Mermaid reads back returns `text` exactly.
 * Empty text stays empty: a caller that needs a non-empty quoted string writes `" "`.
 */
export function escapeLabel(text: string, target: MermaidTextTarget = 'flowchart'): string {
  if (text === '') return '';
  // Positions (UTF-16 indices) of the last letter of every "direction".
  const directionEnds = new Set<number>();
  for (const m of text.matchAll(DIRECTION_WORD)) directionEnds.add(m.index + m[0].length - 1);

  // Split into code points but keep lone surrogates as their own units.
  const units: { ch: string; cp: number; index: number }[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    units.push({ ch: text.slice(i, i + len), cp, index: i });
    i += len;
  }
  let lead = 0;
  while (lead < units.length && WHITESPACE.test(units[lead]?.ch ?? '')) lead++;
  let trail = units.length;
  while (trail > lead && WHITESPACE.test(units[trail - 1]?.ch ?? '')) trail--;

  let out = '';
  units.forEach(({ ch, cp, index }, k) => {
    if (ch === '\n') {
      out += target === 'flowchart' ? '\\n' : '<br>';
    } else if (k < lead || k >= trail || isControl(cp) || isSurrogate(cp)) {
      out += numeric(cp);
    } else if (ALWAYS[ch] !== undefined) {
      out += ALWAYS[ch];
    } else if (ch === ';' && target === 'sequence') {
      out += '#59;';
    } else if (DOUBLED.has(ch) && (units[k - 1]?.ch === ch || units[k + 1]?.ch === ch)) {
      out += numeric(cp);
    } else if (directionEnds.has(index)) {
      out += numeric(cp);
    } else {
      out += ch;
    }
  });
  return out;
}

/** Named entities that Mermaid sources and DOMPurify output commonly contain. */
const NAMED: Readonly<Record<string, string>> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: '\u00A0',
  equals: '=',
  colon: ':',
  semi: ';',
  num: '#',
  grave: '`',
  bsol: '\\',
  percnt: '%',
  dollar: '$',
};

function fromCode(code: number, original: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : original;
}

// One pass, left to right, so decoded text is never decoded again.
const DECODE =
  /\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF|\uFB02\u00B0(\w+)\u00B6\u00DF|#(\d+);|#([A-Za-z][A-Za-z0-9]*);|&#(\d+);|&#[xX]([0-9A-Fa-f]+);|&([A-Za-z][A-Za-z0-9]*);|<br\s*\/?>|\\n/gi;

/**
 * The inverse of `escapeLabel`, for text that Mermaid's parser hands back (importers):
 * Mermaid's entity placeholders (`ﬂ°°35¶ß`, `ﬂ°quot¶ß`), `#35;` / `#quot;` entities, the HTML
 * entities DOMPurify writes (`&amp;`, `&#35;`), `<br>` / `<br/>` and `\n` become characters.
 * Unknown named entities are left as written.
 */
export function decodeMermaidText(text: string): string {
  return text.replace(
    DECODE,
    (
      match: string,
      phNum?: string,
      phName?: string,
      hashNum?: string,
      hashName?: string,
      ampNum?: string,
      ampHex?: string,
      ampName?: string,
    ) => {
      if (phNum !== undefined) return fromCode(Number(phNum), `#${phNum};`);
      if (phName !== undefined) return NAMED[phName] ?? `#${phName};`;
      if (hashNum !== undefined) return fromCode(Number(hashNum), match);
      if (hashName !== undefined) return NAMED[hashName] ?? match;
      if (ampNum !== undefined) return fromCode(Number(ampNum), match);
      if (ampHex !== undefined) return fromCode(parseInt(ampHex, 16), match);
      if (ampName !== undefined) return NAMED[ampName] ?? match;
      return '\n'; // <br> or \n
    },
  );
}

// ---------------------------------------------------------------------------
// Ids.
// ---------------------------------------------------------------------------

/** Shortest suffix taken from a record id; grows only when two records would collide. */
const MIN_SUFFIX = 6;

function idCore(recordId: string): string {
  const cut = recordId.indexOf('_');
  const tail = cut >= 0 ? recordId.slice(cut + 1) : recordId;
  const core = tail.replace(/[^A-Za-z0-9]/g, '');
  if (core !== '') return core;
  // Nothing usable: a short stable hash of the whole id (FNV-1a, base 36).
  let h = 0x811c9dc5;
  for (let i = 0; i < recordId.length; i++) {
    h ^= recordId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * Short, safe, stable Mermaid ids for records: `prefix` + `_` + the start of the record id's
 * random part (`cmp_3f9k2a…` → `n_3f9k2a`). Every id matches `[a-z]+_[A-Za-z0-9_]+`, so it is
 * never a keyword and never starts with one followed by `-` or `.`. Ids are unique within the
 * call: the suffix grows for everyone until no two records share it, and records whose ids
 * are the same after cleaning get `_2`, `_3`… in the order of their record ids.
 */
export function mermaidIds(recordIds: readonly string[], prefix: string): Map<string, string> {
  const unique = [...new Set(recordIds)];
  const cores = new Map(unique.map((id) => [id, idCore(id)] as const));
  const longest = Math.max(MIN_SUFFIX, ...[...cores.values()].map((c) => c.length));
  let len = MIN_SUFFIX;
  for (; len < longest; len++) {
    const seen = new Set<string>();
    let clash = false;
    for (const c of cores.values()) {
      const s = c.slice(0, len);
      if (seen.has(s)) {
        clash = true;
        break;
      }
      seen.add(s);
    }
    if (!clash) break;
  }
  const out = new Map<string, string>();
  const taken = new Map<string, number>();
  for (const id of [...unique].sort()) {
    const base = `${prefix}_${(cores.get(id) ?? '').slice(0, len)}`;
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    out.set(id, n === 1 ? base : `${base}_${n}`);
  }
  return out;
}
