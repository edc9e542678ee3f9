import { describe, expect, it } from 'vitest';
import type { NonGoal } from '../../../src/lib/model';
import { scopeNoNonGoals, scopeNonGoalNoWhy } from '../../../src/lib/review/rules/scope';
import { BundleBuilder, run, titles } from './builder';

const ng = (id: string, text: string, why: string): NonGoal => ({ id: `ngl_${id}`, text, why });

describe('scope rules', () => {
  const cases: { name: string; nonGoals: NonGoal[]; none: boolean; noWhy: string[] }[] = [
    { name: 'no non-goals', nonGoals: [], none: true, noWhy: [] },
    { name: 'only blank non-goals count as none', nonGoals: [ng('a', ' ', 'x')], none: true, noWhy: [] },
    {
      name: 'a non-goal with a reason',
      nonGoals: [ng('a', 'Multi-currency', 'EUR only')],
      none: false,
      noWhy: [],
    },
    {
      name: 'a non-goal without a reason',
      nonGoals: [ng('a', 'Multi-currency', 'EUR only'), ng('b', 'Mobile app', ' ')],
      none: false,
      noWhy: ['Non-goal "Mobile app" has no reason'],
    },
  ];
  it.each(cases)('$name', ({ nonGoals, none, noWhy }) => {
    const b = new BundleBuilder({ nonGoals });
    const bundle = b.build();
    expect(titles(scopeNoNonGoals, bundle)).toEqual(none ? ['The case study lists no non-goals'] : []);
    expect(titles(scopeNonGoalNoWhy, bundle)).toEqual(noWhy);
  });

  it('points at the non-goal to fix', () => {
    const b = new BundleBuilder({ nonGoals: [ng('b', 'Mobile app', '')] });
    expect(run(scopeNonGoalNoWhy, b.build())[0]).toMatchObject({
      key: 'scope.non-goal-no-why:ngl_b',
      target: { type: 'case-study', field: 'nonGoals', itemId: 'ngl_b' },
    });
  });
});
