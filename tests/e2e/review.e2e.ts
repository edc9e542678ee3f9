// The Review view: findings that follow the diagram, dismissals that survive a reload, links
// that land on the thing to fix, and a score that explains itself.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newApp } from './harness';
import { connect, edges, newCaseStudy, node, nodes } from './app';
import { dismissedSection, finding, focusedLabel, group, openDiagram, openReview } from './review-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NO_DLQ = /Queue has no dead-letter target or retry/;

/** A new case study with Queue → Worker drawn from the palette. */
async function queueAndWorker(page: Page): Promise<void> {
  await newCaseStudy(page);
  await page.getByRole('button', { name: 'Add Queue' }).click();
  await page.getByRole('button', { name: 'Add Worker' }).click();
  await expect.poll(() => nodes(page).count()).toBe(2);
  await connect(page, node(page, 'Queue'), node(page, 'Worker'));
  await expect.poll(() => edges(page).count()).toBe(1);
}

test('a queue without a dead letter queue is a must-fix finding, and adding one clears it', async () => {
  const { page } = await newApp(browser);
  await queueAndWorker(page);

  await openReview(page);
  const item = finding(group(page, 'Must fix'), NO_DLQ);
  await item.waitFor();
  expect(await item.textContent()).toContain('reviewers look for retries');
  // The score explains itself: technical depth says what would earn its missing points.
  await page.getByRole('button', { name: /^Technical depth/ }).click();
  await page.getByText(/Give Queue a dead-letter target or a retry policy/).waitFor();
  const meter = page.getByRole('meter', { name: 'Technical depth' });
  expect(await meter.getAttribute('aria-valuemax')).toBe('30');

  // Back on the diagram: a dead letter queue fed by the worker (a failure path by default).
  await openDiagram(page);
  await page.getByRole('button', { name: 'Add Dead letter queue' }).click();
  await expect.poll(() => nodes(page).count()).toBe(3);
  await connect(page, node(page, 'Worker'), node(page, 'Dead letter queue'));
  await expect.poll(() => edges(page).count()).toBe(2);

  await openReview(page);
  await expect.poll(() => page.getByRole('heading', { name: NO_DLQ }).count()).toBe(0);
});

test('a dismissed finding keeps its reason across a reload and can be restored', async () => {
  const { page } = await newApp(browser);
  await newCaseStudy(page);
  await openReview(page);
  const title = /The case study lists no non-goals/;
  const item = finding(group(page, 'Should fix'), title);
  await item.waitFor();

  await item.getByRole('button', { name: /^Dismiss/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill('Scope is set by the interview brief');
  await dialog.getByRole('button', { name: 'Dismiss finding' }).click();
  await expect
    .poll(() => page.locator('.findings > .group').getByRole('heading', { name: title }).count())
    .toBe(0);
  // Focus stays in the list rather than falling back to the page.
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');

  await page.reload();
  await page.getByRole('heading', { name: /^Findings/ }).waitFor();
  const summary = dismissedSection(page).locator('summary');
  expect((await summary.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Dismissed 1');
  expect(await page.locator('.findings > .group').getByRole('heading', { name: title }).count()).toBe(0);
  await summary.click();
  const dismissed = finding(dismissedSection(page), title);
  expect(await dismissed.textContent()).toContain('Scope is set by the interview brief');
  expect(await dismissed.textContent()).toContain('Should fix');

  await dismissed.getByRole('button', { name: /^Restore/ }).click();
  await finding(group(page, 'Should fix'), title).waitFor();
  expect(await dismissedSection(page).count()).toBe(0);
  // Stored without the dismissal: still active after another reload.
  await page.reload();
  await finding(group(page, 'Should fix'), title).waitFor();
});

test("a finding's link lands on the field to fix: inspector, decision editor, document", async () => {
  const { page } = await newApp(browser);
  await queueAndWorker(page);
  await openReview(page);

  // A component without a technology: selected on its diagram, Technology field focused.
  await finding(page, /Worker has no technology/)
    .getByRole('link', { name: 'Go to Worker' })
    .click();
  await expect.poll(() => focusedLabel(page)).toBe('Technology');
  expect(page.url()).toMatch(/#\/cs\/[^/]+\/d\//);
  expect(await node(page, 'Worker').getAttribute('class')).toContain('selected');
  await page.keyboard.type('Go worker');
  await page.keyboard.press('Enter');

  // A queue with no dead-letter target: the inspector's Dead-letter target policy.
  await openReview(page);
  await expect.poll(() => page.getByRole('heading', { name: /Worker has no technology/ }).count()).toBe(0);
  await finding(page, NO_DLQ).getByRole('link', { name: 'Go to Queue' }).click();
  await expect.poll(() => focusedLabel(page)).toBe('Dead-letter target');
  expect(await node(page, 'Queue').getAttribute('class')).toContain('selected');

  // A decision with no rationale: the decision opens with its Rationale field focused.
  await page
    .getByRole('navigation', { name: 'Case study views' })
    .getByRole('link', { name: /Decisions/ })
    .click();
  await page.getByRole('button', { name: 'New decision' }).first().click();
  const decisionTitle = page.getByRole('textbox', { name: 'Decision title' });
  await decisionTitle.fill('SQS over Kafka');
  await decisionTitle.press('Enter');
  const decisionUrl = page.url();
  await openReview(page);
  await finding(page, /TDR-001 "SQS over Kafka" has no rationale/)
    .getByRole('link', { name: 'Go to TDR-001 "SQS over Kafka"' })
    .click();
  await expect.poll(() => focusedLabel(page)).toBe('Rationale');
  expect(page.url()).toBe(decisionUrl);

  // Too few options: the Add option button of that decision.
  await openReview(page);
  await finding(page, /TDR-001 "SQS over Kafka" (lists no options|weighs only one option)/)
    .getByRole('link')
    .click();
  await expect.poll(() => focusedLabel(page)).toBe('Add option');

  // No non-goals: the Document view's Add non-goal button.
  await openReview(page);
  await finding(page, /The case study lists no non-goals/)
    .getByRole('link', { name: 'Go to Non-goals' })
    .click();
  await expect.poll(() => focusedLabel(page)).toBe('Add non-goal');
  expect(page.url()).toMatch(/\/document$/);
});
