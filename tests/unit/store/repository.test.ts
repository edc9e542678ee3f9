import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createComponent,
  createConnection,
  createDecision,
  setClock,
} from '../../../src/lib/model/factories';
import { emptyPatch } from '../../../src/lib/model/patch';
import { TABLE_NAMES, type FaultlineDB } from '../../../src/lib/store/db';
import { InvalidRecordError, RecordNotFoundError } from '../../../src/lib/store/errors';
import type { Repository } from '../../../src/lib/store/repository';
import { freshStore } from './helpers';
import { seedCaseStudy } from './seed';

let db: FaultlineDB;
let repo: Repository;
let clock = 1_000_000;
let restoreClock: () => void;

beforeEach(async () => {
  clock = 1_000_000;
  restoreClock = setClock(() => clock);
  ({ db, repo } = await freshStore());
});
afterEach(() => {
  restoreClock();
  db.close();
});

/** Rows of every table, by table, for "nothing changed" assertions. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of TABLE_NAMES) out[name] = await db.table(name).orderBy('id').toArray();
  return out;
}

async function countFor(caseStudyId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of TABLE_NAMES) {
    out[name] =
      name === 'caseStudies'
        ? await db.caseStudies.where('id').equals(caseStudyId).count()
        : await db.table(name).where('caseStudyId').equals(caseStudyId).count();
  }
  return out;
}

describe('case studies', () => {
  it('creating one gives it a single "System" diagram', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy({ title: 'Payments' });
    expect(caseStudy.id).toMatch(/^cs_/);
    expect(caseStudy).toMatchObject({ title: 'Payments', createdAt: clock, updatedAt: clock });
    expect(diagram).toMatchObject({ caseStudyId: caseStudy.id, name: 'System', order: 0 });
    expect(await db.caseStudies.get(caseStudy.id)).toEqual(caseStudy);
    expect(await db.diagrams.where('caseStudyId').equals(caseStudy.id).toArray()).toEqual([diagram]);
  });

  it('updating changes only the given fields and bumps updatedAt', async () => {
    const { caseStudy } = await repo.createCaseStudy({ title: 'Draft' });
    clock += 500;
    const updated = await repo.updateCaseStudy(caseStudy.id, {
      title: 'Final',
      oneLiner: 'Faster checkout',
      role: undefined,
    });
    expect(updated).toEqual({ ...caseStudy, title: 'Final', oneLiner: 'Faster checkout', updatedAt: clock });
    expect(await db.caseStudies.get(caseStudy.id)).toEqual(updated);
  });

  it('updating with invalid data or a missing id writes nothing', async () => {
    const { caseStudy } = await repo.createCaseStudy({ title: 'Draft' });
    const before = await snapshot();
    await expect(
      repo.updateCaseStudy(caseStudy.id, { template: 'nope' as never, technologies: 'x' as never }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(repo.updateCaseStudy('cs_missing', { title: 'x' })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('deleting a case study removes every child in every table and nothing else', async () => {
    const keep = await seedCaseStudy(repo, 'Keep me');
    const gone = await seedCaseStudy(repo, 'Delete me');
    const goneCounts = await countFor(gone.caseStudy.id);
    for (const name of TABLE_NAMES) expect(goneCounts[name], name).toBeGreaterThan(0);
    const keepBefore = await repo.loadBundle(keep.caseStudy.id);

    await repo.deleteCaseStudy(gone.caseStudy.id);

    const after = await countFor(gone.caseStudy.id);
    for (const name of TABLE_NAMES) expect(after[name], name).toBe(0);
    expect(await repo.loadBundle(keep.caseStudy.id)).toEqual(keepBefore);
    await repo.deleteCaseStudy(gone.caseStudy.id); // again: no-op
  });

  it('loadBundle returns everything of one case study, boundaries parents first', async () => {
    const s = await seedCaseStudy(repo);
    await seedCaseStudy(repo, 'Another');
    const { value, problems } = await repo.loadBundle(s.caseStudy.id);
    expect(problems).toEqual([]);
    expect(value?.caseStudy.id).toBe(s.caseStudy.id);
    expect(value?.diagrams.map((d) => d.name)).toEqual(['System', 'Data']);
    expect(value?.boundaries.map((b) => b.id)).toEqual([s.vpc.id, s.zone.id]);
    expect(value?.components).toHaveLength(4);
    expect(value?.connections).toHaveLength(2);
    expect(value?.decisions).toEqual([s.decision]);
    expect(value?.tables).toEqual([s.table]);
    expect(value?.metrics).toEqual([s.metric]);
    expect(value?.flows).toEqual([s.flow]);
    expect(await repo.loadBundle('cs_missing')).toEqual({ value: null, problems: [] });
  });
});

describe('duplicate and import', () => {
  it('duplicating copies everything with fresh ids and rewired references', async () => {
    const s = await seedCaseStudy(repo);
    const original = await repo.loadBundle(s.caseStudy.id);
    clock += 1000;
    const copy = await repo.duplicateCaseStudy(s.caseStudy.id);
    expect(copy.title).toBe('Checkout at scale (copy)');
    expect(copy.id).not.toBe(s.caseStudy.id);

    const { value: b } = await repo.loadBundle(copy.id);
    if (!b) throw new Error('copy missing');
    const oldIds = new Set(
      TABLE_NAMES.flatMap((n) =>
        n === 'caseStudies' ? [s.caseStudy.id] : (original.value?.[n] ?? []).map((r) => r.id),
      ),
    );
    const newRows = TABLE_NAMES.flatMap((n): { id: string }[] =>
      n === 'caseStudies' ? [b.caseStudy] : b[n],
    );
    expect(newRows).toHaveLength(oldIds.size);
    for (const row of newRows) expect(oldIds.has(row.id)).toBe(false);
    const componentIds = new Set(b.components.map((c) => c.id));
    const connectionIds = new Set(b.connections.map((c) => c.id));
    for (const c of b.connections) {
      expect(componentIds.has(c.source)).toBe(true);
      expect(componentIds.has(c.target)).toBe(true);
    }
    expect(b.decisions[0]?.componentIds.every((id) => componentIds.has(id))).toBe(true);
    expect(b.decisions[0]?.connectionIds.every((id) => connectionIds.has(id))).toBe(true);
    // The original is untouched.
    expect(await repo.loadBundle(s.caseStudy.id)).toEqual(original);
    // A second copy gets a title of its own.
    expect((await repo.duplicateCaseStudy(s.caseStudy.id)).title).toBe('Checkout at scale (copy 2)');
    await expect(repo.duplicateCaseStudy('cs_missing')).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('importing the same bundle twice gives two new case studies, never an overwrite', async () => {
    const s = await seedCaseStudy(repo);
    const { value: bundle } = await repo.loadBundle(s.caseStudy.id);
    if (!bundle) throw new Error('bundle missing');

    const first = await repo.importBundle(bundle);
    const second = await repo.importBundle(bundle);
    const named = await repo.importBundle(bundle, { title: 'Brand new' });
    expect(new Set([s.caseStudy.id, first.id, second.id, named.id]).size).toBe(4);
    expect(first.title).toBe('Checkout at scale (imported)');
    expect(second.title).toBe('Checkout at scale (imported 2)');
    expect(named.title).toBe('Brand new');
    expect(await db.caseStudies.count()).toBe(4);
    expect(await db.components.count()).toBe(16);
    // The original's rows are untouched.
    expect(await repo.loadBundle(s.caseStudy.id)).toEqual({ value: bundle, problems: [] });
    // Into an empty database the title stays as it was.
    await repo.deleteCaseStudy(s.caseStudy.id);
    await repo.deleteCaseStudy(first.id);
    await repo.deleteCaseStudy(second.id);
    expect((await repo.importBundle(bundle)).title).toBe('Checkout at scale');
  });

  it('importing a bundle with an invalid record writes nothing', async () => {
    const s = await seedCaseStudy(repo);
    const { value: bundle } = await repo.loadBundle(s.caseStudy.id);
    if (!bundle) throw new Error('bundle missing');
    const before = await snapshot();
    const bad = {
      ...bundle,
      components: [...bundle.components, { ...bundle.components[0], position: { x: 'a' } }],
    };
    const error = await repo.importBundle(bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as InvalidRecordError).problems[0]?.issues[0]).toMatch(/^position\.x: /);
    expect(await snapshot()).toEqual(before);
  });
});

describe('diagrams', () => {
  it('create, rename and reorder; each bumps the case study', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy();
    clock += 10;
    const second = await repo.createDiagram(caseStudy.id, 'Data flow');
    expect(second).toMatchObject({
      caseStudyId: caseStudy.id,
      name: 'Data flow',
      order: 1,
      updatedAt: clock,
    });
    expect((await db.caseStudies.get(caseStudy.id))?.updatedAt).toBe(clock);

    clock += 10;
    const renamed = await repo.updateDiagram(diagram.id, { name: 'Overview', order: 5, direction: 'TB' });
    expect(renamed).toEqual({ ...diagram, name: 'Overview', order: 5, direction: 'TB', updatedAt: clock });
    expect((await db.caseStudies.get(caseStudy.id))?.updatedAt).toBe(clock);
    expect((await repo.createDiagram(caseStudy.id, 'Third')).order).toBe(6);

    await expect(repo.createDiagram('cs_missing', 'x')).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(repo.updateDiagram('dgm_missing', { name: 'x' })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    await expect(repo.updateDiagram(diagram.id, { direction: 'diagonal' as never })).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
  });

  it('deleting a diagram removes its rows and flows and unlinks decisions, leaving the other diagram alone', async () => {
    const s = await seedCaseStudy(repo);
    clock += 100;
    await repo.deleteDiagram(s.diagram.id);

    expect(await db.diagrams.get(s.diagram.id)).toBeUndefined();
    expect(await db.components.where('diagramId').equals(s.diagram.id).count()).toBe(0);
    expect(await db.boundaries.where('diagramId').equals(s.diagram.id).count()).toBe(0);
    expect(await db.connections.where('diagramId').equals(s.diagram.id).count()).toBe(0);
    expect(await db.flows.where('diagramId').equals(s.diagram.id).count()).toBe(0);
    expect(await db.components.get(s.elsewhere.id)).toEqual(s.elsewhere);
    expect(await db.diagrams.get(s.other.id)).toEqual(s.other);

    const decision = await db.decisions.get(s.decision.id);
    expect(decision).toMatchObject({ componentIds: [s.elsewhere.id], connectionIds: [], updatedAt: clock });
    expect((await db.caseStudies.get(s.caseStudy.id))?.updatedAt).toBe(clock);
    await repo.deleteDiagram(s.diagram.id); // again: no-op
  });

  it('saving the viewport does not count as an edit', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy();
    clock += 1000;
    await repo.saveViewport(diagram.id, { x: 12, y: -4, zoom: 1.25 });
    expect(await db.diagrams.get(diagram.id)).toEqual({ ...diagram, viewport: { x: 12, y: -4, zoom: 1.25 } });
    expect((await db.caseStudies.get(caseStudy.id))?.updatedAt).toBe(caseStudy.updatedAt);
    await expect(repo.saveViewport(diagram.id, { x: Number.NaN, y: 0, zoom: 1 })).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
    await repo.saveViewport('dgm_missing', { x: 0, y: 0, zoom: 1 }); // no-op
  });
});

describe('applyDiagramPatch', () => {
  it('writes only the rows in the patch, stamping them and the case study', async () => {
    const s = await seedCaseStudy(repo);
    const before = await snapshot();
    clock += 1000;
    const patch = emptyPatch();
    const moved = { ...s.api, position: { x: 99, y: 98 } };
    const added = createComponent({ caseStudyId: s.caseStudy.id, diagramId: s.diagram.id, kind: 'cache' });
    patch.put.components.push(moved, added);
    await repo.applyDiagramPatch(s.caseStudy.id, patch);

    const after = await snapshot();
    expect(await db.components.get(s.api.id)).toEqual({ ...moved, updatedAt: clock });
    expect(await db.components.get(added.id)).toEqual({ ...added, updatedAt: clock });
    // Every other row is byte-for-byte what it was.
    const untouched = (rows: unknown[] | undefined) =>
      (rows ?? []).filter((r) => ![s.api.id, added.id, s.caseStudy.id].includes((r as { id: string }).id));
    for (const name of TABLE_NAMES) expect(untouched(after[name]), name).toEqual(untouched(before[name]));
    expect((await db.caseStudies.get(s.caseStudy.id))?.updatedAt).toBe(clock);
  });

  it('deleting a component deletes every connection touching it and unlinks decisions', async () => {
    const s = await seedCaseStudy(repo);
    clock += 1000;
    const patch = emptyPatch();
    patch.delete.components.push(s.db.id); // its two connections are NOT in the patch
    await repo.applyDiagramPatch(s.caseStudy.id, patch);

    expect(await db.components.get(s.db.id)).toBeUndefined();
    expect(await db.connections.bulkGet([s.apiToDb.id, s.workerToDb.id])).toEqual([undefined, undefined]);
    expect(await db.components.get(s.api.id)).toEqual(s.api);
    expect(await db.decisions.get(s.decision.id)).toEqual({
      ...s.decision,
      componentIds: [s.api.id, s.elsewhere.id],
      connectionIds: [],
      updatedAt: clock,
    });
  });

  it('deleting a big selection deletes every connection touching it', async () => {
    const s = await seedCaseStudy(repo);
    const cs = s.caseStudy.id;
    const d = s.diagram.id;
    const many = Array.from({ length: 12 }, (_, i) =>
      createComponent({ caseStudyId: cs, diagramId: d, kind: 'service', label: `svc ${i}` }),
    );
    const links = many.map((c, i) =>
      createConnection({
        caseStudyId: cs,
        diagramId: d,
        source: i % 2 ? c.id : s.worker.id,
        target: i % 2 ? s.api.id : c.id,
      }),
    );
    const put = emptyPatch();
    put.put.components.push(...many);
    put.put.connections.push(...links);
    await repo.applyDiagramPatch(cs, put);

    const del = emptyPatch();
    del.delete.components.push(...many.map((c) => c.id), s.db.id);
    await repo.applyDiagramPatch(cs, del);
    expect(await db.connections.where('diagramId').equals(d).count()).toBe(0);
    expect(await db.components.where('diagramId').equals(d).primaryKeys()).toEqual(
      [s.api.id, s.worker.id].sort(),
    );
    expect((await db.decisions.get(s.decision.id))?.connectionIds).toEqual([]);
  });

  it('deleting a connection unlinks it from decisions', async () => {
    const s = await seedCaseStudy(repo);
    const patch = emptyPatch();
    patch.delete.connections.push(s.workerToDb.id);
    await repo.applyDiagramPatch(s.caseStudy.id, patch);
    expect(await db.connections.get(s.apiToDb.id)).toEqual(s.apiToDb);
    expect((await db.decisions.get(s.decision.id))?.connectionIds).toEqual([s.apiToDb.id]);
  });

  it('deleting a boundary drops connections to it and lifts children it leaves behind', async () => {
    const s = await seedCaseStudy(repo);
    const toZone = createConnection({
      caseStudyId: s.caseStudy.id,
      diagramId: s.diagram.id,
      source: s.worker.id,
      target: s.zone.id,
    });
    const put = emptyPatch();
    put.put.connections.push(toZone);
    await repo.applyDiagramPatch(s.caseStudy.id, put);

    clock += 1000;
    const patch = emptyPatch();
    patch.delete.boundaries.push(s.vpc.id, s.zone.id);
    await repo.applyDiagramPatch(s.caseStudy.id, patch);

    expect(await db.connections.get(toZone.id)).toBeUndefined();
    expect(await db.connections.get(s.apiToDb.id)).toEqual(s.apiToDb);
    // api sat at (5,6) in zone (20,30) in vpc (100,50): it stays where it was on the canvas.
    expect(await db.components.get(s.api.id)).toMatchObject({
      parentId: null,
      position: { x: 125, y: 86 },
      updatedAt: clock,
    });
    expect(await db.components.get(s.db.id)).toMatchObject({ parentId: null, position: { x: 100, y: 50 } });
    expect(await db.components.get(s.worker.id)).toEqual(s.worker);
  });

  it('a row both put and deleted is kept; rows of another case study are refused', async () => {
    const s = await seedCaseStudy(repo);
    const patch = emptyPatch();
    patch.delete.components.push(s.api.id);
    patch.put.components.push({ ...s.api, label: 'Kept' });
    await repo.applyDiagramPatch(s.caseStudy.id, patch);
    expect((await db.components.get(s.api.id))?.label).toBe('Kept');
    expect(await db.connections.get(s.apiToDb.id)).toBeDefined();

    const other = await repo.createCaseStudy();
    const before = await snapshot();
    const foreign = emptyPatch();
    foreign.put.components.push({ ...s.worker, label: 'Moved?' });
    await expect(repo.applyDiagramPatch(other.caseStudy.id, foreign)).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
    const missing = emptyPatch();
    missing.delete.components.push(s.worker.id);
    await expect(repo.applyDiagramPatch('cs_missing', missing)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await snapshot()).toEqual(before);
  });

  it('a write that fails half-way rolls back completely', async () => {
    const s = await seedCaseStudy(repo);
    const before = await snapshot();
    // Let the component writes and deletes go through, then fail on the connection put.
    const fail = () => {
      throw new Error('disk on fire');
    };
    db.connections.hook('creating', fail);
    db.connections.hook('updating', fail);
    clock += 1000;
    const patch = emptyPatch();
    patch.delete.components.push(s.worker.id);
    patch.put.components.push({ ...s.api, label: 'Changed' });
    patch.put.connections.push({ ...s.apiToDb, label: 'Changed' });
    await expect(repo.applyDiagramPatch(s.caseStudy.id, patch)).rejects.toThrow(/disk on fire/);
    db.connections.hook('creating').unsubscribe(fail);
    db.connections.hook('updating').unsubscribe(fail);
    expect(await snapshot()).toEqual(before);
  });

  it('a Dexie transaction that throws after writing leaves nothing behind', async () => {
    const s = await seedCaseStudy(repo);
    const before = await snapshot();
    await expect(
      db.transaction('rw', db.components, db.connections, async () => {
        await db.components.bulkPut([{ ...s.api, label: 'half' }]);
        await db.connections.bulkDelete([s.apiToDb.id]);
        throw new Error('half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await snapshot()).toEqual(before);
  });
});

describe('decisions, tables, metrics and flows', () => {
  it('put, read in order, update and delete each kind', async () => {
    const s = await seedCaseStudy(repo);
    clock += 10;
    const d2 = await repo.putRecord(
      'decisions',
      createDecision({ caseStudyId: s.caseStudy.id, number: 2, title: 'Kafka', supersedes: s.decision.id }),
    );
    expect(d2.updatedAt).toBe(clock);
    expect((await db.caseStudies.get(s.caseStudy.id))?.updatedAt).toBe(clock);
    await repo.putRecord('decisions', { ...s.decision, status: 'superseded', supersededBy: d2.id });

    const metric2 = await repo.putRecord('metrics', {
      ...s.metric,
      id: 'met_second',
      order: -1,
      name: 'Errors',
    });
    const [table] = await repo.putRecords('tables', [{ ...s.table, title: 'Stack' }]);
    expect(table?.title).toBe('Stack');
    expect(await db.tradeOffTables.get(s.table.id)).toEqual(table);
    const flow = await repo.putRecord('flows', { ...s.flow, name: 'Renamed' });
    expect(await db.flows.get(s.flow.id)).toEqual(flow);
    expect(
      (await db.metrics.where('caseStudyId').equals(s.caseStudy.id).sortBy('order')).map((m) => m.id),
    ).toEqual([metric2.id, s.metric.id]);

    await expect(repo.putRecord('metrics', { ...s.metric, before: 'fast' as never })).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
    await expect(
      repo.putRecord('metrics', { ...s.metric, caseStudyId: 'cs_missing' }),
    ).rejects.toBeInstanceOf(RecordNotFoundError);

    // Deleting a decision clears the links other decisions had to it.
    await repo.deleteRecord('decisions', d2.id);
    expect(await db.decisions.get(d2.id)).toBeUndefined();
    expect(await db.decisions.get(s.decision.id)).toMatchObject({ supersededBy: null });

    for (const [kind, id] of [
      ['tables', s.table.id],
      ['metrics', s.metric.id],
      ['flows', s.flow.id],
    ] as const) {
      await repo.deleteRecord(kind, id);
      expect(await db.table(kind).get(id), kind).toBeUndefined();
      await repo.deleteRecord(kind, id); // again: no-op
    }
    expect(await db.metrics.get(metric2.id)).toEqual(metric2);
  });
});
