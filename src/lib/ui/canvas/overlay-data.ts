/** Plain lookups for the canvas overlay (built once per change, never mutated afterwards). */
import type { DiagramRows } from '../../model/patch';
import type { Id } from '../../model/types';
import type { Finding } from '../../review';

export const NO_FINDINGS: ReadonlyMap<Id, readonly Finding[]> = new Map();

/** Open findings about this diagram's components, boundaries and connections, by record id. */
export function findingsByTarget(
  findings: readonly Finding[],
  diagramId: Id,
): ReadonlyMap<Id, readonly Finding[]> {
  const byId = new Map<Id, Finding[]>();
  for (const f of findings) {
    const t = f.target;
    if (
      (t.type === 'component' || t.type === 'connection' || t.type === 'boundary') &&
      t.diagramId === diagramId
    ) {
      byId.set(t.id, [...(byId.get(t.id) ?? []), f]);
    }
  }
  return byId;
}

/** A readable name for every record of a diagram: connections as "A → B (label)". */
export function recordNames(rows: DiagramRows): ReadonlyMap<Id, string> {
  const m = new Map<Id, string>();
  for (const b of rows.boundaries) m.set(b.id, b.label || 'Untitled boundary');
  for (const c of rows.components) m.set(c.id, c.label || 'Untitled component');
  for (const c of rows.connections) {
    const ends = `${m.get(c.source) ?? '?'} → ${m.get(c.target) ?? '?'}`;
    m.set(c.id, c.label ? `${ends} (${c.label})` : ends);
  }
  return m;
}
