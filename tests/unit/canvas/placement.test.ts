import { describe, expect, it } from 'vitest';
import { facingHandles, withFacingHandles } from '../../../src/lib/canvas/placement';
import { createBoundary, createComponent, createConnection } from '../../../src/lib/model/factories';

const ids = { caseStudyId: 'cs_t', diagramId: 'dgm_t' };

describe('facingHandles', () => {
  it.each([
    [{ x: 300, y: 0 }, 'right', 'left'],
    [{ x: -300, y: 0 }, 'left', 'right'],
    [{ x: 0, y: 300 }, 'bottom', 'top'],
    [{ x: 0, y: -300 }, 'top', 'bottom'],
  ])('target at %j: %s → %s', (at, source, target) => {
    const box = { width: 180, height: 64 };
    expect(facingHandles({ x: 0, y: 0, ...box }, { ...at, ...box })).toEqual({
      sourceHandle: source,
      targetHandle: target,
    });
  });
});

describe('withFacingHandles', () => {
  it('uses absolute positions: a child of a boundary is placed relative to it', () => {
    const zone = createBoundary({
      ...ids,
      kind: 'availability-zone',
      position: { x: 0, y: 500 },
      size: { width: 400, height: 200 },
    });
    const api = createComponent({ ...ids, kind: 'service', position: { x: 0, y: 0 } });
    // At (20, 40) inside the zone: really at (20, 540), below the API.
    const db = createComponent({ ...ids, kind: 'database', parentId: zone.id, position: { x: 20, y: 40 } });
    const link = createConnection({ ...ids, source: api.id, target: db.id });
    const self = createConnection({
      ...ids,
      source: api.id,
      target: api.id,
      sourceHandle: 'top',
      targetHandle: 'left',
    });
    const rows = withFacingHandles({ components: [api, db], boundaries: [zone], connections: [link, self] });
    expect(rows.connections[0]).toMatchObject({ sourceHandle: 'bottom', targetHandle: 'top' });
    expect(rows.connections[1]).toBe(self);
    expect(rows.components).toEqual([api, db]);
  });
});
