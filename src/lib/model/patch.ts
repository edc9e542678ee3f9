/**
 * Diagram edits as row patches. The canvas keeps the diagram's rows in memory; after each
 * gesture the UI diffs the new rows against the last committed ones. The resulting patch is
 * what the store writes (only changed rows) and what undo/redo replays (its inverse).
 */
import { sortParentsFirst } from './repair';
import type { Boundary, Component, Connection, Id } from './types';

export interface DiagramRows {
  components: Component[];
  boundaries: Boundary[];
  connections: Connection[];
}

export type RowTable = keyof DiagramRows;
export const ROW_TABLES: readonly RowTable[] = ['boundaries', 'components', 'connections'];

export interface DiagramPatch {
  put: { components: Component[]; boundaries: Boundary[]; connections: Connection[] };
  delete: { components: Id[]; boundaries: Id[]; connections: Id[] };
}

export function emptyPatch(): DiagramPatch {
  return {
    put: { components: [], boundaries: [], connections: [] },
    delete: { components: [], boundaries: [], connections: [] },
  };
}

export function isEmptyPatch(p: DiagramPatch): boolean {
  return ROW_TABLES.every((t) => p.put[t].length === 0 && p.delete[t].length === 0);
}

/** Structural equality for plain JSON-like data (key order-insensitive). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function withoutStamp<T extends { updatedAt: number }>(row: T): Omit<T, 'updatedAt'> {
  const { updatedAt: _ignored, ...rest } = row;
  return rest;
}

/**
 * The patch that turns `before` into `after` (`forward`) and the one that turns it back
 * (`inverse`). Rows equal apart from `updatedAt` count as unchanged.
 */
export function diffRows(
  before: DiagramRows,
  after: DiagramRows,
): { forward: DiagramPatch; inverse: DiagramPatch } {
  const forward = emptyPatch();
  const inverse = emptyPatch();
  for (const table of ROW_TABLES) {
    const prev = new Map<Id, DiagramRows[typeof table][number]>(before[table].map((r) => [r.id, r]));
    const next = new Map<Id, DiagramRows[typeof table][number]>(after[table].map((r) => [r.id, r]));
    for (const [id, row] of next) {
      const old = prev.get(id);
      if (!old) {
        (forward.put[table] as unknown[]).push(row);
        inverse.delete[table].push(id);
      } else if (!sameData(withoutStamp(old), withoutStamp(row))) {
        (forward.put[table] as unknown[]).push(row);
        (inverse.put[table] as unknown[]).push(old);
      }
    }
    for (const [id, row] of prev) {
      if (!next.has(id)) {
        forward.delete[table].push(id);
        (inverse.put[table] as unknown[]).push(row);
      }
    }
  }
  return { forward, inverse };
}

/**
 * Apply a patch to in-memory rows, returning new arrays (order kept; new rows appended),
 * except that boundaries are then reordered so each parent comes before its children, as
 * Svelte Flow requires (undoing the deletion of a parent appends it after its children).
 */
export function applyPatch(rows: DiagramRows, patch: DiagramPatch): DiagramRows {
  const out = { ...rows };
  for (const table of ROW_TABLES) {
    const del = new Set(patch.delete[table]);
    const put = new Map<Id, DiagramRows[typeof table][number]>(patch.put[table].map((r) => [r.id, r]));
    const kept = (rows[table] as DiagramRows[typeof table])
      .filter((r) => !del.has(r.id))
      .map((r) => {
        const replacement = put.get(r.id);
        if (replacement) put.delete(r.id);
        return replacement ?? r;
      });
    (out as Record<RowTable, unknown[]>)[table] = [...kept, ...put.values()];
  }
  out.boundaries = sortParentsFirst(out.boundaries);
  return out;
}

/** Merge two patches applied one after the other into one (later wins per id). */
export function mergePatches(first: DiagramPatch, second: DiagramPatch): DiagramPatch {
  const out = emptyPatch();
  for (const table of ROW_TABLES) {
    const puts = new Map<Id, unknown>();
    const dels = new Set<Id>();
    for (const p of [first, second]) {
      for (const id of p.delete[table]) {
        puts.delete(id);
        dels.add(id);
      }
      for (const row of p.put[table]) {
        dels.delete(row.id);
        puts.set(row.id, row);
      }
    }
    (out.put[table] as unknown[]) = [...puts.values()];
    out.delete[table] = [...dels];
  }
  return out;
}
