import { afterEach, describe, expect, test } from 'vitest';
import { createComponent, createMetric, createTable, setClock } from '../../../src/lib/model/factories';
import { phraseMetric } from '../../../src/lib/model/metrics';
import type { Component, Metric } from '../../../src/lib/model/types';
import { LatestRows, REMEMBER_MS } from '../../../src/lib/ui/tradeoffs/latest';
import {
  addPending,
  caseStudyTable,
  customTables,
  editMetric,
  metricWarnings,
  moveMetric,
  nextOrder,
  orderComponents,
  ownerDescription,
  ownerValue,
  parseOwnerValue,
  quantityText,
  settlePending,
  withPending,
} from '../../../src/lib/ui/tradeoffs/tradeoffs';

const caseStudyId = 'cs_test0000000000001';
const diagramId = 'dgm_test000000000001';

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

function component(init: Partial<Component> & Pick<Component, 'kind'>): Component {
  return createComponent({ caseStudyId, diagramId, label: init.kind, ...init });
}

describe('which tables the view shows', () => {
  test('the case study’s own tech stack and challenges; custom tables whatever they are attached to', () => {
    const stack = createTable({ caseStudyId, kind: 'tech-stack' });
    const decisionChallenges = createTable({
      caseStudyId,
      kind: 'challenges',
      owner: { type: 'decision', id: 'dec_x' },
    });
    const challenges = createTable({ caseStudyId, kind: 'challenges', order: 2 });
    const custom = createTable({ caseStudyId, kind: 'custom', owner: { type: 'component', id: 'cmp_x' } });
    const all = [stack, decisionChallenges, challenges, custom];
    expect(caseStudyTable(all, 'tech-stack', caseStudyId)).toBe(stack);
    expect(caseStudyTable(all, 'challenges', caseStudyId)).toBe(challenges);
    expect(caseStudyTable(all, 'matrix', caseStudyId)).toBeNull();
    expect(customTables(all)).toEqual([custom]);
    expect(nextOrder(all)).toBe(3);
    expect(nextOrder([])).toBe(0);
  });
});

describe('what a table is attached to', () => {
  test('select values go there and back', () => {
    for (const owner of [
      { type: 'case-study', id: caseStudyId },
      { type: 'component', id: 'cmp_abc' },
      { type: 'decision', id: 'dec_abc' },
    ] as const) {
      expect(parseOwnerValue(ownerValue(owner))).toEqual(owner);
    }
    expect(parseOwnerValue('nonsense')).toBeNull();
    expect(parseOwnerValue('flow:flw_1')).toBeNull();
    expect(parseOwnerValue('component:')).toBeNull();
  });

  test('described in words, with a gone component or decision flagged', () => {
    const c = component({ kind: 'cache', label: 'Session cache' });
    const d = { id: 'dec_1', number: 4, title: 'Redis over Memcached' };
    expect(ownerDescription({ type: 'component', id: c.id }, [c], [d])).toEqual({
      text: 'Session cache',
      missing: false,
    });
    expect(ownerDescription({ type: 'decision', id: 'dec_1' }, [c], [d]).text).toBe(
      'TDR-004 Redis over Memcached',
    );
    expect(ownerDescription({ type: 'decision', id: 'dec_2' }, [c], [d])).toEqual({
      text: 'a deleted decision',
      missing: true,
    });
    expect(ownerDescription({ type: 'case-study', id: caseStudyId }, [], []).missing).toBe(false);
  });
});

describe('components feeding the tech stack', () => {
  test('ordered by layer (edge → compute → data → messaging), then tab and label; positions do not matter', () => {
    const queue = component({ kind: 'queue', label: 'Orders queue', position: { x: 0, y: 0 } });
    const db = component({ kind: 'database', label: 'Orders DB', position: { x: 900, y: 900 } });
    const api = component({ kind: 'service', label: 'Orders API' });
    const client = component({ kind: 'client', label: 'Web' });
    const second = component({ kind: 'service', label: 'Billing', diagramId: 'dgm_second00000000001' });
    const diagrams = [
      { id: diagramId, order: 0 },
      { id: 'dgm_second00000000001', order: 1 },
    ];
    const ordered = orderComponents([queue, db, second, api, client], diagrams).map((c) => c.label);
    expect(ordered).toEqual(['Web', 'Orders API', 'Billing', 'Orders DB', 'Orders queue']);
  });

  test('edits made here show at once and are dropped once the database shows them', () => {
    const c = component({ kind: 'database', technology: 'PostgreSQL' });
    let pending = addPending(new Map(), c.id, { why: 'ACID' });
    pending = addPending(pending, c.id, { alternatives: 'MongoDB' });
    expect(withPending([c], pending)[0]).toMatchObject({ why: 'ACID', alternatives: 'MongoDB' });
    // The database has caught up with one field.
    const half = settlePending(pending, [{ ...c, why: 'ACID' }]);
    expect([...half]).toEqual([[c.id, { alternatives: 'MongoDB' }]]);
    expect(settlePending(half, [{ ...c, why: 'ACID', alternatives: 'MongoDB' }]).size).toBe(0);
    // Nothing to settle: the same map back (no re-render).
    expect(settlePending(half, [c])).toBe(half);
    // A component deleted meanwhile takes its edits with it.
    expect(settlePending(half, []).size).toBe(0);
  });
});

describe('metric fields', () => {
  const metric = (init: Partial<Metric> = {}) => createMetric({ caseStudyId, ...init });

  test('before "2.5 s" then after "180 ms": one unit, and the phrase is computed', () => {
    let m = metric({ name: 'P95 latency' });
    const b = editMetric(m, 'before', '2.5 s');
    if (!b.ok) throw new Error(b.error);
    m = b.metric;
    expect(m).toMatchObject({ before: 2.5, unit: 's' });
    const a = editMetric(m, 'after', '180 ms');
    if (!a.ok) throw new Error(a.error);
    m = a.metric;
    expect(m).toMatchObject({ before: 2.5, after: 0.18, unit: 's' });
    expect(phraseMetric(m).text).toBe('P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)');
    expect(quantityText(m.before, m.unit)).toBe('2.5 s');
    expect(quantityText(m.after, m.unit)).toBe('180 ms');
  });

  test('a unit that cannot be compared is refused with the reason', () => {
    const m = metric({ after: 450, unit: 'req/s' });
    const result = editMetric(m, 'before', '3 GB');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/cannot be compared/);
    expect(editMetric(m, 'before', 'lots').ok).toBe(false);
  });

  test('emptying a value clears it; a first name guesses the direction', () => {
    const m = metric({ before: 3, after: 1, unit: 'errors' });
    const cleared = editMetric(m, 'before', '');
    expect(cleared.ok && cleared.metric.before).toBeNull();
    const named = editMetric(metric(), 'name', '  Throughput ');
    expect(named.ok && named.metric).toMatchObject({ name: 'Throughput', direction: 'higher-is-better' });
    // Once values are in, naming it never flips the direction the user has.
    const filled = editMetric(metric({ before: 1, after: 2 }), 'name', 'Throughput');
    expect(filled.ok && filled.metric.direction).toBe('lower-is-better');
  });

  test('the unit relabels the numbers; unchanged text returns the same metric', () => {
    const m = metric({ before: 2500, after: 180, unit: 's' });
    const relabelled = editMetric(m, 'unit', ' ms ');
    expect(relabelled.ok && relabelled.metric).toMatchObject({ before: 2500, after: 180, unit: 'ms' });
    const same = editMetric(m, 'period', '');
    expect(same.ok && same.metric).toBe(m);
    expect(editMetric(m, 'direction', 'sideways').ok).toBe(false);
  });

  test('a value shows in its nicest unit only when that reads back as the same number', () => {
    expect(quantityText(null, 'ms')).toBe('');
    expect(quantityText(2500, 'ms')).toBe('2.5 s');
    expect(quantityText(1536, 'MB')).toBe('1.5 GB');
    expect(quantityText(1234.5678, 'ms')).toBe('1234.5678 ms');
    expect(quantityText(42, '')).toBe('42');
    expect(quantityText(12.345, '%')).toBe('12.345%');
  });

  test('warnings: missing values and units, a zero baseline; not what the phrase already says', () => {
    expect(metricWarnings(['missing baseline', 'worse', 'no change']).map((w) => w.flag)).toEqual([
      'missing baseline',
    ]);
    expect(metricWarnings(['missing unit', 'zero baseline']).map((w) => w.flag)).toEqual([
      'missing unit',
      'zero baseline',
    ]);
  });

  test('moving a metric swaps it with its neighbour, renumbering repeated orders', () => {
    const list = [metric({ order: 0 }), metric({ order: 0 }), metric({ order: 0 })];
    const changed = moveMetric(list, 2, -1);
    const orders = new Map(changed.map((m) => [m.id, m.order]));
    expect(orders.get(list[2]!.id)).toBe(1);
    expect(orders.get(list[1]!.id)).toBe(2);
    expect(moveMetric(list, 0, -1)).toEqual([]);
  });
});

describe('rows this view has just written, against stale re-reads', () => {
  type Row = { id: string; updatedAt: number; v: string };
  const row = (id: string, updatedAt: number, v: string): Row => ({ id, updatedAt, v });

  test('an older copy read back is replaced by the newer one written here; the echo then wins', () => {
    let t = 1000;
    const latest = new LatestRows<Row>(() => t);
    latest.put([row('a', 1000, 'mine')]);
    expect(latest.resolve([row('a', 990, 'stale')])).toEqual([row('a', 1000, 'mine')]);
    // The store stamps its own, later time on what it writes.
    expect(latest.resolve([row('a', 1002, 'mine')])).toEqual([row('a', 1002, 'mine')]);
    // Another tab's later edit wins too.
    expect(latest.resolve([row('a', 1500, 'theirs')])[0]!.v).toBe('theirs');
    // After a while nothing is remembered.
    t += REMEMBER_MS + 1;
    expect(latest.resolve([row('a', 990, 'old')])[0]!.v).toBe('old');
  });

  test('a row created here and missing from a stale read stays; one deleted here stays gone', () => {
    const latest = new LatestRows<Row>(() => 2000);
    latest.put([row('new', 2000, 'x')]);
    latest.delete(['gone']);
    expect(latest.resolve([row('gone', 1500, 'y'), row('b', 1, 'z')])).toEqual([
      row('b', 1, 'z'),
      row('new', 2000, 'x'),
    ]);
  });

  test('forget() before undo lets older rows through on purpose', () => {
    const latest = new LatestRows<Row>(() => 2000);
    latest.put([row('a', 2000, 'edit')]);
    latest.forget();
    expect(latest.size).toBe(0);
    expect(latest.resolve([row('a', 1000, 'before the edit')])[0]!.v).toBe('before the edit');
  });
});

test('the clock used by factories can be pinned (sanity for the stamps above)', () => {
  restore = setClock(() => 42);
  expect(createMetric({ caseStudyId }).updatedAt).toBe(42);
});
