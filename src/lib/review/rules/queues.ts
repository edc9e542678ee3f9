/**
 * Queues and streams (component kinds 'queue' and 'stream'; a dead letter queue is the
 * remedy, not the subject).
 *
 * - **Consumers** of a queue: its outgoing connections that are not failure paths and do not
 *   go to a dead letter queue (the diagram convention is queue → worker, "poll …"). A queue
 *   with no consumer is not judged.
 * - **Dead-letter target**: a dead-letter policy with a target on the queue or on one of its
 *   consumer connections, or a failure-path connection to a dead letter queue from the
 *   queue or from one of its consumers (a consumer that parks failed messages itself).
 * - **Retry**: a retry policy on the queue or on one of its consumer connections.
 */
import type { Component, Connection } from '../../model';
import type { ReviewContext } from '../context';
import { defineRule } from './define';

interface QueueFacts {
  queue: Component;
  consumers: Connection[];
  deadLetter: boolean;
  retry: boolean;
}

function isDlq(ctx: ReviewContext, id: string): boolean {
  return ctx.componentById.get(id)?.kind === 'dead-letter-queue';
}

export function queueFacts(queue: Component, ctx: ReviewContext): QueueFacts {
  const out = ctx.outgoing.get(queue.id) ?? [];
  const consumers = out.filter((c) => !c.failurePath && !isDlq(ctx, c.target));
  const failsToDlq = (id: string) =>
    (ctx.outgoing.get(id) ?? []).some((c) => c.failurePath && isDlq(ctx, c.target));
  const deadLetter =
    Boolean(queue.policies.deadLetter?.targetId) ||
    consumers.some((c) => Boolean(c.policies.deadLetter?.targetId)) ||
    failsToDlq(queue.id) ||
    consumers.some((c) => failsToDlq(c.target));
  const retry = queue.policies.retry !== undefined || consumers.some((c) => c.policies.retry !== undefined);
  return { queue, consumers, deadLetter, retry };
}

/** Queues and streams that have consumers, with what protects them, in bundle order. */
export function consumedQueues(components: readonly Component[], ctx: ReviewContext): QueueFacts[] {
  return components
    .filter((c) => c.kind === 'queue' || c.kind === 'stream')
    .map((q) => queueFacts(q, ctx))
    .filter((f) => f.consumers.length > 0);
}

export const queueUnprotected = defineRule(
  {
    id: 'queue.no-dead-letter-or-retry',
    severity: 'must',
    criterion: 'technicalDepth',
    description: 'A queue or stream with consumers but neither a dead-letter target nor a retry policy.',
    why: 'When a consumer fails, the message is lost or redelivered forever; reviewers look for retries and a place where poison messages go.',
  },
  (bundle, ctx, emit) => {
    for (const f of consumedQueues(bundle.components, ctx)) {
      if (f.deadLetter || f.retry) continue;
      emit([f.queue.id], `${ctx.nodeName(f.queue.id)} has no dead-letter target or retry`, {
        type: 'component',
        diagramId: f.queue.diagramId,
        id: f.queue.id,
        field: 'policies',
      });
    }
  },
);

export const queueRetryWithoutDeadLetter = defineRule(
  {
    id: 'queue.retry-without-dead-letter',
    severity: 'consider',
    criterion: 'technicalDepth',
    description: 'A queue or stream whose consumers retry but which has no dead-letter target.',
    why: 'A message that always fails is retried until it is dropped or blocks the queue; a dead letter queue keeps it for inspection and replay.',
  },
  (bundle, ctx, emit) => {
    for (const f of consumedQueues(bundle.components, ctx)) {
      if (!f.retry || f.deadLetter) continue;
      emit([f.queue.id], `${ctx.nodeName(f.queue.id)} retries but has no dead-letter target`, {
        type: 'component',
        diagramId: f.queue.diagramId,
        id: f.queue.id,
        field: 'policies',
      });
    }
  },
);

export const QUEUE_RULES = [queueUnprotected, queueRetryWithoutDeadLetter];
