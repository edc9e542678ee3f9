import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/lib/model';
import {
  decisionAcceptedNoDate,
  decisionFewOptions,
  decisionNoConsequences,
  decisionNoRationale,
  decisionOnlyUpsides,
  decisionSupersededLinked,
} from '../../../src/lib/review/rules/decisions';
import type { Rule } from '../../../src/lib/review';
import { BundleBuilder, run, titles } from './builder';

const NAME = 'TDR-001 "PostgreSQL over MongoDB"';

/** One good decision with `change` applied; the rule's titles. */
function check(rule: Rule, change: Partial<Decision> & { optionTitles?: string[] }): string[] {
  const b = new BundleBuilder();
  b.goodDecision(change);
  return titles(rule, b.build());
}

describe('decision rules on one decision', () => {
  const none = { positive: [], negative: [], tradeOffs: [] };
  const cases: {
    name: string;
    rule: Rule;
    change: Partial<Decision> & { optionTitles?: string[] };
    expect: string[];
  }[] = [
    {
      name: 'few-options fires: no options',
      rule: decisionFewOptions,
      change: { optionTitles: [] },
      expect: [`${NAME} lists no options`],
    },
    {
      name: 'few-options fires: one option',
      rule: decisionFewOptions,
      change: { optionTitles: ['PostgreSQL'] },
      expect: [`${NAME} weighs only one option`],
    },
    {
      name: 'few-options fires: a blank second option does not count',
      rule: decisionFewOptions,
      change: { optionTitles: ['PostgreSQL', ' '] },
      expect: [`${NAME} weighs only one option`],
    },
    { name: 'few-options quiet: two options', rule: decisionFewOptions, change: {}, expect: [] },
    {
      name: 'no-rationale fires',
      rule: decisionNoRationale,
      change: { rationale: ' ' },
      expect: [`${NAME} has no rationale`],
    },
    { name: 'no-rationale quiet', rule: decisionNoRationale, change: {}, expect: [] },
    {
      name: 'no-consequences fires: nothing recorded',
      rule: decisionNoConsequences,
      change: { consequences: none },
      expect: [`${NAME} records no consequences or trade-off accepted`],
    },
    {
      name: 'no-consequences fires: blank lines only',
      rule: decisionNoConsequences,
      change: { consequences: { positive: [''], negative: [' '], tradeOffs: [] } },
      expect: [`${NAME} records no consequences or trade-off accepted`],
    },
    {
      name: 'no-consequences quiet: a negative consequence alone',
      rule: decisionNoConsequences,
      change: { consequences: { ...none, negative: ['Migration effort'] } },
      expect: [],
    },
    {
      name: 'only-upsides fires: positives only',
      rule: decisionOnlyUpsides,
      change: { consequences: { ...none, positive: ['Fast'] } },
      expect: [`${NAME} lists only upsides`],
    },
    {
      name: 'only-upsides quiet: a negative consequence counts as a trade-off',
      rule: decisionOnlyUpsides,
      change: { consequences: { ...none, positive: ['Fast'], negative: ['Costly'] } },
      expect: [],
    },
    {
      name: 'only-upsides quiet: nothing at all (no-consequences covers it)',
      rule: decisionOnlyUpsides,
      change: { consequences: none },
      expect: [],
    },
    {
      name: 'accepted-no-date fires',
      rule: decisionAcceptedNoDate,
      change: { date: '' },
      expect: [`${NAME} is accepted but has no date`],
    },
    {
      name: 'accepted-no-date quiet: proposed with no date',
      rule: decisionAcceptedNoDate,
      change: { date: '', status: 'proposed' },
      expect: [],
    },
    { name: 'accepted-no-date quiet: dated', rule: decisionAcceptedNoDate, change: {}, expect: [] },
  ];
  it.each(cases)('$name', ({ rule, change, expect: expected }) => {
    expect(check(rule, change)).toEqual(expected);
  });

  it('points at the field to fix and keys by decision id', () => {
    const b = new BundleBuilder();
    const d = b.goodDecision({ rationale: '', optionTitles: [] });
    const bundle = b.build();
    expect(run(decisionNoRationale, bundle)[0]).toMatchObject({
      key: `decision.no-rationale:${d.id}`,
      severity: 'must',
      target: { type: 'decision', id: d.id, field: 'rationale' },
    });
    expect(run(decisionFewOptions, bundle)[0]?.target).toEqual({
      type: 'decision',
      id: d.id,
      field: 'options',
    });
  });

  it('lists decisions by number', () => {
    const b = new BundleBuilder();
    b.goodDecision({ number: 3, title: 'Third', rationale: '' });
    b.goodDecision({ number: 1, title: 'First', rationale: '' });
    expect(titles(decisionNoRationale, b.build())).toEqual([
      'TDR-001 "First" has no rationale',
      'TDR-003 "Third" has no rationale',
    ]);
  });
});

describe('decision.superseded-linked', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; expect: string[] }[] = [
    {
      name: 'fires: superseded and linked to a live component',
      build: (b) => {
        const db = b.component('database', 'Orders DB');
        const next = b.goodDecision({ number: 2, title: 'New' });
        b.goodDecision({
          number: 1,
          title: 'Old',
          status: 'superseded',
          supersededBy: next.id,
          componentIds: [db.id],
        });
      },
      expect: ['TDR-001 "Old" is superseded but still linked to Orders DB'],
    },
    {
      name: 'fires: status still accepted but superseded-by an existing decision',
      build: (b) => {
        const db = b.component('database', 'Orders DB');
        const next = b.goodDecision({ number: 2, title: 'New' });
        b.goodDecision({ number: 1, title: 'Old', supersededBy: next.id, componentIds: [db.id] });
      },
      expect: ['TDR-001 "Old" is superseded but still linked to Orders DB'],
    },
    {
      name: 'fires: linked to a live connection only',
      build: (b) => {
        const c = b.connect(b.component('service', 'A'), b.component('database', 'B'), { label: 'INSERT' });
        b.goodDecision({ title: 'Old', status: 'superseded', connectionIds: [c.id] });
      },
      expect: ['TDR-001 "Old" is superseded but still linked to "INSERT" (A → B)'],
    },
    {
      name: 'quiet: superseded, links only to deleted components',
      build: (b) => {
        b.goodDecision({ title: 'Old', status: 'superseded', componentIds: ['cmp_gone'] });
      },
      expect: [],
    },
    {
      name: 'quiet: superseded and unlinked',
      build: (b) => {
        b.component('database', 'Orders DB');
        b.goodDecision({ title: 'Old', status: 'superseded' });
      },
      expect: [],
    },
    {
      name: 'quiet: an accepted decision linked to components',
      build: (b) => {
        const db = b.component('database', 'Orders DB');
        b.goodDecision({ componentIds: [db.id] });
      },
      expect: [],
    },
  ];
  it.each(cases)('$name', ({ build, expect: expected }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(decisionSupersededLinked, b.build())).toEqual(expected);
  });

  it('points at the links (components first, else connections)', () => {
    const b = new BundleBuilder();
    const c = b.connect(b.component('service', 'A'), b.component('database', 'B'));
    const d = b.goodDecision({ status: 'superseded', connectionIds: [c.id] });
    expect(run(decisionSupersededLinked, b.build())[0]?.target).toEqual({
      type: 'decision',
      id: d.id,
      field: 'connectionIds',
    });
  });
});
