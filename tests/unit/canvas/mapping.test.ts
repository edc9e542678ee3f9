import { describe, expect, test } from 'vitest';
import { canvasToRows, parentsFirst, rowsToCanvas } from '../../../src/lib/canvas/mapping';
import { freeSpot } from '../../../src/lib/canvas/placement';
import { createBoundary, createComponent, createConnection } from '../../../src/lib/model/factories';
import { diffRows, isEmptyPatch, type DiagramRows } from '../../../src/lib/model/patch';

const ids = { caseStudyId: 'cs_test', diagramId: 'dgm_test' };

function sample(): DiagramRows {
  const region = createBoundary({ ...ids, kind: 'region', position: { x: 0, y: 0 } });
  const zone = createBoundary({
    ...ids,
    kind: 'availability-zone',
    parentId: region.id,
    position: { x: 20, y: 40 },
  });
  const api = createComponent({
    ...ids,
    kind: 'service',
    label: 'API',
    parentId: zone.id,
    position: { x: 10, y: 50 },
  });
  const db = createComponent({ ...ids, kind: 'database', position: { x: 500, y: 80 } });
  const dlq = createComponent({ ...ids, kind: 'dead-letter-queue', position: { x: 500, y: 300 } });
  return {
    // Child boundary listed before its parent on purpose.
    boundaries: [zone, region],
    components: [api, db, dlq],
    connections: [
      createConnection({ ...ids, source: api.id, target: db.id, label: 'SELECT', sourceHandle: 'right' }),
      createConnection({ ...ids, source: api.id, target: dlq.id }, 'dead-letter-queue'),
    ],
  };
}

describe('rows ↔ canvas', () => {
  test('round-trips rows through nodes and edges without any change', () => {
    const rows = sample();
    const { nodes, edges } = rowsToCanvas(rows);
    const back = canvasToRows(nodes, edges);
    expect(isEmptyPatch(diffRows(rows, back).forward)).toBe(true);
  });

  test('puts parents before children, as Svelte Flow requires', () => {
    const rows = sample();
    const { nodes } = rowsToCanvas(rows);
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) {
      if (n.parentId) expect(index.get(n.parentId)!).toBeLessThan(index.get(n.id)!);
    }
    expect(parentsFirst(rows.boundaries).map((b) => b.kind)).toEqual(['region', 'availability-zone']);
  });

  test('gives nodes and edges accessible names', () => {
    const { nodes, edges } = rowsToCanvas(sample());
    expect(nodes.map((n) => n.ariaLabel)).toContain('API (Service)');
    expect(nodes.map((n) => n.ariaLabel)).toContain('Database');
    expect(edges.map((e) => e.ariaLabel)).toContain('Connection: SELECT');
  });

  test('a connection into a dead letter queue is a failure path by default', () => {
    const rows = sample();
    expect(rows.connections.map((c) => c.failurePath)).toEqual([false, true]);
  });

  test('drops edges whose ends are missing and clears parents that do not exist', () => {
    const rows = sample();
    const orphan = createComponent({ ...ids, kind: 'cache', parentId: 'bnd_gone' });
    rows.components.push(orphan);
    rows.connections.push(createConnection({ ...ids, source: orphan.id, target: 'cmp_gone' }));
    const { nodes, edges } = rowsToCanvas(rows);
    expect(nodes.find((n) => n.id === orphan.id)?.parentId).toBeUndefined();
    expect(edges).toHaveLength(2);
  });

  test('keeps view state (selection, measured size) of nodes that already exist', () => {
    const rows = sample();
    const first = rowsToCanvas(rows);
    const prevNodes = first.nodes.map((n) => ({
      ...n,
      selected: true,
      measured: { width: 201, height: 70 },
    }));
    const moved = {
      ...rows,
      components: rows.components.map((c) => ({ ...c, position: { x: c.position.x + 5, y: 0 } })),
    };
    const next = rowsToCanvas(moved, { prevNodes });
    const api = next.nodes.find((n) => n.data.row.label === 'API')!;
    expect(api.selected).toBe(true);
    expect(api.measured).toEqual({ width: 201, height: 70 });
    expect(api.position.x).toBe(15);
  });

  test('reads boundary sizes back from the canvas', () => {
    const rows = sample();
    const { nodes, edges } = rowsToCanvas(rows);
    const resized = nodes.map((n) => (n.type === 'boundary' ? { ...n, width: 640, height: 480 } : n));
    const back = canvasToRows(resized, edges);
    expect(back.boundaries.every((b) => b.size.width === 640 && b.size.height === 480)).toBe(true);
  });
});

describe('placement of new nodes', () => {
  test('uses the wanted spot when it is free', () => {
    expect(freeSpot([], { x: 10, y: 20 })).toEqual({ x: 10, y: 20 });
  });

  test('moves down until the new node covers no other', () => {
    const { nodes } = rowsToCanvas({
      boundaries: [],
      connections: [],
      components: [createComponent({ ...ids, kind: 'service', position: { x: 0, y: 0 } })],
    });
    const spot = freeSpot(nodes, { x: 0, y: 0 });
    expect(spot.x).toBe(0);
    expect(spot.y).toBeGreaterThanOrEqual(64 + 8);
  });
});
