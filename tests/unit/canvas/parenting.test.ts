import { describe, expect, test } from 'vitest';
import { rowsToCanvas } from '../../../src/lib/canvas/mapping';
import { absolutePosition, dropTarget, reparent, sortForFlow } from '../../../src/lib/canvas/parenting';
import { createBoundary, createComponent } from '../../../src/lib/model/factories';

const ids = { caseStudyId: 'cs_t', diagramId: 'dgm_t' };

function scene() {
  const region = createBoundary({
    ...ids,
    kind: 'region',
    label: 'Region',
    position: { x: 0, y: 0 },
    size: { width: 800, height: 600 },
  });
  const zone = createBoundary({
    ...ids,
    kind: 'availability-zone',
    label: 'AZ',
    parentId: region.id,
    position: { x: 50, y: 50 },
    size: { width: 300, height: 300 },
  });
  const inside = createComponent({ ...ids, kind: 'service', parentId: zone.id, position: { x: 20, y: 60 } });
  const outside = createComponent({ ...ids, kind: 'database', position: { x: 1000, y: 100 } });
  const { nodes } = rowsToCanvas({
    boundaries: [region, zone],
    components: [inside, outside],
    connections: [],
  });
  return { nodes, region, zone, inside, outside };
}

describe('boundaries as parents', () => {
  test('absolute position adds up the ancestors', () => {
    const { nodes, inside } = scene();
    expect(absolutePosition(new Map(nodes.map((n) => [n.id, n])), inside.id)).toEqual({ x: 70, y: 110 });
  });

  test('a node dropped inside nested boundaries lands in the innermost one', () => {
    const { nodes, outside, zone } = scene();
    const moved = nodes.map((n) => (n.id === outside.id ? { ...n, position: { x: 100, y: 100 } } : n));
    expect(dropTarget(moved, outside.id)).toBe(zone.id);
  });

  test('a node dragged out of every boundary lands on the canvas', () => {
    const { nodes, inside } = scene();
    const moved = nodes.map((n) => (n.id === inside.id ? { ...n, position: { x: 2000, y: 0 } } : n));
    expect(dropTarget(moved, inside.id)).toBeNull();
  });

  test('a boundary is never dropped into itself or its own descendant', () => {
    const { nodes, region } = scene();
    expect(dropTarget(nodes, region.id)).toBeNull();
  });

  test('reparenting keeps the node where it is on screen and keeps parents first', () => {
    const { nodes, inside, region } = scene();
    const byId = () => new Map(after.map((n) => [n.id, n]));
    const after = reparent(nodes, inside.id, region.id);
    const moved = after.find((n) => n.id === inside.id)!;
    expect(moved.parentId).toBe(region.id);
    expect(absolutePosition(byId(), inside.id)).toEqual({ x: 70, y: 110 });
    const released = reparent(after, inside.id, null);
    expect(released.find((n) => n.id === inside.id)!.position).toEqual({ x: 70, y: 110 });
    const order = after.map((n) => n.id);
    expect(order.indexOf(region.id)).toBeLessThan(order.indexOf(inside.id));
  });

  test('reparenting into a descendant is refused', () => {
    const { nodes, region, zone } = scene();
    expect(reparent(nodes, region.id, zone.id).find((n) => n.id === region.id)!.parentId).toBeUndefined();
  });

  test('sortForFlow puts parents before children whatever the input order', () => {
    const { nodes } = scene();
    const sorted = sortForFlow([...nodes].reverse());
    const index = new Map(sorted.map((n, i) => [n.id, i]));
    for (const n of sorted) if (n.parentId) expect(index.get(n.parentId)!).toBeLessThan(index.get(n.id)!);
  });
});
