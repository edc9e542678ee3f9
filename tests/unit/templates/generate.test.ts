/**
 * Regenerates the starter diagram templates. Skipped unless asked for:
 *
 *   GENERATE_TEMPLATES=1 npx vitest run --project unit tests/unit/templates/generate.test.ts
 *
 * Writes `templates/diagrams/*.json` from templates/diagrams/generate.ts, formatted with the
 * repository's Prettier config so `prettier --check` stays clean. Review the diff, then commit.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildTemplateFiles } from '../../../templates/diagrams/generate';

const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/diagrams/', import.meta.url));

describe.skipIf(process.env.GENERATE_TEMPLATES !== '1')('generate starter diagram templates', () => {
  test('writes every template file', async () => {
    const prettier = await import('prettier');
    const files = buildTemplateFiles();
    for (const { file, text } of files) {
      const path = `${TEMPLATE_DIR}${file}`;
      const options = (await prettier.resolveConfig(path)) ?? {};
      writeFileSync(path, await prettier.format(text, { ...options, filepath: path }));
    }
    expect(files.length).toBeGreaterThan(0);
  });
});
