// @vitest-environment happy-dom
/**
 * Every file of tests/corpus/mermaid-docs and tests/corpus/mermaid-real (real text, verbatim):
 * - Mermaid itself decides whether the text is valid (`mermaid.parse`) and what it is (`detectType`);
 * - a valid flowchart imports, and the exported diagram parses again with the same nodes,
 *   edges and subgraphs (counted on Mermaid's own reading of the original text) and the same
 *   labels (multisets);
 * - text Mermaid rejects gives `{ ok: false }` with a message, never a throw.
 * Invisible links (`~~~`) are left out by design (they only steer Mermaid's layout): they are
 * counted and excluded from the edge comparison. Files that cannot round-trip would be listed
 * in LIMITATIONS with the reason; there are none.
 */
import { describe, expect, it } from 'vitest';
import { exportFlowchart } from '../../../src/lib/export/mermaid';
import {
  buildImport,
  FLOWCHART_TYPES,
  labelText,
  MERMAID_IMPORT_CONFIG,
  planImport,
  readFlowchart,
  type ParsedFlowchart,
} from '../../../src/lib/import/mermaid';
import { prepareForParse } from '../../../src/lib/import/mermaid/source';
import { corpusFiles, mermaid, sorted } from './helpers';

/** Files that import but do not round-trip, with the reason (none today). */
const LIMITATIONS: Readonly<Record<string, string>> = {};

interface RawFlowDb {
  getVertices(): Map<string, { id: string; text?: string }>;
  getEdges(): { stroke?: string }[];
  getSubGraphs(): { id: string }[];
}

/** Mermaid's own reading of the original text: counts, and the raw label of every node. */
async function mermaidsReading(text: string) {
  mermaid.initialize({ ...MERMAID_IMPORT_CONFIG });
  let accepted = true;
  try {
    await mermaid.parse(text);
  } catch {
    accepted = false;
  }
  let type: string | null;
  try {
    type = mermaid.detectType(text);
  } catch {
    type = null;
  }
  if (!accepted || type === null || !FLOWCHART_TYPES.has(type)) return { accepted, type, flow: null };
  // Read the text the importer hands Mermaid: `<br>` written as `\n` and formatting tags dropped,
  // which Mermaid reads the same way, but out of reach of happy-dom's DOMPurify, which loses the
  // text before a tag. The structure is Mermaid's own; the importer's conversion is checked
  // against it.
  const db = (await mermaid.mermaidAPI.getDiagramFromText(prepareForParse(text))).db as unknown as RawFlowDb;
  const subgraphs = new Set(db.getSubGraphs().map((s) => s.id));
  const vertices = [...db.getVertices().values()].filter((v) => !subgraphs.has(v.id));
  const edges = db.getEdges();
  return {
    accepted,
    type,
    flow: {
      nodes: vertices.length,
      rawLabels: new Map(vertices.map((v) => [v.id, v.text ?? ''])),
      edges: edges.filter((e) => e.stroke !== 'invisible').length,
      invisible: edges.filter((e) => e.stroke === 'invisible').length,
      subgraphs: subgraphs.size,
    },
  };
}

const labels = (f: ParsedFlowchart) => ({
  nodes: sorted(f.vertices.map((v) => v.text)),
  edges: sorted(f.edges.filter((e) => e.stroke !== 'invisible').map((e) => e.text)),
  subgraphs: sorted(f.subgraphs.map((s) => s.title)),
});

const summary = {
  files: 0,
  accepted: 0,
  flowcharts: 0,
  imported: 0,
  roundTripped: 0,
  rejected: 0,
  invisible: 0,
};

const files = [...corpusFiles('mermaid-docs'), ...corpusFiles('mermaid-real')];

describe('Mermaid corpus import', () => {
  it('has the whole corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(143);
  });

  it.each(files.map((f) => [f.name, f.text] as const))('%s', async (name, text) => {
    summary.files++;
    const reading = await mermaidsReading(text);
    const read = await readFlowchart(mermaid, text);
    if (!reading.accepted) {
      summary.rejected++;
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error.message.length).toBeGreaterThan(0);
      return;
    }
    summary.accepted++;
    if (reading.flow === null) {
      // Valid Mermaid, but not a flowchart: refused, naming the type.
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error.message).toContain(`\`${reading.type}\``);
      return;
    }
    summary.flowcharts++;
    expect(read.ok, read.ok ? '' : read.error.message).toBe(true);
    if (!read.ok) return;
    summary.imported++;
    const original = read.flowchart;

    // The importer reads what Mermaid reads.
    expect(original.vertices.length).toBe(reading.flow.nodes);
    expect(original.edges.filter((e) => e.stroke !== 'invisible').length).toBe(reading.flow.edges);
    expect(original.subgraphs.length).toBe(reading.flow.subgraphs);
    // Labels without markup never reach DOMPurify: they must be exactly what Mermaid read, decoded.
    for (const v of original.vertices) {
      const raw = reading.flow.rawLabels.get(v.id) ?? '';
      if (!/[<>]/.test(raw)) expect(v.text, `${name}: label of ${v.id}`).toBe(labelText(raw));
    }

    const plan = planImport(original);
    expect(plan.skipped.length).toBe(reading.flow.invisible);
    summary.invisible += reading.flow.invisible;
    const built = buildImport(plan, {}, { caseStudyId: 'cs_corpus', diagramName: name });
    expect(built.components.length).toBe(reading.flow.nodes);
    expect(built.boundaries.length).toBe(reading.flow.subgraphs);
    expect(built.connections.length).toBe(reading.flow.edges);

    const exported = exportFlowchart(built.diagram, built);
    const again = await readFlowchart(mermaid, exported);
    expect(again.ok, again.ok ? '' : `${again.error.message}\n${exported}`).toBe(true);
    if (!again.ok) return;
    const back = again.flowchart;
    const limitation = LIMITATIONS[name];
    if (limitation !== undefined) return;
    expect(back.vertices.length).toBe(reading.flow.nodes);
    expect(back.edges.length).toBe(reading.flow.edges);
    expect(back.subgraphs.length).toBe(reading.flow.subgraphs);
    expect(labels(back)).toEqual(labels(original));
    expect(back.direction).toBe(original.direction);
    summary.roundTripped++;
  });

  it('adds up (runs last)', () => {
    // Fixed facts about the corpus (mermaid 11.17.2): one real file is invalid Mermaid
    // (mermaid-real/024.mmd: `Cons[/api/...]` opens a parallelogram it never closes).
    expect(summary).toEqual({
      files: 143,
      accepted: 142,
      flowcharts: 142,
      imported: 142,
      roundTripped: 142 - Object.keys(LIMITATIONS).length,
      rejected: 1,
      invisible: summary.invisible,
    });
  });
});
