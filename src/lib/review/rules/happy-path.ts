/**
 * A diagram that shows only the happy path: it has connections, but no failure-path
 * connection, no dead letter queue and no resilience policy on any component or connection.
 * A diagram with no connections yet is not judged (there is no path at all).
 */
import type { ResiliencePolicies } from '../../model';
import { defineRule } from './define';

export function hasPolicy(p: ResiliencePolicies): boolean {
  return Object.values(p).some((x) => x !== undefined);
}

export const happyPathOnly = defineRule(
  {
    id: 'diagram.happy-path-only',
    severity: 'must',
    criterion: 'technicalDepth',
    description:
      'A diagram with connections but no failure-path connection, no dead letter queue and no resilience policy anywhere.',
    why: 'A diagram that only shows the happy path is incomplete: reviewers look first for what happens when a call fails.',
  },
  (bundle, ctx, emit) => {
    for (const d of ctx.diagrams) {
      const connections = bundle.connections.filter((c) => c.diagramId === d.id);
      if (connections.length === 0) continue;
      const components = bundle.components.filter((c) => c.diagramId === d.id);
      const handled =
        connections.some((c) => c.failurePath || hasPolicy(c.policies)) ||
        components.some((c) => c.kind === 'dead-letter-queue' || hasPolicy(c.policies));
      if (handled) continue;
      emit([d.id], `Diagram ${ctx.diagramName(d)} shows only the happy path`, {
        type: 'diagram',
        diagramId: d.id,
      });
    }
  },
);

export const HAPPY_PATH_RULES = [happyPathOnly];
