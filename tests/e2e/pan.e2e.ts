// A mouse drag on the empty pane pans the view (drawn by mouse-pan.ts, not d3-zoom): Svelte
// Flow knows the new view afterwards (zooming keeps it, a reload restores it), a plain click
// still clears the selection, and the dots pan with the diagram.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newApp, screenshot } from './harness';
import { fromTemplate, shiftDragBox } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const VIEWPORT = '.svelte-flow__viewport';

async function viewport(page: Page) {
  const transform = await page.locator(VIEWPORT).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(transform);
  if (!m) throw new Error(`unexpected viewport transform: ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** A point on the empty pane, away from the diagram, the minimap and the controls. */
async function emptySpot(page: Page) {
  const box = (await page.locator('.svelte-flow').boundingBox())!;
  for (let y = box.y + 40; y < box.y + box.height - 180; y += 10) {
    for (let x = box.x + box.width - 60; x > box.x + 60; x -= 10) {
      const onPane = await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('svelte-flow__pane') ?? false,
        { x, y },
      );
      if (onPane) return { x, y };
    }
  }
  throw new Error('no empty spot on the pane');
}

test('a mouse drag on the pane pans the view, and Svelte Flow keeps the panned view afterwards', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Order processing/);
  const before = await viewport(page);
  const dotsBefore = await page.locator('.canvas-dots').evaluate((el) => (el as HTMLElement).style.left);

  const mask = page.locator('.svelte-flow__minimap .mask');
  const maskBefore = await mask.evaluate((el) => (el as HTMLElement).style.transform);
  const from = await emptySpot(page);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x - 12 * i, from.y + 5 * i);
  // While the button is held the pan is drawn (the pane's "moving" class is on), and the
  // minimap's visible area follows it.
  expect(await page.locator('.pane.moving').count()).toBe(1);
  await page.waitForFunction(
    (before) =>
      (document.querySelector('.svelte-flow__minimap .mask') as HTMLElement).style.transform !== before,
    maskBefore,
  );
  await page.mouse.up();

  const after = await viewport(page);
  expect(after.x - before.x).toBeCloseTo(-120, 0);
  expect(after.y - before.y).toBeCloseTo(50, 0);
  expect(after.zoom).toBe(before.zoom);
  await page.waitForFunction(() => !document.querySelector('.pane.moving'));
  // The dots are drawn in flow coordinates inside the viewport: a short pan does not redraw them.
  expect(await page.locator('.canvas-dots').evaluate((el) => (el as HTMLElement).style.left)).toBe(
    dotsBefore,
  );
  await screenshot(page, 'pan-after-mouse-drag');

  // Zoom In zooms around the centre of the panned view: Svelte Flow (and d3-zoom) know it.
  const box = (await page.locator('.svelte-flow').boundingBox())!;
  const centre = (v: { x: number; y: number; zoom: number }) => ({
    x: (box.width / 2 - v.x) / v.zoom,
    y: (box.height / 2 - v.y) / v.zoom,
  });
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.waitForFunction(
    ({ sel, zoom }) =>
      !(document.querySelector(sel) as HTMLElement).style.transform.endsWith(`scale(${zoom})`),
    { sel: VIEWPORT, zoom: after.zoom },
  );
  await page.waitForTimeout(400);
  const zoomed = await viewport(page);
  expect(zoomed.zoom).toBeGreaterThan(after.zoom);
  expect(centre(zoomed).x).toBeCloseTo(centre(after).x, 0);
  expect(centre(zoomed).y).toBeCloseTo(centre(after).y, 0);

  // Zoomed in further, the dots are drawn as shapes (still inside the viewport).
  for (let i = 0; i < 4 && (await viewport(page)).zoom < 0.75; i++) {
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.waitForTimeout(300);
  }
  expect((await viewport(page)).zoom).toBeGreaterThanOrEqual(0.75);
  expect(await page.locator('.svelte-flow__viewport .canvas-dots path').count()).toBeGreaterThan(0);
  const zoomedIn = await viewport(page);

  // The panned (and zoomed) view is saved: a reload opens at it.
  await page.waitForTimeout(600);
  await page.reload();
  await page.locator(VIEWPORT).waitFor();
  await page.waitForTimeout(300);
  const reloaded = await viewport(page);
  expect(reloaded.x).toBeCloseTo(zoomedIn.x, 0);
  expect(reloaded.y).toBeCloseTo(zoomedIn.y, 0);
  expect(reloaded.zoom).toBeCloseTo(zoomedIn.zoom, 3);
});

test('a click on the pane without moving still clears the selection, and Shift-drag still draws a selection box', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Order processing/);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const node = page.locator('.svelte-flow__node-component').first();
  await node.click();
  await expect.poll(() => node.evaluate((el) => el.classList.contains('selected'))).toBe(true);

  const spot = await emptySpot(page);
  const before = await viewport(page);
  await page.mouse.click(spot.x, spot.y);
  await inspector.getByText('Select a component, boundary or connection').waitFor();
  expect(await viewport(page)).toEqual(before);

  // Shift-drag across the diagram selects (and does not pan; away from the edges, where
  // Svelte Flow's selection box scrolls the view).
  await page.getByRole('button', { name: 'Fit View' }).first().click();
  await page.waitForTimeout(400);
  const fitted = await viewport(page);
  await shiftDragBox(page, 60);
  await inspector.getByText(/\d+ items selected/).waitFor();
  expect(await viewport(page)).toEqual(fitted);
});

/** What the pan layer looks like while the button is held (MADR 0015), and after release. */
async function panLayer(page: Page) {
  return page.evaluate(() => {
    const viewportEl = document.querySelector('.svelte-flow__viewport')!;
    const backdrop = document.querySelector<HTMLElement>('.canvas-backdrop');
    const pane = document.querySelector('.svelte-flow')!.getBoundingClientRect();
    const box = backdrop?.getBoundingClientRect();
    return {
      willChange: getComputedStyle(viewportEl).willChange,
      shown: backdrop ? getComputedStyle(backdrop).display !== 'none' : false,
      // Under everything else in the viewport's back layer (the dots, the overview edges).
      first: backdrop?.parentElement?.firstElementChild === backdrop,
      covers:
        !!box &&
        box.left <= pane.left &&
        box.top <= pane.top &&
        box.right >= pane.right &&
        box.bottom >= pane.bottom,
      colour: backdrop ? getComputedStyle(backdrop).backgroundColor : '',
      canvas: getComputedStyle(document.querySelector('.svelte-flow')!).backgroundColor,
    };
  });
}

test('during a mouse pan the viewport is its own layer over a backdrop of the canvas colour, in both themes', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Order processing/);
  for (const theme of ['light', 'dark']) {
    await page.getByRole('combobox', { name: 'Colour theme' }).selectOption(theme);
    const idle = await panLayer(page);
    expect(idle.willChange).toBe('auto');
    expect(idle.shown).toBe(false);

    const from = await emptySpot(page);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(from.x - 20 * i, from.y - 10 * i);
    await page.waitForFunction(() => document.querySelector('.pane.panning'));
    const held = await panLayer(page);
    await screenshot(page, `pan-held-${theme}`);
    await page.mouse.up();
    expect(held).toMatchObject({ willChange: 'transform', shown: true, first: true, covers: true });
    expect(held.colour).toBe(held.canvas);
    // The two themes' canvases differ, so the backdrop follows the theme.
    expect(held.canvas).not.toBe(theme === 'dark' ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');

    await page.waitForFunction(() => !document.querySelector('.pane.panning'));
    const released = await panLayer(page);
    expect(released.willChange).toBe('auto');
    expect(released.shown).toBe(false);
  }
});
