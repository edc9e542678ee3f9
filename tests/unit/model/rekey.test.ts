import { describe, expect, it } from 'vitest';
import { idKindOf, rekeyBundle, validateRecord, type CaseStudyBundle } from '../../../src/lib/model';
import {
  componentByLabel,
  connectionByLabel,
  decisionByNumber,
  flowByKind,
  sampleBundle,
  tableByKind,
} from '../../fixtures/sample-bundle';

/** Every id a bundle defines (records and nested items). */
function definedIds(b: CaseStudyBundle): string[] {
  const cs = b.caseStudy;
  return [
    cs.id,
    ...cs.goals.map((g) => g.id),
    ...cs.nonGoals.map((g) => g.id),
    ...b.diagrams.map((x) => x.id),
    ...b.components.map((x) => x.id),
    ...b.boundaries.map((x) => x.id),
    ...b.connections.map((x) => x.id),
    ...b.decisions.flatMap((d) => [d.id, ...d.options.map((o) => o.id)]),
    ...b.tables.flatMap((t) => [
      t.id,
      ...t.columns.map((c) => c.id),
      ...t.rows.map((r) => r.id),
      ...(t.matrix?.criteria.map((c) => c.id) ?? []),
    ]),
    ...b.metrics.map((x) => x.id),
    ...b.flows.flatMap((f) => [f.id, ...f.steps.map((s) => s.id)]),
  ];
}

describe('rekeyBundle (duplicate a case study)', () => {
  const original = sampleBundle();
  const snapshot = structuredClone(original);
  const copy = rekeyBundle(original, { title: 'Checkout at scale (copy)', now: 42 });
  const oldIds = new Set(definedIds(original));

  it('gives every record and nested item a new id of the same kind', () => {
    const before = definedIds(original);
    const after = definedIds(copy);
    expect(after).toHaveLength(before.length);
    expect(new Set(after).size).toBe(after.length);
    after.forEach((id, i) => {
      expect(oldIds.has(id)).toBe(false);
      expect(idKindOf(id)).toBe(idKindOf(before[i] ?? ''));
    });
  });

  it('leaves the original untouched', () => {
    expect(original).toEqual(snapshot);
  });

  it('sets the new title and stamps every record with the given time', () => {
    expect(copy.caseStudy.title).toBe('Checkout at scale (copy)');
    expect(copy.caseStudy.createdAt).toBe(42);
    const records = [
      copy.caseStudy,
      ...copy.diagrams,
      ...copy.components,
      ...copy.boundaries,
      ...copy.connections,
      ...copy.decisions,
      ...copy.tables,
      ...copy.metrics,
      ...copy.flows,
    ];
    expect(records.every((r) => r.updatedAt === 42)).toBe(true);
  });

  it('keeps a valid bundle valid', () => {
    expect(validateRecord('caseStudies', copy.caseStudy).ok).toBe(true);
    for (const kind of [
      'diagrams',
      'components',
      'boundaries',
      'connections',
      'decisions',
      'tables',
      'metrics',
      'flows',
    ] as const) {
      for (const r of copy[kind]) expect(validateRecord(kind, r).ok, `${kind} ${r.id}`).toBe(true);
    }
  });

  it('is the same bundle apart from ids and stamps (same order, same content)', () => {
    expect(copy.components.map((c) => c.label)).toEqual(original.components.map((c) => c.label));
    expect(copy.decisions[1]?.rationale).toBe(original.decisions[1]?.rationale);
    expect(copy.metrics.map((m) => [m.before, m.after])).toEqual(
      original.metrics.map((m) => [m.before, m.after]),
    );
  });

  // Map an old id to the new one through a record found by label in both bundles.
  const newIdOfComponent = (label: string) => componentByLabel(copy, label).id;

  it('remaps every reference consistently', () => {
    const csId = copy.caseStudy.id;
    const byOld = new Map<string, string>();
    original.components.forEach((c, i) => byOld.set(c.id, copy.components[i]?.id ?? ''));
    original.boundaries.forEach((b, i) => byOld.set(b.id, copy.boundaries[i]?.id ?? ''));
    original.connections.forEach((c, i) => byOld.set(c.id, copy.connections[i]?.id ?? ''));
    original.diagrams.forEach((d, i) => byOld.set(d.id, copy.diagrams[i]?.id ?? ''));
    original.decisions.forEach((d, i) => byOld.set(d.id, copy.decisions[i]?.id ?? ''));

    // caseStudyId, diagramId and parentId on every canvas record
    for (const [i, c] of copy.components.entries()) {
      const old = original.components[i];
      expect(c.caseStudyId).toBe(csId);
      expect(c.diagramId).toBe(byOld.get(old?.diagramId ?? ''));
      expect(c.parentId).toBe(old?.parentId ? byOld.get(old.parentId) : null);
    }
    for (const [i, b] of copy.boundaries.entries()) {
      const old = original.boundaries[i];
      expect(b.parentId).toBe(old?.parentId ? byOld.get(old.parentId) : null);
    }
    // source / target
    for (const [i, c] of copy.connections.entries()) {
      const old = original.connections[i];
      expect(c.source).toBe(byOld.get(old?.source ?? ''));
      expect(c.target).toBe(byOld.get(old?.target ?? ''));
    }
    // dead-letter target
    expect(connectionByLabel(copy, 'poll payment.requested').policies.deadLetter?.targetId).toBe(
      newIdOfComponent('Payment DLQ'),
    );
    // decisions: components, connections, chosen option, supersedes / superseded by
    const [first, second] = [decisionByNumber(copy, 1), decisionByNumber(copy, 2)];
    expect(second.componentIds).toEqual([
      newIdOfComponent('Orders DB'),
      newIdOfComponent('Checkout service'),
    ]);
    expect(second.connectionIds).toEqual([
      connectionByLabel(copy, 'INSERT order').id,
      connectionByLabel(copy, 'UPDATE order status').id,
    ]);
    expect(second.chosenOptionId).toBe(second.options.find((o) => o.title === 'PostgreSQL')?.id);
    expect(first.chosenOptionId).toBe(first.options.find((o) => o.title === 'MongoDB')?.id);
    expect(second.supersedes).toBe(first.id);
    expect(first.supersededBy).toBe(second.id);
  });

  it('remaps table owners, cells, row links, exclusions and matrix scores', () => {
    const tech = tableByKind(copy, 'tech-stack');
    const oldTech = tableByKind(original, 'tech-stack');
    expect(tech.owner).toEqual({ type: 'case-study', id: copy.caseStudy.id });
    tech.rows.forEach((row, i) => {
      expect(Object.keys(row.cells)).toEqual(tech.columns.map((c) => c.id));
      expect(Object.values(row.cells)).toEqual(Object.values(oldTech.rows[i]?.cells ?? {}));
    });
    expect(tech.rows[0]?.componentId).toBe(newIdOfComponent('Orders DB'));
    expect('componentId' in (tech.rows[1] ?? {})).toBe(false);
    expect(tech.excludedComponentIds).toEqual([newIdOfComponent('Web shop')]);

    const matrix = tableByKind(copy, 'matrix');
    const second = decisionByNumber(copy, 2);
    expect(matrix.owner).toEqual({ type: 'decision', id: second.id });
    const m = matrix.matrix;
    if (!m) throw new Error('matrix lost');
    expect(Object.keys(m.scores)).toEqual(m.criteria.map((c) => c.id));
    const optionIds = second.options.map((o) => o.id);
    for (const byOption of Object.values(m.scores)) expect(Object.keys(byOption)).toEqual(optionIds);
    const consistency = m.criteria.find((c) => c.name === 'Consistency');
    const postgres = second.options.find((o) => o.title === 'PostgreSQL');
    expect(m.scores[consistency?.id ?? '']?.[postgres?.id ?? '']).toBe(5);
  });

  it('remaps flow steps and the connections they follow', () => {
    const happy = flowByKind(copy, 'happy');
    const oldHappy = flowByKind(original, 'happy');
    expect(happy.diagramId).toBe(copy.diagrams[0]?.id);
    expect(happy.steps[0]?.fromId).toBe(newIdOfComponent('Web shop'));
    expect(happy.steps[0]?.toId).toBe(newIdOfComponent('API gateway'));
    expect(happy.steps[0]?.connectionId).toBe(connectionByLabel(copy, 'POST /checkout').id);
    expect(happy.steps.map((s) => s.message)).toEqual(oldHappy.steps.map((s) => s.message));
    const error = flowByKind(copy, 'error');
    expect(error.steps.at(-1)?.toId).toBe(newIdOfComponent('Payment DLQ'));
  });

  it('keeps references to ids outside the bundle as they are', () => {
    const b = sampleBundle();
    const dangling = b.connections[0];
    if (!dangling) throw new Error('no connection');
    dangling.target = 'cmp_notinthisbundle';
    const out = rekeyBundle(b);
    expect(out.connections[0]?.target).toBe('cmp_notinthisbundle');
  });

  it('gives a different copy each time', () => {
    const again = rekeyBundle(original);
    expect(again.caseStudy.id).not.toBe(copy.caseStudy.id);
    expect(again.caseStudy.title).toBe(original.caseStudy.title);
  });
});
