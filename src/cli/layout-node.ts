/** Auto-layout under Node: ELK's bundled build on the main thread (no Web Worker here), then facing handles. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { withFacingHandles } from '../lib/canvas/placement';
import { layoutDiagram, setLayoutEngine, type ElkNode } from '../lib/layout';
import type { DiagramRows } from '../lib/model/patch';
import type { LayoutDirection } from '../lib/model/types';

let installed = false;

export async function layoutRows(rows: DiagramRows, direction: LayoutDirection): Promise<DiagramRows> {
  if (!installed) {
    const elk = new ELK();
    setLayoutEngine((graph: ElkNode) => elk.layout(graph));
    installed = true;
  }
  const total = rows.components.length + rows.boundaries.length;
  const laidOut = await layoutDiagram(rows, {
    direction,
    thoroughness: total > 300 ? 1 : undefined,
    keepOrigin: false,
  });
  // Edges leave and enter on the sides that face each other, as after Arrange in the app.
  return withFacingHandles(laidOut);
}
