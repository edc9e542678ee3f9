import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BOUNDARY_PADDING,
  layoutDiagram,
  setLayoutEngine,
  warmUpGraph,
  type ElkNode,
} from '../../../src/lib/layout';
import { DiagramBuilder, findElk, layoutProblems, nodeElkEngine, rects } from './helpers';

let restore: () => void;
beforeEach(() => {
  restore = setLayoutEngine(nodeElkEngine());
});
afterEach(() => restore());

/** Two regions, one with two nested zones, edges within and across all of them. */
function twoRegions(): DiagramBuilder {
  return new DiagramBuilder()
    .boundary('bnd_eu')
    .boundary('bnd_az1', 'bnd_eu', 'availability-zone')
    .boundary('bnd_az2', 'bnd_eu', 'availability-zone')
    .boundary('bnd_us')
    .component('cmp_client', null, 'client')
    .component('cmp_lb', 'bnd_eu', 'load-balancer')
    .component('cmp_api1', 'bnd_az1')
    .component('cmp_db1', 'bnd_az1', 'database')
    .component('cmp_api2', 'bnd_az2')
    .component('cmp_db2', 'bnd_az2', 'database')
    .component('cmp_replica', 'bnd_us', 'database')
    .component('cmp_dlq', 'bnd_us', 'dead-letter-queue')
    .connect('cmp_client', 'cmp_lb')
    .connect('cmp_lb', 'cmp_api1')
    .connect('cmp_lb', 'cmp_api2')
    .connect('cmp_api1', 'cmp_db1')
    .connect('cmp_api2', 'cmp_db2')
    .connect('cmp_db1', 'cmp_replica')
    .connect('cmp_api2', 'cmp_dlq')
    .connect('cmp_client', 'bnd_us') // to a boundary itself
    .connect('cmp_db2', 'bnd_az2'); // child to its own boundary
}

describe('layoutDiagram with elkjs', () => {
  it('lays out nested boundaries with cross-boundary edges', async () => {
    const rows = twoRegions().rows();
    const sizes = new Map([['cmp_client', { width: 140, height: 48 }]]);
    const out = await layoutDiagram(rows, { direction: 'LR', sizes }, undefined);
    expect(layoutProblems(out, sizes)).toEqual([]);
    // Every boundary got a size from ELK that fits its title bar and content.
    const r = rects(out, sizes);
    for (const [id, rect] of r) {
      if (rect.parentId && r.get(rect.parentId))
        expect(rect.y, id).toBeGreaterThanOrEqual(BOUNDARY_PADDING.top);
    }
    // Only positions and sizes changed.
    expect(out.connections).toBe(rows.connections);
    expect(out.components.map((c) => [c.id, c.parentId])).toEqual(
      rows.components.map((c) => [c.id, c.parentId]),
    );
  });

  it('puts a source left of its target in a left-to-right chain', async () => {
    const rows = new DiagramBuilder()
      .component('cmp_a')
      .component('cmp_b')
      .component('cmp_c')
      .connect('cmp_b', 'cmp_c')
      .connect('cmp_a', 'cmp_b')
      .rows();
    const out = await layoutDiagram(rows, { direction: 'LR' });
    const [a, b, c] = ['cmp_a', 'cmp_b', 'cmp_c'].map(
      (id) => out.components.find((x) => x.id === id)!.position,
    );
    expect(a!.x + 180).toBeLessThanOrEqual(b!.x);
    expect(b!.x + 180).toBeLessThanOrEqual(c!.x);
    expect(layoutProblems(out)).toEqual([]);
  });

  it('puts a source above its target top-to-bottom, and the other way bottom-to-top', async () => {
    const rows = new DiagramBuilder().component('cmp_a').component('cmp_b').connect('cmp_a', 'cmp_b').rows();
    const tb = await layoutDiagram(rows, { direction: 'TB' });
    expect(tb.components[0]!.position.y + 64).toBeLessThanOrEqual(tb.components[1]!.position.y);
    const bt = await layoutDiagram(rows, { direction: 'BT' });
    expect(bt.components[1]!.position.y + 64).toBeLessThanOrEqual(bt.components[0]!.position.y);
    const rl = await layoutDiagram(rows, { direction: 'RL' });
    expect(rl.components[1]!.position.x + 180).toBeLessThanOrEqual(rl.components[0]!.position.x);
  });

  it('keeps a chain crossing into a boundary in order', async () => {
    const rows = new DiagramBuilder()
      .boundary('bnd_vpc')
      .component('cmp_client', null, 'client')
      .component('cmp_api', 'bnd_vpc')
      .connect('cmp_client', 'cmp_api')
      .rows();
    const out = await layoutDiagram(rows, { direction: 'LR' });
    const vpc = out.boundaries[0]!;
    const client = out.components[0]!;
    const api = out.components[1]!;
    expect(client.position.x + 180).toBeLessThanOrEqual(vpc.position.x + api.position.x);
    expect(vpc.size.width).toBeGreaterThanOrEqual(180 + BOUNDARY_PADDING.left + BOUNDARY_PADDING.right);
  });

  it('lays out a single node', async () => {
    const rows = new DiagramBuilder().component('cmp_a').rows();
    rows.components[0]!.position = { x: 123, y: 45 };
    const out = await layoutDiagram(rows, { direction: 'LR' });
    expect(out.components[0]!.position).toEqual({ x: 123, y: 45 }); // keeps its origin
  });

  it('keeps an empty boundary’s size', async () => {
    const b = new DiagramBuilder().boundary('bnd_empty').component('cmp_a');
    b.boundaries[0]!.size = { width: 333, height: 222 };
    const out = await layoutDiagram(b.rows(), { direction: 'LR' });
    expect(out.boundaries[0]!.size).toEqual({ width: 333, height: 222 });
    expect(layoutProblems(out)).toEqual([]);
  });

  it('returns an empty diagram as it is, without running ELK', async () => {
    const engine = vi.fn<(g: ElkNode) => Promise<ElkNode>>();
    const undo = setLayoutEngine(engine);
    try {
      const rows = new DiagramBuilder().rows();
      expect(await layoutDiagram(rows, { direction: 'LR' })).toBe(rows);
      expect(engine).not.toHaveBeenCalled();
    } finally {
      undo();
    }
  });

  it('rejects when aborted, before or during the layout', async () => {
    const rows = twoRegions().rows();
    const before = new AbortController();
    before.abort();
    await expect(layoutDiagram(rows, { direction: 'LR' }, before.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    const during = new AbortController();
    const pending = layoutDiagram(rows, { direction: 'LR' }, during.signal);
    during.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('passes engine failures on', async () => {
    const undo = setLayoutEngine(() => Promise.reject(new Error('boom')));
    try {
      await expect(layoutDiagram(twoRegions().rows(), { direction: 'LR' })).rejects.toThrow('boom');
    } finally {
      undo();
    }
  });
});

describe('warmUpGraph (what prewarmLayoutWorker lays out ahead of a real layout)', () => {
  it('is a compound graph like a real one, and ELK lays all of it out', async () => {
    const graph = warmUpGraph();
    expect(graph.layoutOptions?.['elk.hierarchyHandling']).toBe('INCLUDE_CHILDREN');
    const all = (n: ElkNode): ElkNode[] => (n.children ?? []).flatMap((c) => [c, ...all(c)]);
    // 36 components and 2 boundaries, one nested in the other.
    expect(all(graph)).toHaveLength(38);
    expect(findElk(graph, 'b1')?.children?.some((c) => c.id === 'b2')).toBe(true);
    const laidOut = await nodeElkEngine()(graph);
    for (const node of all(laidOut)) {
      expect(Number.isFinite(node.x)).toBe(true);
      expect(Number.isFinite(node.y)).toBe(true);
    }
  });
});
