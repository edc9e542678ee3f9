import { readFileSync } from 'node:fs';
import Mustache from 'mustache';
import { describe, expect, it } from 'vitest';
import {
  createCaseStudy,
  createComponent,
  createDiagram,
  TEMPLATE_IDS,
  type CaseStudyBundle,
} from '../../../src/lib/model';
import { caseStudyTemplatePath, exportCaseStudy, renderCaseStudy } from '../../../src/lib/export/markdown';
import { adrFileNames, buildViewModel } from '../../../src/lib/export/view-model';
import { checkMarkdown } from './check';
import { richBundle, stubRenderers } from './fixture';

const template = (id: string) => readFileSync(`templates/case-study/${id}.md`, 'utf8');

function emptyBundle(): CaseStudyBundle {
  const caseStudy = createCaseStudy({ title: '' });
  return {
    caseStudy,
    diagrams: [],
    components: [],
    boundaries: [],
    connections: [],
    decisions: [],
    tables: [],
    metrics: [],
    flows: [],
  };
}

describe('the view model', () => {
  it('is plain data with a has… flag for every optional section', () => {
    const vm = buildViewModel(richBundle(), stubRenderers);
    expect(vm).toMatchObject({
      hasGoals: true,
      hasNonGoals: true,
      hasTechStack: true,
      hasDiagrams: true,
      hasFlows: true,
      hasErrorFlow: true,
      hasChallenges: true,
      hasDecisions: true,
      hasMetrics: true,
      hasTables: true,
      hasFailureModes: true,
    });
    expect(JSON.parse(JSON.stringify(vm))).toEqual(vm);
    expect(vm.decisions.map((d) => d.number)).toEqual(['TDR-001', 'TDR-002', 'TDR-003']);
    expect(vm.decisions[1]).toMatchObject({
      chosen: 'PostgreSQL',
      status: 'accepted',
      file: '0002-postgresql-over-mongodb-for-orders.md',
      href: '',
    });
    expect(vm.decisions[0]?.status).toBe('superseded by TDR-002');
    expect(vm.metrics[0]?.phrase).toBe('Checkout p95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)');
    expect(vm.flows.map((f) => [f.kindLabel, f.failures.length])).toEqual([
      ['happy path', 0],
      ['error path', 2],
    ]);
  });

  it('lists a failure mode for each component something depends on, diagram by diagram', () => {
    const vm = buildViewModel(richBundle(), stubRenderers);
    // Clients, and components nothing depends on (the DLQ, the CDN…), have no row.
    expect(vm.failureModes.map((r) => r.component)).toEqual([
      'API gateway',
      'Checkout service',
      'Orders DB',
      'Payment jobs',
      'Payment worker',
      'Stripe',
      'Price cache',
      'Load balancer',
      'Sign-in',
      'Thumbnailer',
      'Product search',
    ]);
    expect(vm.failureModes.find((r) => r.component === 'Stripe')).toEqual({
      component: 'Stripe',
      failure: 'External service down or unreachable',
      impact: 'Degraded: Payment worker<br>Flows degraded: Place an order (step 6), Stripe is down (step 2)',
      mitigation:
        'Fallback on Payment worker → Stripe: Mark order "payment pending" and retry later<br>Circuit breaker on Payment worker → Stripe fails fast<br>Timeout on Payment worker → Stripe (3 s)',
      gap: '—',
    });
  });

  it('escapes failure-mode cells like every other table cell', () => {
    const b = richBundle();
    const db = b.components.find((c) => c.label === 'Orders DB');
    if (!db) throw new Error('fixture changed');
    db.label = 'Orders | DB *primary*';
    const row = buildViewModel(b).failureModes.find((r) => r.component.startsWith('Orders'));
    expect(row?.component).toBe('Orders \\| DB \\*primary\\*');
    expect(row?.gap).toContain('No fallback on Checkout service → Orders \\| DB \\*primary\\*');
  });

  it('suffixes diagrams that share a name, and names unnamed ones', () => {
    const b = richBundle();
    const [first, second, third] = b.diagrams;
    if (!first || !second || !third) throw new Error('fixture changed');
    second.name = first.name;
    third.name = '  ';
    const vm = buildViewModel(b, stubRenderers);
    expect(vm.diagrams.map((d) => d.name)).toEqual(['Checkout', 'Checkout (2)', 'Diagram 3']);
  });

  it('leaves diagrams out without a flowchart renderer unless they have failure paths or policies', () => {
    const vm = buildViewModel(richBundle(), {});
    expect(vm.diagrams.map((d) => [d.name, d.hasMermaid])).toEqual([
      ['Checkout', false],
      ['Edge and search', false],
    ]);
    expect(vm.flows.every((f) => !f.hasMermaid && f.steps.length > 0)).toBe(true);
  });

  it('derives the tech stack from the components when the case study has no table', () => {
    const b = richBundle();
    b.tables = b.tables.filter((t) => t.kind !== 'tech-stack');
    const vm = buildViewModel(b);
    expect(vm.techStack[0]).toEqual({
      layer: 'API gateway',
      technology: 'Kong',
      why: '—',
      considered: '—',
    });
  });

  it('gives ADR files unique names even when numbers and titles repeat', () => {
    const b = richBundle();
    const [a, c] = b.decisions;
    if (!a || !c) throw new Error('fixture changed');
    const copy = { ...a, id: 'dec_copy' };
    expect([...adrFileNames([a, copy, c]).values()]).toEqual([
      '0001-store-orders-in-mongodb.md',
      '0001-store-orders-in-mongodb-2.md',
      '0002-postgresql-over-mongodb-for-orders.md',
    ]);
  });
});

describe('rendering', () => {
  it('omits every empty section: an empty case study is just its title', () => {
    for (const id of TEMPLATE_IDS) {
      const text = renderCaseStudy(template(id), buildViewModel(emptyBundle(), stubRenderers));
      expect(text, id).toBe('# Untitled case study\n');
    }
  });

  it('keeps sections that have content and nothing else', () => {
    const b = emptyBundle();
    b.caseStudy.sections = { situation: 'It was slow.' };
    b.caseStudy.role = 'Lead';
    const text = renderCaseStudy(template('star-plus'), buildViewModel(b));
    expect(text).toBe('# Untitled case study\n\n- **Role:** Lead\n\n## Situation\n\nIt was slow.\n');
  });

  it('does not HTML-escape and leaves Mustache’s global escape alone', () => {
    const before = Mustache.escape;
    const b = emptyBundle();
    b.caseStudy.title = 'Tom & Jerry "quoted"';
    const text = renderCaseStudy(template('case-study-guide'), buildViewModel(b));
    expect(text).toBe('# Tom & Jerry "quoted"\n');
    expect(Mustache.escape).toBe(before);
    expect(Mustache.render('{{x}}', { x: '<' })).toBe('&lt;');
  });

  it('never writes the template comment into the document', () => {
    for (const id of TEMPLATE_IDS) {
      const text = exportCaseStudy(richBundle(), template(id), stubRenderers).text;
      expect(text).not.toContain('docs/templates.md');
      expect(text).not.toContain('{{');
    }
  });

  it('names the file after the title', () => {
    expect(exportCaseStudy(richBundle(), template('star-plus')).fileName).toBe('checkout-at-scale.md');
    expect(caseStudyTemplatePath('star-plus')).toBe('/templates/case-study/star-plus.md');
  });

  it('shows failure modes in the guide once the view model has them', () => {
    const vm = buildViewModel(emptyBundle());
    vm.failureModes = [
      {
        component: 'Orders DB',
        failure: 'Primary fails',
        impact: 'No checkout',
        mitigation: 'Failover',
        gap: 'No fallback',
      },
    ];
    vm.hasFailureModes = true;
    expect(renderCaseStudy(template('case-study-guide'), vm)).toContain(
      '## Failure modes\n\n| Component | Failure | Impact | Mitigation in place | Gap |\n| --- | --- | --- | --- | --- |\n| Orders DB | Primary fails | No checkout | Failover | No fallback |\n',
    );
  });

  it('keeps an empty diagram out of the document', () => {
    const b = emptyBundle();
    const d = createDiagram({ caseStudyId: b.caseStudy.id, name: 'Empty' });
    const full = createDiagram({ caseStudyId: b.caseStudy.id, name: 'Full', order: 1 });
    b.diagrams = [d, full];
    b.components = [
      createComponent({ caseStudyId: b.caseStudy.id, diagramId: full.id, kind: 'service', label: 'API' }),
    ];
    const text = renderCaseStudy(template('case-study-guide'), buildViewModel(b, stubRenderers));
    expect(checkMarkdown(text).headings.map((h) => h.text)).toEqual([
      'Untitled case study',
      'Architecture',
      'Full',
    ]);
  });
});

describe('the templates', () => {
  /** Every name a template uses, with the list sections it is nested in. */
  function names(tokens: unknown[], path: string[] = [], out: { name: string; path: string[] }[] = []) {
    for (const t of tokens as [string, string, number, number, unknown[]?][]) {
      const [type, name, , , children] = t;
      if (type === 'text') continue;
      if (type === 'name' || type === '&' || type === '#' || type === '^') out.push({ name, path });
      if ((type === '#' || type === '^') && children) names(children, [...path, name], out);
    }
    return out;
  }

  it('use only fields of the view model', () => {
    const model = buildViewModel(richBundle(), stubRenderers);
    expect(model.failureModes.length).toBeGreaterThan(0);
    const vm = model as unknown as Record<string, unknown>;
    const resolve = (path: string[], name: string): boolean => {
      // Look the name up from the innermost section outwards, as Mustache does; a list
      // section is any of its items.
      const scopes: object[] = [vm];
      let level: object[] = [vm];
      for (const p of path) {
        level = level.flatMap((s) => {
          const value = (s as Record<string, unknown>)[p];
          // A boolean or string section keeps the context it is in.
          if (typeof value !== 'object' || value === null) return [s];
          const items: unknown[] = Array.isArray(value) ? value : [value];
          return items.filter((x): x is object => typeof x === 'object' && x !== null);
        });
        scopes.push(...level);
      }
      return scopes.some((s) => name in s);
    };
    for (const id of TEMPLATE_IDS) {
      for (const { name, path } of names(Mustache.parse(template(id)))) {
        expect(resolve(path, name), `${id}: {{${name}}} inside ${path.join(' > ') || 'the top level'}`).toBe(
          true,
        );
      }
    }
  });

  it('each have the metadata header and embed diagrams and flows as mermaid blocks', () => {
    for (const id of TEMPLATE_IDS) {
      const text = template(id);
      for (const field of ['role', 'duration', 'teamSize', 'technologies'])
        expect(text, id).toContain(`{{{${field}}}}`);
      expect(text.match(/```mermaid\n\{\{\{mermaid\}\}\}\n```/g), id).toHaveLength(2);
    }
  });
});
