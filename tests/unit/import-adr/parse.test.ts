import { describe, expect, it } from 'vitest';
import { parseAdr, type ParsedAdr } from '../../../src/lib/import/adr';
import type { DecisionStatus } from '../../../src/lib/model';
import { lostLines } from './helpers';

const md = (...lines: string[]) => lines.join('\n');

const chosenTitle = (p: ParsedAdr) =>
  p.chosenOption === null ? null : (p.options[p.chosenOption]?.title ?? null);
const extra = (p: ParsedAdr, heading: string) => p.extraSections.find((s) => s.heading === heading)?.body;

const MADR2 = md(
  '# Use PostgreSQL for orders',
  '',
  '* Status: accepted',
  '* Deciders: Dana, Sam',
  '* Date: 2021-03-04',
  '',
  'Technical Story: ORD-12',
  '',
  '## Context and Problem Statement',
  '',
  'Orders and payments must change together.',
  '',
  '## Decision Drivers',
  '',
  '* Consistency',
  '* Team familiarity',
  '',
  '## Considered Options',
  '',
  '* PostgreSQL',
  '* MongoDB',
  '',
  '## Decision Outcome',
  '',
  'Chosen option: "PostgreSQL", because it has ACID transactions.',
  '',
  '### Positive Consequences',
  '',
  '* One transaction per checkout',
  '',
  '### Negative Consequences',
  '',
  '* Migration effort',
  '',
  '## Pros and Cons of the Options',
  '',
  '### PostgreSQL',
  '',
  '* Good, because ACID',
  '* Bad, because vertical scaling',
  '',
  '### MongoDB',
  '',
  'Document store.',
  '',
  '* Good, because flexible schema',
  '* Bad, because weaker transactions',
  '',
  '## Links',
  '',
  '* Refined by [ADR-0007](0007-partitioning.md)',
);

const MADR3 = md(
  '---',
  'status: proposed',
  'date: 2022-11-30',
  'deciders: Kim, Lee',
  'consulted: Ops',
  'informed: Support',
  '---',
  '# Cache product pages in Redis',
  '',
  '## Context and Problem Statement',
  '',
  'Product pages are slow.',
  '',
  '## Considered Options',
  '',
  '* Redis',
  '* Memcached',
  '',
  '## Decision Outcome',
  '',
  'Chosen option: Redis, because it supports persistence.',
  '',
  '### Consequences',
  '',
  '* Good, because pages load fast',
  '* Bad, because another system to run',
  '* Neutral, because the cost stays the same',
  '',
  '## Validation',
  '',
  'A load test before launch.',
  '',
  '## Pros and Cons of the Options',
  '',
  '### Redis',
  '',
  'Managed Redis.',
  '',
  '* Good, because persistence',
  '* Neutral, because well known',
  '* Bad, because memory cost',
  '',
  '### Memcached',
  '',
  '* Good, because simple',
  '',
  '## More Information',
  '',
  'See the spike.',
);

const MADR4 = md(
  '---',
  'status: "accepted"',
  'date: 2024-05-01',
  'decision-makers: [Ana, Bo]',
  'consulted:',
  '  - Security team',
  '  - Platform team',
  '---',
  '',
  '# Use OAuth 2 for the public API',
  '',
  '## Context and Problem Statement',
  '',
  'Partners need delegated access.',
  '',
  '## Considered Options',
  '',
  '* OAuth 2',
  '* API keys',
  '',
  '## Decision Outcome',
  '',
  'Chosen option: “OAuth 2”, because it is the standard.',
  '',
  '### Consequences',
  '',
  '* Good, because partners know it',
  '* Bad, because token introspection adds latency',
  '',
  '### Confirmation',
  '',
  'A security review signs it off.',
  '',
  '## Pros and Cons of the Options',
  '',
  '### OAuth 2',
  '',
  '* Good, because scoped tokens',
  '',
  '### API keys',
  '',
  '* Bad, because no delegation',
);

const CLASSIC = md(
  '# 2. Use Kafka for events',
  '',
  'Date: 2018-03-04',
  '',
  '## Status',
  '',
  'Accepted',
  '',
  '## Context',
  '',
  'Services need to publish events.',
  '',
  '## Decision',
  '',
  'We will use Kafka. It keeps events for replay.',
  '',
  '## Consequences',
  '',
  'Operations must run a cluster.',
);

describe('parseAdr: format variants', () => {
  it('MADR 2: bullet metadata, Positive/Negative Consequences, pros and cons', () => {
    const p = parseAdr('0004-use-postgresql.md', MADR2);
    expect(p).toMatchObject({
      problem: '',
      format: 'madr',
      number: 4,
      title: 'Use PostgreSQL for orders',
      status: 'accepted',
      date: '2021-03-04',
      deciders: ['Dana', 'Sam'],
      context: 'Orders and payments must change together.',
      drivers: ['Consistency', 'Team familiarity'],
      rationale: 'it has ACID transactions.',
      consequences: {
        positive: ['One transaction per checkout'],
        negative: ['Migration effort'],
        tradeOffs: [],
      },
    });
    expect(p.options).toEqual([
      { title: 'PostgreSQL', description: '', pros: ['ACID'], cons: ['vertical scaling'] },
      {
        title: 'MongoDB',
        description: 'Document store.',
        pros: ['flexible schema'],
        cons: ['weaker transactions'],
      },
    ]);
    expect(chosenTitle(p)).toBe('PostgreSQL');
    expect(p.extraSections).toEqual([
      { heading: 'Technical Story', body: 'ORD-12' },
      { heading: 'Links', body: '* Refined by [ADR-0007](0007-partitioning.md)' },
    ]);
    expect(p.notes).toEqual([]);
    expect(lostLines(MADR2, p)).toEqual([]);
  });

  it('MADR 3: front matter, unquoted chosen option, Neutral kept, Validation and More Information kept', () => {
    const p = parseAdr('0002-cache.md', MADR3);
    expect(p).toMatchObject({
      format: 'madr',
      title: 'Cache product pages in Redis',
      status: 'proposed',
      date: '2022-11-30',
      deciders: ['Kim', 'Lee'],
      stakeholders: ['Ops', 'Support'],
      rationale: 'it supports persistence.',
      consequences: {
        positive: ['pages load fast'],
        negative: ['another system to run'],
        tradeOffs: [],
      },
    });
    expect(chosenTitle(p)).toBe('Redis');
    expect(p.options[0]).toEqual({
      title: 'Redis',
      description: 'Managed Redis.\n\n* Neutral, because well known',
      pros: ['persistence'],
      cons: ['memory cost'],
    });
    expect(p.extraSections).toEqual([
      { heading: 'Consequences', body: '* Neutral, because the cost stays the same' },
      { heading: 'Validation', body: 'A load test before launch.' },
      { heading: 'More Information', body: 'See the spike.' },
    ]);
    expect(lostLines(MADR3, p)).toEqual([]);
  });

  it('MADR 4: decision-makers as a flow list, consulted as a block list, curly quotes, Confirmation', () => {
    const p = parseAdr('0001-oauth.md', MADR4);
    expect(p).toMatchObject({
      format: 'madr',
      title: 'Use OAuth 2 for the public API',
      status: 'accepted',
      date: '2024-05-01',
      deciders: ['Ana', 'Bo'],
      stakeholders: ['Security team', 'Platform team'],
      rationale: 'it is the standard.',
    });
    expect(chosenTitle(p)).toBe('OAuth 2');
    expect(p.options.map((o) => [o.title, o.pros, o.cons])).toEqual([
      ['OAuth 2', ['scoped tokens'], []],
      ['API keys', [], ['no delegation']],
    ]);
    expect(p.consequences.negative).toEqual(['token introspection adds latency']);
    expect(extra(p, 'Confirmation')).toBe('A security review signs it off.');
    expect(lostLines(MADR4, p)).toEqual([]);
  });

  it('classic (adr-tools): numbered title, Date line, Status heading, Decision as the chosen option', () => {
    const p = parseAdr('0002-use-kafka-for-events.md', CLASSIC);
    expect(p).toMatchObject({
      format: 'classic',
      number: 2,
      title: 'Use Kafka for events',
      status: 'accepted',
      date: '2018-03-04',
      context: 'Services need to publish events.',
      rationale: 'We will use Kafka. It keeps events for replay.',
    });
    expect(p.options).toEqual([{ title: 'We will use Kafka.', description: '', pros: [], cons: [] }]);
    expect(p.chosenOption).toBe(0);
    // Unlabelled consequences are not good or bad: kept as text.
    expect(p.extraSections).toEqual([{ heading: 'Consequences', body: 'Operations must run a cluster.' }]);
    expect(lostLines(CLASSIC, p)).toEqual([]);
  });

  it('classic: status as a bullet, title "ADR 004: …"', () => {
    const text = md(
      '# ADR 004: Use gRPC between services',
      '',
      '* Status: Deprecated',
      '* Date: 2019-01-02',
      '',
      '## Context',
      '',
      'REST was slow.',
      '',
      '## Decision',
      '',
      'Use gRPC.',
    );
    const p = parseAdr('004.md', text);
    expect(p).toMatchObject({
      title: 'Use gRPC between services',
      number: 4,
      status: 'deprecated',
      date: '2019-01-02',
    });
    expect(p.extraSections).toEqual([]);
  });

  it.each([
    ['**Status:** Rejected', 'rejected', null],
    ['**Status**: Accepted', 'accepted', null],
    ['Status: Draft', 'proposed', 'Draft'],
    ['__Status__: in review', 'proposed', 'in review'],
  ] as const)('classic: status as a field line %s', (line, status, kept) => {
    const text = md(
      '# Use Redis',
      '',
      '**Date**: 2020-01-13',
      '',
      line,
      '',
      '## Context',
      '',
      'x',
      '',
      '## Decision',
      '',
      'y',
    );
    const p = parseAdr('x.md', text);
    expect(p.status).toBe(status);
    expect(p.date).toBe('2020-01-13');
    expect(extra(p, 'Status')).toBe(kept ?? undefined);
  });

  it('classic: adr-tools "Superceded by" link is a reference, the status superseded', () => {
    const text = md(
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
    const p = parseAdr('0001-use-mysql.md', text);
    expect(p.status).toBe('superseded');
    expect(p.references).toEqual([
      {
        kind: 'superseded-by',
        target: { file: '0003-use-postgresql.md', number: 3, title: 'Use PostgreSQL', links: 1 },
        line: 'Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)',
        section: 'Status',
      },
    ]);
    // Until the importer resolves it, the line is kept.
    expect(extra(p, 'Status')).toBe('Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)');
  });

  it('classic: sections in an unusual order (Decision first, Status last)', () => {
    const text = md(
      '# Logging format',
      '',
      '## Decision',
      '',
      'Log as JSON lines.',
      '',
      '## Consequences',
      '',
      '* Good, because machines can read it',
      '',
      '## Context',
      '',
      'Logs are unstructured.',
      '',
      '## Status',
      '',
      'Proposed',
    );
    const p = parseAdr('logging.md', text);
    expect(p).toMatchObject({
      format: 'classic',
      title: 'Logging format',
      status: 'proposed',
      context: 'Logs are unstructured.',
      rationale: 'Log as JSON lines.',
      consequences: { positive: ['machines can read it'], negative: [], tradeOffs: [] },
    });
    expect(chosenTitle(p)).toBe('Log as JSON lines.');
    expect(p.extraSections).toEqual([]);
  });

  it('classic: an Alternatives section gives the other options; the decision names its option', () => {
    const text = md(
      '# Message broker',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Alternatives',
      '',
      '* RabbitMQ',
      '* Amazon SQS',
      '',
      '## Decision',
      '',
      'We use Amazon SQS because we run on AWS.',
    );
    const p = parseAdr('broker.md', text);
    expect(p.options.map((o) => o.title)).toEqual(['RabbitMQ', 'Amazon SQS']);
    expect(chosenTitle(p)).toBe('Amazon SQS');
    expect(p.rationale).toBe('We use Amazon SQS because we run on AWS.');
  });

  it('CRLF line endings and a BOM read the same as LF', () => {
    const p = parseAdr('0002-use-kafka-for-events.md', `\uFEFF${CLASSIC.replace(/\n/g, '\r\n')}`);
    expect(p).toEqual(parseAdr('0002-use-kafka-for-events.md', CLASSIC));
  });

  it('no title heading: the title comes from the file name, with a note', () => {
    const text = md(
      '## Status',
      '',
      'Accepted',
      '',
      '## Context',
      '',
      'The CLI is slow.',
      '',
      '## Decision',
      '',
      'Rewrite it in Rust.',
    );
    const p = parseAdr('docs/adr/0009-use-rust-for-the-cli.md', text);
    expect(p.problem).toBe('');
    expect(p.title).toBe('Use rust for the cli');
    expect(p.number).toBe(9);
    expect(p.notes).toEqual(['no title heading; the title is taken from the file name']);
  });

  it.each([
    ['empty.md', '', 'the file is empty'],
    ['blank.md', ' \n\r\n\t\n', 'the file is empty'],
    ['bom.md', '\uFEFF', 'the file is empty'],
  ])('%s is reported as empty', (name, text, problem) => {
    expect(parseAdr(name, text).problem).toBe(problem);
  });

  it.each([
    [
      'README.md',
      md(
        '# Architecture decisions',
        '',
        '| Number | Title |',
        '| --- | --- |',
        '| 1 | [Use Kafka](0001-use-kafka.md) |',
      ),
    ],
    [
      'index.md',
      md('# Decision log', '', '* [Use Kafka](0001-use-kafka.md)', '* [Use Redis](0002-use-redis.md)'),
    ],
    ['notes.md', 'Just some notes, no headings at all.'],
  ])('%s without ADR structure is not an ADR', (name, text) => {
    const p = parseAdr(name, text);
    expect(p.problem).toMatch(/^not an ADR: no Status, Context, Decision or Considered Options section/);
    expect(p.format).toBeNull();
  });
});

describe('parseAdr: status words', () => {
  const withStatus = (word: string) =>
    md('# T', '', '## Status', '', word, '', '## Decision', '', 'We do it.');
  it.each([
    ['Accepted', 'accepted', false],
    ['accepted.', 'accepted', false],
    ['✅ Accepted', 'accepted', false],
    ['Approved', 'accepted', true],
    ['Done', 'accepted', true],
    ['Implemented', 'accepted', true],
    ['Proposed', 'proposed', false],
    ['Draft', 'proposed', true],
    ['Open', 'proposed', true],
    ['In review', 'proposed', true],
    ['Rejected', 'rejected', false],
    ['Declined', 'rejected', true],
    ['Not accepted', 'rejected', true],
    ['Deprecated', 'deprecated', false],
    ['Superseded', 'superseded', false],
    ['Superceded', 'superseded', true],
    ['Accepted on 2020-02-03 by the architecture board', 'accepted', true],
  ] as [string, DecisionStatus, boolean][])('"%s" → %s (original kept: %s)', (word, status, kept) => {
    const p = parseAdr('t.md', withStatus(word));
    expect(p.status).toBe(status);
    expect(extra(p, 'Status')).toBe(kept ? word : undefined);
  });

  it('an unknown status word is kept, the status defaults from the content', () => {
    const p = parseAdr('t.md', withStatus('Parked until Q3'));
    expect(p.status).toBe('accepted');
    expect(extra(p, 'Status')).toBe('Parked until Q3');
    expect(p.notes[0]).toMatch(/no status given; assumed "accepted"/);
  });
});

describe('parseAdr: titles', () => {
  it.each([
    ['# 5. Use Kafka', 'Use Kafka', 5],
    ['# 12 - Use Kafka', 'Use Kafka', 12],
    ['# ADR-005: Use Kafka', 'Use Kafka', 5],
    ['# ADR 001: Use Kafka', 'Use Kafka', 1],
    ['# ADR-7 Use Kafka', 'Use Kafka', 7],
    ['# API-008: Multi store API', 'Multi store API', 8],
    ['# 0005: Use Kafka', 'Use Kafka', 5],
    ['# Architecture Decision Record: Use Kafka', 'Use Kafka', null],
    ['# Use Kafka', 'Use Kafka', null],
    ['# 2020 roadmap', '2020 roadmap', null],
    ['# 1.24 upgrade path', '1.24 upgrade path', null],
    ['# CSS-in-JS', 'CSS-in-JS', null],
    ['# Use `pnpm` over **npm**', 'Use `pnpm` over npm', null],
    ['Use Kafka\n=========', 'Use Kafka', null],
  ])('%s → %s', (heading, title, number) => {
    const p = parseAdr('notes.md', md(heading, '', '## Status', '', 'Accepted'));
    expect(p.title).toBe(title);
    expect(p.number).toBe(number);
  });

  it('the title number is kept as text when the file name does not carry it', () => {
    expect(
      parseAdr('0005-use-kafka.md', md('# 5. Use Kafka', '', '## Status', '', 'Accepted')).extraSections,
    ).toEqual([]);
    expect(parseAdr('kafka.md', md('# 5. Use Kafka', '', '## Status', '', 'Accepted')).extraSections).toEqual(
      [{ heading: 'Original number', body: '5' }],
    );
  });
});

describe('parseAdr: chosen option', () => {
  const withOutcome = (...outcome: string[]) =>
    md(
      '# T',
      '',
      '## Considered Options',
      '',
      '* Use *Kafka*',
      '* Use RabbitMQ, with quorum queues',
      '',
      '## Decision Outcome',
      '',
      ...outcome,
    );

  it.each([
    ['Chosen option: "Use *Kafka*", because it scales.', 'Use Kafka', 'it scales.'],
    ['Chosen option: "use kafka" because it scales.', 'Use Kafka', 'it scales.'],
    [
      'Chosen option: Use RabbitMQ, with quorum queues, because we know it.',
      'Use RabbitMQ, with quorum queues',
      'we know it.',
    ],
    [
      'Chosen option: “Use RabbitMQ, with quorum queues”, because we know it.',
      'Use RabbitMQ, with quorum queues',
      'we know it.',
    ],
    [
      'Chosen option: "option 1", because it scales.',
      'Use Kafka',
      'Chosen option: "option 1", because it scales.',
    ],
    ['Chosen option: "Use Kafka".', 'Use Kafka', ''],
  ])('%s', (line, title, rationale) => {
    const p = parseAdr('t.md', withOutcome(line));
    expect(p.options).toHaveLength(2);
    expect(chosenTitle(p)).toBe(title);
    expect(p.rationale).toBe(rationale);
  });

  it('a multi-paragraph rationale after "Chosen option: "X"." (as Faultline exports it)', () => {
    const p = parseAdr(
      't.md',
      withOutcome('Chosen option: "Use Kafka".', '', 'First reason.', '', '* a list'),
    );
    expect(chosenTitle(p)).toBe('Use Kafka');
    expect(p.rationale).toBe('First reason.\n\n* a list');
  });

  it('a chosen option that is not among the considered ones is added', () => {
    const p = parseAdr('t.md', withOutcome('Chosen option: "Use NATS", because it is small.'));
    expect(p.options.map((o) => o.title)).toEqual([
      'Use Kafka',
      'Use RabbitMQ, with quorum queues',
      'Use NATS',
    ]);
    expect(chosenTitle(p)).toBe('Use NATS');
  });

  it('an outcome without "Chosen option" keeps its text as the rationale, no option chosen', () => {
    const p = parseAdr('t.md', withOutcome('We will decide next quarter.'));
    expect(p.chosenOption).toBeNull();
    expect(p.rationale).toBe('We will decide next quarter.');
  });
});

describe('parseAdr: what is not mistaken for structure', () => {
  it('a "Supersedes" sentence in prose is not a reference', () => {
    const text = md(
      '# Use OpenTelemetry',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Background',
      '',
      'Supersedes the vendor agent we used before.',
      '',
      '## Decision',
      '',
      'Use OpenTelemetry.',
    );
    const p = parseAdr('otel.md', text);
    expect(p.references).toEqual([]);
    expect(p.context).toBe('Supersedes the vendor agent we used before.');
  });

  it('a classic section with Good/Bad items is not an option', () => {
    const text = md(
      '# Use OpenTelemetry',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Decision',
      '',
      'Use OpenTelemetry.',
      '',
      '## Risks',
      '',
      '* Bad, because the SDK is young',
    );
    const p = parseAdr('otel.md', text);
    expect(p.options.map((o) => o.title)).toEqual(['Use OpenTelemetry.']);
    expect(p.extraSections).toEqual([{ heading: 'Risks', body: '* Bad, because the SDK is young' }]);
  });

  it('headings and "Status:" lines inside code blocks stay code', () => {
    const text = md(
      '# Config format',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Decision',
      '',
      'Use YAML:',
      '',
      '```yaml',
      '# Status: rejected',
      'status: rejected',
      '```',
    );
    const p = parseAdr('config.md', text);
    expect(p.status).toBe('accepted');
    expect(p.rationale).toBe(md('Use YAML:', '', '```yaml', '# Status: rejected', 'status: rejected', '```'));
  });
});
