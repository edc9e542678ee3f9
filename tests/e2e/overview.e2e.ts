// Zoomed far out (shapes only), a pan shows the nodes as one drawn layer and brings the real
// nodes back when it ends: same sizes, still selectable.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';
import { fromTemplate, nodes, shiftDragBox, zoomOutToShapes } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** How the page shows the nodes right now. */
function state(page: Page) {
  return page.evaluate(() => {
    const layer = document.querySelector('.overview-nodes');
    const bodies = [...document.querySelectorAll('.overview-nodes path')]
      .filter((p) => p.classList.contains('body'))
      .reduce((sum, p) => sum + (p.getAttribute('d')?.match(/M/g)?.length ?? 0), 0);
    const sizes = [...document.querySelectorAll<HTMLElement>('.svelte-flow__node-component')].map(
      (n) => `${n.dataset.id}:${n.offsetWidth}x${n.offsetHeight}`,
    );
    return {
      moving: document.querySelector('.pane')?.classList.contains('moving') ?? false,
      layerShown: (layer?.querySelectorAll('path').length ?? 0) > 0,
      nodesSkipped:
        getComputedStyle(document.querySelector('.svelte-flow__nodes')!).contentVisibility === 'hidden',
      bodies,
      sizes: sizes.sort(),
      // A pan only translates: the viewport is its own compositing layer meanwhile.
      layered: getComputedStyle(document.querySelector('.svelte-flow__viewport')!).willChange === 'transform',
      dots: document.querySelectorAll('.svelte-flow__viewport .canvas-dots').length,
    };
  });
}

test('a pan zoomed far out draws the nodes as one layer, and the real nodes come back after it', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Order processing/);
  const components = await page.locator('.svelte-flow__node-component').count();
  expect(components).toBeGreaterThan(4);
  // The dots are drawn inside the viewport (they pan with the diagram).
  expect((await state(page)).dots).toBe(1);

  await zoomOutToShapes(page, 400);

  const atRest = await state(page);
  expect(atRest.layerShown).toBe(false);
  expect(atRest.nodesSkipped).toBe(false);
  expect(atRest.layered).toBe(false);
  // No background dots a few pixels apart at this zoom.
  expect(atRest.dots).toBe(0);

  // Press on the empty pane (top right, away from the diagram, minimap and controls) and move.
  const box = (await page.locator('.svelte-flow').boundingBox())!;
  const start = { x: box.x + box.width - 80, y: box.y + 60 };
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.className, start)).toMatch(
    /svelte-flow__pane/,
  );
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(start.x - i * 15, start.y + i * 5);
  await page.waitForTimeout(100);

  const panning = await state(page);
  expect(panning.moving).toBe(true);
  expect(panning.layerShown).toBe(true);
  expect(panning.nodesSkipped).toBe(true);
  expect(panning.layered).toBe(true);
  // One body per component node.
  expect(panning.bodies).toBe(components);
  await screenshot(page, 'overview-panning');

  await page.mouse.up();
  await page.waitForTimeout(200);
  const after = await state(page);
  expect(after.moving).toBe(false);
  expect(after.layerShown).toBe(false);
  expect(after.nodesSkipped).toBe(false);
  expect(after.layered).toBe(false);
  // Nothing was re-measured to a different size while the nodes were skipped.
  expect(after.sizes).toEqual(atRest.sizes);

  // The real nodes take clicks again: one selects a component (Delete then removes it).
  const first = nodes(page)
    .filter({ has: page.locator('.node') })
    .first();
  await first.click();
  expect(await first.getAttribute('class')).toMatch(/selected/);
  // Selected, it is drawn with its ring during the next pan.
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 4; i++) await page.mouse.move(start.x - i * 10, start.y);
  await page.waitForTimeout(100);
  expect(await page.locator('.overview-nodes path.ring').count()).toBe(1);
  await page.mouse.up();

  // A node with keyboard focus keeps it while the view moves (its elements are not skipped then).
  await first.focus();
  await page.mouse.move(start.x, start.y);
  await page.mouse.wheel(0, 40);
  await page.waitForTimeout(30);
  const zooming = await state(page);
  expect(zooming.moving).toBe(true);
  expect(zooming.nodesSkipped).toBe(false);
  expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
});

/** Screen point halfway along a connection the overview layer draws, over the empty pane. */
function overviewEdgeMidpoint(page: Page) {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.svelte-flow__viewport')!;
    const m = new DOMMatrix(getComputedStyle(viewport).transform);
    const pane = document.querySelector('.svelte-flow')!.getBoundingClientRect();
    const n = String.raw`(-?[\d.]+(?:e-?\d+)?)`;
    const segment = new RegExp(`M${n},${n} C${n},${n} ${n},${n} ${n},${n}`, 'g');
    for (const path of document.querySelectorAll('.overview-edges path')) {
      for (const match of (path.getAttribute('d') ?? '').matchAll(segment)) {
        const [x0, y0, x1, y1, x2, y2, x3, y3] = match.slice(1).map(Number) as number[];
        // The cubic at t = 0.5, on screen.
        const x = pane.left + m.e + ((x0! + 3 * x1! + 3 * x2! + x3!) / 8) * m.a;
        const y = pane.top + m.f + ((y0! + 3 * y1! + 3 * y2! + y3!) / 8) * m.d;
        if (document.elementFromPoint(x, y)?.classList.contains('svelte-flow__pane')) return { x, y };
      }
    }
    return null;
  });
}

test('zoomed far out the overview layer draws every connection and takes clicks; zooming in hands them back to Svelte Flow', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Order processing/);
  const connections = await page.locator('.svelte-flow__edge').count();
  expect(connections).toBeGreaterThan(3);

  await zoomOutToShapes(page);
  // Svelte Flow renders no edges at this level; the overview layer draws all of them.
  expect(await page.locator('.svelte-flow__edge').count()).toBe(0);
  expect(await page.locator('.overview-edges').getAttribute('data-connections')).toBe(String(connections));

  // A click near a drawn connection selects it (the inspector shows it)…
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const at = await overviewEdgeMidpoint(page);
  expect(at).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  await inspector.getByRole('heading', { name: 'Connection' }).waitFor();
  expect(await page.locator('.overview-edges path.selected').count()).toBe(1);

  // …and a click on the empty pane clears it, though Svelte Flow does not have the edge.
  const box = (await page.locator('.svelte-flow').boundingBox())!;
  await page.mouse.click(box.x + box.width - 80, box.y + 60);
  await inspector.getByText('Select a component, boundary or connection').waitFor();
  expect(await page.locator('.overview-edges path.selected').count()).toBe(0);

  // Zooming back in hands every connection back to Svelte Flow, and the layer goes.
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 8; i++) await zoomIn.click();
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('.svelte-flow__edge').length === n &&
      !document.querySelector('.overview-edges'),
    connections,
  );
});

test('zoomed far out a selection box also selects the connections of the components in it', async () => {
  const { page } = await newApp(browser);
  await fromTemplate(page, /Order processing/);
  const connections = await page.locator('.svelte-flow__edge').count();
  const components = await page.locator('.svelte-flow__node').count();
  expect(connections).toBeGreaterThan(3);

  await zoomOutToShapes(page);
  expect(await page.locator('.svelte-flow__edge').count()).toBe(0);

  // Shift-drag a box around the whole (now tiny) diagram.
  await shiftDragBox(page, 20);

  // Every connection is selected too, though Svelte Flow does not have them at this level.
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByText(`${components + connections} items selected`).waitFor();
  // (The layer draws connections of one look together: every path is a selected one.)
  expect(await page.locator('.overview-edges path.selected').count()).toBeGreaterThan(0);
  expect(await page.locator('.overview-edges path:not(.selected)').count()).toBe(0);

  // And they are still selected when zooming in hands them back to Svelte Flow.
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 8; i++) await zoomIn.click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('.svelte-flow__edge.selected').length === n,
    connections,
  );
});
