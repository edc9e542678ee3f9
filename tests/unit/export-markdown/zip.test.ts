import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { adrContext, exportAdr, exportAdrIndex, exportAdrs } from '../../../src/lib/export/adr';
import { exportAdrZip, zipFiles } from '../../../src/lib/export/zip';
import { decisionByNumber } from '../../fixtures/sample-bundle';
import { checkMarkdown } from './check';
import { richBundle } from './fixture';

function unzip(data: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(data)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('Export ADRs as a zip', () => {
  it('round-trips every ADR file and the README index through fflate', () => {
    const bundle = richBundle();
    const { fileName, data } = exportAdrZip(bundle, { mtime: new Date(Date.UTC(2024, 4, 7)) });
    expect(fileName).toBe('checkout-at-scale-adrs.zip');
    expect(unzip(data)).toEqual(Object.fromEntries(exportAdrs(bundle).map((f) => [f.name, f.text])));
  });

  it('keeps non-ASCII text intact and is byte-stable for a fixed time', () => {
    const files = [{ name: 'ü.md', text: 'Crème brûlée → 100 % ✓\n' }];
    const a = zipFiles(files, { mtime: Date.UTC(2020, 0, 1) });
    const b = zipFiles(files, { mtime: Date.UTC(2020, 0, 1) });
    expect(a).toEqual(b);
    expect(unzip(a)).toEqual({ 'ü.md': 'Crème brûlée → 100 % ✓\n' });
  });
});

describe('ADR files', () => {
  it('link superseded and superseding records to each other by file name', () => {
    const bundle = richBundle();
    const ctx = adrContext(bundle);
    const first = exportAdr(decisionByNumber(bundle, 1), ctx);
    const second = exportAdr(decisionByNumber(bundle, 2), ctx);
    expect(first.text).toContain('status: superseded by TDR-002\n');
    expect(first.text).toContain(
      '* Superseded by [TDR-002: PostgreSQL over MongoDB for orders](0002-postgresql-over-mongodb-for-orders.md)',
    );
    expect(second.text).toContain(
      '* Supersedes [TDR-001: Store orders in MongoDB](0001-store-orders-in-mongodb.md)',
    );
    expect(second.text).toContain('* Governs components: Orders DB, Checkout service');
  });

  it('follow MADR: front matter, then the sections in MADR order', () => {
    const bundle = richBundle();
    const { text } = exportAdr(decisionByNumber(bundle, 2), adrContext(bundle));
    expect(
      text.startsWith(
        '---\nstatus: accepted\ndate: 2024-03-12\ndecision-makers: Dana (tech lead), Sam (staff engineer)\nconsulted: Payments team\n---\n\n# PostgreSQL over MongoDB for orders\n',
      ),
    ).toBe(true);
    const h2 = checkMarkdown(text)
      .headings.filter((h) => h.depth === 2)
      .map((h) => h.text);
    expect(h2).toEqual([
      'Context and Problem Statement',
      'Decision Drivers',
      'Considered Options',
      'Decision Outcome',
      'Pros and Cons of the Options',
      'More Information',
    ]);
    expect(text).toContain(
      'Chosen option: "PostgreSQL", because Transactions remove a class of lost-payment bugs.',
    );
  });

  it('quote front-matter values YAML would misread', () => {
    const bundle = richBundle();
    const d = decisionByNumber(bundle, 2);
    d.deciders = ['Ops: on-call #1'];
    d.stakeholders = ['true'];
    const { text } = exportAdr(d, adrContext(bundle));
    expect(text).toContain('decision-makers: "Ops: on-call #1"\n');
    expect(text).toContain('consulted: "true"\n');
  });

  it('write a readable index even with no decisions', () => {
    expect(exportAdrIndex([])).toBe(
      '# Architecture decision records\n\nOne file per decision, in the [MADR](https://adr.github.io/madr/) format.\n\nNo decisions recorded yet.\n',
    );
  });
});
