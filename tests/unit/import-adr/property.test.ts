import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importAdrFiles, parseAdr } from '../../../src/lib/import/adr';
import { expectValid, lostLines } from './helpers';

/** Lines that look like pieces of ADRs, shuffled into odd documents. */
const FRAGMENTS = [
  '# 3. Use Kafka',
  '# ADR-7: Title',
  '## Status',
  '## Context and Problem Statement',
  '## Considered Options',
  '## Decision Outcome',
  '## Decision',
  '## Consequences',
  '### Positive Consequences',
  '## Pros and Cons of the Options',
  '### Kafka',
  '## More Information',
  '* Status: accepted',
  '**Status:** Superceded by [1. A](0001-a.md)',
  'Supersedes [2. B](0002-b.md)',
  'Date: 2020-02-30',
  '* Kafka',
  '* Good, because fast',
  '* Bad, because ops',
  '  * nested',
  'Chosen option: "Kafka", because',
  'Chosen option: "',
  'Pros:',
  '```',
  '---',
  'status: [',
  '',
  'Plain text with **bold** and [a link](x.md).',
  '1. first',
  '| a | b |',
  '<!-- comment -->',
  'Alpha beta gamma',
  '* Neutral, because delta',
  'Chosen option: "Zeta" because omega',
  'Chosen option: Kafka, because epsilon',
  '* A) Which broker?',
  '  * 1: Kafka',
  '**Use NATS.** Small and fast.',
  'Cons:',
  '### Alternatives',
  '## Alternatives Considered',
  'Technical Story: JIRA-1',
  'decision-makers: [Ana, Bo]',
  '## Links',
  '* Superseded by ADR-0003',
];

const document = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 40 })
  .map((lines) => lines.join('\n'));

describe('ADR import never breaks on odd input', () => {
  it('parses without an internal error and imports only valid decisions', () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 4 }), (texts) => {
        const files = texts.map((text, i) => ({ name: `000${i}-x.md`, text }));
        for (const f of files) expect(parseAdr(f.name, f.text).problem).not.toMatch(/^could not be read/);
        const r = importAdrFiles(files, { caseStudyId: 'cs_fuzz', existingDecisions: [] });
        expect(r.decisions.length + r.problems.length).toBe(files.length);
        for (const d of [...r.decisions, ...r.updated]) expectValid(d);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every word of the input (fields or extra sections)', () => {
    const fragments = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(fragments, (text) => {
        const p = parseAdr('x.md', text);
        if (p.problem === '') expect(lostLines(text, p)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
