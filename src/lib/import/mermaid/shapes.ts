/**
 * Mermaid node shape → component kind, for flowcharts that do not carry Faultline's `:::kind`
 * classes. Built from the catalogue's `mermaidShape` table read in reverse, where that is
 * unambiguous and the shape is not a generic flowchart shape:
 *
 * - cylinder (`[(…)]`, `@{ shape: cyl }` and the other storage shapes) → database;
 * - trapezoid (`[/…\]`) → load balancer; hexagon (`{{…}}`) → API
 *   gateway (the catalogue also draws CDNs so); parallelogram (`[/…/]`) → cache; the other
 *   parallelogram (`[\…\]`) → search index; asymmetric (`>…]`) → queue (also stream and DLQ);
 * - the new shapes that name a thing: bucket → object storage, cloud → external service,
 *   person / browser / console → client, documents → object storage;
 * - circles → client (a circle usually stands for a user or an actor);
 * - generic shapes stay a service: rectangles, stadiums (`([…])`, the catalogue's client, but a
 *   common process step in flowcharts), rounded boxes (`(…)`, the catalogue's serverless
 *   function, but a plain box in most flowcharts), decisions, and the shapes the catalogue uses
 *   for two kinds that cannot be told apart (subroutine `[[…]]`: worker or external service;
 *   inverted trapezoid `[\…/]`: identity provider or object storage).
 *
 * `specific` shapes win over weak label words ("Users" in a cylinder is a database), generic
 * ones give way to them ("Users" in a circle or a box is a client).
 */
import type { ComponentKind } from '../../model/types';

export interface ShapeRule {
  /** Mermaid vertex types: classic (`cylinder`, `lean_right`) and `@{ shape }` names with aliases. */
  types: readonly string[];
  kind: ComponentKind;
  specific: boolean;
  /** How the shape is written, for the reason ("cylinder shape [(…)]"). */
  shape: string;
}

export const SHAPE_RULES: readonly ShapeRule[] = [
  {
    types: ['cylinder', 'cyl', 'db', 'database'],
    kind: 'database',
    specific: true,
    shape: 'cylinder [(…)]',
  },
  {
    types: ['lin-cyl', 'disk', 'lined-cylinder', 'h-cyl', 'das', 'horizontal-cylinder'],
    kind: 'database',
    specific: true,
    shape: 'storage cylinder',
  },
  {
    types: ['datastore', 'data-store', 'bow-rect', 'stored-data', 'bow-tie-rectangle'],
    kind: 'database',
    specific: true,
    shape: 'data store',
  },
  { types: ['bucket'], kind: 'object-storage', specific: true, shape: 'bucket' },
  {
    types: [
      'doc',
      'document',
      'docs',
      'documents',
      'st-doc',
      'stacked-document',
      'lin-doc',
      'lined-document',
      'tag-doc',
      'tagged-document',
      'folder',
      'directory',
    ],
    kind: 'object-storage',
    specific: false,
    shape: 'document or folder',
  },
  { types: ['cloud'], kind: 'external-service', specific: true, shape: 'cloud' },
  {
    types: ['person', 'browser', 'console'],
    kind: 'client',
    specific: true,
    shape: 'person/browser/console',
  },
  {
    types: ['circle', 'circ', 'doublecircle', 'dbl-circ', 'double-circle', 'ellipse'],
    kind: 'client',
    specific: false,
    shape: 'circle ((…))',
  },
  {
    types: ['curv-trap', 'curved-trapezoid', 'display', 'sl-rect', 'manual-input', 'sloped-rectangle'],
    kind: 'client',
    specific: false,
    shape: 'display/manual input',
  },
  {
    types: ['trapezoid', 'trap-b', 'priority', 'trapezoid-bottom'],
    kind: 'load-balancer',
    specific: false,
    shape: 'trapezoid [/…\\]',
  },
  { types: ['hexagon', 'hex', 'prepare'], kind: 'api-gateway', specific: false, shape: 'hexagon {{…}}' },
  {
    types: ['lean_right', 'lean-r', 'lean-right', 'in-out'],
    kind: 'cache',
    specific: false,
    shape: 'parallelogram [/…/]',
  },
  {
    types: ['win-pane', 'internal-storage', 'window-pane'],
    kind: 'cache',
    specific: false,
    shape: 'internal storage',
  },
  {
    types: ['lean_left', 'lean-l', 'lean-left', 'out-in'],
    kind: 'search-index',
    specific: false,
    shape: 'parallelogram [\\…\\]',
  },
  { types: ['odd', 'rect_left_inv_arrow'], kind: 'queue', specific: false, shape: 'asymmetric >…]' },
];

const BY_TYPE = new Map<string, ShapeRule>(SHAPE_RULES.flatMap((r) => r.types.map((t) => [t, r] as const)));

/** The rule for a Mermaid vertex type, or null for generic shapes (a service). */
export function shapeRule(type: string | null | undefined): ShapeRule | null {
  return type ? (BY_TYPE.get(type) ?? null) : null;
}

/** A readable name for a generic shape, for the reason of the default ("rounded box (…)"). */
export function genericShapeName(type: string | null | undefined): string {
  switch (type ?? 'square') {
    case 'square':
    case 'rect':
    case 'proc':
    case 'process':
    case 'rectangle':
    case 'squareRect':
      return 'box […]';
    case 'round':
    case 'rounded':
    case 'event':
    case 'roundedRect':
      return 'rounded box (…)';
    case 'stadium':
    case 'terminal':
    case 'pill':
      return 'stadium ([…]) (Faultline draws clients so, but it is a common process shape)';
    case 'diamond':
    case 'diam':
    case 'decision':
    case 'question':
      return 'decision {…}';
    case 'subroutine':
    case 'fr-rect':
    case 'subprocess':
    case 'subproc':
    case 'framed-rectangle':
      return 'subroutine [[…]] (worker or external service in Faultline: ambiguous)';
    case 'inv_trapezoid':
    case 'trap-t':
    case 'manual':
    case 'trapezoid-top':
    case 'inv-trapezoid':
      return 'inverted trapezoid [\\…/] (identity provider or object storage in Faultline: ambiguous)';
    default:
      return `${type} shape`;
  }
}
