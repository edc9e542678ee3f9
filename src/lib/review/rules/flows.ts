/**
 * Flows.
 * - An error-path flow is a flow of kind 'error' with at least one step. Only asked for once
 *   the case study has a component (there is something to fail).
 * - A step "between components that are not connected": no connection joins its two ends in
 *   either direction (context.ts, `connected`: a reply step B → A follows the request
 *   connection A → B; a connection drawn to a boundary joins what is inside it). Steps from
 *   a node to itself and steps whose ends no longer exist are not judged.
 */
import type { Flow } from '../../model';
import { defineRule } from './define';

export function flowsByOrder(flows: readonly Flow[]): Flow[] {
  return flows
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.order - b.f.order || a.i - b.i)
    .map(({ f }) => f);
}

export function hasErrorFlow(flows: readonly Flow[]): boolean {
  return flows.some((f) => f.kind === 'error' && f.steps.length > 0);
}

export const flowNoErrorFlow = defineRule(
  {
    id: 'flow.no-error-flow',
    severity: 'should',
    criterion: 'technicalDepth',
    description: 'No error-path flow (a flow of kind "error" with steps).',
    why: 'An error-path flow walks the reader through a failure and its recovery — the part a happy-path story hides.',
  },
  (bundle, ctx, emit) => {
    if (bundle.components.length === 0 || hasErrorFlow(bundle.flows)) return;
    const title = 'No flow shows what happens when something fails';
    const empty = flowsByOrder(bundle.flows).find((f) => f.kind === 'error');
    if (empty) {
      emit([bundle.caseStudy.id], title, { type: 'flow', diagramId: empty.diagramId, id: empty.id });
      return;
    }
    const diagram =
      ctx.diagrams.find((d) => bundle.components.some((c) => c.diagramId === d.id)) ?? ctx.diagrams[0];
    if (diagram) emit([bundle.caseStudy.id], title, { type: 'diagram', diagramId: diagram.id });
    else emit([bundle.caseStudy.id], title, { type: 'case-study', field: 'overview' });
  },
);

export const flowStepNotConnected = defineRule(
  {
    id: 'flow.step-not-connected',
    severity: 'should',
    criterion: 'clarity',
    description:
      'A flow step between components that no connection joins (in either direction) on the diagram.',
    why: 'A flow step between components that are not connected contradicts the diagram; one of the two is wrong.',
  },
  (bundle, ctx, emit) => {
    const exists = (id: string) => ctx.componentById.has(id) || ctx.boundaryById.has(id);
    for (const f of flowsByOrder(bundle.flows)) {
      f.steps.forEach((s, i) => {
        if (s.fromId === s.toId || !exists(s.fromId) || !exists(s.toId)) return;
        if (ctx.connected(s.fromId, s.toId)) return;
        emit(
          [f.id, s.id],
          `Step ${i + 1} of ${ctx.flowName(f)} (${ctx.nodeName(s.fromId)} → ${ctx.nodeName(s.toId)}) follows no connection`,
          { type: 'flow', diagramId: f.diagramId, id: f.id, stepId: s.id },
        );
      });
    }
  },
);

export const FLOW_RULES = [flowNoErrorFlow, flowStepNotConnected];
