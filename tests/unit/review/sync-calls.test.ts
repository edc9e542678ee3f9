import { describe, expect, it } from 'vitest';
import type { Connection, ResiliencePolicies } from '../../../src/lib/model';
import {
  retryWithoutBackoff,
  syncNoTimeout,
  syncRetryWithoutBreaker,
} from '../../../src/lib/review/rules/sync-calls';
import { BREAKER, BundleBuilder, NO_BACKOFF, RETRY, TIMEOUT, run, titles } from './builder';

/** Checkout → Stripe (external), with the given call policies. */
function external(b: BundleBuilder, policies: ResiliencePolicies = {}, extra: Partial<Connection> = {}) {
  const caller = b.component('service', 'Checkout');
  const stripe = b.component('external-service', 'Stripe');
  return { caller, stripe, call: b.connect(caller, stripe, { label: 'POST /pay', policies, ...extra }) };
}

/** A trust boundary "PCI" around `inside`; `outside` stays outside. */
function crossing(b: BundleBuilder, policies: ResiliencePolicies = {}) {
  const pci = b.boundary('trust-boundary', 'PCI');
  const inside = b.component('service', 'Vault');
  const outside = b.component('service', 'Orders');
  b.inside(pci, inside);
  return { pci, call: b.connect(outside, inside, { label: 'GET card', policies }) };
}

const CALL = '"POST /pay" (Checkout → Stripe)';

describe('sync.no-timeout', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; expect: string[] }[] = [
    {
      name: 'fires: sync call to an external service, no policy',
      build: (b) => external(b),
      expect: [`${CALL} has no timeout`],
    },
    {
      name: 'quiet: with a timeout on the call',
      build: (b) => external(b, { timeout: TIMEOUT }),
      expect: [],
    },
    {
      name: 'quiet: with timeout, retry and breaker',
      build: (b) => external(b, { timeout: TIMEOUT, retry: RETRY, circuitBreaker: BREAKER }),
      expect: [],
    },
    {
      name: 'quiet: the caller component’s timeout applies to its calls',
      build: (b) => {
        external(b).caller.policies = { timeout: TIMEOUT };
      },
      expect: [],
    },
    {
      name: 'fires: a timeout on the external target does not protect the caller',
      build: (b) => {
        external(b).stripe.policies = { timeout: TIMEOUT };
      },
      expect: [`${CALL} has no timeout`],
    },
    {
      name: 'quiet: async message to an external service',
      build: (b) => external(b, {}, { mode: 'async' }),
      expect: [],
    },
    {
      name: 'quiet: a failure path to an external service',
      build: (b) => external(b, {}, { failurePath: true }),
      expect: [],
    },
    {
      name: 'quiet: internal sync call, no trust boundary',
      build: (b) => b.connect(b.component('service', 'A'), b.component('database', 'DB')),
      expect: [],
    },
    {
      name: 'fires: sync call into a trust boundary',
      build: (b) => crossing(b),
      expect: ['"GET card" (Orders → Vault) has no timeout'],
    },
    {
      name: 'fires: sync call out of a trust boundary (reverse direction)',
      build: (b) => {
        const pci = b.boundary('trust-boundary', 'PCI');
        const inside = b.component('service', 'Vault');
        b.inside(pci, inside);
        b.connect(inside, b.component('cache', 'Cache'));
      },
      expect: ['Vault → Cache has no timeout'],
    },
    {
      name: 'quiet: both ends inside the same trust boundary',
      build: (b) => {
        const pci = b.boundary('trust-boundary', 'PCI');
        const a = b.component('service', 'A');
        const c = b.component('database', 'B');
        b.inside(pci, a, c);
        b.connect(a, c);
      },
      expect: [],
    },
    {
      name: 'quiet: same trust boundary, different nested non-trust boundaries (AZs)',
      build: (b) => {
        const pci = b.boundary('trust-boundary', 'PCI');
        const az1 = b.boundary('availability-zone', 'AZ1', pci);
        const az2 = b.boundary('availability-zone', 'AZ2', pci);
        const a = b.component('service', 'A');
        const c = b.component('database', 'B');
        b.inside(az1, a).inside(az2, c);
        b.connect(a, c);
      },
      expect: [],
    },
    {
      name: 'fires: into a trust boundary nested inside the caller’s',
      build: (b) => {
        const outer = b.boundary('trust-boundary', 'Corp');
        const inner = b.boundary('trust-boundary', 'PCI', outer);
        const a = b.component('service', 'A');
        const c = b.component('service', 'Vault');
        b.inside(outer, a).inside(inner, c);
        b.connect(a, c);
      },
      expect: ['A → Vault has no timeout'],
    },
    {
      name: 'quiet: region / VPC boundaries are not trust boundaries',
      build: (b) => {
        const vpc = b.boundary('vpc', 'VPC');
        const a = b.component('service', 'A');
        b.inside(vpc, a);
        b.connect(b.component('client', 'Web'), a);
      },
      expect: [],
    },
    {
      name: 'fires: a connection drawn to the trust boundary itself crosses it',
      build: (b) => {
        const pci = b.boundary('trust-boundary', 'PCI');
        b.connect(b.component('service', 'Orders'), pci);
      },
      expect: ['Orders → PCI has no timeout'],
    },
  ];

  it.each(cases)('$name', ({ build, expect: expected }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(syncNoTimeout, b.build())).toEqual(expected);
  });

  it('says why in terms of the call: the external service or the boundary crossed', () => {
    const b = new BundleBuilder();
    const { call } = external(b);
    const { call: crossed } = crossing(b);
    const [toStripe, toVault] = run(syncNoTimeout, b.build());
    expect(toStripe?.why).toMatch(/^Calls the external service Stripe: /);
    expect(toStripe?.target).toEqual({
      type: 'connection',
      diagramId: call.diagramId,
      id: call.id,
      field: 'policies',
    });
    expect(toVault?.why).toMatch(/^Crosses the trust boundary "PCI": /);
    expect(toVault?.key).toBe(`sync.no-timeout:${crossed.id}`);
  });
});

describe('sync.retry-without-breaker', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; fires: boolean }[] = [
    {
      name: 'fires: external call with retry, no breaker',
      build: (b) => external(b, { timeout: TIMEOUT, retry: RETRY }),
      fires: true,
    },
    {
      name: 'quiet: external call with retry and breaker',
      build: (b) => external(b, { timeout: TIMEOUT, retry: RETRY, circuitBreaker: BREAKER }),
      fires: false,
    },
    {
      name: 'quiet: the breaker sits on the caller component',
      build: (b) => {
        external(b, { retry: RETRY }).caller.policies = { circuitBreaker: BREAKER };
      },
      fires: false,
    },
    {
      name: 'quiet: no retry at all (the timeout rule covers it)',
      build: (b) => external(b, {}),
      fires: false,
    },
    {
      name: 'quiet: internal call with retry and no breaker (not a risky call)',
      build: (b) => {
        b.connect(b.component('service', 'A'), b.component('database', 'DB'), { policies: { retry: RETRY } });
      },
      fires: false,
    },
  ];

  it.each(cases)('$name', ({ build, fires }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(syncRetryWithoutBreaker, b.build())).toEqual(
      fires ? [`${CALL} retries without a circuit breaker`] : [],
    );
  });
});

describe('retry.no-backoff', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; expect: string[] }[] = [
    {
      name: 'fires: retry with a 0 ms base delay on a call',
      build: (b) => external(b, { retry: NO_BACKOFF }),
      expect: [`${CALL} retries without backoff`],
    },
    { name: 'quiet: retry with backoff', build: (b) => external(b, { retry: RETRY }), expect: [] },
    {
      name: 'fires: on any connection, not just risky ones (async too)',
      build: (b) => {
        b.connect(b.component('queue', 'Q'), b.component('worker', 'W'), {
          mode: 'async',
          policies: { retry: NO_BACKOFF },
        });
      },
      expect: ['Q → W retries without backoff'],
    },
    {
      name: 'fires: on a component',
      build: (b) => {
        b.component('worker', 'W', { policies: { retry: NO_BACKOFF } });
      },
      expect: ['W retries without backoff'],
    },
    { name: 'quiet: no retry', build: (b) => external(b, { timeout: TIMEOUT }), expect: [] },
  ];

  it.each(cases)('$name', ({ build, expect: expected }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(retryWithoutBackoff, b.build())).toEqual(expected);
  });
});
