import { describe, expect, it, test } from 'vitest';
import {
  canonicalUnit,
  convert,
  formatFactor,
  formatNumber,
  formatPercent,
  guessDirection,
  humanise,
  metricInput,
  normaliseQuantities,
  parseQuantity,
  phraseMetric,
  sameFamily,
  unitKind,
  type MetricDirection,
} from '../../../src/lib/model';

const lower: MetricDirection = 'lower-is-better';
const higher: MetricDirection = 'higher-is-better';

describe('units', () => {
  test.each([
    ['ms', 'ms', 'time'],
    ['milliseconds', 'ms', 'time'],
    ['us', 'µs', 'time'],
    ['μs', 'µs', 'time'],
    ['sec', 's', 'time'],
    ['Minutes', 'min', 'time'],
    ['hrs', 'h', 'time'],
    ['kb', 'KB', 'data'],
    ['MiB', 'MiB', 'data'],
    ['gigabytes', 'GB', 'data'],
    ['Mbit', 'Mbit', 'data'],
    ['req/s', 'req/s', 'rate'],
    ['rps', 'req/s', 'rate'],
    ['rpm', 'req/min', 'rate'],
    ['ops/sec', 'ops/s', 'rate'],
    ['/min', '/min', 'rate'],
    ['per second', '/s', 'rate'],
    ['requests per minute', 'requests/min', 'rate'],
    ['events / hour', 'events/h', 'rate'],
    ['MB/s', 'MB/s', 'rate'],
    ['Mbps', 'Mbps', 'rate'],
    ['Mbit/s', 'Mbps', 'rate'],
    ['$/mo', '$/mo', 'rate'],
    ['%', '%', 'percent'],
    ['percent', '%', 'percent'],
    ['$', '$', 'currency'],
    ['eur', 'EUR', 'currency'],
    ['errors', 'errors', 'count'],
    ['page  views', 'page views', 'count'],
    ['', '', 'count'],
  ])('%j is written %j (%s)', (text, canonical, kind) => {
    expect(canonicalUnit(text)).toBe(canonical);
    expect(unitKind(text)).toBe(kind);
  });

  test.each([
    [2.5, 's', 'ms', 2500],
    [180, 'ms', 's', 0.18],
    [1, 'h', 'min', 60],
    [1500, 'µs', 'ms', 1.5],
    [1, 'd', 'h', 24],
    [1, 'GB', 'MB', 1024],
    [1536, 'MB', 'GB', 1.5],
    [1, 'GiB', 'MiB', 1024],
    [1, 'GB', 'GiB', 1],
    [8, 'Mbit', 'MB', 1e6 / 1024 ** 2],
    [1, 'req/s', 'req/min', 60],
    [120, 'rpm', 'rps', 2],
    [1, 'requests per second', 'req/min', 60],
    [3600, '/h', 'per second', 1],
    [1, 'MB/s', 'MB/min', 60],
    [1000, 'Mbps', 'Gbps', 1],
    [30, '$/day', '$/h', 1.25],
    [12, '%', 'percent', 12],
    [5, '$', 'USD', 5],
    [5, 'errors', 'error', 5],
    [5, 'req', 'requests', 5],
  ])('%d %s = %d %s', (value, from, to, expected) => {
    expect(convert(value, from, to)).toBeCloseTo(expected, 9);
  });

  test.each([
    ['s', 'MB'],
    ['ms', '%'],
    ['req/s', 'ms'],
    ['req/s', 'MB/s'],
    ['$', 'EUR'],
    ['errors', 'orders'],
  ])('%s cannot be converted to %s', (from, to) => {
    expect(convert(1, from, to)).toBeNull();
    expect(sameFamily(from, to)).toBe(false);
  });
});

describe('parseQuantity', () => {
  test.each([
    ['2.5 s', 2.5, 's'],
    ['180ms', 180, 'ms'],
    ['1.2 GB', 1.2, 'GB'],
    ['450 req/s', 450, 'req/s'],
    ['450 requests per second', 450, 'requests/s'],
    ['12k rpm', 12000, 'req/min'],
    ['3M', 3e6, ''],
    ['5 MB', 5, 'MB'],
    ['5MB', 5, 'MB'],
    ['93%', 93, '%'],
    ['$1,200/mo', 1200, '$/mo'],
    ['$12k', 12000, '$'],
    ['-$5', -5, '$'],
    ['€40', 40, '€'],
    ['40 EUR', 40, 'EUR'],
    ['1,250', 1250, ''],
    ['1,250.5 ms', 1250.5, 'ms'],
    ['2,5 s', 2.5, 's'],
    ['1.234,5 ms', 1234.5, 'ms'],
    ['1e3 ms', 1000, 'ms'],
    ['~3 min', 3, 'min'],
    ['−20', -20, ''],
    ['.5 h', 0.5, 'h'],
    ['12 errors', 12, 'errors'],
    ['  7  ', 7, ''],
  ])('%j → %d %j', (text, value, unit) => {
    expect(parseQuantity(text)).toEqual({ value, unit });
  });

  test.each(['', 'fast', 's 2.5', '1,2,3', '1.2.3', '$ fast', '--5', 'N/A'])(
    '%j is not a quantity',
    (text) => {
      expect(parseQuantity(text)).toBeNull();
    },
  );
});

describe('humanise', () => {
  test.each([
    [2500, 'ms', '2.5 s'],
    [0.18, 's', '180 ms'],
    [180, 'ms', '180 ms'],
    [0.5, 'ms', '500 µs'],
    [90, 's', '1.5 min'],
    [5400, 's', '1.5 h'],
    [36, 'h', '36 h'],
    [72, 'h', '3 d'],
    [2, 'wk', '2 wk'],
    [0, 'ms', '0 ms'],
    [1536, 'MB', '1.5 GB'],
    [0.5, 'GB', '512 MB'],
    [2048, 'KiB', '2 MiB'],
    [1500, 'MB/s', '1.46 GB/s'],
    [1000, 'Mbps', '1 Gbps'],
    [0.5, 'req/s', '30 req/min'],
    [450000, 'req/min', '450,000 req/min'],
    [450, '/s', '450/s'],
    [12, '%', '12%'],
    [12000, '$', '$12,000'],
    [-5, '$', '-$5'],
    [1200, '$/mo', '$1,200/mo'],
    [3000, 'USD', '3,000 USD'],
    [12, 'errors', '12 errors'],
    [12, 'furlongs', '12 furlongs'],
    [2.456, '', '2.46'],
  ])('%d %s → %j', (value, unit, text) => {
    expect(humanise(value, unit)).toBe(text);
  });

  test.each([
    [0, '0'],
    [2.456, '2.46'],
    [13.88, '13.9'],
    [180.4, '180'],
    [12500, '12,500'],
    [0.01234, '0.0123'],
    [-2.5, '-2.5'],
  ])('formatNumber(%d) = %j', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });

  test.each([
    [92.8, '93'],
    [12.3, '12'],
    [4.56, '4.6'],
    [0.5, '0.5'],
    [0.04, '<0.1'],
    [99.4, '99'],
    [99.6, '99.6'],
    [99.96, '>99.9'],
    [100, '100'],
    [250, '250'],
    [1234, '1,234'],
  ])('formatPercent(%d) = %j', (n, text) => {
    expect(formatPercent(n)).toBe(text);
  });

  test.each([
    [13.888, '13.9'],
    [2, '2'],
    [3.5, '3.5'],
    [139.4, '139'],
    [2500, '2,500'],
  ])('formatFactor(%d) = %j', (n, text) => {
    expect(formatFactor(n)).toBe(text);
  });
});

describe('phraseMetric', () => {
  test.each<{
    name: string;
    before: number | null;
    after: number | null;
    unit: string;
    direction: MetricDirection;
    text: string;
    flags: string[];
  }>([
    // The example.
    {
      name: 'P95 latency',
      before: 2500,
      after: 180,
      unit: 'ms',
      direction: lower,
      text: 'P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)',
      flags: [],
    },
    // Same, with the numbers stored in seconds.
    {
      name: 'P95 latency',
      before: 2.5,
      after: 0.18,
      unit: 's',
      direction: lower,
      text: 'P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)',
      flags: [],
    },
    // Higher is better, and better.
    {
      name: 'Throughput',
      before: 100,
      after: 350,
      unit: 'req/s',
      direction: higher,
      text: 'Throughput: 100 → 350 req/s (250% higher, 3.5× more)',
      flags: [],
    },
    {
      name: 'Revenue',
      before: 10000,
      after: 12000,
      unit: '$',
      direction: higher,
      text: 'Revenue: $10,000 → $12,000 (20% higher)',
      flags: [],
    },
    {
      name: 'Uptime',
      before: 36,
      after: 720,
      unit: 'h',
      direction: higher,
      text: 'Uptime: 36 h → 30 d (1,900% higher, 20× longer)',
      flags: [],
    },
    // Lower is better, by size, count, money.
    {
      name: 'Heap',
      before: 1536,
      after: 512,
      unit: 'MB',
      direction: lower,
      text: 'Heap: 1.5 GB → 512 MB (67% lower, 3× smaller)',
      flags: [],
    },
    {
      name: 'Incidents',
      before: 12,
      after: 3,
      unit: 'incidents',
      direction: lower,
      text: 'Incidents: 12 → 3 incidents (75% lower, 4× fewer)',
      flags: [],
    },
    {
      name: 'Error rate',
      before: 120,
      after: 6,
      unit: 'errors/min',
      direction: lower,
      text: 'Error rate: 120 → 6 errors/min (95% lower, 20× fewer)',
      flags: [],
    },
    {
      name: 'Infra cost',
      before: 12000,
      after: 3000,
      unit: '$/mo',
      direction: lower,
      text: 'Infra cost: $12,000/mo → $3,000/mo (75% lower, 4× cheaper)',
      flags: [],
    },
    // Small changes: no factor.
    {
      name: 'Latency',
      before: 250,
      after: 200,
      unit: 'ms',
      direction: lower,
      text: 'Latency: 250 ms → 200 ms (20% lower)',
      flags: [],
    },
    {
      name: 'CPU',
      before: 80,
      after: 79.6,
      unit: '%',
      direction: lower,
      text: 'CPU: 80% → 79.6% (-0.4 pp, 0.5% lower)',
      flags: [],
    },
    // Percent units also say the change in points.
    {
      name: 'Checkout conversion',
      before: 2.1,
      after: 2.6,
      unit: '%',
      direction: higher,
      text: 'Checkout conversion: 2.1% → 2.6% (+0.5 pp, 24% higher)',
      flags: [],
    },
    // The wrong direction is said honestly.
    {
      name: 'Latency',
      before: 100,
      after: 120,
      unit: 'ms',
      direction: lower,
      text: 'Latency: 100 ms → 120 ms (20% higher, worse)',
      flags: ['worse'],
    },
    {
      name: 'Latency',
      before: 100,
      after: 400,
      unit: 'ms',
      direction: lower,
      text: 'Latency: 100 ms → 400 ms (300% higher, 4× slower, worse)',
      flags: ['worse'],
    },
    {
      name: 'Throughput',
      before: 400,
      after: 300,
      unit: 'rps',
      direction: higher,
      text: 'Throughput: 400 → 300 req/s (25% lower, worse)',
      flags: ['worse'],
    },
    // Same value.
    {
      name: 'Latency',
      before: 180,
      after: 180,
      unit: 'ms',
      direction: lower,
      text: 'Latency: 180 ms → 180 ms (no change)',
      flags: ['no change'],
    },
    {
      name: 'Errors',
      before: 0,
      after: 0,
      unit: 'errors',
      direction: lower,
      text: 'Errors: 0 → 0 errors (no change)',
      flags: ['no change'],
    },
    // Values that look equal at the usual precision.
    {
      name: 'Score',
      before: 1,
      after: 1.001,
      unit: 'points',
      direction: higher,
      text: 'Score: 1 → 1.001 points (0.1% higher)',
      flags: [],
    },
    // Zero baseline: no percent.
    {
      name: 'Errors',
      before: 0,
      after: 12,
      unit: 'errors',
      direction: higher,
      text: 'Errors: 0 → 12 errors (new)',
      flags: ['zero baseline'],
    },
    {
      name: 'Errors',
      before: 0,
      after: 12,
      unit: 'errors',
      direction: lower,
      text: 'Errors: 0 → 12 errors (new, worse)',
      flags: ['zero baseline', 'worse'],
    },
    {
      name: 'Adoption',
      before: 0,
      after: 4.5,
      unit: '%',
      direction: higher,
      text: 'Adoption: 0% → 4.5% (+4.5 pp, new)',
      flags: ['zero baseline'],
    },
    // Down to zero: percent, no factor.
    {
      name: 'Errors',
      before: 12,
      after: 0,
      unit: 'errors',
      direction: lower,
      text: 'Errors: 12 → 0 errors (100% lower)',
      flags: [],
    },
    // Close to zero without reaching it.
    {
      name: 'Bundle',
      before: 2500,
      after: 1,
      unit: 'KB',
      direction: lower,
      text: 'Bundle: 2.44 MB → 1 KB (>99.9% lower, 2,500× smaller)',
      flags: [],
    },
    // Missing values.
    {
      name: 'P95 latency',
      before: null,
      after: 180,
      unit: 'ms',
      direction: lower,
      text: 'P95 latency: after 180 ms (no baseline)',
      flags: ['missing baseline'],
    },
    {
      name: 'P95 latency',
      before: 2500,
      after: null,
      unit: 'ms',
      direction: lower,
      text: 'P95 latency: before 2.5 s (no result yet)',
      flags: ['missing result'],
    },
    {
      name: 'P95 latency',
      before: null,
      after: null,
      unit: 'ms',
      direction: lower,
      text: 'P95 latency: no values yet',
      flags: ['missing baseline', 'missing result'],
    },
    // No name: just the values.
    {
      name: '  ',
      before: 2500,
      after: 180,
      unit: 'ms',
      direction: lower,
      text: '2.5 s → 180 ms (93% lower, 13.9× faster)',
      flags: ['missing name'],
    },
    // No unit.
    {
      name: 'Deploys per week',
      before: 2,
      after: 10,
      unit: '',
      direction: higher,
      text: 'Deploys per week: 2 → 10 (400% higher, 5× more)',
      flags: ['missing unit'],
    },
  ])('$text', ({ name, before, after, unit, direction, text, flags }) => {
    const p = phraseMetric({ name, before, after, unit, direction });
    expect(p.text).toBe(text);
    expect(p.flags).toEqual(flags);
  });

  it('returns the numbers behind the phrase', () => {
    expect(
      phraseMetric({ name: 'x', before: 2500, after: 180, unit: 'ms', direction: lower }).change,
    ).toEqual({
      percent: -92.8,
      factor: 13.8888888889,
      difference: -2320,
      better: true,
    });
    expect(phraseMetric({ name: 'x', before: 0, after: 12, unit: '', direction: lower }).change).toEqual({
      percent: null,
      factor: null,
      difference: 12,
      better: false,
    });
    expect(
      phraseMetric({ name: 'x', before: 5, after: 5, unit: '', direction: lower }).change.better,
    ).toBeNull();
    expect(phraseMetric({ name: 'x', before: null, after: 5, unit: '', direction: lower }).change).toEqual({
      percent: null,
      factor: null,
      difference: null,
      better: null,
    });
  });

  it('splits the phrase for layouts that show the name apart', () => {
    const p = phraseMetric({ name: 'P95 latency', before: 2500, after: 180, unit: 'ms', direction: lower });
    expect(p.values).toBe('2.5 s → 180 ms (93% lower, 13.9× faster)');
    expect(p.summary).toBe('93% lower, 13.9× faster');
  });

  it('treats values that are not finite as missing', () => {
    const p = phraseMetric({ name: 'x', before: Number.NaN, after: 3, unit: 's', direction: lower });
    expect(p.flags).toContain('missing baseline');
  });
});

describe('mixed units typed by the user', () => {
  test.each([
    {
      case: 'seconds and milliseconds → ms',
      b: '2.5 s',
      a: '180 ms',
      fallback: '',
      out: { before: 2500, after: 180, unit: 'ms' },
    },
    {
      case: 'the other way round',
      b: '180 ms',
      a: '2.5 s',
      fallback: '',
      out: { before: 180, after: 2500, unit: 'ms' },
    },
    {
      case: 'minutes and seconds',
      b: '3 min',
      a: '45 s',
      fallback: '',
      out: { before: 180, after: 45, unit: 's' },
    },
    {
      case: 'GB and MB',
      b: '1.5 GB',
      a: '512 MB',
      fallback: '',
      out: { before: 1536, after: 512, unit: 'MB' },
    },
    {
      case: 'per minute and per second → per minute',
      b: '600 rpm',
      a: '50 req/s',
      fallback: '',
      out: { before: 600, after: 3000, unit: 'req/min' },
    },
    {
      case: 'same unit',
      b: '250ms',
      a: '200 ms',
      fallback: '',
      out: { before: 250, after: 200, unit: 'ms' },
    },
    {
      case: 'a bare number takes the other side’s unit',
      b: '2.5 s',
      a: '0.18',
      fallback: '',
      out: { before: 2.5, after: 0.18, unit: 's' },
    },
    {
      case: 'a bare number takes the metric’s unit',
      b: '2.5 s',
      a: '180',
      fallback: 'ms',
      out: { before: 2500, after: 180, unit: 'ms' },
    },
    { case: 'both bare', b: '2500', a: '180', fallback: 'ms', out: { before: 2500, after: 180, unit: 'ms' } },
    {
      case: 'one side empty',
      b: '',
      a: '180 ms',
      fallback: 's',
      out: { before: null, after: 0.18, unit: 's' },
    },
    { case: 'both empty', b: '', a: ' ', fallback: 'ms', out: { before: null, after: null, unit: 'ms' } },
  ])('$case', ({ b, a, fallback, out }) => {
    expect(normaliseQuantities(b, a, fallback)).toEqual({ ok: true, ...out });
  });

  test.each([
    ['1 GB', '5 s', 'both'],
    ['fast', '5 s', 'before'],
    ['5 s', 'soon', 'after'],
  ])('%j and %j cannot be stored (%s)', (b, a, field) => {
    expect(normaliseQuantities(b, a)).toMatchObject({ ok: false, field });
  });

  it('feeds the phrase: "2.5 s" and "180 ms" read as the issue says', () => {
    const n = normaliseQuantities('2.5 s', '180 ms');
    if (!n.ok) throw new Error(n.error);
    expect(phraseMetric({ name: 'P95 latency', ...n, direction: lower }).text).toBe(
      'P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)',
    );
  });

  test.each([
    {
      case: 'a unit of the same family converts',
      m: { before: null, after: 180, unit: 'ms' },
      field: 'before',
      text: '2.5 s',
      changes: { before: 2500 },
    },
    {
      case: 'a bare number is in the metric unit',
      m: { before: null, after: 180, unit: 'ms' },
      field: 'before',
      text: '2500',
      changes: { before: 2500 },
    },
    {
      case: 'no unit yet: the typed one is taken',
      m: { before: null, after: null, unit: '' },
      field: 'after',
      text: '180 ms',
      changes: { after: 180, unit: 'ms' },
    },
    {
      case: 'a different family with the other side empty switches the unit',
      m: { before: null, after: null, unit: 'ms' },
      field: 'before',
      text: '1.2 GB',
      changes: { before: 1.2, unit: 'GB' },
    },
    {
      case: 'empty clears',
      m: { before: 5, after: 180, unit: 'ms' },
      field: 'before',
      text: ' ',
      changes: { before: null },
    },
    {
      case: 'the same count noun',
      m: { before: 3, after: null, unit: 'errors' },
      field: 'after',
      text: '12 errors',
      changes: { after: 12 },
    },
  ] as const)('metricInput: $case', ({ m, field, text, changes }) => {
    expect(metricInput(m, field, text)).toEqual({ ok: true, changes });
  });

  test.each([
    [{ before: null, after: 180, unit: 'ms' }, 'before', '1.2 GB'],
    [{ before: null, after: 180, unit: 'ms' }, 'before', 'soon'],
  ] as const)('metricInput refuses %j %s %j', (m, field, text) => {
    expect(metricInput(m, field, text).ok).toBe(false);
  });
});

describe('guessDirection', () => {
  test.each([
    ['P95 latency', 'ms', lower],
    ['Error rate', 'errors/min', lower],
    ['Failed orders', 'orders', lower],
    ['Monthly infra cost', '$', lower],
    ['Uptime', '%', higher],
    ['Checkout conversion', '%', higher],
    ['Throughput', 'req/s', higher],
    ['Something', 'req/s', higher],
    ['Build time', 'min', lower],
    ['', '', lower],
  ])('%j (%s) → %s', (name, unit, direction) => {
    expect(guessDirection(name, unit)).toBe(direction);
  });
});

it('round-trips the humanised text through parseQuantity', () => {
  for (const [value, unit] of [
    [2500, 'ms'],
    [1536, 'MB'],
    [0.5, 'req/s'],
    [12, '%'],
  ] as const) {
    const q = parseQuantity(humanise(value, unit));
    expect(q).not.toBeNull();
    expect(convert(q?.value ?? 0, q?.unit ?? '', unit)).toBeCloseTo(value, 6);
  }
});
