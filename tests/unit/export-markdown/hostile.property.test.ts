/**
 * Hostile user text: pipes, line breaks, `#`, `<script>`, backticks, fences, list and quote
 * markers, entities and Mustache braces in every field. Whatever the user types, every
 * exported document keeps its structure: tables keep their width, headings stay non-empty
 * and unique, and no raw HTML appears (except the `<br>` the exporter writes in cells).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS, type CaseStudyBundle } from '../../../src/lib/model';
import { exportAdrs } from '../../../src/lib/export/adr';
import { exportCaseStudy } from '../../../src/lib/export/markdown';
import { checkMarkdown } from './check';
import { richBundle, stubRenderers } from './fixture';

const templates = TEMPLATE_IDS.map((id) => ({
  id,
  text: readFileSync(`templates/case-study/${id}.md`, 'utf8'),
}));

const FRAGMENTS = [
  '|',
  '\\|',
  '\n',
  '\r\n',
  '\n\n',
  '#',
  '# ',
  '## ',
  '<script>alert(1)</script>',
  '<b>',
  '</div>',
  '<!--',
  '-->',
  '<br>',
  '`',
  '``',
  '```',
  '~~~',
  '*',
  '_',
  '**',
  '[x](javascript:alert(1))',
  '![i](x)',
  '\\',
  '&amp;',
  '&#60;',
  '---',
  '===',
  '- ',
  '* ',
  '1. ',
  '> ',
  '    ',
  '\t',
  '{{title}}',
  '{{{',
  '}}',
  '"',
  "'",
  ':',
  ' #',
  '<https://a.b>',
  'text',
  'Ünïcödé',
  ' ',
  '|---|',
  '| a | b |',
];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

/** Put `next()` into every text field that is shown inline or in a table cell. */
function poisonInline(b: CaseStudyBundle, next: () => string): void {
  const cs = b.caseStudy;
  Object.assign(cs, { title: next(), oneLiner: next(), role: next(), duration: next(), teamSize: next() });
  cs.technologies = [next(), next()];
  cs.links = [{ label: next(), url: next() }];
  cs.goals = cs.goals.map((g) => ({ ...g, text: next() }));
  cs.nonGoals = cs.nonGoals.map((g) => ({ ...g, text: next(), why: next() }));
  for (const d of b.diagrams) d.name = next();
  for (const c of b.components)
    Object.assign(c, { label: next(), technology: next(), why: next(), alternatives: next() });
  for (const c of b.boundaries) c.label = next();
  for (const c of b.connections) c.label = next();
  for (const f of b.flows) {
    f.name = next();
    for (const s of f.steps) Object.assign(s, { message: next(), failureNote: next() });
  }
  for (const m of b.metrics)
    Object.assign(m, { name: next(), unit: next(), period: next(), howMeasured: next() });
  for (const t of b.tables) {
    t.title = next();
    for (const c of t.columns) c.name = next();
    for (const r of t.rows) for (const k of Object.keys(r.cells)) r.cells[k] = next();
    for (const c of t.matrix?.criteria ?? []) c.name = next();
  }
  for (const d of b.decisions) {
    Object.assign(d, { title: next(), date: next(), sourceFile: next() });
    d.deciders = [next()];
    d.stakeholders = [next()];
    d.drivers = [next(), next()];
    d.consequences = { positive: [next()], negative: [next()], tradeOffs: [next()] };
    for (const o of d.options) Object.assign(o, { title: next(), pros: [next()], cons: [next(), next()] });
    d.extraSections = [{ heading: next(), body: 'Notes.' }];
  }
}

/** Put `next()` into every field the user writes Markdown in. */
function poisonBlocks(b: CaseStudyBundle, next: () => string): void {
  const sections = b.caseStudy.sections;
  for (const key of Object.keys(sections) as (keyof typeof sections)[]) sections[key] = next();
  for (const d of b.decisions) {
    Object.assign(d, { context: next(), rationale: next(), implementationPlan: next() });
    d.results = { outcome: next(), date: '' };
    for (const o of d.options) o.description = next();
    d.extraSections = [{ heading: 'Notes', body: next() }];
  }
}

function documents(b: CaseStudyBundle): { name: string; text: string }[] {
  return [
    ...templates.map((t) => ({
      name: t.id,
      text: exportCaseStudy(b, t.text, { ...stubRenderers, adrDir: 'adr/' }).text,
    })),
    ...exportAdrs(b),
  ];
}

function cycle(values: string[]): () => string {
  let i = 0;
  return () => values[i++ % values.length] ?? '';
}

describe('hostile text', () => {
  it('in titles, labels and cells never breaks tables or headings, nor produces raw HTML', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 60 }), (values) => {
        const b = richBundle();
        poisonInline(b, cycle(values));
        for (const doc of documents(b)) {
          const report = checkMarkdown(doc.text);
          expect(report.problems, `${doc.name}:\n${doc.text}`).toEqual([]);
          expect(report.mermaid.length, doc.name).toBe(doc.name.endsWith('.md') ? 0 : 5);
        }
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it('in Markdown fields never produces raw HTML or headings of its own', () => {
    const plain = richBundle();
    poisonBlocks(plain, () => 'Plain text.');
    const expected = new Map(documents(plain).map((d) => [d.name, checkMarkdown(d.text).headings]));
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 40 }), (values) => {
        const b = richBundle();
        poisonBlocks(b, cycle(values));
        for (const doc of documents(b)) {
          const report = checkMarkdown(doc.text);
          // The user's own Markdown tables may be ragged; everything else must hold.
          const problems = report.problems.filter((p) => !p.startsWith('table row'));
          expect(problems, `${doc.name}:\n${doc.text}`).toEqual([]);
          // Only the document's own headings (a section may be gone when its text is blank).
          const own = expected.get(doc.name) ?? [];
          for (const h of report.headings) expect(own, `${doc.name}:\n${doc.text}`).toContainEqual(h);
        }
      }),
      { numRuns: 40 },
    );
  }, 30_000);
});
