// Zoomed in on a big diagram only the nodes near the view are rendered, the set stays the same
// during a short pan, follows a long one, and fit view still sees every node.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDiagram } from '../../bench/lib/generate';
import { serializeBackup } from '../../src/lib/model/backup';
import { launchBrowser, newApp, screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const rendered = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.svelte-flow__node')].map((n) => n.dataset.id ?? '').sort(),
  );

const renderedLabels = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.svelte-flow__node-component .label')].map((l) => l.textContent ?? ''),
  );

const viewport = (page: Page) =>
  page.evaluate(() => {
    const m = new DOMMatrix(getComputedStyle(document.querySelector('.svelte-flow__viewport')!).transform);
    const pane = document.querySelector('.svelte-flow')!.getBoundingClientRect();
    return {
      x: m.e,
      y: m.f,
      zoom: m.a,
      left: pane.left,
      top: pane.top,
      width: pane.width,
      height: pane.height,
    };
  });

/** Drags the empty pane by (dx, dy) from a point near its top left. */
async function pan(page: Page, dx: number, dy: number) {
  const v = await viewport(page);
  const start = await page.evaluate(
    ({ left, top, width, height }) => {
      for (let y = top + 30; y < top + height - 30; y += 10) {
        for (let x = left + 30; x < left + width - 30; x += 10) {
          if (document.elementFromPoint(x, y)?.classList.contains('svelte-flow__pane')) return { x, y };
        }
      }
      return null;
    },
    {
      left: v.left + Math.max(0, -dx),
      top: v.top + Math.max(0, -dy),
      width: v.width - Math.abs(dx),
      height: v.height - Math.abs(dy),
    },
  );
  expect(start).not.toBeNull();
  await page.mouse.move(start!.x, start!.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(start!.x + (dx * i) / 10, start!.y + (dy * i) / 10);
  await page.mouse.up();
  await page.waitForTimeout(200);
}

test('zoomed in on a 400-component diagram, only the nodes near the view are rendered', async () => {
  const d = generateDiagram(400);
  const dir = await mkdtemp(join(tmpdir(), 'faultline-'));
  const path = join(dir, 'big.json');
  await writeFile(path, serializeBackup(d.bundle, new Date(Date.UTC(2024, 4, 7, 10))));
  const total = d.components + d.boundaries;

  // Absolute positions of the components, from the file (sizes are about 180 × 64).
  const byId = new Map([...d.rows.components, ...d.rows.boundaries].map((n) => [n.id, n]));
  const abs = (id: string): { x: number; y: number } => {
    const n = byId.get(id)!;
    const p = n.parentId ? abs(n.parentId) : { x: 0, y: 0 };
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  // The import gives the records new ids: components are told apart by their (unique) labels.
  expect(new Set(d.rows.components.map((c) => c.label)).size).toBe(d.components);
  /** Labels of the components whose whole box is well inside the view now: they must be rendered. */
  const mustShow = async () => {
    const v = await viewport(page);
    return d.rows.components
      .filter((c) => {
        const a = abs(c.id);
        const x = a.x * v.zoom + v.x;
        const y = a.y * v.zoom + v.y;
        return x > 40 && y > 40 && x + 180 * v.zoom < v.width - 40 && y + 64 * v.zoom < v.height - 40;
      })
      .map((c) => c.label);
  };

  const { page } = await newApp(browser);
  await page.getByLabel('Backup file to import').setInputFiles(path);
  await page.getByRole('link', { name: d.title, exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.svelte-flow__node').length === n, total);
  // Opened to fit: zoomed out, every node is rendered (level of detail does the work there).
  expect((await viewport(page)).zoom).toBeLessThan(0.45);

  // Zoom to 1 around the middle of the pane.
  const v0 = await viewport(page);
  await page.mouse.move(v0.left + v0.width / 2, v0.top + v0.height / 2);
  for (let i = 0; i < 4; i++) {
    const z = (await viewport(page)).zoom;
    if (Math.abs(z - 1) < 0.01) break;
    await page.mouse.wheel(0, 500 * Math.log2(z));
    await page.waitForTimeout(300);
  }
  expect((await viewport(page)).zoom).toBeCloseTo(1, 1);
  const atOne = await rendered(page);
  expect(atOne.length).toBeGreaterThan(0);
  expect(atOne.length).toBeLessThan(total / 2);
  for (const label of await mustShow()) expect(await renderedLabels(page)).toContain(label);

  // A short pan stays inside the margin: the same nodes, none mounted or unmounted.
  await pan(page, 80, 40);
  expect(await rendered(page)).toEqual(atOne);

  // A long pan leaves it: the nodes now in view are rendered.
  for (let i = 0; i < 3; i++) await pan(page, -500, -300);
  const after = await rendered(page);
  expect(after).not.toEqual(atOne);
  const shown = await mustShow();
  expect(shown.length).toBeGreaterThan(0);
  const labels = await renderedLabels(page);
  for (const label of shown) expect(labels).toContain(label);
  await screenshot(page, 'culling-after-long-pan');

  // A component dragged across the view stays rendered, at its new place, and so do the others.
  const dragged = page.locator('.svelte-flow__node-component').filter({ hasText: shown[0]! });
  const before = (await dragged.boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(before.x + before.width / 2 + i * 15, before.y + before.height / 2 + i * 5);
  await page.mouse.up();
  await page.waitForTimeout(200);
  const moved = (await dragged.boundingBox())!;
  expect(moved.x - before.x).toBeGreaterThan(100);
  const afterDrag = await renderedLabels(page);
  for (const label of shown) expect(afterDrag).toContain(label);

  // Fit view sees every node, rendered or not.
  await page.getByRole('button', { name: 'Fit View', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.svelte-flow__node').length === n, total);
  expect((await viewport(page)).zoom).toBeLessThan(0.45);
});
