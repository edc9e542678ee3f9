/**
 * The database upgrade test pattern. For every schema version that ships, keep ONE fixture
 * (tests/unit/store/fixtures/db-vN.ts: the stores that version declared, hand-written, and
 * rows in that version's shape, as literals) and add ONE test to upgrade.test.ts:
 *
 *   const db = await openUpgraded(FIXTURE_V1, (name) => new FaultlineDB(name));
 *   const rows = await readAllRows(db);
 *   expect(rows.connections[0]).toMatchObject({ …the new shape… });
 *
 * The fixture is written with a raw Dexie declared at the OLD version (no app code), so it
 * stays what old browsers really hold even when the app's code moves on.
 */
import Dexie from 'dexie';
import { uniqueDbName } from './helpers';

export interface OldDatabaseFixture {
  /** What this fixture stands for, e.g. "v1 as shipped in 0.1.0". */
  description: string;
  /** The Dexie version (`db.version(N)`) the old code declared. */
  version: number;
  /** That version's stores, copied by hand from the shipped code (never imported). */
  stores: Record<string, string>;
  /** Rows in the old shape, per table. */
  rows: Record<string, readonly unknown[]>;
}

/** Create database `name` exactly as the old code would have left it. */
export async function seedDatabase(name: string, fixture: OldDatabaseFixture): Promise<void> {
  const raw = new Dexie(name);
  raw.version(fixture.version).stores(fixture.stores);
  await raw.open();
  await raw.transaction('rw', Object.keys(fixture.stores), async () => {
    for (const [table, rows] of Object.entries(fixture.rows)) {
      if (rows.length > 0) await raw.table(table).bulkPut(structuredClone([...rows]));
    }
  });
  raw.close();
}

/** Every row of every table (raw, unvalidated), keyed by table name and sorted by id. */
export async function readAllRows(db: Dexie): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of db.tables) {
    const rows = (await table.toArray()) as Record<string, unknown>[];
    out[table.name] = rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

/** Seed a fresh database from `fixture`, then open it with the new code (`open(name)`). */
export async function openUpgraded<D extends Dexie>(
  fixture: OldDatabaseFixture,
  open: (name: string) => D,
): Promise<D> {
  const name = uniqueDbName('upgrade');
  await seedDatabase(name, fixture);
  const db = open(name);
  await db.open();
  return db;
}
