/**
 * Field-level readers for the ADR importer: status words, dates, titles with number
 * prefixes, "Key: value" metadata lines, supersede references. Pure string functions.
 */
import type { DecisionStatus } from '../../model';
import { plainInline } from './markdown';

// ---------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------

const STATUS_WORDS: readonly [DecisionStatus, RegExp][] = [
  ['superseded', /\b(?:superseded|superceded|superseeded|replaced)\b/],
  ['deprecated', /\b(?:deprecated|obsolete|retired|sunset)\b/],
  ['rejected', /\b(?:rejected|declined|abandoned|withdrawn|refused|not accepted|cancelled|canceled)\b/],
  [
    'accepted',
    /\b(?:accepted|approved|adopted|agreed|decided|done|implemented|active|final|completed|in effect|valid)\b/,
  ],
  [
    'proposed',
    /\b(?:proposed|proposal|draft|drafting|open|in review|under review|review|in progress|pending|wip|suggested|under discussion|discussing|rfc|new|todo)\b/,
  ],
];

function statusClean(text: string): string {
  return plainInline(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The status a free-text status names: the word it starts with, else the first status word on
 * its first line. `exact` when the text is nothing but the canonical word ("Accepted", "✅
 * accepted."), i.e. nothing is lost by keeping only the status field.
 */
export function statusOf(text: string): { status: DecisionStatus; exact: boolean } | null {
  const firstLine = text.trim().split('\n')[0] ?? '';
  const clean = statusClean(firstLine);
  if (clean === '') return null;
  // "Not accepted" must not read as accepted.
  const ordered = /^not accepted\b/.test(clean)
    ? STATUS_WORDS.filter(([s]) => s === 'rejected')
    : STATUS_WORDS;
  for (const [status, re] of ordered) {
    const m = re.exec(clean);
    if (m && m.index === 0) return { status, exact: clean === status && statusClean(text) === status };
  }
  let best: { status: DecisionStatus; index: number } | null = null;
  for (const [status, re] of ordered) {
    const m = re.exec(clean);
    if (m && (best === null || m.index < best.index)) best = { status, index: m.index };
  }
  return best ? { status: best.status, exact: false } : null;
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** An ISO date (YYYY-MM-DD) from "2020-01-13", "2020/01/13", "2020-01-13T10:00Z"…; null otherwise. */
export function isoDate(text: string): string | null {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?\s*$/.exec(
    plainInline(text),
  );
  if (!m) return null;
  const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  if (!ISO_DATE.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === iso ? iso : null;
}

// ---------------------------------------------------------------------------
// Titles and numbers
// ---------------------------------------------------------------------------

export interface TitleParts {
  title: string;
  /** The identifier prefix as written ("ADR 0274", "API-008", "19"), or null. */
  id: string | null;
  number: number | null;
}

function toNumber(digits: string | undefined): number | null {
  if (digits === undefined) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Strip a number prefix from a title: "19. Centralise", "ADR 0274: Step", "API-008: Multi",
 * "ADR-5 Foo", "0005: Foo", "Architecture Decision Record: Module…".
 */
export function splitTitle(plain: string): TitleParts {
  const text = plain.replace(/\s+/g, ' ').trim();
  const lettered = /^((?:ADR|TDR|Adr|adr|[A-Z]{2,6})[\s_-]*#?(\d+))\s*(?:[:.)–—-]\s*|\s+)(\S.*)$/.exec(text);
  if (lettered) return { title: lettered[3] ?? '', id: lettered[1] ?? null, number: toNumber(lettered[2]) };
  const numbered = /^(#?(\d+))\s*(?:[.:)]|\s[-–—])\s*(\S.*)$/.exec(text);
  if (numbered && !/^\d/.test(numbered[3] ?? '')) {
    return { title: numbered[3] ?? '', id: numbered[1] ?? null, number: toNumber(numbered[2]) };
  }
  const worded = /^((?:architecture\s+)?decision\s+record|ADR|TDR)\s*[:–—-]\s*(\S.*)$/i.exec(text);
  if (worded) return { title: worded[2] ?? '', id: null, number: null };
  return { title: text, id: null, number: null };
}

/** The last path segment. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The ADR number a file name starts with: "0005-foo.md", "adr-004-x.md", "API-008-x.md", "014.md". */
export function fileNumber(fileName: string): number | null {
  const m = /^(?:[A-Za-z]{2,6}[-_ ]?)?0*(\d+)(?=[-_. ]|$)/.exec(baseName(fileName));
  return m ? toNumber(m[1]) : null;
}

/** "0007-use-postgres.md" → "Use postgres". */
export function titleFromFileName(fileName: string): string {
  const words = baseName(fileName)
    .replace(/\.(?:md|markdown|txt)$/i, '')
    .replace(/^(?:[A-Za-z]{2,6}[-_])?\d+(?=[-_. ]|$)[-_. ]*/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : '';
}

// ---------------------------------------------------------------------------
// "Key: value" metadata lines
// ---------------------------------------------------------------------------

export interface Field {
  /** The key as written, without emphasis ("Status", "Technical Story"). */
  key: string;
  /** Lower-cased key, spaces and underscores as "-". */
  name: string;
  value: string;
}

/** `Status: accepted`, `* Status: accepted`, `**Status:** Accepted`, `**Status**: Accepted`. */
export function fieldOf(line: string): Field | null {
  let s = line.trim().replace(/^(?:[-*+]|\d{1,9}[.)])\s+/, '');
  s = s.replace(/^(\*\*|__|\*|_)([^*_\n]+?)\1/, '$2');
  const m = /^([A-Za-z][A-Za-z ._/-]{0,40}?)\s*:\s*(.*)$/.exec(s);
  if (!m) return null;
  const key = (m[1] ?? '').trim();
  const value = (m[2] ?? '').trim();
  if (key.split(/\s+/).length > 4 || value.startsWith('//')) return null;
  return { key, name: key.toLowerCase().replace(/[\s_]+/g, '-'), value };
}

export type FieldRole = 'status' | 'date' | 'deciders' | 'stakeholders';

/** What a metadata key means to the model, or null for keys kept as text. */
export function fieldRole(name: string): FieldRole | null {
  if (name === 'status' || name === 'state' || name === 'adr-status') return 'status';
  if (name === 'date' || name === 'decision-date' || name === 'date-decided') return 'date';
  if (/^(?:deciders|decider|decision-makers?|decided-by|decision-owners?)$/.test(name)) return 'deciders';
  if (/^(?:consulted|informed|stakeholders)$/.test(name)) return 'stakeholders';
  return null;
}

/** "Dana, Sam; Kim" → ["Dana", "Sam", "Kim"]. */
export function splitNames(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// ---------------------------------------------------------------------------
// Supersede references
// ---------------------------------------------------------------------------

export type ReferenceKind = 'supersedes' | 'superseded-by';

export interface ReferenceTarget {
  /** Link destination (a path, anchors and queries removed, decoded), or null. */
  file: string | null;
  number: number | null;
  /** Referenced title, number prefix removed ('' when none). */
  title: string;
  /** How many Markdown links the line holds. */
  links: number;
}

/** "Superseded by …" / "Superceded by …" / "Supersedes …" / "Replaces …" at the start of a line. */
export function referenceOf(line: string): { kind: ReferenceKind; target: ReferenceTarget } | null {
  const s = line
    .trim()
    .replace(/^(?:[-*+]|\d{1,9}[.)])\s+/, '')
    .replace(/^(?:status\s*:\s*)/i, '')
    .replace(/^[*_]+/, '');
  const by = /^(?:superseded|superceded|superseeded|replaced)[*_]*\s+by\b[*_]*\s*:?\s*(.*)$/i.exec(s);
  const of = /^(?:supersedes|supercedes|replaces)\b[*_]*\s*:?\s*(.*)$/i.exec(s);
  const m = by ?? of;
  if (!m) return null;
  const rest = (m[1] ?? '').trim();
  if (rest === '') return null;
  return { kind: by ? 'superseded-by' : 'supersedes', target: referenceTarget(rest) };
}

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function referenceTarget(text: string): ReferenceTarget {
  const links = [...text.matchAll(/\[((?:\\.|[^\]\\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+["'(][^)]*)?\s*\)/g)];
  const first = links[0];
  let file: string | null = null;
  let label = text;
  if (first) {
    label = first[1] ?? '';
    const href = decode((first[2] ?? '').replace(/[?#].*$/, ''));
    if (href !== '') file = /^[a-z][a-z0-9+.-]*:/i.test(href) ? baseName(href.replace(/\/+$/, '')) : href;
  }
  const plain = plainInline(label).replace(/[.,;]+$/, '');
  const parts = splitTitle(plain);
  const loose = /^(?:[A-Za-z]{2,5}[\s-]*|#)?0*(\d+)\b/.exec(plain);
  const number = parts.number ?? (loose ? Number(loose[1]) : null) ?? (file ? fileNumber(file) : null);
  const title = parts.number !== null || parts.id !== null ? parts.title : loose ? '' : plain;
  return { file, number: number && number > 0 ? number : null, title, links: links.length };
}
