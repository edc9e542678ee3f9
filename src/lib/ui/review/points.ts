/** Small text helpers for the Review view (pure). */

/**
 * A score line split into its text and the points at its end:
 * "Every component names its technology (6/6)" → { text: "Every component …", points: "6/6" };
 * "Name the technology of Worker (+1)" → { …, points: "+1" }.
 */
export function splitPoints(line: string): { text: string; points: string | null } {
  const m = /^(.*?)\s*\((\+\d+|\d+\/\d+)\)$/s.exec(line);
  return m ? { text: m[1] ?? line, points: m[2] ?? null } : { text: line, points: null };
}

/** 0…100, for a meter's width. */
export function percent(points: number, max: number): number {
  if (!(max > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((points / max) * 100)));
}

/** "3 May 2025, 14:05", for a dismissal's tooltip. */
export function fullDate(t: number): string {
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
