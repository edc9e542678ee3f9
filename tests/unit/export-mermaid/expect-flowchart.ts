/**
 * What a flowchart export must read back as, computed from the rows alone (not from the
 * exporter's internals; only its id map is used to name things).
 */
import { expect } from 'vitest';
import { COMPONENT_CATALOGUE, policySummary, type Diagram, type Id } from '../../../src/lib/model';
import type { DiagramRows } from '../../../src/lib/model/patch';
import {
  MERMAID_ARROWS,
  MERMAID_VERTEX_TYPES,
  kindClass,
  type FlowchartExport,
} from '../../../src/lib/export/mermaid';
import type { FlowchartReadBack } from './harness';

/** Where each component and boundary must end up: a boundary of this diagram, without cycles. */
export function effectiveParents(rows: DiagramRows, diagramId: Id): Map<Id, Id | null> {
  const boundaries = new Map(rows.boundaries.filter((b) => b.diagramId === diagramId).map((b) => [b.id, b]));
  const out = new Map<Id, Id | null>();
  for (const b of boundaries.values()) {
    const chain = new Set([b.id]);
    let p = b.parentId;
    let cyclic = false;
    while (p !== null && boundaries.has(p)) {
      if (chain.has(p)) {
        cyclic = true;
        break;
      }
      chain.add(p);
      p = boundaries.get(p)?.parentId ?? null;
    }
    out.set(b.id, !cyclic && b.parentId !== null && boundaries.has(b.parentId) ? b.parentId : null);
  }
  for (const c of rows.components.filter((x) => x.diagramId === diagramId)) {
    out.set(c.id, c.parentId !== null && boundaries.has(c.parentId) ? c.parentId : null);
  }
  return out;
}

export function expectedEdgeText(
  c: { label: string; policies: Parameters<typeof policySummary>[0] },
  includePolicies = true,
) {
  const parts = [c.label, includePolicies ? policySummary(c.policies).join(' ') : ''].filter((s) => s !== '');
  return parts.join(' · ');
}

/** Assert that Mermaid read back exactly the diagram that was exported. */
export function expectFaithful(
  diagram: Pick<Diagram, 'id' | 'name' | 'direction'>,
  rows: DiagramRows,
  exported: FlowchartExport,
  back: FlowchartReadBack,
  includePolicies = true,
): void {
  const mine = <T extends { diagramId: Id }>(xs: T[]) => xs.filter((x) => x.diagramId === diagram.id);
  const components = mine(rows.components);
  const boundaries = mine(rows.boundaries);
  const idOf = (recordId: Id): string => {
    const id = exported.ids.get(recordId);
    if (id === undefined) throw new Error(`no Mermaid id for ${recordId}`);
    return id;
  };

  expect(back.direction).toBe(diagram.direction);
  expect(back.accTitle).toBe(diagram.name.trim() === '' ? '' : diagram.name.replace(/\r\n|\r|\n/g, ' '));

  // Components: every one, with its exact label, shape and kind class.
  expect(back.vertices.size).toBe(components.length);
  for (const c of components) {
    const v = back.vertices.get(idOf(c.id));
    expect(v, `component ${c.id}`).toBeDefined();
    expect(v?.text).toBe(c.label);
    expect(v?.type).toBe(MERMAID_VERTEX_TYPES[COMPONENT_CATALOGUE[c.kind].mermaidShape]);
    expect(v?.classes).toContain(kindClass(c.kind));
    if (COMPONENT_CATALOGUE[c.kind].failureSink) expect(v?.classes).toContain('dlq');
    if (COMPONENT_CATALOGUE[c.kind].external) expect(v?.classes).toContain('external');
  }

  // Boundaries: every one, with its title and exactly its direct children.
  const parents = effectiveParents(rows, diagram.id);
  expect(back.subgraphs.size).toBe(boundaries.length);
  for (const b of boundaries) {
    const s = back.subgraphs.get(idOf(b.id));
    expect(s, `boundary ${b.id}`).toBeDefined();
    expect(s?.title).toBe(b.label);
    expect(s?.classes).toContain(kindClass(b.kind));
    const children = [...parents].filter(([, p]) => p === b.id).map(([id]) => idOf(id));
    expect([...(s?.nodes ?? [])].sort()).toEqual(children.sort());
  }
  // Nothing is in a subgraph that should be at the top level.
  const inSomeSubgraph = new Set([...back.subgraphs.values()].flatMap((s) => s.nodes));
  for (const [id, p] of parents) if (p === null) expect(inSomeSubgraph.has(idOf(id))).toBe(false);

  // Connections: one edge per connection whose ends are in the diagram, same order as exported.
  const ends = new Set([...components, ...boundaries].map((r) => r.id));
  const kept = mine(rows.connections).filter((c) => ends.has(c.source) && ends.has(c.target));
  expect(back.edges.length).toBe(kept.length);
  expect(exported.edges.length).toBe(kept.length);
  const expectedEdges = kept
    .map((c) =>
      [
        idOf(c.source),
        idOf(c.target),
        expectedEdgeText(c, includePolicies),
        MERMAID_ARROWS[c.mode].stroke,
        c.failurePath,
      ].join('\u0001'),
    )
    .sort();
  const actualEdges = back.edges
    .map((e, i) => [e.start, e.end, e.text, e.stroke, exported.edges[i]?.failurePath].join('\u0001'))
    .sort();
  expect(actualEdges).toEqual(expectedEdges);
  back.edges.forEach((e, i) => {
    const sent = exported.edges[i];
    expect([e.start, e.end, e.text]).toEqual([sent?.from, sent?.to, sent?.text]);
    // Failure paths, and only they, carry the red dashed linkStyle.
    const styled = e.style.some((s) => s.startsWith('stroke:#c62828'));
    expect(styled).toBe(sent?.failurePath ?? false);
    expect(e.type).toBe('arrow_point');
  });
}
