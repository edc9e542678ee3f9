/**
 * The import UI's plumbing, kept out of the components: reading picked or dropped files,
 * routing them to the Mermaid or the ADR importer, reading flowcharts on the app's Mermaid
 * queue, and building + laying out + saving imported diagrams.
 *
 * The importers, Mermaid and elkjs stay out of the first page load: everything heavy is
 * imported dynamically here (only types are imported statically).
 */
import { detectImport, isZip } from '../../import/detect';
import type { ImportOverrides, ImportPlan, ReadError } from '../../import/mermaid';
import type { AdrFile } from '../../import/adr';
import { withFacingHandles } from '../../canvas/placement';
import type { Diagram, Id } from '../../model/types';
import type { Repository } from '../../store';
import { nextFrame } from '../frames';
import { withMermaid } from '../mermaid-render';

/** Larger files are not read: no flowchart or decision record is this big. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Above this many nodes, ELK runs with thoroughness 1 (about twice as fast). */
const QUICK_LAYOUT_NODES = 300;

export interface PickedFile {
  name: string;
  /** UTF-8 text (BOM removed), or null for a binary file (a .zip). */
  text: string | null;
  bytes: Uint8Array | null;
}

/** A file the importers cannot take, with the reason in a sentence. */
export interface IgnoredFile {
  name: string;
  reason: string;
}

/** ADR input: a Markdown file's text, or a .zip's bytes (expanded by the ADR dialog). */
export type AdrSource = { name: string; text: string } | { name: string; bytes: Uint8Array };

export interface MermaidSourceFile {
  name: string;
  text: string;
}

export interface RoutedFiles {
  mermaid: MermaidSourceFile[];
  adr: AdrSource[];
  ignored: IgnoredFile[];
}

/** Read a picked or dropped file: bytes for a .zip, text otherwise. */
export async function readPicked(file: File): Promise<PickedFile> {
  if (file.size > MAX_IMPORT_BYTES) return { name: file.name, text: null, bytes: null };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.zip$/i.test(file.name) || isZip(bytes)) return { name: file.name, text: null, bytes };
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  return { name: file.name, text, bytes: null };
}

/**
 * Which importer takes each file (detect.ts decides): Mermaid files and Markdown with Mermaid
 * blocks go to the Mermaid dialog, other Markdown and .zip archives to the ADR dialog.
 * `prefer: 'adr'` sends Markdown to the ADR importer whatever it holds (the ADR file picker).
 */
export function routeFiles(files: readonly PickedFile[], prefer?: 'adr'): RoutedFiles {
  const out: RoutedFiles = { mermaid: [], adr: [], ignored: [] };
  for (const f of files) {
    if (f.text === null && f.bytes === null) {
      out.ignored.push({ name: f.name, reason: `${f.name} is larger than 50 MB` });
      continue;
    }
    const kind = detectImport(f.name, f.text, f.bytes ?? undefined);
    if (kind === 'adr-zip' && f.bytes) out.adr.push({ name: f.name, bytes: f.bytes });
    else if (f.text !== null && (kind === 'adr' || (prefer === 'adr' && kind === 'mermaid-markdown')))
      out.adr.push({ name: f.name, text: f.text });
    else if (f.text !== null && (kind === 'mermaid' || kind === 'mermaid-markdown'))
      out.mermaid.push({ name: f.name, text: f.text });
    else if (kind === 'backup')
      out.ignored.push({
        name: f.name,
        reason: `${f.name} is a Faultline backup: import it from the home page (Import backup)`,
      });
    else
      out.ignored.push({
        name: f.name,
        reason: `${f.name} is not a Mermaid flowchart, a Markdown decision record or a .zip of them`,
      });
  }
  return out;
}

/** "checkout-flow.mmd" → "checkout-flow"; "docs/adr/x.md" → "x". */
export function baseName(fileName: string): string {
  const file = fileName.split(/[\\/]/).pop() ?? fileName;
  return file.replace(/\.(?:mmd|mermaid|md|markdown|txt)$/i, '');
}

// ---------------------------------------------------------------------------
// Mermaid
// ---------------------------------------------------------------------------

export type MermaidModule = typeof import('../../import/mermaid');
let mermaidModule: Promise<MermaidModule> | null = null;

/** The Mermaid importer (loaded on first use). */
export function loadMermaidImporter(): Promise<MermaidModule> {
  mermaidModule ??= import('../../import/mermaid').catch((e: unknown) => {
    mermaidModule = null;
    throw e;
  });
  return mermaidModule;
}

/** One flowchart to import: a whole Mermaid file or text, or one block of a Markdown file. */
export interface FlowchartSource {
  /** The file it came from (null: pasted). */
  fileName: string | null;
  /** Line of the file that the text's line 1 is on, minus one (0 for a whole file). */
  lineOffset: number;
  /** 0-based position among the file's Mermaid blocks, or null for a whole file. */
  block: number | null;
  /** Nearest heading before the block, or null. */
  heading: string | null;
  text: string;
}

/** The flowchart sources in a file: the file itself, or each Mermaid block of a Markdown file. */
export async function sourcesOf(file: MermaidSourceFile): Promise<FlowchartSource[]> {
  const kind = detectImport(file.name, file.text);
  if (kind !== 'mermaid-markdown')
    return [{ fileName: file.name, lineOffset: 0, block: null, heading: null, text: file.text }];
  const { extractMermaidBlocks } = await loadMermaidImporter();
  return extractMermaidBlocks(file.text).map((b) => ({
    fileName: file.name,
    lineOffset: b.line,
    block: b.index,
    heading: b.title,
    text: b.text,
  }));
}

export type ReadOutcome = { ok: true; plan: ImportPlan } | { ok: false; error: ReadError };

/** Read a flowchart with Mermaid's own parser (on the app's Mermaid queue) and plan its import. */
export async function readAndPlan(text: string): Promise<ReadOutcome> {
  const lib = await loadMermaidImporter();
  const read = await withMermaid((m) => lib.readFlowchart(m, text));
  if (!read.ok) return read;
  return { ok: true, plan: lib.planImport(read.flowchart) };
}

/** A Mermaid error's line within the file a block came from; the message says the same line. */
export function errorInFile(error: ReadError, lineOffset: number): ReadError {
  if (error.line === null || lineOffset === 0) return error;
  const line = error.line + lineOffset;
  return {
    line,
    message: error.message.replace(/Parse error on line \d+/, `Parse error on line ${line}`),
  };
}

/** Text split at `code` spans, for messages that quote Mermaid keywords. */
export function codeSpans(message: string): { text: string; code: boolean }[] {
  return message.split('`').map((text, i) => ({ text, code: i % 2 === 1 }));
}

export interface PlannedDiagram {
  plan: ImportPlan;
  overrides: ImportOverrides;
  name: string;
}

export interface ImportProgressStep {
  done: number;
  total: number;
  message: string;
}

export interface ImportedDiagrams {
  diagrams: Diagram[];
  components: number;
  connections: number;
  /** Diagrams kept in the importer's simple grid because the auto-layout failed. */
  unarranged: string[];
}

/**
 * Build each planned diagram, lay it out with ELK (in the layout worker) and save it as the
 * case study's last tab, one transaction per diagram. Progress is reported before each step.
 */
export async function importDiagrams(
  planned: readonly PlannedDiagram[],
  opts: { caseStudyId: Id; repo: Repository; onProgress: (p: ImportProgressStep) => void },
): Promise<ImportedDiagrams> {
  const [lib, { layoutDiagram }] = await Promise.all([loadMermaidImporter(), import('../../layout')]);
  const total = planned.length * 3;
  const out: ImportedDiagrams = { diagrams: [], components: 0, connections: 0, unarranged: [] };
  const several = planned.length > 1;
  for (const [i, p] of planned.entries()) {
    const of = several ? ` (${i + 1} of ${planned.length})` : '';
    opts.onProgress({ done: i * 3, total, message: `Building “${p.name}”${of}…` });
    await nextFrame();
    const built = lib.buildImport(p.plan, p.overrides, {
      caseStudyId: opts.caseStudyId,
      diagramName: p.name,
    });
    let rows = { components: built.components, boundaries: built.boundaries, connections: built.connections };
    const n = rows.components.length;
    opts.onProgress({
      done: i * 3 + 1,
      total,
      message: `Laying out ${n} ${n === 1 ? 'component' : 'components'}${of}…`,
    });
    try {
      rows = await layoutDiagram(rows, {
        direction: built.diagram.direction,
        keepOrigin: false,
        thoroughness: n + rows.boundaries.length > QUICK_LAYOUT_NODES ? 1 : undefined,
      });
    } catch {
      out.unarranged.push(p.name);
    }
    rows = withFacingHandles(rows);
    opts.onProgress({ done: i * 3 + 2, total, message: `Saving “${p.name}”${of}…` });
    const stored = await opts.repo.addDiagramWithRows(built.diagram, rows);
    out.diagrams.push(stored);
    out.components += rows.components.length;
    out.connections += rows.connections.length;
  }
  opts.onProgress({ done: total, total, message: 'Done' });
  return out;
}

// ---------------------------------------------------------------------------
// ADR
// ---------------------------------------------------------------------------

export type AdrModule = typeof import('../../import/adr');

export function loadAdrImporter(): Promise<AdrModule> {
  return import('../../import/adr');
}

/** The Markdown files of the sources (archives expanded); unreadable archives become problems. */
export function expandAdrSources(
  lib: AdrModule,
  sources: readonly AdrSource[],
): { files: AdrFile[]; problems: IgnoredFile[] } {
  const files: AdrFile[] = [];
  const problems: IgnoredFile[] = [];
  for (const s of sources) {
    if ('text' in s) {
      files.push({ name: s.name, text: s.text });
      continue;
    }
    try {
      const inner = lib.readAdrArchive(s.bytes);
      if (inner.length === 0) problems.push({ name: s.name, reason: `${s.name} holds no Markdown files` });
      // Paths inside the archive become `sourceFile`s; the archive's name is not part of them.
      files.push(...inner);
    } catch (e) {
      problems.push({ name: s.name, reason: `${s.name}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { files, problems };
}

/** Problems that only mean "this file is not a decision" (an index, a template): shown quietly. */
export function isQuietProblem(message: string): boolean {
  return /looks like an index file|looks like an ADR template/.test(message);
}
