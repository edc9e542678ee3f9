/**
 * Dismissed findings. A dismissal is stored on the case study (`CaseStudy.reviewDismissals`,
 * optional, so older rows and backups need no migration) against the finding's stable key.
 * A dismissal whose finding no longer fires is kept but inactive: if the finding comes
 * back (undo, re-import), it is dismissed again. Keys hold record ids, so re-keying a
 * bundle (duplicate, import) re-keys its dismissals too (`rekeyDismissals`, called by
 * `rekeyBundle`).
 */
import type { ReviewDismissal } from '../model';
import type { Finding } from './types';

export type { ReviewDismissal } from '../model';
export { findingKey, parseFindingKey, rekeyDismissals, rekeyFindingKey } from '../model';

/** Longer reasons are cut (the reason is a short note, shown beside the finding). */
export const MAX_DISMISSAL_REASON = 280;

export interface DismissedFinding {
  finding: Finding;
  dismissal: ReviewDismissal;
}

export interface AppliedDismissals {
  /** Findings still to act on, in their order. */
  active: Finding[];
  /** Dismissed findings, in the findings' order. */
  dismissed: DismissedFinding[];
  /** Dismissals whose finding does not fire now (kept, not shown). */
  inactive: ReviewDismissal[];
}

/** Split findings into active and dismissed. With several dismissals for one key, the last wins. */
export function applyDismissals(
  findings: readonly Finding[],
  dismissals: readonly ReviewDismissal[] = [],
): AppliedDismissals {
  const byKey = new Map<string, ReviewDismissal>();
  for (const d of dismissals) byKey.set(d.key, d);
  const active: Finding[] = [];
  const dismissed: DismissedFinding[] = [];
  const firing = new Set<string>();
  for (const finding of findings) {
    firing.add(finding.key);
    const dismissal = byKey.get(finding.key);
    if (dismissal) dismissed.push({ finding, dismissal });
    else active.push(finding);
  }
  const inactive = [...byKey.values()].filter((d) => !firing.has(d.key));
  return { active, dismissed, inactive };
}

/** The dismissals with `key` dismissed for `reason` (replacing an earlier dismissal of it). */
export function dismissFinding(
  dismissals: readonly ReviewDismissal[],
  key: string,
  reason: string,
  at: number,
): ReviewDismissal[] {
  const text = reason.replace(/\s+/g, ' ').trim().slice(0, MAX_DISMISSAL_REASON);
  return [...dismissals.filter((d) => d.key !== key), { key, reason: text, at }];
}

/** The dismissals without `key` (the finding is active again). */
export function restoreFinding(dismissals: readonly ReviewDismissal[], key: string): ReviewDismissal[] {
  return dismissals.filter((d) => d.key !== key);
}
