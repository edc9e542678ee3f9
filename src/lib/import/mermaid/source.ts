/**
 * Source-level helpers for reading Mermaid text: the front matter title, the line-preserving
 * rewrite done before parsing, and the map from the line numbers in Mermaid's errors (which
 * count lines of the text after Mermaid's own preprocessing) back to lines of the user's text.
 * Pure string functions, mirroring Mermaid 11.17.2's `preprocessDiagram`.
 */

// Copied from Mermaid 11.17.2 (src/diagram-api/regexes.ts, src/preprocess.ts).
const FRONT_MATTER = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;
const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const COMMENT_LINE = /^\s*%%(?!{)[^\n]+\n?/gm;

/** `<br>`, `<br/>`, `<br />` and `</br>` (browsers read the last as a line break too). */
const LINE_BREAK_TAG = /<\/?br\s*\/?>/gi;
/** Well-formed HTML formatting tags, which Faultline's plain-text labels drop anyway. */
const FORMATTING_TAG =
  /<\/?(?:a|b|big|center|code|del|div|em|font|i|ins|kbd|mark|p|s|small|span|strong|sub|sup|tt|u)(?:\s[^<>"]*(?:"[^"<>]*"[^<>"]*)*)?\/?>/gi;

/** Mermaid normalises line endings first; so do we (a lone CR is a line break). */
function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The text handed to Mermaid's parser: the user's text, outside the front matter, with every
 * `<br>`-like tag written as `\n` (which Mermaid reads as the same line break) and well-formed
 * formatting tags (`<b>`, `</i>`, `<span …>`) removed, as the importer's plain-text labels drop
 * them anyway. Line breaks are untouched, so line numbers stay valid.
 *
 * Why: Mermaid runs label text through DOMPurify, and under happy-dom (the Node CLI and the
 * tests) DOMPurify loses text before a tag ("A<br/>B" becomes "<br>B"); without markup, the
 * label never reaches DOMPurify's HTML parser, so every environment reads the same label.
 */
export function prepareForParse(text: string): string {
  const normal = normaliseNewlines(text);
  const front = FRONT_MATTER.exec(normal);
  const cut = front ? front[0].length : 0;
  return normal.slice(0, cut) + normal.slice(cut).replace(LINE_BREAK_TAG, '\\n').replace(FORMATTING_TAG, '');
}

/** The body of the front matter block (between the `---` lines), or null when there is none. */
export function frontMatterBody(text: string): string | null {
  const m = FRONT_MATTER.exec(normaliseNewlines(text));
  return m ? (m[2] ?? '') : null;
}

function unquoteDouble(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'string') return parsed;
  } catch {
    // YAML escapes that JSON lacks: fall through to a plain strip.
  }
  return value.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

/**
 * The `title:` of the front matter (a top-level YAML key), or null. Handles what front matter
 * titles are written as in practice: plain, 'single' or "double" quoted, and `|` / `>` blocks.
 * Mermaid itself validates the YAML; this only reads the title back out.
 */
export function frontMatterTitle(text: string): string | null {
  const body = frontMatterBody(text);
  if (body === null) return null;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^title\s*:(.*)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const raw = (m[1] ?? '').trim();
    let value: string;
    if (/^[|>][+-]?\d*$/.test(raw)) {
      const block: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const line = lines[j] ?? '';
        if (line.trim() !== '' && !/^\s/.test(line)) break;
        block.push(line.trim());
      }
      value = block.join(raw.startsWith('|') ? '\n' : ' ').trim();
    } else if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
      value = unquoteDouble(raw);
    } else if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) {
      value = raw.slice(1, -1).replace(/''/g, "'");
    } else {
      value = raw.replace(/\s+#.*$/, '').trim();
    }
    return value === '' ? null : value;
  }
  return null;
}

/** A string together with, for each of its characters, its index in the original text. */
interface Tracked {
  text: string;
  origin: number[];
}

function deleteMatches(t: Tracked, re: RegExp): Tracked {
  let text = '';
  const origin: number[] = [];
  let last = 0;
  for (const m of t.text.matchAll(re)) {
    if (m[0] === '') continue;
    text += t.text.slice(last, m.index);
    origin.push(...t.origin.slice(last, m.index));
    last = m.index + m[0].length;
  }
  text += t.text.slice(last);
  origin.push(...t.origin.slice(last));
  return { text, origin };
}

/**
 * A function from a line number in the text Mermaid's parser saw (after it removed the front
 * matter, directives, comment lines and leading blank lines) to the line in `text` (1-based).
 * `text` must be the text passed to Mermaid.
 */
export function parserLineMapper(text: string): (parserLine: number) => number {
  // Line number of every original character (CRLF counts once, a lone CR is a break).
  const lineOf: number[] = [];
  let line = 1;
  let normal = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    lineOf.push(line);
    if (ch === '\r' && text[i + 1] === '\n') continue; // CRLF: the LF counts
    normal += ch === '\r' ? '\n' : ch;
    origin.push(i);
    if (ch === '\n' || ch === '\r') line++;
  }
  let lastLine = 1;
  for (let i = text.length - 1; i >= 0; i--)
    if (!/\s/.test(text[i] ?? '')) {
      lastLine = lineOf[i] ?? 1;
      break;
    }
  let t: Tracked = { text: normal, origin };
  const front = FRONT_MATTER.exec(t.text);
  if (front) t = { text: t.text.slice(front[0].length), origin: t.origin.slice(front[0].length) };
  t = deleteMatches(t, DIRECTIVE);
  t = deleteMatches(t, COMMENT_LINE);
  t = deleteMatches(t, /^\s+/g);
  const starts: number[] = [0];
  for (let i = 0; i < t.text.length; i++) if (t.text[i] === '\n') starts.push(i + 1);
  return (parserLine: number) => {
    if (!Number.isFinite(parserLine) || parserLine < 1) return 1;
    const start = starts[Math.min(parserLine, starts.length) - 1] ?? 0;
    const at = t.origin[start];
    return at === undefined ? lastLine : (lineOf[at] ?? lastLine);
  };
}
