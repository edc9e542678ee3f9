/** Hash routes: `#/` home, `#/cs/<caseStudyId>` one case study (optionally `/d/<diagramId>`). */
export type Route = { name: 'home' } | { name: 'case-study'; caseStudyId: string; diagramId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'cs' && parts[1]) {
    return { name: 'case-study', caseStudyId: parts[1], diagramId: parts[2] === 'd' ? (parts[3] ?? null) : null };
  }
  return { name: 'home' };
}

export function caseStudyHref(caseStudyId: string, diagramId?: string): string {
  return `#/cs/${encodeURIComponent(caseStudyId)}${diagramId ? `/d/${encodeURIComponent(diagramId)}` : ''}`;
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
