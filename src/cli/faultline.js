#!/usr/bin/env node
// The `faultline` command. The CLI is written in TypeScript next to the app's pure modules
// (src/lib/…) and shares them; Node 20 cannot run TypeScript itself, so this launcher loads
// src/cli/main.ts through Vite's module runner (Vite is already the project's build tool).
// Nothing is built beforehand, so a checkout runs `npx faultline …` right after `npm ci`.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

try {
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(join(root, 'src', 'cli', 'main.ts'), {
    root,
    configFile: false,
    logLevel: 'silent',
    envFile: false,
  });
  process.exitCode = await module.main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `faultline: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 70;
}
