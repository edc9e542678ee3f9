import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseBackup } from '../../../src/lib/model/backup';
import { sampleBundle } from '../../fixtures/sample-bundle';
import { ROOT, runCli, tempDir, writeBackup } from './run-cli';

vi.setConfig({ testTimeout: 60_000 });

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const corpus = (path: string) => join(ROOT, 'tests', 'corpus', path);

function readBundle(path: string) {
  const parsed = parseBackup(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.bundle;
}

describe('faultline import-mermaid (the real binary)', () => {
  it('writes a laid-out backup the app accepts, and exports back to the same flowchart shape', async () => {
    const src = tmp.path('shop.mmd');
    writeFileSync(
      src,
      [
        'flowchart LR',
        '  user([Browser]) --> gw[API gateway]',
        '  subgraph aws [AWS eu-west-1]',
        '    gw --> orders[Orders service]',
        '    orders --> db[(PostgreSQL 15)]',
        '    orders -.->|OrderPlaced| q[[Kafka]]',
        '    q --> dlq[Orders DLQ]',
        '  end',
      ].join('\n'),
    );
    const out = tmp.path('shop.json');
    const r = await runCli(['import-mermaid', src, '--title', 'Shop', '--out', out]);
    expect(r.stderr).toContain('imported 1 diagram (6 components, 1 boundary, 5 connections) as "Shop"');
    expect(r.code).toBe(0);
    const bundle = readBundle(out);
    expect(bundle.caseStudy.title).toBe('Shop');
    const kind = (label: string) => bundle.components.find((c) => c.label === label)?.kind;
    expect(kind('PostgreSQL 15')).toBe('database');
    expect(kind('Kafka')).toBe('stream');
    expect(kind('Orders DLQ')).toBe('dead-letter-queue');
    expect(kind('Browser')).toBe('client');
    expect(bundle.connections.find((c) => c.label === 'OrderPlaced')?.mode).toBe('async');
    // Laid out: no two top-level components share a position.
    const spots = new Set(bundle.components.map((c) => `${c.parentId}:${c.position.x},${c.position.y}`));
    expect(spots.size).toBe(bundle.components.length);
    // Edges attach to the sides that face each other, as after Arrange in the app.
    expect(bundle.connections.every((c) => c.sourceHandle !== null && c.targetHandle !== null)).toBe(true);

    const valid = await runCli(['validate', out]);
    expect(valid.code).toBe(0);
    const back = await runCli(['export', out, '--format', 'mermaid', '--diagram', bundle.diagrams[0]!.name]);
    expect(back.code).toBe(0);
    expect(back.stdout.match(/-->|-\.->|==>/g)).toHaveLength(5);
  });

  it('imports every flowchart block of a Markdown file as its own diagram and says what it skipped', async () => {
    const src = tmp.path('design.md');
    writeFileSync(
      src,
      '# Design\n\n## Write path\n\n```mermaid\nflowchart TD\n  a --> b\n```\n\n## Calls\n\n```mermaid\nsequenceDiagram\n  a->>b: hi\n```\n\n## Read path\n\n```mermaid\ngraph LR\n  c --> d --> e\n```\n',
    );
    const r = await runCli(['import-mermaid', src]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped the block at .*design\.md:13: .*only|Only/);
    const parsed = parseBackup(r.stdout);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.bundle.diagrams.map((d) => d.name)).toEqual(['Write path', 'Read path']);
  });

  it('shows Mermaid’s error with the file and line, and refuses other diagram types', async () => {
    const bad = await runCli([
      'import-mermaid',
      corpus('mermaid-real/024.mmd'),
      '--out',
      tmp.path('never.json'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/024\.mmd:11: .*line 11/);
    const seq = tmp.path('seq.mmd');
    writeFileSync(seq, 'sequenceDiagram\n  A->>B: hi\n');
    const r = await runCli(['import-mermaid', seq]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Only Mermaid flowcharts');
    expect(r.stdout).toBe('');
  });
});

describe('faultline import-adr (the real binary)', () => {
  it('adds a folder of real ADRs to a backup, numbered after its decisions, skipping non-ADRs', async () => {
    const into = writeBackup(tmp.path('sample.json'), sampleBundle());
    const out = tmp.path('with-adrs.json');
    const r = await runCli(['import-adr', corpus('adr'), '--into', into, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('imported 20 decisions into');
    expect(r.stderr).toContain('skipped SOURCES.md');
    const bundle = readBundle(out);
    expect(bundle.decisions).toHaveLength(22);
    expect(bundle.decisions.map((d) => d.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 22 }, (_, i) => i + 1),
    );
    expect(bundle.caseStudy.lastDecisionNumber).toBe(22);
    expect(bundle.components).toHaveLength(sampleBundle().components.length);
  });

  it('makes a new case study from one file and links components with --link', async () => {
    const adr = tmp.path('0001-use-postgresql.md');
    writeFileSync(
      adr,
      '# 1. Use PostgreSQL for orders\n\n## Status\n\nAccepted\n\n## Context\n\nOrders need transactions.\n\n## Decision\n\nWe will use PostgreSQL.\n\n## Consequences\n\nWe run a database.\n',
    );
    const fresh = await runCli(['import-adr', adr, '--title', 'Decisions']);
    expect(fresh.code).toBe(0);
    const parsed = parseBackup(fresh.stdout);
    expect(parsed.ok && parsed.bundle.decisions[0]?.title).toBe('Use PostgreSQL for orders');

    const into = writeBackup(tmp.path('sample2.json'), sampleBundle());
    const linked = await runCli(['import-adr', adr, '--into', into, '--link']);
    expect(linked.code).toBe(0);
    expect(linked.stderr).toMatch(/linked \d+ components?/);
    const withLinks = parseBackup(linked.stdout);
    expect(withLinks.ok).toBe(true);
    if (withLinks.ok) {
      const d = withLinks.bundle.decisions.find((x) => x.title === 'Use PostgreSQL for orders');
      expect(d?.componentIds.length).toBeGreaterThan(0);
    }
  });

  it('refuses a named file that is not an ADR, a missing file and a bad command line', async () => {
    const notes = tmp.path('notes.md');
    writeFileSync(notes, 'Just some notes.\n');
    const r = await runCli(['import-adr', notes, '--out', tmp.path('never.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toContain('notes.md');
    const missing = await runCli(['import-adr', tmp.path('nope.md')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file or directory');
    const usage = await runCli(['import-adr']);
    expect(usage.code).toBe(2);
    const both = await runCli(['import-adr', notes, '--into', 'x.json', '--title', 'T']);
    expect(both.code).toBe(2);
  });
});
