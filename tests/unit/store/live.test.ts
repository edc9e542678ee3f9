import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBoundary, createComponent } from '../../../src/lib/model/factories';
import { emptyPatch } from '../../../src/lib/model/patch';
import type { FaultlineDB } from '../../../src/lib/store/db';
import type { Repository } from '../../../src/lib/store/repository';
import { collect, freshStore } from './helpers';
import { seedCaseStudy } from './seed';

let db: FaultlineDB;
let repo: Repository;
const unsubscribers: (() => void)[] = [];

beforeEach(async () => {
  ({ db, repo } = await freshStore());
});
afterEach(() => {
  for (const u of unsubscribers.splice(0)) u();
  db.close();
});

function watch<T>(obs: Parameters<typeof collect<T>>[0]) {
  const c = collect(obs);
  unsubscribers.push(c.unsubscribe);
  return c;
}

describe('live queries', () => {
  it('the case study list updates after a write, newest first', async () => {
    const list = watch(repo.watchCaseStudies());
    expect((await list.first()).value).toEqual([]);

    const { caseStudy: a } = await repo.createCaseStudy({ title: 'A', updatedAt: 1 });
    await list.until((l) => l.value.length === 1);
    const { caseStudy: b } = await repo.createCaseStudy({ title: 'B', updatedAt: 2 });
    const both = await list.until((l) => l.value.length === 2);
    expect(both.value.map((c) => c.id)).toEqual([b.id, a.id]);

    await repo.updateCaseStudy(a.id, { title: 'A2' }); // now the newest
    const reordered = await list.until((l) => l.value[0]?.title === 'A2');
    expect(reordered.value.map((c) => c.title)).toEqual(['A2', 'B']);
    expect(reordered.problems).toEqual([]);
  });

  it('a case study emits with its diagrams in tab order, and null once deleted', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy({ title: 'A' });
    const live = watch(repo.watchCaseStudy(caseStudy.id));
    expect((await live.first()).value).toEqual({ caseStudy, diagrams: [diagram] });

    const second = await repo.createDiagram(caseStudy.id, 'Second');
    await repo.updateDiagram(second.id, { order: -1 });
    const reordered = await live.until(
      (x) => x.value.diagrams.length === 2 && x.value.diagrams[0]?.id === second.id,
    );
    expect(reordered.value.diagrams.map((d) => d.name)).toEqual(['Second', 'System']);

    await repo.deleteCaseStudy(caseStudy.id);
    expect((await live.until((x) => x.value.caseStudy === null)).value.diagrams).toEqual([]);
  });

  it('a diagram emits after each patch, boundaries parents first', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const live = watch(repo.watchDiagram(diagram.id));
    expect((await live.first()).value).toEqual({ components: [], boundaries: [], connections: [] });

    const outer = createBoundary({
      caseStudyId: caseStudy.id,
      diagramId: diagram.id,
      kind: 'region',
      id: 'bnd_z',
    });
    const inner = createBoundary({
      caseStudyId: caseStudy.id,
      diagramId: diagram.id,
      kind: 'vpc',
      id: 'bnd_a',
      parentId: outer.id,
    });
    const cmp = createComponent({
      caseStudyId: caseStudy.id,
      diagramId: diagram.id,
      kind: 'service',
      parentId: inner.id,
    });
    const patch = emptyPatch();
    patch.put.boundaries.push(inner, outer); // ids sort child first in the index
    patch.put.components.push(cmp);
    const nextEmission = live.next();
    await repo.applyDiagramPatch(caseStudy.id, patch);
    const rows = await nextEmission;
    expect(rows.value.boundaries.map((b) => b.id)).toEqual(['bnd_z', 'bnd_a']);
    expect(rows.value.components.map((c) => c.id)).toEqual([cmp.id]);
  });

  it('decisions, metrics, tables and flows each have a live list', async () => {
    const s = await seedCaseStudy(repo);
    const decisions = watch(repo.watchRecords('decisions', s.caseStudy.id));
    const metrics = watch(repo.watchRecords('metrics', s.caseStudy.id));
    const tables = watch(repo.watchRecords('tables', s.caseStudy.id));
    const flows = watch(repo.watchRecords('flows', s.caseStudy.id));
    expect((await decisions.first()).value).toEqual([s.decision]);
    expect((await tables.first()).value).toEqual([s.table]);
    expect((await flows.first()).value).toEqual([s.flow]);
    expect((await metrics.first()).value).toEqual([s.metric]);

    await repo.putRecord('metrics', { ...s.metric, id: 'met_first', order: -5 });
    const two = await metrics.until((m) => m.value.length === 2);
    expect(two.value.map((m) => m.id)).toEqual(['met_first', s.metric.id]);
  });
});

describe('invalid stored rows', () => {
  it('are reported as problems while the rest still loads; reading never throws', async () => {
    const s = await seedCaseStudy(repo);
    // Rows written behind the repository's back (old code, a hand-edited database…).
    await db.caseStudies.put({ ...s.caseStudy, id: 'cs_broken', title: 42 } as never);
    await db.components.put({ ...s.api, id: 'cmp_broken', position: { x: 'left', y: 0 } } as never);
    await db.components.put({ id: 'cmp_junk', diagramId: s.diagram.id } as never);
    await db.connections.put({ ...s.apiToDb, id: 'con_broken', mode: 'telepathy' } as never);
    await db.diagrams.put({ id: 'dgm_broken', caseStudyId: s.caseStudy.id, name: null } as never);

    const list = await watch(repo.watchCaseStudies()).first();
    expect(list.value.map((c) => c.id)).toEqual([s.caseStudy.id]);
    expect(list.problems).toEqual([
      { table: 'caseStudies', id: 'cs_broken', issues: [expect.stringMatching(/^title: /)] },
    ]);

    const cs = await watch(repo.watchCaseStudy(s.caseStudy.id)).first();
    expect(cs.value.diagrams.map((d) => d.id)).toEqual([s.diagram.id, s.other.id]);
    expect(cs.problems.map((p) => `${p.table}/${p.id}`)).toEqual(['diagrams/dgm_broken']);

    const rows = await watch(repo.watchDiagram(s.diagram.id)).first();
    expect(rows.value.components.map((c) => c.id).sort()).toEqual([s.api.id, s.db.id, s.worker.id].sort());
    expect(rows.value.connections).toHaveLength(2);
    expect(rows.problems.map((p) => `${p.table}/${p.id}`).sort()).toEqual([
      'components/cmp_broken',
      'components/cmp_junk',
      'connections/con_broken',
    ]);
    const broken = rows.problems.find((p) => p.id === 'cmp_broken');
    expect(broken?.issues).toEqual([expect.stringMatching(/^position\.x: .*number/)]);

    const bundle = await repo.loadBundle(s.caseStudy.id);
    expect(bundle.value?.components).toHaveLength(4);
    expect(bundle.problems.map((p) => p.id).sort()).toEqual(['cmp_broken', 'con_broken', 'dgm_broken']);

    // An invalid case study row is reported, not returned.
    const gone = await repo.loadBundle('cs_broken');
    expect(gone.value).toBeNull();
    expect(gone.problems).toEqual([expect.objectContaining({ table: 'caseStudies', id: 'cs_broken' })]);
    const single = await watch(repo.watchCaseStudy('cs_broken')).first();
    expect(single.value.caseStudy).toBeNull();
    expect(single.problems).toHaveLength(1);

    // Duplicating skips the broken rows instead of failing.
    const copy = await repo.duplicateCaseStudy(s.caseStudy.id);
    const copied = await repo.loadBundle(copy.id);
    expect(copied.problems).toEqual([]);
    expect(copied.value?.components).toHaveLength(4);
  });
});
