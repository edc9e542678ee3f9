import { describe, expect, it } from 'vitest';
import { queueRetryWithoutDeadLetter, queueUnprotected } from '../../../src/lib/review/rules/queues';
import { BundleBuilder, RETRY, run, titles } from './builder';

type Case = { name: string; build: (b: BundleBuilder) => void; unprotected: boolean; retryOnly?: boolean };

/** API → Orders (queue) → Worker, plus whatever the case adds. */
function base(b: BundleBuilder, kind: 'queue' | 'stream' = 'queue') {
  const api = b.component('service', 'API');
  const q = b.component(kind, 'Orders');
  const worker = b.component('worker', 'Worker');
  b.connect(api, q, { mode: 'async' });
  const consume = b.connect(q, worker, { mode: 'async' });
  return { api, q, worker, consume };
}

describe('queue.no-dead-letter-or-retry and queue.retry-without-dead-letter', () => {
  const cases: Case[] = [
    { name: 'fires: a queue with a consumer and nothing else', build: (b) => base(b), unprotected: true },
    {
      name: 'fires: a stream with a consumer and nothing else',
      build: (b) => base(b, 'stream'),
      unprotected: true,
    },
    {
      name: 'quiet: a queue with no consumer (only producers)',
      build: (b) =>
        b.connect(b.component('service', 'API'), b.component('queue', 'Orders'), { mode: 'async' }),
      unprotected: false,
    },
    {
      name: 'quiet: dead-letter policy on the queue',
      build: (b) => {
        const { q } = base(b);
        const dlq = b.component('dead-letter-queue', 'DLQ');
        q.policies = { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } };
      },
      unprotected: false,
    },
    {
      name: 'quiet: dead-letter policy on the consumer connection',
      build: (b) => {
        const { consume } = base(b);
        const dlq = b.component('dead-letter-queue', 'DLQ');
        consume.policies = { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } };
      },
      unprotected: false,
    },
    {
      name: 'fires: a dead-letter policy with no target chosen yet',
      build: (b) => {
        const { q } = base(b);
        q.policies = { deadLetter: { targetId: '', maxDeliveries: 5 } };
      },
      unprotected: true,
    },
    {
      name: 'quiet: failure-path edge from the queue to a DLQ',
      build: (b) => {
        const { q } = base(b);
        b.connect(q, b.component('dead-letter-queue', 'DLQ'));
      },
      unprotected: false,
    },
    {
      name: 'quiet: failure-path edge from the consumer to a DLQ',
      build: (b) => {
        const { worker } = base(b);
        b.connect(worker, b.component('dead-letter-queue', 'DLQ'));
      },
      unprotected: false,
    },
    {
      name: 'fires: an edge from the consumer to a DLQ that is not marked as a failure path',
      build: (b) => {
        const { worker } = base(b);
        b.connect(worker, b.component('dead-letter-queue', 'DLQ'), { failurePath: false });
      },
      unprotected: true,
    },
    {
      name: 'fires: failure-path edge to something that is not a DLQ',
      build: (b) => {
        const { q } = base(b);
        b.connect(q, b.component('object-storage', 'Archive'), { failurePath: true });
      },
      unprotected: true,
    },
    {
      name: 'retry only (on the queue): not unprotected, but no dead-letter target',
      build: (b) => {
        base(b).q.policies = { retry: RETRY };
      },
      unprotected: false,
      retryOnly: true,
    },
    {
      name: 'retry only (on the consumer connection)',
      build: (b) => {
        base(b).consume.policies = { retry: RETRY };
      },
      unprotected: false,
      retryOnly: true,
    },
    {
      name: 'fires: a retry on the worker component does not count (it is about its own calls)',
      build: (b) => {
        base(b).worker.policies = { retry: RETRY };
      },
      unprotected: true,
    },
    {
      name: 'quiet: a dead letter queue itself is never judged',
      build: (b) => {
        const dlq = b.component('dead-letter-queue', 'DLQ');
        b.connect(dlq, b.component('worker', 'Redrive'), { mode: 'async' });
      },
      unprotected: false,
    },
  ];

  it.each(cases)('$name', ({ build, unprotected, retryOnly = false }) => {
    const b = new BundleBuilder();
    build(b);
    const bundle = b.build();
    expect(titles(queueUnprotected, bundle)).toEqual(
      unprotected ? ['Orders has no dead-letter target or retry'] : [],
    );
    expect(titles(queueRetryWithoutDeadLetter, bundle)).toEqual(
      retryOnly ? ['Orders retries but has no dead-letter target'] : [],
    );
  });

  it('points at the queue’s policies and keys by the queue id', () => {
    const b = new BundleBuilder();
    const { q } = base(b);
    const [f] = run(queueUnprotected, b.build());
    expect(f?.key).toBe(`queue.no-dead-letter-or-retry:${q.id}`);
    expect(f?.target).toEqual({ type: 'component', diagramId: q.diagramId, id: q.id, field: 'policies' });
  });
});
