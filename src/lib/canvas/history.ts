/**
 * Undo/redo history of one diagram: each entry is a gesture's patch and its inverse.
 * Pure; the editor applies the patches. Only document state is recorded, never selection
 * or viewport.
 */
import type { DiagramPatch } from '../model/patch';

export interface HistoryEntry {
  /** What the step did, for tooltips ("Undo Move"). */
  label: string;
  forward: DiagramPatch;
  inverse: DiagramPatch;
  /** Changes to other records made by the same gesture (e.g. decision links of deleted components). */
  attached?: { forward: unknown; inverse: unknown };
}

export class History {
  private past: HistoryEntry[] = [];
  private future: HistoryEntry[] = [];

  constructor(private readonly limit = 200) {}

  /** Record a new step; anything that was undone can no longer be redone. */
  push(entry: HistoryEntry): void {
    this.past.push(entry);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The step to revert (apply its `inverse`), or null. */
  undo(): HistoryEntry | null {
    const entry = this.past.pop();
    if (!entry) return null;
    this.future.push(entry);
    return entry;
  }

  /** The step to re-apply (apply its `forward`), or null. */
  redo(): HistoryEntry | null {
    const entry = this.future.pop();
    if (!entry) return null;
    this.past.push(entry);
    return entry;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  get undoLabel(): string | null {
    return this.past.at(-1)?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.future.at(-1)?.label ?? null;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}

/** Histories by diagram id, kept for the whole session so switching diagram tabs keeps them. */
const histories = new Map<string, History>();

export function historyFor(diagramId: string): History {
  let h = histories.get(diagramId);
  if (!h) {
    h = new History();
    histories.set(diagramId, h);
  }
  return h;
}
