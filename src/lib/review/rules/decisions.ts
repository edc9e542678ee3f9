/**
 * Decisions (every status; a rejected or superseded decision is still read by reviewers).
 * - An option counts when it has a title or a description.
 * - Consequences: any non-blank positive, negative or trade-off line. A trade-off is
 *   accepted when there is a trade-off line or a negative consequence.
 * - Superseded: status 'superseded', or superseded-by pointing at a decision that exists.
 *   "Live" links: component / connection ids that exist in the case study.
 */
import type { Decision } from '../../model';
import { blank, nameList, type ReviewContext } from '../context';
import { defineRule } from './define';

export function optionCount(d: Decision): number {
  return d.options.filter((o) => !blank(o.title) || !blank(o.description)).length;
}

const filled = (list: readonly string[]) => list.some((s) => !blank(s));

export function hasConsequences(d: Decision): boolean {
  const c = d.consequences;
  return filled(c.positive) || filled(c.negative) || filled(c.tradeOffs);
}

export function acceptsTradeOff(d: Decision): boolean {
  return filled(d.consequences.tradeOffs) || filled(d.consequences.negative);
}

export function isSuperseded(d: Decision, ctx: ReviewContext): boolean {
  return d.status === 'superseded' || (d.supersededBy !== null && ctx.decisionById.has(d.supersededBy));
}

/** Decisions by number (then bundle order), the order the decision list shows. */
export function byNumber(decisions: readonly Decision[]): Decision[] {
  return decisions
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.number - b.d.number || a.i - b.i)
    .map(({ d }) => d);
}

export const decisionFewOptions = defineRule(
  {
    id: 'decision.few-options',
    severity: 'must',
    criterion: 'architectureReasoning',
    description: 'A decision with fewer than two options.',
    why: 'A decision with one option is an announcement; reviewers want to see what else was weighed and why it lost.',
  },
  (bundle, ctx, emit) => {
    for (const d of byNumber(bundle.decisions)) {
      const n = optionCount(d);
      if (n >= 2) continue;
      const what = n === 0 ? 'lists no options' : 'weighs only one option';
      emit([d.id], `${ctx.decisionName(d)} ${what}`, { type: 'decision', id: d.id, field: 'options' });
    }
  },
);

export const decisionNoRationale = defineRule(
  {
    id: 'decision.no-rationale',
    severity: 'must',
    criterion: 'architectureReasoning',
    description: 'A decision with no rationale.',
    why: 'The rationale is what a reviewer grades: why this option won against the drivers.',
  },
  (bundle, ctx, emit) => {
    for (const d of byNumber(bundle.decisions)) {
      if (!blank(d.rationale)) continue;
      emit([d.id], `${ctx.decisionName(d)} has no rationale`, {
        type: 'decision',
        id: d.id,
        field: 'rationale',
      });
    }
  },
);

export const decisionNoConsequences = defineRule(
  {
    id: 'decision.no-consequences',
    severity: 'should',
    criterion: 'architectureReasoning',
    description: 'A decision with no consequences and no trade-off accepted.',
    why: 'Every choice costs something; naming the trade-off you accepted shows you saw it.',
  },
  (bundle, ctx, emit) => {
    for (const d of byNumber(bundle.decisions)) {
      if (hasConsequences(d)) continue;
      emit([d.id], `${ctx.decisionName(d)} records no consequences or trade-off accepted`, {
        type: 'decision',
        id: d.id,
        field: 'consequences',
      });
    }
  },
);

export const decisionOnlyUpsides = defineRule(
  {
    id: 'decision.only-upsides',
    severity: 'consider',
    criterion: 'architectureReasoning',
    description:
      'A decision whose consequences are all positive: no negative consequence or trade-off accepted.',
    why: 'A decision with only upsides reads as unexamined; reviewers look for the cost you chose to pay.',
  },
  (bundle, ctx, emit) => {
    for (const d of byNumber(bundle.decisions)) {
      if (!hasConsequences(d) || acceptsTradeOff(d)) continue;
      emit([d.id], `${ctx.decisionName(d)} lists only upsides`, {
        type: 'decision',
        id: d.id,
        field: 'consequences',
      });
    }
  },
);

export const decisionAcceptedNoDate = defineRule(
  {
    id: 'decision.accepted-no-date',
    severity: 'should',
    criterion: 'architectureReasoning',
    description: 'An accepted decision with no date.',
    why: 'Without a date a reader cannot place the decision in the project or judge what was known then.',
  },
  (bundle, ctx, emit) => {
    for (const d of byNumber(bundle.decisions)) {
      if (d.status !== 'accepted' || !blank(d.date)) continue;
      emit([d.id], `${ctx.decisionName(d)} is accepted but has no date`, {
        type: 'decision',
        id: d.id,
        field: 'date',
      });
    }
  },
);

export const decisionSupersededLinked = defineRule(
  {
    id: 'decision.superseded-linked',
    severity: 'should',
    criterion: 'architectureReasoning',
    description: 'A superseded decision still linked to components or connections that exist.',
    why: 'A superseded decision attached to live components tells readers the old reasoning still governs them.',
  },
  (bundle, ctx, emit) => {
    for (const d of byNumber(bundle.decisions)) {
      if (!isSuperseded(d, ctx)) continue;
      const components = d.componentIds.filter((id) => ctx.componentById.has(id));
      const connections = d.connectionIds.filter((id) => ctx.connectionById.has(id));
      if (components.length === 0 && connections.length === 0) continue;
      const names = [
        ...components.map((id) => ctx.nodeName(id)),
        ...connections.map((id) => {
          const c = ctx.connectionById.get(id);
          return c ? ctx.connectionName(c) : id;
        }),
      ];
      emit([d.id], `${ctx.decisionName(d)} is superseded but still linked to ${nameList(names)}`, {
        type: 'decision',
        id: d.id,
        field: components.length > 0 ? 'componentIds' : 'connectionIds',
      });
    }
  },
);

export const DECISION_RULES = [
  decisionFewOptions,
  decisionNoRationale,
  decisionNoConsequences,
  decisionOnlyUpsides,
  decisionAcceptedNoDate,
  decisionSupersededLinked,
];
