import { describe, expect, it, test } from 'vitest';
import {
  addOption,
  decisionName,
  deleteChanges,
  formatLines,
  governedItems,
  governsSummary,
  linkTargets,
  matrixTableOf,
  moveOption,
  optionName,
  parseLines,
  removeOption,
  sameStrings,
  supersedeChanges,
  tablesOwnedBy,
  todayIso,
  updateOption,
  type LinkTarget,
} from '../../../src/lib/ui/decisions/decision-edit';
import {
  createBoundary,
  createComponent,
  createConnection,
  createDecision,
  createOption,
  createTable,
} from '../../../src/lib/model/factories';
import { setScore, addCriterion, emptyMatrix } from '../../../src/lib/model/matrix';
import type { DiagramRows } from '../../../src/lib/model/patch';
import type { Decision, Id } from '../../../src/lib/model/types';

const caseStudyId = 'cs_test0000000000001';
const T = Date.UTC(2024, 2, 15);

function decision(init: Partial<Decision> = {}): Decision {
  return createDecision({ caseStudyId, number: 1, ...init });
}

describe('list fields as one item per line', () => {
  test.each([
    ['', []],
    ['one', ['one']],
    ['one\ntwo', ['one', 'two']],
    ['  one  \n\n\t\ntwo\r\n', ['one', 'two']],
    ['- one\n* two\n+ three\n• four', ['one', 'two', 'three', 'four']],
    ['-not a bullet', ['-not a bullet']],
    ['a - b', ['a - b']],
  ])('%j → %j', (text, items) => {
    expect(parseLines(text)).toEqual(items);
  });

  it('round-trips a list of trimmed, non-empty items', () => {
    const items = ['ACID transactions', 'Mature tooling'];
    expect(parseLines(formatLines(items))).toEqual(items);
  });

  it('compares lists item by item', () => {
    expect(sameStrings(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameStrings(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameStrings(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('options', () => {
  const a = createOption({ id: 'opt_a', title: 'PostgreSQL' });
  const b = createOption({ id: 'opt_b', title: '' });
  const c = createOption({ id: 'opt_c', title: 'DynamoDB' });
  const d = decision({ options: [a, b, c], chosenOptionId: 'opt_b' });

  it('names an untitled option by its position', () => {
    expect(optionName(a, 0)).toBe('PostgreSQL');
    expect(optionName(b, 1)).toBe('Option 2');
    expect(optionName({ title: '   ' }, 4)).toBe('Option 5');
  });

  it('adds at the end without touching the input', () => {
    const next = addOption(d, createOption({ id: 'opt_d' }));
    expect(next.options.map((o) => o.id)).toEqual(['opt_a', 'opt_b', 'opt_c', 'opt_d']);
    expect(d.options).toHaveLength(3);
  });

  it('updates one option', () => {
    const next = updateOption(d, 'opt_b', { title: 'MongoDB', cons: ['Eventual consistency'] });
    expect(next.options[1]).toMatchObject({ id: 'opt_b', title: 'MongoDB', cons: ['Eventual consistency'] });
    expect(next.options[0]).toBe(a);
    expect(updateOption(d, 'opt_missing', { title: 'x' })).toBe(d);
  });

  it('removing the chosen option clears the choice; removing another keeps it', () => {
    expect(removeOption(d, 'opt_b')).toMatchObject({ chosenOptionId: null });
    expect(removeOption(d, 'opt_b').options.map((o) => o.id)).toEqual(['opt_a', 'opt_c']);
    expect(removeOption(d, 'opt_a').chosenOptionId).toBe('opt_b');
    expect(removeOption(d, 'opt_missing')).toBe(d);
  });

  test.each([
    ['opt_a', 1, ['opt_b', 'opt_a', 'opt_c']],
    ['opt_a', 5, ['opt_b', 'opt_c', 'opt_a']],
    ['opt_c', -1, ['opt_a', 'opt_c', 'opt_b']],
    ['opt_b', -9, ['opt_b', 'opt_a', 'opt_c']],
  ])('moves %s by %i', (id, delta, order) => {
    expect(moveOption(d, id, delta).options.map((o) => o.id)).toEqual(order);
  });

  it('returns the same decision when nothing moves', () => {
    expect(moveOption(d, 'opt_a', -1)).toBe(d);
    expect(moveOption(d, 'opt_c', 1)).toBe(d);
    expect(moveOption(d, 'opt_missing', 1)).toBe(d);
  });
});

describe('link targets', () => {
  const diagramId = 'dgm_one';
  const db = createComponent({ id: 'cmp_db', caseStudyId, diagramId, kind: 'database', label: 'Orders DB' });
  const svc = createComponent({ id: 'cmp_svc', caseStudyId, diagramId, kind: 'service' });
  const region = createBoundary({ id: 'bnd_eu', caseStudyId, diagramId, kind: 'region', label: 'eu-west-1' });
  const call = createConnection({
    id: 'con_1',
    caseStudyId,
    diagramId,
    source: 'cmp_svc',
    target: 'cmp_db',
    label: 'INSERT order',
  });
  const bare = createConnection({
    id: 'con_2',
    caseStudyId,
    diagramId,
    source: 'cmp_db',
    target: 'cmp_gone',
  });
  const other = createComponent({ id: 'cmp_q', caseStudyId, diagramId: 'dgm_two', kind: 'queue', label: '' });
  const rows: Record<Id, DiagramRows> = {
    [diagramId]: { components: [svc, db], boundaries: [region], connections: [call, bare] },
    dgm_two: { components: [other], boundaries: [], connections: [] },
  };
  const diagrams = [
    { id: diagramId, name: 'System' },
    { id: 'dgm_two', name: 'Async' },
    { id: 'dgm_unloaded', name: 'Later' },
  ];
  const targets = linkTargets(diagrams, rows);
  const byId = new Map<Id, LinkTarget>(targets.map((t) => [t.id, t]));

  it('labels components with their kind, connections with their ends and message', () => {
    expect(targets.map((t) => [t.id, t.type, t.label, t.diagramName])).toEqual([
      ['cmp_db', 'component', 'Orders DB (Database)', 'System'],
      ['cmp_svc', 'component', 'Service', 'System'],
      ['bnd_eu', 'boundary', 'eu-west-1 (Region)', 'System'],
      ['con_2', 'connection', 'Orders DB → ?', 'System'],
      ['con_1', 'connection', 'Service → Orders DB: INSERT order', 'System'],
      ['cmp_q', 'component', 'Queue', 'Async'],
    ]);
  });

  it('lists what a decision governs, with missing ones as null', () => {
    const d = decision({ componentIds: ['cmp_db', 'cmp_deleted'], connectionIds: ['con_1'] });
    expect(governedItems(d, byId).map((i) => [i.id, i.list, i.target?.label ?? null])).toEqual([
      ['cmp_db', 'component', 'Orders DB (Database)'],
      ['cmp_deleted', 'component', null],
      ['con_1', 'connection', 'Service → Orders DB: INSERT order'],
    ]);
  });

  it('summarises the governed labels for the list', () => {
    expect(governsSummary(decision(), byId)).toBe('');
    expect(governsSummary(decision({ componentIds: ['cmp_db'] }), byId)).toBe('Orders DB (Database)');
    expect(
      governsSummary(decision({ componentIds: ['cmp_db', 'cmp_svc', 'bnd_eu', 'cmp_deleted'] }), byId),
    ).toBe('Orders DB (Database), Service +1 more');
  });
});

describe('lifecycle changes', () => {
  const pg = createOption({ id: 'opt_pg', title: 'PostgreSQL' });
  const mongo = createOption({ id: 'opt_mongo', title: 'MongoDB' });
  const old = decision({
    id: 'dec_old',
    number: 1,
    title: 'PostgreSQL over MongoDB',
    status: 'accepted',
    options: [pg, mongo],
    chosenOptionId: 'opt_pg',
    componentIds: ['cmp_db'],
  });
  const other = decision({ id: 'dec_other', number: 2 });
  let matrix = addCriterion(emptyMatrix(), { id: 'crit_c', name: 'Consistency', weight: 3 });
  matrix = setScore(setScore(matrix, 'crit_c', 'opt_pg', 5), 'crit_c', 'opt_mongo', 2);
  const table = createTable({
    id: 'tbl_m',
    caseStudyId,
    kind: 'matrix',
    owner: { type: 'decision', id: 'dec_old' },
    matrix,
  });
  const unrelated = createTable({ id: 'tbl_x', caseStudyId, kind: 'challenges' });

  it('finds the matrix and the tables a decision owns', () => {
    expect(matrixTableOf([unrelated, table], 'dec_old')).toBe(table);
    expect(matrixTableOf([unrelated, table], 'dec_other')).toBeUndefined();
    expect(tablesOwnedBy([unrelated, table], 'dec_old')).toEqual([table]);
  });

  it('supersedes with the given number and copies the matrix onto the new options', () => {
    const { created, changes } = supersedeChanges(old, [old, other], [table, unrelated], 7, T);
    expect(created.number).toBe(7);
    expect(created.supersedes).toBe('dec_old');
    expect(created.title).toBe(old.title);
    expect(created.componentIds).toEqual(['cmp_db']);
    const [updatedOld, createdAgain] = changes.put.decisions ?? [];
    expect(updatedOld).toMatchObject({ id: 'dec_old', status: 'superseded', supersededBy: created.id });
    expect(createdAgain).toBe(created);
    const [copy] = changes.put.tables ?? [];
    expect(copy?.id).not.toBe('tbl_m');
    expect(copy?.owner).toEqual({ type: 'decision', id: created.id });
    const [newPg, newMongo] = created.options;
    expect(copy?.matrix?.scores).toEqual({ crit_c: { [newPg!.id]: 5, [newMongo!.id]: 2 } });
    expect(copy?.matrix?.criteria).toEqual(matrix.criteria);
    // The original is untouched.
    expect(table.matrix?.scores.crit_c).toEqual({ opt_pg: 5, opt_mongo: 2 });
    expect(changes.delete).toEqual({});
  });

  it('supersedes without a table when there is no matrix', () => {
    const { changes } = supersedeChanges(old, [old], [unrelated], 2, T);
    expect(changes.put.tables).toBeUndefined();
  });

  it('refuses to supersede a decision that is already superseded', () => {
    const done = { ...old, status: 'superseded' as const, supersededBy: 'dec_other' };
    expect(() => supersedeChanges(done, [done, other], [], 3, T)).toThrow(/already superseded by TDR-002/);
  });

  it('deletes a decision with its tables and unlinks the decisions pointing at it', () => {
    const successor = decision({ id: 'dec_new', number: 3, supersedes: 'dec_old' });
    const changes = deleteChanges([old, other, successor], [table, unrelated], 'dec_old', T);
    expect(changes.delete).toEqual({ decisions: ['dec_old'], tables: ['tbl_m'] });
    expect(changes.put.decisions).toEqual([{ ...successor, supersedes: null, updatedAt: T }]);
  });

  it('deletes a lone decision with nothing else', () => {
    expect(deleteChanges([other], [], 'dec_other', T)).toEqual({
      put: {},
      delete: { decisions: ['dec_other'] },
    });
  });
});

describe('small formatting helpers', () => {
  it('names a decision by number and title', () => {
    expect(decisionName({ number: 3, title: 'Use Kafka' })).toBe('TDR-003 · Use Kafka');
    expect(decisionName({ number: 12, title: '  ' })).toBe('TDR-012');
  });

  it('gives today as a local YYYY-MM-DD', () => {
    expect(todayIso(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
    expect(todayIso(new Date(2024, 10, 30))).toBe('2024-11-30');
  });
});
