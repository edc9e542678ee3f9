import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseBackup } from '../../../src/lib/model/backup';
import { POLICY_KINDS } from '../../../src/lib/model/policies';
import { TEMPLATE_FILES, templatePath, templateSummary } from '../../../src/lib/model/templates';
import type { Boundary, CaseStudyBundle, Component, ResiliencePolicies } from '../../../src/lib/model/types';
import { buildTemplateFiles, NODE_SIZE } from '../../../templates/diagrams/generate';

const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/diagrams/', import.meta.url));
const files = readdirSync(TEMPLATE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string): { text: string; bundle: CaseStudyBundle; notes: string[] } {
  const text = readFileSync(`${TEMPLATE_DIR}${file}`, 'utf8');
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new Error(`${file} does not parse:\n${parsed.errors.join('\n')}`);
  return { text, bundle: parsed.bundle, notes: parsed.notes };
}

type Rect = { id: string; x: number; y: number; width: number; height: number };

function rectOf(node: Component | Boundary): Rect {
  const size = 'size' in node ? node.size : NODE_SIZE;
  return { id: node.id, x: node.position.x, y: node.position.y, ...size };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function hasPolicy(p: ResiliencePolicies): boolean {
  return POLICY_KINDS.some((k) => p[k] !== undefined);
}

describe('TEMPLATE_FILES', () => {
  test('lists exactly the template files present', () => {
    expect(TEMPLATE_FILES.map((t) => t.file).sort()).toEqual(files);
    expect(files).toHaveLength(4);
  });

  test('ids are the file names without .json, and paths match the import.meta.glob keys', () => {
    for (const t of TEMPLATE_FILES) {
      expect(t.file).toBe(`${t.id}.json`);
      expect(templatePath(t)).toBe(`/templates/diagrams/${t.file}`);
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(0);
    }
  });

  test('the committed files are what the generator builds (regenerate with GENERATE_TEMPLATES=1)', () => {
    const built = new Map(buildTemplateFiles().map((f) => [f.file, JSON.parse(f.text) as unknown]));
    for (const file of files) {
      expect(JSON.parse(readFileSync(`${TEMPLATE_DIR}${file}`, 'utf8')), file).toEqual(built.get(file));
    }
  });
});

describe.each(files)('template %s', (file) => {
  const { bundle, notes } = load(file);
  const entry = TEMPLATE_FILES.find((t) => t.file === file);
  const nodes = new Map<string, Component | Boundary>([
    ...bundle.components.map((c) => [c.id, c] as const),
    ...bundle.boundaries.map((b) => [b.id, b] as const),
  ]);
  const boundaries = new Map(bundle.boundaries.map((b) => [b.id, b]));
  const componentIds = new Set(bundle.components.map((c) => c.id));
  const connections = new Map(bundle.connections.map((c) => [c.id, c]));

  test('parses as a backup with nothing to repair', () => {
    expect(notes).toEqual([]);
    expect(bundle.caseStudy.title).toBe(entry?.title);
  });

  test('shows failure boundaries: a failure path, resilience policies and a boundary', () => {
    const summary = templateSummary(bundle);
    expect(summary.failurePaths).toBeGreaterThanOrEqual(1);
    expect(summary.boundaries).toBeGreaterThanOrEqual(1);
    expect(bundle.connections.some((c) => hasPolicy(c.policies))).toBe(true);
  });

  test('dead-letter targets point at dead letter queues, and failure paths lead there or to recovery', () => {
    const targets = [...bundle.components, ...bundle.connections]
      .map((r) => r.policies.deadLetter?.targetId)
      .filter((id): id is string => id !== undefined);
    for (const id of targets) {
      const target = bundle.components.find((c) => c.id === id);
      expect(target?.kind, id).toBe('dead-letter-queue');
    }
    for (const c of bundle.connections.filter((x) => x.failurePath)) {
      expect(componentIds.has(c.target)).toBe(true);
    }
  });

  test('main components say why they were chosen and what else was considered', () => {
    const main = bundle.components.filter((c) =>
      ['database', 'cache', 'queue', 'stream', 'dead-letter-queue'].includes(c.kind),
    );
    expect(main.length).toBeGreaterThan(0);
    for (const c of main) {
      expect(c.technology, c.label).not.toBe('');
      expect(c.why, c.label).not.toBe('');
      expect(c.alternatives, c.label).not.toBe('');
    }
  });

  test('connections are labelled and have handles', () => {
    for (const c of bundle.connections) {
      expect(c.label, c.id).not.toBe('');
      expect(c.sourceHandle).toMatch(/^(top|right|bottom|left)$/);
      expect(c.targetHandle).toMatch(/^(top|right|bottom|left)$/);
    }
  });

  test('every node lies inside its parent boundary', () => {
    for (const node of nodes.values()) {
      if (node.parentId === null) continue;
      const parent = boundaries.get(node.parentId);
      expect(parent, node.id).toBeDefined();
      if (!parent) continue;
      const r = rectOf(node);
      expect(r.x, node.id).toBeGreaterThanOrEqual(0);
      expect(r.y, node.id).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width, node.id).toBeLessThanOrEqual(parent.size.width);
      expect(r.y + r.height, node.id).toBeLessThanOrEqual(parent.size.height);
    }
  });

  test('no two siblings overlap', () => {
    const groups = new Map<string, Rect[]>();
    for (const node of nodes.values()) {
      const key = `${node.diagramId}/${node.parentId ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), rectOf(node)]);
    }
    for (const rects of groups.values()) {
      rects.forEach((a, i) => {
        for (const b of rects.slice(i + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
      });
    }
  });

  test('has a happy path and an error path whose steps follow existing connections', () => {
    expect(bundle.flows.map((f) => f.kind).sort()).toEqual(['error', 'happy']);
    for (const flow of bundle.flows) {
      expect(flow.steps.length, flow.name).toBeGreaterThan(1);
      for (const step of flow.steps) {
        expect(componentIds.has(step.fromId)).toBe(true);
        expect(componentIds.has(step.toId)).toBe(true);
        const via = step.connectionId === null ? undefined : connections.get(step.connectionId);
        expect(via, step.id).toBeDefined();
        expect([via?.source, via?.target]).toEqual([step.fromId, step.toId]);
      }
    }
    const error = bundle.flows.find((f) => f.kind === 'error');
    expect(error?.steps.some((s) => s.failureNote !== '')).toBe(true);
  });

  test('records decisions with options, pros and cons, linked to components', () => {
    expect(bundle.decisions.length).toBeGreaterThanOrEqual(1);
    for (const d of bundle.decisions) {
      expect(d.options.length, d.title).toBeGreaterThanOrEqual(2);
      for (const o of d.options) {
        expect(o.pros.length, o.title).toBeGreaterThan(0);
        expect(o.cons.length, o.title).toBeGreaterThan(0);
      }
      expect(d.options.some((o) => o.id === d.chosenOptionId)).toBe(true);
      expect(d.componentIds.length).toBeGreaterThan(0);
      for (const id of d.componentIds) expect(componentIds.has(id)).toBe(true);
    }
  });
});
