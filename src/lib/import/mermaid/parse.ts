/**
 * Reading a Mermaid flowchart with Mermaid's own parser (pinned: mermaid 11.17.2). The parsed
 * database (`getDiagramFromText(text).db`) is internal Mermaid API; this file is the only place
 * that touches it, and the round-trip tests in tests/unit/import-mermaid/ cover it.
 *
 * What the Mermaid instance must be: the `mermaid` default export (or anything with the same
 * members, see MermaidLike), in an environment with a DOM (a browser, or happy-dom/jsdom in
 * Node: Mermaid's parser sanitises labels with DOMPurify). `readFlowchart` initialises it itself
 * with MERMAID_IMPORT_CONFIG (`securityLevel: 'strict'`, limits raised far above Mermaid's 500
 * edges), as every job on the app's shared Mermaid queue sets the configuration it relies on.
 * Mermaid is a global singleton: calls through this module are queued per instance; callers that
 * also render with the same instance must not run those calls at the same time (the app's
 * `withMermaid` queue does this).
 */
import { LAYOUT_DIRECTIONS, type LayoutDirection } from '../../model/types';
import { decodeMermaidText } from '../../export/mermaid-escape';
import { frontMatterTitle, parserLineMapper, prepareForParse } from './source';
import { labelText } from './text';

/** Configuration `readFlowchart` initialises Mermaid with. */
export const MERMAID_IMPORT_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  maxEdges: 100_000,
  maxTextSize: 10_000_000,
} as const;

export type MermaidImportConfig = typeof MERMAID_IMPORT_CONFIG;

/** What is used of the `mermaid` default export. */
export interface MermaidLike {
  initialize(config: MermaidImportConfig): void;
  detectType(text: string): string;
  parse(text: string): Promise<unknown>;
  mermaidAPI: {
    getDiagramFromText(text: string): Promise<{ type: string; db: unknown }>;
  };
}

export interface ReadOptions {
  /** Call `mermaid.initialize(MERMAID_IMPORT_CONFIG)` first (default true). */
  initialize?: boolean;
}

export type EdgeStroke = 'normal' | 'thick' | 'dotted' | 'invisible';

export interface ParsedVertex {
  /** Mermaid id. */
  id: string;
  /** Label as plain text (`labelText`); the id when the node was written without one. */
  text: string;
  /** Mermaid's vertex type: `square`, `round`, `cylinder`…, or an `@{ shape }` name; null when none. */
  shape: string | null;
  /** Classes from `:::name` and `class id name`. */
  classes: string[];
}

export interface ParsedEdge {
  start: string;
  end: string;
  text: string;
  stroke: EdgeStroke;
  /** `arrow_point`, `arrow_open` (`---`), `arrow_cross`, `arrow_circle`, `double_arrow_point` (`<-->`)… */
  arrow: string;
  /** Styles from `linkStyle`. */
  style: string[];
}

export interface ParsedSubgraph {
  /** Mermaid id (`subGraph0`… when the subgraph was written without one). */
  id: string;
  title: string;
  /** Direct children, vertices and subgraphs, as Mermaid assigns them (each to one subgraph). */
  nodes: string[];
  /** The enclosing subgraph, or null. */
  parent: string | null;
  classes: string[];
}

export interface ParsedFlowchart {
  /** Mermaid's diagram type: `flowchart-v2` (`flowchart`, `graph`), `flowchart` or `flowchart-elk`. */
  diagramType: string;
  direction: LayoutDirection;
  /** `title:` of the front matter, or null. */
  title: string | null;
  /** `accTitle:` (Faultline's exports carry the diagram name there), or ''. */
  accTitle: string;
  /** Nodes that are not subgraphs, in Mermaid's order (first mention). */
  vertices: ParsedVertex[];
  edges: ParsedEdge[];
  /** Parents before children, otherwise in order of appearance. */
  subgraphs: ParsedSubgraph[];
}

export interface ReadError {
  message: string;
  /** 1-based line of the user's text, or null when Mermaid does not say. */
  line: number | null;
}

export type ReadResult = { ok: true; flowchart: ParsedFlowchart } | { ok: false; error: ReadError };

/** Mermaid's names for flowcharts (`graph`/`flowchart`, and `flowchart-elk`). */
export const FLOWCHART_TYPES: ReadonlySet<string> = new Set(['flowchart', 'flowchart-v2', 'flowchart-elk']);

const DIAGRAM_NAMES: Readonly<Record<string, string>> = {
  sequence: 'a sequence diagram',
  class: 'a class diagram',
  classDiagram: 'a class diagram',
  state: 'a state diagram',
  stateDiagram: 'a state diagram',
  er: 'an entity relationship diagram',
  gantt: 'a Gantt chart',
  pie: 'a pie chart',
  journey: 'a user journey',
  gitGraph: 'a Git graph',
  mindmap: 'a mind map',
  timeline: 'a timeline',
  requirement: 'a requirement diagram',
  quadrantChart: 'a quadrant chart',
  xychart: 'an XY chart',
  sankey: 'a Sankey diagram',
  block: 'a block diagram',
  packet: 'a packet diagram',
  architecture: 'an architecture diagram',
  kanban: 'a Kanban board',
  radar: 'a radar chart',
  treemap: 'a treemap',
  info: 'an info diagram',
  c4: 'a C4 diagram',
};

/** "a sequence diagram (`sequence`)". */
export function describeDiagramType(type: string): string {
  const name = DIAGRAM_NAMES[type];
  return name ? `${name} (\`${type}\`)` : `a \`${type}\` diagram`;
}

/** The message for a Mermaid diagram that is not a flowchart. */
export function notFlowchartMessage(type: string): string {
  return `Only Mermaid flowcharts (\`flowchart\` or \`graph\`) import as diagrams; this is ${describeDiagramType(type)}.`;
}

// --- Mermaid's internal flowchart database (loose types for what is read) -----------------

interface RawVertex {
  id?: unknown;
  text?: unknown;
  type?: unknown;
  classes?: unknown;
}
interface RawEdge {
  start?: unknown;
  end?: unknown;
  text?: unknown;
  stroke?: unknown;
  type?: unknown;
  style?: unknown;
}
interface RawSubGraph {
  id?: unknown;
  title?: unknown;
  nodes?: unknown;
  classes?: unknown;
}
interface FlowDb {
  getVertices(): Map<string, RawVertex>;
  getEdges(): RawEdge[];
  getSubGraphs(): RawSubGraph[];
  getDirection(): unknown;
  getAccTitle?(): unknown;
}

function isFlowDb(db: unknown): db is FlowDb {
  if (typeof db !== 'object' || db === null) return false;
  const d = db as Record<string, unknown>;
  return ['getVertices', 'getEdges', 'getSubGraphs', 'getDirection'].every((k) => typeof d[k] === 'function');
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const STROKES: ReadonlySet<string> = new Set(['normal', 'thick', 'dotted', 'invisible']);

function direction(raw: unknown): LayoutDirection {
  const d = str(raw).trim().toUpperCase();
  if (d === 'TD') return 'TB';
  return (LAYOUT_DIRECTIONS as readonly string[]).includes(d) ? (d as LayoutDirection) : 'TB';
}

/** Subgraphs with parents (first listing wins, as in Mermaid; cycles broken), parents first. */
function subgraphTree(raw: RawSubGraph[], known: (id: string) => boolean): ParsedSubgraph[] {
  // A subgraph written twice with the same id is one group (Mermaid's lookup keeps the last title).
  const merged = new Map<string, { id: string; title: string; nodes: string[]; classes: string[] }>();
  for (const s of raw) {
    const id = str(s.id);
    const known = merged.get(id);
    if (known) {
      known.title = labelText(str(s.title));
      known.nodes.push(...strings(s.nodes));
      known.classes.push(...strings(s.classes).filter((c) => !known.classes.includes(c)));
    } else
      merged.set(id, {
        id,
        title: labelText(str(s.title)),
        nodes: strings(s.nodes),
        classes: strings(s.classes),
      });
  }
  const list = [...merged.values()];
  const ids = new Set(list.map((s) => s.id));
  const parentOf = new Map<string, string>();
  for (const s of list)
    for (const n of s.nodes)
      if (n !== s.id && !parentOf.has(n) && (ids.has(n) || known(n))) parentOf.set(n, s.id);
  // Break cycles among subgraphs: walk up; the edge that closes a loop is dropped.
  for (const s of list) {
    const seen = new Set([s.id]);
    let child = s.id;
    let p = parentOf.get(child);
    while (p !== undefined) {
      if (seen.has(p)) {
        parentOf.delete(child);
        break;
      }
      seen.add(p);
      child = p;
      p = parentOf.get(child);
    }
  }
  const out: ParsedSubgraph[] = list.map((s) => ({
    ...s,
    nodes: s.nodes.filter((n) => parentOf.get(n) === s.id),
    parent: parentOf.get(s.id) ?? null,
  }));
  // Parents first (depth first). Mermaid adds a subgraph when its `end` is read, so siblings
  // are in the order they were written, and an inner subgraph comes before its parent.
  const children = new Map<string | null, ParsedSubgraph[]>();
  for (const s of out) children.set(s.parent, [...(children.get(s.parent) ?? []), s]);
  const sorted: ParsedSubgraph[] = [];
  const visit = (parent: string | null) => {
    for (const s of children.get(parent) ?? []) {
      sorted.push(s);
      visit(s.id);
    }
  };
  visit(null);
  return sorted;
}

function readDb(db: FlowDb, diagramType: string, title: string | null): ParsedFlowchart {
  const rawVertices = [...db.getVertices().values()];
  const vertexIds = new Set(rawVertices.map((v) => str(v.id)));
  const subgraphs = subgraphTree(db.getSubGraphs(), (id) => vertexIds.has(id));
  const subgraphIds = new Set(subgraphs.map((s) => s.id));
  const vertices: ParsedVertex[] = rawVertices
    .filter((v) => str(v.id) !== '' && !subgraphIds.has(str(v.id)))
    .map((v) => ({
      id: str(v.id),
      text: labelText(str(v.text)),
      shape: str(v.type) || null,
      classes: strings(v.classes),
    }));
  const edges: ParsedEdge[] = db.getEdges().map((e) => ({
    start: str(e.start),
    end: str(e.end),
    text: labelText(str(e.text)),
    stroke: STROKES.has(str(e.stroke)) ? (str(e.stroke) as EdgeStroke) : 'normal',
    arrow: str(e.type) || 'arrow_point',
    style: strings(e.style),
  }));
  return {
    diagramType,
    direction: direction(db.getDirection()),
    title,
    accTitle: decodeMermaidText(str(db.getAccTitle?.())),
    vertices,
    edges,
    subgraphs,
  };
}

// --- Errors ---------------------------------------------------------------------------------

interface MaybeParseError {
  message?: unknown;
  hash?: { loc?: { first_line?: unknown }; line?: unknown };
}

const PARSE_ERROR_LINE = /Parse error on line (\d+)/;

/** The line Mermaid reports, in its own numbering (after its preprocessing), or null. */
function parserLine(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as MaybeParseError;
  const first = e.hash?.loc?.first_line;
  if (typeof first === 'number' && Number.isInteger(first) && first > 0) return first;
  if (typeof e.hash?.line === 'number' && Number.isInteger(e.hash.line)) return e.hash.line + 1;
  const m = PARSE_ERROR_LINE.exec(str(e.message));
  return m ? Number(m[1]) : null;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  )
    return (error as { message: string }).message;
  return String(error);
}

/** Mermaid's error as a ReadError, with the line moved to the user's text. */
export function toReadError(error: unknown, textForParser: string): ReadError {
  const raw = parserLine(error);
  const line = raw === null ? null : parserLineMapper(textForParser)(raw);
  let message = errorMessage(error).trim() || 'Mermaid could not read this text.';
  if (line !== null) message = message.replace(PARSE_ERROR_LINE, `Parse error on line ${line}`);
  return { message, line };
}

// --- Queue ----------------------------------------------------------------------------------

const queues = new WeakMap<object, Promise<unknown>>();

/** Run `job` after every earlier call of this module on the same Mermaid instance. */
function serial<T>(mermaid: MermaidLike, job: () => Promise<T>): Promise<T> {
  const before = queues.get(mermaid) ?? Promise.resolve();
  const run = before.then(job, job);
  queues.set(
    mermaid,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Read one Mermaid flowchart. Front matter, `%%{init}%%` directives and comments are Mermaid's
 * business (it parses them); the front matter `title:` is read back for the diagram name. A
 * diagram that is not a flowchart is refused with a message naming its type, and text Mermaid
 * rejects gives Mermaid's message with the line in the given text. Never throws.
 */
export function readFlowchart(
  mermaid: MermaidLike,
  text: string,
  opts: ReadOptions = {},
): Promise<ReadResult> {
  return serial(mermaid, async (): Promise<ReadResult> => {
    const source = prepareForParse(text);
    try {
      if (opts.initialize ?? true) mermaid.initialize({ ...MERMAID_IMPORT_CONFIG });
      let type: string;
      try {
        type = mermaid.detectType(source);
      } catch {
        return {
          ok: false,
          error: {
            message:
              'This is not a Mermaid diagram: a flowchart starts with `flowchart` or `graph` (after any front matter, `%%{init}%%` directive or comment).',
            line: parserLineMapper(source)(1),
          },
        };
      }
      if (!FLOWCHART_TYPES.has(type))
        return { ok: false, error: { message: notFlowchartMessage(type), line: null } };
      // parse() applies this text's front matter and directives to Mermaid's configuration
      // (after resetting it) and validates; getDiagramFromText() then gives the database.
      await mermaid.parse(source);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
      if (!FLOWCHART_TYPES.has(diagram.type))
        return { ok: false, error: { message: notFlowchartMessage(diagram.type), line: null } };
      if (!isFlowDb(diagram.db))
        return {
          ok: false,
          error: { message: 'This version of Mermaid does not expose the flowchart it parsed.', line: null },
        };
      return { ok: true, flowchart: readDb(diagram.db, diagram.type, frontMatterTitle(text)) };
    } catch (error) {
      return { ok: false, error: toReadError(error, source) };
    }
  });
}
