/**
 * Shared helpers for the Mermaid import tests (files that use Mermaid need
 * `// @vitest-environment happy-dom`). The importer initialises Mermaid and queues its calls
 * itself, so tests only pass the `mermaid` default export in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mermaid from 'mermaid';
import { expect } from 'vitest';
import {
  buildImport,
  planImport,
  readFlowchart,
  type BuiltImport,
  type ImportPlan,
  type ParsedFlowchart,
} from '../../../src/lib/import/mermaid';

export { mermaid };

/** Parse text that must be a valid flowchart. */
export async function parsed(text: string): Promise<ParsedFlowchart> {
  const r = await readFlowchart(mermaid, text);
  if (!r.ok) throw new Error(`expected a flowchart, got: ${r.error.message}`);
  return r.flowchart;
}

export async function plan(text: string): Promise<ImportPlan> {
  return planImport(await parsed(text));
}

export async function imported(text: string): Promise<BuiltImport & { plan: ImportPlan }> {
  const p = await plan(text);
  return { plan: p, ...buildImport(p, {}, { caseStudyId: 'cs_test', diagramName: 'Test' }) };
}

/** The planned component for a Mermaid id. */
export function component(p: ImportPlan, id: string) {
  const c = p.components.find((x) => x.id === id);
  expect(c, `component ${id}`).toBeDefined();
  return c as NonNullable<typeof c>;
}

export function boundary(p: ImportPlan, id: string) {
  const b = p.boundaries.find((x) => x.id === id);
  expect(b, `boundary ${id}`).toBeDefined();
  return b as NonNullable<typeof b>;
}

const CORPUS = join(import.meta.dirname, '..', '..', 'corpus');

/** Every `.mmd` file of a corpus folder, sorted: `{ name: 'mermaid-docs/001.mmd', text }`. */
export function corpusFiles(folder: 'mermaid-docs' | 'mermaid-real'): { name: string; text: string }[] {
  return readdirSync(join(CORPUS, folder))
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((f) => ({ name: `${folder}/${f}`, text: readFileSync(join(CORPUS, folder, f), 'utf8') }));
}

/** Sorted copy, for comparing multisets. */
export function sorted(xs: readonly string[]): string[] {
  return [...xs].sort();
}
