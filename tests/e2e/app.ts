// What a user sees and does on the canvas, shared by the end-to-end journeys.
import type { Locator, Page } from 'playwright-core';

/** Every node (component or boundary) on the canvas. */
export const nodes = (page: Page) => page.locator('.svelte-flow__node');
/** Every connection on the canvas. */
export const edges = (page: Page) => page.locator('.svelte-flow__edge');
/** A node by its accessible name, e.g. "Orders API (Service)" or "Database". */
export const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

/** From the home page: create a case study and wait for its (empty) canvas. */
export async function newCaseStudy(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New case study' }).first().click();
  await page.getByRole('textbox', { name: 'Case study title' }).waitFor();
  await page.locator('.svelte-flow').waitFor();
}

/** Drag from one node's right handle to another node's left handle (handles show on hover). */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.hover();
  const a = await from.locator('.svelte-flow__handle-right').boundingBox();
  const b = await to.locator('.svelte-flow__handle-left').boundingBox();
  if (!a || !b) throw new Error('handles not found');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** From the home page: a new case study from the starter template whose title matches. */
export async function fromTemplate(page: Page, title: RegExp): Promise<void> {
  await page.getByText('New from template').click();
  await page.getByRole('button', { name: title }).click();
  await page.locator('.svelte-flow__node').first().waitFor();
}

/** Open the case study's Export menu and return one of its items. */
export async function exportItem(page: Page, name: string): Promise<Locator> {
  await page.getByText('Export', { exact: true }).click();
  return page.getByRole('group', { name: 'Export' }).getByRole('button', { name, exact: true });
}

/** Shift-drags a selection box over the canvas, `inset` px inside its edges. */
export async function shiftDragBox(page: Page, inset: number): Promise<void> {
  const box = (await page.locator('.svelte-flow').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + inset, box.y + inset);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width - inset, box.y + box.height - inset, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

/** Zooms out with the Zoom Out button to the shapes-only level (`.lod-min`). */
export async function zoomOutToShapes(page: Page, settleMs = 300): Promise<void> {
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 8; i++) await zoomOut.click();
  await page.locator('.lod-min').waitFor();
  await page.waitForTimeout(settleMs);
}
