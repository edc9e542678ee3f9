/** Dismissal list helpers for the Review view (pure). */
import type { ReviewDismissal } from '../../review';

/** Same dismissals, in the same order (what was written has been read back). */
export function sameDismissals(a: readonly ReviewDismissal[], b: readonly ReviewDismissal[]): boolean {
  return (
    a.length === b.length &&
    a.every((d, i) => d.key === b[i]?.key && d.reason === b[i]?.reason && d.at === b[i]?.at)
  );
}
