/**
 * One ADR Markdown file → a `ParsedAdr`: the decision's fields as plain data (no ids yet),
 * the sections the model has no field for (`extraSections`), and the supersede references
 * still to be resolved against other files. Never throws; a file that is not an ADR comes
 * back with `problem` set. The mapping rules are documented in ./index.ts.
 */
import type { Token, Tokens } from 'marked';
import type { DecisionStatus, ExtraSection } from '../../model';
import {
  baseName,
  fieldOf,
  fieldRole,
  fileNumber,
  isoDate,
  referenceOf,
  splitNames,
  splitTitle,
  statusOf,
  titleFromFileName,
  type ReferenceKind,
  type ReferenceTarget,
} from './fields';
import {
  firstHeadingDepth,
  firstSentence,
  headingText,
  hiddenUrls,
  isBlank,
  isHeading,
  lex,
  matchKey,
  normaliseNewlines,
  plainInline,
  splitFrontMatter,
  splitSections,
  textOf,
  unescapeMarkdown,
  type FrontMatterEntry,
  type Section,
} from './markdown';
import {
  dropEmptyHeadings,
  hasProsAndCons,
  joinBlocks,
  labelledItem,
  listItemValue,
  listLabel,
  matchOption,
  mergeOption,
  optionFromBoldParagraph,
  optionFromSection,
  optionKey,
  optionsFromList,
  type ParsedOption,
  type Piece,
} from './options';

export type { ParsedOption } from './options';

export type AdrFormat = 'madr' | 'classic';

/** A "Superseded by …" / "Supersedes …" line, resolved against other files by the importer. */
export interface AdrReference {
  kind: ReferenceKind;
  target: ReferenceTarget;
  /** The line exactly as it stands in the extra section `section` (removed there once resolved). */
  line: string;
  section: string;
}

export interface ParsedAdr {
  fileName: string;
  /** Why the file is not imported ('' when it is an ADR). */
  problem: string;
  format: AdrFormat | null;
  /** The ADR's own number (title prefix, else file name), for ordering and references; not the new number. */
  number: number | null;
  title: string;
  status: DecisionStatus;
  date: string;
  deciders: string[];
  stakeholders: string[];
  context: string;
  drivers: string[];
  options: ParsedOption[];
  /** Index into `options`, or null. */
  chosenOption: number | null;
  rationale: string;
  consequences: { positive: string[]; negative: string[]; tradeOffs: string[] };
  implementationPlan: string;
  results: { outcome: string; date: string };
  extraSections: ExtraSection[];
  references: AdrReference[];
  /** Things worth telling the user that did not stop the import (e.g. an assumed status). */
  notes: string[];
}

// ---------------------------------------------------------------------------
// Section kinds
// ---------------------------------------------------------------------------

type Kind =
  | 'context'
  | 'drivers'
  | 'options'
  | 'outcome'
  | 'decision'
  | 'consequences'
  | 'pros-cons'
  | 'status'
  | 'deciders'
  | 'plan'
  | 'results'
  | 'more-info';

const KINDS: readonly [Kind, RegExp][] = [
  [
    'context',
    /^(?:context(?: and problem statement| and problem| and motivation| and scope)?|problem(?: statement)?|problem and context|background|motivation|issue)$/,
  ],
  ['drivers', /^(?:decision drivers|drivers|forces|decision criteria|decision factors)$/],
  [
    'options',
    /^(?:considered options|options(?: considered)?|alternatives(?: considered)?|considered alternatives|alternative approaches|alternative solutions|other options|options and alternatives)$/,
  ],
  ['outcome', /^decision outcome$/],
  [
    'decision',
    /^(?:decision|decisions|the decision|our decision|resolution|proposed decision|decision made)$/,
  ],
  [
    'consequences',
    /^(?:consequences|consequences and trade offs|implications|positive consequences|negative consequences)$/,
  ],
  [
    'pros-cons',
    /^(?:pros and cons(?: of the (?:options|alternatives))?|evaluation of (?:the )?options|options analysis)$/,
  ],
  ['status', /^status$/],
  ['deciders', /^(?:deciders|decision makers)$/],
  ['plan', /^(?:implementation plan|implementation|rollout plan|migration plan)$/],
  ['results', /^(?:results|outcomes?)$/],
  ['more-info', /^more information$/],
];

function headingKey(heading: string): string {
  return matchKey(heading).replace(/^(?:\d+|[a-z])\s+(?=\p{L})/u, '');
}

function sectionKind(heading: string): Kind | null {
  const key = headingKey(heading);
  for (const [kind, re] of KINDS) if (re.test(key)) return kind;
  return null;
}

type Bucket = 'positive' | 'negative' | 'tradeOffs';

function consequenceBucket(heading: string): Bucket | null {
  const key = headingKey(heading);
  if (/^(?:positive(?: consequences)?|pros|advantages|benefits|good|upsides)$/.test(key)) return 'positive';
  if (/^(?:negative(?: consequences)?|cons|disadvantages|drawbacks|bad|downsides|risks)$/.test(key))
    return 'negative';
  if (/^(?:trade ?offs?(?: accepted)?)$/.test(key)) return 'tradeOffs';
  return null;
}

/** Extra sections whose "Superseded by …" / "Supersedes …" lines are references (not prose). */
const REFERENCE_SECTIONS =
  /^(?:status|notes|more information|links|references|related(?: decisions| adrs| records)?|see also|supersedes|superseded by)$/;

const ADR_MARKERS = new Set<Kind>([
  'context',
  'options',
  'outcome',
  'decision',
  'consequences',
  'pros-cons',
  'status',
]);

// ---------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------

function subsections(tokens: readonly Token[]): { lead: Token[]; sections: Section[] } {
  const depth = firstHeadingDepth(tokens);
  return depth === null ? { lead: [...tokens], sections: [] } : splitSections(tokens, depth);
}

/** `s` starts with `title` (backslash escapes in `s` allowed); the index after it, or -1. */
function startsWithLoose(s: string, from: number, title: string): number {
  let j = from;
  for (const ch of title) {
    if (s[j] === '\\' && s[j + 1] === ch) j += 2;
    else if (s[j] === ch) j += 1;
    else return -1;
  }
  return j;
}

const CLOSING: Record<string, string> = { '"': '"', '“': '”', "'": "'", '«': '»', '`': '`' };

class Reader {
  readonly adr: ParsedAdr;
  private statusSet = false;
  /** The status text consumed as exactly the status word (kept back if a later line overrides it). */
  private statusText: { text: string; slot: number } | null = null;
  private dateSet = false;
  private contextSet = false;
  private decisionSeen = false;
  private chosen: ParsedOption | null = null;
  private frontTitle = '';
  /** Extra sections by slot (front matter, preamble, then one slot per section), kept in document order. */
  private slots: ExtraSection[][] = [];

  constructor(fileName: string) {
    this.adr = {
      fileName,
      problem: '',
      format: null,
      number: null,
      title: '',
      status: 'proposed',
      date: '',
      deciders: [],
      stakeholders: [],
      context: '',
      drivers: [],
      options: [],
      chosenOption: null,
      rationale: '',
      consequences: { positive: [], negative: [], tradeOffs: [] },
      implementationPlan: '',
      results: { outcome: '', date: '' },
      extraSections: [],
      references: [],
      notes: [],
    };
  }

  private extra(slot: number, heading: string, body: string, keepEmpty = false): void {
    if (body.trim() === '' && !(keepEmpty && heading.trim() !== '')) return;
    const h = heading.trim() || 'Notes';
    (this.slots[slot] ??= []).push({ heading: h, body: body.trim() });
    if (REFERENCE_SECTIONS.test(headingKey(h))) this.scanReferences(h, body.trim());
  }

  /** Supersede lines in text kept as an extra section: remembered for the importer. */
  private scanReferences(section: string, body: string): void {
    let fence = false;
    for (const line of body.split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      if (fence) continue;
      const ref = referenceOf(line);
      if (ref) this.adr.references.push({ ...ref, line, section });
    }
  }

  // ----- metadata -----

  /** Returns whether the text is fully represented by the status field. */
  private setStatus(text: string, slot: number): boolean {
    const st = statusOf(text);
    const supersededBy = text.split('\n').some((l) => referenceOf(l)?.kind === 'superseded-by');
    if (!st && !supersededBy) return false;
    const status: DecisionStatus = supersededBy ? 'superseded' : (st?.status ?? 'proposed');
    if (!this.statusSet) {
      this.adr.status = status;
      this.statusSet = true;
      const exact = (st?.exact ?? false) && !supersededBy;
      if (exact) this.statusText = { text, slot };
      return exact;
    }
    if (supersededBy && this.adr.status !== 'superseded') {
      this.adr.status = 'superseded';
      // The earlier status word no longer shows in the field: keep it as text.
      if (this.statusText) this.extra(this.statusText.slot, 'Status', this.statusText.text);
      this.statusText = null;
    }
    return (st?.exact ?? false) && st?.status === this.adr.status;
  }

  private setDate(text: string, slot: number, heading: string): void {
    const iso = isoDate(text);
    if (iso && !this.dateSet) {
      this.adr.date = iso;
      this.dateSet = true;
    } else if (!(iso && iso === this.adr.date)) {
      this.extra(slot, heading, text);
    }
  }

  /** A metadata field (front matter key, bullet, bold or plain "Key: value" line). True when mapped. */
  private field(key: string, name: string, value: string, items: string[], slot: number): boolean {
    const role = fieldRole(name);
    if (role === 'status') {
      if (!this.setStatus(value, slot)) this.extra(slot, 'Status', value);
      return true;
    }
    if (role === 'date') {
      this.setDate(value, slot, key.charAt(0).toUpperCase() + key.slice(1));
      return true;
    }
    if (role === 'deciders' || role === 'stakeholders') {
      const names = (items.length > 1 ? items : splitNames(value)).map((s) => unescapeMarkdown(s).trim());
      const list = role === 'deciders' ? this.adr.deciders : this.adr.stakeholders;
      for (const n of names) if (n !== '' && !list.includes(n)) list.push(n);
      return true;
    }
    return false;
  }

  frontMatter(entries: readonly FrontMatterEntry[]): void {
    const kept: string[] = [];
    for (const e of entries) {
      if (e.key === 'title' && e.value.trim() !== '') {
        this.frontTitle = e.value.trim();
        continue;
      }
      if (e.key !== '' && this.field(e.key, e.key.replace(/[\s_]+/g, '-'), e.value, e.items, 0)) continue;
      kept.push(e.raw);
    }
    while (kept.length && (kept[0] ?? '').trim() === '') kept.shift();
    while (kept.length && (kept[kept.length - 1] ?? '').trim() === '') kept.pop();
    // A fence longer than any backtick run inside, so the block cannot close early.
    const longest = Math.max(
      0,
      ...kept.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))),
    );
    const fence = '`'.repeat(Math.max(3, longest + 1));
    if (kept.length) this.extra(0, 'Front matter', [`${fence}yaml`, ...kept, fence].join('\n'));
  }

  /** Content between the title and the first section: metadata lines, else kept as "Notes". */
  preamble(tokens: readonly Token[]): void {
    const slot = 1;
    const left: string[] = [];
    for (const t of tokens) {
      if (t.type === 'space') continue;
      if (t.type === 'paragraph') {
        const lines: string[] = [];
        for (const line of t.raw.replace(/\n+$/, '').split('\n')) {
          if (!this.metadataLine(line, slot)) lines.push(line);
        }
        if (lines.some((l) => l.trim() !== '')) left.push(lines.join('\n'));
        continue;
      }
      if (t.type === 'list') {
        const items = (t as Tokens.List).items.filter((item) => {
          const single = !item.text.includes('\n');
          return !(single && this.metadataLine(item.text, slot));
        });
        if (items.length) left.push(items.map((i) => i.raw.trimEnd()).join('\n'));
        continue;
      }
      if (t.type === 'hr') continue;
      left.push(t.raw);
    }
    this.extra(slot, 'Notes', joinBlocks(left));
  }

  private metadataLine(line: string, slot: number): boolean {
    const ref = referenceOf(line);
    if (ref) {
      // Kept as text until the importer resolves it (then the line is removed).
      if (ref.kind === 'superseded-by') this.setStatus(line, slot);
      this.extra(slot, 'Status', line.trim());
      return true;
    }
    const f = fieldOf(line);
    if (!f || f.value === '') return false;
    if (this.field(f.key, f.name, f.value, [], slot)) return true;
    // Other "Key: value" metadata ("Technical Story: …") is kept under its own heading.
    if (/^[A-Z]/.test(f.key) && f.key.split(/\s+/).length <= 3) {
      this.extra(slot, f.key, f.value);
      return true;
    }
    return false;
  }

  // ----- sections -----

  private optionsSection(section: Section, slot: number): void {
    const { lead, sections: subs } = subsections(section.tokens);
    const left: string[] = [];
    for (const t of lead) {
      if (t.type === 'space') continue;
      if (t.type === 'list') {
        for (const o of optionsFromList(t as Tokens.List)) this.addOption(o, o.title);
        continue;
      }
      if (t.type === 'paragraph') {
        const o = optionFromBoldParagraph(t as Tokens.Paragraph);
        if (o) {
          this.addOption(o, o.title);
          continue;
        }
      }
      left.push(t.raw);
    }
    for (const sub of subs) this.addOption(optionFromSection(sub.heading, sub.tokens), sub.heading);
    this.extra(slot, section.heading, joinBlocks(left));
  }

  private addOption(o: ParsedOption, heading: string): void {
    const i = matchOption(this.adr.options, heading, { strict: true });
    const existing = i >= 0 ? this.adr.options[i] : undefined;
    if (existing) mergeOption(existing, o, heading);
    else this.adr.options.push(o);
  }

  /** "Pros and Cons of the Options" sub-sections, and stray sections that describe an option. */
  private pending: { heading: string; option: ParsedOption }[] = [];

  private prosConsSection(section: Section, slot: number): void {
    const { lead, sections: subs } = subsections(section.tokens);
    for (const sub of subs)
      this.pending.push({ heading: sub.heading, option: optionFromSection(sub.heading, sub.tokens) });
    this.extra(slot, section.heading, textOf(lead));
  }

  private resolvePending(): void {
    const merged = new Set<number>();
    const later: { heading: string; option: ParsedOption }[] = [];
    for (const p of this.pending) {
      const i = matchOption(this.adr.options, p.heading);
      const target = this.adr.options[i];
      if (target) {
        mergeOption(target, p.option, p.heading);
        merged.add(i);
      } else later.push(p);
    }
    for (const p of later) {
      const among = this.adr.options.map((_, i) => i).filter((i) => !merged.has(i));
      const i = matchOption(this.adr.options, p.heading, { fuzzy: true, among });
      const target = this.adr.options[i];
      if (target) {
        mergeOption(target, p.option, p.heading);
        merged.add(i);
      } else {
        this.adr.options.push(p.option);
        merged.add(this.adr.options.length - 1);
      }
    }
    this.pending = [];
  }

  private consequences(tokens: readonly Token[], initial: Bucket | null): string {
    const c = this.adr.consequences;
    const pieces: Piece[] = [];
    let bucket = initial;
    let pendingLabel: Bucket | null = null;
    for (const t of tokens) {
      if (t.type === 'space') continue;
      if (isHeading(t)) {
        bucket = consequenceBucket(headingText(t)) ?? initial;
        pendingLabel = null;
        pieces.push({ text: t.raw, depth: t.depth });
        continue;
      }
      if (t.type === 'paragraph') {
        const label = listLabel((t as Tokens.Paragraph).text);
        if (label === 'pro' || label === 'con') {
          pendingLabel = label === 'pro' ? 'positive' : 'negative';
          continue;
        }
        pendingLabel = null;
        pieces.push({ text: t.raw, depth: 0 });
        continue;
      }
      if (t.type === 'list') {
        const left: Tokens.ListItem[] = [];
        for (const item of (t as Tokens.List).items) {
          const value = listItemValue(item);
          const labelled = labelledItem(value);
          if (labelled?.polarity === 'pro') c.positive.push(labelled.text);
          else if (labelled?.polarity === 'con') c.negative.push(labelled.text);
          else if (labelled?.polarity === 'trade-off') c.tradeOffs.push(labelled.text);
          else if (!labelled && (pendingLabel ?? bucket)) c[(pendingLabel ?? bucket) as Bucket].push(value);
          else left.push(item);
        }
        if (left.length) pieces.push({ text: left.map((i) => i.raw.trimEnd()).join('\n'), depth: 0 });
        pendingLabel = null;
        continue;
      }
      pendingLabel = null;
      pieces.push({ text: t.raw, depth: 0 });
    }
    return joinBlocks(dropEmptyHeadings(pieces));
  }

  /** "Chosen option: "X", because Y" → the option (matched or added) and the rationale text. */
  private chosenParagraph(raw: string): string {
    const s = raw.trim().replace(/^chosen\s+options?\s*:?\s*/i, '');
    const options = this.adr.options;
    const byLength = options.map((o, i) => ({ o, i })).sort((a, b) => b.o.title.length - a.o.title.length);
    let title = '';
    let end = -1;
    const open = s[0] ?? '';
    const close = CLOSING[open];
    if (close) {
      for (const { o } of byLength) {
        const j = startsWithLoose(s, 1, o.title);
        if (o.title !== '' && j >= 0 && s[j] === close) {
          title = o.title;
          end = j + 1;
          break;
        }
      }
      if (end < 0) {
        const j = s.indexOf(close, 1);
        if (j > 0) {
          title = s.slice(1, j);
          end = j + 1;
        }
      }
    } else {
      for (const { o } of byLength) {
        const j = startsWithLoose(s, 0, o.title);
        if (o.title !== '' && j >= 0 && !/[\p{L}\p{N}]/u.test(s[j] ?? '')) {
          title = o.title;
          end = j;
          break;
        }
      }
      if (end < 0) {
        const m = /^(.+?)(?=,?\s+because\b|,|\.(?:\s|$)|\n|$)/i.exec(s);
        title = m?.[1] ?? s;
        end = title.length;
      }
    }
    if (end < 0) {
      title = s;
      end = s.length;
    }
    let rest = s.slice(end);
    rest = /^\s*,?\s*because\b/i.test(rest)
      ? rest.replace(/^\s*,?\s*because\b[ \t]*/i, '')
      : rest.replace(/^\s*[,;:]\s*/, '').replace(/^\s*\.\s*$/, '');
    const plainTitle = plainInline(title);
    let index = plainTitle === '' ? -1 : matchOption(options, plainTitle, { fuzzy: true });
    if (index < 0 && plainTitle !== '') {
      options.push({ title: plainTitle, description: '', pros: [], cons: [] });
      index = options.length - 1;
    }
    const option = options[index];
    if (option) this.chosen = option;
    // When the chosen text says more than the option's title, keep the whole sentence.
    const same =
      option !== undefined && optionKey(option.title) === optionKey(title) && hiddenUrls(title).length === 0;
    return same ? rest.trim() : raw.trim();
  }

  private outcomeSection(section: Section, slot: number, kind: 'outcome' | 'decision'): void {
    if (this.decisionSeen) {
      this.extra(slot, section.heading, textOf(section.tokens));
      return;
    }
    this.decisionSeen = true;
    const isChosen = (t: Token) => t.type === 'paragraph' && /^\s*chosen\s+options?\b/i.test(t.raw);
    if (kind === 'decision' && !section.tokens.some(isChosen)) {
      this.classicDecision(section);
      return;
    }
    const { lead, sections: subs } = subsections(section.tokens);
    const pieces: string[] = [];
    let found = false;
    for (const t of lead) {
      if (!found && isChosen(t)) {
        found = true;
        pieces.push(this.chosenParagraph(t.raw));
      } else pieces.push(t.raw);
    }
    let usedSub: Section | null = null;
    if (!this.chosen) {
      usedSub = subs.find((s) => matchOption(this.adr.options, s.heading, { strict: true }) >= 0) ?? null;
      if (usedSub) {
        this.chosen =
          this.adr.options[matchOption(this.adr.options, usedSub.heading, { strict: true })] ?? null;
        pieces.push(textOf(usedSub.tokens));
      } else {
        this.chosen = this.optionNamedIn(lead);
      }
    }
    this.adr.rationale = joinBlocks([this.adr.rationale, ...pieces]);
    for (const sub of subs) {
      if (sub === usedSub) continue;
      const subKind = sectionKind(sub.heading);
      const bucket = consequenceBucket(sub.heading);
      if (subKind === 'consequences' || bucket) {
        const initial = bucket ?? consequenceBucket(sub.heading.replace(/\s*consequences$/i, ''));
        this.extra(slot, sub.heading, this.consequences(sub.tokens, initial));
      } else if (subKind === 'plan' && this.adr.implementationPlan === '') {
        this.adr.implementationPlan = textOf(sub.tokens);
      } else if (subKind === 'results' && this.adr.results.outcome === '') {
        this.results(textOf(sub.tokens));
      } else {
        this.extra(slot, sub.heading, textOf(sub.tokens));
      }
    }
    if (!this.chosen && this.adr.options.length === 0 && this.adr.rationale !== '') {
      this.syntheticChoice(section.tokens);
    }
  }

  /** The first list item or paragraph of an outcome that names an option ("* A2: Check …"). */
  private optionNamedIn(tokens: readonly Token[]): ParsedOption | null {
    for (const t of tokens) {
      const texts =
        t.type === 'list'
          ? (t as Tokens.List).items.map((i) => i.text.split('\n')[0] ?? '')
          : t.type === 'paragraph'
            ? [(t as Tokens.Paragraph).text.split('\n')[0] ?? '']
            : [];
      for (const text of texts) {
        const i = matchOption(this.adr.options, text, { strict: true });
        if (i >= 0) return this.adr.options[i] ?? null;
      }
    }
    return null;
  }

  private firstPlain(tokens: readonly Token[]): string {
    for (const t of tokens) {
      if (t.type === 'paragraph' || t.type === 'text') return plainInline((t as Tokens.Paragraph).text);
      if (t.type === 'list') {
        const first = (t as Tokens.List).items[0];
        if (first) return plainInline(first.text.split('\n')[0] ?? '');
      }
    }
    return '';
  }

  private syntheticChoice(tokens: readonly Token[]): void {
    const sentence = firstSentence(this.firstPlain(tokens)) || 'Decision';
    const option: ParsedOption = { title: sentence, description: '', pros: [], cons: [] };
    this.adr.options.unshift(option);
    this.chosen = option;
  }

  /**
   * A classic "Decision" section: its text is the rationale; the chosen option is the option
   * its first sentence names (when an Alternatives / Options list gave options), else a new
   * option titled with that first sentence.
   */
  private classicDecision(section: Section): void {
    const text = textOf(section.tokens);
    this.adr.rationale = joinBlocks([this.adr.rationale, text]);
    // "We discussed three options:" followed by a list: those are the options.
    const listed = this.optionsListedIn(section.tokens);
    if (listed.length) {
      for (const o of listed) this.addOption(o, o.title);
      this.adr.notes.push('the Decision section lists options but no chosen one was recognised; pick it');
      return;
    }
    const sentence = ` ${matchKey(firstSentence(this.firstPlain(section.tokens), 400))} `;
    let best: ParsedOption | null = null;
    let at = Infinity;
    for (const o of this.adr.options) {
      const key = optionKey(o.title);
      if (key.length < 4) continue;
      const i = sentence.indexOf(` ${key} `);
      if (i >= 0 && i < at) {
        best = o;
        at = i;
      }
    }
    if (best) this.chosen = best;
    else if (text !== '') this.syntheticChoice(section.tokens);
  }

  private optionsListedIn(tokens: readonly Token[]): ParsedOption[] {
    const blocks = tokens.filter((t) => t.type !== 'space');
    for (const [i, t] of blocks.entries()) {
      const next = blocks[i + 1];
      if (
        t.type === 'paragraph' &&
        next?.type === 'list' &&
        /\b(?:options|alternatives|approaches|choices|possibilities)\b[^.]*:$/i.test(
          plainInline((t as Tokens.Paragraph).text),
        )
      ) {
        return optionsFromList(next as Tokens.List);
      }
    }
    return [];
  }

  private results(text: string): void {
    const m = /^Recorded (\d{4}-\d{2}-\d{2})\.\s*(?:\n|$)/.exec(text);
    const iso = m ? isoDate(m[1] ?? '') : null;
    if (m && iso) {
      this.adr.results = { outcome: text.slice(m[0].length).trim(), date: iso };
    } else {
      this.adr.results = { outcome: text, date: '' };
    }
  }

  private statusSection(section: Section, slot: number): void {
    const text = textOf(section.tokens);
    if (!this.setStatus(text, slot)) this.extra(slot, section.heading, text);
  }

  private listSection(tokens: readonly Token[], into: string[]): string {
    const left: string[] = [];
    for (const t of tokens) {
      if (t.type === 'space') continue;
      if (t.type === 'list') {
        for (const item of (t as Tokens.List).items) into.push(listItemValue(item));
        continue;
      }
      left.push(t.raw);
    }
    return joinBlocks(left);
  }

  private moreInformation(section: Section, slot: number): void {
    const { lead, sections: subs } = subsections(section.tokens);
    this.extra(slot, section.heading, textOf(lead));
    for (const sub of subs) this.extra(slot, sub.heading, textOf(sub.tokens));
  }

  // ----- the whole file -----

  read(text: string): ParsedAdr {
    const adr = this.adr;
    const normalised = normaliseNewlines(text);
    if (normalised.trim() === '') {
      adr.problem = 'the file is empty';
      return adr;
    }
    const fm = splitFrontMatter(normalised);
    this.frontMatter(fm.entries);
    const tokens = lex(fm.body);

    // Title: the first level-1 heading, or a first heading that sits above the others.
    const headings = tokens.filter(isHeading);
    const first = headings[0];
    const second = headings[1];
    // A known section name ("# Decisions") is still the title when everything else sits below it.
    const below = (h: Tokens.Heading) => second === undefined || second.depth > h.depth;
    const titleToken =
      first &&
      (sectionKind(headingText(first)) === null
        ? first.depth === 1 || below(first)
        : first.depth === 1 && below(first))
        ? first
        : undefined;
    const rest = titleToken ? tokens.filter((t) => t !== titleToken) : tokens;
    const depth = firstHeadingDepth(rest) ?? 2;
    const { lead, sections } = splitSections(rest, depth);

    const rawTitle = titleToken ? headingText(titleToken) : this.frontTitle;
    const parts = splitTitle(plainInline(rawTitle));
    const ownNumber = fileNumber(adr.fileName);
    adr.title = parts.title || titleFromFileName(adr.fileName) || 'Untitled decision';
    adr.number = parts.number ?? ownNumber;
    if (parts.id !== null && parts.number !== ownNumber) this.extra(1, 'Original number', parts.id);
    if (rawTitle && hiddenUrls(rawTitle).length) this.extra(1, 'Title', rawTitle);
    if (!titleToken && !this.frontTitle)
      adr.notes.push('no title heading; the title is taken from the file name');

    this.preamble(lead);

    const kinds = sections.map((s) => sectionKind(s.heading));
    const slotOf = (i: number) => i + 2;
    const consumed = new Set<number>();

    // Pass 1: options, then their pros and cons (wherever they are).
    sections.forEach((s, i) => {
      if (kinds[i] === 'options') {
        this.optionsSection(s, slotOf(i));
        consumed.add(i);
      }
    });
    // Sections titled like an option, or holding Good/Bad items where options are discussed.
    const discussesOptions = kinds.some((k) => k === 'options' || k === 'pros-cons');
    sections.forEach((s, i) => {
      if (kinds[i] === 'pros-cons') {
        this.prosConsSection(s, slotOf(i));
        consumed.add(i);
      } else if (
        kinds[i] === null &&
        (matchOption(this.adr.options, s.heading, { strict: true }) >= 0 ||
          ((discussesOptions || /^option\b/i.test(s.heading)) && hasProsAndCons(s.tokens)))
      ) {
        this.pending.push({ heading: s.heading, option: optionFromSection(s.heading, s.tokens) });
        consumed.add(i);
      }
    });
    this.resolvePending();

    // Pass 2: everything else, in document order.
    sections.forEach((s, i) => {
      if (consumed.has(i)) return;
      const slot = slotOf(i);
      const kind = kinds[i];
      const body = textOf(s.tokens);
      switch (kind) {
        case 'context':
          if (this.contextSet) this.extra(slot, s.heading, body);
          else {
            adr.context = body;
            this.contextSet = true;
          }
          break;
        case 'drivers':
          this.extra(slot, s.heading, this.listSection(s.tokens, adr.drivers));
          break;
        case 'deciders': {
          const names: string[] = [];
          const left = this.listSection(s.tokens, names);
          const fromText = left.includes('\n') ? [] : splitNames(left);
          for (const n of [...names, ...fromText]) if (!adr.deciders.includes(n)) adr.deciders.push(n);
          if (left.includes('\n')) this.extra(slot, s.heading, left);
          break;
        }
        case 'outcome':
        case 'decision':
          this.outcomeSection(s, slot, kind);
          break;
        case 'consequences': {
          const bucket = consequenceBucket(s.heading.replace(/\s*consequences$/i, ''));
          this.extra(slot, s.heading, this.consequences(s.tokens, bucket));
          break;
        }
        case 'status':
          this.statusSection(s, slot);
          break;
        case 'plan':
          if (adr.implementationPlan === '') adr.implementationPlan = body;
          else this.extra(slot, s.heading, body);
          break;
        case 'results':
          if (adr.results.outcome === '') this.results(body);
          else this.extra(slot, s.heading, body);
          break;
        case 'more-info':
          this.moreInformation(s, slot);
          break;
        default:
          // An unknown heading is kept even without content: its words may be all there is.
          this.extra(slot, s.heading, isBlank(s.tokens) ? '' : body, true);
      }
    });

    // Format, and whether this is an ADR at all.
    const has = (k: Kind) => kinds.includes(k);
    const madr =
      has('outcome') ||
      has('pros-cons') ||
      sections.some((s) => headingKey(s.heading) === 'considered options') ||
      fm.entries.some((e) => e.key === 'decision-makers');
    adr.format = madr
      ? 'madr'
      : kinds.some((k) => k !== null && ADR_MARKERS.has(k)) || this.statusSet
        ? 'classic'
        : null;
    if (adr.format === null) {
      const base = baseName(adr.fileName);
      adr.problem =
        `not an ADR: no Status, Context, Decision or Considered Options section` +
        (/^(?:readme|index|toc|contents|summary)\.(?:md|markdown)$/i.test(base)
          ? ' (looks like an index file)'
          : '');
      return adr;
    }

    if (!this.statusSet) {
      adr.status = this.chosen || adr.rationale !== '' ? 'accepted' : 'proposed';
      adr.notes.push(
        `no status given; assumed "${adr.status}"` +
          (adr.status === 'accepted' ? ' because a decision is recorded' : ''),
      );
    }

    adr.chosenOption = this.chosen ? adr.options.indexOf(this.chosen) : null;
    if (adr.chosenOption === -1) adr.chosenOption = null;
    adr.extraSections = this.slots.flatMap((s) => s ?? []);
    return adr;
  }
}

/** Parse one ADR file (see ./index.ts for the mapping). Never throws. */
export function parseAdr(fileName: string, text: string): ParsedAdr {
  const reader = new Reader(fileName);
  try {
    return reader.read(text);
  } catch (e) {
    reader.adr.problem = `could not be read: ${e instanceof Error ? e.message : String(e)}`;
    return reader.adr;
  }
}
