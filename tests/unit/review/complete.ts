/**
 * A small case study that does everything the review asks: no findings, 100 points.
 */
import type { CaseStudyBundle } from '../../../src/lib/model';
import { BREAKER, BundleBuilder, RETRY, TIMEOUT } from './builder';

export function completeBundle(): CaseStudyBundle {
  const b = new BundleBuilder({
    title: 'Orders',
    oneLiner: 'Orders never lost, p95 under 200 ms',
    technologies: ['Go', 'SQS', 'PostgreSQL'],
    template: 'star-plus',
    sections: { situation: 'Orders were lost at peak.', result: 'No lost orders since launch.' },
    goals: [{ id: 'goal_1', text: 'No lost orders' }],
    nonGoals: [{ id: 'ngl_1', text: 'Multi-region', why: 'One market' }],
  });
  const why = { why: 'Fits the team', alternatives: 'Others' };
  const region = b.boundary('region', 'eu-west-1');
  const web = b.component('client', 'Web');
  const api = b.component('service', 'API', { technology: 'Go 1.22', ...why });
  const q = b.component('queue', 'Jobs', { technology: 'Amazon SQS', ...why });
  const worker = b.component('worker', 'Worker', { technology: 'Go', ...why });
  const db = b.component('database', 'DB', { technology: 'PostgreSQL 16', ...why });
  const dlq = b.component('dead-letter-queue', 'DLQ', { technology: 'Amazon SQS' });
  b.inside(region, api, q, worker, db, dlq);
  const toApi = b.connect(web, api, {
    label: 'POST /orders',
    policies: { timeout: TIMEOUT, retry: RETRY, circuitBreaker: BREAKER },
  });
  const toQ = b.connect(api, q, { label: 'order.created', mode: 'async' });
  const toWorker = b.connect(q, worker, { label: 'poll', mode: 'async', policies: { retry: RETRY } });
  const toDb = b.connect(worker, db, { label: 'INSERT order', policies: { timeout: TIMEOUT } });
  const toDlq = b.connect(q, dlq, { label: 'after 5 deliveries', mode: 'async' });
  b.flow('happy', [
    [web, api, toApi],
    [api, q, toQ],
    [q, worker, toWorker],
    [worker, db, toDb],
  ]);
  b.flow('error', [
    [q, worker, toWorker],
    [q, dlq, toDlq],
  ]);
  b.goodDecision({ componentIds: [db.id] });
  b.goodDecision({ title: 'SQS over Kafka', optionTitles: ['SQS', 'Kafka'], componentIds: [q.id] });
  b.goodMetric();
  b.goodMetric({
    name: 'Lost orders',
    before: 12,
    after: 0,
    unit: 'orders/month',
    howMeasured: 'Support tickets',
  });
  return b.build();
}
