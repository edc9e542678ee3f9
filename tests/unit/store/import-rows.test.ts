import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBoundary,
  createComponent,
  createConnection,
  createDiagram,
} from '../../../src/lib/model/factories';
import { emptyPatch } from '../../../src/lib/model/patch';
import type { FaultlineDB } from '../../../src/lib/store/db';
import type { Repository } from '../../../src/lib/store/repository';
import { collect, freshStore } from './helpers';

let db: FaultlineDB;
let repo: Repository;
const unsubscribe: (() => void)[] = [];

beforeEach(async () => {
  ({ db, repo } = await freshStore());
});
afterEach(() => {
  for (const u of unsubscribe.splice(0)) u();
  db.close();
});

function importedDiagram(caseStudyId: string) {
  const diagram = createDiagram({ caseStudyId, name: 'Imported' });
  const ids = { caseStudyId, diagramId: diagram.id };
  const zone = createBoundary({ ...ids, kind: 'availability-zone', label: 'AZ a' });
  const api = createComponent({ ...ids, kind: 'service', label: 'API', parentId: zone.id });
  const db = createComponent({ ...ids, kind: 'database', label: 'DB' });
  const link = createConnection({ ...ids, source: api.id, target: db.id });
  return { diagram, rows: { components: [api, db], boundaries: [zone], connections: [link] } };
}

describe('addDiagramWithRows (Mermaid import)', () => {
  it('adds the diagram as the last tab with all its rows', async () => {
    const { caseStudy } = await repo.createCaseStudy({ title: 'Shop' });
    const { diagram, rows } = importedDiagram(caseStudy.id);
    const stored = await repo.addDiagramWithRows(diagram, rows);
    expect(stored.order).toBe(1);
    const bundle = (await repo.loadBundle(caseStudy.id)).value!;
    expect(bundle.diagrams.map((d) => d.name)).toEqual(['System', 'Imported']);
    expect(bundle.components.map((c) => c.label).sort()).toEqual(['API', 'DB']);
    expect(bundle.boundaries).toHaveLength(1);
    expect(bundle.connections).toHaveLength(1);
  });

  it('writes nothing when a row is invalid or belongs elsewhere', async () => {
    const { caseStudy } = await repo.createCaseStudy({ title: 'Shop' });
    const bad = importedDiagram(caseStudy.id);
    (bad.rows.components[0] as { kind: string }).kind = 'toaster';
    await expect(repo.addDiagramWithRows(bad.diagram, bad.rows)).rejects.toThrow();
    const foreign = importedDiagram(caseStudy.id);
    foreign.rows.connections[0]!.diagramId = 'dgm_other';
    await expect(repo.addDiagramWithRows(foreign.diagram, foreign.rows)).rejects.toThrow(/does not belong/);
    const bundle = (await repo.loadBundle(caseStudy.id)).value!;
    expect(bundle.diagrams).toHaveLength(1);
    expect(bundle.components).toHaveLength(0);
  });
});

describe('watchBundle', () => {
  it('emits the whole case study again after any change', async () => {
    const { caseStudy, diagram } = await repo.createCaseStudy({ title: 'Shop' });
    const c = collect(repo.watchBundle(caseStudy.id));
    unsubscribe.push(c.unsubscribe);
    const first = await c.first();
    expect(first.value?.components).toHaveLength(0);
    const patch = emptyPatch();
    patch.put.components.push(
      createComponent({ caseStudyId: caseStudy.id, diagramId: diagram.id, kind: 'queue', label: 'Q' }),
    );
    await repo.applyDiagramPatch(caseStudy.id, patch);
    const next = await c.until((v) => (v.value?.components.length ?? 0) === 1);
    expect(next.value?.components[0]?.label).toBe('Q');
  });

  it('emits null for a case study that does not exist', async () => {
    const c = collect(repo.watchBundle('cs_missing'));
    unsubscribe.push(c.unsubscribe);
    expect((await c.first()).value).toBeNull();
  });
});
