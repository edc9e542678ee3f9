// @vitest-environment happy-dom
/**
 * Export → import → export over random diagrams with hostile labels (quotes, brackets, pipes,
 * `end`, unicode, HTML, entities…; the export tests' arbitraries). Record ids are new on import,
 * so Mermaid ids differ: the second export must have the same structure and labels as the
 * first under the id mapping, and the imported records must be the exported ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFlowchart } from '../../../src/lib/export/mermaid';
import {
  buildImport,
  diagramNameFor,
  planImport,
  readFlowchart,
  type ParsedFlowchart,
} from '../../../src/lib/import/mermaid';
import type { Id } from '../../../src/lib/model';
import { randomDiagram } from '../export-mermaid/arbitraries';
import { effectiveParents } from '../export-mermaid/expect-flowchart';
import { mermaid } from './helpers';

async function read(text: string): Promise<ParsedFlowchart> {
  const r = await readFlowchart(mermaid, text);
  if (!r.ok) throw new Error(`${r.error.message}\n${text}`);
  return r.flowchart;
}

/** The parsed flowchart with every Mermaid id renamed, in a canonical order. */
function canonical(f: ParsedFlowchart, rename: (id: string) => string) {
  const key = (x: unknown) => JSON.stringify(x);
  return {
    direction: f.direction,
    accTitle: f.accTitle,
    vertices: f.vertices
      .map((v) => ({ id: rename(v.id), text: v.text, shape: v.shape, classes: [...v.classes].sort() }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    subgraphs: f.subgraphs
      .map((s) => ({
        id: rename(s.id),
        title: s.title,
        parent: s.parent === null ? null : rename(s.parent),
        nodes: s.nodes.map(rename).sort(),
        classes: [...s.classes].sort(),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    edges: f.edges
      .map((e) => key([rename(e.start), rename(e.end), e.text, e.stroke, e.arrow, e.style]))
      .sort(),
  };
}

describe('export → import → export', () => {
  it('keeps every component, boundary and connection, and Mermaid reads the same flowchart again', async () => {
    await fc.assert(
      fc.asyncProperty(randomDiagram, fc.boolean(), async ({ diagram, rows }, includePolicies) => {
        const first = buildFlowchart(diagram, rows, { includePolicies });
        const parsedFirst = await read(first.text);
        const plan = planImport(parsedFirst);
        expect(plan.fromFaultline).toBe(true);
        expect(plan.skipped).toEqual([]);
        const built = buildImport(plan, {}, { caseStudyId: 'cs_rt', diagramName: diagramNameFor(plan) });

        // The records are the exported ones.
        const mid = (recordId: Id) => first.ids.get(recordId) ?? `missing ${recordId}`;
        const imported = (recordId: Id | null) =>
          recordId === null ? null : (built.ids.get(mid(recordId)) ?? null);
        const parents = effectiveParents(rows, diagram.id);
        const components = rows.components.filter((c) => c.diagramId === diagram.id);
        const boundaries = rows.boundaries.filter((b) => b.diagramId === diagram.id);
        expect(built.components).toHaveLength(new Set(components.map((c) => c.id)).size);
        expect(built.boundaries).toHaveLength(new Set(boundaries.map((b) => b.id)).size);
        for (const c of components) {
          const row = built.components.find((x) => x.id === imported(c.id));
          expect(row).toMatchObject({
            kind: c.kind,
            label: c.label,
            parentId: imported(parents.get(c.id) ?? null),
          });
        }
        for (const b of boundaries) {
          const row = built.boundaries.find((x) => x.id === imported(b.id));
          expect(row).toMatchObject({
            kind: b.kind,
            label: b.label,
            parentId: imported(parents.get(b.id) ?? null),
          });
        }
        expect(built.connections.map((c) => [c.source, c.target, c.label, c.mode, c.failurePath])).toEqual(
          first.edges.map((e) => [built.ids.get(e.from), built.ids.get(e.to), e.text, e.mode, e.failurePath]),
        );
        expect(built.diagram.direction).toBe(diagram.direction);
        expect(built.diagram.name).toBe(diagram.name.replace(/\s+/g, ' ').trim() || 'Imported diagram');

        // Exported again (its labels now hold the policy summaries, so none are added): the
        // same flowchart, up to the Mermaid ids.
        const second = buildFlowchart(built.diagram, built, { includePolicies });
        const parsedSecond = await read(second.text);
        const secondId = new Map([...built.ids].map(([m, r]) => [m, second.ids.get(r) ?? `missing ${r}`]));
        const a = canonical(parsedFirst, (id) => secondId.get(id) ?? `unknown ${id}`);
        const b = canonical(parsedSecond, (id) => id);
        expect({ ...b, accTitle: b.accTitle.trim() }).toEqual({
          ...a,
          accTitle:
            a.accTitle.replace(/\s+/g, ' ').trim() || (diagram.name.trim() === '' ? 'Imported diagram' : ''),
        });
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('round-trips a hand-written awkward diagram exactly, up to ids', async () => {
    const text = [
      'flowchart TB',
      '  subgraph z ["AZ #quot;a#quot; | end"]',
      '    a[("Orders #91;DB#93; #35;1")]:::database',
      '  end',
      '  b>"DLQ #lt;end#gt;"]:::dead_letter_queue',
      '  a -.->|"retry #124; give up"| b',
      '  class z availability_zone',
    ].join('\n');
    const plan = planImport(await read(text));
    expect(plan.components.map((c) => [c.label, c.kind])).toEqual([
      ['Orders [DB] #1', 'database'],
      ['DLQ <end>', 'dead-letter-queue'],
    ]);
    expect(plan.boundaries.map((b) => [b.label, b.kind])).toEqual([['AZ "a" | end', 'availability-zone']]);
    expect(plan.connections.map((c) => [c.label, c.mode, c.failurePath])).toEqual([
      ['retry | give up', 'async', false],
    ]);
  });
});
