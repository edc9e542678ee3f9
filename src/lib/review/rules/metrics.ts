/**
 * Metrics: each needs a baseline (before), a result (after), a unit and how it was
 * measured. "A result section with no metric": the case study has no metric at all. This
 * fires whether or not result text is written — an outcome in words with no numbers is the
 * thing reviewers mark down, and no result at all is worse, not better — and the title says
 * which (result text under 'result', 'impact' or 'conclusion' counts as written).
 */
import type { CaseStudy, Metric, SectionKey } from '../../model';
import { blank } from '../context';
import { defineRule } from './define';

/** The sections that state the outcome, by template: STAR+ 'result', PSI 'impact', guide 'conclusion'. */
export const RESULT_SECTIONS: readonly SectionKey[] = ['result', 'impact', 'conclusion'];

export function hasResultText(cs: CaseStudy): boolean {
  return RESULT_SECTIONS.some((k) => !blank(cs.sections[k]));
}

export function byOrder(metrics: readonly Metric[]): Metric[] {
  return metrics
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.order - b.m.order || a.i - b.i)
    .map(({ m }) => m);
}

export const hasNumber = (n: number | null): boolean => n !== null && Number.isFinite(n);

export const metricNoBaseline = defineRule(
  {
    id: 'metric.no-baseline',
    severity: 'must',
    criterion: 'evidence',
    description: 'A metric with no baseline (before value).',
    why: 'Without a before value the improvement cannot be computed, so the result is an unverifiable claim.',
  },
  (bundle, _ctx, emit) => {
    for (const m of byOrder(bundle.metrics)) {
      if (hasNumber(m.before)) continue;
      emit([m.id], `${m.name.trim() || 'Unnamed metric'} has no baseline`, {
        type: 'metric',
        id: m.id,
        field: 'before',
      });
    }
  },
);

export const metricNoResult = defineRule(
  {
    id: 'metric.no-result',
    severity: 'should',
    criterion: 'evidence',
    description: 'A metric with no result (after value).',
    why: 'A baseline with no after value shows the problem but not that you solved it.',
  },
  (bundle, _ctx, emit) => {
    for (const m of byOrder(bundle.metrics)) {
      if (hasNumber(m.after)) continue;
      emit([m.id], `${m.name.trim() || 'Unnamed metric'} has no after value`, {
        type: 'metric',
        id: m.id,
        field: 'after',
      });
    }
  },
);

export const metricNoUnit = defineRule(
  {
    id: 'metric.no-unit',
    severity: 'should',
    criterion: 'evidence',
    description: 'A metric with no unit.',
    why: '"2500 → 180" means nothing until it says ms, requests per second or errors per day.',
  },
  (bundle, _ctx, emit) => {
    for (const m of byOrder(bundle.metrics)) {
      if (!blank(m.unit)) continue;
      emit([m.id], `${m.name.trim() || 'Unnamed metric'} has no unit`, {
        type: 'metric',
        id: m.id,
        field: 'unit',
      });
    }
  },
);

export const metricNoHowMeasured = defineRule(
  {
    id: 'metric.no-how-measured',
    severity: 'should',
    criterion: 'evidence',
    description: 'A metric that does not say how it was measured.',
    why: 'Reviewers trust numbers whose source they can check: the tool, the percentile, the window.',
  },
  (bundle, _ctx, emit) => {
    for (const m of byOrder(bundle.metrics)) {
      if (!blank(m.howMeasured)) continue;
      emit([m.id], `${m.name.trim() || 'Unnamed metric'} does not say how it was measured`, {
        type: 'metric',
        id: m.id,
        field: 'howMeasured',
      });
    }
  },
);

export const metricsNone = defineRule(
  {
    id: 'metrics.none',
    severity: 'must',
    criterion: 'evidence',
    description: 'The case study has no metric at all (whether or not result text is written).',
    why: 'Quantified before/after results are the first evidence reviewers look for.',
  },
  (bundle, _ctx, emit) => {
    if (bundle.metrics.length > 0) return;
    const title = hasResultText(bundle.caseStudy)
      ? 'The result is stated in words but has no metric'
      : 'The case study has no metrics';
    emit([bundle.caseStudy.id], title, { type: 'case-study', field: 'metrics' });
  },
);

export const METRIC_RULES = [
  metricNoBaseline,
  metricNoResult,
  metricNoUnit,
  metricNoHowMeasured,
  metricsNone,
];
