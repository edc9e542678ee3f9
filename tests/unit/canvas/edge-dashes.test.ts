import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EDGE_DASHES, edgeDash } from '../../../src/lib/canvas/edge-dashes';

describe('edgeDash', () => {
  test('drill states win over the failure path, which wins over async messages', () => {
    expect(edgeDash('sync', false, null)).toBeNull();
    expect(edgeDash('stream', false, 'degraded')).toBeNull();
    expect(edgeDash('async', false, null)).toEqual([6, 4]);
    expect(edgeDash('async', true, null)).toEqual([3, 3]);
    expect(edgeDash('async', true, 'degraded')).toEqual([3, 3]);
    expect(edgeDash('sync', true, 'broken')).toEqual([2, 4]);
    expect(edgeDash('async', false, 'buffering')).toEqual([8, 4]);
  });

  test('uses the same patterns as the connections’ CSS (for the layers that still dash with CSS)', () => {
    const css = readFileSync(
      new URL('../../../src/lib/ui/canvas/ConnectionEdge.svelte', import.meta.url),
      'utf8',
    );
    const classes: Record<keyof typeof EDGE_DASHES, string> = {
      async: 'mode-async',
      failure: 'failure',
      'drill-broken': 'drill-broken',
      'drill-buffering': 'drill-buffering',
    };
    for (const [key, cls] of Object.entries(classes)) {
      const rule = new RegExp(
        `\\.svelte-flow__edge-path\\.${cls}\\)\\s*\\{[^}]*stroke-dasharray:\\s*([\\d.]+) ([\\d.]+);`,
      );
      const m = rule.exec(css);
      expect(m, cls).not.toBeNull();
      expect([Number(m![1]), Number(m![2])]).toEqual(EDGE_DASHES[key as keyof typeof EDGE_DASHES]);
    }
  });
});
