/**
 * The rubric score: clarity 20, technical depth 30, architecture reasoning 30, evidence 20.
 *
 * Each criterion is a list of transparent checks over the model, each worth whole points:
 * a check earns `floor(max × share done)`, so full points only when everything it counts is
 * done, and the earned lines add up to the criterion's points. Every check says what earned
 * its points and, when short, what would earn more (naming the records to fix).
 *
 * Open findings: each active must-fix finding costs its rule's criterion 2 points (at most a
 * fifth of the criterion's weight), shown as a "to earn more" line. The caller passes the
 * active findings (after `applyDismissals`), so dismissing a must-fix finding with a reason
 * lifts that deduction — but never earns a check's points: the checks read the model, not
 * the findings, so work not done stays unearned whatever is dismissed. Should-fix and
 * consider findings cost nothing beyond the checks they mirror.
 *
 * A check whose subject does not exist earns nothing ("no decisions yet"), except where the
 * absence is a fine design: no synchronous calls to time out, or no queues to protect, earn
 * full points once the diagram has connections at all. An empty case study scores 0 with
 * every check saying what to add.
 */
import { BOUNDARY_CATALOGUE, type BoundaryKind, type CaseStudyBundle, type SectionKey } from '../model';
import { blank, buildContext, nameList, type ReviewContext } from './context';
import { RULES_BY_ID } from './rules';
import { needsTechnology } from './rules/components';
import { acceptsTradeOff, byNumber, isSuperseded, optionCount } from './rules/decisions';
import { flowsByOrder } from './rules/flows';
import { byOrder, hasNumber, hasResultText } from './rules/metrics';
import { consumedQueues } from './rules/queues';
import { writtenNonGoals } from './rules/scope';
import type { CriterionId, Finding } from './types';

export interface ScoreCheck {
  id: string;
  /** What the check looks for: "Components name their technology". */
  label: string;
  max: number;
  points: number;
  /** What earned the points: "8 of 9 components name their technology (5/6)"; null at 0 points. */
  earned: string | null;
  /** What would earn the rest: "Name the technology of Payment worker (+1)"; null at full points. */
  toEarnMore: string | null;
}

export interface CriterionScore {
  id: CriterionId;
  label: string;
  /** Its share of 100. */
  weight: number;
  /** Checks' points minus the open-findings deduction, 0…weight. */
  points: number;
  checks: ScoreCheck[];
  /** Points taken off for open must-fix findings of this criterion, and which. */
  deduction: { points: number; findingKeys: string[] };
  /** Lines to show: what earned points… */
  earned: string[];
  /** …and what would earn more (checks first, then the deduction). */
  toEarnMore: string[];
}

export interface RubricScore {
  /** Sum of the criteria's points, 0–100. */
  total: number;
  max: 100;
  criteria: CriterionScore[];
}

export const RUBRIC: readonly { id: CriterionId; label: string; weight: number }[] = [
  { id: 'clarity', label: 'Clarity', weight: 20 },
  { id: 'technicalDepth', label: 'Technical depth', weight: 30 },
  { id: 'architectureReasoning', label: 'Architecture reasoning', weight: 30 },
  { id: 'evidence', label: 'Evidence', weight: 20 },
];

/** Points an open must-fix finding costs its criterion. */
export const MUST_FIX_DEDUCTION = 2;

// ---------------------------------------------------------------------------
// Check helpers
// ---------------------------------------------------------------------------

interface CheckSpec {
  id: string;
  label: string;
  max: number;
  /** Share done, 0…1. */
  share: number;
  /** The earned line without points. */
  earned: string;
  /** The advice without points. */
  advice: string;
}

function check(spec: CheckSpec): ScoreCheck {
  const share = Math.min(1, Math.max(0, Number.isFinite(spec.share) ? spec.share : 0));
  const points = Math.floor(spec.max * share + 1e-9);
  return {
    id: spec.id,
    label: spec.label,
    max: spec.max,
    points,
    earned: points > 0 ? `${spec.earned} (${points}/${spec.max})` : null,
    toEarnMore: points < spec.max ? `${spec.advice} (+${spec.max - points})` : null,
  };
}

/** "1 component" / "3 components". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A check over a list: share = done / all. `all` empty → 0 with `none` as the advice.
 * Earned: "Every …" when all are done, else "k of n …".
 */
function coverage<T>(spec: {
  id: string;
  label: string;
  max: number;
  items: readonly T[];
  ok: (x: T) => boolean;
  name: (x: T) => string;
  /** "every component names its technology" → the "all done" line. */
  all: string;
  /** (k, n) → "8 of 9 components name their technology". */
  some: (k: number, n: number) => string;
  /** Missing names → advice. */
  fix: (missing: string[]) => string;
  /** Advice when there are no items. */
  none: string;
  /** Full points when there are no items (the absence is fine), with this line. */
  noneIsFine?: string;
}): ScoreCheck {
  const n = spec.items.length;
  if (n === 0) {
    if (spec.noneIsFine !== undefined) {
      return check({ ...spec, share: 1, earned: spec.noneIsFine, advice: '' });
    }
    return check({ ...spec, share: 0, earned: '', advice: spec.none });
  }
  const missing = spec.items.filter((x) => !spec.ok(x));
  const k = n - missing.length;
  return check({
    ...spec,
    share: k / n,
    earned: k === n ? spec.all : spec.some(k, n),
    advice: spec.fix(missing.map(spec.name)),
  });
}

const OPENING: Record<string, { key: SectionKey; name: string }> = {
  'star-plus': { key: 'situation', name: 'Situation' },
  'problem-solution-impact': { key: 'problem', name: 'Problem' },
  'case-study-guide': { key: 'overview', name: 'Overview' },
};
const RESULT: Record<string, { key: SectionKey; name: string }> = {
  'star-plus': { key: 'result', name: 'Result' },
  'problem-solution-impact': { key: 'impact', name: 'Impact' },
  'case-study-guide': { key: 'conclusion', name: 'Conclusion' },
};
const OPENING_SECTIONS: readonly SectionKey[] = ['overview', 'situation', 'problem', 'task'];
const FAILURE_BOUNDARY_KINDS: readonly BoundaryKind[] = [
  'region',
  'availability-zone',
  'trust-boundary',
  'failure-domain',
  'vpc',
];

// ---------------------------------------------------------------------------
// Criteria
// ---------------------------------------------------------------------------

function clarity(b: CaseStudyBundle, ctx: ReviewContext): ScoreCheck[] {
  const cs = b.caseStudy;
  const opening = OPENING[cs.template] ?? { key: 'overview', name: 'Overview' };
  const openingWritten = OPENING_SECTIONS.filter((k) => !blank(cs.sections[k]));
  const goals = cs.goals.filter((g) => !blank(g.text));
  const nonGoals = writtenNonGoals(cs);
  const flows = flowsByOrder(b.flows).filter((f) => f.steps.length > 0);
  return [
    check({
      id: 'one-liner',
      label: 'One-line value proposition',
      max: 3,
      share: blank(cs.oneLiner) ? 0 : 1,
      earned: 'States its value in one line',
      advice: 'Write a one-line value proposition: what changed, for whom, by how much',
    }),
    check({
      id: 'problem',
      label: 'The problem is set out',
      max: 4,
      share: openingWritten.length > 0 ? 1 : 0,
      earned: `Sets out the problem (${openingWritten.join(', ')})`,
      advice: `Describe the problem and its context in the ${opening.name} section`,
    }),
    check({
      id: 'goals',
      label: 'Goals stated',
      max: 3,
      share: goals.length > 0 ? 1 : 0,
      earned: `States ${count(goals.length, 'goal')}`,
      advice: 'State at least one goal',
    }),
    coverage({
      id: 'non-goals',
      label: 'Non-goals with reasons',
      max: 3,
      items: nonGoals,
      ok: (g) => !blank(g.why),
      name: (g) => `"${g.text.trim()}"`,
      all: 'Every non-goal says why it is out of scope',
      some: (k, n) => `${k} of ${n} non-goals say why they are out of scope`,
      fix: (m) => `Say why ${nameList(m)} ${m.length === 1 ? 'is' : 'are'} out of scope`,
      none: 'List what is out of scope (non-goals) and why',
    }),
    coverage({
      id: 'labelled-connections',
      label: 'Connections labelled with their message',
      max: 4,
      items: b.connections,
      ok: (c) => !blank(c.label),
      name: (c) => ctx.connectionName(c),
      all: 'Every connection is labelled with its message',
      some: (k, n) => `${k} of ${n} connections are labelled`,
      fix: (m) => `Label ${count(m.length, 'connection')} with the message or endpoint: ${nameList(m)}`,
      none: 'Connect the components and label each arrow with its message (POST /orders, order.created)',
    }),
    check({
      id: 'flows',
      label: 'A flow walks through a request',
      max: 3,
      share: flows.length > 0 ? 1 : 0,
      earned: `Walks through ${count(flows.length, 'flow')} step by step (${nameList(flows.map((f) => ctx.flowName(f)))})`,
      advice: 'Add a flow that walks through a request step by step',
    }),
  ];
}

function technicalDepth(b: CaseStudyBundle, ctx: ReviewContext): ScoreCheck[] {
  const drawn = b.connections.length > 0;
  const syncCalls = b.connections.filter((c) => c.mode === 'sync' && !c.failurePath);
  const retries = [...b.connections, ...b.components].filter((x) => (x.policies.retry?.baseDelayMs ?? 0) > 0);
  const breakers = [...b.connections, ...b.components].filter((x) => x.policies.circuitBreaker !== undefined);
  const failurePaths = b.connections.filter((c) => c.failurePath);
  const dlqs = b.components.filter((c) => c.kind === 'dead-letter-queue');
  const queues = consumedQueues(b.components, ctx);
  const boundaries = b.boundaries.filter((x) => FAILURE_BOUNDARY_KINDS.includes(x.kind));
  const errorFlows = b.flows.filter((f) => f.kind === 'error' && f.steps.length > 0);
  const needTech = b.components.filter(needsTechnology);
  const retryPoints = (retries.length > 0 ? 0.5 : 0) + (breakers.length > 0 ? 0.5 : 0);
  return [
    coverage({
      id: 'technology',
      label: 'Components name their technology',
      max: 6,
      items: needTech,
      ok: (c) => !blank(c.technology),
      name: (c) => ctx.nodeName(c.id),
      all: 'Every component names its technology',
      some: (k, n) => `${k} of ${n} components name their technology`,
      fix: (m) => `Name the technology of ${count(m.length, 'component')}: ${nameList(m)}`,
      none: 'Add the components of the system and name the technology of each',
    }),
    coverage({
      id: 'timeouts',
      label: 'Synchronous calls have timeouts',
      max: 6,
      items: drawn ? syncCalls : [],
      ok: (c) => ctx.callPolicies(c).timeout !== undefined,
      name: (c) => ctx.connectionName(c),
      all: 'Every synchronous call has a timeout',
      some: (k, n) => `${k} of ${n} synchronous calls have a timeout`,
      fix: (m) => `Add a timeout to ${count(m.length, 'synchronous call')}: ${nameList(m)}`,
      none: 'Draw the calls between components and give the synchronous ones a timeout',
      ...(drawn ? { noneIsFine: 'No synchronous calls to time out' } : {}),
    }),
    check({
      id: 'retry-breaker',
      label: 'Retries with backoff and circuit breakers',
      max: 4,
      share: retryPoints,
      earned: [
        retries.length > 0
          ? `retries with backoff on ${count(retries.length, 'call or component', 'calls or components')}`
          : '',
        breakers.length > 0 ? `circuit breakers on ${breakers.length}` : '',
      ]
        .filter(Boolean)
        .join('; ')
        .replace(/^./, (s) => s.toUpperCase()),
      advice: [
        retries.length === 0 ? 'add a retry with backoff to a call that can fail transiently' : '',
        breakers.length === 0 ? 'put a circuit breaker on a call to a dependency that can go down' : '',
      ]
        .filter(Boolean)
        .join('; ')
        .replace(/^./, (s) => s.toUpperCase()),
    }),
    check({
      id: 'failure-paths',
      label: 'Failure paths drawn',
      max: 4,
      share: failurePaths.length + dlqs.length > 0 ? 1 : 0,
      earned: `Shows where failed work goes (${[
        failurePaths.length > 0 ? count(failurePaths.length, 'failure-path connection') : '',
        dlqs.length > 0 ? count(dlqs.length, 'dead letter queue') : '',
      ]
        .filter(Boolean)
        .join(', ')})`,
      advice: 'Draw where failed work goes: a failure-path connection or a dead letter queue',
    }),
    coverage({
      id: 'queues',
      label: 'Queues have a dead-letter target or retry',
      max: 4,
      items: drawn ? queues : [],
      ok: (q) => q.deadLetter || q.retry,
      name: (q) => ctx.nodeName(q.queue.id),
      all: 'Every consumed queue or stream has a dead-letter target or retry',
      some: (k, n) => `${k} of ${n} consumed queues or streams have a dead-letter target or retry`,
      fix: (m) => `Give ${nameList(m)} a dead-letter target or a retry policy`,
      none: 'Draw the system first',
      ...(drawn ? { noneIsFine: 'No queues or streams to protect' } : {}),
    }),
    check({
      id: 'error-flow',
      label: 'An error flow',
      max: 4,
      share: errorFlows.length > 0 ? 1 : 0,
      earned: `Walks through a failure (${nameList(errorFlows.map((f) => ctx.flowName(f)))})`,
      advice: 'Add an error flow that walks through a failure and the recovery',
    }),
    check({
      id: 'boundaries',
      label: 'Failure boundaries drawn',
      max: 2,
      share: boundaries.length > 0 ? 1 : 0,
      earned: `Draws failure boundaries (${nameList(boundaries.map((x) => ctx.nodeName(x.id)))})`,
      advice: `Group components in the boundaries they fail within (${FAILURE_BOUNDARY_KINDS.map((k) => BOUNDARY_CATALOGUE[k].label.toLowerCase()).join(', ')})`,
    }),
  ];
}

function architectureReasoning(b: CaseStudyBundle, ctx: ReviewContext): ScoreCheck[] {
  const decisions = byNumber(b.decisions);
  const n = decisions.length;
  const live = decisions.filter((d) => !isSuperseded(d, ctx));
  const choices = ctx.technologyChoices;
  const choiceName = (c: (typeof choices)[number]) => c.technology;
  const noDecisions = 'Record a decision';
  return [
    check({
      id: 'decisions',
      label: 'Key decisions recorded',
      max: 4,
      share: Math.min(n, 2) / 2,
      earned: `Records ${count(n, 'decision')}`,
      advice: n === 0 ? 'Record the key decisions (at least two)' : 'Record another key decision',
    }),
    coverage({
      id: 'options',
      label: 'Decisions weigh two or more options',
      max: 5,
      items: decisions,
      ok: (d) => optionCount(d) >= 2,
      name: (d) => ctx.decisionName(d),
      all: 'Every decision weighs two or more options',
      some: (k, t) => `${k} of ${t} decisions weigh two or more options`,
      fix: (m) => `Add the options you weighed to ${nameList(m)}`,
      none: `${noDecisions} with the options you weighed`,
    }),
    coverage({
      id: 'rationale',
      label: 'Decisions give a rationale',
      max: 5,
      items: decisions,
      ok: (d) => !blank(d.rationale),
      name: (d) => ctx.decisionName(d),
      all: 'Every decision gives its rationale',
      some: (k, t) => `${k} of ${t} decisions give a rationale`,
      fix: (m) => `Write the rationale of ${nameList(m)}`,
      none: `${noDecisions} and why the chosen option won`,
    }),
    coverage({
      id: 'trade-offs',
      label: 'Decisions name the trade-off accepted',
      max: 5,
      items: decisions,
      ok: acceptsTradeOff,
      name: (d) => ctx.decisionName(d),
      all: 'Every decision names the trade-off it accepts',
      some: (k, t) => `${k} of ${t} decisions name the trade-off they accept`,
      fix: (m) => `Name the trade-off accepted (or a negative consequence) in ${nameList(m)}`,
      none: `${noDecisions} and the trade-off you accepted`,
    }),
    coverage({
      id: 'why',
      label: 'Technology choices say why',
      max: 5,
      items: choices,
      ok: (c) => c.hasWhy,
      name: choiceName,
      all: 'Every technology choice says why',
      some: (k, t) => `${k} of ${t} technology choices say why`,
      fix: (m) =>
        `Add a "why this choice" to ${count(m.length, 'technology', 'technologies')}: ${nameList(m)}`,
      none: 'Name the technology of each component and say why you chose it',
    }),
    coverage({
      id: 'alternatives',
      label: 'Technology choices name alternatives',
      max: 3,
      items: choices,
      ok: (c) => c.hasAlternatives,
      name: choiceName,
      all: 'Every technology choice names the alternatives considered',
      some: (k, t) => `${k} of ${t} technology choices name alternatives`,
      fix: (m) => `Say what else you considered for ${nameList(m)}`,
      none: 'Name the technology of each component and what else you considered',
    }),
    coverage({
      id: 'links',
      label: 'Decisions linked to what they govern',
      max: 3,
      items: live,
      ok: (d) =>
        d.componentIds.some((id) => ctx.componentById.has(id)) ||
        d.connectionIds.some((id) => ctx.connectionById.has(id)),
      name: (d) => ctx.decisionName(d),
      all: 'Every current decision is linked to the components it governs',
      some: (k, t) => `${k} of ${t} current decisions are linked to components`,
      fix: (m) => `Link ${nameList(m)} to the components ${m.length === 1 ? 'it governs' : 'they govern'}`,
      none: `${noDecisions} and link it to the components it governs`,
    }),
  ];
}

function evidence(b: CaseStudyBundle, ctx: ReviewContext): ScoreCheck[] {
  const cs = b.caseStudy;
  const metrics = byOrder(b.metrics);
  const measured = metrics.filter((m) => hasNumber(m.before) && hasNumber(m.after));
  const result = RESULT[cs.template] ?? { key: 'result', name: 'Result' };
  const accepted = byNumber(b.decisions).filter((d) => d.status === 'accepted');
  const gaps = metrics.map((m) => ({
    name: ctx.metricName(m),
    missing: [
      hasNumber(m.before) ? '' : 'baseline',
      hasNumber(m.after) ? '' : 'after value',
      blank(m.unit) ? 'unit' : '',
      blank(m.howMeasured) ? 'how measured' : '',
    ].filter(Boolean),
  }));
  const parts = metrics.length * 4;
  const filled = parts - gaps.reduce((sum, g) => sum + g.missing.length, 0);
  const incomplete = gaps.filter((g) => g.missing.length > 0);
  return [
    check({
      id: 'metrics',
      label: 'Before/after metrics',
      max: 4,
      share: Math.min(measured.length, 2) / 2,
      earned: `Quantifies ${count(measured.length, 'result')} before and after`,
      advice:
        measured.length === 0
          ? 'Add at least two metrics with a before and an after value'
          : 'Add another metric with a before and an after value',
    }),
    check({
      id: 'metric-details',
      label: 'Metrics are complete',
      max: 8,
      share: parts === 0 ? 0 : filled / parts,
      earned:
        incomplete.length === 0
          ? 'Every metric has a baseline, an after value, a unit and how it was measured'
          : `${metrics.length - incomplete.length} of ${metrics.length} metrics are complete`,
      advice:
        parts === 0
          ? 'Record metrics with a baseline, an after value, a unit and how each was measured'
          : `Complete ${count(incomplete.length, 'metric')}: ${nameList(incomplete.map((g) => `${g.name} (${g.missing.join(', ')})`))}`,
    }),
    check({
      id: 'result-text',
      label: 'The result is written up',
      max: 4,
      share: hasResultText(cs) ? 1 : 0,
      earned: 'Writes up the result',
      advice: `Write up the result in the ${result.name} section: what changed and what it meant`,
    }),
    coverage({
      id: 'decision-results',
      label: 'Accepted decisions record their result',
      max: 4,
      items: accepted,
      ok: (d) => !blank(d.results.outcome),
      name: (d) => ctx.decisionName(d),
      all: 'Every accepted decision records how it turned out',
      some: (k, t) => `${k} of ${t} accepted decisions record how they turned out`,
      fix: (m) => `Record how ${nameList(m)} turned out`,
      none: 'Accept a decision and record how it turned out',
    }),
  ];
}

const CHECKS: Record<CriterionId, (b: CaseStudyBundle, ctx: ReviewContext) => ScoreCheck[]> = {
  clarity,
  technicalDepth,
  architectureReasoning,
  evidence,
};

/**
 * Score the case study against the rubric. `findings`: the ACTIVE findings (dismissed ones
 * removed, see the module comment); unknown rule ids are ignored.
 */
export function scoreCaseStudy(
  bundle: CaseStudyBundle,
  findings: readonly Finding[],
  ctx: ReviewContext = buildContext(bundle),
): RubricScore {
  const criteria = RUBRIC.map(({ id, label, weight }): CriterionScore => {
    const checks = CHECKS[id](bundle, ctx);
    const sum = checks.reduce((s, c) => s + c.points, 0);
    const open = findings.filter((f) => f.severity === 'must' && RULES_BY_ID.get(f.ruleId)?.criterion === id);
    const cap = Math.floor(weight / 5);
    const deducted = Math.min(cap, open.length * MUST_FIX_DEDUCTION, sum);
    const toEarnMore = checks.map((c) => c.toEarnMore).filter((x): x is string => x !== null);
    if (open.length > 0 && deducted > 0) {
      toEarnMore.push(
        `Fix or dismiss (with a reason) ${count(open.length, 'open must-fix finding')}: ${nameList(
          open.map((f) => f.title),
          2,
        )} (+${deducted})`,
      );
    }
    return {
      id,
      label,
      weight,
      points: Math.max(0, Math.min(weight, sum - deducted)),
      checks,
      deduction: { points: deducted, findingKeys: open.map((f) => f.key) },
      earned: checks.map((c) => c.earned).filter((x): x is string => x !== null),
      toEarnMore,
    };
  });
  return { total: criteria.reduce((s, c) => s + c.points, 0), max: 100, criteria };
}
