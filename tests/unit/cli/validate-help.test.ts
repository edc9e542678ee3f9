import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sampleBundle } from '../../fixtures/sample-bundle';
import { COMMANDS } from '../../../src/cli/main';
import { ROOT, runCli, tempDir, writeBackup } from './run-cli';

vi.setConfig({ testTimeout: 30_000 });

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('faultline validate (the real binary)', () => {
  it('exits 0 for a valid backup and says what it holds', async () => {
    const path = writeBackup(tmp.path('ok.json'), sampleBundle());
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/valid Faultline backup of ".+": 2 diagrams, 10 components/);
  });

  it('exits 1 and lists every problem with its JSON path', async () => {
    const good = JSON.parse(readFileSync(writeBackup(tmp.path('src.json'), sampleBundle()), 'utf8')) as {
      components: { kind: unknown; label: unknown }[];
      decisions: { status: unknown }[];
    };
    good.components[1]!.kind = 'toaster';
    good.components[2]!.label = 42;
    good.decisions[0]!.status = 'maybe';
    const path = tmp.path('bad.json');
    writeFileSync(path, JSON.stringify(good));
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not a valid Faultline backup (3 problems)');
    expect(r.stderr).toMatch(/components\[1\]\.kind/);
    expect(r.stderr).toMatch(/components\[2\]\.label/);
    expect(r.stderr).toMatch(/decisions\[0\]\.status/);
  });

  it('explains a file that is not JSON, with the line', async () => {
    const path = tmp.path('broken.json');
    writeFileSync(path, '{\n  "format": "faultline-backup",\n  oops\n}\n');
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3/);
  });
});

describe('faultline --help', () => {
  it('lists every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}`);
  });

  it('gives every command its own help with its usage lines', async () => {
    const results = await Promise.all(COMMANDS.map((c) => runCli([c.name, '--help'])));
    for (const [i, c] of COMMANDS.entries()) {
      const r = results[i]!;
      expect(r.code, c.name).toBe(0);
      expect(r.stdout).toContain(`faultline ${c.name}: `);
      for (const line of c.usage) expect(r.stdout).toContain(line);
      expect(r.stdout).toContain('-h, --help');
    }
  });

  it('without a command prints the help to stdout and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: faultline <command>');
  });

  it('runs as `npx faultline` from the checkout (the package bin)', async () => {
    const r = await runCli(['--help'], { command: ['npx', '--no-install', 'faultline'], cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: faultline <command>');
  });
});
