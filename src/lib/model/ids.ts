/**
 * Globally unique, type-prefixed ids (`cmp_3f9k…`). Never auto-increment keys, so a
 * later sync engine (Dexie Cloud, Yjs) needs no re-keying.
 */

export const ID_PREFIXES = {
  caseStudy: 'cs',
  diagram: 'dgm',
  component: 'cmp',
  boundary: 'bnd',
  connection: 'con',
  decision: 'dec',
  option: 'opt',
  table: 'tbl',
  column: 'col',
  row: 'row',
  criterion: 'crit',
  metric: 'met',
  flow: 'flw',
  step: 'stp',
  goal: 'goal',
  nonGoal: 'ngl',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 16 random base-36 characters (~82 bits) after the prefix. */
export function newId(kind: IdKind): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 36];
  return `${ID_PREFIXES[kind]}_${out}`;
}

/** The id kind a prefixed id claims to be, or null. */
export function idKindOf(id: string): IdKind | null {
  const prefix = id.split('_', 1)[0];
  for (const [kind, p] of Object.entries(ID_PREFIXES)) {
    if (p === prefix && id.length > prefix.length + 1) return kind as IdKind;
  }
  return null;
}
