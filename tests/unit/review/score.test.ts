import { describe, expect, it } from 'vitest';
import { createCaseStudy, createDiagram, type CaseStudyBundle } from '../../../src/lib/model';
import {
  MUST_FIX_DEDUCTION,
  RUBRIC,
  applyDismissals,
  dismissFinding,
  review,
  reviewCaseStudy,
  scoreCaseStudy,
  type RubricScore,
} from '../../../src/lib/review';
import { sampleBundle } from '../../fixtures/sample-bundle';
import { completeBundle } from './complete';

function newCaseStudy(): CaseStudyBundle {
  const caseStudy = createCaseStudy();
  return {
    caseStudy,
    diagrams: [createDiagram({ caseStudyId: caseStudy.id })],
    components: [],
    boundaries: [],
    connections: [],
    decisions: [],
    tables: [],
    metrics: [],
    flows: [],
  };
}

const criterion = (s: RubricScore, id: string) => {
  const c = s.criteria.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

/** The invariants every score keeps. */
function expectConsistent(s: RubricScore) {
  expect(s.max).toBe(100);
  expect(s.criteria.map((c) => [c.id, c.weight])).toEqual(RUBRIC.map((r) => [r.id, r.weight]));
  expect(s.total).toBe(s.criteria.reduce((sum, c) => sum + c.points, 0));
  expect(Number.isInteger(s.total) && s.total >= 0 && s.total <= 100).toBe(true);
  for (const c of s.criteria) {
    expect(c.checks.reduce((sum, x) => sum + x.max, 0)).toBe(c.weight);
    const earned = c.checks.reduce((sum, x) => sum + x.points, 0);
    expect(c.points).toBe(earned - c.deduction.points);
    expect(c.points).toBeGreaterThanOrEqual(0);
    for (const x of c.checks) {
      expect(Number.isInteger(x.points) && x.points >= 0 && x.points <= x.max).toBe(true);
      // Every check explains itself: what earned its points, what would earn the rest.
      expect(x.earned === null).toBe(x.points === 0);
      expect(x.toEarnMore === null).toBe(x.points === x.max);
      if (x.earned) expect(x.earned).toMatch(new RegExp(`\\(${x.points}/${x.max}\\)$`));
      if (x.toEarnMore) expect(x.toEarnMore).toMatch(new RegExp(`\\(\\+${x.max - x.points}\\)$`));
    }
    expect(c.earned).toEqual(c.checks.flatMap((x) => (x.earned ? [x.earned] : [])));
  }
}

describe('scoreCaseStudy', () => {
  it('scores the sample case study and says what earned points and what would earn more', () => {
    const bundle = sampleBundle();
    const s = scoreCaseStudy(bundle, reviewCaseStudy(bundle));
    expectConsistent(s);
    expect(s.criteria.map((c) => [c.id, c.points])).toEqual([
      ['clarity', 20],
      ['technicalDepth', 22],
      ['architectureReasoning', 22],
      ['evidence', 20],
    ]);
    expect(s.total).toBe(84);
    const depth = criterion(s, 'technicalDepth');
    expect(depth.earned).toContain('7 of 9 components name their technology (4/6)');
    expect(depth.toEarnMore).toEqual([
      'Name the technology of 2 components: Payment worker and Refund service (+2)',
      'Add a timeout to 2 synchronous calls: "UPDATE order status" (Payment worker → Orders DB) and "GET price" (Refund service → Price cache) (+2)',
      'Fix or dismiss (with a reason) 2 open must-fix findings: Diagram "Refunds" shows only the happy path and "GET price" (Refund service → Price cache) has no timeout (+4)',
    ]);
    expect(criterion(s, 'architectureReasoning').toEarnMore).toContain(
      'Add a "why this choice" to 3 technologies: Kong, Stripe API and Redis 7 (+3)',
    );
    expect(criterion(s, 'clarity').earned).toContain('Every connection is labelled with its message (4/4)');
  });

  it('gives a complete case study 100', () => {
    const s = scoreCaseStudy(completeBundle(), []);
    expectConsistent(s);
    expect(s.total).toBe(100);
    for (const c of s.criteria) expect(c.toEarnMore).toEqual([]);
  });

  it('gives an empty new case study 0, every check saying what to add', () => {
    const bundle = newCaseStudy();
    const s = scoreCaseStudy(bundle, reviewCaseStudy(bundle));
    expectConsistent(s);
    expect(s.total).toBe(0);
    for (const c of s.criteria) {
      expect(c.earned).toEqual([]);
      expect(c.toEarnMore.length).toBeGreaterThanOrEqual(c.checks.length);
    }
    expect(criterion(s, 'evidence').toEarnMore).toContain(
      'Add at least two metrics with a before and an after value (+4)',
    );
    expect(criterion(s, 'clarity').toEarnMore).toContain(
      'Describe the problem and its context in the Overview section (+4)',
    );
  });

  it('a small start earns its points and names the next step', () => {
    const bundle = newCaseStudy();
    bundle.caseStudy.oneLiner = 'Faster checkout';
    bundle.caseStudy.template = 'star-plus';
    const s = scoreCaseStudy(bundle, reviewCaseStudy(bundle));
    expectConsistent(s);
    expect(criterion(s, 'clarity').points).toBe(3);
    expect(criterion(s, 'clarity').toEarnMore).toContain(
      'Describe the problem and its context in the Situation section (+4)',
    );
  });

  it('open must-fix findings cost their criterion; dismissing lifts the cost but earns no check points', () => {
    const bundle = sampleBundle();
    const findings = reviewCaseStudy(bundle);
    const all = scoreCaseStudy(bundle, findings);
    let stored = bundle.caseStudy.reviewDismissals ?? [];
    for (const f of findings) stored = dismissFinding(stored, f.key, 'accepted', 1);
    const { active } = applyDismissals(findings, stored);
    const none = scoreCaseStudy(bundle, active);
    expectConsistent(none);
    const before = criterion(all, 'technicalDepth');
    const after = criterion(none, 'technicalDepth');
    expect(before.deduction.points).toBe(2 * MUST_FIX_DEDUCTION);
    expect(after.deduction).toEqual({ points: 0, findingKeys: [] });
    expect(after.points).toBe(before.points + before.deduction.points);
    // The checks read the model, not the findings: nothing done, nothing earned.
    expect(after.checks).toEqual(before.checks);
    expect(none.total - all.total).toBe(before.deduction.points);
  });

  it('should-fix and consider findings cost nothing beyond their checks', () => {
    const bundle = sampleBundle();
    const findings = reviewCaseStudy(bundle).filter((f) => f.severity !== 'must');
    const s = scoreCaseStudy(bundle, findings);
    for (const c of s.criteria) expect(c.deduction.points).toBe(0);
  });

  it('caps the deduction at a fifth of the weight', () => {
    const bundle = sampleBundle();
    const must = reviewCaseStudy(bundle).find((f) => f.severity === 'must' && f.ruleId === 'sync.no-timeout');
    if (!must) throw new Error('no must finding');
    const many = Array.from({ length: 10 }, (_, i) => ({ ...must, key: `${must.key}${i}` }));
    expect(criterion(scoreCaseStudy(bundle, many), 'technicalDepth').deduction.points).toBe(6);
  });
});

describe('review (findings, dismissals and score in one pass)', () => {
  it('uses the case study’s stored dismissals', () => {
    const bundle = sampleBundle();
    const [first] = reviewCaseStudy(bundle);
    if (!first) throw new Error('no finding');
    bundle.caseStudy.reviewDismissals = dismissFinding([], first.key, 'known', 1);
    const r = review(bundle);
    expect(r.dismissed.map((d) => d.finding.key)).toEqual([first.key]);
    expect(r.active).toHaveLength(r.findings.length - 1);
    expect(r.score).toEqual(scoreCaseStudy(bundle, r.active));
  });
});
