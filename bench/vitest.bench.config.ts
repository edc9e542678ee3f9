// Vitest config of `npm run bench` (bench/run.ts): one long "test" that measures and prints
// figures; it fails only when the bench itself cannot run, never because of a figure.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: [process.env.BENCH_FILE ?? 'bench/run.ts'],
    environment: 'node',
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
    // The table goes straight to the terminal, not through Vitest's per-test log capture.
    disableConsoleIntercept: true,
    reporters: ['dot'],
    fileParallelism: false,
  },
});
