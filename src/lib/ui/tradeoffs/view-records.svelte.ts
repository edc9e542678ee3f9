/**
 * The case study's tables and metrics as the Trade-offs view reads and writes them: the
 * shared records (one undo step per change), guarded against stale re-reads of what this
 * view has just written (see latest.ts).
 */
import { getContext, setContext } from 'svelte';
import { LatestRows } from './latest';
import { toasts } from '../../state/toasts.svelte';
import type { Id, Metric, TradeOffTable } from '../../model/types';
import type { CaseStudyRecords } from '../../state/records.svelte';

const CONTEXT = Symbol('faultline-tradeoffs-records');

export class TradeoffsRecords {
  private readonly tableGuard = new LatestRows<TradeOffTable>();
  private readonly metricGuard = new LatestRows<Metric>();
  readonly #tables = $derived.by(() => this.tableGuard.resolve(this.records.tables));
  readonly #metrics = $derived.by(() => this.metricGuard.resolve(this.records.metrics));

  constructor(readonly records: CaseStudyRecords) {}

  get tables(): TradeOffTable[] {
    return this.#tables;
  }

  get metrics(): Metric[] {
    return this.#metrics;
  }

  table(id: Id): TradeOffTable | undefined {
    return this.#tables.find((t) => t.id === id);
  }

  metric(id: Id): Metric | undefined {
    return this.#metrics.find((m) => m.id === id);
  }

  putTables(rows: TradeOffTable[], label: string): void {
    this.tableGuard.put(rows);
    this.records.put('tables', rows, label);
  }

  putMetrics(rows: Metric[], label: string): void {
    this.metricGuard.put(rows);
    this.records.put('metrics', rows, label);
  }

  removeTable(id: Id, label: string): void {
    this.tableGuard.delete([id]);
    this.records.remove('tables', [id], label);
  }

  removeMetric(id: Id, label: string): void {
    this.metricGuard.delete([id]);
    this.records.remove('metrics', [id], label);
  }

  undo(): void {
    this.tableGuard.forget();
    this.metricGuard.forget();
    this.records.undo();
  }

  redo(): void {
    this.tableGuard.forget();
    this.metricGuard.forget();
    this.records.redo();
  }

  /**
   * Delete through `remove` as one undo step named `label`, and say so in a toast whose Undo
   * takes it back (if it is still the last step).
   */
  removeWithUndo(name: string, label: string, remove: (label: string) => void): void {
    remove(label);
    toasts.show(`Deleted “${name}”`, { action: { label: 'Undo', run: () => this.undoIfLast(label) } });
  }

  /** Undo `label` if it is still the last step (for a toast's Undo). */
  undoIfLast(label: string): void {
    if (this.records.undoLabel === label) this.undo();
  }
}

export function setTradeoffsRecords(value: TradeoffsRecords): void {
  setContext(CONTEXT, value);
}

export function getTradeoffsRecords(): TradeoffsRecords {
  return getContext<TradeoffsRecords>(CONTEXT);
}
