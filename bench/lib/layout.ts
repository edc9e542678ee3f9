/**
 * Auto-layout timing through the app's own layout module (`layoutDiagram`: ELK in a module
 * worker), on the bench's layout page (bench/pages/layout.*), which shows the rows on a Svelte
 * Flow canvas with the app's node and edge components and applies the result to it.
 *
 * When the app has an "Arrange" button, this is the one place to change: import the backup
 * through the UI (app.ts), open the case study, then time the click on "Arrange" until the
 * nodes have moved, watching long tasks with the same observer the layout page uses.
 */
import type { Browser } from 'playwright-core';
import { newBenchContext } from './app';
import { openCanvas } from './canvas';
import type { SeededDiagram } from './generate';
import type { LayoutRun, LayoutWindow } from '../pages/layout-api';

export interface LayoutFigures extends LayoutRun {
  /** Starting the worker and loading elkjs (a 3-node layout), before the measured run. */
  warmUpMs: number;
  /** The canvas with the seeded rows, until complete (for reference). */
  canvasOpenMs: number;
  /** The same layout again on the laid-out diagram, with ELK's code already compiled. */
  secondMs: number;
}

export async function measureLayout(
  browser: Browser,
  pagesUrl: string,
  seeded: SeededDiagram,
): Promise<LayoutFigures> {
  const context = await newBenchContext(browser, {
    nodes: seeded.components + seeded.boundaries,
    edges: seeded.connections,
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/bench-layout.json', (route) => route.fulfill({ json: seeded.rows }));
    const canvasOpenMs = await openCanvas(page, `${pagesUrl}/layout.html`);
    const warmUpMs = await page.evaluate(() => {
      const api = (window as LayoutWindow).__layoutBench;
      if (!api) throw new Error('layout bench page did not start');
      return api.warmUp();
    });
    const run = await page.evaluate(() => (window as LayoutWindow).__layoutBench!.run());
    const second = await page.evaluate(() => (window as LayoutWindow).__layoutBench!.run());
    if (errors.length) throw new Error(`layout page errors: ${errors.join('; ')}`);
    return { ...run, warmUpMs, canvasOpenMs, secondMs: second.ms };
  } finally {
    await context.close();
  }
}
