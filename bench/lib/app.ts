/** Driving our app (the built dist/ in Chromium) and the bare page for the canvas figures. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  dragNodeFor,
  fitView,
  median,
  openCanvas,
  panFor,
  paneBox,
  zoomAroundEmptySpot,
  type FrameStats,
} from './canvas';
import { installProbe, type ProbeExpectation } from './probe';
import type { BareData } from '../pages/bare-data';

export const VIEWPORT_SIZE = { width: 1400, height: 900 };

/** How long each measured gesture lasts and how many times the canvas is opened. */
export const TIMING = { panMs: 3000, dragMs: 2000, opens: 3 };

export async function newBenchContext(
  browser: Browser,
  expected: ProbeExpectation | null,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORT_SIZE,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(30_000);
  await context.addInitScript(installProbe, expected);
  return context;
}

/** Uncaught page errors, so a broken page shows up in the output instead of as odd figures. */
export function collectErrors(page: Page, into: string[], label: string): void {
  page.on('pageerror', (e) => into.push(`${label}: ${e.message}`));
}

/**
 * Imports a `faultline-backup` file through the home page's "Import backup" file input, as a
 * user would, and returns the case study's address (the import gives it new ids).
 */
export async function importThroughUi(
  page: Page,
  appUrl: string,
  file: string,
  title: string,
): Promise<string> {
  await page.goto(`${appUrl}/`);
  await page.getByLabel('Backup file to import').setInputFiles(file);
  const link = page.getByRole('link', { name: title, exact: true });
  await link.waitFor({ timeout: 120_000 });
  const href = await link.getAttribute('href');
  if (!href?.startsWith('#/cs/')) throw new Error(`unexpected case study link ${String(href)}`);
  return `${appUrl}/${href}`;
}

export interface OurCanvasFigures {
  openRunsMs: number[];
  openMs: number;
  fitZoom: number;
  overview: FrameStats;
  zoomedIn: FrameStats;
  zoomedInZoom: number;
  drag: FrameStats;
  pane: { width: number; height: number };
}

/** Open (several times), pan in the overview, pan at zoom 1, drag a node: in our app. */
export async function measureOurCanvas(page: Page, caseStudyUrl: string): Promise<OurCanvasFigures> {
  const openRunsMs: number[] = [];
  for (let i = 0; i < TIMING.opens; i++) openRunsMs.push(await openCanvas(page, caseStudyUrl));
  const box = await paneBox(page);

  const fitZoom = await fitView(page);
  const overview = await panFor(page, TIMING.panMs);

  const zoomedInZoom = await zoomAroundEmptySpot(page, 1);
  const zoomedIn = await panFor(page, TIMING.panMs);

  const drag = await dragNodeFor(page, '.svelte-flow__node-component', TIMING.dragMs);
  return {
    openRunsMs,
    openMs: median(openRunsMs),
    fitZoom,
    overview,
    zoomedIn,
    zoomedInZoom,
    drag,
    pane: { width: Math.round(box.width), height: Math.round(box.height) },
  };
}

export interface BareCanvasFigures {
  openMs: number;
  fitZoom: number;
  overview: FrameStats;
  zoomedIn: FrameStats;
}

/** The same pans on the bare Svelte Flow page, in a pane of the same size as ours. */
export async function measureBareCanvas(
  page: Page,
  pagesUrl: string,
  data: BareData,
  pane: { width: number; height: number },
): Promise<BareCanvasFigures> {
  await page.route('**/bench-data.json', (route) => route.fulfill({ json: data }));
  const openMs = await openCanvas(page, `${pagesUrl}/bare.html?w=${pane.width}&h=${pane.height}`);
  const fitZoom = await fitView(page);
  const overview = await panFor(page, TIMING.panMs);
  await zoomAroundEmptySpot(page, 1);
  const zoomedIn = await panFor(page, TIMING.panMs);
  return { openMs, fitZoom, overview, zoomedIn };
}
