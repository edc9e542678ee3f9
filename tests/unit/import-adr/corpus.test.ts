import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAdrFiles, parseAdr } from '../../../src/lib/import/adr';
import type { DecisionStatus } from '../../../src/lib/model';
import { expectValid, lostLines } from './helpers';

/**
 * tests/corpus/adr/: 20 real ADRs from public projects (verbatim; see SOURCES.md). Each must
 * import without a problem, with the title, status and options a reader of the file sees.
 */
const dir = join(import.meta.dirname, '..', '..', 'corpus', 'adr');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.md') && f !== 'SOURCES.md')
  .sort();
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

interface Expected {
  title: string;
  status: DecisionStatus;
  date: string;
  format: 'madr' | 'classic';
  options: number;
  /** Title of the chosen option (prefix is enough), or null when none is chosen. */
  chosen: string | null;
}

const EXPECTED: Record<string, Expected> = {
  '001.md': {
    title: 'Support Categories',
    status: 'accepted', // no status in the file: a chosen option is recorded
    date: '',
    format: 'madr',
    options: 7,
    chosen: 'Use subfolders with local IDs',
  },
  '002.md': {
    title: 'Use ANTLR for parsing ADRs',
    status: 'accepted',
    date: '',
    format: 'madr',
    options: 3,
    chosen: 'Use ANTLR to create an ADR specific parser',
  },
  '003.md': {
    title: 'Multi-packages architecture in a monorepo with Yarn and Lerna',
    status: 'accepted',
    date: '2020-09-25',
    format: 'madr',
    options: 3,
    chosen: 'Multi-packages, monorepo',
  },
  '004.md': {
    title: 'OpenAI and Azure Connectors Naming and Structuring',
    status: 'accepted', // "approved"
    date: '2024-06-24',
    format: 'madr',
    options: 3,
    chosen: 'Option 2 - Independent Connectors from Start.',
  },
  '005.md': {
    title: 'Add support for multiple named arguments in template function calls',
    status: 'accepted',
    date: '2013-06-16',
    format: 'madr',
    options: 4,
    chosen: 'Syntax idea 3: Python/Guidance-Style delimiter',
  },
  '006.md': {
    title: 'Handling Database Corruption',
    status: 'accepted',
    date: '2021-06-08',
    format: 'madr',
    options: 6, // A1–A3, B1–B3 from two option groups
    chosen: 'A2: Check for errors when opening a database',
  },
  '007.md': {
    title: 'Use Gradle as build tool',
    status: 'accepted',
    date: '',
    format: 'madr',
    options: 3,
    chosen: 'Gradle',
  },
  '008.md': {
    title: 'Null Checking Framework Selection',
    status: 'accepted',
    date: '',
    format: 'madr',
    options: 3, // "No Nullness Framework" pros/cons merge into "No nullness analysis (status quo)"
    chosen: 'Error Prone + NullAway',
  },
  '010.md': {
    title: 'Module Structure & Loading',
    status: 'proposed', // Status section after Decision
    date: '',
    format: 'classic',
    options: 1,
    chosen: 'Arachne will not be responsible for packaging, distribution or downloading of modules.',
  },
  '011.md': {
    title: 'Security updates and versions bump automation',
    status: 'accepted',
    date: '2022-11-18',
    format: 'classic',
    options: 1,
    chosen: 'Based on the evaluated context, we decided to use Dependabot and Updatecli',
  },
  '012.md': {
    title: 'Multi State store API design',
    status: 'accepted',
    date: '',
    format: 'classic',
    options: 1,
    chosen: 'New state store API is v1.0/state/`<store-name>`/',
  },
  '013.md': {
    title: 'Step outcome and conclusion',
    status: 'accepted',
    date: '2020-01-13',
    format: 'classic',
    options: 1,
    chosen: 'For steps that have completed, populate',
  },
  '014.md': {
    title: 'Centralise MySQL Databases',
    status: 'accepted',
    date: '2017-08-02',
    format: 'classic',
    options: 3, // "We discussed three options:" in the Decision section; which one is not machine-readable
    chosen: null,
  },
  '015.md': {
    title: 'One cluster for dev/staging/prod',
    status: 'accepted',
    date: '', // "01/06/2019" is ambiguous: kept as text
    format: 'classic',
    options: 1,
    chosen: 'After consideration of the pros and cons of each approach we went with one cluster',
  },
  '016.md': {
    title: 'Use AWS SSO',
    status: 'accepted',
    date: '2020-10-21',
    format: 'classic',
    options: 1,
    chosen: 'Rather than managing the administrative burden',
  },
  '017.md': {
    title: 'CSS-in-JS',
    status: 'accepted', // "Approved", in a Status section at the end
    date: '',
    format: 'classic',
    options: 1,
    chosen: 'Use CSS-in-JS to represent styles.',
  },
  '018.md': {
    title: 'Protobuf definition versioning',
    status: 'accepted',
    date: '',
    format: 'classic',
    options: 3, // the decision + 2 "Alternative Approaches"
    chosen: 'From team discussion, it was decided to adopt versioning',
  },
  '019.md': {
    title: 'Internal Tracing via OTel Collector TelemetryFactory',
    status: 'accepted', // "Implemented"
    date: '2026-03-19',
    format: 'classic',
    options: 6, // the decision + 5 "Alternatives Considered"
    chosen: 'Replace the `otelconftelemetry.NewFactory()` call',
  },
  '020.md': {
    title: 'Disable Squash and Merge',
    status: 'accepted',
    date: '2022-03-25',
    format: 'madr',
    options: 2,
    chosen: 'Disable squash and merge', // "Chosen option: "option 2""
  },
  '021.md': {
    title: 'Package cri-dockerd to replace dockershim',
    status: 'accepted',
    date: '2022-07-29',
    format: 'classic',
    options: 1,
    chosen: 'We will embed cri-dockerd, and start it when the `--docker` flag is used.',
  },
};

describe('ADR corpus', () => {
  it('has an expectation for every corpus file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s imports with its title, status and options', (file) => {
    const expected = EXPECTED[file];
    if (!expected) throw new Error(`no expectation for ${file}`);
    const parsed = parseAdr(file, read(file));
    expect(parsed.problem).toBe('');
    expect(parsed.title).toBe(expected.title);
    expect(parsed.status).toBe(expected.status);
    expect(parsed.date).toBe(expected.date);
    expect(parsed.format).toBe(expected.format);
    expect(parsed.options.length).toBeGreaterThanOrEqual(1);
    expect(parsed.options.map((o) => o.title)).toHaveLength(expected.options);
    for (const o of parsed.options) expect(o.title.trim()).not.toBe('');
    const chosen = parsed.chosenOption === null ? null : parsed.options[parsed.chosenOption];
    if (expected.chosen === null) expect(chosen).toBeNull();
    else expect(chosen?.title.startsWith(expected.chosen), `chosen: ${chosen?.title}`).toBe(true);
  });

  it.each(files)('%s loses no words of its text', (file) => {
    const text = read(file);
    expect(lostLines(text, parseAdr(file, text))).toEqual([]);
  });

  it('imports all 20 files at once as valid decisions, without problems', () => {
    const result = importAdrFiles(
      files.map((name) => ({ name, text: read(name) })),
      { caseStudyId: 'cs_corpus', existingDecisions: [] },
    );
    expect(result.problems).toEqual([]);
    expect(result.decisions).toHaveLength(20);
    expect(result.decisions.map((d) => d.number)).toEqual(files.map((_, i) => i + 1));
    expect(result.decisions.map((d) => d.sourceFile)).toEqual(files);
    for (const d of result.decisions) {
      expectValid(d);
      expect(d.title).toBe(EXPECTED[d.sourceFile]?.title);
      expect(d.options.length).toBe(EXPECTED[d.sourceFile]?.options);
    }
    expect(result.lastDecisionNumber).toBe(20);
  });

  it('keeps what the model has no field for as extra sections', () => {
    const extra = (file: string) => parseAdr(file, read(file)).extraSections;
    const headings = (file: string) => extra(file).map((s) => s.heading);
    expect(headings('001.md')).toEqual(['Front matter']);
    expect(extra('001.md')[0]?.body).toContain('nav_order: 10');
    expect(headings('004.md')).toEqual([
      'Status',
      'Front matter',
      'Versioning',
      'Documentation (Upgrade Path)',
      'OpenAI SDK limitations',
      'Improvements',
      'Potential Dependency Conflicts',
    ]);
    expect(headings('013.md')).toEqual(['Original number', 'Consequences']);
    expect(extra('013.md')[0]?.body).toBe('ADR 0274');
    expect(headings('015.md')).toEqual(['Date', 'Status', 'Consequences']);
    expect(extra('015.md')[1]?.body).toContain('**May 2021 Update**');
    expect(headings('018.md')).toEqual(['Original number', 'Changelog', 'Detailed Design', 'Consequences']);
    expect(headings('020.md')).toEqual(['Technical Story', 'Negative Consequences', 'Links']);
  });

  it('reads MADR metadata, drivers, pros and cons and consequences', () => {
    const p004 = parseAdr('004.md', read('004.md'));
    expect(p004.deciders).toEqual([
      'rogerbarreto',
      'matthewbolanos',
      'markwallace-microsoft',
      'sergeymenshykh',
    ]);
    expect(p004.stakeholders).toEqual(['stephentoub', 'dmytrostruk']);
    expect(p004.options[1]?.pros).toHaveLength(3);
    expect(p004.options[1]?.cons).toHaveLength(2);

    const p002 = parseAdr('002.md', read('002.md'));
    expect(p002.consequences.positive).toEqual([
      'Some existing ADRs are accepted now without changes.',
      'Better control over output',
    ]);
    expect(p002.consequences.negative).toHaveLength(2);
    expect(p002.options[0]?.pros).toEqual([
      'easiest solution.',
      'md-to-json can parse the json back to a Markdown.',
    ]);

    const p007 = parseAdr('007.md', read('007.md'));
    expect(p007.options.map((o) => o.title)).toEqual(['Maven', 'Gradle', 'Ant']);
    expect(p007.options[0]?.description).toBe('[Maven](https://maven.apache.org/)');
    expect(p007.rationale).toBe('it is lean and fits our development style.');

    const p020 = parseAdr('020.md', read('020.md'));
    expect(p020.deciders).toHaveLength(5);
    expect(p020.consequences.positive).toHaveLength(5);
    expect(p020.consequences.negative).toHaveLength(3);
    expect(p020.rationale).toMatch(/^Chosen option: "option 2", disable squash and merge, because/);

    const p018 = parseAdr('018.md', read('018.md'));
    expect(p018.consequences.positive).toHaveLength(3);
    expect(p018.consequences.negative).toHaveLength(2);
  });
});
