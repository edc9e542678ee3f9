import { afterEach, beforeEach, describe, expect, it, test } from 'vitest';
import {
  allocateDecisionNumber,
  createDecision,
  createOption,
  decisionsLinkedTo,
  deleteDecision,
  filterDecisions,
  formatDecisionNumber,
  highestDecisionNumber,
  idKindOf,
  linkCounts,
  parseDecisionNumber,
  removeLinks,
  searchDecisions,
  setClock,
  sortDecisions,
  statusLabel,
  supersede,
  supersededLabel,
  supersedeProblem,
  supersedesLabel,
  toggleLink,
  validateRecord,
  type Decision,
  type DecisionStatus,
} from '../../../src/lib/model';

const caseStudyId = 'cs_test0000000000001';
const T0 = Date.UTC(2024, 0, 1);
const T1 = Date.UTC(2024, 5, 1);

let restoreClock: () => void = () => {};
beforeEach(() => {
  restoreClock = setClock(() => T0);
});
afterEach(() => restoreClock());

function decision(number: number, init: Partial<Decision> = {}): Decision {
  return createDecision({ caseStudyId, number, title: `Decision ${number}`, ...init });
}

describe('numbering', () => {
  test.each([
    [1, 'TDR-001'],
    [4, 'TDR-004'],
    [42, 'TDR-042'],
    [999, 'TDR-999'],
    [1000, 'TDR-1000'],
    [12345, 'TDR-12345'],
  ])('decision %i is written %s', (n, text) => {
    expect(formatDecisionNumber(n)).toBe(text);
  });

  it('takes another prefix for ADR files', () => {
    expect(formatDecisionNumber(7, 'ADR')).toBe('ADR-007');
  });

  test.each([
    ['TDR-004', 4],
    ['adr-0012', 12],
    ['ADR 7', 7],
    ['#3', 3],
    ['15', 15],
    ['TDR-000', null],
    ['TDR-', null],
    ['four', null],
    ['', null],
  ])('reads %j back as %j', (text, n) => {
    expect(parseDecisionNumber(text)).toBe(n);
  });

  test.each([
    { case: 'first decision', existing: [], highest: 0, next: 1 },
    { case: 'one past the highest', existing: [1, 2, 3], highest: 3, next: 4 },
    { case: 'a gap in the middle stays a gap', existing: [1, 3], highest: 3, next: 4 },
    { case: 'out of order', existing: [4, 1, 2], highest: 0, next: 5 },
    {
      case: 'the highest was deleted: its number is not reused',
      existing: [1, 2],
      highest: 3,
      next: 4,
    },
    { case: 'all were deleted', existing: [], highest: 7, next: 8 },
    { case: 'imported numbers above the mark', existing: [1, 12], highest: 3, next: 13 },
  ])('allocates $next: $case', ({ existing, highest, next }) => {
    expect(
      allocateDecisionNumber(
        existing.map((number) => ({ number })),
        highest,
      ),
    ).toBe(next);
  });

  it('keeps the high-water mark after creating a decision', () => {
    expect(highestDecisionNumber([{ number: 1 }, { number: 2 }], 5)).toBe(5);
    expect(highestDecisionNumber([{ number: 1 }, { number: 6 }], 5)).toBe(6);
  });

  it('never renumbers the others when a decision is deleted', () => {
    const [a, b, c] = [decision(1), decision(2), decision(3)];
    const { remove, changed } = deleteDecision([a, b, c], b.id);
    expect(remove).toBe(b.id);
    expect(changed).toEqual([]);
    const left = [a, c].filter((d) => d.id !== remove);
    expect(left.map((d) => formatDecisionNumber(d.number))).toEqual(['TDR-001', 'TDR-003']);
    expect(allocateDecisionNumber(left, 3)).toBe(4);
  });
});

describe('superseding', () => {
  function original(): Decision {
    const pg = createOption({ title: 'PostgreSQL', pros: ['ACID'], cons: ['Vertical scaling'] });
    const mongo = createOption({ title: 'MongoDB', pros: ['Flexible schema'], cons: [] });
    return decision(3, {
      title: 'Store orders in PostgreSQL',
      status: 'accepted',
      date: '2024-03-12',
      deciders: ['Dana'],
      stakeholders: ['Payments'],
      context: 'Orders and payments change together.',
      drivers: ['Consistency'],
      options: [pg, mongo],
      chosenOptionId: pg.id,
      rationale: 'Transactions.',
      consequences: { positive: ['One transaction'], negative: [], tradeOffs: ['Scaling limit'] },
      implementationPlan: 'Dual write',
      results: { outcome: 'No lost orders', date: '2024-06-30' },
      componentIds: ['cmp_db00000000000001'],
      connectionIds: ['con_c000000000000001'],
      extraSections: [{ heading: 'Notes', body: 'x' }],
      sourceFile: '0003-orders.md',
    });
  }

  it('creates the next decision, pre-filled, and links both ways', () => {
    const old = original();
    const all = [decision(1), decision(2), old];
    const { updatedOld, created, optionIdMap } = supersede(old, all, T1);

    expect(created.number).toBe(4);
    expect(idKindOf(created.id)).toBe('decision');
    expect(created).toMatchObject({
      caseStudyId,
      title: 'Store orders in PostgreSQL',
      status: 'proposed',
      date: '',
      context: old.context,
      drivers: ['Consistency'],
      deciders: ['Dana'],
      stakeholders: ['Payments'],
      componentIds: old.componentIds,
      connectionIds: old.connectionIds,
      supersedes: old.id,
      supersededBy: null,
      rationale: '',
      implementationPlan: '',
      results: { outcome: '', date: '' },
      extraSections: [],
      sourceFile: '',
      updatedAt: T1,
    });
    expect(updatedOld).toEqual({ ...old, status: 'superseded', supersededBy: created.id, updatedAt: T1 });
    expect(validateRecord('decisions', created).ok).toBe(true);
    expect(validateRecord('decisions', updatedOld).ok).toBe(true);
    // The old record is not mutated.
    expect(old.status).toBe('accepted');
    expect(old.supersededBy).toBeNull();
    expect(optionIdMap.size).toBe(2);
  });

  it('gives the options fresh ids and keeps the chosen one chosen', () => {
    const old = original();
    const { created, optionIdMap } = supersede(old, [old]);
    expect(created.options.map((o) => o.title)).toEqual(['PostgreSQL', 'MongoDB']);
    expect(created.options.map((o) => o.pros)).toEqual([['ACID'], ['Flexible schema']]);
    for (const [i, o] of created.options.entries()) {
      const before = old.options[i];
      expect(o.id).not.toBe(before?.id);
      expect(idKindOf(o.id)).toBe('option');
      expect(optionIdMap.get(before?.id ?? '')).toBe(o.id);
    }
    expect(created.chosenOptionId).toBe(created.options[0]?.id);
    // Copies, not shared arrays.
    expect(created.options[0]?.pros).not.toBe(old.options[0]?.pros);
    expect(created.componentIds).not.toBe(old.componentIds);
  });

  it('keeps no chosen option when none was chosen', () => {
    const old = { ...original(), chosenOptionId: null };
    expect(supersede(old, [old]).created.chosenOptionId).toBeNull();
  });

  it('numbers past the high-water mark', () => {
    const old = original();
    expect(supersede(old, [old], T1, 9).created.number).toBe(10);
  });

  it('refuses to supersede a decision twice', () => {
    const old = original();
    const { updatedOld, created } = supersede(old, [old]);
    const all = [updatedOld, created];
    expect(supersedeProblem(updatedOld, all)).toBe('TDR-003 is already superseded by TDR-004');
    expect(() => supersede(updatedOld, all)).toThrow('already superseded by TDR-004');
    // The successor can itself be superseded.
    expect(supersede(created, all).created.number).toBe(5);
  });

  it('labels the status with the other decision’s number', () => {
    const old = original();
    const { updatedOld, created } = supersede(old, [decision(1), old]);
    const all = [decision(1), updatedOld, created];
    expect(supersededLabel(updatedOld, all)).toBe('superseded by TDR-004');
    expect(statusLabel(updatedOld, all)).toBe('superseded by TDR-004');
    expect(supersedesLabel(created, all)).toBe('supersedes TDR-003');
    expect(supersededLabel(created, all)).toBeNull();
    expect(statusLabel(created, all)).toBe('proposed');
    // The successor deleted: the old one still reads "superseded".
    const { changed } = deleteDecision(all, created.id);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.supersededBy).toBeNull();
    expect(changed[0]?.status).toBe('superseded');
    expect(supersededLabel(changed[0] as Decision, [changed[0] as Decision])).toBe('superseded');
  });

  it('deleting the old decision clears the successor’s supersedes', () => {
    const old = original();
    const { updatedOld, created } = supersede(old, [old]);
    const { changed } = deleteDecision([updatedOld, created], updatedOld.id, T1);
    expect(changed).toEqual([{ ...created, supersedes: null, updatedAt: T1 }]);
  });
});

describe('links to components and connections', () => {
  const db = 'cmp_db00000000000001';
  const api = 'cmp_api0000000000001';
  const call = 'con_c000000000000001';
  const a = decision(1, { componentIds: [db, api], connectionIds: [call] });
  const b = decision(2, { componentIds: [db] });
  const c = decision(3, { componentIds: [api] });

  test.each([
    { case: 'a component', ids: { componentIds: [db] }, changed: [1, 2] },
    { case: 'a connection', ids: { connectionIds: [call] }, changed: [1] },
    { case: 'both', ids: { componentIds: [api], connectionIds: [call] }, changed: [1, 3] },
    { case: 'nothing linked', ids: { componentIds: ['cmp_other00000000001'] }, changed: [] },
    { case: 'nothing', ids: {}, changed: [] },
  ])('removing $case changes only the decisions that linked to it', ({ ids, changed }) => {
    const out = removeLinks([a, b, c], ids, T1);
    expect(out.map((d) => d.number)).toEqual(changed);
    const removed = new Set([...(ids.componentIds ?? []), ...(ids.connectionIds ?? [])]);
    for (const d of out) {
      expect([...d.componentIds, ...d.connectionIds].some((id) => removed.has(id))).toBe(false);
      expect(d.updatedAt).toBe(T1);
    }
  });

  it('keeps the decisions and the other links, and leaves the input alone (undo puts it back)', () => {
    const [changedA] = removeLinks([a], { componentIds: [db] });
    expect(changedA).toMatchObject({ id: a.id, componentIds: [api], connectionIds: [call], title: a.title });
    expect(a.componentIds).toEqual([db, api]);
  });

  it('finds the decisions linked to a component or connection', () => {
    expect(decisionsLinkedTo([a, b, c], db).map((d) => d.number)).toEqual([1, 2]);
    expect(decisionsLinkedTo([a, b, c], call).map((d) => d.number)).toEqual([1]);
    expect(decisionsLinkedTo([a, b, c], 'cmp_none000000000001')).toEqual([]);
  });

  it('counts decisions per component and connection, once per decision', () => {
    const dup = decision(4, { componentIds: [db, db] });
    expect(Object.fromEntries(linkCounts([a, b, c, dup]))).toEqual({ [db]: 3, [api]: 2, [call]: 1 });
  });

  it('links and unlinks one id', () => {
    const linked = toggleLink(b, 'connection', call, true, T1);
    expect(linked.connectionIds).toEqual([call]);
    expect(toggleLink(linked, 'connection', call, true)).toBe(linked);
    expect(toggleLink(linked, 'component', db, false, T1).componentIds).toEqual([]);
  });
});

describe('search', () => {
  const checkout = 'cmp_chk0000000000001';
  const orders = decision(1, {
    title: 'PostgreSQL over MongoDB',
    context: 'Payment and order rows must change together.',
    drivers: ['Consistency of payments'],
    options: [createOption({ title: 'DynamoDB', pros: ['Scales without ops'], cons: ['No joins'] })],
    rationale: 'Transactions remove lost-payment bugs.',
    consequences: { positive: [], negative: ['Migration effort'], tradeOffs: ['Vertical scaling limit'] },
    implementationPlan: 'Dual-write for two weeks',
    results: { outcome: 'No inconsistent orders since', date: '' },
    deciders: ['Dana Ölçer'],
    extraSections: [{ heading: 'Links', body: 'See the RFC-12' }],
    componentIds: [checkout],
  });
  const cache = decision(2, {
    title: 'Redis for the price cache',
    status: 'proposed',
    context: 'Prices are read often.',
  });
  const ctx = { componentLabels: new Map([[checkout, 'Checkout service']]) };

  test.each([
    ['title', 'postgresql', [1]],
    ['context', 'ROWS', [1]],
    ['drivers', 'consistency', [1]],
    ['option titles', 'dynamodb', [1]],
    ['pros', 'without ops', [1]],
    ['cons', 'joins', [1]],
    ['rationale', 'lost-payment', [1]],
    ['consequences', 'migration', [1]],
    ['trade-offs', 'vertical', [1]],
    ['plan', 'dual-write', [1]],
    ['results', 'inconsistent', [1]],
    ['deciders, accents ignored', 'olcer', [1]],
    ['extra sections', 'rfc-12', [1]],
    ['linked component labels', 'checkout service', [1]],
    ['the number', 'tdr-002', [2]],
    ['the status', 'proposed', [1, 2]],
    ['every word must match', 'redis cache', [2]],
    ['words in any field', 'postgresql checkout', [1]],
    ['one word missing', 'postgresql redis', []],
    ['a quoted phrase', '"price cache"', [2]],
    ['a quoted phrase out of order', '"cache price"', []],
    ['empty query', '   ', [1, 2]],
  ])('finds by %s (%j)', (_what, query, numbers) => {
    expect(searchDecisions([orders, cache], query, ctx).map((d) => d.number)).toEqual(numbers);
  });

  it('ignores labels when no context is given', () => {
    expect(searchDecisions([orders], 'checkout service')).toEqual([]);
  });
});

describe('sorting and filtering', () => {
  const list = [
    decision(3, { status: 'accepted', date: '2024-02-01' }),
    decision(1, { status: 'superseded', date: '2023-01-01' }),
    decision(4, { status: 'proposed', date: '' }),
    decision(2, { status: 'accepted', date: '2024-05-01', componentIds: ['cmp_db00000000000001'] }),
    decision(5, { status: 'rejected', date: '2024-02-01', connectionIds: ['con_c000000000000001'] }),
  ];
  const numbers = (ds: Decision[]) => ds.map((d) => d.number);

  test.each([
    ['number', 'asc', [1, 2, 3, 4, 5]],
    ['number', 'desc', [5, 4, 3, 2, 1]],
    ['date', 'asc', [1, 3, 5, 2, 4]],
    ['date', 'desc', [2, 3, 5, 1, 4]],
    ['status', 'asc', [4, 2, 3, 5, 1]],
    ['status', 'desc', [1, 5, 2, 3, 4]],
  ] as const)('by %s %s', (by, dir, expected) => {
    expect(numbers(sortDecisions(list, by, dir))).toEqual(expected);
  });

  it('does not sort in place', () => {
    sortDecisions(list, 'number');
    expect(list[0]?.number).toBe(3);
  });

  test.each<[string, { status?: DecisionStatus[]; componentId?: string; connectionId?: string }, number[]]>([
    ['no filter', {}, [3, 1, 4, 2, 5]],
    ['empty status list', { status: [] }, [3, 1, 4, 2, 5]],
    ['one status', { status: ['accepted'] }, [3, 2]],
    ['two statuses', { status: ['proposed', 'rejected'] }, [4, 5]],
    ['a component', { componentId: 'cmp_db00000000000001' }, [2]],
    ['a connection', { connectionId: 'con_c000000000000001' }, [5]],
    ['status and component', { status: ['rejected'], componentId: 'cmp_db00000000000001' }, []],
  ])('filters by %s', (_what, filter, expected) => {
    expect(numbers(filterDecisions(list, filter))).toEqual(expected);
  });
});
