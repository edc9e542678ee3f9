/** Runs the real `faultline` binary (src/cli/faultline.js, the package's `bin`) in a child process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeBackup } from '../../../src/lib/model/backup';
import type { CaseStudyBundle } from '../../../src/lib/model/types';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const BIN = join(ROOT, 'src', 'cli', 'faultline.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; command?: string[] } = {}): Promise<CliResult> {
  const [file, ...pre] = opts.command ?? [process.execPath, BIN];
  return new Promise((resolve) => {
    execFile(
      file!,
      [...pre, ...args],
      { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function writeBackup(path: string, bundle: CaseStudyBundle): string {
  writeFileSync(path, serializeBackup(bundle));
  return path;
}
