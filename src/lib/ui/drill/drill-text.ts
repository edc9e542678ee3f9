/** The failure modes table as Markdown (the same escaping as the case-study export). */
import type { FailureModeRow } from '../../drill';
import { cell, table } from '../../export/md';

export function failureModesMarkdown(rows: readonly FailureModeRow[]): string {
  return table(
    ['Component', 'Failure', 'Impact', 'Mitigation in place', 'Gap'],
    rows.map((r) =>
      [r.component, r.failure, r.impact, r.mitigation || '—', r.gap || '—'].map((t) => cell(t)),
    ),
  );
}
