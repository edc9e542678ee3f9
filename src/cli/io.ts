/** File input and output for the CLI: every failure becomes a message that names the file. */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { CliError } from './errors';

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processOutput: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return error instanceof Error ? error.message : String(error);
}

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${reason(e)}`);
  }
}

/** A text file as UTF-8, without a byte-order mark. */
export async function readText(path: string): Promise<string> {
  const bytes = await readBytes(path);
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export async function writeText(path: string, text: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (e) {
    throw new CliError(`cannot write ${path}: ${reason(e)}`);
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${reason(e)}`);
  }
}

/** Files under a directory (any depth, dot-folders and node_modules skipped), relative names sorted. */
export async function listFiles(dir: string, accept: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  async function walk(current: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (e) {
      throw new CliError(`cannot read ${current}: ${reason(e)}`);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && accept(entry.name)) found.push(path);
    }
  }
  await walk(dir);
  return found.sort((a, b) => relative(dir, a).localeCompare(relative(dir, b)));
}

/** Write to `--out` when given, else to standard output. */
export async function emit(out: Output, path: string | undefined, text: string): Promise<void> {
  if (path) await writeText(path, text);
  else out.stdout(text.endsWith('\n') ? text : `${text}\n`);
}
