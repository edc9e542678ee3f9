import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../src/lib/model';
import type { Rule } from '../../../src/lib/review';
import {
  metricNoBaseline,
  metricNoHowMeasured,
  metricNoResult,
  metricNoUnit,
  metricsNone,
} from '../../../src/lib/review/rules/metrics';
import { BundleBuilder, run, titles } from './builder';

describe('metric rules on one metric', () => {
  const cases: { name: string; rule: Rule; change: Partial<Metric>; expect: string[] }[] = [
    {
      name: 'no-baseline fires',
      rule: metricNoBaseline,
      change: { before: null },
      expect: ['p95 latency has no baseline'],
    },
    {
      name: 'no-baseline fires: not a finite number',
      rule: metricNoBaseline,
      change: { before: Number.NaN },
      expect: ['p95 latency has no baseline'],
    },
    {
      name: 'no-baseline quiet: a zero baseline is a baseline',
      rule: metricNoBaseline,
      change: { before: 0 },
      expect: [],
    },
    {
      name: 'no-result fires',
      rule: metricNoResult,
      change: { after: null },
      expect: ['p95 latency has no after value'],
    },
    { name: 'no-result quiet', rule: metricNoResult, change: {}, expect: [] },
    { name: 'no-unit fires', rule: metricNoUnit, change: { unit: ' ' }, expect: ['p95 latency has no unit'] },
    { name: 'no-unit quiet', rule: metricNoUnit, change: {}, expect: [] },
    {
      name: 'no-how-measured fires',
      rule: metricNoHowMeasured,
      change: { howMeasured: '' },
      expect: ['p95 latency does not say how it was measured'],
    },
    { name: 'no-how-measured quiet', rule: metricNoHowMeasured, change: {}, expect: [] },
    {
      name: 'an unnamed metric is still named',
      rule: metricNoUnit,
      change: { name: '', unit: '' },
      expect: ['Unnamed metric has no unit'],
    },
  ];
  it.each(cases)('$name', ({ rule, change, expect: expected }) => {
    const b = new BundleBuilder();
    b.goodMetric(change);
    expect(titles(rule, b.build())).toEqual(expected);
  });

  it('points at the field and keys by metric id', () => {
    const b = new BundleBuilder();
    const m = b.goodMetric({ before: null });
    expect(run(metricNoBaseline, b.build())[0]).toMatchObject({
      key: `metric.no-baseline:${m.id}`,
      severity: 'must',
      target: { type: 'metric', id: m.id, field: 'before' },
    });
  });
});

describe('metrics.none (a result with no metric at all)', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; expect: string[] }[] = [
    {
      name: 'fires: no metrics, no result text',
      build: () => undefined,
      expect: ['The case study has no metrics'],
    },
    {
      name: 'fires: result text but no metrics',
      build: (b) => {
        b.caseStudy.sections.result = 'Much faster.';
      },
      expect: ['The result is stated in words but has no metric'],
    },
    {
      name: 'fires: impact text (Problem–Solution–Impact) but no metrics',
      build: (b) => {
        b.caseStudy.sections.impact = 'Much faster.';
      },
      expect: ['The result is stated in words but has no metric'],
    },
    {
      name: 'quiet: one metric, even incomplete (the metric rules cover it)',
      build: (b) => void b.metric(),
      expect: [],
    },
  ];
  it.each(cases)('$name', ({ build, expect: expected }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(metricsNone, b.build())).toEqual(expected);
  });

  it('points at the metrics list, keyed by the case study', () => {
    const b = new BundleBuilder();
    expect(run(metricsNone, b.build())[0]).toMatchObject({
      key: `metrics.none:${b.caseStudyId}`,
      target: { type: 'case-study', field: 'metrics' },
    });
  });
});
