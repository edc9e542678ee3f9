import { describe, expect, it } from 'vitest';
import { normaliseTechnology, technologiesMatch } from '../../../src/lib/review';
import { techListedUnused, techUnlisted } from '../../../src/lib/review/rules/technologies';
import { BundleBuilder, run, titles } from './builder';

describe('technology matching', () => {
  it.each([
    ['PostgreSQL', 'PostgreSQL 15', true],
    ['postgresql', 'PostgreSQL', true],
    ['Node.js', 'Node.js 20.x', true],
    ['SQS', 'Amazon SQS', true],
    ['Spring', 'Java/Spring', true],
    ['Redis', 'Redis v7.2 (cluster)', true],
    ['SQL', 'PostgreSQL', false],
    ['Go', 'Google Cloud', false],
    ['Kafka', 'Kinesis', false],
    ['', 'Kafka', false],
    ['15', 'PostgreSQL 15', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(technologiesMatch(a, b)).toBe(expected);
    expect(technologiesMatch(b, a)).toBe(expected);
  });

  it('normalises case, versions and punctuation', () => {
    expect(normaliseTechnology('  PostgreSQL 15 ')).toBe('postgresql');
    expect(normaliseTechnology('Amazon SQS')).toBe('amazon sqs');
    expect(normaliseTechnology('Kong v3.4 (LTS)')).toBe('kong');
  });
});

describe('tech.listed-unused and tech.unlisted', () => {
  const cases: {
    name: string;
    listed: string[];
    used: string[];
    unused: string[];
    unlisted: string[];
  }[] = [
    {
      name: 'quiet: list and components agree',
      listed: ['PostgreSQL', 'Redis'],
      used: ['PostgreSQL 15', 'Redis 7'],
      unused: [],
      unlisted: [],
    },
    {
      name: 'a listed technology no component uses',
      listed: ['PostgreSQL', 'TypeScript'],
      used: ['PostgreSQL'],
      unused: ['"TypeScript" is listed but no component uses it'],
      unlisted: [],
    },
    {
      name: 'a component technology missing from the list',
      listed: ['PostgreSQL'],
      used: ['PostgreSQL', 'Kong'],
      unused: [],
      unlisted: ['Kong (C2) is missing from the technologies list'],
    },
    {
      name: 'quiet: "SQS" in the list, "Amazon SQS" on the component',
      listed: ['SQS'],
      used: ['Amazon SQS'],
      unused: [],
      unlisted: [],
    },
    {
      name: 'quiet: case and version differ',
      listed: ['postgresql 16'],
      used: ['PostgreSQL 15'],
      unused: [],
      unlisted: [],
    },
    {
      name: 'quiet: blank list entries and blank technologies are ignored',
      listed: [' '],
      used: [''],
      unused: [],
      unlisted: [],
    },
    {
      name: 'a repeated list entry is reported once',
      listed: ['Kafka', 'kafka 3'],
      used: [],
      unused: ['"Kafka" is listed but no component uses it'],
      unlisted: [],
    },
  ];
  it.each(cases)('$name', ({ listed, used, unused, unlisted }) => {
    const b = new BundleBuilder({ technologies: listed });
    used.forEach((technology, i) => b.component('service', `C${i + 1}`, { technology }));
    const bundle = b.build();
    expect(titles(techListedUnused, bundle)).toEqual(unused);
    expect(titles(techUnlisted, bundle)).toEqual(unlisted);
  });

  it('keys by the normalised technology and points at the list', () => {
    const b = new BundleBuilder({ technologies: ['TypeScript 5'] });
    b.component('service', 'Gateway', { technology: 'Kong 3' });
    const bundle = b.build();
    expect(run(techListedUnused, bundle)[0]).toMatchObject({
      key: 'tech.listed-unused:typescript',
      target: { type: 'case-study', field: 'technologies' },
    });
    expect(run(techUnlisted, bundle)[0]?.key).toBe('tech.unlisted:kong');
  });
});
