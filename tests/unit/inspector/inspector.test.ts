import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { rowsToCanvas } from '../../../src/lib/canvas/mapping';
import { createBoundary, createComponent, createConnection } from '../../../src/lib/model/factories';
import { POLICY_DEFAULTS, POLICY_KINDS } from '../../../src/lib/model/policies';
import type { ResiliencePolicies } from '../../../src/lib/model/types';
import {
  POLICY_FIELDS,
  countSummary,
  deadLetterTargets,
  inspectorSelection,
  nodeName,
  parseNumber,
  policyValue,
  setPolicyField,
  togglePolicy,
} from '../../../src/lib/ui/inspector/inspector';

const ids = { caseStudyId: 'cs_test', diagramId: 'dgm_test' };

function canvas() {
  const region = createBoundary({ ...ids, kind: 'region', label: 'eu-west-1' });
  const api = createComponent({ ...ids, kind: 'service', label: 'Orders API' });
  const db = createComponent({ ...ids, kind: 'database', label: 'Orders DB' });
  const link = createConnection({ ...ids, source: api.id, target: db.id, label: 'SELECT' });
  const { nodes, edges } = rowsToCanvas({ boundaries: [region], components: [api, db], connections: [link] });
  return { nodes, edges, region, api, db, link };
}

describe('what the inspector shows for the selection', () => {
  test('nothing selected', () => {
    const { nodes, edges } = canvas();
    expect(inspectorSelection(nodes, edges)).toEqual({ type: 'none' });
  });

  test('one component, boundary or connection gives its row', () => {
    const { nodes, edges, api, region, link } = canvas();
    const pick = (id: string) => ({
      nodes: nodes.map((n) => ({ ...n, selected: n.id === id })),
      edges: edges.map((e) => ({ ...e, selected: e.id === id })),
    });
    let s = pick(api.id);
    expect(inspectorSelection(s.nodes, s.edges)).toEqual({ type: 'component', row: api });
    s = pick(region.id);
    expect(inspectorSelection(s.nodes, s.edges)).toEqual({ type: 'boundary', row: region });
    s = pick(link.id);
    expect(inspectorSelection(s.nodes, s.edges)).toEqual({ type: 'connection', row: link });
  });

  test('several selected gives a count by type', () => {
    const { nodes, edges } = canvas();
    const all = inspectorSelection(
      nodes.map((n) => ({ ...n, selected: true })),
      edges.map((e) => ({ ...e, selected: true })),
    );
    expect(all).toEqual({ type: 'many', count: 4, summary: '2 components, 1 boundary, 1 connection' });
  });

  test('count summary uses singular and plural and leaves out empty types', () => {
    expect(countSummary({ components: 1, boundaries: 0, connections: 3 })).toBe('1 component, 3 connections');
    expect(countSummary({ components: 0, boundaries: 2, connections: 0 })).toBe('2 boundaries');
  });

  test('names a connection end by its label, or says it is missing', () => {
    const { nodes, api } = canvas();
    expect(nodeName(nodes, api.id)).toBe('Orders API');
    expect(nodeName(nodes, 'cmp_gone')).toBe('(missing)');
  });
});

describe('switching and editing policies', () => {
  test('switching on adds the defaults; switching off removes the key', () => {
    const on = togglePolicy({}, 'retry', true);
    expect(on).toEqual({ retry: POLICY_DEFAULTS.retry });
    expect(on.retry).not.toBe(POLICY_DEFAULTS.retry);
    const off = togglePolicy(on, 'retry', false);
    expect(off).toEqual({});
    expect('retry' in off).toBe(false);
  });

  test('switching on a policy that is on keeps its parameters; no-ops return the same object', () => {
    const p: ResiliencePolicies = { timeout: { ms: 900 } };
    expect(togglePolicy(p, 'timeout', true)).toBe(p);
    expect(togglePolicy(p, 'retry', false)).toBe(p);
    expect(setPolicyField(p, 'timeout', 'ms', 900)).toBe(p);
    expect(setPolicyField(p, 'retry', 'maxAttempts', 5)).toBe(p);
  });

  test('editing one parameter leaves the others and the input untouched', () => {
    const p = togglePolicy(togglePolicy({}, 'retry', true), 'timeout', true);
    const next = setPolicyField(p, 'retry', 'jitter', 'decorrelated');
    expect(next.retry).toEqual({ ...POLICY_DEFAULTS.retry, jitter: 'decorrelated' });
    expect(next.timeout).toBe(p.timeout);
    expect(p.retry?.jitter).toBe('full');
    expect(policyValue(next, 'retry', 'jitter')).toBe('decorrelated');
    expect(policyValue(next, 'bulkhead', 'maxQueue')).toBe('');
  });

  test('every policy parameter has exactly one field, and field labels are unique', () => {
    for (const kind of POLICY_KINDS) {
      expect(POLICY_FIELDS[kind].map((f) => f.key).sort()).toEqual(Object.keys(POLICY_DEFAULTS[kind]).sort());
    }
    const labels = POLICY_KINDS.flatMap((k) => POLICY_FIELDS[k].map((f) => f.label));
    expect(new Set(labels).size).toBe(labels.length);
  });

  test('any sequence of toggles ends with exactly the policies switched on last', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...POLICY_KINDS), fc.boolean())), (steps) => {
        let p: ResiliencePolicies = {};
        const expected = new Map<string, boolean>();
        for (const [kind, on] of steps) {
          p = togglePolicy(p, kind, on);
          expected.set(kind, on);
        }
        const onKinds = [...expected].filter(([, on]) => on).map(([k]) => k);
        expect(Object.keys(p).sort()).toEqual(onKinds.sort());
      }),
    );
  });
});

describe('dead-letter targets', () => {
  test('lists dead letter queues first, then queues and streams, never the component itself', () => {
    const dlq = createComponent({ ...ids, kind: 'dead-letter-queue', label: 'Orders DLQ' });
    const queue = createComponent({ ...ids, kind: 'queue', label: 'Orders' });
    const stream = createComponent({ ...ids, kind: 'stream', label: 'events' });
    const self = createComponent({ ...ids, kind: 'queue', label: 'Self' });
    const db = createComponent({ ...ids, kind: 'database', label: 'DB' });
    expect(deadLetterTargets([db, stream, self, queue, dlq], self.id)).toEqual([
      { label: 'Dead letter queues', options: [{ id: dlq.id, label: 'Orders DLQ' }] },
      { label: 'Queues', options: [{ id: queue.id, label: 'Orders' }] },
      { label: 'Streams / topics', options: [{ id: stream.id, label: 'events' }] },
    ]);
  });

  test('components sharing a name are told apart by kind', () => {
    const a = createComponent({ ...ids, kind: 'dead-letter-queue', label: 'Orders' });
    const b = createComponent({ ...ids, kind: 'queue', label: 'Orders' });
    const labels = deadLetterTargets([a, b]).flatMap((g) => g.options.map((o) => o.label));
    expect(labels).toEqual(['Orders (Dead letter queue)', 'Orders (Queue)']);
  });

  test('no candidates, no groups', () => {
    expect(deadLetterTargets([createComponent({ ...ids, kind: 'service' })])).toEqual([]);
  });
});

describe('reading typed numbers', () => {
  test.each([
    ['2000', {}, 2000],
    [' 2500 ', {}, 2500],
    ['2.6', {}, 3],
    ['2.5', { integer: false }, 2.5],
    ['', {}, null],
    ['abc', {}, null],
    ['1e3', {}, 1000],
    ['Infinity', {}, null],
    ['0', { min: 1 }, null],
    ['-1', { min: 0 }, null],
    ['0', { min: 0 }, 0],
  ] as const)('%j with %j → %j', (text, opts, expected) => {
    expect(parseNumber(text, opts)).toBe(expected);
  });
});
