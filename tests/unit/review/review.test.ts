import { describe, expect, it } from 'vitest';
import { createCaseStudy, type CaseStudyBundle } from '../../../src/lib/model';
import { ALL_RULES, SEVERITIES, reviewCaseStudy, type Finding } from '../../../src/lib/review';
import { componentByLabel, connectionByLabel, sampleBundle } from '../../fixtures/sample-bundle';
import { completeBundle } from './complete';

const IDS = /\b(cs|dgm|cmp|bnd|con|dec|met|flw|stp|ngl)_[a-z0-9]{16}\b/g;
const show = (f: Finding) => `${f.severity} ${f.title}`;

function emptyBundle(): CaseStudyBundle {
  return {
    caseStudy: createCaseStudy(),
    diagrams: [],
    components: [],
    boundaries: [],
    connections: [],
    decisions: [],
    tables: [],
    metrics: [],
    flows: [],
  };
}

describe('the rule set', () => {
  it('has unique rule ids without ":" (keys are ":"-separated)', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z-]+$/);
  });

  it('covers every rule group of the issue', () => {
    const groups = new Set(ALL_RULES.map((r) => r.id.split('.')[0]));
    expect([...groups].sort()).toEqual(
      [
        'component',
        'decision',
        'diagram',
        'flow',
        'metric',
        'metrics',
        'queue',
        'retry',
        'scope',
        'sync',
        'tech',
      ].sort(),
    );
  });
});

describe('reviewCaseStudy', () => {
  it('finds a sensible set in the sample case study', () => {
    expect(reviewCaseStudy(sampleBundle()).map(show)).toEqual([
      'must Diagram "Refunds" shows only the happy path',
      'must "GET price" (Refund service → Price cache) has no timeout',
      'should Payment worker has no technology',
      'should Refund service has no technology',
      'should Kong (API gateway) has no "why this choice"',
      'should Stripe API (Stripe) has no "why this choice"',
      'should Redis 7 (Price cache) has no "why this choice"',
      'should TDR-001 "Store orders in MongoDB" records no consequences or trade-off accepted',
      'should TDR-001 "Store orders in MongoDB" is superseded but still linked to Orders DB',
      'consider Kong (API gateway) has no alternatives considered',
      'consider Stripe API (Stripe) has no alternatives considered',
      'consider Redis 7 (Price cache) has no alternatives considered',
      'consider "TypeScript" is listed but no component uses it',
      'consider Kong (API gateway) is missing from the technologies list',
      'consider Node.js 20 (Checkout service) is missing from the technologies list',
      'consider Redis 7 (Price cache) is missing from the technologies list',
    ]);
  });

  it('finds nothing in a complete case study', () => {
    expect(reviewCaseStudy(completeBundle()).map(show)).toEqual([]);
  });

  it('asks an empty new case study for metrics and non-goals only', () => {
    expect(reviewCaseStudy(emptyBundle()).map((f) => f.ruleId)).toEqual([
      'metrics.none',
      'scope.no-non-goals',
    ]);
  });

  it('sorts by severity, then rule order, with unique keys', () => {
    const findings = reviewCaseStudy(sampleBundle());
    const rank = (f: Finding) => [
      SEVERITIES.indexOf(f.severity),
      ALL_RULES.findIndex((r) => r.id === f.ruleId),
    ];
    for (let i = 1; i < findings.length; i += 1) {
      const [s0 = 0, r0 = 0] = rank(findings[i - 1] as Finding);
      const [s1 = 0, r1 = 0] = rank(findings[i] as Finding);
      expect(s0 < s1 || (s0 === s1 && r0 <= r1)).toBe(true);
    }
    expect(new Set(findings.map((f) => f.key)).size).toBe(findings.length);
  });

  it('is deterministic and does not change the bundle', () => {
    const bundle = sampleBundle();
    const before = structuredClone(bundle);
    const a = reviewCaseStudy(bundle);
    expect(reviewCaseStudy(structuredClone(bundle))).toEqual(a);
    expect(bundle).toEqual(before);
  });

  it('finds the same keys whatever order the records come in', () => {
    const bundle = sampleBundle();
    const shuffled: CaseStudyBundle = {
      ...bundle,
      components: [...bundle.components].reverse(),
      connections: [...bundle.connections].reverse(),
      decisions: [...bundle.decisions].reverse(),
      flows: [...bundle.flows].reverse(),
    };
    const keys = (b: CaseStudyBundle) =>
      reviewCaseStudy(b)
        .map((f) => f.key)
        .sort();
    expect(keys(shuffled)).toEqual(keys(bundle));
  });

  it('keeps keys stable when labels and titles are edited', () => {
    const bundle = sampleBundle();
    const keys = reviewCaseStudy(bundle).map((f) => f.key);
    const edited = structuredClone(bundle);
    for (const c of edited.components) c.label = `${c.label} (renamed)`;
    for (const c of edited.connections) c.label = `${c.label}!`;
    for (const d of edited.diagrams) d.name = `${d.name} v2`;
    for (const d of edited.decisions) d.title = `${d.title} (edited)`;
    edited.caseStudy.title = 'Renamed';
    const after = reviewCaseStudy(edited);
    expect(after.map((f) => f.key)).toEqual(keys);
    expect(after.map((f) => f.title)).not.toEqual(reviewCaseStudy(bundle).map((f) => f.title));
  });

  it('keys name records by id, so the UI can find them', () => {
    const bundle = sampleBundle();
    const keys = reviewCaseStudy(bundle).map((f) => f.key);
    const refundPrices = connectionByLabel(bundle, 'GET price');
    expect(keys).toContain(`sync.no-timeout:${refundPrices.id}`);
    expect(keys).toContain(`component.no-technology:${componentByLabel(bundle, 'Payment worker').id}`);
    // Every id in a key is a record of the bundle.
    const known = new Set<string>([
      bundle.caseStudy.id,
      ...bundle.diagrams.map((x) => x.id),
      ...bundle.components.map((x) => x.id),
      ...bundle.connections.map((x) => x.id),
      ...bundle.decisions.map((x) => x.id),
    ]);
    for (const key of keys) for (const id of key.match(IDS) ?? []) expect(known.has(id)).toBe(true);
  });

  it('updates as the user edits: fixing a finding removes it', () => {
    const bundle = sampleBundle();
    connectionByLabel(bundle, 'GET price').policies.timeout = { ms: 200 };
    const titles = reviewCaseStudy(bundle).map((f) => f.title);
    expect(titles).not.toContain('"GET price" (Refund service → Price cache) has no timeout');
    // A timeout is a policy: the Refunds diagram no longer shows only the happy path either.
    expect(titles).not.toContain('Diagram "Refunds" shows only the happy path');
  });
});
