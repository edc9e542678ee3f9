#!/usr/bin/env node
// The `faultline` command. The CLI is written in TypeScript next to the app's pure modules
// (src/lib/…) and shares them; Node 20 cannot run TypeScript itself, so this launcher loads
// src/cli/main.ts through Vite's SSR module loader (Vite is already the project's build tool).
// Nothing is built beforehand, so a checkout runs `npx faultline …` right after `npm ci`.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let server;
try {
  // A Vite dev server in middleware mode (no port, no file watching) whose SSR loader runs
  // the TypeScript; it stays open while the command runs, so modules loaded on demand
  // (Mermaid, elkjs) load too.
  const { createServer } = await import('vite');
  server = await createServer({
    root,
    configFile: false,
    envFile: false,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const { main } = await server.ssrLoadModule(join(root, 'src', 'cli', 'main.ts'));
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `faultline: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 70;
} finally {
  await server?.close();
}
