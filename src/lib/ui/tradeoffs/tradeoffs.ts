/**
 * Pure helpers behind the Trade-offs view: which tables it shows, the order of the
 * components that feed the tech stack, what a table is attached to, component edits shown
 * before they are written, and how typed metric fields become a stored metric.
 * No Svelte, no DOM, no Dexie.
 */
import { COMPONENT_KINDS } from '../../model/types';
import type {
  Component,
  Decision,
  Diagram,
  Id,
  Metric,
  MetricDirection,
  TableKind,
  TableOwner,
  TradeOffTable,
} from '../../model/types';
import { formatDecisionNumber } from '../../model/decisions';
import {
  convert,
  guessDirection,
  humanise,
  metricInput,
  parseQuantity,
  type MetricFlag,
} from '../../model/metrics';
import { now } from '../../model/factories';

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/** The case study's own table of a kind (tech stack, challenges): the first by order. */
export function caseStudyTable(
  tables: readonly TradeOffTable[],
  kind: TableKind,
  caseStudyId: Id,
): TradeOffTable | null {
  return (
    tables.find((t) => t.kind === kind && t.owner.type === 'case-study' && t.owner.id === caseStudyId) ?? null
  );
}

/** Tables shown under "Custom tables": custom ones, whatever they are attached to. */
export function customTables(tables: readonly TradeOffTable[]): TradeOffTable[] {
  return tables.filter((t) => t.kind === 'custom');
}

/** One past the highest `order` (0 for none). */
export function nextOrder(items: readonly { order: number }[]): number {
  return items.reduce((max, x) => Math.max(max, x.order + 1), 0);
}

// ---------------------------------------------------------------------------
// Owners ("attach to")
// ---------------------------------------------------------------------------

/** A select's value for an owner: "case-study:cs_…", "component:cmp_…", "decision:dec_…". */
export function ownerValue(owner: TableOwner): string {
  return `${owner.type}:${owner.id}`;
}

/** Back from a select's value; null when it is not one. */
export function parseOwnerValue(value: string): TableOwner | null {
  const at = value.indexOf(':');
  if (at <= 0) return null;
  const type = value.slice(0, at);
  const id = value.slice(at + 1);
  if (!id) return null;
  if (type === 'case-study' || type === 'component' || type === 'decision') return { type, id };
  return null;
}

export function decisionLabel(d: Pick<Decision, 'number' | 'title'>): string {
  const title = d.title.trim();
  return title ? `${formatDecisionNumber(d.number)} ${title}` : formatDecisionNumber(d.number);
}

/** What a table is attached to, in words; `missing` when the component or decision is gone. */
export function ownerDescription(
  owner: TableOwner,
  components: readonly Pick<Component, 'id' | 'label'>[],
  decisions: readonly Pick<Decision, 'id' | 'number' | 'title'>[],
): { text: string; missing: boolean } {
  if (owner.type === 'case-study') return { text: 'the case study', missing: false };
  if (owner.type === 'component') {
    const c = components.find((x) => x.id === owner.id);
    return c
      ? { text: c.label || 'a component', missing: false }
      : { text: 'a deleted component', missing: true };
  }
  const d = decisions.find((x) => x.id === owner.id);
  return d ? { text: decisionLabel(d), missing: false } : { text: 'a deleted decision', missing: true };
}

// ---------------------------------------------------------------------------
// Components feeding the tech stack
// ---------------------------------------------------------------------------

const KIND_ORDER = new Map<string, number>(COMPONENT_KINDS.map((k, i) => [k, i]));

/**
 * The order components come into the tech stack before the table fixes it: by layer
 * (clients and edge, compute, data, messaging, external, as in the catalogue), then by
 * diagram tab, label and id, so moving a node on the canvas never reorders the table.
 */
export function orderComponents(
  components: readonly Component[],
  diagrams: readonly Pick<Diagram, 'id' | 'order'>[],
): Component[] {
  const tab = new Map(diagrams.map((d) => [d.id, d.order]));
  return [...components].sort(
    (a, b) =>
      (KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) ||
      (tab.get(a.diagramId) ?? 0) - (tab.get(b.diagramId) ?? 0) ||
      a.label.localeCompare(b.label) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export type ComponentFields = Partial<Pick<Component, 'technology' | 'why' | 'alternatives'>>;

/** Component edits made here and not yet seen back from the database, by component id. */
export type PendingEdits = ReadonlyMap<Id, ComponentFields>;

/** The components with the pending edits laid over them. */
export function withPending(components: readonly Component[], pending: PendingEdits): Component[] {
  if (pending.size === 0) return [...components];
  return components.map((c) => {
    const p = pending.get(c.id);
    return p ? { ...c, ...p } : c;
  });
}

/** Add edits (later wins per field). */
export function addPending(pending: PendingEdits, id: Id, fields: ComponentFields): Map<Id, ComponentFields> {
  const next = new Map(pending);
  next.set(id, { ...(pending.get(id) ?? {}), ...fields });
  return next;
}

/** Drop the edits the stored components already show (and those of deleted components). */
export function settlePending(pending: PendingEdits, stored: readonly Component[]): PendingEdits {
  if (pending.size === 0) return pending;
  const byId = new Map(stored.map((c) => [c.id, c]));
  let changed = false;
  const next = new Map<Id, ComponentFields>();
  for (const [id, fields] of pending) {
    const c = byId.get(id);
    const open = c
      ? (Object.entries(fields) as [keyof ComponentFields, string][]).filter(([k, v]) => c[k] !== v)
      : [];
    if (open.length > 0) next.set(id, Object.fromEntries(open) as ComponentFields);
    if (open.length !== Object.keys(fields).length) changed = true;
  }
  return changed ? next : pending;
}

// ---------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------

/**
 * A stored value as the before/after field shows it: in the nicest unit when that reads
 * back as the same value ("2.5 s", "180 ms"), else exactly, in the metric's unit.
 */
export function quantityText(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '';
  const u = unit.trim();
  const nice = humanise(value, u);
  const q = parseQuantity(nice);
  if (q) {
    const back = q.unit === '' ? q.value : convert(q.value, q.unit, u);
    if (back !== null && Math.abs(back - value) <= Math.abs(value) * 1e-9) return nice;
  }
  if (u === '') return String(value);
  return u === '%' ? `${value}%` : `${value} ${u}`;
}

export type MetricField = 'name' | 'before' | 'after' | 'unit' | 'direction' | 'period' | 'howMeasured';

export type MetricEditResult = { ok: true; metric: Metric; label: string } | { ok: false; error: string };

const FIELD_LABELS: Record<MetricField, string> = {
  name: 'name',
  before: 'before',
  after: 'after',
  unit: 'unit',
  direction: 'direction',
  period: 'period',
  howMeasured: 'how measured',
};

/**
 * A metric after the user typed `text` into one of its fields. Before/after read numbers
 * with units and convert them into the metric's unit (metricInput); the unit relabels the
 * numbers (as a spreadsheet's unit column would); a first name also guesses the direction
 * while nothing else is filled in. The same object back means no change.
 */
export function editMetric(m: Metric, field: MetricField, text: string): MetricEditResult {
  const label = `Edit metric ${FIELD_LABELS[field]}`;
  const done = (changes: Partial<Metric>): MetricEditResult => {
    const changed = (Object.keys(changes) as (keyof Metric)[]).some((k) => changes[k] !== m[k]);
    return { ok: true, metric: changed ? { ...m, ...changes, updatedAt: now() } : m, label };
  };
  switch (field) {
    case 'before':
    case 'after': {
      const result = metricInput(m, field, text);
      return result.ok ? done(result.changes) : { ok: false, error: result.error };
    }
    case 'direction':
      if (text !== 'lower-is-better' && text !== 'higher-is-better')
        return { ok: false, error: 'Unknown direction' };
      return done({ direction: text as MetricDirection });
    case 'name': {
      const name = text.trim();
      const fresh = m.name.trim() === '' && m.before === null && m.after === null;
      return done(fresh && name ? { name, direction: guessDirection(name, m.unit) } : { name });
    }
    case 'unit':
      return done({ unit: text.trim() });
    case 'period':
      return done({ period: text });
    case 'howMeasured':
      return done({ howMeasured: text });
  }
}

/** Swap a metric with its neighbour; the changed metrics (empty when it cannot move). */
export function moveMetric(metrics: readonly Metric[], index: number, delta: number): Metric[] {
  const to = index + delta;
  const a = metrics[index];
  const b = metrics[to];
  if (!a || !b || delta === 0) return [];
  // Orders may repeat (imports): renumber the list, then swap.
  const ordered = metrics.map((m, i) => (m.order === i ? m : { ...m, order: i }));
  const t = now();
  return ordered
    .map((m, i) => (i === index ? { ...m, order: to } : i === to ? { ...m, order: index } : m))
    .filter((m, i) => m !== metrics[i])
    .map((m) => ({ ...m, updatedAt: t }));
}

const WARNING_HINTS: Partial<Record<MetricFlag, string>> = {
  'missing name': 'Name what was measured',
  'missing baseline': 'Type the before value: without it there is no improvement to show',
  'missing result': 'Type the after value',
  'missing unit': 'Say what the numbers count (ms, GB, req/s, errors…)',
  'zero baseline': 'A before of 0 gives no percentage',
};

/** The flags worth a warning marker (the phrase already says "worse" and "no change"). */
export function metricWarnings(flags: readonly MetricFlag[]): { flag: MetricFlag; hint: string }[] {
  return flags.flatMap((flag) => {
    const hint = WARNING_HINTS[flag];
    return hint ? [{ flag, hint }] : [];
  });
}
