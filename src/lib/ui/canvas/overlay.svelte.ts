/**
 * What the canvas draws on top of the diagram without changing it: the blast radius of a
 * failure drill and the readiness-review markers. The diagram view derives the drill and
 * ReviewMarkers fills the findings; nodes and edges read both through context.
 */
import type { ComponentImpact, ConnectionImpact, DrillResult } from '../../drill';
import type { Finding } from '../../review';
import type { Id } from '../../model/types';
import { NO_FINDINGS } from './overlay-data';

export const OVERLAY_CONTEXT = Symbol('faultline-canvas-overlay');

/**
 * While an image of the diagram is drawn: every node and edge in full detail, whatever the
 * zoom (the level of detail leaves text out below 0.45 and renders only what is on screen when
 * zoomed in on big diagrams).
 */
export const fullDetail = $state({ on: false });

export class CanvasOverlay {
  /** `drill` reads the running drill's result (derived by the diagram view), null when none runs. */
  constructor(private readonly currentDrill: () => DrillResult | null) {}

  get drill(): DrillResult | null {
    return this.currentDrill();
  }
  /** Open review findings by the id of the component, boundary or connection they are about. */
  findings = $state.raw<ReadonlyMap<Id, readonly Finding[]>>(NO_FINDINGS);

  component(id: Id): ComponentImpact | null {
    return this.drill?.components[id] ?? null;
  }

  connection(id: Id): ConnectionImpact | null {
    return this.drill?.connections[id] ?? null;
  }

  boundaryFailed(id: Id): boolean {
    return this.drill?.boundaries[id] === 'failed';
  }

  findingsFor(id: Id): readonly Finding[] {
    return this.findings.get(id) ?? [];
  }
}

/** Short tags for the node in a drill (the colour is never the only cue). */
export const DRILL_TAGS: Record<ComponentImpact['state'], string> = {
  failed: 'Failed',
  down: 'Loses service',
  degraded: 'Degraded',
  buffering: 'Buffering',
  'receives-failed-work': 'Gets failed work',
  ok: '',
};

/** "2 review findings: Orders queue has no dead-letter target or retry; …". */
export function findingsLabel(findings: readonly Finding[]): string {
  const n = findings.length;
  return `${n} review finding${n === 1 ? '' : 's'}: ${findings.map((f) => f.title).join('; ')}`;
}
