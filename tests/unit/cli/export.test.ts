import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleBundle } from '../../fixtures/sample-bundle';
import { runCli, tempDir, writeBackup } from './run-cli';

// Each case starts a Node process (~0.5–1 s on a busy 2-core machine).
vi.setConfig({ testTimeout: 30_000 });

const tmp = tempDir();
let backup = '';

beforeAll(() => {
  backup = writeBackup(tmp.path('sample.json'), sampleBundle());
});
afterAll(() => tmp.cleanup());

describe('faultline export (the real binary)', () => {
  it('writes the Markdown case study to stdout in the case study’s own template', async () => {
    const r = await runCli(['export', backup, '--format', 'markdown']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# /);
    expect(r.stdout).toContain('```mermaid');
  });

  it('honours --template and --out', async () => {
    const out = tmp.path('docs/case-study.md');
    const r = await runCli([
      'export',
      backup,
      '--format',
      'markdown',
      '--template',
      'case-study-guide',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('## Failure modes');
    expect(text).toContain('| Component | Failure | Impact | Mitigation in place | Gap |');
  });

  it('writes one diagram as Mermaid, or every diagram under its own heading', async () => {
    const one = await runCli(['export', backup, '--format', 'mermaid', '--diagram', 'refunds']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^(---\n[\s\S]*?---\n)?flowchart /);
    const all = await runCli(['export', backup, '--format', 'mermaid']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('## Checkout\n\n```mermaid\n');
    expect(all.stdout).toContain('## Refunds\n\n```mermaid\n');
  });

  it('names the diagrams there are when --diagram matches none', async () => {
    const r = await runCli(['export', backup, '--format', 'mermaid', '--diagram', 'Nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('there is no diagram named "Nope" (diagrams: "Checkout", "Refunds")');
  });

  it('writes ADR files and their index into a folder', async () => {
    const dir = tmp.path('adr');
    const r = await runCli(['export', backup, '--format', 'adr', '--out', dir]);
    expect(r.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toContain('README.md');
    expect(files.filter((f) => f !== 'README.md')).toHaveLength(2);
    expect(r.stderr).toContain('wrote 2 decision files and README.md');
  });

  it('refuses a wrong command line with exit status 2 and a pointer to --help', async () => {
    const cases: [string[], string][] = [
      [['export', backup], 'export needs --format markdown, mermaid or adr'],
      [['export', backup, '--format', 'pdf'], 'unknown format "pdf"'],
      [['export', backup, '--format', 'adr'], '--out DIR'],
      [['export', backup, '--format', 'markdown', '--template', 'nope'], 'unknown template "nope"'],
      [['export', backup, '--format', 'markdown', '--fromat', 'x'], "Unknown option '--fromat'"],
      [['export', '--format', 'markdown'], 'export needs a backup file'],
      [['exprot'], 'unknown command "exprot"'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).toMatch(/Run `faultline (export )?--help` for usage\./);
      expect(r.stdout).toBe('');
    }
  });

  it('reports a bad backup with its JSON paths and writes nothing', async () => {
    const bad = JSON.parse(readFileSync(backup, 'utf8')) as { components: { kind: string }[] };
    bad.components[0]!.kind = 'toaster';
    const path = tmp.path('bad.json');
    writeFileSync(path, JSON.stringify(bad));
    const out = tmp.path('never.md');
    const r = await runCli(['export', path, '--format', 'markdown', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a valid Faultline backup');
    expect(r.stderr).toMatch(/components\[0\]\.kind/);
    expect(existsSync(out)).toBe(false);
  });

  it('says which file it cannot read', async () => {
    const r = await runCli(['export', join(tmp.dir, 'missing.json'), '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `faultline: cannot read ${join(tmp.dir, 'missing.json')}: no such file or directory\n`,
    );
  });
});
