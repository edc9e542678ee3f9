import { describe, expect, it } from 'vitest';
import { flowNoErrorFlow, flowStepNotConnected } from '../../../src/lib/review/rules/flows';
import { BundleBuilder, run, titles } from './builder';

describe('flow.no-error-flow', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; fires: boolean }[] = [
    { name: 'quiet: nothing drawn yet', build: () => undefined, fires: false },
    {
      name: 'fires: components but only a happy flow',
      build: (b) => {
        const a = b.component('service', 'A');
        const c = b.component('service', 'B');
        b.flow('happy', [[a, c, b.connect(a, c)]]);
      },
      fires: true,
    },
    {
      name: 'fires: an error flow with no steps does not count',
      build: (b) => {
        b.component('service', 'A');
        b.flow('error', []);
      },
      fires: true,
    },
    {
      name: 'quiet: an error flow with a step',
      build: (b) => {
        const a = b.component('service', 'A');
        const c = b.component('service', 'B');
        b.flow('error', [[a, c, b.connect(a, c)]]);
      },
      fires: false,
    },
  ];
  it.each(cases)('$name', ({ build, fires }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(flowNoErrorFlow, b.build())).toEqual(
      fires ? ['No flow shows what happens when something fails'] : [],
    );
  });

  it('points at the empty error flow when there is one, else at the diagram', () => {
    const b = new BundleBuilder();
    b.component('service', 'A');
    expect(run(flowNoErrorFlow, b.build())[0]?.target).toEqual({ type: 'diagram', diagramId: b.current.id });
    const empty = b.flow('error', []);
    expect(run(flowNoErrorFlow, b.build())[0]?.target).toEqual({
      type: 'flow',
      diagramId: b.current.id,
      id: empty.id,
    });
  });
});

describe('flow.step-not-connected', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; expect: string[] }[] = [
    {
      name: 'quiet: the step follows a connection',
      build: (b) => {
        const a = b.component('service', 'A');
        const c = b.component('database', 'B');
        b.flow('happy', [[a, c, b.connect(a, c)]]);
      },
      expect: [],
    },
    {
      name: 'quiet: connected in the reverse direction (a reply, or a consumer polling)',
      build: (b) => {
        const a = b.component('service', 'A');
        const c = b.component('database', 'B');
        b.connect(a, c);
        b.flow('happy', [[c, a]]);
      },
      expect: [],
    },
    {
      name: 'fires: no connection between the two',
      build: (b) => {
        const a = b.component('service', 'A');
        const c = b.component('database', 'B');
        b.flow('happy', [[a, c]], 'Order');
      },
      expect: ['Step 1 of "Order" (A → B) follows no connection'],
    },
    {
      name: 'fires: connected only through a third component',
      build: (b) => {
        const a = b.component('service', 'A');
        const m = b.component('service', 'M');
        const c = b.component('database', 'B');
        const am = b.connect(a, m);
        b.connect(m, c);
        b.flow(
          'happy',
          [
            [a, m, am],
            [a, c],
          ],
          'Order',
        );
      },
      expect: ['Step 2 of "Order" (A → B) follows no connection'],
    },
    {
      name: 'quiet: a connection drawn to the boundary around the target',
      build: (b) => {
        const zone = b.boundary('availability-zone', 'AZ');
        const a = b.component('service', 'A');
        const c = b.component('database', 'B');
        b.inside(zone, c);
        b.connect(a, zone);
        b.flow('happy', [[a, c]]);
      },
      expect: [],
    },
    {
      name: 'quiet: a step from a node to itself (internal work)',
      build: (b) => {
        const a = b.component('service', 'A');
        b.flow('happy', [[a, a]]);
      },
      expect: [],
    },
    {
      name: 'quiet: a step whose end was deleted (repair drops it)',
      build: (b) => {
        const a = b.component('service', 'A');
        const f = b.flow('happy', [[a, a]]);
        const step = f.steps[0];
        if (step) step.toId = 'cmp_gone';
      },
      expect: [],
    },
  ];
  it.each(cases)('$name', ({ build, expect: expected }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(flowStepNotConnected, b.build())).toEqual(expected);
  });

  it('points at the step and keys by flow and step ids', () => {
    const b = new BundleBuilder();
    const f = b.flow('error', [[b.component('service', 'A'), b.component('service', 'B')]]);
    const step = f.steps[0];
    expect(run(flowStepNotConnected, b.build())[0]).toMatchObject({
      key: `flow.step-not-connected:${f.id}:${step?.id}`,
      target: { type: 'flow', diagramId: f.diagramId, id: f.id, stepId: step?.id },
    });
  });
});
