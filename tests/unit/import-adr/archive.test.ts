import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importAdrFiles, readAdrArchive } from '../../../src/lib/import/adr';
import { exportAdrZip } from '../../../src/lib/export/zip';
import { sampleBundle } from '../../fixtures/sample-bundle';

const adr = (title: string) => `# ${title}\n\n## Status\n\nAccepted\n\n## Decision\n\nWe do it.\n`;

describe('readAdrArchive', () => {
  it('takes the Markdown files at any depth, decoded, BOM stripped, in file-name order', () => {
    const zip = zipSync({
      'docs/adr/0010-ten.md': strToU8(adr('10. Ten')),
      'docs/adr/0002-two.markdown': strToU8(`\uFEFF${adr('2. Two – ünïcødé')}`),
      'docs/adr/notes.txt': strToU8('not markdown'),
      'docs/adr/images/diagram.png': new Uint8Array([137, 80, 78, 71]),
      '__MACOSX/docs/adr/._0010-ten.md': new Uint8Array([0, 5, 22, 7]),
      'docs/.drafts/0003-draft.md': strToU8(adr('3. Draft')),
      'docs/adr/.0004-hidden.md': strToU8(adr('4. Hidden')),
      'docs/adr/empty/': new Uint8Array(0),
      'README.MD': strToU8('# Decisions\n'),
    });
    const files = readAdrArchive(zip);
    expect(files.map((f) => f.name)).toEqual([
      'docs/adr/0002-two.markdown',
      'docs/adr/0010-ten.md',
      'README.MD',
    ]);
    expect(files[0]?.text).toBe(adr('2. Two – ünïcødé'));
  });

  it('gives a clear error for bytes that are not a zip archive', () => {
    expect(() => readAdrArchive(strToU8('# Not a zip, a Markdown file'))).toThrow(
      /^Not a readable \.zip archive/,
    );
    expect(() => readAdrArchive(new Uint8Array(0))).toThrow(/^Not a readable \.zip archive/);
  });

  it('gives a clear error for a truncated archive', () => {
    const zip = zipSync({ '0001-a.md': strToU8(adr('1. A'.repeat(50))) });
    expect(() => readAdrArchive(zip.slice(0, zip.length - 30))).toThrow(/^Not a readable \.zip archive/);
  });

  it('an archive without Markdown files gives no files', () => {
    expect(readAdrArchive(zipSync({ 'a.txt': strToU8('x') }))).toEqual([]);
  });

  it("reads Faultline's own ADR export back: the decisions import, the index README is reported", () => {
    const bundle = sampleBundle();
    const files = readAdrArchive(exportAdrZip(bundle, { mtime: new Date('2024-05-07T10:00:00Z') }).data);
    expect(files.map((f) => f.name)).toEqual([
      '0001-store-orders-in-mongodb.md',
      '0002-postgresql-over-mongodb-for-orders.md',
      'README.md',
    ]);
    const r = importAdrFiles(files, { caseStudyId: bundle.caseStudy.id, existingDecisions: [] });
    expect(r.decisions.map((d) => d.title)).toEqual([
      'Store orders in MongoDB',
      'PostgreSQL over MongoDB for orders',
    ]);
    expect(r.problems.map((p) => p.file)).toEqual(['README.md']);
  });
});
