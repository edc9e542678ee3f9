import { describe, expect, it } from 'vitest';
import {
  BOUNDARY_PADDING,
  DEFAULT_COMPONENT_SIZE,
  ELK_ROOT_ID,
  effectiveParents,
  fromElkGraph,
  toElkGraph,
  type ElkNode,
} from '../../../src/lib/layout/elk-graph';
import { DiagramBuilder, edgeHolder, findElk } from './helpers';

const LR = { direction: 'LR' } as const;

describe('toElkGraph', () => {
  it('lays out a flat diagram as layered, with no hierarchy handling', () => {
    const rows = new DiagramBuilder().component('cmp_a').component('cmp_b').connect('cmp_a', 'cmp_b').rows();
    const g = toElkGraph(rows, LR);
    expect(g.id).toBe(ELK_ROOT_ID);
    expect(g.layoutOptions?.['elk.algorithm']).toBe('layered');
    expect(g.layoutOptions?.['elk.hierarchyHandling']).toBeUndefined();
    expect(g.children?.map((c) => c.id)).toEqual(['cmp_a', 'cmp_b']);
    expect(g.edges).toEqual([{ id: 'con_cmp_a_cmp_b', sources: ['cmp_a'], targets: ['cmp_b'] }]);
  });

  it.each([
    ['LR', 'RIGHT'],
    ['TB', 'DOWN'],
    ['RL', 'LEFT'],
    ['BT', 'UP'],
  ] as const)('maps direction %s to ELK %s', (direction, elk) => {
    const rows = new DiagramBuilder().boundary('bnd_a').component('cmp_a', 'bnd_a').rows();
    const g = toElkGraph(rows, { direction });
    expect(g.layoutOptions?.['elk.direction']).toBe(elk);
    expect(findElk(g, 'bnd_a')?.layoutOptions?.['elk.direction']).toBe(elk);
  });

  it('uses measured sizes and falls back to the default component size', () => {
    const rows = new DiagramBuilder().component('cmp_a').component('cmp_b').component('cmp_c').rows();
    const sizes = new Map([
      ['cmp_a', { width: 250, height: 90 }],
      ['cmp_c', { width: 0, height: 0 }], // not measured yet
    ]);
    const g = toElkGraph(rows, { ...LR, sizes });
    expect(findElk(g, 'cmp_a')).toMatchObject({ width: 250, height: 90 });
    expect(findElk(g, 'cmp_b')).toMatchObject(DEFAULT_COMPONENT_SIZE);
    expect(findElk(g, 'cmp_c')).toMatchObject(DEFAULT_COMPONENT_SIZE);
  });

  it('sets thoroughness only when asked', () => {
    const rows = new DiagramBuilder().component('cmp_a').rows();
    expect(toElkGraph(rows, LR).layoutOptions?.['elk.layered.thoroughness']).toBeUndefined();
    expect(toElkGraph(rows, { ...LR, thoroughness: 1 }).layoutOptions?.['elk.layered.thoroughness']).toBe(
      '1',
    );
  });

  it('turns a boundary into a compound node with padding for its title bar', () => {
    const rows = new DiagramBuilder()
      .boundary('bnd_vpc')
      .component('cmp_api', 'bnd_vpc')
      .component('cmp_db', 'bnd_vpc')
      .component('cmp_client')
      .rows();
    const g = toElkGraph(rows, LR);
    expect(g.layoutOptions?.['elk.hierarchyHandling']).toBe('INCLUDE_CHILDREN');
    expect(g.children?.map((c) => c.id)).toEqual(['bnd_vpc', 'cmp_client']);
    const vpc = findElk(g, 'bnd_vpc')!;
    expect(vpc.children?.map((c) => c.id)).toEqual(['cmp_api', 'cmp_db']);
    expect(vpc.width).toBeUndefined(); // ELK computes it
    expect(vpc.layoutOptions?.['elk.padding']).toBe(
      `[top=${BOUNDARY_PADDING.top},left=${BOUNDARY_PADDING.left},bottom=${BOUNDARY_PADDING.bottom},right=${BOUNDARY_PADDING.right}]`,
    );
    // Nested graphs do not inherit spacing from the root.
    expect(vpc.layoutOptions?.['elk.spacing.nodeNode']).toBe(g.layoutOptions?.['elk.spacing.nodeNode']);
  });

  it('keeps an empty boundary as a plain node with its size', () => {
    const b = new DiagramBuilder().boundary('bnd_empty');
    b.boundaries[0]!.size = { width: 320, height: 150 };
    const g = toElkGraph(b.rows(), LR);
    const node = findElk(g, 'bnd_empty')!;
    expect(node).toMatchObject({ width: 320, height: 150 });
    expect(node.children).toBeUndefined();
    expect(g.layoutOptions?.['elk.hierarchyHandling']).toBeUndefined();
  });

  it('nests boundaries inside boundaries', () => {
    const rows = new DiagramBuilder()
      .boundary('bnd_region')
      .boundary('bnd_az', 'bnd_region')
      .component('cmp_a', 'bnd_az')
      .component('cmp_b', 'bnd_region')
      .rows();
    const g = toElkGraph(rows, LR);
    expect(g.children?.map((c) => c.id)).toEqual(['bnd_region']);
    expect(findElk(g, 'bnd_region')?.children?.map((c) => c.id)).toEqual(['bnd_az', 'cmp_b']);
    expect(findElk(g, 'bnd_az')?.children?.map((c) => c.id)).toEqual(['cmp_a']);
  });

  it('declares each edge in the lowest common ancestor of its ends', () => {
    const rows = new DiagramBuilder()
      .boundary('bnd_r')
      .boundary('bnd_az1', 'bnd_r')
      .boundary('bnd_az2', 'bnd_r')
      .component('cmp_a', 'bnd_az1')
      .component('cmp_b', 'bnd_az1')
      .component('cmp_c', 'bnd_az2')
      .component('cmp_out')
      .connect('cmp_a', 'cmp_b', 'con_same_az')
      .connect('cmp_a', 'cmp_c', 'con_across_az')
      .connect('cmp_out', 'cmp_a', 'con_from_outside')
      .connect('cmp_out', 'bnd_az1', 'con_to_boundary')
      .connect('bnd_r', 'cmp_c', 'con_boundary_to_descendant')
      .connect('cmp_c', 'bnd_az2', 'con_child_to_parent')
      .connect('cmp_a', 'cmp_a', 'con_self_loop')
      .connect('bnd_az1', 'bnd_az1', 'con_boundary_self_loop')
      .rows();
    const g = toElkGraph(rows, LR);
    expect(edgeHolder(g, 'con_same_az')).toBe('bnd_az1');
    expect(edgeHolder(g, 'con_across_az')).toBe('bnd_r');
    expect(edgeHolder(g, 'con_from_outside')).toBe(ELK_ROOT_ID);
    expect(edgeHolder(g, 'con_to_boundary')).toBe(ELK_ROOT_ID);
    expect(edgeHolder(g, 'con_boundary_to_descendant')).toBe('bnd_r');
    expect(edgeHolder(g, 'con_child_to_parent')).toBe('bnd_az2');
    expect(edgeHolder(g, 'con_self_loop')).toBe('bnd_az1');
    expect(edgeHolder(g, 'con_boundary_self_loop')).toBe('bnd_r');
  });

  it('skips connections whose ends are missing, and duplicate connection ids', () => {
    const b = new DiagramBuilder()
      .component('cmp_a')
      .component('cmp_b')
      .connect('cmp_a', 'cmp_gone', 'con_no_target')
      .connect('cmp_gone', 'cmp_b', 'con_no_source')
      .connect('cmp_a', 'cmp_b', 'con_ok')
      .connect('cmp_b', 'cmp_a', 'con_ok');
    const g = toElkGraph(b.rows(), LR);
    expect(g.edges).toEqual([{ id: 'con_ok', sources: ['cmp_a'], targets: ['cmp_b'] }]);
  });

  it('puts nodes whose parent is missing, not a boundary or in a cycle at the root', () => {
    const rows = new DiagramBuilder()
      .boundary('bnd_a', 'bnd_b')
      .boundary('bnd_b', 'bnd_a')
      .component('cmp_orphan', 'bnd_gone')
      .component('cmp_in_cmp', 'cmp_orphan')
      .component('cmp_in_a', 'bnd_a')
      .rows();
    const parents = effectiveParents(rows);
    expect(parents.get('cmp_orphan')).toBeNull();
    expect(parents.get('cmp_in_cmp')).toBeNull();
    // The cycle is cut once: one of the two boundaries goes to the root, the other stays inside it.
    const roots = ['bnd_a', 'bnd_b'].filter((id) => parents.get(id) === null);
    expect(roots).toHaveLength(1);
    const g = toElkGraph(rows, LR);
    const ids = (n: ElkNode): string[] => (n.children ?? []).flatMap((c) => [c.id, ...ids(c)]);
    expect(ids(g).sort()).toEqual(['bnd_a', 'bnd_b', 'cmp_in_a', 'cmp_in_cmp', 'cmp_orphan']);
    expect(g.children?.map((c) => c.id).sort()).toEqual([...roots, 'cmp_in_cmp', 'cmp_orphan'].sort());
  });

  it('gives an empty diagram an empty root', () => {
    const g = toElkGraph(new DiagramBuilder().rows(), LR);
    expect(g.children).toEqual([]);
    expect(g.edges).toEqual([]);
  });
});

describe('fromElkGraph', () => {
  const rows = () =>
    new DiagramBuilder()
      .boundary('bnd_r')
      .component('cmp_a', 'bnd_r')
      .component('cmp_b')
      .component('cmp_untouched')
      .connect('cmp_b', 'cmp_a')
      .rows();

  const result: ElkNode = {
    id: ELK_ROOT_ID,
    children: [
      { id: 'bnd_r', x: 250, y: 0, width: 220.4, height: 124, children: [{ id: 'cmp_a', x: 20.5, y: 40 }] },
      { id: 'cmp_b', x: 0, y: 30.2, width: 180, height: 64 },
    ],
  };

  it('copies positions (relative to the parent) and boundary sizes, rounded', () => {
    const out = fromElkGraph(result, rows(), { keepOrigin: false });
    const byId = new Map([...out.components, ...out.boundaries].map((r) => [r.id, r]));
    expect(byId.get('bnd_r')).toMatchObject({
      position: { x: 250, y: 0 },
      size: { width: 221, height: 124 },
    });
    expect(byId.get('cmp_a')?.position).toEqual({ x: 21, y: 40 });
    expect(byId.get('cmp_b')?.position).toEqual({ x: 0, y: 30 });
  });

  it('leaves rows missing from the result and every other field untouched', () => {
    const before = rows();
    const out = fromElkGraph(result, before, { keepOrigin: false });
    expect(out.components.find((c) => c.id === 'cmp_untouched')).toBe(before.components[2]);
    expect(out.connections).toBe(before.connections);
    const a = out.components.find((c) => c.id === 'cmp_a')!;
    const { position: _p, ...rest } = a;
    const { position: _q, ...restBefore } = before.components[0]!;
    expect(rest).toEqual(restBefore);
    expect(before.components[0]!.position).toEqual({ x: 0, y: 0 }); // input not mutated
  });

  it('keeps the diagram where it was by default', () => {
    const before = rows();
    before.boundaries[0]!.position = { x: 500, y: 300 };
    before.components[1]!.position = { x: 100, y: 400 }; // cmp_b, top level
    before.components[2]!.position = { x: -1000, y: -1000 }; // not in the result: not an anchor
    const out = fromElkGraph(result, before);
    // Old top-left of the laid-out top-level nodes: (100, 300); new: (0, 0).
    expect(out.boundaries[0]!.position).toEqual({ x: 350, y: 300 });
    expect(out.components.find((c) => c.id === 'cmp_b')!.position).toEqual({ x: 100, y: 330 });
    expect(out.components.find((c) => c.id === 'cmp_a')!.position).toEqual({ x: 21, y: 40 }); // relative
  });

  it('returns the rows unchanged for an empty result', () => {
    const before = rows();
    expect(fromElkGraph({ id: ELK_ROOT_ID, children: [] }, before)).toBe(before);
  });
});
