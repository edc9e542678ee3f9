import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * tests/corpus/ is a verbatim copy of the workplace's shared corpus (../shared/corpus), so a
 * clean checkout can run the import tests on its own. When the shared folder is present, the
 * copy must not have drifted from it.
 */
const here = join(import.meta.dirname, '..', 'corpus');
const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .flatMap((name) =>
      statSync(join(dir, name)).isDirectory()
        ? files(join(dir, name), `${prefix}${name}/`)
        : [`${prefix}${name}`],
    )
    .sort();
}

describe('test corpus', () => {
  it('has the three folders the import tests read', () => {
    const list = files(here);
    expect(list.filter((f) => f.startsWith('mermaid-docs/') && f.endsWith('.mmd')).length).toBeGreaterThan(
      100,
    );
    expect(list.filter((f) => f.startsWith('mermaid-real/') && f.endsWith('.mmd')).length).toBeGreaterThan(
      30,
    );
    expect(
      list.filter((f) => f.startsWith('adr/') && f.endsWith('.md') && f !== 'adr/SOURCES.md').length,
    ).toBe(20);
  });

  it.runIf(existsSync(shared))('is identical to the shared corpus', () => {
    expect(files(here)).toEqual(files(shared));
    for (const f of files(shared))
      expect(readFileSync(join(here, f), 'utf8'), f).toBe(readFileSync(join(shared, f), 'utf8'));
  });
});
