/** Building the bench pages and serving them and the built app on 127.0.0.1. */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, preview, type PreviewServer } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PAGES_DIR = join(REPO_ROOT, 'bench', 'pages');

/** Asks the OS for a port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(root: string, outDir: string): Promise<Served> {
  const port = await freePort();
  const server: PreviewServer = await preview({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/**
 * `vite preview` of the built app (dist/, built by `npm run bench` before this runs; BENCH_DIST
 * names another build, e.g. an older one to compare with).
 */
export async function serveApp(): Promise<Served> {
  const dist = process.env.BENCH_DIST ?? join(REPO_ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('No built app in dist/: run `npm run bench` (it runs `vite build` first).');
  }
  return serve(REPO_ROOT, dist);
}

/**
 * Builds bench/pages (bare.html: bare Svelte Flow with the same nodes and edges) into `outDir`
 * with Vite's JS API and the Svelte plugin, and serves it.
 */
export async function buildAndServePages(outDir: string): Promise<Served> {
  await build({
    configFile: false,
    root: PAGES_DIR,
    logLevel: 'warn',
    plugins: [svelte({ configFile: join(REPO_ROOT, 'svelte.config.js') })],
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 5000,
      rolldownOptions: {
        input: { bare: join(PAGES_DIR, 'bare.html') },
        // The build runs beside the bench's own work; its timing report would only be noise.
        checks: { bundlerTimings: false },
      },
    },
  });
  return serve(PAGES_DIR, outDir);
}
