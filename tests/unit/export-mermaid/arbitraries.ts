/** fast-check arbitraries for the Mermaid export properties: hostile text, random diagrams and flows. */
import fc from 'fast-check';
import {
  BOUNDARY_KINDS,
  COMPONENT_KINDS,
  CONNECTION_MODES,
  LAYOUT_DIRECTIONS,
  POLICY_DEFAULTS,
  POLICY_KINDS,
  type Boundary,
  type Component,
  type Connection,
  type Diagram,
  type Flow,
  type FlowStep,
  type ResiliencePolicies,
} from '../../../src/lib/model';
import type { DiagramRows } from '../../../src/lib/model/patch';

/** Text that Mermaid gives a meaning to, or that breaks naive escaping. */
export const HOSTILE_FRAGMENTS = [
  '"',
  "'",
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  '|',
  '#',
  ';',
  '`',
  ':',
  '\\',
  '\\n',
  '<script>alert(1)</script>',
  '<br>',
  '<b>bold</b>',
  'end',
  'END',
  ' end ',
  'subgraph',
  'direction TB',
  'direction LR',
  'DIRECTION   rl',
  '&amp;',
  '&',
  '&#35;',
  '#quot;',
  '#35;',
  '#9829;',
  '%%',
  '%%{init: {"theme":"dark"}}%%',
  '$$x^2$$',
  ':::',
  '-->',
  '-.->',
  '==>',
  '->>',
  '-)',
  ' as ',
  'style x fill:#f00;',
  'classDef a fill:#fff;',
  'fa:fa-car',
  'wrap:',
  'click n_x call alert()',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u00a0',
  '\u2028',
  '\uFEFF',
  '\uFB02\u00B0amp\u00B6\u00DF',
  '\uFB02\u00B0\u00B035\u00B6\u00DF',
  '',
  ' ',
  '   ',
  '🎉',
  '👩‍💻',
  '🇪🇺',
  'مرحبا بالعالم',
  'שלום',
  '\u202Eevil',
  '⏱2s ⟳3 ⚡CB',
  'é',
  'e\u0301',
];

/** Strings that mix arbitrary graphemes with hostile fragments. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS), weight: 2 },
  {
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 5 })), {
        maxLength: 6,
      })
      .map((parts) => parts.join('')),
    weight: 3,
  },
);

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'.split('');

/** Record ids: mostly realistic (`cmp_` + 16 base-36), some short (suffix clashes), some odd. */
export function recordId(prefix: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      arbitrary: fc
        .string({ unit: fc.constantFrom(...BASE36), minLength: 16, maxLength: 16 })
        .map((s) => `${prefix}_${s}`),
      weight: 6,
    },
    {
      arbitrary: fc
        .string({ unit: fc.constantFrom('a', 'b', '1'), minLength: 1, maxLength: 8 })
        .map((s) => `${prefix}_${s}`),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(
        'end',
        `${prefix}_end`,
        `${prefix}_`,
        'x y',
        `${prefix}_a-b`,
        `${prefix}_ab`,
        'subgraph',
        '--',
      ),
      weight: 1,
    },
  );
}

export const policies: fc.Arbitrary<ResiliencePolicies> = fc
  .subarray(POLICY_KINDS)
  .map(
    (kinds) =>
      Object.fromEntries(kinds.map((k) => [k, structuredClone(POLICY_DEFAULTS[k])])) as ResiliencePolicies,
  );

const position = fc.record({
  x: fc.integer({ min: -500, max: 1500 }),
  y: fc.integer({ min: -500, max: 1500 }),
});

export interface RandomDiagram {
  diagram: Diagram;
  rows: DiagramRows;
}

const CS = 'cs_test';
const DG = 'dgm_test';

/**
 * 1–25 components, 0–5 boundaries nested in earlier ones (sometimes with a parent that does
 * not exist), 0–40 connections between components and boundaries (sometimes dangling).
 */
export const randomDiagram: fc.Arbitrary<RandomDiagram> = fc
  .record({
    nComponents: fc.integer({ min: 1, max: 25 }),
    nBoundaries: fc.integer({ min: 0, max: 5 }),
  })
  .chain(({ nComponents, nBoundaries }) =>
    fc
      .uniqueArray(fc.oneof(recordId('cmp'), recordId('bnd')), {
        minLength: nComponents + nBoundaries + 1,
        maxLength: nComponents + nBoundaries + 1,
      })
      .chain((ids) => {
        const componentIds = ids.slice(0, nComponents);
        const boundaryIds = ids.slice(nComponents, nComponents + nBoundaries);
        const missingId = ids[nComponents + nBoundaries] ?? 'missing';
        const ends = [...componentIds, ...boundaryIds];
        const boundaries = fc.tuple(
          ...boundaryIds.map((id, i) =>
            fc
              .record({
                kind: fc.constantFrom(...BOUNDARY_KINDS),
                label: hostileText,
                parentId: fc.oneof(
                  { arbitrary: fc.constant(null), weight: 2 },
                  {
                    arbitrary: i > 0 ? fc.constantFrom(...boundaryIds.slice(0, i)) : fc.constant(null),
                    weight: 3,
                  },
                  { arbitrary: fc.constantFrom(missingId, componentIds[0] ?? null), weight: 1 },
                ),
                position,
              })
              .map((r): Boundary => ({
                id,
                caseStudyId: CS,
                diagramId: DG,
                kind: r.kind,
                label: r.label,
                notes: '',
                parentId: r.parentId,
                position: r.position,
                size: { width: 400, height: 260 },
                updatedAt: 0,
              })),
          ),
        );
        const components = fc.tuple(
          ...componentIds.map((id) =>
            fc
              .record({
                kind: fc.constantFrom(...COMPONENT_KINDS),
                label: hostileText,
                parentId: fc.oneof(
                  { arbitrary: fc.constant(null), weight: 2 },
                  {
                    arbitrary: boundaryIds.length > 0 ? fc.constantFrom(...boundaryIds) : fc.constant(null),
                    weight: 3,
                  },
                  { arbitrary: fc.constant(missingId), weight: 1 },
                ),
                position,
                policies,
              })
              .map((r): Component => ({
                id,
                caseStudyId: CS,
                diagramId: DG,
                kind: r.kind,
                label: r.label,
                technology: '',
                why: '',
                alternatives: '',
                notes: '',
                parentId: r.parentId,
                position: r.position,
                policies: r.policies,
                updatedAt: 0,
              })),
          ),
        );
        const end = fc.oneof(
          { arbitrary: fc.constantFrom(...ends), weight: 15 },
          { arbitrary: fc.constant(missingId), weight: 1 },
        );
        const connections = fc.array(
          fc.record({
            source: end,
            target: end,
            label: hostileText,
            mode: fc.constantFrom(...CONNECTION_MODES),
            failurePath: fc.boolean(),
            policies,
          }),
          { maxLength: 40 },
        );
        return fc.record({
          boundaries,
          components,
          connections,
          name: hostileText,
          direction: fc.constantFrom(...LAYOUT_DIRECTIONS),
        });
      })
      .map(({ boundaries, components, connections, name, direction }): RandomDiagram => ({
        diagram: { id: DG, caseStudyId: CS, name, direction, order: 0, viewport: null, updatedAt: 0 },
        rows: {
          components,
          boundaries,
          connections: connections.map((c, i): Connection => ({
            id: `con_${i.toString().padStart(3, '0')}`,
            caseStudyId: CS,
            diagramId: DG,
            source: c.source,
            target: c.target,
            sourceHandle: null,
            targetHandle: null,
            label: c.label,
            mode: c.mode,
            failurePath: c.failurePath,
            policies: c.policies,
            notes: '',
            updatedAt: 0,
          })),
        },
      })),
  );

export interface RandomFlow {
  flow: Flow;
  components: Map<string, { label: string }>;
  connections: Map<string, Pick<Connection, 'label' | 'policies'>>;
}

/** 1–8 participants with hostile labels, 0–15 steps (hostile messages and failure notes). */
export const randomFlow: fc.Arbitrary<RandomFlow> = fc
  .uniqueArray(recordId('cmp'), { minLength: 2, maxLength: 9 })
  .chain((ids) => {
    const known = ids.slice(0, -1);
    const missing = ids[ids.length - 1] ?? 'missing';
    const participant = fc.oneof(
      { arbitrary: fc.constantFrom(...known), weight: 10 },
      { arbitrary: fc.constant(missing), weight: 1 },
    );
    return fc
      .record({
        labels: fc.tuple(...known.map(() => hostileText)),
        name: hostileText,
        kind: fc.constantFrom('happy' as const, 'error' as const),
        steps: fc.array(
          fc.record({
            fromId: participant,
            toId: participant,
            message: fc.oneof(hostileText, fc.constant('')),
            mode: fc.constantFrom('sync' as const, 'async' as const),
            failureNote: fc.oneof(
              { arbitrary: fc.constant(''), weight: 2 },
              { arbitrary: hostileText, weight: 1 },
            ),
            viaConnection: fc.boolean(),
            connectionLabel: hostileText,
            policies,
          }),
          { maxLength: 15 },
        ),
      })
      .map(({ labels, name, kind, steps }): RandomFlow => {
        const connections = new Map<string, Pick<Connection, 'label' | 'policies'>>();
        const flowSteps = steps.map((s, i): FlowStep => {
          const connectionId = s.viaConnection ? `con_${i}` : null;
          if (connectionId) connections.set(connectionId, { label: s.connectionLabel, policies: s.policies });
          return {
            id: `stp_${i}`,
            fromId: s.fromId,
            toId: s.toId,
            message: s.message,
            mode: s.mode,
            failureNote: s.failureNote,
            connectionId,
          };
        });
        return {
          flow: {
            id: 'flw_test',
            caseStudyId: CS,
            diagramId: DG,
            name,
            kind,
            steps: flowSteps,
            order: 0,
            updatedAt: 0,
          },
          components: new Map(known.map((id, i) => [id, { label: labels[i] ?? '' }])),
          connections,
        };
      });
  });
