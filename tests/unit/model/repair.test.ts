import { describe, expect, it } from 'vitest';
import { repairBundle, sortParentsFirst, type CaseStudyBundle } from '../../../src/lib/model';
import {
  boundaryByLabel,
  componentByLabel,
  connectionByLabel,
  decisionByNumber,
  flowByKind,
  sampleBundle,
  tableByKind,
} from '../../fixtures/sample-bundle';

describe('repairBundle on a sound bundle', () => {
  it('changes nothing and has nothing to say', () => {
    const bundle = sampleBundle();
    const { bundle: out, notes } = repairBundle(bundle);
    expect(notes).toEqual([]);
    expect(out).toEqual(bundle);
    expect(out).not.toBe(bundle);
  });
});

interface RepairCase {
  /** What is wrong with the bundle. */
  broken: string;
  mutate(b: CaseStudyBundle): void;
  /** The repaired bundle is right (the broken input given for comparison). */
  check(out: CaseStudyBundle, before: CaseStudyBundle): void;
  notes: RegExp[];
}

const cases: RepairCase[] = [
  {
    broken: 'a connection whose target is missing',
    mutate: (b) => {
      connectionByLabel(b, 'POST /checkout').target = 'cmp_gone';
    },
    check: (out, before) => {
      expect(out.connections.map((c) => c.label)).not.toContain('POST /checkout');
      expect(out.connections).toHaveLength(before.connections.length - 1);
      // the happy flow followed it: its step stays (both ends exist) but loses the link
      expect(flowByKind(out, 'happy').steps[0]?.connectionId).toBeNull();
    },
    notes: [
      /^Removed connection "POST \/checkout" \(con_\w+\): its target cmp_gone does not exist\.$/,
      /^Flow "Place an order" \(flw_\w+\): a step followed connection con_\w+, which does not exist; the link was cleared\.$/,
    ],
  },
  {
    broken: 'a connection whose source and target are missing',
    mutate: (b) => {
      const c = connectionByLabel(b, 'POST /checkout');
      c.source = 'cmp_gone1';
      c.target = 'cmp_gone2';
    },
    check: (out) => expect(out.connections.map((c) => c.label)).not.toContain('POST /checkout'),
    notes: [/its source cmp_gone1 does not exist and its target cmp_gone2 does not exist/, /Flow/],
  },
  {
    broken: 'a connection to a component on another diagram',
    mutate: (b) => {
      connectionByLabel(b, 'GET price').target = componentByLabel(b, 'Stripe').id;
    },
    check: (out) => expect(out.connections.map((c) => c.label)).not.toContain('GET price'),
    notes: [/^Removed connection "GET price" \(con_\w+\): its target cmp_\w+ is on another diagram\.$/],
  },
  {
    broken: 'a decision linked to a removed connection',
    mutate: (b) => {
      connectionByLabel(b, 'INSERT order').source = 'cmp_gone';
    },
    check: (out) => {
      expect(decisionByNumber(out, 2).connectionIds).toEqual([
        connectionByLabel(out, 'UPDATE order status').id,
      ]);
      expect(flowByKind(out, 'happy').steps[2]?.connectionId).toBeNull();
    },
    notes: [
      /Removed connection "INSERT order"/,
      /^Decision 2 "PostgreSQL over MongoDB for orders" \(dec_\w+\): removed links to connections that do not exist \(con_\w+\)\.$/,
      /Flow "Place an order"/,
    ],
  },
  {
    broken: 'a component inside a boundary that does not exist',
    mutate: (b) => {
      componentByLabel(b, 'Orders DB').parentId = 'bnd_gone';
    },
    check: (out) => expect(componentByLabel(out, 'Orders DB').parentId).toBeNull(),
    notes: [
      /^Component "Orders DB" \(cmp_\w+\): its parent boundary bnd_gone does not exist; it is now top level\.$/,
    ],
  },
  {
    broken: 'a component inside a boundary on another diagram',
    mutate: (b) => {
      componentByLabel(b, 'Orders DB').parentId = boundaryByLabel(b, 'PCI scope').id;
    },
    check: (out) => expect(componentByLabel(out, 'Orders DB').parentId).toBeNull(),
    notes: [
      /^Component "Orders DB" \(cmp_\w+\): its parent boundary "PCI scope" \(bnd_\w+\) is on another diagram; it is now top level\.$/,
    ],
  },
  {
    broken: 'a boundary inside a boundary that does not exist',
    mutate: (b) => {
      boundaryByLabel(b, 'eu-west-1a').parentId = 'bnd_gone';
    },
    check: (out) => {
      expect(boundaryByLabel(out, 'eu-west-1a').parentId).toBeNull();
      // its children stay inside it
      expect(componentByLabel(out, 'Orders DB').parentId).toBe(boundaryByLabel(out, 'eu-west-1a').id);
    },
    notes: [
      /^Boundary "eu-west-1a" \(bnd_\w+\): its parent boundary bnd_gone does not exist; it is now top level\.$/,
    ],
  },
  {
    broken: 'a boundary inside a boundary on another diagram',
    mutate: (b) => {
      boundaryByLabel(b, 'PCI scope').parentId = boundaryByLabel(b, 'eu-west-1').id;
    },
    check: (out) => expect(boundaryByLabel(out, 'PCI scope').parentId).toBeNull(),
    notes: [
      /^Boundary "PCI scope" \(bnd_\w+\): its parent boundary "eu-west-1" \(bnd_\w+\) is on another diagram/,
    ],
  },
  {
    broken: 'two boundaries inside each other',
    mutate: (b) => {
      boundaryByLabel(b, 'eu-west-1').parentId = boundaryByLabel(b, 'eu-west-1a').id;
    },
    check: (out) => {
      // walking up from the first boundary, the link that closes the loop is cut
      expect(boundaryByLabel(out, 'eu-west-1a').parentId).toBeNull();
      expect(boundaryByLabel(out, 'eu-west-1').parentId).toBe(boundaryByLabel(out, 'eu-west-1a').id);
      expect(out.boundaries.map((x) => x.label)).toEqual(['eu-west-1a', 'eu-west-1', 'PCI scope']);
    },
    notes: [
      /^Boundary "eu-west-1a" \(bnd_\w+\) was part of a containment loop \(eu-west-1 → eu-west-1a → eu-west-1, each inside the next\); it is now top level\.$/,
      /^Reordered boundaries/,
    ],
  },
  {
    broken: 'a boundary inside itself',
    mutate: (b) => {
      const pci = boundaryByLabel(b, 'PCI scope');
      pci.parentId = pci.id;
    },
    check: (out) => expect(boundaryByLabel(out, 'PCI scope').parentId).toBeNull(),
    notes: [/containment loop \(PCI scope → PCI scope/],
  },
  {
    broken: 'a child boundary listed before its parent',
    mutate: (b) => {
      b.boundaries.reverse();
    },
    check: (out) =>
      expect(out.boundaries.map((x) => x.label)).toEqual(['PCI scope', 'eu-west-1', 'eu-west-1a']),
    notes: [/^Reordered boundaries so that each one comes after the boundary that contains it\.$/],
  },
  {
    broken: 'a dead-letter target that does not exist',
    mutate: (b) => {
      const dl = connectionByLabel(b, 'poll payment.requested').policies.deadLetter;
      if (dl) dl.targetId = 'cmp_gone';
    },
    check: (out) =>
      expect(connectionByLabel(out, 'poll payment.requested').policies.deadLetter).toEqual({
        targetId: '',
        maxDeliveries: 5,
      }),
    notes: [
      /^Connection "poll payment.requested" \(con_\w+\): its dead-letter target cmp_gone does not exist; the target was cleared\.$/,
    ],
  },
  {
    broken: 'a decision linked to a component that does not exist',
    mutate: (b) => {
      decisionByNumber(b, 2).componentIds.splice(1, 0, 'cmp_gone');
    },
    check: (out) =>
      expect(decisionByNumber(out, 2).componentIds).toEqual([
        componentByLabel(out, 'Orders DB').id,
        componentByLabel(out, 'Checkout service').id,
      ]),
    notes: [/^Decision 2 .*: removed links to components that do not exist \(cmp_gone\)\.$/],
  },
  {
    broken: 'a chosen option that is not among the options',
    mutate: (b) => {
      decisionByNumber(b, 2).chosenOptionId = decisionByNumber(b, 1).options[0]?.id ?? null;
    },
    check: (out) => expect(decisionByNumber(out, 2).chosenOptionId).toBeNull(),
    notes: [/^Decision 2 .*: the chosen option opt_\w+ is not among its options; no option is chosen now\.$/],
  },
  {
    broken: 'a decision superseding one that does not exist',
    mutate: (b) => {
      decisionByNumber(b, 2).supersedes = 'dec_gone';
    },
    check: (out) => expect(decisionByNumber(out, 2).supersedes).toBeNull(),
    notes: [/^Decision 2 .*: it superseded dec_gone, which is not a decision here; the link was cleared\.$/],
  },
  {
    broken: 'a decision superseded by one that does not exist',
    mutate: (b) => {
      decisionByNumber(b, 1).supersededBy = 'dec_gone';
    },
    check: (out) => expect(decisionByNumber(out, 1).supersededBy).toBeNull(),
    notes: [
      /^Decision 1 .*: it was superseded by dec_gone, which is not a decision here; the link was cleared\.$/,
    ],
  },
  {
    broken: 'a decision superseded by itself',
    mutate: (b) => {
      const d = decisionByNumber(b, 1);
      d.supersededBy = d.id;
    },
    check: (out) => expect(decisionByNumber(out, 1).supersededBy).toBeNull(),
    notes: [/^Decision 1 .*: it was superseded by dec_\w+/],
  },
  {
    broken: 'a flow step from a component that does not exist',
    mutate: (b) => {
      const step = flowByKind(b, 'error').steps[1];
      if (step) step.fromId = 'cmp_gone';
    },
    check: (out, before) => {
      const steps = flowByKind(out, 'error').steps;
      const old = flowByKind(before, 'error').steps;
      expect(steps.map((s) => s.id)).toEqual([old[0]?.id, old[2]?.id]);
    },
    notes: [
      /^Flow "Stripe is down" \(flw_\w+\): removed step 2 "POST \/v1\/payment_intents": cmp_gone does not exist\.$/,
    ],
  },
  {
    broken: 'a flow step to a component that does not exist',
    mutate: (b) => {
      const step = flowByKind(b, 'happy').steps[0];
      if (step) step.toId = 'cmp_gone';
    },
    check: (out, before) =>
      expect(flowByKind(out, 'happy').steps).toHaveLength(flowByKind(before, 'happy').steps.length - 1),
    notes: [/removed step 1 "POST \/checkout": cmp_gone does not exist/],
  },
  {
    broken: 'a table owned by a component that does not exist',
    mutate: (b) => {
      tableByKind(b, 'tech-stack').owner = { type: 'component', id: 'cmp_gone' };
    },
    check: (out) =>
      expect(tableByKind(out, 'tech-stack').owner).toEqual({ type: 'case-study', id: out.caseStudy.id }),
    notes: [
      /^Table "Tech stack" \(tbl_\w+\): its component cmp_gone does not exist; it now belongs to the case study\.$/,
    ],
  },
  {
    broken: 'a table owned by a decision that does not exist',
    mutate: (b) => {
      tableByKind(b, 'matrix').owner = { type: 'decision', id: 'dec_gone' };
    },
    check: (out) => expect(tableByKind(out, 'matrix').owner.type).toBe('case-study'),
    notes: [/its decision dec_gone does not exist/],
  },
  {
    broken: 'tech-stack rows and exclusions naming components that do not exist',
    mutate: (b) => {
      const t = tableByKind(b, 'tech-stack');
      if (t.rows[0]) t.rows[0].componentId = 'cmp_gone';
      t.excludedComponentIds.push('cmp_gone2');
    },
    check: (out, before) => {
      const t = tableByKind(out, 'tech-stack');
      expect('componentId' in (t.rows[0] ?? {})).toBe(false);
      expect(t.rows[0]?.cells).toEqual(tableByKind(before, 'tech-stack').rows[0]?.cells);
      expect(t.excludedComponentIds).toEqual([componentByLabel(out, 'Web shop').id]);
    },
    notes: [
      /row row_\w+ was linked to component cmp_gone/,
      /removed exclusions of components that do not exist \(cmp_gone2\)/,
    ],
  },
];

describe('repairBundle fixes what points at nothing', () => {
  it.each(cases)('$broken', ({ mutate, check, notes }) => {
    const broken = sampleBundle();
    mutate(broken);
    const untouched = structuredClone(broken);
    const result = repairBundle(broken);
    expect(broken).toEqual(untouched);
    check(result.bundle, broken);
    expect(result.notes).toHaveLength(notes.length);
    notes.forEach((re, i) => expect(result.notes[i]).toMatch(re));
    // repairing again finds nothing more, and the same input gives the same output
    expect(repairBundle(result.bundle).notes).toEqual([]);
    expect(repairBundle(untouched)).toEqual(result);
  });
});

describe('sortParentsFirst', () => {
  it('moves parents before children and keeps the rest in order', () => {
    const items = [
      { id: 'a', parentId: 'c' },
      { id: 'b', parentId: null },
      { id: 'c', parentId: 'd' },
      { id: 'd', parentId: null },
      { id: 'e', parentId: 'missing' },
    ];
    expect(sortParentsFirst(items).map((x) => x.id)).toEqual(['d', 'c', 'a', 'b', 'e']);
  });

  it('keeps every item even when parents form a loop', () => {
    const items = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(
      sortParentsFirst(items)
        .map((x) => x.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});
