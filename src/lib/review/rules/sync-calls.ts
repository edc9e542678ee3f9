/**
 * Synchronous calls that need protecting: a 'sync' connection (not a failure path) whose
 * target is an external service, or which crosses a trust boundary (context.ts: its ends
 * are not inside the same set of trust boundaries). Policies are the call's own, falling
 * back to the caller component's (context.ts, `callPolicies`).
 *
 * Backoff: a retry policy has backoff when its base delay is above 0 ms. The no-backoff
 * rule looks at every retry policy (any connection or component), since an immediate retry
 * loop is a problem wherever it is.
 */
import type { Boundary, Component, Connection } from '../../model';
import type { ReviewContext } from '../context';
import { defineRule } from './define';

export interface RiskyCall {
  connection: Connection;
  /** The external service called, if that is what makes it risky. */
  external: Component | null;
  /** Trust boundaries it crosses. */
  crossed: Boundary[];
}

export function riskyCall(c: Connection, ctx: ReviewContext): RiskyCall | null {
  if (c.mode !== 'sync' || c.failurePath) return null;
  const target = ctx.componentById.get(c.target);
  const external = target?.kind === 'external-service' ? target : null;
  const crossed = ctx.crossedTrustBoundaries(c);
  if (!external && crossed.length === 0) return null;
  return { connection: c, external, crossed };
}

export function riskyCalls(connections: readonly Connection[], ctx: ReviewContext): RiskyCall[] {
  return connections.map((c) => riskyCall(c, ctx)).filter((r): r is RiskyCall => r !== null);
}

/** "Calls the external service Stripe" / 'Crosses the trust boundary "PCI scope"'. */
function reason(r: RiskyCall, ctx: ReviewContext): string {
  if (r.external) return `Calls the external service ${ctx.nodeName(r.external.id)}`;
  const names = r.crossed.map((b) => `"${ctx.nodeName(b.id)}"`);
  return `Crosses the trust boundary ${names.join(' and ')}`;
}

function connectionTarget(c: Connection) {
  return { type: 'connection', diagramId: c.diagramId, id: c.id, field: 'policies' } as const;
}

export const syncNoTimeout = defineRule(
  {
    id: 'sync.no-timeout',
    severity: 'must',
    criterion: 'technicalDepth',
    description:
      'A synchronous call to an external service or across a trust boundary with no timeout (on the call or its caller).',
    why: 'Without a timeout, one slow dependency ties up the caller until it fails too.',
  },
  (bundle, ctx, emit) => {
    for (const r of riskyCalls(bundle.connections, ctx)) {
      const c = r.connection;
      if (ctx.callPolicies(c).timeout) continue;
      emit(
        [c.id],
        `${ctx.connectionName(c)} has no timeout`,
        connectionTarget(c),
        `${reason(r, ctx)}: without a timeout, one slow dependency ties up the caller until it fails too.`,
      );
    }
  },
);

export const syncRetryWithoutBreaker = defineRule(
  {
    id: 'sync.retry-without-breaker',
    severity: 'should',
    criterion: 'technicalDepth',
    description:
      'A synchronous call to an external service or across a trust boundary that retries but has no circuit breaker.',
    why: 'Retries without a circuit breaker multiply the load on a dependency exactly when it is failing (a retry storm).',
  },
  (bundle, ctx, emit) => {
    for (const r of riskyCalls(bundle.connections, ctx)) {
      const c = r.connection;
      const p = ctx.callPolicies(c);
      if (!p.retry || p.circuitBreaker) continue;
      emit(
        [c.id],
        `${ctx.connectionName(c)} retries without a circuit breaker`,
        connectionTarget(c),
        `${reason(r, ctx)}: retrying it without a circuit breaker piles load on it exactly when it is failing.`,
      );
    }
  },
);

export const retryWithoutBackoff = defineRule(
  {
    id: 'retry.no-backoff',
    severity: 'should',
    criterion: 'technicalDepth',
    description: 'A retry policy (on any connection or component) with no backoff: base delay of 0 ms.',
    why: 'Immediate retries hammer a dependency that is already failing; exponential backoff with jitter spreads them out.',
  },
  (bundle, ctx, emit) => {
    for (const c of bundle.connections) {
      const retry = c.policies.retry;
      if (!retry || retry.baseDelayMs > 0) continue;
      emit([c.id], `${ctx.connectionName(c)} retries without backoff`, connectionTarget(c));
    }
    for (const c of bundle.components) {
      const retry = c.policies.retry;
      if (!retry || retry.baseDelayMs > 0) continue;
      emit([c.id], `${ctx.nodeName(c.id)} retries without backoff`, {
        type: 'component',
        diagramId: c.diagramId,
        id: c.id,
        field: 'policies',
      });
    }
  },
);

export const SYNC_CALL_RULES = [syncNoTimeout, syncRetryWithoutBreaker, retryWithoutBackoff];
