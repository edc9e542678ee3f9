/**
 * Database upgrades. Pattern (see upgrade-helpers.ts and docs/store.md): one fixture per
 * shipped version, written by a raw Dexie at that version; one test per version that opens
 * it with the current code and checks every row arrived in the current shape.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MigrationStep } from '../../../src/lib/model/migrate';
import { mapRecords } from '../../../src/lib/model/migrate';
import { validateRecord, type RecordKind } from '../../../src/lib/model/schema';
import { FaultlineDB, STORES_V1, TABLE_NAMES } from '../../../src/lib/store/db';
import { Repository } from '../../../src/lib/store/repository';
import { migrateStoredData } from '../../../src/lib/store/upgrade';
import { FIXTURE_V1 } from './fixtures/db-v1';
import { openUpgraded, readAllRows, seedDatabase } from './upgrade-helpers';
import { uniqueDbName } from './helpers';

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
function track<D extends Dexie>(db: D): D {
  opened.push(db);
  return db;
}

// A hypothetical version 2, written exactly as a real one would be: a migration step (in real
// life appended to MIGRATIONS in model/migrate.ts) and `this.version(2)` in a subclass (in
// real life: in FaultlineDB's constructor, below version 1).
const ADD_PROTOCOL: MigrationStep = {
  from: 1,
  to: 2,
  description: 'Connections get a "protocol" field: "https" for sync calls, "amqp" otherwise',
  up: (doc) =>
    mapRecords(doc, 'connections', (c) => ({ ...c, protocol: c.mode === 'sync' ? 'https' : 'amqp' })),
};

class FaultlineDBv2 extends FaultlineDB {
  constructor(name: string, steps: readonly MigrationStep[] = [ADD_PROTOCOL]) {
    super(name);
    this.version(2)
      .stores({ connections: 'id, caseStudyId, diagramId, source, target, protocol' })
      .upgrade((tx) => migrateStoredData(tx, 1, 2, steps));
  }
}

describe('database upgrades', () => {
  it('the v1 fixture declares exactly the stores version 1 shipped with', () => {
    expect(FIXTURE_V1.stores).toEqual({ ...STORES_V1 });
    expect(Object.keys(FIXTURE_V1.stores).sort()).toEqual([...TABLE_NAMES].sort());
  });

  it('current code opens a version 1 database and every row validates', async () => {
    const db = track(await openUpgraded(FIXTURE_V1, (name) => new FaultlineDB(name)));
    expect(db.verno).toBe(1);
    const rows = await readAllRows(db);
    for (const kind of TABLE_NAMES) {
      expect(rows[kind]).toHaveLength(FIXTURE_V1.rows[kind]?.length ?? 0);
      for (const row of rows[kind] ?? []) expect(validateRecord(kind as RecordKind, row).ok).toBe(true);
    }
    const bundle = await new Repository(db).loadBundle('cs_fixture1');
    expect(bundle.problems).toEqual([]);
    expect(bundle.value?.caseStudy.title).toBe('Checkout at scale');
    expect(bundle.value?.components).toHaveLength(3);
  });

  it('a version 2 upgrade runs the shared migrate step on every row and adds its index', async () => {
    const db = track(await openUpgraded(FIXTURE_V1, (name) => new FaultlineDBv2(name)));
    expect(db.verno).toBe(2);
    const rows = await readAllRows(db);

    // The changed table is in the new shape…
    expect(rows.connections).toEqual([
      expect.objectContaining({ id: 'con_api_db', source: 'cmp_api', target: 'cmp_db', protocol: 'https' }),
      expect.objectContaining({ id: 'con_api_dlq', failurePath: true, protocol: 'amqp' }),
    ]);
    // …queryable by the new index…
    expect(await db.connections.where('protocol').equals('amqp').primaryKeys()).toEqual(['con_api_dlq']);
    // …and every other table is exactly as it was.
    for (const kind of TABLE_NAMES) {
      if (kind === 'connections') continue;
      const expected = [...(FIXTURE_V1.rows[kind] ?? [])].sort((a, b) =>
        String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)),
      );
      expect(rows[kind]).toEqual(expected);
    }
    // Old indexes still work.
    expect(await db.decisions.where('componentIds').equals('cmp_db').primaryKeys()).toEqual(['dec_pg']);
  });

  it('a failing upgrade step leaves the old data untouched', async () => {
    const name = uniqueDbName('upgrade-fail');
    await seedDatabase(name, FIXTURE_V1);
    const broken: MigrationStep = {
      ...ADD_PROTOCOL,
      up: () => {
        throw new Error('step exploded');
      },
    };
    const v2 = new FaultlineDBv2(name, [broken]);
    await expect(v2.open()).rejects.toThrow(/step exploded/);
    v2.close();

    const v1 = track(new FaultlineDB(name));
    await v1.open();
    expect(v1.verno).toBe(1);
    const rows = await readAllRows(v1);
    expect(rows.connections).toHaveLength(2);
    expect(rows.connections?.[0]).not.toHaveProperty('protocol');
  });

  it('an open tab on old code closes and asks to reload when another tab upgrades', async () => {
    const name = uniqueDbName('two-tabs');
    await seedDatabase(name, FIXTURE_V1);
    const onVersionChange = vi.fn();
    const flushed = vi.fn(async () => {});
    const oldTab = track(new FaultlineDB(name, { onVersionChange, beforeVersionChangeClose: flushed }));
    await oldTab.open();
    await oldTab.caseStudies.count();

    const newTab = track(new FaultlineDBv2(name));
    await newTab.open(); // blocked until the old tab closes, then upgrades
    expect(newTab.verno).toBe(2);
    expect(flushed).toHaveBeenCalledTimes(1);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(oldTab.closedForVersionChange).toBe(true);
    expect(oldTab.isOpen()).toBe(false);
    // The old tab does not silently re-open and write old-shaped rows.
    await expect(oldTab.caseStudies.count()).rejects.toThrow();
    const rows = await readAllRows(newTab);
    expect(rows.connections?.[0]).toHaveProperty('protocol');
  });
});
