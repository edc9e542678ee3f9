import { describe, expect, it } from 'vitest';
import { happyPathOnly } from '../../../src/lib/review/rules/happy-path';
import { BundleBuilder, RETRY, run, titles } from './builder';

describe('diagram.happy-path-only', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; fires: boolean }[] = [
    {
      name: 'fires: connections, no failure path, no DLQ, no policy',
      build: (b) => b.connect(b.component('client', 'Web'), b.component('service', 'API')),
      fires: true,
    },
    {
      name: 'quiet: no connections yet (nothing drawn to judge)',
      build: (b) => b.component('service', 'API'),
      fires: false,
    },
    {
      name: 'quiet: a failure-path connection',
      build: (b) => {
        const api = b.component('service', 'API');
        b.connect(b.component('client', 'Web'), api);
        b.connect(api, b.component('service', 'Fallback'), { failurePath: true });
      },
      fires: false,
    },
    {
      name: 'quiet: a dead letter queue on the diagram',
      build: (b) => {
        b.connect(b.component('client', 'Web'), b.component('service', 'API'));
        b.component('dead-letter-queue', 'DLQ');
      },
      fires: false,
    },
    {
      name: 'quiet: a policy on a connection',
      build: (b) =>
        b.connect(b.component('client', 'Web'), b.component('service', 'API'), {
          policies: { timeout: { ms: 1 } },
        }),
      fires: false,
    },
    {
      name: 'quiet: a policy on a component',
      build: (b) =>
        b.connect(
          b.component('client', 'Web'),
          b.component('service', 'API', { policies: { retry: RETRY } }),
        ),
      fires: false,
    },
  ];

  it.each(cases)('$name', ({ build, fires }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(happyPathOnly, b.build())).toEqual(
      fires ? ['Diagram "System" shows only the happy path'] : [],
    );
  });

  it('judges each diagram on its own, in tab order, and points at the diagram', () => {
    const b = new BundleBuilder();
    const second = b.diagram('Refunds');
    b.connect(b.component('client', 'Web'), b.component('service', 'API'), {
      policies: { timeout: { ms: 1 } },
    });
    b.onDiagram(second);
    b.connect(b.component('service', 'Refunds'), b.component('cache', 'Cache'));
    const findings = run(happyPathOnly, b.build());
    expect(findings.map((f) => f.title)).toEqual(['Diagram "Refunds" shows only the happy path']);
    expect(findings[0]?.target).toEqual({ type: 'diagram', diagramId: second.id });
    expect(findings[0]?.key).toBe(`diagram.happy-path-only:${second.id}`);
    expect(findings[0]?.severity).toBe('must');
  });
});
