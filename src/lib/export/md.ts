/**
 * Markdown escaping and tidying for the exporters. Pure string functions, no DOM.
 *
 * User text reaches a document in one of three ways, each with its own helper:
 * - `inline(text)`: one line of plain text (a title, a label, a list item): Markdown
 *   punctuation (`|` included) is backslash-escaped, `<` `>` and entity-like `&` become
 *   entities, line breaks become spaces, so the text can never start a heading, list, link,
 *   code span or raw HTML, and is safe in a table cell too;
 * - `cell(text)`: the same for a GFM table cell, but line breaks become `<br>` (the only
 *   HTML the exporters ever write), so a row keeps its number of cells;
 * - `block(text)`: a field the user writes Markdown in (context, rationale, free-text
 *   sections): kept as Markdown, but made safe to drop between our own headings: raw HTML is
 *   escaped (outside code), headings become bold lines (the document's outline is ours),
 *   setext underlines cannot turn a paragraph into a heading, and a code fence left open is
 *   closed.
 *
 * `finishMarkdown` tidies a rendered document: it drops headings whose section is empty,
 * makes heading texts unique, collapses runs of blank lines and strips trailing spaces
 * (code fences are left exactly as they are).
 */

interface Fence {
  char: string;
  length: number;
}

/** The code fence a line opens, or null (a backtick fence's info string has no backtick). */
function openFence(line: string): Fence | null {
  const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m) return null;
  const marker = m[1] ?? '```';
  if (marker.startsWith('`') && (m[2] ?? '').includes('`')) return null;
  return { char: marker[0] ?? '`', length: marker.length };
}

function closesFence(line: string, fence: Fence): boolean {
  return new RegExp(`^ {0,3}${fence.char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`).test(line);
}

/** Markdown punctuation escaped everywhere in inline text (`|` too, so it is safe in a table cell). */
const ALWAYS = /[\\`*[\]~|]/g;

function escapeEntities(text: string): string {
  return text
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** `_` only emphasises at a word boundary; `snake_case` stays readable. */
function escapeUnderscores(text: string): string {
  return text.replace(/_/g, (_m, offset: number, s: string) => {
    const before = s[offset - 1] ?? '';
    const after = s[offset + 1] ?? '';
    return /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after) ? '_' : '\\_';
  });
}

/** Characters that would start a block at the beginning of a line. */
function escapeLineStart(text: string): string {
  return text.replace(/^(#|[-+=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

function escapeInline(text: string | null | undefined, always: RegExp, lineStart = true): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  const escaped = escapeUnderscores(escapeEntities(flat.replace(always, '\\$&')));
  return lineStart ? escapeLineStart(escaped) : escaped;
}

/** One line of plain text, collapsed and escaped for use anywhere in Markdown. */
export function inline(text: string | null | undefined): string {
  return escapeInline(text, ALWAYS);
}

/** Heading text: inline text with every `#` escaped too (a trailing `#` would be eaten). */
export function headingText(text: string | null | undefined): string {
  return escapeInline(text, /[\\`*[\]~|#]/g);
}

/** A GFM table cell: inline escaping, `|` → `\|`, line breaks → `<br>`. Never contains a raw `|`. */
export function cell(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => escapeInline(line, ALWAYS, false))
    .join('<br>');
}

/** Cells already escaped with `cell` → a GFM table (header, delimiter, rows). */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ('left' | 'right' | 'center' | null)[] = [],
): string {
  const width = header.length;
  const line = (cells: readonly string[]) =>
    `|${Array.from({ length: width }, (_, i) => cells[i] ?? '')
      .map((c) => (c === '' ? ' ' : ` ${c} `))
      .join('|')}|`;
  const delimiter = header.map((_, i) => {
    const a = align[i] ?? null;
    return a === 'right' ? '---:' : a === 'center' ? ':---:' : a === 'left' ? ':---' : '---';
  });
  return [line(header), `| ${delimiter.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A URL safe inside `[text](url)`; '' when it is not an http(s), mailto or relative link. */
export function safeUrl(url: string | null | undefined): string {
  const u = (url ?? '').trim();
  if (u === '' || /[\r\n]/.test(u)) return '';
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(u);
  if (scheme && !['http', 'https', 'mailto'].includes((scheme[1] ?? '').toLowerCase())) return '';
  return u.replace(/[\s()<>\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[label](url)`, or the label alone when the URL is not safe; label falls back to the URL. */
export function link(label: string, url: string): string {
  const href = safeUrl(url);
  const text = inline(label) || inline(url);
  return href ? `[${text}](${href})` : text;
}

// ---------------------------------------------------------------------------
// Blocks of user Markdown
// ---------------------------------------------------------------------------

/** `<` that would open HTML (a tag, comment, declaration) outside code spans → `&lt;`. */
function escapeHtmlOutsideCode(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '`') {
      let n = 1;
      while (line[i + n] === '`') n += 1;
      const run = '`'.repeat(n);
      // A closing run of exactly the same length ends the code span.
      let j = line.indexOf(run, i + n);
      while (j >= 0 && (line[j + n] === '`' || line[j - 1] === '`')) j = line.indexOf(run, j + 1);
      if (j >= 0) {
        out += line.slice(i, j + n);
        i = j + n;
        continue;
      }
      out += run;
      i += n;
      continue;
    }
    if (ch === '<') {
      const autolink = /^<(?:https?:\/\/|mailto:)[^\s<>]*>/i.exec(line.slice(i));
      if (autolink) {
        out += autolink[0];
        i += autolink[0].length;
        continue;
      }
      out += '&lt;';
      i += 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/**
 * User Markdown made safe to place between the document's own sections (see the file
 * comment). Trailing spaces are kept inside code fences only; the result has no leading or
 * trailing blank lines ('' for blank text).
 */
export function block(text: string | null | undefined): string {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: Fence | null = null;
  let prevParagraph = false;
  for (const raw of lines) {
    if (fence) {
      out.push(raw);
      if (closesFence(raw, fence)) fence = null;
      continue;
    }
    fence = openFence(raw);
    if (fence) {
      out.push(raw.trimEnd());
      prevParagraph = false;
      continue;
    }
    let line = raw.trimEnd();
    // A heading, also inside a block quote or list item: the outline is the document's.
    const container = /^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*/.exec(line)?.[0] ?? '';
    const rest = line.slice(container.length);
    const heading = /^[ \t]*(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(rest);
    if (heading) {
      // Its text may itself start like a heading ("# # x"): escape that `#` too.
      const t = escapeHtmlOutsideCode((heading[2] ?? '').trim()).replace(/^#/, '\\#');
      line = `${container}${t === '' || t.includes('*') ? t : `**${t}**`}`.trimEnd();
      out.push(line);
      prevParagraph = line.trim() !== '';
      continue;
    }
    // ("-" alone reads as an empty list item above, but under a paragraph it is an underline.)
    const underline = /^ {0,3}(=+|-+)[ \t]*$/;
    if (prevParagraph && (underline.test(line) || underline.test(rest))) {
      // A setext underline: keep it as a thematic break (---) or text (===), not a heading.
      out.push('');
    }
    line = escapeHtmlOutsideCode(line);
    out.push(line);
    prevParagraph = line.trim() !== '' && !/^ {0,3}(?:[-*_][ \t]*){3,}$/.test(line);
  }
  if (fence) out.push(fence.char.repeat(fence.length));
  while (out.length > 0 && (out[0] ?? '').trim() === '') out.shift();
  while (out.length > 0 && (out[out.length - 1] ?? '').trim() === '') out.pop();
  return out.join('\n');
}

/** Mermaid source for a ```mermaid fence: no line may close the fence early. */
export function fenceBody(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (/^ {0,3}(`{3,}|~{3,})/.test(l) ? l.replace(/[`~]/g, "'") : l))
    .join('\n');
}

// ---------------------------------------------------------------------------
// Finishing a rendered document
// ---------------------------------------------------------------------------

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces → '-'. */
export function slug(text: string): string {
  return text
    .replace(/\\(.)/g, '$1')
    .replace(/&(lt|gt|amp);/g, '')
    .replace(/<br>/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

interface Line {
  text: string;
  /** Heading level, or 0 for any other line. */
  level: number;
  /** Inside (or the fence of) a code block. */
  code: boolean;
}

function classify(markdown: string): Line[] {
  const lines: Line[] = [];
  let fence: Fence | null = null;
  for (const text of markdown.split('\n')) {
    if (fence) {
      lines.push({ text, level: 0, code: true });
      if (closesFence(text, fence)) fence = null;
      continue;
    }
    fence = openFence(text);
    if (fence) {
      lines.push({ text, level: 0, code: true });
      continue;
    }
    const h = /^(#{1,6}) \S/.exec(text);
    lines.push({ text, level: h ? (h[1] ?? '').length : 0, code: false });
  }
  return lines;
}

/**
 * Drop headings with nothing under them (repeatedly, so an emptied parent goes too). A level-1
 * heading is the document's title and always stays.
 */
function dropEmptySections(lines: Line[]): Line[] {
  let current = lines;
  for (;;) {
    const keep: Line[] = [];
    let dropped = false;
    current.forEach((line, i) => {
      if (line.level > 1) {
        let j = i + 1;
        while (j < current.length && !current[j]?.code && (current[j]?.text ?? '').trim() === '') j += 1;
        const next = current[j];
        if (next === undefined || (next.level > 0 && next.level <= line.level)) {
          dropped = true;
          return;
        }
      }
      keep.push(line);
    });
    current = keep;
    if (!dropped) return current;
  }
}

/** Suffix repeated headings " (2)", " (3)"… so that every heading (and its anchor) is unique. */
function uniqueHeadings(lines: Line[]): Line[] {
  const seen = new Set<string>();
  return lines.map((line) => {
    if (line.level === 0) return line;
    const hashes = '#'.repeat(line.level);
    const text = line.text.slice(line.level + 1).trim();
    let candidate = text;
    for (let n = 2; seen.has(slug(candidate)); n += 1) candidate = `${text} (${n})`;
    seen.add(slug(candidate));
    return candidate === text ? line : { ...line, text: `${hashes} ${candidate}` };
  });
}

/**
 * Tidy a rendered document: empty sections dropped, headings unique, trailing spaces and
 * runs of blank lines removed outside code, a blank line around every heading, one final
 * newline.
 */
export function finishMarkdown(markdown: string): string {
  let lines = classify(markdown.replace(/\r\n?/g, '\n'));
  lines = dropEmptySections(lines);
  lines = uniqueHeadings(lines);
  const out: string[] = [];
  const blankLast = () => out.length === 0 || out[out.length - 1] === '';
  for (const [i, line] of lines.entries()) {
    if (line.code) {
      out.push(line.text);
      continue;
    }
    const text = line.text.trimEnd();
    if (text.trim() === '') {
      if (!blankLast()) out.push('');
      continue;
    }
    if (line.level > 0 && !blankLast()) out.push('');
    out.push(text);
    const next = lines[i + 1];
    if (line.level > 0 && next && next.text.trim() !== '') out.push('');
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

/** `PostgreSQL over MongoDB!` → `postgresql-over-mongodb`: ASCII, at most `max` characters, cut at a word. */
export function kebab(text: string, max = 60): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > max) {
      if (!out) out = w.slice(0, max);
      break;
    }
    out = next;
  }
  return out;
}
