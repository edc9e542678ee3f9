import { describe, expect, it } from 'vitest';
import type { ResiliencePolicies } from '../../../src/lib/model';
import { runDrill } from '../../../src/lib/drill';
import { affected, kit, link, reasons, state } from './kit';

const RETRY = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2000, jitter: 'full' as const };
const BREAKER = { failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenProbes: 1 };

describe('sync calls', () => {
  it('a chain of sync calls loses service all the way up', () => {
    const k = kit();
    const web = k.node('client', 'Web');
    const api = k.service('Orders API');
    const pay = k.node('external-service', 'Payments');
    k.sync(web, api, { timeout: { ms: 5000 } });
    const call = k.sync(api, pay);
    const r = k.drill(pay);
    expect(affected(r, k.components)).toEqual({ Web: 'down', 'Orders API': 'down', Payments: 'failed' });
    expect(reasons(r, pay)).toEqual(['Failed in the drill']);
    expect(r.components[api.id]?.reasons).toEqual([
      {
        via: call.id,
        cause: pay.id,
        text: 'Orders API → Payments has no timeout or fallback: callers hang (Payments has failed)',
      },
    ]);
    expect(reasons(r, web)).toEqual(['Web → Orders API has a timeout but no fallback (Orders API is down)']);
    expect(link(r, call)).toBe('broken');
  });

  const cases: { name: string; policies: ResiliencePolicies; state: string; link: string; text: string }[] = [
    {
      name: 'no policies: down, and callers hang',
      policies: {},
      state: 'down',
      link: 'broken',
      text: 'has no timeout or fallback: callers hang',
    },
    {
      name: 'a timeout without fallback: down',
      policies: { timeout: { ms: 500 } },
      state: 'down',
      link: 'broken',
      text: 'has a timeout but no fallback',
    },
    {
      name: 'a circuit breaker without fallback: still down, but fails fast',
      policies: { timeout: { ms: 500 }, circuitBreaker: BREAKER },
      state: 'down',
      link: 'broken',
      text: 'has a timeout and a circuit breaker but no fallback: fails fast',
    },
    {
      name: 'a circuit breaker without timeout or fallback',
      policies: { circuitBreaker: BREAKER },
      state: 'down',
      link: 'broken',
      text: 'has a circuit breaker but no timeout or fallback: calls hang until it opens, then fail fast',
    },
    {
      name: 'retries do not save a hard failure',
      policies: { timeout: { ms: 500 }, retry: RETRY },
      state: 'down',
      link: 'broken',
      text: 'has a timeout but no fallback; retrying (up to 3 attempts) cannot help',
    },
    {
      name: 'a fallback: degraded',
      policies: { timeout: { ms: 500 }, fallback: { description: 'Serve cached prices' } },
      state: 'degraded',
      link: 'degraded',
      text: 'falls back: Serve cached prices',
    },
    {
      name: 'a circuit breaker and a fallback: degraded and failing fast',
      policies: { circuitBreaker: BREAKER, fallback: { description: '' } },
      state: 'degraded',
      link: 'degraded',
      text: 'trips its circuit breaker and falls back',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = kit();
      const api = k.service('Orders API');
      const pay = k.service('Payments');
      const call = k.sync(api, pay, c.policies);
      const r = k.drill(pay);
      expect(state(r, api)).toBe(c.state);
      expect(link(r, call)).toBe(c.link);
      expect(reasons(r, api)).toEqual([`Orders API → Payments ${c.text} (Payments has failed)`]);
      expect(r.connections[call.id]?.reason).toBe(`Orders API → Payments ${c.text} (Payments has failed)`);
    });
  }

  it("a caller's own policies apply to its calls unless the connection sets its own", () => {
    const k = kit();
    const api = k.service('Orders API', { policies: { fallback: { description: 'Queue the order' } } });
    const pay = k.service('Payments');
    k.sync(api, pay);
    expect(state(k.drill(pay), api)).toBe('degraded');
    expect(reasons(k.drill(pay), api)).toEqual([
      'Orders API → Payments falls back: Queue the order (Payments has failed)',
    ]);
  });

  it('a degraded service degrades its sync callers, not its async producers', () => {
    const k = kit();
    const web = k.node('client', 'Web');
    const api = k.service('API');
    const search = k.node('search-index', 'Search');
    const feeder = k.service('Feeder');
    const toApi = k.sync(web, api);
    k.sync(api, search, { fallback: { description: 'Show top sellers' } });
    k.async(feeder, api);
    const r = k.drill(search);
    expect(affected(r, k.components)).toEqual({ Web: 'degraded', API: 'degraded', Search: 'failed' });
    expect(reasons(r, web)).toEqual(['Web → API gets a reduced answer (API is degraded)']);
    expect(link(r, toApi)).toBe('degraded');
  });

  it('a cache in front of a failed store serves stale data: the cache and its callers degrade', () => {
    const k = kit();
    const api = k.service('Catalogue API');
    const cache = k.node('cache', 'Price cache');
    const db = k.node('database', 'Prices DB');
    const toCache = k.sync(api, cache, { timeout: { ms: 50 } });
    const fill = k.sync(cache, db);
    const r = k.drill(db);
    expect(affected(r, k.components)).toEqual({
      'Catalogue API': 'degraded',
      'Price cache': 'degraded',
      'Prices DB': 'failed',
    });
    expect(reasons(r, cache)).toEqual([
      'Price cache → Prices DB fails: Price cache serves what it has cached, misses fail (Prices DB has failed)',
    ]);
    expect([link(r, toCache), link(r, fill)]).toEqual(['degraded', 'degraded']);
    // The cache itself failing is a call like any other.
    expect(state(k.drill(cache), api)).toBe('down');
  });
});

describe('queues, streams and dead letter queues', () => {
  function pipeline() {
    const k = kit();
    const api = k.service('Checkout');
    const jobs = k.node('queue', 'Payment jobs');
    const worker = k.node('worker', 'Payment worker');
    const db = k.node('database', 'Orders DB');
    const dlq = k.node('dead-letter-queue', 'Payment DLQ');
    const publish = k.async(api, jobs);
    const deliver = k.async(jobs, worker);
    const update = k.sync(worker, db, { timeout: { ms: 500 } });
    return { k, api, jobs, worker, db, dlq, publish, deliver, update };
  }

  it('a failed consumer: the queue buffers, the producer carries on, nothing is dead-lettered yet', () => {
    const { k, api, jobs, worker, dlq, publish, deliver } = pipeline();
    jobs.policies = { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } };
    const r = k.drill(worker);
    expect(affected(r, k.components)).toEqual({ 'Payment jobs': 'buffering', 'Payment worker': 'failed' });
    expect(state(r, api)).toBe('ok');
    expect(reasons(r, jobs)).toEqual([
      'Payment jobs → Payment worker holds messages in Payment jobs until Payment worker recovers (Payment worker has failed)',
    ]);
    expect([link(r, publish), link(r, deliver)]).toEqual(['ok', 'buffering']);
    expect(state(r, dlq)).toBe('ok');
  });

  it('a failing consumer: its messages are dead-lettered through the delivery’s policy', () => {
    const { k, jobs, db, dlq, deliver } = pipeline();
    deliver.policies = { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } };
    const r = k.drill(db);
    expect(affected(r, k.components)).toEqual({
      'Payment jobs': 'buffering',
      'Payment worker': 'down',
      'Orders DB': 'failed',
      'Payment DLQ': 'receives-failed-work',
    });
    expect(r.components[dlq.id]?.reasons).toEqual([
      {
        via: deliver.id,
        cause: jobs.id,
        text: 'Payment jobs dead-letters messages to Payment DLQ after 5 deliveries (Payment worker is down)',
      },
    ]);
    expect(link(r, deliver)).toBe('broken');
    expect(reasons(r, jobs)).toEqual([
      'Payment jobs → Payment worker fails every delivery; messages are dead-lettered to Payment DLQ after 5 deliveries (Payment worker is down)',
    ]);
  });

  it('… through the queue’s own policy, or a failure-path connection', () => {
    const viaPolicy = pipeline();
    viaPolicy.jobs.policies = { deadLetter: { targetId: viaPolicy.dlq.id, maxDeliveries: 3 } };
    expect(state(viaPolicy.k.drill(viaPolicy.db), viaPolicy.dlq)).toBe('receives-failed-work');

    const viaEdge = pipeline();
    const toDlq = viaEdge.k.async(viaEdge.jobs, viaEdge.dlq);
    expect(toDlq.failurePath).toBe(true);
    const r = viaEdge.k.drill(viaEdge.db);
    expect(state(r, viaEdge.dlq)).toBe('receives-failed-work');
    expect(link(r, toDlq)).toBe('failure-path-active');
    expect(r.components[viaEdge.dlq.id]?.reasons[0]?.via).toBe(toDlq.id);
  });

  it('… or the consumer’s own failure path; with none, messages are redelivered until they expire', () => {
    const withPath = pipeline();
    const parked = withPath.k.async(withPath.worker, withPath.dlq);
    const r = withPath.k.drill(withPath.db);
    expect(reasons(r, withPath.dlq)).toEqual([
      'Payment worker sends its failed work to Payment DLQ (Payment worker is down)',
    ]);
    expect(link(r, parked)).toBe('failure-path-active');

    const without = pipeline();
    expect(reasons(without.k.drill(without.db), without.jobs)).toEqual([
      'Payment jobs → Payment worker fails every delivery; with no dead-letter queue, messages are redelivered until they expire (Payment worker is down)',
    ]);
  });

  it('a failed queue: producers cannot publish (down, or degraded with a fallback); consumers idle', () => {
    const { k, api, jobs, worker, publish } = pipeline();
    let r = k.drill(jobs);
    expect(affected(r, k.components)).toEqual({ Checkout: 'down', 'Payment jobs': 'failed' });
    expect(state(r, worker)).toBe('ok');
    expect(reasons(r, api)).toEqual([
      'Checkout → Payment jobs cannot publish and has no fallback (Payment jobs has failed)',
    ]);
    publish.policies = { fallback: { description: 'Write to the outbox table' } };
    r = k.drill(jobs);
    expect(state(r, api)).toBe('degraded');
    expect(link(r, publish)).toBe('degraded');
  });

  it('a stream whose consumer fails buffers like a queue', () => {
    const k = kit();
    const events = k.node('stream', 'Catalogue events');
    const search = k.node('search-index', 'Search');
    k.stream(events, search);
    expect(state(k.drill(search), events)).toBe('buffering');
  });

  it('an async message with no queue in between is lost (or parked in a DLQ); the producer degrades', () => {
    const k = kit();
    const images = k.node('object-storage', 'Images');
    const thumbs = k.node('function', 'Thumbnailer');
    const event = k.async(images, thumbs, { retry: RETRY });
    let r = k.drill(thumbs);
    expect(state(r, images)).toBe('degraded');
    expect(reasons(r, images)).toEqual([
      'Images → Thumbnailer loses its messages after 3 attempts: no queue in between (Thumbnailer has failed)',
    ]);
    expect(link(r, event)).toBe('broken');

    const dlq = k.node('dead-letter-queue', 'Image DLQ');
    event.policies = { deadLetter: { targetId: dlq.id, maxDeliveries: 2 } };
    r = k.drill(thumbs);
    expect(state(r, dlq)).toBe('receives-failed-work');
    expect(reasons(r, images)).toEqual([
      'Images → Thumbnailer parks undelivered messages in Image DLQ: no queue in between (Thumbnailer has failed)',
    ]);
  });

  it('a failed dead letter queue stops nothing, but failed work sent to it is lost', () => {
    const { k, jobs, db, dlq } = pipeline();
    const toDlq = k.async(jobs, dlq);
    expect(affected(k.drill(dlq), k.components)).toEqual({ 'Payment DLQ': 'failed' });
    const r = k.drill(db, dlq);
    expect(link(r, toDlq)).toBe('broken');
    expect(r.connections[toDlq.id]?.reason).toBe(
      'Payment jobs → Payment DLQ cannot carry failed work: Payment DLQ is unavailable, so it is lost',
    );
    // A cut failure path loses the work too.
    const cut = k.drill(db, toDlq);
    expect([state(cut, dlq), link(cut, toDlq)]).toEqual(['ok', 'broken']);
  });
});

describe('what can fail', () => {
  it('a connection: that link only', () => {
    const k = kit();
    const a = k.service('A');
    const b = k.service('B');
    const c = k.service('C');
    const ab = k.sync(a, b, { timeout: { ms: 100 } });
    const cb = k.sync(c, b);
    const r = k.drill(ab);
    expect(affected(r, k.components)).toEqual({ A: 'down' });
    expect(r.components[a.id]?.reasons).toEqual([
      { via: ab.id, cause: null, text: 'A → B has a timeout but no fallback (the connection has failed)' },
    ]);
    expect([link(r, ab), link(r, cb)]).toEqual(['broken', 'ok']);
    expect(r.connections[ab.id]?.reason).toBe('Failed in the drill: A → B has a timeout but no fallback');
  });

  it('a cut delivery connection makes its queue buffer', () => {
    const k = kit();
    const q = k.node('queue', 'Q');
    const w = k.node('worker', 'W');
    const qw = k.async(q, w);
    const r = k.drill(qw);
    expect(affected(r, k.components)).toEqual({ Q: 'buffering' });
    expect(reasons(r, q)).toEqual([
      'Q → W holds messages in Q until the connection recovers (the connection has failed)',
    ]);
  });

  it('a boundary: everything inside it, nested boundaries included', () => {
    const k = kit();
    const region = k.boundary('eu-west-1', 'region');
    const az = k.boundary('eu-west-1a', 'availability-zone', region);
    const domain = k.boundary('Payments bulkhead', 'failure-domain', az);
    const other = k.boundary('eu-west-1b', 'availability-zone', region);
    const lb = k.node('load-balancer', 'LB', { parentId: region.id });
    const api = k.service('API', { parentId: az.id });
    const pay = k.service('Payments', { parentId: domain.id });
    const replica = k.service('API replica', { parentId: other.id });
    k.sync(lb, api, { timeout: { ms: 100 } });
    k.sync(api, pay);
    const toDomain = k.sync(replica, domain);
    const r = k.drill(az);
    expect(affected(r, k.components)).toEqual({
      LB: 'down',
      API: 'failed',
      Payments: 'failed',
      'API replica': 'down',
    });
    expect(r.boundaries).toEqual({
      [region.id]: 'ok',
      [az.id]: 'failed',
      [domain.id]: 'failed',
      [other.id]: 'ok',
    });
    expect(r.components[pay.id]?.reasons).toEqual([
      {
        via: null,
        cause: domain.id,
        text: 'Inside Payments bulkhead, within eu-west-1a, which failed in the drill',
      },
    ]);
    expect(reasons(r, api)).toEqual(['Inside eu-west-1a, which failed in the drill']);
    expect(reasons(r, replica)).toEqual([
      'API replica → Payments bulkhead has no timeout or fallback: callers hang (Payments bulkhead has failed)',
    ]);
    expect(link(r, toDomain)).toBe('broken');
  });

  it('several failures combine; duplicates and unknown ids are set aside', () => {
    const k = kit();
    const api = k.service('API');
    const prices = k.service('Prices');
    const stock = k.service('Stock');
    k.sync(api, prices, { fallback: { description: 'Last known prices' } });
    k.sync(api, stock, { fallback: { description: 'Assume in stock' } });
    const pay = k.service('Payments');
    k.sync(api, pay);
    expect(state(k.drill(prices), api)).toBe('degraded');
    expect(reasons(k.drill(prices, stock), api)).toHaveLength(2);
    expect(state(k.drill(prices, stock, pay), api)).toBe('down');

    const r = runDrill(k.input(), [
      { type: 'component', id: prices.id },
      { type: 'component', id: prices.id },
      { type: 'component', id: 'cmp_missing' },
      { type: 'boundary', id: prices.id },
    ]);
    expect(r.failures).toEqual([{ type: 'component', id: prices.id }]);
    expect(r.ignored).toEqual([
      { type: 'component', id: 'cmp_missing' },
      { type: 'boundary', id: prices.id },
    ]);
    expect(runDrill(k.input(), []).summary.components.ok).toBe(k.components.length);
  });
});

describe('propagation', () => {
  it('terminates on cycles: A ⇄ B with nothing else failing stays ok', () => {
    const k = kit();
    const a = k.service('A');
    const b = k.service('B');
    const c = k.service('C');
    k.sync(a, b);
    k.sync(b, a);
    expect(affected(k.drill(c), k.components)).toEqual({ C: 'failed' });
  });

  it('a cycle that depends on a failure goes down, and every reason points at an earlier cause', () => {
    const k = kit();
    const a = k.service('A');
    const b = k.service('B');
    const c = k.service('C');
    const ab = k.sync(a, b);
    k.sync(b, a);
    const bc = k.sync(b, c);
    const r = k.drill(c);
    expect(affected(r, k.components)).toEqual({ A: 'down', B: 'down', C: 'failed' });
    // B is down because of C, not because of A (which is down because of B).
    expect(r.components[b.id]?.reasons.map((x) => x.via)).toEqual([bc.id]);
    expect(r.components[a.id]?.reasons.map((x) => x.via)).toEqual([ab.id]);
  });

  it('leaves unrelated components and everything downstream of the failure alone', () => {
    const k = kit();
    const web = k.node('client', 'Web');
    const api = k.service('API');
    const db = k.node('database', 'DB');
    const other = k.service('Other');
    const otherDb = k.node('database', 'Other DB');
    k.sync(web, api);
    k.sync(api, db);
    k.sync(other, otherDb);
    const r = k.drill(api);
    expect(affected(r, k.components)).toEqual({ Web: 'down', API: 'failed' });
    expect([state(r, db), state(r, other), state(r, otherDb)]).toEqual(['ok', 'ok', 'ok']);
  });

  it('ignores connections out of boundaries and to missing records', () => {
    const k = kit();
    const zone = k.boundary('Zone');
    const a = k.service('A');
    const b = k.service('B');
    const fromZone = k.sync(zone, b);
    const dangling = k.sync(a, b, {}, { target: 'cmp_gone' });
    const r = k.drill(b);
    expect(affected(r, k.components)).toEqual({ B: 'failed' });
    expect([link(r, fromZone), link(r, dangling)]).toEqual(['ok', 'ok']);
  });
});

describe('flows', () => {
  function checkout() {
    const k = kit();
    const web = k.node('client', 'Web');
    const gw = k.node('api-gateway', 'Gateway');
    const orders = k.service('Orders API');
    const pay = k.node('external-service', 'Payments');
    const recs = k.service('Recommendations');
    const s1 = k.sync(web, gw, { timeout: { ms: 5000 } });
    const s2 = k.sync(gw, orders, { timeout: { ms: 2000 }, circuitBreaker: BREAKER });
    const s3 = k.sync(orders, pay, { timeout: { ms: 800 } });
    const s4 = k.sync(orders, recs, { fallback: { description: 'No recommendations' } });
    const flow = k.flow('Checkout', [
      [web, gw, s1],
      [gw, orders, s2],
      [orders, pay, s3],
      [orders, recs, s4],
    ]);
    return { k, web, gw, orders, pay, recs, flow };
  }

  it('names the first step that breaks and why', () => {
    const { k, pay } = checkout();
    const [impact] = k.drill(pay).flows;
    expect(impact).toMatchObject({
      name: 'Checkout',
      status: 'broken',
      step: 3,
      reason: 'Checkout: step 3, Orders API → Payments has a timeout but no fallback',
      cause: 'Payments has failed',
    });
    // Steps 1 and 2 reach components that are down because of step 3: broken, but not the root.
    expect(impact?.steps.map((s) => [s.n, s.state, s.root])).toEqual([
      [1, 'broken', false],
      [2, 'broken', false],
      [3, 'broken', true],
      [4, 'ok', true],
    ]);
  });

  it('a step into a degraded component is degraded, and the flow survives', () => {
    const { k, recs } = checkout();
    const [impact] = k.drill(recs).flows;
    expect(impact).toMatchObject({
      status: 'degraded',
      step: 4,
      reason:
        'Checkout: survives degraded; step 4, Orders API → Recommendations falls back: No recommendations',
    });
    expect(impact?.steps.map((s) => [s.state, s.root])).toEqual([
      ['degraded', false],
      ['degraded', false],
      ['ok', true],
      ['degraded', true],
    ]);
  });

  it('a flow the failure does not touch survives', () => {
    const { k } = checkout();
    const lonely = k.service('Lonely');
    expect(k.drill(lonely).flows[0]).toMatchObject({
      status: 'ok',
      step: null,
      reason: 'Checkout: survives',
    });
  });

  it('a step into a component that is down for a reason outside the flow is where it breaks', () => {
    const { k, gw } = checkout();
    const auth = k.node('identity-provider', 'Auth');
    k.sync(gw, auth, { timeout: { ms: 300 } });
    const [impact] = k.drill(auth).flows;
    expect(impact).toMatchObject({
      step: 1,
      reason: 'Checkout: step 1, Web → Gateway has a timeout but no fallback',
      cause: 'Gateway is down',
    });
  });

  it('work waiting in a queue delays the flow; later steps out of the failed consumer are not the root', () => {
    const k = kit();
    const api = k.service('API');
    const q = k.node('queue', 'Jobs');
    const w = k.node('worker', 'Worker');
    const psp = k.node('external-service', 'PSP');
    const p1 = k.async(api, q);
    const p2 = k.async(q, w);
    const p3 = k.sync(w, psp);
    k.flow('Pay', [
      [api, q, p1],
      [q, w, p2],
      [w, psp, p3],
    ]);
    const [impact] = k.drill(w).flows;
    expect(impact).toMatchObject({
      status: 'delayed',
      step: 2,
      reason: 'Pay: delayed at step 2, Jobs → Worker holds messages in Jobs until Worker recovers',
    });
    expect(impact?.steps.map((s) => [s.state, s.root])).toEqual([
      ['ok', true],
      ['buffering', true],
      ['broken', false],
    ]);
  });

  it('a step without a connection id follows the connection between its ends', () => {
    const k = kit();
    const a = k.service('A');
    const b = k.service('B');
    k.sync(a, b, { fallback: { description: 'Default' } });
    k.flow('Loose', [[a, b, null]]);
    expect(k.drill(b).flows[0]?.status).toBe('degraded');
    const c = k.service('C');
    k.flow('Drawn only in the flow', [[a, c, null]]);
    expect(k.drill(c).flows[1]).toMatchObject({
      status: 'broken',
      reason: 'Drawn only in the flow: step 1, A → C has no timeout or fallback: callers hang',
    });
  });
});

describe('the result', () => {
  it('is plain data, deterministic, and never changes the diagram', () => {
    const k = kit();
    const web = k.node('client', 'Web');
    const api = k.service('API', { policies: { bulkhead: { maxConcurrent: 5, maxQueue: 5 } } });
    const q = k.node('queue', 'Q');
    const w = k.node('worker', 'W');
    const db = k.node('database', 'DB');
    const dlq = k.node('dead-letter-queue', 'DLQ');
    const zone = k.boundary('Zone');
    db.parentId = zone.id;
    const s1 = k.sync(web, api);
    const s2 = k.async(api, q);
    const s3 = k.async(q, w, { deadLetter: { targetId: dlq.id, maxDeliveries: 5 } });
    const s4 = k.sync(w, db);
    k.flow('F', [
      [web, api, s1],
      [api, q, s2],
      [q, w, s3],
      [w, db, s4],
    ]);
    const before = structuredClone(k.input());
    const frozen = Object.freeze(structuredClone(k.input()));
    const r = k.drill(zone, s1);
    expect(k.input()).toEqual(before);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(k.drill(zone, s1)).toEqual(r);
    expect(() =>
      runDrill(frozen, [
        { type: 'boundary', id: zone.id },
        { type: 'connection', id: s1.id },
      ]),
    ).not.toThrow();
    expect(Object.keys(r.components)).toEqual(k.components.map((c) => c.id));
    expect(Object.keys(r.connections)).toEqual(k.connections.map((c) => c.id));
    expect(r.summary).toEqual({
      components: { failed: 1, down: 2, degraded: 0, buffering: 1, 'receives-failed-work': 1, ok: 1 },
      connections: { broken: 3, degraded: 0, buffering: 0, 'failure-path-active': 0, ok: 1 },
      flows: { broken: 1, delayed: 0, degraded: 0, ok: 0 },
    });
  });
});
