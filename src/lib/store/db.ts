/**
 * Faultline's IndexedDB database (Dexie). Plain TypeScript: no Svelte, no DOM beyond IndexedDB.
 *
 * Normalised: one table per record kind, children point at their case study (and diagram)
 * by id and are indexed by those parent ids. Keys are the records' own prefixed string ids
 * (`cmp_…`), never auto-increment numbers, so a later sync engine needs no re-keying.
 *
 * ---------------------------------------------------------------------------------------
 * HOW TO ADD VERSION 2 (and every later version) — see also docs/store.md
 * ---------------------------------------------------------------------------------------
 *  1. NEVER edit `this.version(1)` (or any version that has shipped): browsers out there
 *     hold databases created by it, and Dexie replays the declared versions to upgrade them.
 *  2. Add a migration step to `MIGRATIONS` in src/lib/model/migrate.ts (from 1 to 2). The
 *     same step upgrades backup files, so stored data and backups can never drift apart.
 *  3. Below `this.version(1)…`, add:
 *
 *        this.version(2)
 *          .stores({ components: 'id, caseStudyId, diagramId, kind' }) // only the tables whose
 *                                                                     // indexes change; {} if none
 *          .upgrade((tx) => migrateStoredData(tx, 1, 2));
 *
 *     `migrateStoredData` (./upgrade.ts) reads every case study's rows as one document,
 *     runs the shared `migrate` steps from 1 to 2 and writes the result back, all inside
 *     Dexie's upgrade transaction (so a failure leaves the old data untouched).
 *     Rules inside an upgrade (as in every Dexie transaction): await only Dexie calls (no
 *     fetch, no timers, no non-Dexie promises) and do not catch errors (a caught error
 *     commits a half-done transaction).
 *  4. Keep `STORES_V1` below as it is; add a `STORES_V2` only listing what changed.
 *  5. Test: add ONE fixture + ONE test in tests/unit/store/upgrade.test.ts using
 *     tests/unit/store/upgrade-helpers.ts: write rows in the OLD shape with a raw Dexie
 *     declared at the old version (`seedDatabase`), close it, open `FaultlineDB` on the same
 *     name and assert every row is there in the new shape (`readAllRows`) and validates.
 *     Keep the old fixtures: each version's fixture must still upgrade to the newest shape.
 *
 * Other tabs: when a tab running newer code opens the database at a higher version, this
 * tab gets `versionchange`. We then (optionally) flush pending writes, close the database so
 * the other tab's upgrade can run, and call `onVersionChange` — the UI reloads to run the
 * new code. Never keep writing old-shaped rows into a database a newer version owns.
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
  Boundary,
  CaseStudy,
  Component,
  Connection,
  Decision,
  Diagram,
  Flow,
  Metric,
  TradeOffTable,
} from '../model/types';
import type { RecordKind } from '../model/schema';

export const DEFAULT_DB_NAME = 'faultline';

/** The current schema version (Dexie's `db.verno` after open). */
export const DB_VERSION = 1;

/**
 * Version 1's stores, exactly as shipped. Frozen: never edit (a test compares the upgrade
 * fixture's hand-written copy with it).
 */
export const STORES_V1: Readonly<Record<RecordKind, string>> = Object.freeze({
  caseStudies: 'id, updatedAt',
  diagrams: 'id, caseStudyId',
  components: 'id, caseStudyId, diagramId',
  boundaries: 'id, caseStudyId, diagramId',
  connections: 'id, caseStudyId, diagramId, source, target',
  decisions: 'id, caseStudyId, *componentIds, *connectionIds',
  tables: 'id, caseStudyId',
  metrics: 'id, caseStudyId',
  flows: 'id, caseStudyId, diagramId',
});

/** Every table, in the order backups list them. */
export const TABLE_NAMES: readonly RecordKind[] = [
  'caseStudies',
  'diagrams',
  'components',
  'boundaries',
  'connections',
  'decisions',
  'tables',
  'metrics',
  'flows',
];

export interface FaultlineDBOptions {
  /**
   * Called after this connection closed itself because another tab opened the database at
   * a newer version (`event.newVersion` > ours) or deleted it (`event.newVersion` null).
   * The UI should reload (or tell the user to).
   */
  onVersionChange?: (event: IDBVersionChangeEvent) => void;
  /**
   * Runs before closing on `versionchange`, e.g. `() => writeQueue.flush()`, so the last
   * edits are written with this (older) code before the newer code upgrades them.
   * Time-boxed by `beforeCloseTimeoutMs`.
   */
  beforeVersionChangeClose?: () => Promise<void>;
  /** Default 2000 ms. */
  beforeCloseTimeoutMs?: number;
}

export class FaultlineDB extends Dexie {
  declare caseStudies: EntityTable<CaseStudy, 'id'>;
  declare diagrams: EntityTable<Diagram, 'id'>;
  declare components: EntityTable<Component, 'id'>;
  declare boundaries: EntityTable<Boundary, 'id'>;
  declare connections: EntityTable<Connection, 'id'>;
  declare decisions: EntityTable<Decision, 'id'>;
  // The trade-off tables' store is named 'tables', but `Dexie#tables` (the list of all
  // tables) owns that property name, so it is reached as `tradeOffTables` or `table('tables')`.
  declare metrics: EntityTable<Metric, 'id'>;
  declare flows: EntityTable<Flow, 'id'>;

  get tradeOffTables(): EntityTable<TradeOffTable, 'id'> {
    return this.table('tables') as EntityTable<TradeOffTable, 'id'>;
  }

  /** See FaultlineDBOptions; may be set after construction (e.g. once the UI exists). */
  onVersionChange: ((event: IDBVersionChangeEvent) => void) | null;
  beforeVersionChangeClose: (() => Promise<void>) | null;
  beforeCloseTimeoutMs: number;
  /** True once this connection closed because of another tab's newer version. */
  closedForVersionChange = false;

  constructor(name: string = DEFAULT_DB_NAME, options: FaultlineDBOptions = {}) {
    super(name);
    this.onVersionChange = options.onVersionChange ?? null;
    this.beforeVersionChangeClose = options.beforeVersionChangeClose ?? null;
    this.beforeCloseTimeoutMs = options.beforeCloseTimeoutMs ?? 2000;

    // Version 1 — SHIPPED. Never edit; add this.version(2) below instead (see top of file).
    this.version(1).stores({ ...STORES_V1 });

    // Later subscribers run first in Dexie; returning false skips Dexie's default handler
    // (which closes but would silently re-open on the next query).
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      this.handleVersionChange(event);
      return false;
    });
  }

  private handleVersionChange(event: IDBVersionChangeEvent): void {
    if (this.closedForVersionChange) return;
    const finish = () => {
      if (this.closedForVersionChange) return;
      this.closedForVersionChange = true;
      this.close({ disableAutoOpen: true });
      this.onVersionChange?.(event);
    };
    const before = this.beforeVersionChangeClose;
    if (!before) {
      finish();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.beforeCloseTimeoutMs);
    });
    Promise.race([before().catch(() => undefined), timeout]).then(() => {
      clearTimeout(timer);
      finish();
    }, finish);
  }
}

/**
 * The app's database. Dexie opens (creating or upgrading) it on first use; to find out early
 * whether IndexedDB works (some private modes refuse it) or the stored version is newer than
 * this code can open, `await db.open()` and show its error.
 */
export function openDatabase(name: string = DEFAULT_DB_NAME, options: FaultlineDBOptions = {}): FaultlineDB {
  return new FaultlineDB(name, options);
}
