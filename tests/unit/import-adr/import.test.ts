import { describe, expect, it } from 'vitest';
import { importAdrFiles, type AdrFile } from '../../../src/lib/import/adr';
import { createDecision, createOption, type Decision } from '../../../src/lib/model';
import { expectValid } from './helpers';

const md = (...lines: string[]) => lines.join('\n');
const caseStudyId = 'cs_test';

function classic(title: string, status: string, decision = 'We do it.'): string {
  return md(
    `# ${title}`,
    '',
    '## Status',
    '',
    status,
    '',
    '## Context',
    '',
    'Why.',
    '',
    '## Decision',
    '',
    decision,
  );
}

function byFile(decisions: readonly Decision[], file: string): Decision {
  const d = decisions.find((x) => x.sourceFile === file);
  if (!d) throw new Error(`no decision from ${file}`);
  return d;
}

describe('importAdrFiles: numbering and files', () => {
  it('numbers new decisions after the highest number ever used, in natural file-name order', () => {
    const existing = [
      createDecision({ caseStudyId, number: 1, title: 'One' }),
      createDecision({ caseStudyId, number: 4, title: 'Four' }),
    ];
    const files: AdrFile[] = [
      { name: '10-ten.md', text: classic('10. Ten', 'Accepted') },
      { name: '2-two.md', text: classic('2. Two', 'Accepted') },
      { name: '1-one.md', text: classic('1. One', 'Accepted') },
    ];
    const r = importAdrFiles(files, { caseStudyId, existingDecisions: existing, lastDecisionNumber: 6 });
    expect(r.problems).toEqual([]);
    expect(r.decisions.map((d) => [d.sourceFile, d.number, d.title])).toEqual([
      ['1-one.md', 7, 'One'],
      ['2-two.md', 8, 'Two'],
      ['10-ten.md', 9, 'Ten'],
    ]);
    expect(r.lastDecisionNumber).toBe(9);
    for (const d of r.decisions) {
      expectValid(d);
      expect(d.caseStudyId).toBe(caseStudyId);
    }
  });

  it('keeps two files that reuse an ADR number, keyed by file name', () => {
    const r = importAdrFiles(
      [
        { name: '0003-use-kafka.md', text: classic('3. Use Kafka', 'Accepted') },
        { name: '0003-use-redis.md', text: classic('3. Use Redis', 'Proposed') },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    expect(r.decisions.map((d) => [d.number, d.title, d.status, d.sourceFile])).toEqual([
      [1, 'Use Kafka', 'accepted', '0003-use-kafka.md'],
      [2, 'Use Redis', 'proposed', '0003-use-redis.md'],
    ]);
  });

  it('reports files that are not ADRs by name and still imports the others', () => {
    const r = importAdrFiles(
      [
        { name: 'README.md', text: md('# Decisions', '', '* [Use Kafka](0001-use-kafka.md)') },
        { name: 'index.md', text: md('# Index', '', '| # | Title |', '| - | - |', '| 1 | Kafka |') },
        { name: 'empty.md', text: '' },
        { name: 'template.md', text: classic('[short title]', '[proposed | accepted]') },
        { name: 'docs/adr/adr-template.md', text: classic('Title', 'Proposed') },
        { name: '0001-use-kafka.md', text: classic('1. Use Kafka', 'Accepted') },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    expect(r.decisions.map((d) => d.sourceFile)).toEqual(['0001-use-kafka.md']);
    expect(r.problems).toEqual([
      {
        file: 'docs/adr/adr-template.md',
        message: 'docs/adr/adr-template.md: looks like an ADR template, not a decision; skipped',
      },
      { file: 'empty.md', message: 'empty.md: the file is empty' },
      {
        file: 'index.md',
        message:
          'index.md: not an ADR: no Status, Context, Decision or Considered Options section (looks like an index file)',
      },
      {
        file: 'README.md',
        message:
          'README.md: not an ADR: no Status, Context, Decision or Considered Options section (looks like an index file)',
      },
      { file: 'template.md', message: 'template.md: looks like an ADR template, not a decision; skipped' },
    ]);
  });

  it('passes on notes that did not stop the import', () => {
    const r = importAdrFiles(
      [{ name: '0001-x.md', text: md('# X', '', '## Context', '', 'c', '', '## Decision', '', 'd') }],
      { caseStudyId, existingDecisions: [] },
    );
    expect(r.notices).toEqual([
      {
        file: '0001-x.md',
        message: '0001-x.md: no status given; assumed "accepted" because a decision is recorded',
      },
    ]);
  });
});

describe('importAdrFiles: importing a file again', () => {
  const first = md(
    '# Use Kafka',
    '',
    '* Status: proposed',
    '',
    '## Considered Options',
    '',
    '* Kafka',
    '* RabbitMQ',
    '',
    '## Decision Outcome',
    '',
    'Chosen option: "Kafka", because replay.',
  );
  const second = first.replace('proposed', 'accepted').replace('* RabbitMQ', '* RabbitMQ\n* NATS');

  function imported(): Decision {
    const r = importAdrFiles([{ name: 'adr/0001-use-kafka.md', text: first }], {
      caseStudyId,
      existingDecisions: [],
    });
    const d = r.decisions[0];
    if (!d) throw new Error('not imported');
    return { ...d, componentIds: ['cmp_orders'] };
  }

  it('by default creates a new decision and says so', () => {
    const old = imported();
    const r = importAdrFiles([{ name: 'adr/0001-use-kafka.md', text: second }], {
      caseStudyId,
      existingDecisions: [old],
      lastDecisionNumber: 1,
    });
    expect(r.updated).toEqual([]);
    expect(r.decisions).toHaveLength(1);
    expect(r.decisions[0]?.id).not.toBe(old.id);
    expect(r.decisions[0]?.number).toBe(2);
    expect(r.notices).toEqual([
      {
        file: 'adr/0001-use-kafka.md',
        message:
          'adr/0001-use-kafka.md: was imported before as TDR-001; imported again as a new decision, TDR-002 (replace the earlier one to update it instead)',
      },
    ]);
  });

  it('with replaceExisting updates the earlier decision in place, keeping id, number, links and option ids', () => {
    const old = imported();
    const r = importAdrFiles([{ name: 'adr/0001-use-kafka.md', text: second }], {
      caseStudyId,
      existingDecisions: [old],
      lastDecisionNumber: 1,
      replaceExisting: true,
      now: 42,
    });
    expect(r.decisions).toEqual([]);
    expect(r.lastDecisionNumber).toBe(1);
    const d = r.updated[0];
    expect(r.updated).toHaveLength(1);
    expect(d).toMatchObject({
      id: old.id,
      number: 1,
      status: 'accepted',
      componentIds: ['cmp_orders'],
      updatedAt: 42,
    });
    expect(d?.options.map((o) => o.title)).toEqual(['Kafka', 'RabbitMQ', 'NATS']);
    expect(d?.options[0]?.id).toBe(old.options[0]?.id);
    expect(d?.options[1]?.id).toBe(old.options[1]?.id);
    expect(d?.chosenOptionId).toBe(old.options[0]?.id);
    if (d) expectValid(d);
  });
});

describe('importAdrFiles: supersede links', () => {
  const mysql = md(
    '# 1. Use MySQL',
    '',
    'Date: 2018-01-01',
    '',
    '## Status',
    '',
    'Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)',
    '',
    '## Context',
    '',
    'We need a database.',
    '',
    '## Decision',
    '',
    'Use MySQL.',
  );
  const postgres = md(
    '# 3. Use PostgreSQL',
    '',
    'Date: 2019-01-01',
    '',
    '## Status',
    '',
    'Accepted',
    '',
    'Supersedes [1. Use MySQL](0001-use-mysql.md)',
    '',
    '## Context',
    '',
    'MySQL lacks features.',
    '',
    '## Decision',
    '',
    'Use PostgreSQL.',
  );

  it('links both sides between imported files, and the resolved lines leave the text', () => {
    const r = importAdrFiles(
      [
        { name: '0003-use-postgresql.md', text: postgres },
        { name: '0001-use-mysql.md', text: mysql },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    const old = byFile(r.decisions, '0001-use-mysql.md');
    const next = byFile(r.decisions, '0003-use-postgresql.md');
    expect(old).toMatchObject({ number: 1, status: 'superseded', supersededBy: next.id, supersedes: null });
    expect(next).toMatchObject({ number: 2, status: 'accepted', supersedes: old.id, supersededBy: null });
    expect(old.extraSections).toEqual([]);
    expect(next.extraSections).toEqual([]);
    expect(r.notices).toEqual([]);
    for (const d of r.decisions) expectValid(d);
  });

  it('one side is enough to link both', () => {
    const r = importAdrFiles(
      [
        { name: '0001-use-mysql.md', text: mysql },
        { name: '0003-use-postgresql.md', text: classic('3. Use PostgreSQL', 'Accepted') },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    const old = byFile(r.decisions, '0001-use-mysql.md');
    const next = byFile(r.decisions, '0003-use-postgresql.md');
    expect(old.supersededBy).toBe(next.id);
    expect(next.supersedes).toBe(old.id);
  });

  it('resolves a link relative to the referring file inside folders', () => {
    const r = importAdrFiles(
      [
        { name: 'docs/adr/0001-use-mysql.md', text: mysql },
        { name: 'docs/adr/0003-use-postgresql.md', text: postgres },
        { name: 'other/0003-use-postgresql.md', text: classic('3. Use PostgreSQL elsewhere', 'Accepted') },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    const old = byFile(r.decisions, 'docs/adr/0001-use-mysql.md');
    expect(old.supersededBy).toBe(byFile(r.decisions, 'docs/adr/0003-use-postgresql.md').id);
  });

  it('resolves a reference by number when there is no link, a title telling reused numbers apart', () => {
    const r = importAdrFiles(
      [
        { name: 'a.md', text: classic('ADR-1: Use MySQL', 'Superseded by ADR-0003') },
        { name: 'b.md', text: classic('ADR-3: Use PostgreSQL', 'Accepted') },
        { name: 'c.md', text: classic('ADR-5: Use SQLite', 'Superseded by ADR-6: Use DuckDB') },
        { name: 'd.md', text: classic('ADR-6: Use DuckDB', 'Accepted') },
        { name: 'e.md', text: classic('ADR-6: Use Parquet', 'Accepted') },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    expect(byFile(r.decisions, 'a.md').supersededBy).toBe(byFile(r.decisions, 'b.md').id);
    expect(byFile(r.decisions, 'c.md').supersededBy).toBe(byFile(r.decisions, 'd.md').id);
    expect(byFile(r.decisions, 'e.md').supersedes).toBeNull();
  });

  it('links to a decision imported earlier (matching sourceFile) and returns it as updated', () => {
    const earlier = createDecision({
      caseStudyId,
      number: 1,
      title: 'Use MySQL',
      status: 'accepted',
      sourceFile: '0001-use-mysql.md',
    });
    const r = importAdrFiles([{ name: '0003-use-postgresql.md', text: postgres }], {
      caseStudyId,
      existingDecisions: [earlier],
      now: 7,
    });
    const next = byFile(r.decisions, '0003-use-postgresql.md');
    expect(next.supersedes).toBe(earlier.id);
    expect(r.updated).toEqual([{ ...earlier, supersededBy: next.id, status: 'superseded', updatedAt: 7 }]);
  });

  it('keeps an unresolved reference as text, with a notice', () => {
    const r = importAdrFiles([{ name: '0001-use-mysql.md', text: mysql }], {
      caseStudyId,
      existingDecisions: [],
    });
    const d = byFile(r.decisions, '0001-use-mysql.md');
    expect(d.status).toBe('superseded');
    expect(d.supersededBy).toBeNull();
    expect(d.extraSections).toEqual([
      { heading: 'Status', body: 'Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)' },
    ]);
    expect(r.notices).toEqual([
      {
        file: '0001-use-mysql.md',
        message:
          '0001-use-mysql.md: "Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)" names no imported decision; kept as text',
      },
    ]);
  });

  it('a reference to the file itself is not a link', () => {
    const r = importAdrFiles(
      [{ name: '0001-a.md', text: classic('1. A', 'Superseded by [1. A](0001-a.md)') }],
      { caseStudyId, existingDecisions: [] },
    );
    expect(r.decisions[0]?.supersededBy).toBeNull();
    expect(r.decisions[0]?.extraSections[0]?.body).toBe('Superseded by [1. A](0001-a.md)');
  });
});

describe('importAdrFiles: every decision validates', () => {
  it('also with odd input: option-less MADR, no headings but a status, unicode', () => {
    const r = importAdrFiles(
      [
        { name: 'a.md', text: md('# Ä 🎉', '', '## Decision Outcome', '', 'Wir nehmen Postgres.') },
        { name: 'b.md', text: md('Status: accepted', '', 'Nothing else.') },
        {
          name: 'c.md',
          text: md('---', 'status: [weird', 'date: tomorrow', '---', '# C', '', '## Context', '', 'x'),
        },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    expect(r.problems).toEqual([]);
    expect(r.decisions).toHaveLength(3);
    for (const d of r.decisions) expectValid(d);
    expect(byFile(r.decisions, 'a.md').options.map((o) => o.title)).toEqual(['Wir nehmen Postgres.']);
    expect(byFile(r.decisions, 'c.md').extraSections).toEqual([
      { heading: 'Status', body: '[weird' },
      { heading: 'Date', body: 'tomorrow' },
    ]);
  });
});

describe('importAdrFiles: option ids', () => {
  it('gives every option a fresh id and points chosenOptionId at the chosen one', () => {
    const existing = [
      createDecision({ caseStudyId, number: 1, options: [createOption({ title: 'Kafka' })] }),
    ];
    const r = importAdrFiles(
      [
        {
          name: 'x.md',
          text: md(
            '# X',
            '',
            '## Considered Options',
            '',
            '* Kafka',
            '* NATS',
            '',
            '## Decision Outcome',
            '',
            'Chosen option: NATS',
          ),
        },
      ],
      { caseStudyId, existingDecisions: existing },
    );
    const d = r.decisions[0];
    expect(d?.options[0]?.id).not.toBe(existing[0]?.options[0]?.id);
    expect(d?.chosenOptionId).toBe(d?.options[1]?.id);
  });
});
