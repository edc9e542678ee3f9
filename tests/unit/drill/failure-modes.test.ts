import { describe, expect, it } from 'vitest';
import { failureModeRow, failureModes, failureModesTable, runDrill } from '../../../src/lib/drill';
import { componentByLabel, sampleBundle } from '../../fixtures/sample-bundle';
import { kit, target } from './kit';

describe('the failure modes of the sample case study', () => {
  it('has a row for each component something depends on, clients and the DLQ left out', () => {
    const rows = failureModes(sampleBundle());
    expect(rows.map((r) => r.component)).toEqual([
      'API gateway',
      'Checkout service',
      'Orders DB',
      'Payment jobs',
      'Payment worker',
      'Stripe',
      'Price cache',
    ]);
  });

  it('says what a database outage takes down, what limits it and what is missing', () => {
    const row = failureModes(sampleBundle()).find((r) => r.component === 'Orders DB');
    expect(row).toEqual({
      component: 'Orders DB',
      failure: 'Database down or unreachable',
      impact: [
        'Loses service: Web shop, API gateway, Checkout service, Payment worker',
        'Buffers: Payment jobs',
        'Failed work goes to: Payment DLQ',
        'Flows broken: Place an order (step 3), Stripe is down (step 1)',
      ].join('\n'),
      mitigation: [
        'Circuit breaker on API gateway → Checkout service fails fast',
        'Timeout on Checkout service → Orders DB (500 ms)',
        'Bulkhead on Checkout service → Orders DB (50 concurrent calls)',
        'Payment jobs buffers messages until its consumer recovers',
        'Payment DLQ collects failed work',
      ].join('\n'),
      gap: [
        'No fallback on Checkout service → Orders DB',
        'No fallback on Payment worker → Orders DB',
        'No timeout on Payment worker → Orders DB: callers hang',
      ].join('\n'),
    });
  });

  it('shows a failure that is fully mitigated with no gap', () => {
    const rows = failureModes(sampleBundle());
    expect(rows.find((r) => r.component === 'Stripe')).toMatchObject({
      impact: 'Degraded: Payment worker\nFlows degraded: Place an order (step 6), Stripe is down (step 2)',
      gap: '',
    });
    expect(rows.find((r) => r.component === 'Payment worker')).toMatchObject({
      impact: 'Buffers: Payment jobs\nFlows delayed: Place an order (step 5), Stripe is down (step 1)',
      mitigation: 'Payment jobs buffers messages until its consumer recovers',
      gap: '',
    });
  });

  it('names the diagram when two diagrams have a component of the same name', () => {
    const b = sampleBundle();
    componentByLabel(b, 'Price cache').label = 'Orders DB';
    const names = failureModes(b).map((r) => r.component);
    expect(names).toContain('Orders DB (Checkout)');
    expect(names).toContain('Orders DB (Refunds)');
    expect(names).toContain('Stripe');
  });

  it('never changes the bundle', () => {
    const b = sampleBundle();
    const before = structuredClone(b);
    failureModes(b);
    expect(b).toEqual(before);
  });
});

describe('a drill as a table row', () => {
  function zoneDiagram() {
    const k = kit();
    const az = k.boundary('eu-west-1a', 'availability-zone');
    const web = k.node('client', 'Web');
    const api = k.service('API', { parentId: az.id });
    const db = k.node('database', 'DB', { parentId: az.id });
    const images = k.node('object-storage', 'Images');
    const thumbs = k.node('function', 'Thumbnailer', { parentId: az.id });
    const call = k.sync(web, api, { timeout: { ms: 3000 } });
    k.sync(api, db, { timeout: { ms: 300 } });
    k.async(images, thumbs);
    return { k, az, web, api, db, call };
  }

  it('a boundary outage', () => {
    const { k, az } = zoneDiagram();
    const [row] = failureModesTable(k.input(), [[target(az)]]);
    expect(row).toEqual({
      component: 'eu-west-1a',
      failure: 'Availability zone outage (3 components)',
      impact: 'Fails with it: API, DB, Thumbnailer\nLoses service: Web\nDegraded: Images',
      mitigation: 'Timeout on Web → API (3 s)',
      gap: 'No fallback on Web → API\nNo queue between Images and Thumbnailer: messages are lost',
    });
  });

  it('a cut connection, and several failures in one row', () => {
    const { k, call, db, api } = zoneDiagram();
    const [cut, both] = failureModesTable(k.input(), [[target(call)], [target(db), target(api)]]);
    expect(cut).toMatchObject({
      component: 'Web → API',
      failure: 'Connection cut (network partition)',
      impact: 'Loses service: Web',
      gap: 'No fallback on Web → API',
    });
    expect(both).toMatchObject({
      component: 'DB, API',
      failure: 'Database down or unreachable; Service down or unreachable',
      impact: 'Loses service: Web',
    });
    expect(failureModeRow(k.input(), runDrill(k.input(), [target(call)]))).toEqual(cut);
  });

  it('a failure that touches nothing says so', () => {
    const k = kit();
    const lonely = k.service('Lonely');
    expect(failureModesTable(k.input(), [[target(lonely)]])[0]).toEqual({
      component: 'Lonely',
      failure: 'Service down or unreachable',
      impact: 'No other component affected',
      mitigation: '',
      gap: '',
    });
  });
});
