/**
 * Small diagrams for drill tests: `const k = kit()`, then `k.service('Orders API')`,
 * `k.sync(a, b, { timeout: { ms: 500 } })`, `k.drill(b)` and `k.state(result, a)`.
 */
import {
  createBoundary,
  createComponent,
  createConnection,
  createFlow,
  createFlowStep,
  type Boundary,
  type BoundaryKind,
  type Component,
  type ComponentKind,
  type Connection,
  type ConnectionMode,
  type Flow,
  type ResiliencePolicies,
} from '../../../src/lib/model';
import { runDrill, type DrillResult, type FailureTarget } from '../../../src/lib/drill';

export type Failable = Component | Boundary | Connection;

export function target(x: Failable): FailureTarget {
  if ('source' in x) return { type: 'connection', id: x.id };
  if ('size' in x) return { type: 'boundary', id: x.id };
  return { type: 'component', id: x.id };
}

export function kit() {
  const caseStudyId = 'cs_kit';
  const diagramId = 'dgm_kit';
  const components: Component[] = [];
  const boundaries: Boundary[] = [];
  const connections: Connection[] = [];
  const flows: Flow[] = [];

  const node = (kind: ComponentKind, label: string, extra: Partial<Component> = {}) => {
    const c = createComponent({ caseStudyId, diagramId, kind, label, ...extra });
    components.push(c);
    return c;
  };
  const link = (
    from: Component | Boundary,
    to: Component | Boundary,
    mode: ConnectionMode,
    policies: ResiliencePolicies = {},
    extra: Partial<Connection> = {},
  ) => {
    const c = createConnection(
      { caseStudyId, diagramId, source: from.id, target: to.id, mode, policies, ...extra },
      'kind' in to && !('size' in to) ? to.kind : undefined,
    );
    connections.push(c);
    return c;
  };
  const input = () => ({ components, boundaries, connections, flows });

  return {
    components,
    boundaries,
    connections,
    flows,
    input,
    node,
    service: (label: string, extra: Partial<Component> = {}) => node('service', label, extra),
    boundary: (label: string, kind: BoundaryKind = 'availability-zone', parent: Boundary | null = null) => {
      const b = createBoundary({ caseStudyId, diagramId, kind, label, parentId: parent?.id ?? null });
      boundaries.push(b);
      return b;
    },
    sync: (
      from: Component | Boundary,
      to: Component | Boundary,
      policies: ResiliencePolicies = {},
      extra = {},
    ) => link(from, to, 'sync', policies, extra),
    async: (
      from: Component | Boundary,
      to: Component | Boundary,
      policies: ResiliencePolicies = {},
      extra = {},
    ) => link(from, to, 'async', policies, extra),
    stream: (
      from: Component | Boundary,
      to: Component | Boundary,
      policies: ResiliencePolicies = {},
      extra = {},
    ) => link(from, to, 'stream', policies, extra),
    flow: (name: string, steps: [Component, Component, Connection | null][]) => {
      const f = createFlow({
        caseStudyId,
        diagramId,
        name,
        order: flows.length,
        steps: steps.map(([from, to, via]) =>
          createFlowStep({
            fromId: from.id,
            toId: to.id,
            mode: via && via.mode !== 'sync' ? 'async' : 'sync',
            connectionId: via?.id ?? null,
          }),
        ),
      });
      flows.push(f);
      return f;
    },
    drill: (...failed: Failable[]) => runDrill(input(), failed.map(target)),
  };
}

export function state(r: DrillResult, c: Component): string | undefined {
  return r.components[c.id]?.state;
}

export function reasons(r: DrillResult, c: Component): string[] {
  return (r.components[c.id]?.reasons ?? []).map((x) => x.text);
}

export function link(r: DrillResult, c: Connection): string | undefined {
  return r.connections[c.id]?.state;
}

/** Every component's state by label, ok ones left out. */
export function affected(r: DrillResult, components: readonly Component[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of components) {
    const s = r.components[c.id]?.state;
    if (s && s !== 'ok') out[c.label] = s;
  }
  return out;
}
