import { describe, expect, it } from 'vitest';
import { POLICY_DEFAULTS, formatIssue, validateRecord, type RecordKind } from '../../../src/lib/model';
import { sampleBundle } from '../../fixtures/sample-bundle';

const bundle = sampleBundle();

/** One valid sample of each record kind (from the fixture, with every optional part present). */
function sampleOf(kind: RecordKind): Record<string, unknown> {
  const record =
    kind === 'caseStudies'
      ? bundle.caseStudy
      : kind === 'connections'
        ? withAllPolicies(bundle.connections[0])
        : bundle[kind][bundle[kind].length - 1];
  return structuredClone(record) as unknown as Record<string, unknown>;
}

function withAllPolicies<T>(record: T): T {
  return { ...record, policies: structuredClone(POLICY_DEFAULTS) };
}

/** Set a value at a dotted path with [n] indexes, e.g. "steps[0].mode". */
function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let cur: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((k) => {
    cur = cur[k] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1] as string;
  if (value === DELETE) delete cur[last];
  else cur[last] = value;
}
const DELETE = Symbol('delete');

describe('schemas accept what the factories make', () => {
  it('accepts every record of the sample bundle', () => {
    expect(validateRecord('caseStudies', bundle.caseStudy).ok).toBe(true);
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
      for (const record of bundle[kind]) {
        const result = validateRecord(kind, record);
        expect(result.ok ? [] : result.issues, `${kind} ${record.id}`).toEqual([]);
      }
    }
  });

  it('returns the record unchanged', () => {
    const decision = bundle.decisions[1];
    const result = validateRecord('decisions', decision);
    expect(result).toEqual({ ok: true, value: decision });
  });
});

describe('schemas reject invalid records and say where', () => {
  const cases: [string, RecordKind, string, unknown, RegExp?][] = [
    ['a component id with the wrong prefix', 'components', 'id', 'dgm_abc', /starting with "cmp_"/],
    ['a component id without a prefix', 'components', 'id', 'abc', /starting with "cmp_"/],
    ['an unknown component kind', 'components', 'kind', 'toaster', /received "toaster"/],
    ['a NaN position', 'components', 'position.x', Number.NaN, /Expected number but received NaN/],
    ['a text position', 'components', 'position.y', 'abc', /Expected number but received "abc"/],
    ['an infinite position', 'boundaries', 'position.x', Number.POSITIVE_INFINITY],
    ['a parent that is not a boundary id', 'components', 'parentId', 'cmp_abc', /"bnd_"/],
    ['a missing field', 'components', 'label', DELETE],
    ['zero retry attempts', 'connections', 'policies.retry.maxAttempts', 0],
    ['an unknown jitter', 'connections', 'policies.retry.jitter', 'some'],
    ['a dead-letter target that is not an id', 'connections', 'policies.deadLetter.targetId', 'the DLQ'],
    ['an unknown connection mode', 'connections', 'mode', 'carrier-pigeon'],
    ['a failure path given as text', 'connections', 'failurePath', 'yes', /Expected boolean/],
    ['an unknown layout direction', 'diagrams', 'direction', 'UP'],
    ['a zero zoom', 'diagrams', 'viewport.zoom', 0],
    ['a negative boundary width', 'boundaries', 'size.width', -1],
    ['an unknown boundary kind', 'boundaries', 'kind', 'castle'],
    ['an impossible date', 'decisions', 'date', '2024-13-45', /YYYY-MM-DD/],
    ['a date with a time', 'decisions', 'date', '2024-05-07T10:00'],
    ['a results date that is not a date', 'decisions', 'results.date', 'yesterday'],
    ['decision number zero', 'decisions', 'number', 0],
    ['a fractional decision number', 'decisions', 'number', 1.5],
    ['an unknown status', 'decisions', 'status', 'done'],
    ['an option id with the wrong prefix', 'decisions', 'options[0].id', 'cmp_abc'],
    ['a pro that is not text', 'decisions', 'options[1].pros[0]', 42],
    ['a chosen option that is not an option id', 'decisions', 'chosenOptionId', 'dec_abc'],
    ['a supersedes link to a non-decision', 'decisions', 'supersedes', 'cmp_abc'],
    ['an unknown table owner type', 'tables', 'owner.type', 'team'],
    ['an unknown table kind', 'tables', 'kind', 'pivot'],
    ['a matrix weight below zero', 'tables', 'matrix.criteria[0].weight', -2],
    ['an unknown metric direction', 'metrics', 'direction', 'sideways'],
    ['a metric value given as text', 'metrics', 'before', '2.5 s'],
    ['a stream step in a flow', 'flows', 'steps[0].mode', 'stream'],
    ['a flow step from nothing', 'flows', 'steps[1].fromId', ''],
    ['an unknown flow kind', 'flows', 'kind', 'sad'],
    ['an unknown template', 'caseStudies', 'template', 'essay'],
    ['a section that is not text', 'caseStudies', 'sections.situation', 3],
    ['a technology that is not text', 'caseStudies', 'technologies[1]', null],
    ['a created date as text', 'caseStudies', 'createdAt', '2024-05-07'],
  ];

  it.each(cases)('rejects %s (%s at %s)', (_what, kind, path, value, message) => {
    const record = sampleOf(kind);
    setAt(record, path, value);
    const result = validateRecord(kind, record);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([path]);
    if (message) expect(result.issues[0]?.message).toMatch(message);
  });

  it('rejects a bad score in a decision matrix at the score itself', () => {
    const table = structuredClone(bundle.tables.find((t) => t.kind === 'matrix'));
    const [crit] = Object.keys(table?.matrix?.scores ?? {});
    const [opt] = Object.keys(table?.matrix?.scores[crit ?? ''] ?? {});
    if (!table?.matrix || !crit || !opt) throw new Error('fixture has no matrix scores');
    (table.matrix.scores[crit] as Record<string, number>)[opt] = 6;
    const result = validateRecord('tables', table);
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: `matrix.scores.${crit}.${opt}`, message: 'Invalid value: Expected <=5 but received 6' },
      ],
    });
  });

  it('reports every problem of a record, not just the first', () => {
    const record = sampleOf('components');
    setAt(record, 'kind', 'toaster');
    setAt(record, 'position.x', 'left');
    setAt(record, 'notes', DELETE);
    const result = validateRecord('components', record);
    expect(result.ok ? [] : result.issues.map((i) => i.path).sort()).toEqual(['kind', 'notes', 'position.x']);
  });

  it('rejects something that is not a record at the top', () => {
    expect(validateRecord('metrics', null)).toEqual({
      ok: false,
      issues: [{ path: '', message: 'Invalid type: Expected Object but received null' }],
    });
  });

  it('formats an issue as "path: message"', () => {
    expect(
      formatIssue({ path: 'position.x', message: 'Invalid type: Expected number but received "a"' }),
    ).toBe('position.x: Invalid type: Expected number but received "a"');
    expect(formatIssue({ path: '', message: 'Invalid type' })).toBe('Invalid type');
  });

  it('drops fields it does not know (a record from newer code loses nothing it needs)', () => {
    const record = { ...sampleOf('metrics'), colour: 'red' };
    const result = validateRecord('metrics', record);
    expect(result.ok && 'colour' in result.value).toBe(false);
  });
});
