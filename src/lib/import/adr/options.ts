/**
 * Options of an ADR: reading them from a "Considered Options" list or sub-headings, reading
 * an option's pros and cons ("Good, because …", "Pros:" lists), and matching a title written
 * elsewhere (a "Pros and Cons" heading, "Chosen option: …") back to an option.
 */
import type { Token, Tokens } from 'marked';
import {
  firstSentence,
  headingText,
  hiddenUrls,
  isHeading,
  itemText,
  matchKey,
  plainInline,
  rawOf,
  unescapeMarkdown,
} from './markdown';

export interface ParsedOption {
  title: string;
  description: string;
  pros: string[];
  cons: string[];
}

/** Markdown pieces joined with blank lines (each trimmed of blank lines and trailing space). */
export function joinBlocks(pieces: readonly string[]): string {
  return pieces
    .map((p) => p.replace(/^(?:[ \t]*\n)+/, '').trimEnd())
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}

// ---------------------------------------------------------------------------
// Pros and cons
// ---------------------------------------------------------------------------

export type Polarity = 'pro' | 'con' | 'neutral' | 'trade-off';

/** "Good, because X" → pro "X"; "Bad: X", "Pro: X", "Neutral, because X", "Trade-off accepted: X". */
export function labelledItem(text: string): { polarity: Polarity; text: string } | null {
  const m =
    /^(?:\*\*|__)?(good|pro|positive|bad|con|negative|neutral|trade-?off(?:\s+accepted)?)(?:\*\*|__)?\s*(?:,\s*because\b|:|,|\s[-–—])\s*(?:\*\*|__)?\s*/i.exec(
      text,
    );
  if (!m) return null;
  const word = (m[1] ?? '').toLowerCase();
  const polarity: Polarity = /^(?:good|pro|positive)$/.test(word)
    ? 'pro'
    : /^(?:bad|con|negative)$/.test(word)
      ? 'con'
      : word === 'neutral'
        ? 'neutral'
        : 'trade-off';
  return { polarity, text: text.slice(m[0].length).trim() };
}

/** A label that introduces a list of pros or cons: "Pros:", "Cons", "Advantages:", "#### Pros/cons"… */
export function listLabel(text: string): 'pro' | 'con' | 'both' | null {
  const t = plainInline(text)
    .toLowerCase()
    .replace(/[:.]+$/, '')
    .trim();
  if (/^(?:pros?|advantages?|benefits?|good|strengths?|positive(?: consequences)?|upsides?)$/.test(t))
    return 'pro';
  if (/^(?:cons?|disadvantages?|drawbacks?|bad|weaknesses?|negative(?: consequences)?|downsides?)$/.test(t))
    return 'con';
  if (/^pros? ?(?:\/|and|&) ?cons?$/.test(t)) return 'both';
  return null;
}

/** A list item's text with Markdown escapes undone (links and code kept as written). */
export function listItemValue(item: Tokens.ListItem): string {
  return unescapeMarkdown(itemText(item));
}

/** A block of Markdown kept as text. */
export interface Piece {
  text: string;
  /** Heading depth, 0 for other blocks. */
  depth: number;
}

/** Drop headings left with nothing under them (their content moved to fields); the rest's texts. */
export function dropEmptyHeadings(pieces: Piece[]): string[] {
  const out: Piece[] = [];
  for (let i = pieces.length - 1; i >= 0; i -= 1) {
    const p = pieces[i];
    if (!p) continue;
    if (p.depth > 0) {
      const next = out[0];
      if (next === undefined || (next.depth > 0 && next.depth <= p.depth)) continue;
    }
    out.unshift(p);
  }
  return out.map((p) => p.text);
}

function listRaw(items: readonly Tokens.ListItem[]): string {
  return items.map((i) => i.raw.trimEnd()).join('\n');
}

/**
 * Read pros and cons out of Markdown blocks: labelled list items ("Good, because …") and lists
 * introduced by a label ("Pros:" paragraph or heading). Everything else is left as Markdown.
 */
export function readProsAndCons(tokens: readonly Token[]): {
  pros: string[];
  cons: string[];
  rest: string;
} {
  const pros: string[] = [];
  const cons: string[] = [];
  const pieces: Piece[] = [];
  let pending: 'pro' | 'con' | null = null;
  for (const t of tokens) {
    if (t.type === 'space') continue;
    if (t.type === 'paragraph' || isHeading(t)) {
      const label = listLabel(isHeading(t) ? headingText(t) : (t as Tokens.Paragraph).text);
      if (label) {
        pending = label === 'both' ? null : label;
        continue;
      }
      pending = null;
      pieces.push({ text: t.raw, depth: isHeading(t) ? t.depth : 0 });
      continue;
    }
    if (t.type === 'list') {
      const left: Tokens.ListItem[] = [];
      for (const item of (t as Tokens.List).items) {
        const value = listItemValue(item);
        const labelled = labelledItem(value);
        if (labelled && labelled.polarity === 'pro') pros.push(labelled.text);
        else if (labelled && labelled.polarity === 'con') cons.push(labelled.text);
        else if (!labelled && pending === 'pro') pros.push(value);
        else if (!labelled && pending === 'con') cons.push(value);
        else left.push(item);
      }
      if (left.length) pieces.push({ text: listRaw(left), depth: 0 });
      pending = null;
      continue;
    }
    pending = null;
    pieces.push({ text: t.raw, depth: 0 });
  }
  return { pros, cons, rest: joinBlocks(dropEmptyHeadings(pieces)) };
}

// ---------------------------------------------------------------------------
// Option lists
// ---------------------------------------------------------------------------

/** An option's leading label: "A)", "1:", "A2:", "Option 3 -". */
const LABEL = /^(?:option\s+)?([A-Za-z]\d*|\d+[A-Za-z]?)\s*[).:–—-]\s+/i;

/** An option from a title written as inline Markdown plus further Markdown. */
export function optionFrom(inlineMarkdown: string, more: string): ParsedOption {
  const plain = plainInline(inlineMarkdown);
  if (plain.length <= 150) {
    const keepRaw = hiddenUrls(inlineMarkdown).length > 0;
    return {
      title: plain,
      description: joinBlocks([keepRaw ? inlineMarkdown : '', more]),
      pros: [],
      cons: [],
    };
  }
  return { title: firstSentence(plain), description: joinBlocks([inlineMarkdown, more]), pros: [], cons: [] };
}

function itemHead(item: Tokens.ListItem): { head: string; rest: Token[] } {
  const [first, ...rest] = item.tokens;
  if (first && (first.type === 'text' || first.type === 'paragraph')) {
    return { head: first.raw.trim(), rest };
  }
  return { head: '', rest: item.tokens };
}

/**
 * Options from a list. A short item whose text is a question or ends with ":" and that has a
 * nested list is a group ("A) When do we …?" with "1: …", "2: …"): its nested items become the options,
 * titled with the combined label ("A1: …") and described by the group's text.
 */
export function optionsFromList(list: Tokens.List): ParsedOption[] {
  const out: ParsedOption[] = [];
  for (const item of list.items) {
    const { head, rest } = itemHead(item);
    const nested = rest.find((t): t is Tokens.List => t.type === 'list');
    const headPlain = plainInline(head);
    const isGroup =
      nested !== undefined &&
      headPlain.length <= 120 &&
      /[?:]$/.test(headPlain) &&
      rest.every((t) => t.type === 'list' || t.type === 'space');
    if (nested && isGroup) {
      const groupLabel = LABEL.exec(headPlain)?.[1] ?? '';
      for (const child of nested.items) {
        const c = itemHead(child);
        const childPlain = plainInline(c.head);
        const childLabel = LABEL.exec(childPlain);
        const title =
          groupLabel && childLabel
            ? `${groupLabel}${childLabel[1] ?? ''}: ${childPlain.slice(childLabel[0].length)}`
            : childPlain;
        const option = optionFrom(c.head, rawOf(c.rest));
        out.push({ ...option, title, description: joinBlocks([head, option.description]) });
      }
      continue;
    }
    out.push(head ? optionFrom(head, rawOf(rest)) : optionFrom('', item.text));
  }
  return out;
}

/** "**Use X.** Rest of the paragraph" → option "Use X" described by the rest; null otherwise. */
export function optionFromBoldParagraph(p: Tokens.Paragraph): ParsedOption | null {
  const m = /^(\*\*|__)([\s\S]+?)\1[ \t]*(?:\n|$)?([\s\S]*)$/.exec(p.raw.trim());
  if (!m) return null;
  const title = plainInline(m[2] ?? '').replace(/[.:]+$/, '');
  if (title === '' || title.length > 200) return null;
  return { title, description: (m[3] ?? '').trim(), pros: [], cons: [] };
}

// ---------------------------------------------------------------------------
// Matching a title to an option
// ---------------------------------------------------------------------------

const MARKER = /\s*\((?:decided|chosen|selected|recommended|preferred|accepted|winner)\)\s*$/i;

export function optionLabel(title: string): string | null {
  const m = LABEL.exec(plainInline(title));
  return m ? (m[1] ?? '').toLowerCase() : null;
}

export function optionKey(title: string): string {
  const plain = plainInline(title).replace(MARKER, '');
  const m = LABEL.exec(plain);
  return matchKey(m ? plain.slice(m[0].length) : plain);
}

const STOP_WORDS = new Set([
  'use',
  'using',
  'the',
  'a',
  'an',
  'of',
  'for',
  'with',
  'to',
  'and',
  'or',
  'in',
  'on',
  'by',
  'we',
  'option',
]);

function words(key: string): Set<string> {
  return new Set(key.split(' ').filter((w) => w !== '' && !STOP_WORDS.has(w)));
}

/** Dice coefficient of two keys' word sets (stop words left out); 0 unless two words are shared. */
function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common += 1;
  if (common < Math.min(2, wa.size, wb.size)) return 0;
  return (2 * common) / (wa.size + wb.size);
}

/**
 * The index of the option `text` names, or -1: the same words (quotes, case and punctuation
 * ignored, an "(decided)" marker too), the same letter-and-number label ("A2"), "option N", a
 * title that is a prefix of the other, or (with `fuzzy`) clearly the most similar wording.
 * `strict` allows only the first two (same words or label); `among` limits the candidates.
 */
export function matchOption(
  options: readonly { title: string }[],
  text: string,
  opts: { fuzzy?: boolean; strict?: boolean; among?: readonly number[] } = {},
): number {
  const among = opts.among ?? options.map((_, i) => i);
  const key = optionKey(text);
  const label = optionLabel(text);
  const title = (i: number) => options[i]?.title ?? '';
  if (key !== '') {
    const exact = among.filter((i) => optionKey(title(i)) === key);
    if (exact.length >= 1) return exact[0] ?? -1;
  }
  if (label && /^[a-z]\d+$/.test(label)) {
    const same = among.filter((i) => optionLabel(title(i)) === label);
    if (same.length === 1) return same[0] ?? -1;
  }
  if (opts.strict) return -1;
  const ordinal = /^option\s+(\d+)$/.exec(matchKey(text));
  if (ordinal) {
    const i = Number(ordinal[1]) - 1;
    if (among.includes(i)) return i;
  }
  if (key.length >= 3) {
    let best = -1;
    let bestLength = 0;
    for (const i of among) {
      const k = optionKey(title(i));
      if (k.length < 3) continue;
      if ((key.startsWith(`${k} `) || k.startsWith(`${key} `)) && k.length > bestLength) {
        best = i;
        bestLength = k.length;
      }
    }
    if (best >= 0) return best;
  }
  if (opts.fuzzy && key !== '') {
    const scored = among
      .map((i) => ({ i, score: similarity(key, optionKey(title(i))) }))
      .sort((a, b) => b.score - a.score);
    const [first, second] = scored;
    if (first && first.score >= 0.5 && (second === undefined || second.score < first.score)) return first.i;
  }
  return -1;
}

/** Merge what a "Pros and Cons" part says about an option into it. */
export function mergeOption(into: ParsedOption, from: ParsedOption, heading: string): void {
  // The heading is kept when it says something the title does not ("No Nullness Framework").
  const differs = heading !== '' && !` ${optionKey(into.title)} `.includes(` ${optionKey(heading)} `);
  into.description = joinBlocks([into.description, differs ? `**${heading.trim()}**` : '', from.description]);
  into.pros.push(...from.pros);
  into.cons.push(...from.cons);
}

/** An option whose title is a heading and whose body is Markdown tokens. */
export function optionFromSection(heading: string, tokens: readonly Token[]): ParsedOption {
  const { pros, cons, rest } = readProsAndCons(tokens);
  const base = optionFrom(heading, rest);
  return { ...base, pros, cons };
}

/** True when blocks hold labelled pros or cons (so an unnamed section is an option's). */
export function hasProsAndCons(tokens: readonly Token[]): boolean {
  const { pros, cons } = readProsAndCons(tokens);
  return pros.length + cons.length > 0;
}
