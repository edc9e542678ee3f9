/**
 * Golden files: exported text compared byte for byte with `__golden__/<name>.golden`
 * (the `.golden` suffix keeps Prettier off them). Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/export-markdown`, then read the
 * diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

export function expectGolden(name: string, actual: string): void {
  const file = join(DIR, `${name}.golden`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden file ${file}; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
