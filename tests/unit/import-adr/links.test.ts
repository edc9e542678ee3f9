import { describe, expect, it } from 'vitest';
import { importAdrFiles, suggestComponentLinks, type LinkableComponent } from '../../../src/lib/import/adr';
import { createDecision } from '../../../src/lib/model';

const caseStudyId = 'cs_test';
const diagramId = 'dgm_main';
const component = (id: string, label: string, technology = ''): LinkableComponent => ({
  id,
  label,
  technology,
  diagramId,
});

const components = [
  component('cmp_orders', 'Orders DB', 'PostgreSQL 15'),
  component('cmp_service', 'Service'),
  component('cmp_db', 'DB', 'Redis'),
  component('cmp_api', 'API', 'Kong'),
  component('cmp_checkout', 'Checkout service', 'Node.js'),
  component('cmp_gateway', 'API gateway'),
  component('cmp_queue', 'Payments queue', 'Amazon SQS / SNS'),
];

describe('suggestComponentLinks', () => {
  it('suggests components whose label or technology the title or text names, saying why', () => {
    const d = createDecision({
      caseStudyId,
      number: 1,
      title: 'Use PostgreSQL for orders',
      context: 'The checkout service writes orders; the service talks to the API gateway through Kong.',
      rationale: 'Redisson is not Redis; SNS fans out.',
    });
    expect(suggestComponentLinks([d], components)).toEqual([
      {
        decisionId: d.id,
        componentId: 'cmp_orders',
        reason: 'title names "PostgreSQL" (technology of Orders DB)',
      },
      { decisionId: d.id, componentId: 'cmp_db', reason: 'text names "Redis" (technology of DB)' },
      { decisionId: d.id, componentId: 'cmp_api', reason: 'text names "Kong" (technology of API)' },
      { decisionId: d.id, componentId: 'cmp_checkout', reason: 'text names "Checkout service"' },
      {
        decisionId: d.id,
        componentId: 'cmp_queue',
        reason: 'text names "SNS" (technology of Payments queue)',
      },
    ]);
  });

  it('ignores generic and short labels, partial words, and components already linked', () => {
    const d = createDecision({
      caseStudyId,
      number: 1,
      title: 'One API, one service, one database, one DB',
      context: 'PostgreSQLish names and Kongs do not count.',
      componentIds: ['cmp_checkout'],
      rationale: 'Checkout service again.',
    });
    expect(suggestComponentLinks([d], components)).toEqual([]);
  });

  it('works on imported decisions: words in options, consequences and extra sections count', () => {
    const r = importAdrFiles(
      [
        {
          name: '0001-queue.md',
          text: [
            '# Queue for payments',
            '',
            '## Considered Options',
            '',
            '* Amazon SQS',
            '* Kafka',
            '',
            '## Decision Outcome',
            '',
            'Chosen option: "Amazon SQS", because it is managed.',
            '',
            '## More Information',
            '',
            '* Governs components: Orders DB',
          ].join('\n'),
        },
      ],
      { caseStudyId, existingDecisions: [] },
    );
    const [d] = r.decisions;
    if (!d) throw new Error('not imported');
    expect(suggestComponentLinks(r.decisions, components).map((s) => [s.componentId, s.reason])).toEqual([
      ['cmp_orders', 'text names "Orders DB"'],
      ['cmp_queue', 'text names "Amazon SQS" (technology of Payments queue)'],
    ]);
  });
});
