// Importing: a Mermaid flowchart (pasted, or a .mmd file dropped on the window) becomes an
// arranged, editable diagram after a mapping review; ADR Markdown files become decisions, with
// links to the components they name.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp, screenshot } from './harness';
import { newCaseStudy, node, nodes } from './app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CHECKOUT = `---
title: Checkout
---
flowchart LR
  user([Customer]) --> web[Web app]
  subgraph core [Checkout service]
    api[Orders API] --> db[(Orders DB)]
    api --> cache[Redis cache]
  end
  web -->|POST /checkout| api
  api -.->|order.created| worker[Email worker]
`;

const mermaidDialog = (page: Page) => page.getByRole('dialog', { name: 'Import a Mermaid flowchart' });
const adrDialog = (page: Page) =>
  page.getByRole('dialog', { name: /Import decision records|Link decisions/ });

async function openMermaidImport(page: Page): Promise<void> {
  await page.getByText('Import', { exact: true }).click();
  await page
    .getByRole('group', { name: 'Import' })
    .getByRole('button', { name: /Mermaid flowchart/ })
    .click();
  await mermaidDialog(page).waitFor();
}

async function readFlowchart(page: Page, text: string): Promise<void> {
  await mermaidDialog(page).getByRole('textbox', { name: 'Mermaid flowchart' }).fill(text);
  await mermaidDialog(page).getByRole('button', { name: 'Read flowchart' }).click();
}

const selectedLabel = (page: Page, name: string) =>
  mermaidDialog(page)
    .getByRole('combobox', { name, exact: true })
    .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');

test('a pasted Mermaid flowchart is reviewed, imported as an arranged diagram and edited', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await openMermaidImport(page);
  await readFlowchart(page, CHECKOUT);

  // The mapping review: shapes and product names give the kinds.
  const dialog = mermaidDialog(page);
  await dialog.getByRole('heading', { name: 'Review the mapping' }).waitFor();
  expect(await selectedLabel(page, 'Kind of Orders DB')).toBe('Database');
  expect(await selectedLabel(page, 'Kind of Redis cache')).toBe('Cache');
  expect(await dialog.getByRole('textbox', { name: 'Technology of Redis cache' }).inputValue()).toBe('Redis');
  expect(await selectedLabel(page, 'Kind of boundary Checkout service')).toBe('Bounded context');
  expect(await dialog.getByRole('textbox', { name: 'Diagram name' }).inputValue()).toBe('Checkout');
  await dialog.getByText(/5 connections: 4 sync, 1 async/).waitFor();
  await dialog
    .getByRole('combobox', { name: 'Kind of Email worker' })
    .selectOption({ label: 'Serverless function' });
  await dialog.getByText('Your choice').waitFor();
  await screenshot(page, 'import-mapping-review');

  await dialog.getByRole('button', { name: 'Import diagram' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Imported diagram “Checkout” (6 components, 5 connections)').waitFor();

  // The new diagram is the active tab, laid out, with every label on screen.
  const tab = page.getByRole('tab', { name: /Checkout/ });
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
  await expect.poll(() => nodes(page).count()).toBe(7);
  for (const name of [
    'Customer (Client)',
    'Web app (Client)',
    'Orders API (Service)',
    'Orders DB (Database)',
    'Redis cache (Cache)',
    'Email worker (Serverless function)',
  ])
    await node(page, name).waitFor();
  const boxes = await nodes(page).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), w: r.width, h: r.height };
    }),
  );
  expect(new Set(boxes.map((b) => `${b.x},${b.y}`)).size).toBe(boxes.length);
  expect(boxes.every((b) => b.w > 0 && b.h > 0)).toBe(true);
  const transforms = await nodes(page).evaluateAll((els) =>
    els.map((el) => (el as HTMLElement).style.transform),
  );
  expect(transforms.some((t) => !/translate\(0px,\s*0px\)/.test(t))).toBe(true);
  await page.waitForTimeout(300);
  await screenshot(page, 'import-diagram');

  // Editable: rename a node; it persists across a reload.
  await node(page, 'Orders API (Service)').dblclick();
  const label = page.getByRole('textbox', { name: 'Component label' });
  await label.fill('Checkout API');
  await label.press('Enter');
  await node(page, 'Checkout API (Service)').waitFor();
  await page.reload();
  await node(page, 'Checkout API (Service)').waitFor();
  await expect
    .poll(() => page.getByRole('tab', { name: /Checkout/ }).getAttribute('aria-selected'))
    .toBe('true');
});

test('text Mermaid rejects shows its error and line; a sequence diagram is refused', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await openMermaidImport(page);
  const dialog = mermaidDialog(page);

  await readFlowchart(page, 'flowchart TD\n  a[Start] --> b\n  b --> c[Oops\n  c --> d');
  const alert = dialog.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/Line \d+/);
  expect(await alert.textContent()).toMatch(/Parse error|Expecting|Lexical/);
  await alert.getByRole('button', { name: /Show line/ }).click();
  expect(
    await dialog.getByRole('textbox', { name: 'Mermaid flowchart' }).evaluate((el) => {
      const t = el as HTMLTextAreaElement;
      return t.selectionEnd > t.selectionStart;
    }),
  ).toBe(true);

  await readFlowchart(page, 'sequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Alice: Hi');
  await expect
    .poll(() => dialog.getByRole('alert').textContent())
    .toMatch(/Only Mermaid flowcharts \(flowchart or graph\) import as diagrams; this is a sequence diagram/);
  expect(await dialog.getByRole('heading', { name: 'Review the mapping' }).count()).toBe(0);

  // Escape closes the dialog and nothing was added.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await page.getByRole('tab').count()).toBe(1);
});

const ADR = `# Use PostgreSQL for Orders DB

* Status: accepted
* Date: 2024-03-01

## Context and Problem Statement

Orders need transactions across order lines and payments.

## Considered Options

* PostgreSQL
* MongoDB

## Decision Outcome

Chosen option: "PostgreSQL", because it gives ACID transactions.
`;

const INDEX = `# Architecture decisions

* [Use PostgreSQL for Orders DB](0001-use-postgresql.md)
`;

test('an ADR file becomes a decision, linked to the component it names', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Database' }).click();
  await node(page, 'Database').dblclick();
  await page.getByRole('textbox', { name: 'Component label' }).fill('Orders DB');
  await page.keyboard.press('Enter');
  await node(page, 'Orders DB (Database)').waitFor();

  await page.getByText('Import', { exact: true }).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page
      .getByRole('group', { name: 'Import' })
      .getByRole('button', { name: /Decision records/ })
      .click(),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([
    { name: '0001-use-postgresql.md', mimeType: 'text/markdown', buffer: Buffer.from(ADR) },
    { name: 'README.md', mimeType: 'text/markdown', buffer: Buffer.from(INDEX) },
  ]);
  const dialog = adrDialog(page);
  const table = dialog.getByRole('table', { name: 'Decisions to import' });
  await table.getByRole('rowheader', { name: 'Use PostgreSQL for Orders DB' }).waitFor();
  const row = await table.getByRole('row').nth(1).textContent();
  expect(row).toContain('TDR-001');
  expect(row).toContain('accepted');
  expect(row).toContain('0001-use-postgresql.md');
  await dialog.getByText('Skipped (not decision records): README.md').waitFor();
  await dialog.getByRole('button', { name: 'Import 1 decision' }).click();

  // Link suggestions: the decision's title names the component.
  await page.getByRole('dialog', { name: 'Link decisions to components' }).waitFor();
  const suggestion = dialog.getByRole('checkbox', { name: 'Link TDR-001 to Orders DB' });
  expect(await suggestion.isChecked()).toBe(true);
  await dialog.getByText('title names "Orders DB"').waitFor();
  await screenshot(page, 'import-adr-links');
  await dialog.getByRole('button', { name: 'Link selected' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Imported 1 decision, linked 1 component').waitFor();
  await page.getByRole('button', { name: '1 decision about Orders DB' }).waitFor();

  await page.getByRole('button', { name: 'Open Decisions' }).click();
  const log = page.getByRole('region', { name: 'Decision log' });
  const listed = log.getByRole('row').filter({ hasText: 'TDR-001' });
  await listed.waitFor();
  expect(await listed.textContent()).toContain('Use PostgreSQL for Orders DB');
  expect(await listed.textContent()).toMatch(/accepted/i);

  await page.reload();
  await log.getByRole('row').filter({ hasText: 'Use PostgreSQL for Orders DB' }).waitFor();
});

/** Dispatch a drag of files (or of something else) over the page, then optionally drop it. */
async function dragOver(
  page: Page,
  file: { name: string; text: string } | null,
  drop: boolean,
): Promise<void> {
  await page.evaluate(
    ({ file, drop }) => {
      const data = new DataTransfer();
      if (file) data.items.add(new File([file.text], file.name, { type: 'text/plain' }));
      else data.setData('application/x-faultline-palette', 'component:service');
      const target = document.querySelector('.svelte-flow__pane') ?? document.body;
      const fire = (type: string) =>
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      fire('dragenter');
      fire('dragover');
      if (drop) fire('drop');
    },
    { file, drop },
  );
}

test('dropping a .mmd file on the window opens the Mermaid import with its flowchart read', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);

  // A drag that is not files (the palette's own) shows no drop hint.
  await dragOver(page, null, false);
  expect(await page.getByText('Drop to import').count()).toBe(0);

  await dragOver(page, { name: 'checkout.mmd', text: CHECKOUT }, false);
  await page.getByText('Drop to import').waitFor();
  await dragOver(page, { name: 'checkout.mmd', text: CHECKOUT }, true);
  expect(await page.getByText('Drop to import').count()).toBe(0);

  const dialog = mermaidDialog(page);
  await dialog.getByRole('heading', { name: 'Review the mapping' }).waitFor();
  expect(await selectedLabel(page, 'Kind of Orders DB')).toBe('Database');
  await dialog.getByRole('button', { name: 'Import diagram' }).click();
  await dialog.waitFor({ state: 'detached' });
  await node(page, 'Orders DB (Database)').waitFor();
  await expect
    .poll(() => page.getByRole('tab', { name: /Checkout/ }).getAttribute('aria-selected'))
    .toBe('true');
});
