/**
 * Decision records (TDRs / ADRs): numbering, the supersede lifecycle, links to components
 * and connections, search, sorting and filtering. Pure: plain data in, plain data out;
 * inputs are never mutated.
 *
 * Numbers are stable. A decision keeps its number for life; deleting one never renumbers the
 * others, and a deleted number is not handed out again as long as the caller passes the
 * highest number ever used in the case study (`allocateDecisionNumber`'s second argument):
 * `max(existing) + 1` alone would reuse the number of a deleted highest decision.
 */
import { newId } from './ids';
import { now as clockNow } from './factories';
import { DECISION_STATUSES, type Decision, type DecisionOption, type DecisionStatus, type Id } from './types';

// ---------------------------------------------------------------------------
// Numbering
// ---------------------------------------------------------------------------

/** `TDR-001`; three digits at least, more when needed (`TDR-1234`). */
export function formatDecisionNumber(n: number, prefix = 'TDR'): string {
  const whole = Math.max(0, Math.trunc(n));
  return `${prefix}-${String(whole).padStart(3, '0')}`;
}

/** Reads `TDR-004`, `ADR-4`, `adr 0004`, `#4` or `4` back as 4; null when it is not a number. */
export function parseDecisionNumber(text: string): number | null {
  const m = /^\s*(?:[a-z]{2,5}[\s-]*|#)?0*(\d+)\s*$/i.exec(text);
  if (!m || m[1] === undefined) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The number for a new decision: one past both the highest existing number and
 * `highestEverUsed` (the case study's high-water mark), so that deleting the highest
 * decision does not make its number available again.
 */
export function allocateDecisionNumber(
  existing: readonly Pick<Decision, 'number'>[],
  highestEverUsed = 0,
): number {
  const max = existing.reduce((m, d) => Math.max(m, d.number), 0);
  return Math.max(max, Number.isFinite(highestEverUsed) ? Math.trunc(highestEverUsed) : 0) + 1;
}

/** The high-water mark after `decisions` exist: what to store once a decision is created. */
export function highestDecisionNumber(
  decisions: readonly Pick<Decision, 'number'>[],
  highestEverUsed = 0,
): number {
  return allocateDecisionNumber(decisions, highestEverUsed) - 1;
}

// ---------------------------------------------------------------------------
// Superseding
// ---------------------------------------------------------------------------

export interface SupersedeResult {
  /** The old decision: status 'superseded', `supersededBy` = the new one. */
  updatedOld: Decision;
  /** The new decision, pre-filled from the old one; not yet stored. */
  created: Decision;
  /** Old option id → new option id (to copy a decision matrix keyed by option ids). */
  optionIdMap: Map<Id, Id>;
}

/** Why `d` cannot be superseded now, or null when it can. */
export function supersedeProblem(d: Decision, all: readonly Decision[]): string | null {
  if (d.supersededBy === null) return null;
  const by = all.find((x) => x.id === d.supersededBy);
  return by
    ? `${formatDecisionNumber(d.number)} is already superseded by ${formatDecisionNumber(by.number)}`
    : null;
}

/**
 * Supersede `old`: a new decision (next free number, status 'proposed', no date) pre-filled
 * with the old one's title, context, drivers, deciders, stakeholders, options (fresh option
 * ids; the chosen option follows its copy) and component/connection links, pointing back with
 * `supersedes`; the old one becomes 'superseded' with `supersededBy` set. Rationale,
 * consequences, plan, results and extra sections are the old decision's own and are not
 * copied. Throws when `old` is already superseded by a decision in `all`.
 */
export function supersede(
  old: Decision,
  all: readonly Decision[],
  now: number = clockNow(),
  highestEverUsed = 0,
): SupersedeResult {
  const problem = supersedeProblem(old, all);
  if (problem) throw new Error(problem);
  const optionIdMap = new Map<Id, Id>();
  const options: DecisionOption[] = old.options.map((o) => {
    const id = newId('option');
    optionIdMap.set(o.id, id);
    return { ...o, id, pros: [...o.pros], cons: [...o.cons] };
  });
  const created: Decision = {
    id: newId('decision'),
    caseStudyId: old.caseStudyId,
    number: allocateDecisionNumber(all.some((d) => d.id === old.id) ? all : [...all, old], highestEverUsed),
    title: old.title,
    status: 'proposed',
    date: '',
    deciders: [...old.deciders],
    stakeholders: [...old.stakeholders],
    context: old.context,
    drivers: [...old.drivers],
    options,
    chosenOptionId: old.chosenOptionId === null ? null : (optionIdMap.get(old.chosenOptionId) ?? null),
    rationale: '',
    consequences: { positive: [], negative: [], tradeOffs: [] },
    implementationPlan: '',
    results: { outcome: '', date: '' },
    componentIds: [...old.componentIds],
    connectionIds: [...old.connectionIds],
    supersedes: old.id,
    supersededBy: null,
    extraSections: [],
    sourceFile: '',
    updatedAt: now,
  };
  const updatedOld: Decision = { ...old, status: 'superseded', supersededBy: created.id, updatedAt: now };
  return { updatedOld, created, optionIdMap };
}

/** "superseded by TDR-004" (or just "superseded" when the successor is unknown); null if not superseded. */
export function supersededLabel(d: Decision, all: readonly Decision[]): string | null {
  const by = d.supersededBy === null ? undefined : all.find((x) => x.id === d.supersededBy);
  if (by) return `superseded by ${formatDecisionNumber(by.number)}`;
  return d.status === 'superseded' ? 'superseded' : null;
}

/** "supersedes TDR-001", or null. */
export function supersedesLabel(d: Decision, all: readonly Decision[]): string | null {
  const prev = d.supersedes === null ? undefined : all.find((x) => x.id === d.supersedes);
  return prev ? `supersedes ${formatDecisionNumber(prev.number)}` : null;
}

/** The status as shown: "accepted", "superseded by TDR-004"… */
export function statusLabel(d: Decision, all: readonly Decision[]): string {
  return supersededLabel(d, all) ?? d.status;
}

// ---------------------------------------------------------------------------
// Links to components and connections
// ---------------------------------------------------------------------------

export interface LinkIds {
  componentIds?: Iterable<Id>;
  connectionIds?: Iterable<Id>;
}

/**
 * Strip links to removed components (or boundaries) and connections. Returns only the
 * decisions that changed (new objects; the decisions themselves are never deleted). For
 * undo, keep the originals: putting them back restores the links.
 */
export function removeLinks(
  decisions: readonly Decision[],
  ids: LinkIds,
  now: number = clockNow(),
): Decision[] {
  const components = new Set(ids.componentIds ?? []);
  const connections = new Set(ids.connectionIds ?? []);
  const changed: Decision[] = [];
  for (const d of decisions) {
    const componentIds = d.componentIds.filter((id) => !components.has(id));
    const connectionIds = d.connectionIds.filter((id) => !connections.has(id));
    if (componentIds.length !== d.componentIds.length || connectionIds.length !== d.connectionIds.length) {
      changed.push({ ...d, componentIds, connectionIds, updatedAt: now });
    }
  }
  return changed;
}

/** Decisions linked to a component, boundary or connection id (in the given order). */
export function decisionsLinkedTo(decisions: readonly Decision[], id: Id): Decision[] {
  return decisions.filter((d) => d.componentIds.includes(id) || d.connectionIds.includes(id));
}

/** Component/connection id → how many decisions link to it (a decision counts once). */
export function linkCounts(decisions: readonly Decision[]): Map<Id, number> {
  const counts = new Map<Id, number>();
  for (const d of decisions) {
    for (const id of new Set([...d.componentIds, ...d.connectionIds]))
      counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Link or unlink one component/connection (`kind` says which list). Returns a new decision. */
export function toggleLink(
  d: Decision,
  kind: 'component' | 'connection',
  id: Id,
  linked: boolean,
  now: number = clockNow(),
): Decision {
  const key = kind === 'component' ? 'componentIds' : 'connectionIds';
  const has = d[key].includes(id);
  if (has === linked) return d;
  return { ...d, [key]: linked ? [...d[key], id] : d[key].filter((x) => x !== id), updatedAt: now };
}

// ---------------------------------------------------------------------------
// Deleting
// ---------------------------------------------------------------------------

/**
 * Delete a decision: the id to remove and the decisions whose `supersedes`/`supersededBy`
 * pointed at it, with that pointer cleared. Status is left alone (a decision stays
 * 'superseded'; its label then reads just "superseded"). Nobody is renumbered.
 */
export function deleteDecision(
  all: readonly Decision[],
  id: Id,
  now: number = clockNow(),
): { remove: Id; changed: Decision[] } {
  const changed: Decision[] = [];
  for (const d of all) {
    if (d.id === id) continue;
    if (d.supersedes === id || d.supersededBy === id) {
      changed.push({
        ...d,
        supersedes: d.supersedes === id ? null : d.supersedes,
        supersededBy: d.supersededBy === id ? null : d.supersededBy,
        updatedAt: now,
      });
    }
  }
  return { remove: id, changed };
}

// ---------------------------------------------------------------------------
// Search, sort, filter
// ---------------------------------------------------------------------------

export interface SearchContext {
  /** Component (and boundary/connection) id → label, to find decisions by what they govern. */
  componentLabels?: ReadonlyMap<Id, string>;
}

/** Lower-case, accents removed ("Café" → "cafe"). */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The words of a query; "double quoted phrases" stay one term. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    const term = fold((m[1] ?? m[2] ?? '').trim());
    if (term) terms.push(term);
  }
  return terms;
}

/** Everything a search looks at, folded: number, status, every text field, linked labels. */
export function decisionSearchText(d: Decision, ctx: SearchContext = {}): string {
  const parts: string[] = [
    formatDecisionNumber(d.number),
    d.status,
    d.date,
    d.title,
    d.context,
    ...d.deciders,
    ...d.stakeholders,
    ...d.drivers,
    ...d.options.flatMap((o) => [o.title, o.description, ...o.pros, ...o.cons]),
    d.rationale,
    ...d.consequences.positive,
    ...d.consequences.negative,
    ...d.consequences.tradeOffs,
    d.implementationPlan,
    d.results.outcome,
    ...d.extraSections.flatMap((s) => [s.heading, s.body]),
    d.sourceFile,
  ];
  const labels = ctx.componentLabels;
  if (labels) {
    for (const id of [...d.componentIds, ...d.connectionIds]) {
      const label = labels.get(id);
      if (label) parts.push(label);
    }
  }
  return fold(parts.filter(Boolean).join('\n'));
}

/**
 * Decisions matching every word of `query` somewhere in their fields (case- and
 * accent-insensitive, substring match, order kept). An empty query matches all.
 */
export function searchDecisions(
  decisions: readonly Decision[],
  query: string,
  ctx: SearchContext = {},
): Decision[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [...decisions];
  return decisions.filter((d) => {
    const text = decisionSearchText(d, ctx);
    return terms.every((t) => text.includes(t));
  });
}

export type DecisionSortKey = 'number' | 'date' | 'status';
export type SortDirection = 'asc' | 'desc';

const STATUS_RANK = new Map<DecisionStatus, number>(DECISION_STATUSES.map((s, i) => [s, i]));

/**
 * Sorted copy. 'date': undated decisions always last; 'status': in the order proposed,
 * accepted, rejected, deprecated, superseded. Ties fall back to number (ascending).
 */
export function sortDecisions(
  list: readonly Decision[],
  by: DecisionSortKey,
  dir: SortDirection = 'asc',
): Decision[] {
  const sign = dir === 'asc' ? 1 : -1;
  const primary = (a: Decision, b: Decision): number => {
    if (by === 'number') return sign * (a.number - b.number);
    if (by === 'status')
      return sign * ((STATUS_RANK.get(a.status) ?? 99) - (STATUS_RANK.get(b.status) ?? 99));
    if (!a.date !== !b.date) return a.date ? -1 : 1;
    return sign * (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  };
  return [...list].sort((a, b) => primary(a, b) || a.number - b.number);
}

export interface DecisionFilter {
  /** Keep these statuses; empty or absent means all. */
  status?: readonly DecisionStatus[];
  /** Keep decisions linked to this component (or boundary). */
  componentId?: Id;
  /** Keep decisions linked to this connection. */
  connectionId?: Id;
}

export function filterDecisions(list: readonly Decision[], filter: DecisionFilter): Decision[] {
  const statuses = filter.status && filter.status.length > 0 ? new Set(filter.status) : null;
  return list.filter(
    (d) =>
      (!statuses || statuses.has(d.status)) &&
      (filter.componentId === undefined || d.componentIds.includes(filter.componentId)) &&
      (filter.connectionId === undefined || d.connectionIds.includes(filter.connectionId)),
  );
}
