import { afterEach, describe, expect, it } from 'vitest';
import {
  ID_PREFIXES,
  createBoundary,
  createBundle,
  createCaseStudy,
  createComponent,
  createConnection,
  createDecision,
  createDiagram,
  createFlow,
  createFlowStep,
  createMetric,
  createOption,
  createTable,
  idKindOf,
  newId,
  nextDecisionNumber,
  now,
  setClock,
  validateRecord,
  type IdKind,
  type RecordKind,
} from '../../../src/lib/model';

const cs = 'cs_test0000000000001';
const dgm = 'dgm_test000000000001';

/** Paths of every property whose value is undefined (a factory that forgot a field). */
function undefinedPaths(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => undefinedPaths(v, path ? `${path}.${k}` : k));
}

describe('ids', () => {
  it('makes ids with the kind prefix and 16 base-36 characters', () => {
    for (const kind of Object.keys(ID_PREFIXES) as IdKind[]) {
      const id = newId(kind);
      expect(id).toMatch(new RegExp(`^${ID_PREFIXES[kind]}_[0-9a-z]{16}$`));
      expect(idKindOf(id)).toBe(kind);
    }
  });

  it('never repeats an id in 10,000 draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('component')));
    expect(ids.size).toBe(10_000);
  });

  it.each([['cmp'], ['cmp_'], ['xyz_123'], [''], ['component_123']])('does not recognise %j', (id) => {
    expect(idKindOf(id)).toBeNull();
  });
});

describe('factories', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  const records: [string, () => { id: string }, IdKind, RecordKind | null][] = [
    ['case study', () => createCaseStudy(), 'caseStudy', 'caseStudies'],
    ['diagram', () => createDiagram({ caseStudyId: cs }), 'diagram', 'diagrams'],
    [
      'component',
      () => createComponent({ caseStudyId: cs, diagramId: dgm, kind: 'cache' }),
      'component',
      'components',
    ],
    [
      'boundary',
      () => createBoundary({ caseStudyId: cs, diagramId: dgm, kind: 'vpc' }),
      'boundary',
      'boundaries',
    ],
    [
      'connection',
      () => createConnection({ caseStudyId: cs, diagramId: dgm, source: 'cmp_a', target: 'cmp_b' }),
      'connection',
      'connections',
    ],
    ['decision', () => createDecision({ caseStudyId: cs, number: 1 }), 'decision', 'decisions'],
    ['option', () => createOption(), 'option', null],
    ['tech-stack table', () => createTable({ caseStudyId: cs, kind: 'tech-stack' }), 'table', 'tables'],
    ['matrix table', () => createTable({ caseStudyId: cs, kind: 'matrix' }), 'table', 'tables'],
    ['metric', () => createMetric({ caseStudyId: cs }), 'metric', 'metrics'],
    ['flow', () => createFlow({ caseStudyId: cs, diagramId: dgm }), 'flow', 'flows'],
    ['flow step', () => createFlowStep({ fromId: 'cmp_a', toId: 'cmp_b' }), 'step', null],
  ];

  it.each(records)(
    'a new %s has every field filled and an id of the right kind',
    (_name, make, kind, schema) => {
      const record = make();
      expect(undefinedPaths(record)).toEqual([]);
      expect(idKindOf(record.id)).toBe(kind);
      if (schema) expect(validateRecord(schema, record)).toMatchObject({ ok: true });
    },
  );

  it('stamps records with the injected clock', () => {
    restore = setClock(() => 1234);
    expect(now()).toBe(1234);
    const study = createCaseStudy();
    expect(study.createdAt).toBe(1234);
    expect(study.updatedAt).toBe(1234);
    expect(createDiagram({ caseStudyId: cs }).updatedAt).toBe(1234);
    restore();
    restore = undefined;
    expect(now()).not.toBe(1234);
  });

  it('names a component after its kind unless given a label', () => {
    expect(createComponent({ caseStudyId: cs, diagramId: dgm, kind: 'dead-letter-queue' }).label).toBe(
      'Dead letter queue',
    );
    expect(
      createComponent({ caseStudyId: cs, diagramId: dgm, kind: 'database', label: 'Orders' }).label,
    ).toBe('Orders');
  });

  it('makes a connection into a dead letter queue a failure path by default', () => {
    const base = { caseStudyId: cs, diagramId: dgm, source: 'cmp_a', target: 'cmp_b' };
    expect(createConnection(base, 'dead-letter-queue').failurePath).toBe(true);
    expect(createConnection(base, 'database').failurePath).toBe(false);
    expect(createConnection(base).failurePath).toBe(false);
  });

  it('gives tables the columns of their kind with column ids', () => {
    const tech = createTable({ caseStudyId: cs, kind: 'tech-stack' });
    expect(tech.columns.map((c) => c.name)).toEqual([
      'Layer',
      'Technology',
      'Why this choice',
      'What we considered',
    ]);
    expect(tech.columns.every((c) => idKindOf(c.id) === 'column')).toBe(true);
    expect(tech.owner).toEqual({ type: 'case-study', id: cs });
    expect(tech.matrix).toBeNull();
    expect(createTable({ caseStudyId: cs, kind: 'matrix' }).matrix).toEqual({ criteria: [], scores: {} });
  });

  it('numbers the next decision one past the highest ever used', () => {
    expect(nextDecisionNumber([])).toBe(1);
    expect(nextDecisionNumber([{ number: 1 }, { number: 4 }, { number: 2 }])).toBe(5);
  });

  it('makes an empty bundle for a case study, with the arrays given', () => {
    const caseStudy = createCaseStudy({ title: 'T' });
    const diagram = createDiagram({ caseStudyId: caseStudy.id });
    const bundle = createBundle(caseStudy, { diagrams: [diagram] });
    expect(bundle.caseStudy).toBe(caseStudy);
    expect(bundle.diagrams).toEqual([diagram]);
    expect(bundle.components).toEqual([]);
    expect(Object.keys(bundle).sort()).toEqual([
      'boundaries',
      'caseStudy',
      'components',
      'connections',
      'decisions',
      'diagrams',
      'flows',
      'metrics',
      'tables',
    ]);
  });
});
