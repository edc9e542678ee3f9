import { expect } from 'vitest';
import { validateRecord, type Decision } from '../../../src/lib/model';
import type { ParsedAdr } from '../../../src/lib/import/adr';

/** Words that only carry structure ("Good, because", "Chosen option:", metadata keys). */
const STRUCTURAL = new Set(
  [
    'good',
    'bad',
    'because',
    'neutral',
    'pro',
    'pros',
    'con',
    'cons',
    'chosen',
    'option',
    'options',
    'status',
    'date',
    'deciders',
    'decision',
    'makers',
    'consulted',
    'informed',
    'trade',
    'off',
  ].map((w) => w.toLowerCase()),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STRUCTURAL.has(w));
}

/** All text a parsed ADR keeps, in any field or extra section. */
export function parsedText(p: ParsedAdr): string {
  return [
    p.title,
    p.status,
    p.date,
    ...p.deciders,
    ...p.stakeholders,
    p.context,
    ...p.drivers,
    ...p.options.flatMap((o) => [o.title, o.description, ...o.pros, ...o.cons]),
    p.rationale,
    ...p.consequences.positive,
    ...p.consequences.negative,
    ...p.consequences.tradeOffs,
    p.implementationPlan,
    p.results.outcome,
    p.results.date,
    ...p.extraSections.flatMap((s) => [s.heading, s.body]),
  ].join('\n');
}

/**
 * Lines of the input with a word that no field or extra section holds. Headings (outside code)
 * and the title line are structure and are skipped; structural words are ignored.
 */
export function lostLines(input: string, parsed: ParsedAdr): string[] {
  const kept = new Set(words(parsedText(parsed)));
  const lost: string[] = [];
  let fence = false;
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  // Front matter is YAML, not Markdown: no fences in it.
  const frontMatterEnd = lines[0] === '---' ? lines.findIndex((l, i) => i > 0 && l === '---') : -1;
  for (const [i, line] of lines.entries()) {
    if (i > frontMatterEnd && /^\s*(```|~~~)/.test(line)) fence = !fence;
    if (!fence && /^\s{0,3}#{1,6}\s/.test(line)) continue;
    // List markers ("1.") are structure; an option label inside a group ("  * 3: …" under
    // "B) …") is kept combined, as "B3".
    const content = line.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '').replace(/^[A-Za-z]?\d+[).:]\s/, '');
    const missing = words(content).filter((w) => !kept.has(w));
    if (missing.length) lost.push(`${line}  ← missing: ${missing.join(', ')}`);
  }
  return lost;
}

export function expectValid(d: Decision): void {
  const result = validateRecord('decisions', d);
  expect(result.ok ? [] : result.issues, `${d.sourceFile} validates`).toEqual([]);
}
