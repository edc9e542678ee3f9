import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS } from '../../../src/lib/model';
import { exportCaseStudy } from '../../../src/lib/export/markdown';
import { exportAdrs } from '../../../src/lib/export/adr';
import { checkMarkdown } from './check';
import { richBundle, stubRenderers } from './fixture';
import { expectGolden } from './golden';

const template = (id: string) => readFileSync(`templates/case-study/${id}.md`, 'utf8');

describe('case-study documents on the sample case study', () => {
  for (const id of TEMPLATE_IDS) {
    it(`${id} matches its golden file and is clean GFM`, () => {
      const bundle = richBundle();
      const { text } = exportCaseStudy(bundle, template(id), { ...stubRenderers, adrDir: 'adr/' });
      expectGolden(id + '.md', text);

      const report = checkMarkdown(text);
      expect(report.problems).toEqual([]);
      // Every diagram and every flow is embedded as a ```mermaid block.
      expect(report.mermaid).toHaveLength(bundle.diagrams.length + bundle.flows.length);
      expect(report.headings[0]).toEqual({ depth: 1, text: 'Checkout at scale' });
      // Metadata header and computed improvement.
      for (const s of ['**Role:** Tech lead', '**Duration:** 6 months', '**Team size:** 5 engineers']) {
        expect(text).toContain(s);
      }
      expect(text).toContain('**Technologies:** TypeScript, PostgreSQL, SQS, Stripe');
      expect(text).toContain('| Checkout p95 latency | 2.5 s | 180 ms | 93% lower, 13.9× faster |');
      // No record ids leak into the document.
      expect(text).not.toMatch(/\b(cs|dgm|cmp|bnd|con|dec|opt|tbl|met|flw|stp|row|col|crit)_[A-Za-z0-9]/);
    });
  }
});

describe('ADR files on the sample case study', () => {
  it('match their golden files and are clean GFM', () => {
    const files = exportAdrs(richBundle());
    expect(files.map((f) => f.name)).toEqual([
      'README.md',
      '0001-store-orders-in-mongodb.md',
      '0002-postgresql-over-mongodb-for-orders.md',
      '0003-queue-refunds-like-payments.md',
    ]);
    for (const f of files) {
      expectGolden(`adr/${f.name}`, f.text);
      expect(checkMarkdown(f.text).problems, f.name).toEqual([]);
    }
  });
});
