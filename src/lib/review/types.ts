/**
 * Readiness review: the shapes shared by the rules, the finding list and the score.
 * Plain data only; the rules themselves are in rules/*.ts.
 */
import type { CaseStudyBundle, Decision, Id, Metric, SectionKey } from '../model';
import type { ReviewContext } from './context';

export type Severity = 'must' | 'should' | 'consider';

/** Most severe first; the order findings are listed in. */
export const SEVERITIES: readonly Severity[] = ['must', 'should', 'consider'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  must: 'Must fix',
  should: 'Should fix',
  consider: 'Consider',
};

/** The rubric reviewers use; see score.ts. */
export type CriterionId = 'clarity' | 'technicalDepth' | 'architectureReasoning' | 'evidence';

/** The Decision field a finding points at (the editor focuses it). */
export type DecisionField = Extract<
  keyof Decision,
  | 'title'
  | 'status'
  | 'date'
  | 'context'
  | 'drivers'
  | 'options'
  | 'rationale'
  | 'consequences'
  | 'results'
  | 'componentIds'
  | 'connectionIds'
  | 'supersededBy'
>;

/** The Metric field a finding points at. */
export type MetricField = Extract<
  keyof Metric,
  'name' | 'before' | 'after' | 'unit' | 'period' | 'howMeasured'
>;

/** The inspector field of a component or connection a finding points at (optional). */
export type NodeField = 'label' | 'technology' | 'why' | 'alternatives' | 'policies';

/** A case-study field or document section (SectionKey) a finding points at. */
export type CaseStudyField =
  | 'title'
  | 'oneLiner'
  | 'goals'
  | 'nonGoals'
  | 'technologies'
  /** The metrics list (the "Metrics"/result table of the document). */
  | 'metrics'
  | SectionKey;

/** Where the link of a finding takes the user. */
export type FindingTarget =
  /** Select the record on its diagram (and focus `field` in the inspector, when given). */
  | { type: 'component' | 'connection' | 'boundary'; diagramId: Id; id: Id; field?: NodeField }
  /** Open the diagram (no single record is to blame). */
  | { type: 'diagram'; diagramId: Id }
  /** Open the decision and focus the field. */
  | { type: 'decision'; id: Id; field: DecisionField }
  /** Open the metric and focus the field. */
  | { type: 'metric'; id: Id; field: MetricField }
  /** Open the flow (on its diagram), at the step when given. */
  | { type: 'flow'; diagramId: Id; id: Id; stepId?: Id }
  /** A case-study field or document section; `itemId` names a goal / non-goal in a list. */
  | { type: 'case-study'; field: CaseStudyField; itemId?: Id };

export interface Finding {
  /**
   * Stable identity: `findingKey(ruleId, ...subjects)` (model/rekey.ts) — the rule id and the
   * ids of the records it is about (or normalised text, e.g. a technology name). Survives
   * edits to labels and reloads; dismissals are stored against it.
   */
  key: string;
  ruleId: string;
  severity: Severity;
  /** Short, names the thing: 'Payment jobs has no dead-letter target or retry'. */
  title: string;
  /** One line: why a reviewer cares. */
  why: string;
  target: FindingTarget;
}

export interface Rule {
  /** `group.name`; never contains ':' (keys are ':'-separated). Stable: dismissals name it. */
  id: string;
  severity: Severity;
  /** The rubric criterion an open finding of this rule counts against (score.ts). */
  criterion: CriterionId;
  /** What the rule checks, for a rule list or help text. */
  description: string;
  /** Pure: same bundle, same findings in the same order. */
  check(bundle: CaseStudyBundle, ctx: ReviewContext): Finding[];
}
