/**
 * After an import: which components each decision seems to govern, judged by the words of
 * its title and text. Only suggestions; the user confirms them.
 */
import { COMPONENT_CATALOGUE, type Component, type Decision, type Id } from '../../model';

export interface ComponentLinkSuggestion {
  decisionId: Id;
  componentId: Id;
  /** e.g. `title names "PostgreSQL" (technology of Orders DB)`. */
  reason: string;
}

export type LinkableComponent = Pick<Component, 'id' | 'label' | 'technology' | 'diagramId'>;

/** Words too common to link on when they are a component's whole label or technology. */
const GENERIC = new Set(
  [
    'service',
    'services',
    'api',
    'apis',
    'database',
    'databases',
    'db',
    'cache',
    'queue',
    'queues',
    'worker',
    'workers',
    'client',
    'clients',
    'server',
    'servers',
    'app',
    'application',
    'web',
    'frontend',
    'backend',
    'storage',
    'store',
    'function',
    'stream',
    'topic',
    'gateway',
    'system',
    'component',
    'module',
    'data',
    'user',
    'users',
    'node',
    'cluster',
    'external',
    'internal',
    'proxy',
    'ui',
    'mobile',
    'browser',
    ...Object.values(COMPONENT_CATALOGUE).map((c) => c.label),
  ].map((w) => w.toLowerCase()),
);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Terms a component can be named by: its label, its technology, and the technology without a version. */
function termsOf(c: LinkableComponent): { term: string; what: 'label' | 'technology' }[] {
  const out: { term: string; what: 'label' | 'technology' }[] = [];
  const add = (raw: string, what: 'label' | 'technology') => {
    const term = raw.replace(/\s+/g, ' ').trim();
    if (term.length < 3 || GENERIC.has(term.toLowerCase())) return;
    if (!/[\p{L}\p{N}]/u.test(term)) return;
    if (out.some((t) => t.term.toLowerCase() === term.toLowerCase())) return;
    out.push({ term, what });
  };
  add(c.label, 'label');
  for (const part of c.technology.split(/[,;/]|\s\+\s/)) {
    add(part, 'technology');
    add(part.replace(/\s+v?\d[\w.-]*$/i, ''), 'technology');
  }
  return out;
}

function pattern(term: string): RegExp {
  const body = term.split(' ').map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

function decisionText(d: Decision): string {
  return [
    d.context,
    d.rationale,
    d.implementationPlan,
    d.results.outcome,
    ...d.drivers,
    ...d.options.flatMap((o) => [o.title, o.description, ...o.pros, ...o.cons]),
    ...d.consequences.positive,
    ...d.consequences.negative,
    ...d.consequences.tradeOffs,
    ...d.extraSections.flatMap((s) => [s.heading, s.body]),
  ].join('\n');
}

/**
 * A suggestion for each (decision, component) pair where the decision's title or text names
 * the component's label or technology: whole words, case-insensitive; labels and technologies
 * shorter than 3 characters and generic words ("service", "API", "database" alone, the
 * catalogue's default labels) are ignored. Components the decision already links are left
 * out. The reason names the matched word and whether it was found in the title or the text.
 */
export function suggestComponentLinks(
  decisions: readonly Decision[],
  components: readonly LinkableComponent[],
): ComponentLinkSuggestion[] {
  const terms = components.map((c) => ({ c, terms: termsOf(c).map((t) => ({ ...t, re: pattern(t.term) })) }));
  const out: ComponentLinkSuggestion[] = [];
  for (const d of decisions) {
    const text = decisionText(d);
    for (const { c, terms: list } of terms) {
      if (d.componentIds.includes(c.id)) continue;
      let reason: string | null = null;
      for (const where of ['title', 'text'] as const) {
        const hay = where === 'title' ? d.title : text;
        const hit = list.find((t) => t.re.test(hay));
        if (hit) {
          const label = c.label.trim() || 'unnamed component';
          reason =
            hit.what === 'label'
              ? `${where} names "${hit.term}"`
              : `${where} names "${hit.term}" (technology of ${label})`;
          break;
        }
      }
      if (reason) out.push({ decisionId: d.id, componentId: c.id, reason });
    }
  }
  return out;
}
