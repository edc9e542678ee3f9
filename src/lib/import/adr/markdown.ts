/**
 * Markdown helpers for the ADR importer: front matter, sections split on headings (marked's
 * lexer, so headings inside code fences or list items are never mistaken for sections), plain
 * text of inline Markdown, list items. Pure string/token functions, no DOM.
 *
 * Text is always taken from the tokens' `raw` source, so whatever a field or extra section
 * receives is the author's own Markdown, not a re-rendering of it.
 */
import { Lexer, type Token, type Tokens } from 'marked';

/** BOM stripped, CRLF / CR → LF. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

// ---------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------

export interface FrontMatterEntry {
  /** Lower-cased key, or '' for a comment / blank / unparsable line. */
  key: string;
  /** The value as text: a list is joined with ", "; quotes removed. */
  value: string;
  /** List values (YAML flow `[a, b]` or block `- a` items); a scalar gives one item. */
  items: string[];
  /** The entry's own lines, verbatim. */
  raw: string;
}

export interface FrontMatter {
  entries: FrontMatterEntry[];
  /** The Markdown after the front matter. */
  body: string;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    const inner = v.slice(1, -1);
    if (v.startsWith("'")) return inner.replace(/''/g, "'");
    try {
      return JSON.parse(v) as string;
    } catch {
      return inner;
    }
  }
  // A trailing YAML comment on a plain scalar.
  return v.replace(/\s+#.*$/, '');
}

/** A YAML front matter block (`---` … `---` or `...`) at the very start; simple keys only. */
export function splitFrontMatter(text: string): FrontMatter {
  const m = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { entries: [], body: text };
  const lines = (m[1] ?? '').replace(/\n$/, '').split('\n');
  const entries: FrontMatterEntry[] = [];
  for (const line of lines) {
    const key = /^([A-Za-z_][\w .-]*?)\s*:(?:\s+(.*)|\s*)$/.exec(line);
    const last = entries[entries.length - 1];
    if (key && !/^\s/.test(line)) {
      const value = (key[2] ?? '').trim();
      const flow = /^\[(.*)\]$/.exec(value);
      const items = flow
        ? (flow[1] ?? '')
            .split(',')
            .map(unquote)
            .filter((s) => s !== '')
        : value === '' || /^[|>]/.test(value)
          ? []
          : [unquote(value)];
      entries.push({ key: (key[1] ?? '').toLowerCase(), value: items.join(', '), items, raw: line });
    } else if (last && last.key !== '' && /^\s/.test(line) && line.trim() !== '') {
      // A continuation: a block list item or a folded scalar line.
      last.raw += `\n${line}`;
      const item = /^\s*-\s+(.*)$/.exec(line);
      last.items.push(unquote(item ? (item[1] ?? '') : line));
      last.value = last.items.join(item ? ', ' : ' ');
    } else {
      entries.push({ key: '', value: '', items: [], raw: line });
    }
  }
  return { entries, body: text.slice(m[0].length) };
}

// ---------------------------------------------------------------------------
// Tokens and sections
// ---------------------------------------------------------------------------

export function lex(markdown: string): Token[] {
  return new Lexer({ gfm: true }).lex(markdown);
}

/** The source text of tokens (exact: marked's top-level `raw` values cover the input). */
export function rawOf(tokens: readonly Token[]): string {
  return tokens.map((t) => t.raw).join('');
}

/** Source text of tokens, trimmed of blank lines at either end (and trailing spaces). */
export function textOf(tokens: readonly Token[]): string {
  return rawOf(tokens)
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}

export function isHeading(t: Token): t is Tokens.Heading {
  return t.type === 'heading';
}

export interface Section {
  /** Heading text as written (HTML comments removed, trimmed); '' for content before the first heading. */
  heading: string;
  depth: number;
  /** Tokens after the heading up to the next heading of the same or a higher level. */
  tokens: Token[];
}

/** Heading text without HTML comments (`## Links <!-- optional -->`) and closing hashes. */
export function headingText(t: Tokens.Heading): string {
  return t.text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s+#+\s*$/, '')
    .trim();
}

/**
 * Split tokens into the part before the first heading of depth ≤ `maxDepth` and the sections
 * that start at such headings; deeper headings stay inside their section's tokens.
 */
export function splitSections(
  tokens: readonly Token[],
  maxDepth: number,
): { lead: Token[]; sections: Section[] } {
  const lead: Token[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const t of tokens) {
    if (isHeading(t) && t.depth <= maxDepth) {
      current = { heading: headingText(t), depth: t.depth, tokens: [] };
      sections.push(current);
    } else if (current) {
      current.tokens.push(t);
    } else {
      lead.push(t);
    }
  }
  return { lead, sections };
}

/** The depth of the first heading in tokens, or null. */
export function firstHeadingDepth(tokens: readonly Token[]): number | null {
  const h = tokens.find(isHeading);
  return h ? h.depth : null;
}

/** Only whitespace (space tokens, blank raw). */
export function isBlank(tokens: readonly Token[]): boolean {
  return tokens.every((t) => t.raw.trim() === '');
}

// ---------------------------------------------------------------------------
// Inline text
// ---------------------------------------------------------------------------

/** Undo Markdown backslash escapes and the entities our exporter writes (`&lt;` `&gt;` `&amp;`). */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function plainTokens(tokens: readonly Token[] | undefined): string {
  let out = '';
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'escape':
        out += (t as Tokens.Escape).text;
        break;
      case 'codespan':
        out += t.raw;
        break;
      case 'br':
        out += ' ';
        break;
      case 'image':
        out += (t as Tokens.Image).text;
        break;
      case 'html':
        out += /^<!--/.test(t.raw) ? '' : t.raw;
        break;
      case 'text': {
        const text = t as Tokens.Text;
        out += text.tokens ? plainTokens(text.tokens) : unescapeMarkdown(text.text);
        break;
      }
      default: {
        const nested = (t as { tokens?: Token[] }).tokens;
        out += nested ? plainTokens(nested) : unescapeMarkdown((t as { text?: string }).text ?? t.raw);
      }
    }
  }
  return out;
}

/**
 * Inline Markdown → plain text: emphasis markers dropped, links → their text, escapes undone,
 * code spans kept with their backticks; whitespace collapsed.
 */
export function plainInline(markdown: string): string {
  return plainTokens(Lexer.lexInline(markdown, { gfm: true }))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Link destinations in inline Markdown that its plain text does not show. */
export function hiddenUrls(markdown: string): string[] {
  const plain = plainInline(markdown);
  const urls: string[] = [];
  const walk = (tokens: readonly Token[] | undefined) => {
    for (const t of tokens ?? []) {
      if ((t.type === 'link' || t.type === 'image') && !plain.includes((t as Tokens.Link).href)) {
        urls.push((t as Tokens.Link).href);
      }
      walk((t as { tokens?: Token[] }).tokens);
    }
  };
  walk(Lexer.lexInline(markdown, { gfm: true }));
  return urls;
}

/**
 * A list item's content as one string: continuation lines joined with a space, nested list
 * lines kept on their own lines (dedented as marked gives them).
 */
export function itemText(item: Tokens.ListItem): string {
  const lines = item.text.split('\n').map((l) => l.trimEnd());
  let out = '';
  let inFence = false;
  for (const line of lines) {
    const fence = /^\s*(```|~~~)/.test(line);
    if (out === '') out = line.trim();
    else if (inFence || fence || /^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(line) || line.trim() === '')
      out += `\n${line}`;
    else out += ` ${line.trim()}`;
    if (fence) inFence = !inFence;
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

/** The first sentence of plain text, at most `max` characters (cut at a word, with "…"). */
export function firstSentence(plain: string, max = 120): string {
  const text = plain.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(?=\s+[\p{Lu}\p{N}"'“(`[*_]|\s*$)/u.exec(text);
  let s = (m?.[1] ?? text).trim();
  if (s.length > max) {
    const cut = s.slice(0, max);
    const space = cut.lastIndexOf(' ');
    s = `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
  }
  return s;
}

/** Lower case, punctuation and Markdown markers dropped, whitespace collapsed: for matching. */
export function matchKey(text: string): string {
  return plainInline(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[`"'“”‘’]/g, '')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
}
