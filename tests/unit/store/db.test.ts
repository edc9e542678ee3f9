import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { createTable } from '../../../src/lib/model/factories';
import { DB_VERSION, FaultlineDB, openDatabase, STORES_V1, TABLE_NAMES } from '../../../src/lib/store/db';
import { sleep, uniqueDbName } from './helpers';

describe('FaultlineDB', () => {
  it('opens with one table per record kind, keyed by id and indexed by parent ids', async () => {
    const db = openDatabase(uniqueDbName());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
    for (const t of db.tables) {
      expect(t.schema.primKey.name).toBe('id');
      expect(t.schema.primKey.auto).toBe(false);
    }
    const indexes = (name: string) =>
      db.table(name).schema.indexes.map((i) => (i.multi ? `*${i.name}` : i.name));
    expect(indexes('connections')).toEqual(['caseStudyId', 'diagramId', 'source', 'target']);
    expect(indexes('decisions')).toEqual(['caseStudyId', '*componentIds', '*connectionIds']);
    expect(Object.keys(STORES_V1).sort()).toEqual([...TABLE_NAMES].sort());
    db.close();
  });

  it('reaches the trade-off tables store as tradeOffTables (Dexie owns db.tables)', async () => {
    const db = openDatabase(uniqueDbName());
    const table = createTable({ caseStudyId: 'cs_x', kind: 'custom' });
    await db.tradeOffTables.put(table);
    expect(await db.table('tables').get(table.id)).toEqual(table);
    expect(Array.isArray(db.tables)).toBe(true);
    db.close();
  });

  it('closes and reports when another tab deletes the database', async () => {
    const name = uniqueDbName();
    const onVersionChange = vi.fn();
    const db = openDatabase(name, { onVersionChange });
    await db.open();
    await Dexie.delete(name);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(onVersionChange.mock.calls[0]?.[0]).toMatchObject({ newVersion: null });
    expect(db.isOpen()).toBe(false);
  });

  it('does not let a hanging flush block another tab’s upgrade', async () => {
    const name = uniqueDbName();
    const onVersionChange = vi.fn();
    const db = new FaultlineDB(name, {
      onVersionChange,
      beforeVersionChangeClose: () => new Promise(() => {}),
      beforeCloseTimeoutMs: 50,
    });
    await db.open();
    const started = performance.now();
    const newer = new Dexie(name);
    newer.version(2).stores({ ...STORES_V1 });
    await newer.open();
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    await sleep(0);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    newer.close();
  });
});
