/**
 * Plain helpers behind the Decisions view: list fields as text, option edits, what a
 * decision can link to (with readable labels), and the record changes of the lifecycle
 * actions (create, supersede, delete). No Svelte, no DOM, no Dexie: tested directly.
 */
import { COMPONENT_CATALOGUE, BOUNDARY_CATALOGUE } from '../../model/catalogue';
import { deleteDecision, formatDecisionNumber, supersede } from '../../model/decisions';
import { createOption } from '../../model/factories';
import { newId } from '../../model/ids';
import { pruneScores, remapMatrixOptions } from '../../model/matrix';
import type { DiagramRows } from '../../model/patch';
import type { Decision, DecisionOption, Diagram, Id, TradeOffTable } from '../../model/types';
import type { RecordChanges } from '../../store';

// ---------------------------------------------------------------------------
// List fields edited as one item per line
// ---------------------------------------------------------------------------

/** One item per non-blank line, trimmed; a leading Markdown bullet (`- `, `* `, `+ `) is dropped. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-*+•]\s+/, '').trim())
    .filter((line) => line.length > 0);
}

export function formatLines(items: readonly string[]): string {
  return items.join('\n');
}

export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/** The option's title, or "Option 2" while it has none. */
export function optionName(option: Pick<DecisionOption, 'title'>, index: number): string {
  return option.title.trim() || `Option ${index + 1}`;
}

export function addOption(d: Decision, option: DecisionOption = createOption()): Decision {
  return { ...d, options: [...d.options, option] };
}

export function updateOption(
  d: Decision,
  optionId: Id,
  patch: Partial<Omit<DecisionOption, 'id'>>,
): Decision {
  if (!d.options.some((o) => o.id === optionId)) return d;
  return { ...d, options: d.options.map((o) => (o.id === optionId ? { ...o, ...patch } : o)) };
}

/** Remove an option; when it was the chosen one, nothing is chosen any more. */
export function removeOption(d: Decision, optionId: Id): Decision {
  if (!d.options.some((o) => o.id === optionId)) return d;
  return {
    ...d,
    options: d.options.filter((o) => o.id !== optionId),
    chosenOptionId: d.chosenOptionId === optionId ? null : d.chosenOptionId,
  };
}

/** Move an option by `delta` places (clamped). Returns `d` itself when nothing moves. */
export function moveOption(d: Decision, optionId: Id, delta: number): Decision {
  const from = d.options.findIndex((o) => o.id === optionId);
  if (from < 0) return d;
  const to = Math.max(0, Math.min(d.options.length - 1, from + Math.trunc(delta)));
  if (to === from) return d;
  const options = [...d.options];
  const [moved] = options.splice(from, 1);
  if (moved) options.splice(to, 0, moved);
  return { ...d, options };
}

// ---------------------------------------------------------------------------
// What a decision can govern
// ---------------------------------------------------------------------------

export type LinkTargetType = 'component' | 'boundary' | 'connection';

export interface LinkTarget {
  id: Id;
  type: LinkTargetType;
  /** As people read it: "Orders DB (Database)", "Service → Database: POST /orders". */
  label: string;
  diagramId: Id;
  diagramName: string;
}

function nodeLabel(label: string, kindLabel: string): string {
  const text = label.trim();
  if (!text) return kindLabel;
  return text === kindLabel ? text : `${text} (${kindLabel})`;
}

/**
 * Every component, boundary and connection of the given diagrams (in diagram order, then
 * components, boundaries, connections, each by label), for the Governs picker and labels.
 * Diagrams whose rows are not loaded yet are skipped.
 */
export function linkTargets(
  diagrams: readonly Pick<Diagram, 'id' | 'name'>[],
  rowsByDiagram: Readonly<Record<Id, DiagramRows>>,
): LinkTarget[] {
  const out: LinkTarget[] = [];
  const byLabel = (a: LinkTarget, b: LinkTarget) => a.label.localeCompare(b.label);
  for (const diagram of diagrams) {
    const rows = rowsByDiagram[diagram.id];
    if (!rows) continue;
    const base = { diagramId: diagram.id, diagramName: diagram.name };
    const names = new Map<Id, string>();
    const components = rows.components.map((c): LinkTarget => {
      const label = nodeLabel(c.label, COMPONENT_CATALOGUE[c.kind]?.label ?? c.kind);
      names.set(c.id, c.label.trim() || (COMPONENT_CATALOGUE[c.kind]?.label ?? c.kind));
      return { ...base, id: c.id, type: 'component', label };
    });
    const boundaries = rows.boundaries.map((b): LinkTarget => {
      const label = nodeLabel(b.label, BOUNDARY_CATALOGUE[b.kind]?.label ?? b.kind);
      names.set(b.id, b.label.trim() || (BOUNDARY_CATALOGUE[b.kind]?.label ?? b.kind));
      return { ...base, id: b.id, type: 'boundary', label };
    });
    const connections = rows.connections.map((c): LinkTarget => {
      const ends = `${names.get(c.source) ?? '?'} → ${names.get(c.target) ?? '?'}`;
      const label = c.label.trim() ? `${ends}: ${c.label.trim()}` : ends;
      return { ...base, id: c.id, type: 'connection', label };
    });
    out.push(...components.sort(byLabel), ...boundaries.sort(byLabel), ...connections.sort(byLabel));
  }
  return out;
}

export interface GovernedItem {
  id: Id;
  /** Which list of the decision holds it. */
  list: 'component' | 'connection';
  /** Null when the component or connection no longer exists (or is not loaded yet). */
  target: LinkTarget | null;
}

/** What a decision governs, components first, in the order they were linked. */
export function governedItems(d: Decision, targets: ReadonlyMap<Id, LinkTarget>): GovernedItem[] {
  return [
    ...d.componentIds.map((id): GovernedItem => ({ id, list: 'component', target: targets.get(id) ?? null })),
    ...d.connectionIds.map((id): GovernedItem => ({
      id,
      list: 'connection',
      target: targets.get(id) ?? null,
    })),
  ];
}

/** Short text for the list's "Governs" column: up to `max` labels, then "+N more". */
export function governsSummary(d: Decision, targets: ReadonlyMap<Id, LinkTarget>, max = 2): string {
  const labels = [...d.componentIds, ...d.connectionIds]
    .map((id) => targets.get(id)?.label)
    .filter((x): x is string => Boolean(x));
  if (labels.length <= max) return labels.join(', ');
  return `${labels.slice(0, max).join(', ')} +${labels.length - max} more`;
}

// ---------------------------------------------------------------------------
// Lifecycle changes
// ---------------------------------------------------------------------------

/** The decision's weighted decision matrix, if it has one. */
export function matrixTableOf(tables: readonly TradeOffTable[], decisionId: Id): TradeOffTable | undefined {
  return tables.find(
    (t) => t.kind === 'matrix' && t.owner.type === 'decision' && t.owner.id === decisionId && t.matrix,
  );
}

/** Tables owned by a decision (deleted with it). */
export function tablesOwnedBy(tables: readonly TradeOffTable[], decisionId: Id): TradeOffTable[] {
  return tables.filter((t) => t.owner.type === 'decision' && t.owner.id === decisionId);
}

/**
 * Supersede `old`: the old decision updated, the new one created and, when the old one has a
 * decision matrix, a copy of it for the new one (option columns follow the options' new ids).
 * `number` is the new decision's number, already allocated by the caller.
 */
export function supersedeChanges(
  old: Decision,
  all: readonly Decision[],
  tables: readonly TradeOffTable[],
  number: number,
  now: number,
): { created: Decision; changes: RecordChanges } {
  const { updatedOld, created, optionIdMap } = supersede(old, all, now, number - 1);
  const put: RecordChanges['put'] = { decisions: [updatedOld, created] };
  const table = matrixTableOf(tables, old.id);
  if (table?.matrix) {
    put.tables = [
      {
        ...table,
        id: newId('table'),
        owner: { type: 'decision', id: created.id },
        matrix: pruneScores(remapMatrixOptions(table.matrix, optionIdMap), created.options),
        columns: table.columns.map((c) => ({ ...c })),
        rows: table.rows.map((r) => ({ ...r, cells: { ...r.cells } })),
        excludedComponentIds: [...table.excludedComponentIds],
        updatedAt: now,
      },
    ];
  }
  return { created, changes: { put, delete: {} } };
}

/** Delete a decision: it, the tables it owns, and the other end of its supersede links. */
export function deleteChanges(
  all: readonly Decision[],
  tables: readonly TradeOffTable[],
  id: Id,
  now: number,
): RecordChanges {
  const { remove, changed } = deleteDecision(all, id, now);
  const owned = tablesOwnedBy(tables, id).map((t) => t.id);
  const changes: RecordChanges = { put: {}, delete: { decisions: [remove] } };
  if (changed.length) changes.put.decisions = changed;
  if (owned.length) changes.delete.tables = owned;
  return changes;
}

/** "TDR-003 · Use PostgreSQL" */
export function decisionName(d: Pick<Decision, 'number' | 'title'>): string {
  const title = d.title.trim();
  return title ? `${formatDecisionNumber(d.number)} · ${title}` : formatDecisionNumber(d.number);
}

/** Today as YYYY-MM-DD in local time. */
export function todayIso(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
