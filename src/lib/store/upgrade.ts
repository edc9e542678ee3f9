/**
 * Dexie upgrades that reuse the shared, tested `migrate` steps (src/lib/model/migrate.ts),
 * so stored data and backup files of the same version always have the same shape.
 *
 * Use it in a version's upgrade function (see db.ts and docs/store.md):
 *
 *   this.version(2).stores({ … }).upgrade((tx) => migrateStoredData(tx, 1, 2));
 *
 * It reads every row, groups them per case study into a backup-shaped document
 * ({ format, version, caseStudy, diagrams, components, … }), runs the steps from
 * `fromVersion` to `toVersion` on each document and writes the result back, all inside
 * Dexie's upgrade transaction: if a step throws, the upgrade aborts and the old data stays
 * as it was (the app then reports that the database could not be opened).
 * The whole database is held in memory once during the upgrade.
 */
import type { Transaction } from 'dexie';
import { BACKUP_FORMAT } from '../model/backup';
import { MIGRATIONS, migrate, type MigrationStep } from '../model/migrate';

type PlainObject = Record<string, unknown>;

function isPlainObject(x: unknown): x is PlainObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export async function migrateStoredData(
  tx: Transaction,
  fromVersion: number,
  toVersion: number,
  steps: readonly MigrationStep[] = MIGRATIONS,
): Promise<void> {
  const chain = steps.filter((s) => s.from >= fromVersion && s.to <= toVersion);
  if (chain.length === 0) return;
  const storeNames = [...tx.storeNames];
  const childStores = storeNames.filter((n) => n !== 'caseStudies');

  // Group every row by its case study; rows of a missing case study form a document
  // without `caseStudy` (steps must tolerate that, as mapRecords does).
  const docs = new Map<string, PlainObject>();
  const docFor = (caseStudyId: string): PlainObject => {
    let doc = docs.get(caseStudyId);
    if (!doc) {
      doc = { format: BACKUP_FORMAT, version: fromVersion };
      for (const name of childStores) doc[name] = [];
      docs.set(caseStudyId, doc);
    }
    return doc;
  };
  if (storeNames.includes('caseStudies')) {
    for (const cs of (await tx.table('caseStudies').toArray()) as unknown[]) {
      const id = isPlainObject(cs) && typeof cs.id === 'string' ? cs.id : '';
      docFor(id).caseStudy = cs;
    }
  }
  for (const name of childStores) {
    for (const row of (await tx.table(name).toArray()) as unknown[]) {
      const owner = isPlainObject(row) && typeof row.caseStudyId === 'string' ? row.caseStudyId : '';
      (docFor(owner)[name] as unknown[]).push(row);
    }
  }

  const out = new Map<string, unknown[]>(storeNames.map((n) => [n, []]));
  for (const doc of docs.values()) {
    const next = migrate(doc, fromVersion, chain);
    if (!isPlainObject(next))
      throw new Error(`Upgrade ${fromVersion}→${toVersion} did not return a document`);
    if ('caseStudy' in next && next.caseStudy !== undefined) out.get('caseStudies')?.push(next.caseStudy);
    for (const name of childStores) {
      const rows = next[name];
      if (Array.isArray(rows)) out.get(name)?.push(...(rows as unknown[]));
    }
  }

  for (const name of storeNames) {
    const table = tx.table(name);
    await table.clear();
    const rows = out.get(name) ?? [];
    if (rows.length > 0) await table.bulkPut(rows);
  }
}
