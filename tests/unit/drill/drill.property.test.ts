/**
 * Random small diagrams (every component kind that matters, nested and even cyclic boundary
 * parents, connections to boundaries and to missing records, random policies) and random
 * failures. Whatever the diagram, the drill terminates, explains every state with reasons
 * that lead back to a failure, is a fixed point of the sync rule, leaves components with no
 * path to a failure alone, and only grows when more things fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createBoundary,
  createComponent,
  createConnection,
  createFlow,
  createFlowStep,
  type Boundary,
  type Component,
  type ComponentKind,
  type Connection,
  type ResiliencePolicies,
} from '../../../src/lib/model';
import { runDrill, type DrillResult, type FailureTarget } from '../../../src/lib/drill';

const KINDS: ComponentKind[] = [
  'client',
  'service',
  'service',
  'service',
  'service',
  'api-gateway',
  'cache',
  'queue',
  'stream',
  'dead-letter-queue',
  'worker',
  'database',
];

/** Each policy present about one time in four. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.tuple(fc.integer({ min: 0, max: 3 }), arb).map(([x, v]) => (x === 0 ? v : undefined));

const policiesArb = (n: number) =>
  fc
    .record({
      timeout: sometimes(fc.constant({ ms: 100 })),
      retry: sometimes(
        fc.constant({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, jitter: 'full' as const }),
      ),
      circuitBreaker: sometimes(
        fc.constant({ failureThreshold: 5, resetTimeoutMs: 1000, halfOpenProbes: 1 }),
      ),
      fallback: sometimes(fc.constant({ description: 'fallback' })),
      deadLetter: sometimes(fc.nat(n - 1).map((i) => ({ targetIndex: i, maxDeliveries: 3 }))),
    })
    .map(
      (p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Partial<typeof p>,
    );

/** A component index, unbiased (fast-check favours 0 otherwise: too many self-loops). */
const index = (n: number) => fc.noBias(fc.nat(n - 1));

const specArb = fc
  .record({ n: fc.noBias(fc.integer({ min: 2, max: 9 })), nb: fc.integer({ min: 0, max: 3 }) })
  .chain(({ n, nb }) =>
    fc.record({
      kinds: fc.array(fc.constantFrom(...KINDS), { minLength: n, maxLength: n }),
      componentParents: fc.array(fc.option(fc.nat(Math.max(0, nb - 1)), { nil: null, freq: 2 }), {
        minLength: n,
        maxLength: n,
      }),
      componentPolicies: fc.array(policiesArb(n), { minLength: n, maxLength: n }),
      boundaryParents: fc.array(fc.option(fc.nat(Math.max(0, nb - 1)), { nil: null }), {
        minLength: nb,
        maxLength: nb,
      }),
      connections: fc.noBias(
        fc.array(
          fc.record({
            // Endpoints: a component index, a boundary (n + i) or a missing record (-1).
            source: fc.oneof(index(n), index(n), index(n), fc.constant(nb > 0 ? n : -1)),
            target: fc.oneof(index(n), index(n), index(n), fc.constant(nb > 0 ? n : -1), fc.constant(-1)),
            mode: fc.constantFrom(
              'sync' as const,
              'sync' as const,
              'sync' as const,
              'async' as const,
              'stream' as const,
            ),
            failurePath: fc.integer({ min: 0, max: 6 }).map((x) => x === 0),
            policies: policiesArb(n),
          }),
          { minLength: 1, maxLength: 16 },
        ),
      ),
      flows: fc.array(fc.array(fc.tuple(index(n), index(n), fc.boolean()), { maxLength: 5 }), {
        maxLength: 2,
      }),
      failures: fc.array(
        fc.tuple(
          fc.constantFrom('component', 'component', 'component', 'connection', 'boundary'),
          fc.noBias(fc.nat(20)),
        ),
        { minLength: 1, maxLength: 2 },
      ),
      extra: fc.array(fc.tuple(fc.constantFrom('component', 'connection', 'boundary'), fc.nat(20)), {
        maxLength: 3,
      }),
    }),
  );

type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec) {
  const caseStudyId = 'cs_p';
  const diagramId = 'dgm_p';
  const boundaries: Boundary[] = spec.boundaryParents.map((_, i) =>
    createBoundary({ caseStudyId, diagramId, kind: 'availability-zone', label: `Z${i}` }),
  );
  // Random parents, cycles included (bad data must not hang the drill).
  spec.boundaryParents.forEach((p, i) => {
    const b = boundaries[i];
    if (b && p !== null) b.parentId = boundaries[p]?.id ?? null;
  });
  const components: Component[] = spec.kinds.map((kind, i) =>
    createComponent({
      caseStudyId,
      diagramId,
      kind,
      label: `C${i}`,
      parentId: boundaries[spec.componentParents[i] ?? -1]?.id ?? null,
    }),
  );
  const policies = (p: Spec['connections'][number]['policies']): ResiliencePolicies => {
    const { deadLetter, ...rest } = p;
    return deadLetter
      ? {
          ...rest,
          deadLetter: { targetId: components[deadLetter.targetIndex]?.id ?? '', maxDeliveries: 3 },
        }
      : rest;
  };
  spec.componentPolicies.forEach((p, i) => {
    const c = components[i];
    if (c) c.policies = policies(p);
  });
  const endpoint = (i: number) =>
    i < 0 ? 'cmp_missing' : i < components.length ? (components[i]?.id ?? '') : (boundaries[0]?.id ?? '');
  const connections: Connection[] = spec.connections.map((c) =>
    createConnection({
      caseStudyId,
      diagramId,
      source: endpoint(c.source),
      target: endpoint(c.target),
      mode: c.mode,
      failurePath: c.failurePath,
      policies: policies(c.policies),
    }),
  );
  const flows = spec.flows.map((steps, i) =>
    createFlow({
      caseStudyId,
      diagramId,
      name: `F${i}`,
      steps: steps.map(([a, b, drawn]) => {
        const from = components[a]?.id ?? '';
        const to = components[b]?.id ?? '';
        const via = drawn ? connections.find((c) => c.source === from && c.target === to) : undefined;
        return createFlowStep({ fromId: from, toId: to, connectionId: via?.id ?? null });
      }),
    }),
  );
  const pick = ([type, i]: [string, number]): FailureTarget => {
    const list = type === 'component' ? components : type === 'boundary' ? boundaries : connections;
    return { type: type as FailureTarget['type'], id: list[i % Math.max(1, list.length)]?.id ?? 'x_missing' };
  };
  return {
    input: { components, boundaries, connections, flows },
    failures: spec.failures.map(pick),
    extra: spec.extra.map(pick),
  };
}

function check(input: ReturnType<typeof build>['input'], r: DrillResult) {
  const comps = new Map(input.components.map((c) => [c.id, c]));
  const failedLinks = new Set(r.failures.filter((f) => f.type === 'connection').map((f) => f.id));
  const stateOf = (id: string) => r.components[id]?.state ?? 'ok';
  const unavailable = (id: string) =>
    stateOf(id) === 'failed' || stateOf(id) === 'down' || r.boundaries[id] === 'failed';
  const isFailurePath = (c: Connection) => c.failurePath || comps.get(c.target)?.kind === 'dead-letter-queue';

  // Every state has reasons, and every reason leads back to a failure.
  const grounded = (id: string, depth: number): boolean => {
    if (depth > comps.size + 2) return false;
    if (r.boundaries[id] === 'failed' || stateOf(id) === 'failed') return true;
    const reasons = r.components[id]?.reasons ?? [];
    return (
      reasons.length > 0 &&
      reasons.every((x) =>
        x.cause === null ? x.via !== null && failedLinks.has(x.via) : grounded(x.cause, depth + 1),
      )
    );
  };
  for (const c of input.components) {
    const s = stateOf(c.id);
    if (s === 'ok') expect(r.components[c.id]?.reasons).toEqual([]);
    else expect(grounded(c.id, 0), `${c.label} (${s})`).toBe(true);
  }

  // Fixed point of the dependency rules.
  for (const c of input.connections) {
    const source = comps.get(c.source);
    if (!source || isFailurePath(c)) continue;
    if (!comps.has(c.target) && !(c.target in r.boundaries)) continue;
    if (!(unavailable(c.target) || failedLinks.has(c.id))) continue;
    expect(stateOf(source.id), `${source.label} → ${c.target}`).not.toBe('ok');
    const buffer = ['queue', 'stream', 'dead-letter-queue'].includes(source.kind);
    const fallback = c.policies.fallback ?? source.policies.fallback;
    if (c.mode === 'sync' && !buffer && !fallback && source.kind !== 'cache') {
      expect(['failed', 'down']).toContain(stateOf(source.id));
    }
  }

  // Components with no path to a failure stay ok (dead letter queues aside).
  const reaches = new Set<string>([
    ...input.components.filter((c) => stateOf(c.id) === 'failed').map((c) => c.id),
    ...Object.keys(r.boundaries).filter((id) => r.boundaries[id] === 'failed'),
    ...input.connections.filter((c) => failedLinks.has(c.id)).map((c) => c.source),
  ]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of input.connections) {
      if (reaches.has(c.target) && !reaches.has(c.source)) {
        reaches.add(c.source);
        grew = true;
      }
    }
  }
  const deadLetterTargets = new Set([
    ...input.connections.filter(isFailurePath).map((c) => c.target),
    ...input.connections.map((c) => c.policies.deadLetter?.targetId),
    ...input.components.map((c) => c.policies.deadLetter?.targetId),
  ]);
  for (const c of input.components) {
    const s = stateOf(c.id);
    if (s === 'receives-failed-work') expect(deadLetterTargets.has(c.id)).toBe(true);
    else if (s !== 'ok') expect(reaches.has(c.id), `${c.label} is ${s}`).toBe(true);
  }

  // Flows: a status per flow; a broken flow names a 1-based step.
  expect(r.flows).toHaveLength(input.flows.length);
  for (const f of r.flows) {
    if (f.status === 'ok') expect(f.step).toBeNull();
    else expect(f.step).toBeGreaterThanOrEqual(1);
  }
}

describe('drills on random diagrams', () => {
  it('terminate with grounded reasons, a fixed point, and no effect on unrelated components', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const { input, failures } = build(spec);
        const before = structuredClone(input);
        const r = runDrill(input, failures);
        expect(input).toEqual(before);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
        expect(runDrill(input, failures)).toEqual(r);
        check(input, r);
      }),
      { numRuns: 400 },
    );
  });

  it('never make anything available again when more things fail', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const { input, failures, extra } = build(spec);
        const few = runDrill(input, failures);
        const more = runDrill(input, [...failures, ...extra]);
        for (const c of input.components) {
          const s = few.components[c.id]?.state;
          if (s === 'failed' || s === 'down')
            expect(['failed', 'down']).toContain(more.components[c.id]?.state);
        }
      }),
      { numRuns: 300 },
    );
  });
});
