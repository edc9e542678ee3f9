import { describe, expect, it } from 'vitest';
import { exportAdrs } from '../../../src/lib/export/adr';
import { importAdrFiles } from '../../../src/lib/import/adr';
import type { Decision, DecisionOption } from '../../../src/lib/model';
import { sampleBundle } from '../../fixtures/sample-bundle';
import { expectValid } from './helpers';

/** The fields the MADR export writes, with ids replaced by what they point at. */
function exported(d: Decision, all: readonly Decision[]) {
  const option = (o: DecisionOption) => ({
    title: o.title,
    description: o.description,
    pros: o.pros,
    cons: o.cons,
  });
  const title = (id: string | null) => (id === null ? null : (all.find((x) => x.id === id)?.title ?? '?'));
  return {
    title: d.title,
    status: d.status,
    date: d.date,
    deciders: d.deciders,
    stakeholders: d.stakeholders,
    context: d.context,
    drivers: d.drivers,
    options: d.options.map(option),
    chosen: d.options.find((o) => o.id === d.chosenOptionId)?.title ?? null,
    rationale: d.rationale,
    consequences: d.consequences,
    implementationPlan: d.implementationPlan,
    results: d.results,
    supersedes: title(d.supersedes),
    supersededBy: title(d.supersededBy),
  };
}

describe('Faultline ADR export → import', () => {
  it('reads every field the exporter writes back unchanged', () => {
    const bundle = sampleBundle();
    const files = exportAdrs(bundle);
    const r = importAdrFiles(files, { caseStudyId: bundle.caseStudy.id, existingDecisions: [] });
    expect(r.problems.map((p) => p.file)).toEqual(['README.md']);
    expect(r.notices).toEqual([]);
    const original = [...bundle.decisions].sort((a, b) => a.number - b.number);
    expect(r.decisions.map((d) => exported(d, r.decisions))).toEqual(
      original.map((d) => exported(d, bundle.decisions)),
    );
    for (const d of r.decisions) expectValid(d);
  });

  it('keeps the extra sections, the decision matrix and the governed components as text', () => {
    const bundle = sampleBundle();
    const r = importAdrFiles(exportAdrs(bundle), { caseStudyId: bundle.caseStudy.id, existingDecisions: [] });
    const second = r.decisions.find((d) => d.title === 'PostgreSQL over MongoDB for orders');
    expect(second?.extraSections.map((s) => s.heading)).toEqual(['Order store options', 'More Information']);
    const more = second?.extraSections[1]?.body ?? '';
    expect(more).toContain('See the RFC.');
    expect(more).toContain('* Governs components: Orders DB, Checkout service');
    expect(more).not.toContain('Supersedes');
    expect(second?.extraSections[0]?.body).toContain('| Consistency | 3 | 5 | 3 | 2 |');
  });

  it('a second round trip gives the same fields and keeps every extra line', () => {
    const bundle = sampleBundle();
    const once = importAdrFiles(exportAdrs(bundle), {
      caseStudyId: bundle.caseStudy.id,
      existingDecisions: [],
    });
    const again = importAdrFiles(exportAdrs({ ...bundle, decisions: once.decisions, tables: [] }), {
      caseStudyId: bundle.caseStudy.id,
      existingDecisions: [],
    });
    expect(again.decisions.map((d) => exported(d, again.decisions))).toEqual(
      once.decisions.map((d) => exported(d, once.decisions)),
    );
    once.decisions.forEach((d, i) => {
      const text = (again.decisions[i]?.extraSections ?? []).map((s) => `${s.heading}\n${s.body}`).join('\n');
      for (const s of d.extraSections) {
        expect(text).toContain(s.heading);
        for (const line of s.body.split('\n')) expect(text).toContain(line);
      }
    });
  });
});

describe('repeated export → import → export', () => {
  it('does not pile up the lines the exporter writes itself', () => {
    const bundle = sampleBundle();
    let decisions = bundle.decisions;
    for (let i = 0; i < 3; i++) {
      const files = exportAdrs({ ...bundle, decisions, tables: [] });
      const back = importAdrFiles(files, { caseStudyId: bundle.caseStudy.id, existingDecisions: [] });
      // Keep the original links, as a user accepting the suggested links would.
      decisions = back.decisions.map((d, n) => ({
        ...d,
        componentIds: bundle.decisions[n]?.componentIds ?? [],
      }));
    }
    const text = exportAdrs({ ...bundle, decisions, tables: [] })
      .map((f) => f.text)
      .join('\n');
    for (const line of text.split('\n').filter((l) => /^\* (Governs components|Imported from)/.test(l))) {
      const file = exportAdrs({ ...bundle, decisions, tables: [] }).find((f) => f.text.includes(line))!;
      expect(
        file.text.split('\n').filter((l) => l === line),
        line,
      ).toHaveLength(1);
    }
  });
});
