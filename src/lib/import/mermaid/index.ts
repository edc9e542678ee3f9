/**
 * Mermaid flowchart import: Mermaid's own parser reads the text, and a reviewable plan maps it
 * onto Faultline's model. Plain TypeScript: no Svelte, Dexie or DOM imports; the Mermaid
 * instance comes from the caller (the app's `withMermaid`, or `mermaid` under happy-dom in Node).
 *
 * Steps: `readFlowchart` (parse.ts) → `planImport` (map.ts; the user may review and override
 * kinds, labels and technologies) → `buildImport` (map.ts; records from the factories).
 *
 * Mapping rules:
 * - Only flowcharts (`flowchart`, `graph`, `flowchart-elk`) import; any other diagram is refused
 *   with a message naming its type, and text Mermaid rejects gives Mermaid's message and line.
 * - Diagram: direction from the flowchart (`TD` → TB, none → TB, Mermaid's default); name from the
 *   front matter `title:`, else `accTitle:` (Faultline's exports put the name there), else the
 *   caller's name, else "Imported diagram".
 * - Every node that is not a subgraph becomes a component, including nodes Mermaid creates
 *   from an edge alone (their label is their id). A subgraph used as an edge end is a boundary.
 * - Component kind, first rule that applies: (1) a class named after a kind (`:::database`,
 *   `class x dead_letter_queue`), as Faultline's exports write, so they round-trip exactly;
 *   (2) a product or category word in the label (technology.ts: Redis → cache, Kafka → stream,
 *   "DB" → database…; the right-most match is the head noun); (3) a specific shape (cylinder →
 *   database, bucket, cloud, person…); (4) a role word in the label (user → client, worker,
 *   external); (5) other shapes from the catalogue in reverse (shapes.ts); (6) service.
 *   `technology` is the canonical product name the label names, with its version
 *   ("PostgreSQL 15"), when it fits the kind. Reasons are recorded ("label names Redis").
 * - Labels are plain text: entities decoded, `<br>` → newline, other HTML tags dropped,
 *   Markdown-string markup kept as written.
 * - Subgraphs become boundaries, nested as written; kind from a boundary kind class, else from
 *   the title (region / us-east-1 → region, AZ / us-east-1a → availability zone, VPC / subnet →
 *   VPC, trust / DMZ / public / private network → trust boundary, bulkhead / failure domain /
 *   cell → failure domain), else bounded context.
 * - Edges become connections between components or boundaries: dotted → async, thick → stream,
 *   else sync; the edge text is the label. Failure path: Faultline's failure-path `linkStyle`,
 *   or (when the text is not a Faultline export) an edge into a dead letter queue. Two-way and
 *   arrowless links become one connection from the first node to the second (noted). Invisible
 *   links (`~~~`) only steer Mermaid's layout: left out, and listed in the plan.
 * - Positions are a simple grid per boundary (children relative to their boundary, boundary
 *   sizes fitted); the caller runs auto-layout afterwards.
 */
import type { Boundary, Component, Connection, Diagram, Id } from '../../model/types';
import { extractMermaidBlocks, type MermaidBlock } from './markdown';
import { buildImport, planImport, type ImportOverrides, type ImportPlan, type PlanOptions } from './map';
import { readFlowchart, type MermaidLike, type ReadError } from './parse';

export * from './parse';
export * from './map';
export * from './markdown';
export { analyseLabel, recogniseTechnology, technologyFor, TECHNOLOGY_RULES } from './technology';
export { SHAPE_RULES, shapeRule } from './shapes';
export { labelText } from './text';

export const DEFAULT_DIAGRAM_NAME = 'Imported diagram';

export interface ImportProgress {
  /** Steps done so far, of `total`. */
  done: number;
  total: number;
  /** What is happening, e.g. "Reading block 2 of 5". */
  message: string;
}

export interface MermaidImportOptions extends PlanOptions {
  caseStudyId: Id;
  /** Used when the text has no title of its own. */
  diagramName?: string;
  /** Position among the case study's diagram tabs (default 0; Markdown: first block's). */
  order?: number;
  overrides?: ImportOverrides;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportedDiagram {
  plan: ImportPlan;
  diagram: Diagram;
  boundaries: Boundary[];
  components: Component[];
  connections: Connection[];
  /** Mermaid id → record id. */
  ids: Map<string, Id>;
}

export type MermaidTextImport = ({ ok: true } & ImportedDiagram) | { ok: false; error: ReadError };

/** The name for an imported diagram: its own title, else the caller's name, else the default. */
export function diagramNameFor(plan: ImportPlan, fallback?: string | null): string {
  const candidates = [plan.title, fallback];
  for (const c of candidates) {
    const name = (c ?? '').replace(/\s+/g, ' ').trim();
    if (name !== '') return name;
  }
  return DEFAULT_DIAGRAM_NAME;
}

/** Import one Mermaid flowchart as one diagram, with no review step (overrides may be given). */
export async function importMermaidText(
  mermaid: MermaidLike,
  text: string,
  opts: MermaidImportOptions,
): Promise<MermaidTextImport> {
  opts.onProgress?.({ done: 0, total: 2, message: 'Reading the flowchart' });
  const read = await readFlowchart(mermaid, text);
  if (!read.ok) return read;
  opts.onProgress?.({ done: 1, total: 2, message: 'Making the diagram' });
  const plan = planImport(read.flowchart, opts);
  const built = buildImport(plan, opts.overrides ?? {}, {
    caseStudyId: opts.caseStudyId,
    diagramName: diagramNameFor(plan, opts.diagramName),
    order: opts.order,
  });
  opts.onProgress?.({ done: 2, total: 2, message: 'Done' });
  return { ok: true, plan, ...built };
}

export interface SkippedBlock {
  block: Omit<MermaidBlock, 'text'>;
  /** Why it was not imported: not a flowchart, or Mermaid's error (with the file's line). */
  reason: string;
  /** Line in the Markdown file the reason points at (the fence, or Mermaid's error line). */
  line: number;
}

export interface MarkdownImport {
  diagrams: ({ block: Omit<MermaidBlock, 'text'> } & ImportedDiagram)[];
  skipped: SkippedBlock[];
}

/**
 * Import every flowchart block of a Markdown file, each as one diagram (named by its own title,
 * else the nearest heading, else the caller's name with the block number, else the default).
 * Other Mermaid blocks, and blocks Mermaid rejects, are listed as skipped with the reason.
 * `overrides` do not apply here (Mermaid ids repeat across blocks).
 */
export async function importMermaidMarkdown(
  mermaid: MermaidLike,
  markdown: string,
  opts: Omit<MermaidImportOptions, 'overrides'>,
): Promise<MarkdownImport> {
  const blocks = extractMermaidBlocks(markdown);
  const result: MarkdownImport = { diagrams: [], skipped: [] };
  const total = blocks.length;
  for (const block of blocks) {
    const { text, ...where } = block;
    opts.onProgress?.({
      done: block.index,
      total,
      message: `Reading block ${block.index + 1} of ${total}`,
    });
    const read = await readFlowchart(mermaid, text);
    if (!read.ok) {
      const line = read.error.line === null ? block.line : block.line + read.error.line;
      const reason =
        read.error.line === null
          ? read.error.message
          : read.error.message.replace(/Parse error on line \d+/, `Parse error on line ${line}`);
      result.skipped.push({ block: where, reason, line });
      continue;
    }
    const plan = planImport(read.flowchart, opts);
    const fallback =
      block.title ?? (opts.diagramName ? `${opts.diagramName} ${result.diagrams.length + 1}` : null);
    const built = buildImport(
      plan,
      {},
      {
        caseStudyId: opts.caseStudyId,
        diagramName: diagramNameFor(plan, fallback),
        order: (opts.order ?? 0) + result.diagrams.length,
      },
    );
    result.diagrams.push({ block: where, plan, ...built });
  }
  opts.onProgress?.({ done: total, total, message: 'Done' });
  return result;
}
