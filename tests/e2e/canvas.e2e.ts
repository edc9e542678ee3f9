// Editing like a real editor: boundaries, multi-select, clipboard, undo/redo, auto-layout, templates.
import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';
import { connect, edges, newCaseStudy, node, nodes } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const mod = 'Control';

/** Drag an element by (dx, dy) with the mouse, from a point inside it. */
async function dragBy(
  page: Page,
  target: Locator,
  dx: number,
  dy: number,
  at = { x: 20, y: 12 },
): Promise<void> {
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await page.mouse.down();
  await page.mouse.move(box.x + at.x + dx / 2, box.y + at.y + dy / 2, { steps: 6 });
  await page.mouse.move(box.x + at.x + dx, box.y + at.y + dy, { steps: 6 });
  await page.mouse.up();
}

async function transforms(page: Page): Promise<Record<string, string>> {
  return page
    .locator('.svelte-flow__node')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [el.getAttribute('aria-label') ?? '', (el as HTMLElement).style.transform]),
      ),
    );
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const b = (await locator.boundingBox())!;
  return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
}

test('a component dropped into a boundary moves with it, and leaves it when dragged out', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Availability zone' }).click();
  const zone = node(page, 'Availability zone (Availability zone)');
  await zone.waitFor();
  const zoneBox = (await zone.boundingBox())!;
  await page.getByRole('button', { name: 'Add Service' }).dragTo(page.locator('.svelte-flow__pane'), {
    targetPosition: {
      x: zoneBox.x + zoneBox.width / 2 - (await page.locator('.svelte-flow__pane').boundingBox())!.x,
      y: zoneBox.y + zoneBox.height / 2 - (await page.locator('.svelte-flow__pane').boundingBox())!.y,
    },
  });
  const service = node(page, 'Service');
  await service.waitFor();

  const before = await center(service);
  await dragBy(page, zone.locator('.title'), 120, 60);
  const after = await center(service);
  // It moved with its boundary (within the drag threshold's few pixels).
  expect(Math.abs(after.x - before.x - 120)).toBeLessThan(20);
  expect(Math.abs(after.y - before.y - 60)).toBeLessThan(20);

  // Dragged out onto the empty canvas, it no longer follows the boundary.
  await dragBy(page, service, 0, 400);
  const outside = await center(service);
  await dragBy(page, zone.locator('.title'), -100, 0);
  expect(Math.abs((await center(service)).x - outside.x)).toBeLessThan(3);

  // And it stays out after a reload.
  await page.reload();
  await service.waitFor();
  await screenshot(page, 'canvas-boundary');
});

test('deleting a boundary asks whether to keep what is inside', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Region' }).click();
  await page.getByRole('button', { name: 'Add Cache' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);
  // The cache was added at the centre, inside the region.
  await node(page, 'Region (Region)').locator('.title').click();
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Keep contents' }).click();
  await expect.poll(() => nodes(page).count()).toBe(1);
  await node(page, 'Cache').waitFor();

  await page.keyboard.press(`${mod}+z`);
  await expect.poll(() => nodes(page).count()).toBe(2);
  await node(page, 'Region (Region)').locator('.title').click();
  await page.keyboard.press('Delete');
  await dialog.getByRole('button', { name: 'Delete contents too' }).click();
  await expect.poll(() => nodes(page).count()).toBe(0);
});

test('shift-click selects several components and Delete removes them together', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  for (const kind of ['Service', 'Worker', 'Queue'])
    await page.getByRole('button', { name: `Add ${kind}` }).click();
  await expect.poll(() => nodes(page).count()).toBe(3);
  await node(page, 'Service').click();
  await node(page, 'Queue').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Delete');
  await expect.poll(() => nodes(page).count()).toBe(1);
  await node(page, 'Worker').waitFor();
  // One undo brings both back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => nodes(page).count()).toBe(3);
});

test('copy and paste keep connections among the pasted items, with new ids', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Database' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);
  await connect(page, node(page, 'Service'), node(page, 'Database'));
  await expect.poll(() => edges(page).count()).toBe(1);

  await node(page, 'Service').click();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  await expect.poll(() => nodes(page).count()).toBe(4);
  await expect.poll(() => edges(page).count()).toBe(2);
  const ids = await nodes(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
  expect(new Set(ids).size).toBe(4);

  // Duplicate (Ctrl/Cmd+D) works on the current selection (the pasted pair).
  await page.keyboard.press(`${mod}+d`);
  await expect.poll(() => nodes(page).count()).toBe(6);
  await expect.poll(() => edges(page).count()).toBe(3);
  await page.reload();
  await expect.poll(() => nodes(page).count()).toBe(6);
  expect(await edges(page).count()).toBe(3);
});

test('undo and redo walk back and forth through adds, renames, moves and connections', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Service' }).click();
  await page.getByRole('button', { name: 'Add Database' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);

  await node(page, 'Service').dblclick();
  const input = page.getByRole('textbox', { name: 'Component label' });
  await input.fill('Orders API');
  await input.press('Enter');
  await node(page, 'Orders API (Service)').waitFor();

  const placed = await transforms(page);
  await dragBy(page, node(page, 'Database'), 250, -80);
  await expect.poll(async () => (await transforms(page))['Database']).not.toBe(placed['Database']);
  await connect(page, node(page, 'Orders API (Service)'), node(page, 'Database'));
  await expect.poll(() => edges(page).count()).toBe(1);

  await page.locator('.svelte-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press(`${mod}+z`); // connection
  await expect.poll(() => edges(page).count()).toBe(0);
  await page.keyboard.press(`${mod}+z`); // move
  await expect.poll(async () => (await transforms(page))['Database']).toBe(placed['Database']);
  await page.keyboard.press(`${mod}+z`); // rename
  await node(page, 'Service').waitFor();
  await page.keyboard.press(`${mod}+z`); // add database
  await expect.poll(() => nodes(page).count()).toBe(1);

  await page.keyboard.press(`${mod}+Shift+z`);
  await expect.poll(() => nodes(page).count()).toBe(2);
  await page.keyboard.press(`${mod}+y`);
  await node(page, 'Orders API (Service)').waitFor();
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => edges(page).count()).toBe(1);

  // The undone-and-redone state is what was saved.
  await page.reload();
  await node(page, 'Orders API (Service)').waitFor();
  expect(await edges(page).count()).toBe(1);
});

test('arrow keys nudge the selection and snap to grid is remembered', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Service' }).click();
  await node(page, 'Service').click();
  const before = await center(node(page, 'Service'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await center(node(page, 'Service'))).x).toBeGreaterThan(before.x + 5);
  const snap = page.getByRole('button', { name: 'Snap to grid' });
  expect(await snap.getAttribute('aria-pressed')).toBe('false');
  await snap.click();
  await page.reload();
  expect(await page.getByRole('button', { name: 'Snap to grid' }).getAttribute('aria-pressed')).toBe('true');
});

test('Arrange lays the diagram out in a worker, as one undo step, and the layout survives a reload', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  for (const kind of ['Client', 'Load balancer', 'Service', 'Database']) {
    await page.getByRole('button', { name: `Add ${kind}` }).click();
  }
  await expect.poll(() => nodes(page).count()).toBe(4);
  await connect(page, node(page, 'Client'), node(page, 'Load balancer'));
  await connect(page, node(page, 'Load balancer'), node(page, 'Service'));
  await connect(page, node(page, 'Service'), node(page, 'Database'));
  await expect.poll(() => edges(page).count()).toBe(3);
  const stacked = await transforms(page);

  await page.getByRole('button', { name: 'Arrange' }).click();
  await page.getByRole('button', { name: 'Arrange' }).and(page.locator(':not([disabled])')).waitFor();
  await expect.poll(async () => JSON.stringify(await transforms(page))).not.toBe(JSON.stringify(stacked));
  // Left to right: each component is to the right of the one before it.
  const xs = await Promise.all(
    ['Client', 'Load balancer', 'Service', 'Database'].map(async (n) => (await center(node(page, n))).x),
  );
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  const arranged = await transforms(page);
  await screenshot(page, 'canvas-arranged');

  // The whole layout is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => await transforms(page)).toEqual(stacked);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => await transforms(page)).toEqual(arranged);

  await page.reload();
  await node(page, 'Database').waitFor();
  expect(await transforms(page)).toEqual(arranged);
});

const templateDir = new URL('../../templates/diagrams/', import.meta.url);
const templateFiles = readdirSync(templateDir).filter((f) => f.endsWith('.json'));

test.each(templateFiles)(
  'a new case study from the template %s shows its diagram with failure paths',
  async (file) => {
    const backup = JSON.parse(readFileSync(new URL(file, templateDir), 'utf8'));
    const firstDiagram = [...backup.diagrams].sort(
      (a: { order: number }, b: { order: number }) => a.order - b.order,
    )[0];
    const expectedNodes =
      backup.components.filter((c: { diagramId: string }) => c.diagramId === firstDiagram.id).length +
      backup.boundaries.filter((b: { diagramId: string }) => b.diagramId === firstDiagram.id).length;

    const { page } = await newApp(browser);
    await page.getByText('New from template').click();
    await page.getByRole('button', { name: backup.caseStudy.title }).click();
    await page.locator('.svelte-flow').waitFor();
    await expect.poll(() => nodes(page).count()).toBe(expectedNodes);
    expect(await page.locator('.svelte-flow__edge-path.failure').count()).toBeGreaterThan(0);
    expect(await page.getByRole('textbox', { name: 'Case study title' }).inputValue()).toBe(
      backup.caseStudy.title,
    );
    await screenshot(page, `template-${file.replace('.json', '')}`);
  },
);
