/** Sensible defaults for each resilience policy, used when a user switches one on. */
import type { PolicyKind, ResiliencePolicies } from './types';

export const POLICY_DEFAULTS: { [K in PolicyKind]-?: NonNullable<ResiliencePolicies[K]> } = {
  timeout: { ms: 2000 },
  retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2000, jitter: 'full' },
  circuitBreaker: { failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenProbes: 1 },
  fallback: { description: '' },
  rateLimit: { requestsPerSecond: 100, burst: 20 },
  bulkhead: { maxConcurrent: 10, maxQueue: 20 },
  idempotency: { keySource: 'Idempotency-Key header' },
  deadLetter: { targetId: '', maxDeliveries: 5 },
};

export const POLICY_LABELS: Record<PolicyKind, string> = {
  timeout: 'Timeout',
  retry: 'Retry with backoff',
  circuitBreaker: 'Circuit breaker',
  fallback: 'Fallback',
  rateLimit: 'Rate limit',
  bulkhead: 'Bulkhead',
  idempotency: 'Idempotency key',
  deadLetter: 'Dead-letter target',
};

export const POLICY_KINDS = Object.keys(POLICY_DEFAULTS) as PolicyKind[];

/** A fresh copy of a policy's defaults. */
export function defaultPolicy<K extends PolicyKind>(kind: K): NonNullable<ResiliencePolicies[K]> {
  return structuredClone(POLICY_DEFAULTS[kind]);
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Compact markers for an edge or badge, e.g. "⏱2s ⟳3 ⚡CB". */
export function policySummary(p: ResiliencePolicies): string[] {
  const out: string[] = [];
  if (p.timeout) out.push(`⏱${formatMs(p.timeout.ms)}`);
  if (p.retry) out.push(`⟳${p.retry.maxAttempts}`);
  if (p.circuitBreaker) out.push('⚡CB');
  if (p.fallback) out.push('↩FB');
  if (p.rateLimit) out.push(`⛔${p.rateLimit.requestsPerSecond}/s`);
  if (p.bulkhead) out.push(`▦${p.bulkhead.maxConcurrent}`);
  if (p.idempotency) out.push('≡ID');
  if (p.deadLetter) out.push('☠DLQ');
  return out;
}
