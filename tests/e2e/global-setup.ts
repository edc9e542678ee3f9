// Serves the built app (dist/) with `vite preview` on 127.0.0.1 and a free port for the
// e2e project, hands its URL to the tests as `inject('baseURL')`, and stops it afterwards.
// `npm run test:e2e` builds first; run `vite build` yourself before `vitest --project e2e`.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the preview server, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
    baseURL: string;
  }
}

/** Asks the OS for a port nobody listens on (bind to port 0, read it, release it). */
function freePort(): Promise<number> {
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

/** Polls `url` until it answers 200, or throws after `timeoutMs`. */
async function waitForOk(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`preview server at ${url} did not answer 200 within ${timeoutMs} ms (${last})`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = project.config.root;
  // FAULTLINE_DIST lets parallel work serve its own build (`vite build --outDir …`).
  const outDir = process.env.FAULTLINE_DIST ?? join(root, 'dist');
  if (!existsSync(join(outDir, 'index.html'))) {
    throw new Error(`No built app in ${outDir}: run \`npm run test:e2e\` (it runs \`vite build\` first).`);
  }

  const port = await freePort();
  let server: PreviewServer;
  try {
    server = await preview({
      root,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port, strictPort: true, open: false },
    });
  } catch (error) {
    throw new Error(`could not start vite preview on 127.0.0.1:${port}: ${String(error)}`, { cause: error });
  }

  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${baseURL}/`);
  } catch (error) {
    await server.close();
    throw error;
  }
  project.provide('baseURL', baseURL);

  return async () => {
    await server.close();
  };
}
