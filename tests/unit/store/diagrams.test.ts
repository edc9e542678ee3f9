// Diagram tabs' store operations: duplicating a diagram with everything on it, and reordering.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createComponent, createConnection, setClock } from '../../../src/lib/model/factories';
import { emptyPatch } from '../../../src/lib/model/patch';
import type { Diagram } from '../../../src/lib/model/types';
import { TABLE_NAMES, type FaultlineDB } from '../../../src/lib/store/db';
import { InvalidRecordError, RecordNotFoundError } from '../../../src/lib/store/errors';
import { copyDiagramContents, type Repository } from '../../../src/lib/store/repository';
import { nextDiagramName } from '../../../src/lib/canvas/diagram-names';
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

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of TABLE_NAMES) out[name] = await db.table(name).orderBy('id').toArray();
  return out;
}

async function tabs(caseStudyId: string): Promise<string[]> {
  const rows = await db.diagrams.where('caseStudyId').equals(caseStudyId).toArray();
  return rows.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1)).map((d) => d.name);
}

describe('duplicateDiagram', () => {
  it('copies components, boundaries, connections and flows with fresh ids and remapped references', async () => {
    const s = await seedCaseStudy(repo);
    const before = await repo.loadBundle(s.caseStudy.id);
    clock += 100;
    const copy = await repo.duplicateDiagram(s.diagram.id);

    expect(copy).toMatchObject({
      caseStudyId: s.caseStudy.id,
      name: 'System (copy)',
      direction: s.diagram.direction,
      order: 1,
      updatedAt: clock,
    });
    expect(copy.id).toMatch(/^dgm_/);
    expect(copy.id).not.toBe(s.diagram.id);
    expect(await tabs(s.caseStudy.id)).toEqual(['System', 'System (copy)', 'Data']);
    expect((await db.caseStudies.get(s.caseStudy.id))?.updatedAt).toBe(clock);

    const components = await db.components.where('diagramId').equals(copy.id).toArray();
    const boundaries = await db.boundaries.where('diagramId').equals(copy.id).toArray();
    const connections = await db.connections.where('diagramId').equals(copy.id).toArray();
    const flows = await db.flows.where('diagramId').equals(copy.id).toArray();
    expect(components.map((c) => c.label).sort()).toEqual(['API', 'Orders DB', 'Worker']);
    expect(boundaries).toHaveLength(2);
    expect(connections).toHaveLength(2);
    expect(flows).toHaveLength(1);

    const originalIds = new Set(
      [s.api, s.db, s.worker, s.vpc, s.zone, s.apiToDb, s.workerToDb, s.flow].map((r) => r.id),
    );
    for (const row of [...components, ...boundaries, ...connections, ...flows]) {
      expect(originalIds.has(row.id)).toBe(false);
      expect(row).toMatchObject({ caseStudyId: s.caseStudy.id, diagramId: copy.id, updatedAt: clock });
    }

    const byLabel = (label: string) => components.find((c) => c.label === label)!;
    const vpc = boundaries.find((b) => b.kind === 'vpc')!;
    const zone = boundaries.find((b) => b.kind === 'availability-zone')!;
    expect(zone.parentId).toBe(vpc.id);
    expect(vpc.parentId).toBeNull();
    expect(byLabel('API')).toMatchObject({ parentId: zone.id, position: s.api.position });
    expect(byLabel('Orders DB').parentId).toBe(vpc.id);
    const insert = connections.find((c) => c.label === 'INSERT')!;
    expect(insert).toMatchObject({ source: byLabel('API').id, target: byLabel('Orders DB').id });
    expect(flows[0]!.id).not.toBe(s.flow.id);
    expect(flows[0]!.steps[0]).toMatchObject({
      fromId: byLabel('API').id,
      toId: byLabel('Orders DB').id,
      connectionId: insert.id,
    });
    expect(flows[0]!.steps[0]!.id).not.toBe(s.flow.steps[0]!.id);
    expect(flows[0]!.order).toBeGreaterThan(s.flow.order);

    // The original and everything else are untouched (apart from the case study's updatedAt).
    const after = await repo.loadBundle(s.caseStudy.id);
    const keep = (rows: { diagramId?: string }[]) => rows.filter((r) => r.diagramId !== copy.id);
    expect(keep(after.value!.components)).toEqual(before.value!.components);
    expect(keep(after.value!.boundaries)).toEqual(before.value!.boundaries);
    expect(keep(after.value!.connections)).toEqual(before.value!.connections);
    expect(keep(after.value!.flows)).toEqual(before.value!.flows);
    expect(after.value!.decisions).toEqual(before.value!.decisions);
  });

  it('names copies uniquely, takes an explicit name, and places the copy right after the original', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const second = await repo.createDiagram(caseStudy.id, 'Data flow');
    const third = await repo.createDiagram(caseStudy.id, 'Deploy');
    await repo.updateDiagram(third.id, { order: 7 }); // a gap: it need not move

    const a = await repo.duplicateDiagram(diagram.id);
    const b = await repo.duplicateDiagram(diagram.id);
    const c = await repo.duplicateDiagram(second.id, 'Data flow v2');
    expect([a.name, b.name, c.name]).toEqual(['System (copy)', 'System (copy 2)', 'Data flow v2']);
    expect(await tabs(caseStudy.id)).toEqual([
      'System',
      'System (copy 2)',
      'System (copy)',
      'Data flow',
      'Data flow v2',
      'Deploy',
    ]);
    expect((await db.diagrams.get(third.id))?.order).toBe(7);
    // The copy of an empty diagram is empty.
    expect(await db.components.where('diagramId').equals(a.id).count()).toBe(0);
  });

  it('keeps a copy of a diagram whose neighbour shares its order right after it', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const tie = await repo.createDiagram(caseStudy.id, 'Tie');
    await repo.updateDiagram(tie.id, { order: diagram.order });
    const first = (await tabs(caseStudy.id))[0] === 'System' ? diagram : tie;
    const copy = await repo.duplicateDiagram(first.id);
    const names = await tabs(caseStudy.id);
    expect(names.indexOf(copy.name)).toBe(names.indexOf(first.name) + 1);
    expect(names).toHaveLength(3);
  });

  it('remaps a dead-letter target on the diagram and leaves out connections to nodes that are not copied', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const cs = caseStudy.id;
    const d = diagram.id;
    const dlq = createComponent({ caseStudyId: cs, diagramId: d, kind: 'dead-letter-queue' });
    const queue = createComponent({
      caseStudyId: cs,
      diagramId: d,
      kind: 'queue',
      policies: { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } },
    });
    const toDlq = createConnection({ caseStudyId: cs, diagramId: d, source: queue.id, target: dlq.id });
    const dangling = createConnection({
      caseStudyId: cs,
      diagramId: d,
      source: queue.id,
      target: 'cmp_gone',
    });
    const patch = emptyPatch();
    patch.put.components.push(dlq, queue);
    patch.put.connections.push(toDlq);
    await repo.applyDiagramPatch(cs, patch);
    await db.connections.add(dangling); // as left by old code or another tab

    const copy = await repo.duplicateDiagram(d);
    const rows = await db.components.where('diagramId').equals(copy.id).toArray();
    const copiedQueue = rows.find((c) => c.kind === 'queue')!;
    const copiedDlq = rows.find((c) => c.kind === 'dead-letter-queue')!;
    expect(copiedQueue.policies.deadLetter).toEqual({ targetId: copiedDlq.id, maxDeliveries: 5 });
    const connections = await db.connections.where('diagramId').equals(copy.id).toArray();
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ source: copiedQueue.id, target: copiedDlq.id });
  });

  it('skips rows that fail validation and still copies the rest', async () => {
    const s = await seedCaseStudy(repo);
    await db.components.update(s.worker.id, { position: { x: 'left', y: 0 } as never });
    const copy = await repo.duplicateDiagram(s.diagram.id);
    const labels = (await db.components.where('diagramId').equals(copy.id).toArray()).map((c) => c.label);
    expect(labels.sort()).toEqual(['API', 'Orders DB']);
    // The worker's connection has lost an end and is not copied.
    expect(await db.connections.where('diagramId').equals(copy.id).count()).toBe(1);
  });

  it('writes nothing for a missing diagram or an invalid name', async () => {
    const s = await seedCaseStudy(repo);
    const before = await snapshot();
    await expect(repo.duplicateDiagram('dgm_missing')).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(repo.duplicateDiagram(s.diagram.id, 42 as never)).rejects.toBeInstanceOf(InvalidRecordError);
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back completely when a write fails half-way', async () => {
    const s = await seedCaseStudy(repo);
    const before = await snapshot();
    const original = db.flows.bulkAdd.bind(db.flows);
    db.flows.bulkAdd = (() =>
      Promise.reject(new Error('disk on fire'))) as unknown as typeof db.flows.bulkAdd;
    try {
      await expect(repo.duplicateDiagram(s.diagram.id)).rejects.toThrow(/disk on fire/);
    } finally {
      db.flows.bulkAdd = original;
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('copyDiagramContents', () => {
  it('is pure: the input rows are not changed and a parent outside the copy is cleared', () => {
    const cs = 'cs_x';
    const api = createComponent({
      caseStudyId: cs,
      diagramId: 'dgm_a',
      kind: 'service',
      parentId: 'bnd_elsewhere',
    });
    const input = { components: [api], boundaries: [], connections: [], flows: [] };
    const frozen = structuredClone(input);
    const out = copyDiagramContents(input, 'dgm_b', 5);
    expect(input).toEqual(frozen);
    expect(out.components[0]).toMatchObject({ diagramId: 'dgm_b', parentId: null, updatedAt: 5 });
    expect(out.components[0]!.id).not.toBe(api.id);
  });
});

describe('reorderDiagrams', () => {
  async function threeTabs(): Promise<{ caseStudyId: string; ids: Diagram[] }> {
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const b = await repo.createDiagram(caseStudy.id, 'B');
    const c = await repo.createDiagram(caseStudy.id, 'C');
    return { caseStudyId: caseStudy.id, ids: [diagram, b, c] };
  }

  it('writes order 0, 1, 2… in the given order, only for diagrams that moved, and bumps the case study', async () => {
    const { caseStudyId, ids } = await threeTabs();
    const [a, b, c] = ids as [Diagram, Diagram, Diagram];
    clock += 50;
    await repo.reorderDiagrams(caseStudyId, [b.id, a.id, c.id]);
    expect(await tabs(caseStudyId)).toEqual(['B', 'System', 'C']);
    expect(await db.diagrams.get(b.id)).toMatchObject({ order: 0, updatedAt: clock });
    expect(await db.diagrams.get(a.id)).toMatchObject({ order: 1, updatedAt: clock });
    expect(await db.diagrams.get(c.id)).toEqual(c);
    expect((await db.caseStudies.get(caseStudyId))?.updatedAt).toBe(clock);
  });

  it('puts unlisted diagrams after the listed ones and ignores foreign ids', async () => {
    const { caseStudyId, ids } = await threeTabs();
    const [, , c] = ids as [Diagram, Diagram, Diagram];
    const other = await repo.createCaseStudy();
    await repo.reorderDiagrams(caseStudyId, [c.id, other.diagram.id, 'dgm_missing']);
    expect(await tabs(caseStudyId)).toEqual(['C', 'System', 'B']);
    expect(await db.diagrams.get(other.diagram.id)).toEqual(other.diagram);
  });

  it('an unchanged order writes nothing', async () => {
    const { caseStudyId, ids } = await threeTabs();
    const before = await snapshot();
    clock += 50;
    await repo.reorderDiagrams(
      caseStudyId,
      ids.map((d) => d.id),
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('nextDiagramName', () => {
  it('numbers from the tab the new diagram becomes and skips names in use', () => {
    expect(nextDiagramName(['System'])).toBe('Diagram 2');
    expect(nextDiagramName(['System', 'Data flow'])).toBe('Diagram 3');
    expect(nextDiagramName(['System', 'diagram 2 '])).toBe('Diagram 3');
    expect(nextDiagramName(['Diagram 3', 'Diagram 4', 'Diagram 6'])).toBe('Diagram 5');
    expect(nextDiagramName([])).toBe('Diagram 1');
  });
});
