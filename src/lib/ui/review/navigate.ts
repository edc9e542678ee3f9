/**
 * Where the link of a review finding goes, what it is called, and how to find the field it
 * lands on once the view is shown (reveal.ts does the waiting, scrolling and focusing).
 *
 * - component / connection / boundary: its diagram, selected and centred (`focusRequest`),
 *   then the inspector field (a policy finding lands on the policy it is missing);
 * - diagram: its tab; flow: its diagram with the Flows panel open at it (`flowRequest`);
 * - decision: the decision log at the decision, the field focused;
 * - metric: the Trade-offs view at the metric's card; the metrics list: its section;
 * - case-study field: the Document view at the field or section; the title: the top bar.
 */
import type { CaseStudyBundle, Id, SectionKey } from '../../model';
import { formatDecisionNumber, POLICY_LABELS } from '../../model';
import type {
  CaseStudyField,
  DecisionField,
  Finding,
  FindingTarget,
  MetricField,
  NodeField,
  ReviewContext,
} from '../../review';
import {
  caseStudyHref,
  decisionsHref,
  documentHref,
  flowRequest,
  focusRequest,
  reviewHref,
  router,
  tradeoffsHref,
} from '../../state/router.svelte';
import { SECTION_LABELS } from '../document/sections';
import { buttonByText, focusableIn, labelledControl, reveal, sectionByHeading, type Finder } from './reveal';

export interface FindingLink {
  href: string;
  /** Names the thing to fix: "Orders queue", 'TDR-002 "PostgreSQL over MongoDB"'. */
  thing: string;
  /** Where the link lands, for people: 'Diagram "Main" · Technology'. */
  where: string;
  /** Session requests for the next view (select a node, open a flow), set before the route changes. */
  prepare?: () => void;
  /** The element to land on, once it is there. */
  find: Finder;
  /** Something near it, when the field itself is not found in time. */
  fallback?: Finder;
  /** Undo `prepare` when nothing was found. */
  cleanup?: () => void;
}

const NODE_FIELD_LABELS: Record<NodeField, string> = {
  label: 'Label',
  technology: 'Technology',
  why: 'Why this choice',
  alternatives: 'Alternatives considered',
  policies: 'Resilience policies',
};

/** The policy a policies finding is about, by rule; the control to land on is its checkbox or field. */
const RULE_POLICY_CONTROLS: Record<string, string[]> = {
  'sync.no-timeout': [POLICY_LABELS.timeout],
  'sync.retry-without-breaker': [POLICY_LABELS.circuitBreaker],
  'retry.no-backoff': ['Base delay (ms)', POLICY_LABELS.retry],
  'queue.no-dead-letter-or-retry': [POLICY_LABELS.deadLetter],
  'queue.retry-without-dead-letter': [POLICY_LABELS.deadLetter],
};

const DECISION_FIELD_LABELS: Record<DecisionField, string> = {
  title: 'Decision title',
  status: 'Status',
  date: 'Date',
  context: 'Context',
  drivers: 'Decision drivers',
  options: 'Considered options',
  rationale: 'Rationale',
  consequences: 'Trade-offs accepted',
  results: 'Results',
  componentIds: 'Governs',
  connectionIds: 'Governs',
  supersededBy: 'Status',
};

const METRIC_FIELD_LABELS: Record<MetricField, string> = {
  name: 'Name',
  before: 'Before',
  after: 'After',
  unit: 'Unit',
  period: 'Period',
  howMeasured: 'How measured',
};

const CASE_STUDY_FIELD_LABELS: Record<Exclude<CaseStudyField, SectionKey>, string> = {
  title: 'Title',
  oneLiner: 'One-liner',
  goals: 'Goals',
  nonGoals: 'Non-goals',
  technologies: 'Technologies',
  metrics: 'Metrics',
};

function isSection(field: CaseStudyField): field is SectionKey {
  return Object.hasOwn(SECTION_LABELS, field);
}

function caseStudyFieldLabel(field: CaseStudyField): string {
  return isSection(field) ? `${SECTION_LABELS[field]} section` : CASE_STUDY_FIELD_LABELS[field];
}

/** 'Diagram “Checkout”'. */
function diagramPlace(bundle: CaseStudyBundle, id: Id): string {
  const name = byId(bundle.diagrams, id)?.name.trim();
  return name ? `Diagram “${name}”` : 'Diagram';
}

const byId = <T extends { id: Id }>(list: readonly T[], id: Id) => list.find((x) => x.id === id);
const $ = (selector: string) => document.querySelector<HTMLElement>(selector);

/** The inspector, once it shows the record whose label is `label` (after `focusRequest` was served). */
function inspectorFor(id: Id, label: string): HTMLElement | null {
  if (focusRequest.id === id) return null;
  const inspector = $('aside[aria-label="Inspector"]');
  const name = labelledControl(inspector, 'Label') as HTMLInputElement | null;
  if (!inspector || !name) return null;
  return name.value === label ? inspector : null;
}

function nodeLink(
  finding: Finding,
  target: Extract<FindingTarget, { type: 'component' | 'connection' | 'boundary' }>,
  bundle: CaseStudyBundle,
  ctx: ReviewContext,
  caseStudyId: Id,
): FindingLink {
  const { id, field } = target;
  const connection = target.type === 'connection' ? ctx.connectionById.get(id) : undefined;
  const thing = connection ? ctx.connectionName(connection) : ctx.nodeName(id);
  const label =
    connection?.label ?? ctx.componentById.get(id)?.label ?? ctx.boundaryById.get(id)?.label ?? '';
  const onCanvas = () =>
    focusRequest.id === id
      ? null
      : $(`.svelte-flow__node[data-id="${CSS.escape(id)}"], .svelte-flow__edge[data-id="${CSS.escape(id)}"]`);
  const inField = (): HTMLElement | null => {
    const inspector = inspectorFor(id, label);
    if (!inspector || !field) return null;
    if (field !== 'policies') return labelledControl(inspector, NODE_FIELD_LABELS[field]);
    for (const name of RULE_POLICY_CONTROLS[finding.ruleId] ?? []) {
      const control = labelledControl(inspector, name);
      if (control) return control;
    }
    return sectionByHeading(inspector, NODE_FIELD_LABELS.policies);
  };
  return {
    href: caseStudyHref(caseStudyId, target.diagramId),
    thing,
    where: [diagramPlace(bundle, target.diagramId), field ? NODE_FIELD_LABELS[field] : '']
      .filter(Boolean)
      .join(' · '),
    prepare: () => (focusRequest.id = id),
    find: field ? inField : onCanvas,
    fallback: field ? onCanvas : undefined,
    cleanup: () => {
      if (focusRequest.id === id) focusRequest.id = null;
    },
  };
}

function decisionLink(
  target: Extract<FindingTarget, { type: 'decision' }>,
  ctx: ReviewContext,
  caseStudyId: Id,
): FindingLink {
  const decision = ctx.decisionById.get(target.id);
  const name = DECISION_FIELD_LABELS[target.field];
  const editor = (): HTMLElement | null => {
    const article = $('section[aria-label="Decision editor"] article.editor');
    if (!article || !decision) return null;
    const heading = article.querySelector('h2')?.textContent?.trim();
    return heading === formatDecisionNumber(decision.number) ? article : null;
  };
  const find = (): HTMLElement | null => {
    const article = editor();
    if (!article) return null;
    switch (target.field) {
      case 'options': {
        const section = sectionByHeading(article, name);
        const few = (decision?.options.length ?? 0) < 2;
        return (few ? buttonByText(section, 'Add option') : null) ?? section;
      }
      case 'componentIds':
      case 'connectionIds':
        return sectionByHeading(article, name);
      default:
        return labelledControl(article, name);
    }
  };
  return {
    href: decisionsHref(caseStudyId, target.id),
    thing: decision ? ctx.decisionName(decision) : 'the decision',
    where: `Decisions · ${name}`,
    find,
    fallback: editor,
  };
}

function metricLink(
  target: Extract<FindingTarget, { type: 'metric' }>,
  bundle: CaseStudyBundle,
  ctx: ReviewContext,
  caseStudyId: Id,
): FindingLink {
  const metric = byId(bundle.metrics, target.id);
  const caption = METRIC_FIELD_LABELS[target.field];
  const card = () => $(`article[data-metric="${CSS.escape(target.id)}"]`);
  return {
    href: tradeoffsHref(caseStudyId),
    thing: `metric ${metric ? ctx.metricName(metric) : ''}`.trim(),
    where: `Trade-offs · Metrics · ${caption}`,
    find: () => labelledControl(card(), caption),
    fallback: card,
  };
}

function flowLink(
  target: Extract<FindingTarget, { type: 'flow' }>,
  bundle: CaseStudyBundle,
  ctx: ReviewContext,
  caseStudyId: Id,
): FindingLink {
  const flow = byId(bundle.flows, target.id);
  const stepIndex = target.stepId ? (flow?.steps.findIndex((s) => s.id === target.stepId) ?? -1) : -1;
  const panel = () => (flowRequest.id === target.id ? null : $('aside[aria-label="Flows"]'));
  const editor = () => panel()?.querySelector<HTMLElement>('section[aria-label="Edit flow"]') ?? null;
  const find = (): HTMLElement | null => {
    const section = editor();
    if (!section) return null;
    if (stepIndex >= 0) {
      const step = section.querySelector<HTMLElement>(`li[aria-label^="Step ${stepIndex + 1}:"]`);
      return step ? focusableIn(step) : null;
    }
    if (flow && flow.steps.length === 0) return buttonByText(section, 'Record from canvas');
    return labelledControl(section, 'Flow name');
  };
  return {
    href: caseStudyHref(caseStudyId, target.diagramId),
    thing: `flow ${flow ? ctx.flowName(flow) : ''}`.trim(),
    where: [diagramPlace(bundle, target.diagramId), 'Flows', stepIndex >= 0 ? `step ${stepIndex + 1}` : '']
      .filter(Boolean)
      .join(' · '),
    prepare: () => (flowRequest.id = target.id),
    find,
    fallback: panel,
    cleanup: () => {
      if (flowRequest.id === target.id) flowRequest.id = null;
    },
  };
}

function caseStudyLink(
  target: Extract<FindingTarget, { type: 'case-study' }>,
  bundle: CaseStudyBundle,
  caseStudyId: Id,
): FindingLink {
  const { field, itemId } = target;
  const cs = bundle.caseStudy;
  const scope = () => $('section[aria-labelledby="doc-scope"]');
  const label = caseStudyFieldLabel(field);
  const doc = (find: Finder, fallback?: Finder): FindingLink => ({
    href: documentHref(caseStudyId),
    thing: label,
    where: `Document · ${label}`,
    find,
    fallback,
  });
  switch (field) {
    case 'title':
      return {
        href: reviewHref(caseStudyId),
        thing: 'the title',
        where: 'Top bar · Title',
        find: () => $('input[aria-label="Case study title"]'),
      };
    case 'oneLiner':
      return doc(() => $('#doc-one-liner'));
    case 'technologies':
      return doc(() => $('#doc-technologies'));
    case 'goals': {
      const i = itemId ? cs.goals.findIndex((g) => g.id === itemId) : -1;
      return doc(
        () => (i >= 0 ? labelledControl(scope(), `Goal ${i + 1}`) : buttonByText(scope(), 'Add goal')),
        () => $('#doc-goals'),
      );
    }
    case 'nonGoals': {
      const i = itemId ? cs.nonGoals.findIndex((g) => g.id === itemId) : -1;
      const item = i >= 0 ? cs.nonGoals[i] : undefined;
      const link = doc(
        () =>
          i >= 0
            ? labelledControl(scope(), `Why non-goal ${i + 1} is out of scope`)
            : buttonByText(scope(), 'Add non-goal'),
        () => $('#doc-non-goals'),
      );
      return item?.text.trim() ? { ...link, thing: `non-goal "${item.text.trim()}"` } : link;
    }
    case 'metrics':
      return {
        href: tradeoffsHref(caseStudyId),
        thing: 'Metrics',
        where: 'Trade-offs · Metrics',
        find: () => buttonByText($('#tradeoffs-metrics'), 'Add metric'),
        fallback: () => $('#tradeoffs-metrics'),
      };
    default:
      return doc(() => $(`#section-${field}`));
  }
}

/** The link of a finding: where it goes, what it names, what it lands on. */
export function findingLink(
  finding: Finding,
  bundle: CaseStudyBundle,
  ctx: ReviewContext,
  caseStudyId: Id,
): FindingLink {
  const target = finding.target;
  switch (target.type) {
    case 'component':
    case 'connection':
    case 'boundary':
      return nodeLink(finding, target, bundle, ctx, caseStudyId);
    case 'diagram': {
      const diagram = byId(bundle.diagrams, target.diagramId);
      const flows = finding.ruleId === 'flow.no-error-flow';
      const tab = () => $(`#diagram-tab-${CSS.escape(target.diagramId)}`);
      return {
        href: caseStudyHref(caseStudyId, target.diagramId),
        thing: `diagram ${diagram ? ctx.diagramName(diagram) : ''}`.trim(),
        where: `${diagramPlace(bundle, target.diagramId)}${flows ? ' · Flows' : ''}`,
        // No error flow yet: the toolbar's Flows button, where one is made; else the diagram's tab.
        find: flows ? () => buttonByText($('[role="toolbar"][aria-label="Diagram tools"]'), 'Flows') : tab,
        fallback: tab,
      };
    }
    case 'decision':
      return decisionLink(target, ctx, caseStudyId);
    case 'metric':
      return metricLink(target, bundle, ctx, caseStudyId);
    case 'flow':
      return flowLink(target, bundle, ctx, caseStudyId);
    case 'case-study':
      return caseStudyLink(target, bundle, caseStudyId);
  }
}

/** Follow a finding's link: change the route, then land on the field. */
export function follow(link: FindingLink): Promise<HTMLElement | null> {
  link.prepare?.();
  router.go(link.href);
  return reveal(link.find, { fallback: link.fallback, onmiss: link.cleanup });
}
