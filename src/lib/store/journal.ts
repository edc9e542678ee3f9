/**
 * A synchronous safety net for the last edits before a page goes away.
 *
 * A page that unloads (reload, close, navigation) aborts the IndexedDB transactions it
 * started, so a write begun in `pagehide` can be lost. On `pagehide` the UI saves the write
 * queue's unwritten patches here, in `localStorage` (synchronous, survives the unload); on the
 * next start `replayJournal` writes them into IndexedDB before anything reads, then clears it.
 * Replaying is idempotent, and a journaled row never overwrites a newer copy (by `updatedAt`)
 * that another tab wrote in the meantime.
 */
import { emptyPatch, isEmptyPatch, mergePatches, ROW_TABLES, type DiagramPatch } from '../model/patch';
import { validateRecord } from '../model/schema';
import type { FaultlineDB } from './db';
import type { PatchWriter } from './write-queue';
import { CASE_STUDY_CHILD_KINDS, type RecordChanges, type Repository } from './repository';

/** Each tab journals under its own key (`faultline:unsaved-edits:<tab id>`), so one tab never clears another's. */
export const JOURNAL_PREFIX = 'faultline:unsaved-edits:';
const JOURNAL_VERSION = 1;

/** The part of `Storage` the journal uses (localStorage in the app, a Map in tests). */
export interface JournalStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface JournalEntry {
  caseStudyId: string;
  patch: DiagramPatch;
}

/** Read the journal; anything that does not validate is skipped (and reported). */
export function readJournal(
  storage: JournalStorage,
  key: string,
): { entries: JournalEntry[]; skipped: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return { entries: [], skipped: 1 };
  }
  if (!raw || typeof raw !== 'object') return { entries: [], skipped: 0 };
  const doc = raw as { version?: unknown; entries?: unknown };
  if (doc.version !== JOURNAL_VERSION || !Array.isArray(doc.entries)) return { entries: [], skipped: 1 };
  let skipped = 0;
  const entries: JournalEntry[] = [];
  for (const item of doc.entries as unknown[]) {
    const e = item as {
      caseStudyId?: unknown;
      patch?: { put?: Record<string, unknown>; delete?: Record<string, unknown> };
    };
    if (typeof e?.caseStudyId !== 'string' || !e.patch) {
      skipped++;
      continue;
    }
    const patch = emptyPatch();
    for (const table of ROW_TABLES) {
      for (const row of asArray(e.patch.put?.[table])) {
        const checked = validateRecord(table, row);
        if (checked.ok) (patch.put[table] as unknown[]).push(checked.value);
        else skipped++;
      }
      for (const id of asArray(e.patch.delete?.[table])) {
        if (typeof id === 'string') patch.delete[table].push(id);
        else skipped++;
      }
    }
    if (!isEmptyPatch(patch)) entries.push({ caseStudyId: e.caseStudyId, patch });
  }
  return { entries, skipped };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Save unwritten patches (merged with any journal already there). Never throws. */
export function saveJournal(storage: JournalStorage, tabId: string, entries: readonly JournalEntry[]): void {
  if (entries.length === 0) return;
  const key = JOURNAL_PREFIX + tabId;
  try {
    const merged = new Map<string, DiagramPatch>();
    for (const e of [...readJournal(storage, key).entries, ...entries]) {
      const earlier = merged.get(e.caseStudyId);
      merged.set(e.caseStudyId, earlier ? mergePatches(earlier, e.patch) : e.patch);
    }
    const doc = {
      version: JOURNAL_VERSION,
      entries: [...merged].map(([caseStudyId, patch]) => ({ caseStudyId, patch })),
    };
    storage.setItem(key, JSON.stringify(doc));
  } catch (e) {
    // localStorage full or unavailable: the IndexedDB flush is all we have.
    console.error('[faultline] could not save the unsaved-edits journal', e);
  }
}

/** Remove this tab's journal (after its edits are known to be written). */
export function clearJournal(storage: JournalStorage, tabId: string): void {
  try {
    storage.removeItem(JOURNAL_PREFIX + tabId);
  } catch {
    // unavailable storage has nothing to clear
  }
}

/** Drop puts of rows that IndexedDB already holds in a newer version. */
async function withoutStale(db: FaultlineDB, patch: DiagramPatch): Promise<DiagramPatch> {
  const out = emptyPatch();
  out.delete = patch.delete;
  for (const table of ROW_TABLES) {
    const rows = patch.put[table];
    const stored = await db.table(table).bulkGet(rows.map((r) => r.id));
    (out.put[table] as unknown[]) = rows.filter((row, i) => {
      const current = stored[i] as { updatedAt?: unknown } | undefined;
      return !(typeof current?.updatedAt === 'number' && current.updatedAt > row.updatedAt);
    });
  }
  return out;
}

function journalKeys(storage: JournalStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(JOURNAL_PREFIX)) keys.push(key);
  }
  return keys;
}

/**
 * Write every tab's journal into IndexedDB, then clear them. Entries whose case study no
 * longer exists are dropped. Returns how many entries were replayed.
 */
export async function replayJournal(
  storage: JournalStorage,
  db: FaultlineDB,
  writer: PatchWriter,
): Promise<number> {
  let replayed = 0;
  for (const key of journalKeys(storage)) {
    replayed += await replayOne(storage, key, db, writer);
  }
  return replayed;
}

async function replayOne(
  storage: JournalStorage,
  key: string,
  db: FaultlineDB,
  writer: PatchWriter,
): Promise<number> {
  const { entries } = readJournal(storage, key);
  let replayed = 0;
  for (const entry of entries) {
    if (!(await db.caseStudies.get(entry.caseStudyId))) continue;
    const patch = await withoutStale(db, entry.patch);
    if (isEmptyPatch(patch)) continue;
    try {
      await writer.applyDiagramPatch(entry.caseStudyId, patch);
      replayed++;
    } catch (e) {
      console.error('[faultline] could not replay unsaved edits', e);
    }
  }
  try {
    storage.removeItem(key);
  } catch {
    // nothing to clear
  }
  return replayed;
}

// ---------------------------------------------------------------------------
// Record changes (decisions, tables, metrics, flows) get the same safety net.
// ---------------------------------------------------------------------------

export const RECORD_JOURNAL_PREFIX = 'faultline:unsaved-records:';

export interface RecordJournalEntry {
  caseStudyId: string;
  changes: RecordChanges;
}

/** Save record changes still being written (appended to this tab's journal). Never throws. */
export function saveRecordJournal(
  storage: JournalStorage,
  tabId: string,
  entries: readonly RecordJournalEntry[],
): void {
  if (entries.length === 0) return;
  const key = RECORD_JOURNAL_PREFIX + tabId;
  try {
    const earlier = readRecordJournal(storage, key);
    storage.setItem(key, JSON.stringify({ version: JOURNAL_VERSION, entries: [...earlier, ...entries] }));
  } catch (e) {
    console.error('[faultline] could not save the unsaved-records journal', e);
  }
}

export function clearRecordJournal(storage: JournalStorage, tabId: string): void {
  try {
    storage.removeItem(RECORD_JOURNAL_PREFIX + tabId);
  } catch {
    // nothing to clear
  }
}

/** Read one record journal; rows that do not validate are dropped. */
export function readRecordJournal(storage: JournalStorage, key: string): RecordJournalEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return [];
  }
  const doc = raw as { version?: unknown; entries?: unknown } | null;
  if (!doc || doc.version !== JOURNAL_VERSION || !Array.isArray(doc.entries)) return [];
  const out: RecordJournalEntry[] = [];
  for (const item of doc.entries as {
    caseStudyId?: unknown;
    changes?: { put?: Record<string, unknown>; delete?: Record<string, unknown> };
  }[]) {
    if (typeof item?.caseStudyId !== 'string' || !item.changes) continue;
    const changes: RecordChanges = { put: {}, delete: {} };
    for (const kind of CASE_STUDY_CHILD_KINDS) {
      const rows = asArray(item.changes.put?.[kind])
        .map((row) => validateRecord(kind, row))
        .filter((r) => r.ok)
        .map((r) => (r as { value: unknown }).value);
      if (rows.length) (changes.put as Record<string, unknown[]>)[kind] = rows;
      const ids = asArray(item.changes.delete?.[kind]).filter((id): id is string => typeof id === 'string');
      if (ids.length) changes.delete[kind] = ids;
    }
    out.push({ caseStudyId: item.caseStudyId, changes });
  }
  return out;
}

/** Replay every tab's record journal (newer copies in IndexedDB win), then clear them. */
export async function replayRecordJournal(
  storage: JournalStorage,
  db: FaultlineDB,
  repo: Pick<Repository, 'applyRecordChanges'>,
): Promise<number> {
  let replayed = 0;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(RECORD_JOURNAL_PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    for (const entry of readRecordJournal(storage, key)) {
      if (!(await db.caseStudies.get(entry.caseStudyId))) continue;
      try {
        await repo.applyRecordChanges(entry.caseStudyId, entry.changes, {
          keepStamps: true,
          newerOnly: true,
        });
        replayed++;
      } catch (e) {
        console.error('[faultline] could not replay unsaved record changes', e);
      }
    }
    try {
      storage.removeItem(key);
    } catch {
      // nothing to clear
    }
  }
  return replayed;
}
