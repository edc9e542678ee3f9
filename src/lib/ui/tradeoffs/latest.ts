/**
 * Guards a view against stale reads of rows it has just written.
 *
 * The records of a case study are shown at once when edited, then written to IndexedDB; a
 * live query re-reads them after every write. A re-read that started just before the next
 * write finishes after it and hands back the rows as they were one edit ago. Shown as is,
 * the next edit would be built on that stale copy and the edit in between would be lost.
 *
 * `LatestRows` remembers what this view wrote (by id, with its `updatedAt`) for a short
 * while and lays it over rows read back that are older; the store stamps its own, later
 * `updatedAt` on what it writes, so the echo of a write (or another tab's later edit)
 * replaces the remembered row. Undo and redo restore older rows on purpose: call `forget()`
 * before them.
 */
import type { Id } from '../../model/types';

interface Written<T> {
  /** The row as written; null when deleted. */
  row: T | null;
  /** Its `updatedAt` (deletes: when). */
  at: number;
  /** When it was written, for expiry. */
  wroteAt: number;
}

/** Long enough for any re-read in flight to land; short enough never to mask another tab. */
export const REMEMBER_MS = 3000;

export class LatestRows<T extends { id: Id; updatedAt: number }> {
  private written = new Map<Id, Written<T>>();

  constructor(private readonly clock: () => number = () => Date.now()) {}

  /** Remember rows this view has just put. */
  put(rows: readonly T[]): void {
    const t = this.clock();
    this.prune(t);
    for (const row of rows) this.written.set(row.id, { row, at: row.updatedAt, wroteAt: t });
  }

  /** Remember rows this view has just deleted. */
  delete(ids: readonly Id[]): void {
    const t = this.clock();
    this.prune(t);
    for (const id of ids) this.written.set(id, { row: null, at: t, wroteAt: t });
  }

  /** Forget everything (before undo/redo, which write older rows on purpose). */
  forget(): void {
    this.written.clear();
  }

  get size(): number {
    return this.written.size;
  }

  /**
   * The rows read back, with this view's own newer writes laid over older copies (in the
   * order read; rows written here and not read back yet come last).
   */
  resolve(stored: readonly T[]): T[] {
    const t = this.clock();
    if (this.written.size === 0) return [...stored];
    const live = (w: Written<T> | undefined) => w !== undefined && t - w.wroteAt <= REMEMBER_MS;
    const out: T[] = [];
    const seen = new Set<Id>();
    for (const row of stored) {
      seen.add(row.id);
      const w = this.written.get(row.id);
      if (!w || !live(w) || row.updatedAt > w.at) out.push(row);
      else if (w.row) out.push(w.row);
    }
    for (const [id, w] of this.written) {
      if (!seen.has(id) && live(w) && w.row) out.push(w.row);
    }
    return out;
  }

  private prune(t: number): void {
    for (const [id, w] of this.written) if (t - w.wroteAt > REMEMBER_MS) this.written.delete(id);
  }
}
