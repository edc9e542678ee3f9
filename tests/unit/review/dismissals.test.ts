import { describe, expect, it } from 'vitest';
import {
  findingKey,
  parseBackup,
  parseFindingKey,
  rekeyBundle,
  rekeyFindingKey,
  serializeBackup,
  validateRecord,
  type ReviewDismissal,
} from '../../../src/lib/model';
import {
  MAX_DISMISSAL_REASON,
  applyDismissals,
  dismissFinding,
  rekeyDismissals,
  restoreFinding,
  reviewCaseStudy,
  type Finding,
} from '../../../src/lib/review';
import { connectionByLabel, sampleBundle } from '../../fixtures/sample-bundle';

const finding = (key: string): Finding => ({
  key,
  ruleId: key.split(':')[0] ?? '',
  severity: 'should',
  title: key,
  why: '',
  target: { type: 'case-study', field: 'nonGoals' },
});
const dismissal = (key: string, reason = 'n/a', at = 1): ReviewDismissal => ({ key, reason, at });

describe('applyDismissals', () => {
  it('splits findings into active and dismissed, keeping their order', () => {
    const findings = ['a:1', 'b:2', 'c:3'].map(finding);
    const { active, dismissed, inactive } = applyDismissals(findings, [
      dismissal('c:3', 'later'),
      dismissal('a:1'),
    ]);
    expect(active.map((f) => f.key)).toEqual(['b:2']);
    expect(dismissed.map((d) => [d.finding.key, d.dismissal.reason])).toEqual([
      ['a:1', 'n/a'],
      ['c:3', 'later'],
    ]);
    expect(inactive).toEqual([]);
  });

  it('keeps a dismissal whose finding is gone as inactive', () => {
    const { active, dismissed, inactive } = applyDismissals([finding('a:1')], [dismissal('gone:9')]);
    expect(active).toHaveLength(1);
    expect(dismissed).toEqual([]);
    expect(inactive).toEqual([dismissal('gone:9')]);
  });

  it('uses the last dismissal when a key is dismissed twice', () => {
    const { dismissed } = applyDismissals(
      [finding('a:1')],
      [dismissal('a:1', 'old'), dismissal('a:1', 'new', 2)],
    );
    expect(dismissed[0]?.dismissal).toEqual(dismissal('a:1', 'new', 2));
  });

  it('treats no dismissals as all active', () => {
    expect(applyDismissals([finding('a:1')]).active).toHaveLength(1);
  });
});

describe('dismissFinding / restoreFinding', () => {
  it('dismisses with a trimmed, capped reason, replacing an earlier dismissal', () => {
    let list = dismissFinding([], 'a:1', '  not in  scope ', 5);
    expect(list).toEqual([{ key: 'a:1', reason: 'not in scope', at: 5 }]);
    list = dismissFinding(list, 'a:1', 'x'.repeat(1000), 6);
    expect(list).toHaveLength(1);
    expect(list[0]?.reason).toHaveLength(MAX_DISMISSAL_REASON);
  });

  it('restores a finding by dropping its dismissal', () => {
    const list = [dismissal('a:1'), dismissal('b:2')];
    expect(restoreFinding(list, 'a:1')).toEqual([dismissal('b:2')]);
    expect(list).toHaveLength(2);
  });

  it('a dismissed finding stays dismissed across edits, goes inactive when fixed, and returns', () => {
    const bundle = sampleBundle();
    const call = connectionByLabel(bundle, 'GET price');
    const key = `sync.no-timeout:${call.id}`;
    const stored = dismissFinding([], key, 'Cache is in-process', 10);
    const dismissedKeys = () =>
      applyDismissals(reviewCaseStudy(bundle), stored).dismissed.map((d) => d.finding.key);

    expect(dismissedKeys()).toEqual([key]);
    call.label = 'GET /prices';
    expect(dismissedKeys()).toEqual([key]);
    call.policies.timeout = { ms: 100 };
    expect(dismissedKeys()).toEqual([]);
    expect(applyDismissals(reviewCaseStudy(bundle), stored).inactive.map((d) => d.key)).toEqual([key]);
    delete call.policies.timeout;
    expect(dismissedKeys()).toEqual([key]);
    expect(applyDismissals(reviewCaseStudy(bundle), restoreFinding(stored, key)).dismissed).toEqual([]);
  });
});

describe('finding keys', () => {
  it('encode subjects so they never contain ":"', () => {
    const key = findingKey('tech.unlisted', 'a:b c');
    expect(key).toBe('tech.unlisted:a%3Ab%20c');
    expect(parseFindingKey(key)).toEqual({ ruleId: 'tech.unlisted', subjects: ['a:b c'] });
    expect(parseFindingKey('rule')).toEqual({ ruleId: 'rule', subjects: [] });
  });

  it('re-key only the subjects the map knows, leaving the rest byte for byte', () => {
    const ref = (id: string) => (id === 'con_old' ? 'con_new' : id);
    expect(rekeyFindingKey('sync.no-timeout:con_old', ref)).toBe('sync.no-timeout:con_new');
    expect(rekeyFindingKey('flow.step-not-connected:flw_x:stp_y', ref)).toBe(
      'flow.step-not-connected:flw_x:stp_y',
    );
    expect(rekeyFindingKey('tech.unlisted:amazon%20sqs', ref)).toBe('tech.unlisted:amazon%20sqs');
    expect(rekeyFindingKey('odd:%E0%A4%A', ref)).toBe('odd:%E0%A4%A');
    expect(rekeyDismissals([dismissal('sync.no-timeout:con_old', 'why', 3)], ref)).toEqual([
      dismissal('sync.no-timeout:con_new', 'why', 3),
    ]);
  });
});

describe('stored dismissals', () => {
  function dismissedSample() {
    const bundle = sampleBundle();
    const findings = reviewCaseStudy(bundle);
    let list: ReviewDismissal[] = [];
    for (const f of findings) list = dismissFinding(list, f.key, `reason for ${f.ruleId}`, 7);
    bundle.caseStudy.reviewDismissals = [...list, dismissal('sync.no-timeout:con_elsewhere')];
    return { bundle, findings };
  }

  it('re-keying a bundle (duplicate, import) re-keys its dismissals', () => {
    const { bundle, findings } = dismissedSample();
    const copy = rekeyBundle(bundle, { now: 1 });
    const stored = copy.caseStudy.reviewDismissals ?? [];
    const applied = applyDismissals(reviewCaseStudy(copy), stored);
    expect(applied.active).toEqual([]);
    expect(applied.dismissed).toHaveLength(findings.length);
    expect(applied.inactive.map((d) => d.key)).toEqual(['sync.no-timeout:con_elsewhere']);
    // The original's keys no longer name anything in the copy.
    const callKey = `sync.no-timeout:${connectionByLabel(bundle, 'GET price').id}`;
    expect(stored.map((d) => d.key)).not.toContain(callKey);
    expect(stored.map((d) => d.key)).toContain(`sync.no-timeout:${connectionByLabel(copy, 'GET price').id}`);
  });

  it('a case study without dismissals stays without the field', () => {
    const copy = rekeyBundle(sampleBundle());
    expect('reviewDismissals' in copy.caseStudy).toBe(false);
  });

  it('validates as an optional case-study field and survives a backup round trip', () => {
    const { bundle } = dismissedSample();
    const checked = validateRecord('caseStudies', bundle.caseStudy);
    expect(checked.ok && checked.value.reviewDismissals).toEqual(bundle.caseStudy.reviewDismissals);
    const { reviewDismissals: _, ...old } = bundle.caseStudy;
    expect(validateRecord('caseStudies', old).ok).toBe(true);
    expect(
      validateRecord('caseStudies', { ...old, reviewDismissals: [{ key: 'a:1', reason: 3, at: 1 }] }).ok,
    ).toBe(false);
    const parsed = parseBackup(serializeBackup(bundle));
    expect(parsed.ok && parsed.bundle.caseStudy.reviewDismissals).toEqual(bundle.caseStudy.reviewDismissals);
  });
});
