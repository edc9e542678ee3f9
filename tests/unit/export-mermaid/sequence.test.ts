// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FAILURE_RECT_COLOUR,
  buildSequence,
  exportSequence,
  sequenceMessageText,
  sequenceTitle,
  type ConnectionSource,
  type ParticipantSource,
} from '../../../src/lib/export/sequence';
import { createFlow, createFlowStep, type Flow } from '../../../src/lib/model';
import { componentByLabel, flowByKind } from '../../fixtures/sample-bundle';
import { HOSTILE_FRAGMENTS, randomFlow } from './arbitraries';
import { deterministicSampleBundle, expectGolden, readSequence, type SequenceReadBack } from './harness';

const bundle = deterministicSampleBundle();
const components = new Map<string, ParticipantSource>(
  [...bundle.components, ...bundle.boundaries].map((c) => [c.id, c]),
);
const connections = new Map<string, ConnectionSource>(bundle.connections.map((c) => [c.id, c]));

/** Assert that Mermaid read back the participants, steps and failure blocks that were exported. */
function expectFaithful(
  flow: Pick<Flow, 'name' | 'kind' | 'steps'>,
  parts: ReadonlyMap<string, ParticipantSource>,
  cons: ReadonlyMap<string, ConnectionSource> | undefined,
  back: SequenceReadBack,
  includePolicies = true,
): void {
  const exported = buildSequence(flow, parts, cons, { includePolicies });
  expect(back.title).toBe(sequenceTitle(flow));

  // One participant per component the flow touches, in order of first appearance, with its label.
  const order = [...new Set(flow.steps.flatMap((s) => [s.fromId, s.toId]))];
  expect(back.actors.map((a) => a.label)).toEqual(order.map((id) => parts.get(id)?.label ?? id));
  expect(back.actors.map((a) => a.id)).toEqual(exported.participants.map((p) => p.id));
  const participantOf = new Map(exported.participants.map((p) => [p.recordId, p.id]));

  // Steps in order: sync solid arrow, async open arrow, exact message text.
  const arrows = back.messages.filter((m) => m.kind === 'SOLID' || m.kind === 'SOLID_POINT');
  expect(arrows).toEqual(
    flow.steps.map((s) => ({
      kind: s.mode === 'async' ? 'SOLID_POINT' : 'SOLID',
      from: participantOf.get(s.fromId),
      to: participantOf.get(s.toId),
      text: sequenceMessageText(s, cons, includePolicies),
    })),
  );

  // Each step with a failure note sits in an opt block labelled with the note, in a red rect.
  const kinds = back.messages.map((m) => m.kind).filter((k) => k !== 'AUTONUMBER');
  const expectedKinds = flow.steps.flatMap((s) => {
    const arrow = s.mode === 'async' ? 'SOLID_POINT' : 'SOLID';
    return s.failureNote === '' ? [arrow] : ['RECT_START', 'OPT_START', arrow, 'OPT_END', 'RECT_END'];
  });
  expect(kinds).toEqual(expectedKinds);
  expect(back.messages.filter((m) => m.kind === 'OPT_START').map((m) => m.text)).toEqual(
    flow.steps.filter((s) => s.failureNote !== '').map((s) => s.failureNote),
  );
  expect(
    back.messages.filter((m) => m.kind === 'RECT_START').every((m) => m.text === FAILURE_RECT_COLOUR),
  ).toBe(true);
  expect(back.messages[0]?.kind).toBe('AUTONUMBER');
}

describe('sequence export of the sample flows', () => {
  it('matches the golden files', () => {
    expectGolden(
      'place-an-order.sequence',
      exportSequence(flowByKind(bundle, 'happy'), components, connections),
    );
    expectGolden(
      'stripe-is-down.sequence',
      exportSequence(flowByKind(bundle, 'error'), components, connections),
    );
  });

  it('parses, and Mermaid reads back participants, messages and failure blocks', async () => {
    for (const flow of bundle.flows) {
      const back = await readSequence(exportSequence(flow, components, connections));
      expectFaithful(flow, components, connections, back);
    }
  });

  it('names participants after components and shows async steps as open arrows', async () => {
    const back = await readSequence(exportSequence(flowByKind(bundle, 'happy'), components, connections));
    expect(back.title).toBe('Place an order');
    expect(back.actors.map((a) => a.label)).toEqual([
      'Web shop',
      'API gateway',
      'Checkout service',
      'Orders DB',
      'Payment jobs',
      'Payment worker',
      'Stripe',
    ]);
    expect(back.messages.find((m) => m.text.startsWith('payment.requested'))?.kind).toBe('SOLID_POINT');
    expect(back.messages.find((m) => m.text.startsWith('POST /checkout'))?.text).toBe('POST /checkout · ⏱5s');
  });

  it('marks the error flow and wraps its failure steps in opt blocks', async () => {
    const flow = flowByKind(bundle, 'error');
    const back = await readSequence(exportSequence(flow, components, connections));
    expect(back.title).toBe('Stripe is down (error path)');
    expect(back.messages.filter((m) => m.kind === 'OPT_START').map((m) => m.text)).toEqual([
      'Times out after 3 s; breaker opens after 10',
      'Dead-lettered after 5 deliveries',
    ]);
  });

  it('leaves out policies and the title when asked', async () => {
    const flow = flowByKind(bundle, 'happy');
    const text = exportSequence(flow, components, connections, { includePolicies: false, title: false });
    expect(text).not.toContain('title');
    const back = await readSequence(text);
    expect(back.title).toBe('');
    expectFaithful(flow, components, connections, { ...back, title: sequenceTitle(flow) }, false);
  });
});

describe('sequence export edge cases', () => {
  it('exports an empty flow as a sequence diagram Mermaid accepts', async () => {
    const flow = createFlow({ caseStudyId: 'cs_t', diagramId: 'dgm_t', name: 'Nothing yet' });
    const text = exportSequence(flow, new Map());
    expect(text).toBe(
      'sequenceDiagram\n  title Nothing yet\n  autonumber\n  %% This flow has no steps yet.\n',
    );
    const back = await readSequence(text);
    expect(back.actors).toEqual([]);
    expectFaithful(
      { ...flow, name: '' },
      new Map(),
      undefined,
      await readSequence(exportSequence({ ...flow, name: '' }, new Map())),
    );
  });

  it('keeps steps whose component is gone, labelled with the id, and self-messages', async () => {
    const web = componentByLabel(bundle, 'Web shop');
    const flow = createFlow({
      caseStudyId: 'cs_t',
      diagramId: 'dgm_t',
      kind: 'error',
      name: '',
      steps: [
        createFlowStep({ fromId: web.id, toId: 'cmp_deleted', message: 'ping' }),
        createFlowStep({ fromId: 'cmp_deleted', toId: 'cmp_deleted', mode: 'async', failureNote: ' ' }),
        createFlowStep({ fromId: web.id, toId: web.id, message: '', connectionId: 'con_gone' }),
      ],
    });
    const back = await readSequence(exportSequence(flow, components, connections));
    expect(back.actors.map((a) => a.label)).toEqual(['Web shop', 'cmp_deleted']);
    expect(back.title).toBe('Error path');
    expectFaithful(flow, components, connections, back);
  });

  it('writes line breaks as <br>, the only break the sequence renderer knows', async () => {
    const flow = createFlow({
      caseStudyId: 'cs_t',
      diagramId: 'dgm_t',
      steps: [
        createFlowStep({ fromId: 'cmp_a', toId: 'cmp_b', message: 'two\nlines', failureNote: 'a;\nb' }),
      ],
    });
    const parts = new Map([['cmp_a', { label: 'Multi\nline' }]]);
    const text = exportSequence(flow, parts);
    expect(text).toContain('as Multi<br>line');
    expect(text).toContain(': two<br>lines');
    expect(text).toContain('opt a#59;<br>b');
    expectFaithful(flow, parts, undefined, await readSequence(text));
  });

  it('uses the connection label when a step has no message', () => {
    const via = bundle.connections[0];
    if (!via) throw new Error('no connection');
    const step = createFlowStep({ fromId: via.source, toId: via.target, connectionId: via.id });
    expect(sequenceMessageText(step, connections)).toBe('POST /checkout · ⏱5s');
    expect(sequenceMessageText(step, connections, false)).toBe('POST /checkout');
    expect(sequenceMessageText({ ...step, message: 'custom' }, connections, false)).toBe('custom');
  });

  it('survives every hostile fragment as a participant, a message, a failure note and a name', async () => {
    const parts = new Map<string, ParticipantSource>(
      HOSTILE_FRAGMENTS.map((text, i) => [`cmp_${i}`, { label: `${text}|${i}|${text}` }]),
    );
    const flow = createFlow({
      caseStudyId: 'cs_t',
      diagramId: 'dgm_t',
      name: HOSTILE_FRAGMENTS.join(''),
      kind: 'error',
      steps: HOSTILE_FRAGMENTS.map((text, i) =>
        createFlowStep({
          fromId: `cmp_${i}`,
          toId: `cmp_${(i + 1) % HOSTILE_FRAGMENTS.length}`,
          message: `${text} x ${text}`,
          mode: i % 2 === 0 ? 'sync' : 'async',
          failureNote: i % 3 === 0 ? text : '',
        }),
      ),
    });
    expectFaithful(flow, parts, undefined, await readSequence(exportSequence(flow, parts)));
    for (const text of HOSTILE_FRAGMENTS) {
      const titled = { ...flow, name: text, steps: [] };
      expect((await readSequence(exportSequence(titled, parts))).title).toBe(sequenceTitle(titled));
    }
  });

  it('always parses random flows and reads back what was exported (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomFlow,
        fc.boolean(),
        async ({ flow, components: parts, connections: cons }, includePolicies) => {
          const back = await readSequence(exportSequence(flow, parts, cons, { includePolicies }));
          expectFaithful(flow, parts, cons, back, includePolicies);
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);
});
