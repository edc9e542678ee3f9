/**
 * A case study's records other than diagram rows: decisions, trade-off tables, metrics and
 * flows. Views read the arrays; every change goes through `change()`, which writes one
 * transaction and records one undo step (case-study-wide, kept for the session).
 */
import type { Decision, Flow, Id, Metric, TradeOffTable } from '../model/types';
import type { CaseStudyChildKind, RecordChanges, Repository } from '../store';
import type { RecordTypes } from '../model/schema';
import { toasts } from './toasts.svelte';
import { allocateDecisionNumber } from '../model/decisions';

export const RECORDS_CONTEXT = Symbol('faultline-records');

export interface RecordStep {
  label: string;
  forward: RecordChanges;
  inverse: RecordChanges;
  /** A change outside these records made by the same edit (e.g. a component's fields). */
  external?: { redo(): void; undo(): void };
}

const KINDS: readonly CaseStudyChildKind[] = ['decisions', 'tables', 'metrics', 'flows'];

export function emptyChanges(): RecordChanges {
  return { put: {}, delete: {} };
}

export function isEmptyChanges(c: RecordChanges): boolean {
  return KINDS.every((k) => (c.put[k]?.length ?? 0) === 0 && (c.delete[k]?.length ?? 0) === 0);
}

const histories = new Map<Id, { past: RecordStep[]; future: RecordStep[] }>();

/** Strictly increasing stamps, so a row read back can be told apart from this tab's newer write. */
let lastStamp = 0;
function nextStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/** Record writes started and not yet committed, across case studies (journaled on pagehide). */
const inFlight = new Map<number, { caseStudyId: Id; changes: RecordChanges }>();
let nextWrite = 0;

export function unwrittenRecordChanges(): { caseStudyId: Id; changes: RecordChanges }[] {
  return [...inFlight.values()];
}

type Overlay = { kind: CaseStudyChildKind; row: { id: Id; updatedAt: number } | null };

export class CaseStudyRecords {
  decisions = $state.raw<Decision[]>([]);
  tables = $state.raw<TradeOffTable[]>([]);
  metrics = $state.raw<Metric[]>([]);
  flows = $state.raw<Flow[]>([]);
  /** True once every kind has been read at least once. */
  loaded = $state(false);
  canUndo = $state(false);
  canRedo = $state(false);
  undoLabel = $state<string | null>(null);
  /** The case study's `lastDecisionNumber` (kept current by the case-study view). */
  highestDecisionNumber = 0;
  private seen = new Set<CaseStudyChildKind>();
  /**
   * This tab's writes not yet seen in a read-back, by id (null row: deleted). A live query that
   * started before a write can answer after it; its older copy must not replace the newer one.
   */
  private overlay = new Map<Id, Overlay>();
  private readonly history: { past: RecordStep[]; future: RecordStep[] };

  constructor(
    readonly caseStudyId: Id,
    private readonly repo: Repository,
  ) {
    let h = histories.get(caseStudyId);
    if (!h) {
      h = { past: [], future: [] };
      histories.set(caseStudyId, h);
    }
    this.history = h;
    this.sync();
  }

  /** Subscribe to IndexedDB; call from an `$effect` and return its result. */
  connect(): () => void {
    const subs = KINDS.map((kind) =>
      this.repo.watchRecords(kind, this.caseStudyId).subscribe({
        next: (loaded) => {
          this.set(kind, this.reconcile(kind, loaded.value as { id: Id; updatedAt: number }[]));
          this.seen.add(kind);
          if (this.seen.size === KINDS.length) this.loaded = true;
        },
        error: (e) =>
          toasts.show(`Could not read ${kind}: ${e instanceof Error ? e.message : String(e)}`, {
            kind: 'error',
          }),
      }),
    );
    return () => subs.forEach((s) => s.unsubscribe());
  }

  /** Rows read back, with this tab's newer local writes laid over them. */
  private reconcile(kind: CaseStudyChildKind, rows: { id: Id; updatedAt: number }[]): unknown[] {
    const mine = [...this.overlay].filter(([, o]) => o.kind === kind);
    if (mine.length === 0) return rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [id, o] of mine) {
      const read = byId.get(id);
      if (o.row === null) {
        if (read) byId.delete(id);
        else this.overlay.delete(id);
      } else if (read && read.updatedAt >= o.row.updatedAt) {
        this.overlay.delete(id);
      } else {
        byId.set(id, o.row);
      }
    }
    const order = new Map(this.get(kind).map((r, i) => [r.id, i]));
    return [...byId.values()].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
  }

  private get(kind: CaseStudyChildKind): { id: Id }[] {
    return this[kind];
  }

  private set(kind: CaseStudyChildKind, rows: unknown[]): void {
    (this as unknown as Record<CaseStudyChildKind, unknown[]>)[kind] = rows;
  }

  byId<K extends CaseStudyChildKind>(kind: K, id: Id): RecordTypes[K] | undefined {
    return (this.get(kind) as RecordTypes[K][]).find((r) => r.id === id);
  }

  /** The changes that undo `forward`, from the records as they are now. */
  private inverseOf(forward: RecordChanges): RecordChanges {
    const inverse = emptyChanges();
    for (const kind of KINDS) {
      const current = new Map(this.get(kind).map((r) => [r.id, r]));
      const put: unknown[] = [];
      const del: Id[] = [];
      for (const row of forward.put[kind] ?? []) {
        const before = current.get(row.id);
        if (before) put.push(before);
        else del.push(row.id);
      }
      for (const id of forward.delete[kind] ?? []) {
        const before = current.get(id);
        if (before) put.push(before);
      }
      if (put.length) (inverse.put as Record<string, unknown[]>)[kind] = put;
      if (del.length) inverse.delete[kind] = del;
    }
    return inverse;
  }

  /** Show the change at once, then write it. */
  private async write(unstamped: RecordChanges): Promise<void> {
    const t = nextStamp();
    const changes: RecordChanges = { put: {}, delete: unstamped.delete };
    for (const kind of KINDS) {
      const rows = unstamped.put[kind];
      if (rows) (changes.put as Record<string, unknown[]>)[kind] = rows.map((r) => ({ ...r, updatedAt: t }));
    }
    for (const kind of KINDS) {
      for (const row of (changes.put[kind] ?? []) as { id: Id; updatedAt: number }[]) {
        this.overlay.set(row.id, { kind, row });
      }
      for (const id of changes.delete[kind] ?? []) this.overlay.set(id, { kind, row: null });
    }
    for (const kind of KINDS) {
      const puts = new Map((changes.put[kind] ?? []).map((r) => [r.id, r as { id: Id }]));
      const dels = new Set(changes.delete[kind] ?? []);
      if (puts.size === 0 && dels.size === 0) continue;
      const kept = this.get(kind)
        .filter((r) => !dels.has(r.id))
        .map((r) => {
          const next = puts.get(r.id);
          if (next) puts.delete(r.id);
          return next ?? r;
        });
      this.set(kind, [...kept, ...puts.values()]);
    }
    const ticket = nextWrite++;
    inFlight.set(ticket, { caseStudyId: this.caseStudyId, changes });
    try {
      await this.repo.applyRecordChanges(this.caseStudyId, changes, { keepStamps: true });
    } catch (e) {
      // Show what IndexedDB has again: drop this write's overlay (the next read-back restores it).
      for (const kind of KINDS) {
        for (const row of changes.put[kind] ?? []) this.overlay.delete(row.id);
        for (const id of changes.delete[kind] ?? []) this.overlay.delete(id);
      }
      toasts.show(`Could not save: ${e instanceof Error ? e.message : String(e)}`, { kind: 'error' });
    } finally {
      inFlight.delete(ticket);
    }
  }

  /** Apply and persist a change as one undo step. Returns the step (or null when empty). */
  change(label: string, forward: RecordChanges, external?: RecordStep['external']): RecordStep | null {
    if (isEmptyChanges(forward) && !external) return null;
    const step: RecordStep = { label, forward, inverse: this.inverseOf(forward), external };
    this.history.past.push(step);
    if (this.history.past.length > 200) this.history.past.shift();
    this.history.future = [];
    this.sync();
    if (!isEmptyChanges(forward)) void this.write(forward);
    external?.redo();
    return step;
  }

  /** Apply without recording (the diagram editor records it with its own step). */
  applyUnrecorded(changes: RecordChanges): RecordChanges {
    const inverse = this.inverseOf(changes);
    if (!isEmptyChanges(changes)) void this.write(changes);
    return inverse;
  }

  /**
   * The number for a new decision: one past the highest ever used here (numbers are never
   * reused, even after a delete). Remembers it on the case study.
   */
  allocateDecisionNumber(): number {
    const n = allocateDecisionNumber(this.decisions, this.highestDecisionNumber);
    this.highestDecisionNumber = n;
    void this.repo.updateCaseStudy(this.caseStudyId, { lastDecisionNumber: n }).catch(() => undefined);
    return n;
  }

  /** Shorthands for the common cases. */
  put<K extends CaseStudyChildKind>(kind: K, rows: RecordTypes[K][], label: string): void {
    this.change(label, { put: { [kind]: rows }, delete: {} } as RecordChanges);
  }

  remove<K extends CaseStudyChildKind>(
    kind: K,
    ids: Id[],
    label: string,
    alsoPut: RecordChanges['put'] = {},
  ): void {
    this.change(label, { put: alsoPut, delete: { [kind]: ids } } as RecordChanges);
  }

  undo(): void {
    const step = this.history.past.pop();
    if (!step) return;
    this.history.future.push(step);
    this.sync();
    if (!isEmptyChanges(step.inverse)) void this.write(step.inverse);
    step.external?.undo();
  }

  redo(): void {
    const step = this.history.future.pop();
    if (!step) return;
    this.history.past.push(step);
    this.sync();
    if (!isEmptyChanges(step.forward)) void this.write(step.forward);
    step.external?.redo();
  }

  private sync(): void {
    this.canUndo = this.history.past.length > 0;
    this.canRedo = this.history.future.length > 0;
    this.undoLabel = this.history.past.at(-1)?.label ?? null;
  }
}
