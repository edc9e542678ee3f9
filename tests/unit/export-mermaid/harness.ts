/**
 * Mermaid's own parser as a test oracle (needs `// @vitest-environment happy-dom`).
 *
 * Mermaid is a global singleton: it is initialised once per test file and every call goes
 * through one promise queue, so parses never overlap. The read-back goes through
 * `mermaidAPI.getDiagramFromText(text).db`, an internal API pinned with mermaid 11.17.2;
 * texts come back with Mermaid's entity placeholders, so they are decoded here exactly as
 * an importer would (`decodeMermaidText`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mermaid from 'mermaid';
import { expect, vi } from 'vitest';
import { decodeMermaidText } from '../../../src/lib/export/mermaid-escape';
import { sampleBundle } from '../../fixtures/sample-bundle';
import type { CaseStudyBundle } from '../../../src/lib/model';

let initialised = false;
let queue: Promise<unknown> = Promise.resolve();

function init(): void {
  if (initialised) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    maxEdges: 10_000,
    maxTextSize: 5_000_000,
  });
  initialised = true;
}

/** Run `fn` after every earlier Mermaid call has finished. */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

interface RawVertex {
  id: string;
  text?: string;
  type?: string;
  classes: string[];
}
interface RawEdge {
  start: string;
  end: string;
  text: string;
  stroke?: string;
  type?: string;
  style?: string[];
}
interface RawSubGraph {
  id: string;
  title: string;
  nodes: string[];
  classes: string[];
}
interface FlowDb {
  getVertices(): Map<string, RawVertex>;
  getEdges(): RawEdge[];
  getSubGraphs(): RawSubGraph[];
  getDirection(): string | undefined;
  getAccTitle(): string;
  getClasses(): Map<string, { styles: string[] }>;
}

export interface FlowchartReadBack {
  /** Vertices that are not subgraphs (a subgraph used as an edge end also shows up as a vertex). */
  vertices: Map<string, { text: string; type: string | undefined; classes: string[] }>;
  edges: {
    start: string;
    end: string;
    text: string;
    stroke: string | undefined;
    type: string | undefined;
    /** From `linkStyle`. */
    style: string[];
  }[];
  subgraphs: Map<string, { title: string; nodes: string[]; classes: string[] }>;
  direction: string | undefined;
  accTitle: string;
  /** `classDef` name → styles. */
  classDefs: Map<string, string[]>;
}

/** Parse with `mermaid.parse` (throws on invalid text) and read the flowchart back, decoded. */
export function readFlowchart(text: string): Promise<FlowchartReadBack> {
  init();
  return serial(async () => {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as FlowDb;
    const subgraphs = new Map(
      db
        .getSubGraphs()
        .map((s) => [
          s.id,
          { title: decodeMermaidText(s.title), nodes: [...s.nodes], classes: [...s.classes] },
        ]),
    );
    const vertices = new Map(
      [...db.getVertices().values()]
        .filter((v) => !subgraphs.has(v.id))
        .map((v) => [v.id, { text: decodeMermaidText(v.text ?? ''), type: v.type, classes: [...v.classes] }]),
    );
    const edges = db.getEdges().map((e) => ({
      start: e.start,
      end: e.end,
      text: decodeMermaidText(e.text),
      stroke: e.stroke,
      type: e.type,
      style: [...(e.style ?? [])],
    }));
    return {
      vertices,
      edges,
      subgraphs,
      direction: db.getDirection(),
      accTitle: decodeMermaidText(db.getAccTitle()),
      classDefs: new Map([...db.getClasses()].map(([name, c]) => [name, [...c.styles]])),
    };
  });
}

interface RawActor {
  name: string;
  description: string;
  type: string;
}
interface RawMessage {
  from?: string;
  to?: string;
  message: unknown;
  type?: number;
}
interface SequenceDb {
  getActors(): Map<string, RawActor>;
  getMessages(): RawMessage[];
  getDiagramTitle(): string;
  LINETYPE: Record<string, number>;
}

export interface SequenceReadBack {
  actors: { id: string; label: string; type: string }[];
  /** Messages, notes and block markers in order, with Mermaid's LINETYPE names. */
  messages: { kind: string; from: string | undefined; to: string | undefined; text: string }[];
  title: string;
}

export function readSequence(text: string): Promise<SequenceReadBack> {
  init();
  return serial(async () => {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as SequenceDb;
    const names = new Map(Object.entries(db.LINETYPE).map(([k, v]) => [v, k]));
    return {
      actors: [...db.getActors().values()].map((a) => ({
        id: a.name,
        label: decodeMermaidText(a.description),
        type: a.type,
      })),
      messages: db.getMessages().map((m) => ({
        kind: names.get(m.type ?? -1) ?? String(m.type),
        from: m.from,
        to: m.to,
        text: typeof m.message === 'string' ? decodeMermaidText(m.message) : '',
      })),
      title: decodeMermaidText(db.getDiagramTitle()),
    };
  });
}

/** A tiny seeded PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sample bundle with reproducible ids (seeded `crypto.getRandomValues`), for golden files. */
export function deterministicSampleBundle(seed = 20240507): CaseStudyBundle {
  const random = mulberry32(seed);
  const spy = vi
    .spyOn(globalThis.crypto, 'getRandomValues')
    .mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array)
        for (let i = 0; i < array.length; i++) array[i] = Math.floor(random() * 256);
      return array;
    });
  try {
    return sampleBundle();
  } finally {
    spy.mockRestore();
  }
}

/**
 * Compare `text` with `__golden__/<name>.mmd`. `UPDATE_GOLDEN=1 npx vitest run …` rewrites the
 * files; read the diff before committing it.
 */
export function expectGolden(name: string, text: string): void {
  // A string, not `new URL(…)`: under happy-dom the global URL is not Node's.
  const file = join(dirname(fileURLToPath(import.meta.url)), '__golden__', `${name}.mmd`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file))
    throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 to create it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
