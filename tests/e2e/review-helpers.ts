// What a user sees and does in the Review view, for review.e2e.ts.
import type { Locator, Page } from 'playwright-core';

/** Open the Review tab of the case study shown and wait for its findings. */
export async function openReview(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Case study views' })
    .getByRole('link', { name: 'Review' })
    .click();
  await page.getByRole('heading', { name: /^Findings/ }).waitFor();
}

/** Back to the diagram from another view. */
export async function openDiagram(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Case study views' })
    .getByRole('link', { name: 'Diagram' })
    .click();
  await page.locator('.svelte-flow').waitFor();
}

/** A severity group of active findings: "Must fix", "Should fix" or "Consider". */
export const group = (page: Page, severity: string): Locator =>
  page.getByRole('region', { name: new RegExp(`^${severity}\\b`) });

/** A finding (active or dismissed) by its title. */
export function finding(scope: Page | Locator, title: string | RegExp): Locator {
  // The inner locator of `has` is matched inside each list item, so it starts from the page.
  const page = 'mouse' in scope ? scope : scope.page();
  return scope.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
}

/** The section of dismissed findings (a disclosure). */
export const dismissedSection = (page: Page): Locator => page.locator('details.dismissed-section');

/** The element with the keyboard focus: its accessible name as the test sees it. */
export function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const byFor = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    const wrapping = el.closest('label');
    const text = (byFor ?? wrapping)?.textContent ?? el.textContent ?? '';
    return text.replace(/\s+/g, ' ').trim();
  });
}
