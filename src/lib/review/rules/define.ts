import { findingKey, type CaseStudyBundle } from '../../model';
import type { ReviewContext } from '../context';
import type { Finding, FindingTarget, Rule } from '../types';

/** Adds a finding: its subjects (record ids or normalised text) make its key. */
export type Emit = (subjects: readonly string[], title: string, target: FindingTarget, why?: string) => void;

export interface RuleSpec extends Omit<Rule, 'check'> {
  /** The default one-line "why a reviewer cares". */
  why: string;
}

/** A rule from its spec and a pass that emits findings in subject order. */
export function defineRule(
  spec: RuleSpec,
  run: (bundle: CaseStudyBundle, ctx: ReviewContext, emit: Emit) => void,
): Rule {
  return {
    id: spec.id,
    severity: spec.severity,
    criterion: spec.criterion,
    description: spec.description,
    check(bundle, ctx) {
      const out: Finding[] = [];
      const emit: Emit = (subjects, title, target, why) => {
        out.push({
          key: findingKey(spec.id, ...subjects),
          ruleId: spec.id,
          severity: spec.severity,
          title,
          why: why ?? spec.why,
          target,
        });
      };
      run(bundle, ctx, emit);
      return out;
    },
  };
}
