import { describe, expect, it } from 'vitest';
import {
  componentNoAlternatives,
  componentNoTechnology,
  componentNoWhy,
} from '../../../src/lib/review/rules/components';
import { BundleBuilder, run, titles } from './builder';

describe('component.no-technology', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; expect: string[] }[] = [
    {
      name: 'fires: a service with no technology',
      build: (b) => b.component('service', 'API'),
      expect: ['API has no technology'],
    },
    {
      name: 'fires: whitespace is no technology',
      build: (b) => b.component('database', 'DB', { technology: '  ' }),
      expect: ['DB has no technology'],
    },
    {
      name: 'quiet: a technology is named',
      build: (b) => b.component('service', 'API', { technology: 'Go' }),
      expect: [],
    },
    { name: 'quiet: clients need not name one', build: (b) => b.component('client', 'Browser'), expect: [] },
    {
      name: 'a blank label falls back to the kind',
      build: (b) => b.component('worker', ' '),
      expect: ['Worker has no technology'],
    },
  ];
  it.each(cases)('$name', ({ build, expect: expected }) => {
    const b = new BundleBuilder();
    build(b);
    expect(titles(componentNoTechnology, b.build())).toEqual(expected);
  });

  it('points at the technology field', () => {
    const b = new BundleBuilder();
    const c = b.component('service', 'API');
    expect(run(componentNoTechnology, b.build())[0]?.target).toEqual({
      type: 'component',
      diagramId: c.diagramId,
      id: c.id,
      field: 'technology',
    });
  });
});

describe('component.no-why and component.no-alternatives (per technology choice)', () => {
  const cases: { name: string; build: (b: BundleBuilder) => void; why: string[]; alternatives: string[] }[] =
    [
      {
        name: 'fires both: a technology with neither',
        build: (b) => b.component('database', 'Orders DB', { technology: 'PostgreSQL 15' }),
        why: ['PostgreSQL 15 (Orders DB) has no "why this choice"'],
        alternatives: ['PostgreSQL 15 (Orders DB) has no alternatives considered'],
      },
      {
        name: 'why given, alternatives missing',
        build: (b) => b.component('database', 'Orders DB', { technology: 'PostgreSQL', why: 'ACID' }),
        why: [],
        alternatives: ['PostgreSQL (Orders DB) has no alternatives considered'],
      },
      {
        name: 'quiet: both given',
        build: (b) =>
          b.component('database', 'DB', { technology: 'PostgreSQL', why: 'ACID', alternatives: 'MongoDB' }),
        why: [],
        alternatives: [],
      },
      {
        name: 'quiet: no technology (the no-technology rule covers it)',
        build: (b) => b.component('database', 'DB'),
        why: [],
        alternatives: [],
      },
      {
        name: 'one finding per technology, naming every component that runs it',
        build: (b) => {
          b.component('queue', 'Jobs', { technology: 'Amazon SQS' });
          b.component('dead-letter-queue', 'DLQ', { technology: 'amazon sqs' });
        },
        why: ['Amazon SQS (Jobs and DLQ) has no "why this choice"'],
        alternatives: ['Amazon SQS (Jobs and DLQ) has no alternatives considered'],
      },
      {
        name: 'quiet: the why on one component of a technology covers the others (versions ignored)',
        build: (b) => {
          b.component('database', 'Orders DB', {
            technology: 'PostgreSQL 15',
            why: 'ACID',
            alternatives: 'MongoDB',
          });
          b.component('database', 'Reports DB', { technology: 'PostgreSQL 16' });
        },
        why: [],
        alternatives: [],
      },
      {
        name: 'quiet: a typed tech-stack row gives the why and alternatives',
        build: (b) => {
          b.component('queue', 'Jobs', { technology: 'Amazon SQS' });
          b.table('tech-stack', [{ technology: 'SQS', why: 'Managed, has DLQs', considered: 'RabbitMQ' }]);
        },
        why: [],
        alternatives: [],
      },
      {
        name: 'a tech-stack row for another technology does not count',
        build: (b) => {
          b.component('queue', 'Jobs', { technology: 'Amazon SQS' });
          b.table('tech-stack', [{ technology: 'Kafka', why: 'Replay', considered: 'Kinesis' }]);
        },
        why: ['Amazon SQS (Jobs) has no "why this choice"'],
        alternatives: ['Amazon SQS (Jobs) has no alternatives considered'],
      },
    ];
  it.each(cases)('$name', ({ build, why, alternatives }) => {
    const b = new BundleBuilder();
    build(b);
    const bundle = b.build();
    expect(titles(componentNoWhy, bundle)).toEqual(why);
    expect(titles(componentNoAlternatives, bundle)).toEqual(alternatives);
  });

  it('keys by the normalised technology and points at its first component', () => {
    const b = new BundleBuilder();
    const first = b.component('queue', 'Jobs', { technology: 'Amazon SQS' });
    b.component('dead-letter-queue', 'DLQ', { technology: 'Amazon SQS' });
    const [f] = run(componentNoWhy, b.build());
    expect(f?.key).toBe('component.no-why:amazon%20sqs');
    expect(f?.target).toEqual({ type: 'component', diagramId: first.diagramId, id: first.id, field: 'why' });
  });
});
