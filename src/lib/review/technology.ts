/**
 * Matching technology names between the case study's technologies list and components.
 *
 * Case-insensitive and version-insensitive: a name is split into words (on spaces and
 * / , + & | ; ( )), version-like words are dropped ("15", "20.x", "v3.2", "latest", "lts"),
 * and two names match when the shorter word list appears, in order and contiguously, in the
 * longer one. So "PostgreSQL" matches "PostgreSQL 15", "SQS" matches "Amazon SQS" and
 * "Spring" matches "Java/Spring", but "SQL" does not match "PostgreSQL" and "Go" does not
 * match "Google Cloud".
 */

const SEPARATORS = /[\s/,+&|;()[\]]+/;
const VERSION = /^(v?\d[\w.-]*|latest|lts|stable)$/i;
const EDGE_PUNCTUATION = /^[.:!?'"`]+|[.:!?'"`]+$/g;

/** The words of a technology name that identify it (lower case, versions dropped). */
export function technologyWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(SEPARATORS)
    .map((w) => w.replace(EDGE_PUNCTUATION, ''))
    .filter((w) => w !== '' && !VERSION.test(w));
}

/** A technology name for grouping and keys: "PostgreSQL 15" → "postgresql" ('' for none). */
export function normaliseTechnology(text: string): string {
  return technologyWords(text).join(' ');
}

function containsRun(long: readonly string[], short: readonly string[]): boolean {
  for (let i = 0; i + short.length <= long.length; i += 1) {
    if (short.every((w, j) => long[i + j] === w)) return true;
  }
  return false;
}

/** Whether two technology names name the same thing (see the module comment). */
export function technologiesMatch(a: string, b: string): boolean {
  const wa = technologyWords(a);
  const wb = technologyWords(b);
  if (wa.length === 0 || wb.length === 0) return false;
  return wa.length >= wb.length ? containsRun(wa, wb) : containsRun(wb, wa);
}
