/**
 * Readiness review of a case study (issue #7): pure rules over the model that list what a
 * reviewer would flag, each finding with a severity, a one-line "why" and a target the UI
 * can navigate to; dismissals (dismissals.ts); and the rubric score (score.ts).
 *
 *   const findings = reviewCaseStudy(bundle);
 *   const { active, dismissed } = applyDismissals(findings, bundle.caseStudy.reviewDismissals ?? []);
 *   const score = scoreCaseStudy(bundle, active);
 */
import type { CaseStudyBundle, ReviewDismissal } from '../model';
import { buildContext } from './context';
import { ALL_RULES } from './rules';
import { applyDismissals, type AppliedDismissals } from './dismissals';
import { scoreCaseStudy, type RubricScore } from './score';
import { SEVERITIES, type Finding, type Rule } from './types';

export * from './types';
export { buildContext, type ReviewContext, type TechnologyChoice } from './context';
export { normaliseTechnology, technologiesMatch, technologyWords } from './technology';
export * from './dismissals';
export * from './score';

export { ALL_RULES, RULES_BY_ID } from './rules';

/**
 * Every finding for the case study: by severity (must, should, consider), then rule order
 * (ALL_RULES), then subject order (as each rule walks the records: diagrams by tab order,
 * decisions by number, metrics and flows by their order, everything else in bundle order).
 * Deterministic; keys are unique (a repeated key keeps its first finding).
 */
export function reviewCaseStudy(
  bundle: CaseStudyBundle,
  rules: readonly Rule[] = ALL_RULES,
  ctx = buildContext(bundle),
): Finding[] {
  const seen = new Set<string>();
  const ranked: { f: Finding; severity: number; rule: number; n: number }[] = [];
  rules.forEach((rule, ruleIndex) => {
    rule.check(bundle, ctx).forEach((f, n) => {
      if (seen.has(f.key)) return;
      seen.add(f.key);
      ranked.push({ f, severity: SEVERITIES.indexOf(f.severity), rule: ruleIndex, n });
    });
  });
  ranked.sort((a, b) => a.severity - b.severity || a.rule - b.rule || a.n - b.n);
  return ranked.map((r) => r.f);
}

export interface Review extends AppliedDismissals {
  /** Every finding, dismissed or not. */
  findings: Finding[];
  /** Scored on the active findings. */
  score: RubricScore;
}

/** Findings, dismissals applied (the case study's own by default) and the score, in one pass. */
export function review(
  bundle: CaseStudyBundle,
  dismissals: readonly ReviewDismissal[] = bundle.caseStudy.reviewDismissals ?? [],
): Review {
  const ctx = buildContext(bundle);
  const findings = reviewCaseStudy(bundle, ALL_RULES, ctx);
  const applied = applyDismissals(findings, dismissals);
  return { findings, ...applied, score: scoreCaseStudy(bundle, applied.active, ctx) };
}
