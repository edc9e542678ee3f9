/**
 * Hash routes:
 * - `#/` home;
 * - `#/cs/<caseStudyId>` a case study's first diagram, `#/cs/<id>/d/<diagramId>` a diagram;
 * - `#/cs/<id>/decisions` the decision log, `#/cs/<id>/decisions/<decisionId>` one decision;
 * - `#/cs/<id>/tradeoffs` trade-off tables and metrics;
 * - `#/cs/<id>/document` the case-study document's fields and a rendered preview;
 * - `#/cs/<id>/review` the readiness review (findings and rubric score).
 */
export type CaseStudyView = 'diagram' | 'decisions' | 'tradeoffs' | 'document' | 'review';

export type Route =
  | { name: 'home' }
  | {
      name: 'case-study';
      caseStudyId: string;
      view: CaseStudyView;
      diagramId: string | null;
      decisionId: string | null;
    };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'cs' || !parts[1]) return { name: 'home' };
  const base = { name: 'case-study' as const, caseStudyId: parts[1], diagramId: null, decisionId: null };
  if (parts[2] === 'decisions') return { ...base, view: 'decisions', decisionId: parts[3] ?? null };
  if (parts[2] === 'tradeoffs') return { ...base, view: 'tradeoffs' };
  if (parts[2] === 'document') return { ...base, view: 'document' };
  if (parts[2] === 'review') return { ...base, view: 'review' };
  return { ...base, view: 'diagram', diagramId: parts[2] === 'd' ? (parts[3] ?? null) : null };
}

const enc = encodeURIComponent;

export function caseStudyHref(caseStudyId: string, diagramId?: string): string {
  return `#/cs/${enc(caseStudyId)}${diagramId ? `/d/${enc(diagramId)}` : ''}`;
}

export function decisionsHref(caseStudyId: string, decisionId?: string): string {
  return `#/cs/${enc(caseStudyId)}/decisions${decisionId ? `/${enc(decisionId)}` : ''}`;
}

export function tradeoffsHref(caseStudyId: string): string {
  return `#/cs/${enc(caseStudyId)}/tradeoffs`;
}

export function documentHref(caseStudyId: string): string {
  return `#/cs/${enc(caseStudyId)}/document`;
}

export function reviewHref(caseStudyId: string): string {
  return `#/cs/${enc(caseStudyId)}/review`;
}

class Router {
  current = $state.raw<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => {
        this.current = parseRoute(location.hash);
      });
    }
  }

  go(href: string): void {
    if (location.hash !== href) location.hash = href;
  }
}

export const router = new Router();

/** A request from another view to select and centre a node or edge once its diagram is shown. */
export const focusRequest = $state<{ id: string | null }>({ id: null });

/** A request from another view to open the Flows panel at a flow of the diagram being shown. */
export const flowRequest = $state<{ id: string | null }>({ id: null });
