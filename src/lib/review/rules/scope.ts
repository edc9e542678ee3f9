/**
 * Scope: the case study says what it chose not to do, and why. A non-goal with blank text
 * is an empty row and does not count.
 */
import type { CaseStudy, NonGoal } from '../../model';
import { blank } from '../context';
import { defineRule } from './define';

export function writtenNonGoals(cs: CaseStudy): NonGoal[] {
  return cs.nonGoals.filter((g) => !blank(g.text));
}

export const scopeNoNonGoals = defineRule(
  {
    id: 'scope.no-non-goals',
    severity: 'should',
    criterion: 'clarity',
    description: 'The case study lists no non-goals.',
    why: 'Saying what you chose not to do shows judgement about scope; reviewers look for it.',
  },
  (bundle, _ctx, emit) => {
    if (writtenNonGoals(bundle.caseStudy).length > 0) return;
    emit([bundle.caseStudy.id], 'The case study lists no non-goals', {
      type: 'case-study',
      field: 'nonGoals',
    });
  },
);

export const scopeNonGoalNoWhy = defineRule(
  {
    id: 'scope.non-goal-no-why',
    severity: 'should',
    criterion: 'clarity',
    description: 'A non-goal with no reason.',
    why: 'A non-goal without a reason reads as something forgotten rather than something decided.',
  },
  (bundle, _ctx, emit) => {
    for (const g of writtenNonGoals(bundle.caseStudy)) {
      if (!blank(g.why)) continue;
      emit([g.id], `Non-goal "${g.text.trim()}" has no reason`, {
        type: 'case-study',
        field: 'nonGoals',
        itemId: g.id,
      });
    }
  },
);

export const SCOPE_RULES = [scopeNoNonGoals, scopeNonGoalNoWhy];
