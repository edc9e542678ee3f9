/**
 * Valibot schemas for every stored and imported record. Strict types for what we write
 * (types.ts), schemas for what we read: IndexedDB rows written by older code, backup files,
 * imports. `validateRecord` never throws; it returns the issues with their paths.
 */
import * as v from 'valibot';
import {
  BOUNDARY_KINDS,
  COMPONENT_KINDS,
  CONNECTION_MODES,
  DECISION_STATUSES,
  LAYOUT_DIRECTIONS,
  SECTION_KEYS,
  TABLE_KINDS,
  TEMPLATE_IDS,
  type Boundary,
  type CaseStudy,
  type Component,
  type Connection,
  type Decision,
  type Diagram,
  type Flow,
  type Metric,
  type TradeOffTable,
} from './types';

const finite = v.pipe(v.number(), v.finite());
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));
const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));

const prefixedId = (prefix: string) =>
  v.pipe(
    v.string(),
    v.regex(new RegExp(`^${prefix}_[A-Za-z0-9_-]+$`), `must be an id starting with "${prefix}_"`),
  );
/** Any record id (references may point at components or boundaries). */
const anyId = v.pipe(v.string(), v.regex(/^[a-z]+_[A-Za-z0-9_-]+$/, 'must be a prefixed id'));
const DATE_MESSAGE = 'must be a date as YYYY-MM-DD, or empty';
// The message is given to isoDate too: for a string that is not a date, valibot's union
// reports the isoDate issue, not the union's own message.
const isoDateOrEmpty = v.union([v.literal(''), v.pipe(v.string(), v.isoDate(DATE_MESSAGE))], DATE_MESSAGE);

export const XYSchema = v.object({ x: finite, y: finite });
export const SizeSchema = v.object({ width: nonNegative, height: nonNegative });
export const ViewportSchema = v.object({ x: finite, y: finite, zoom: v.pipe(finite, v.minValue(0.001)) });

export const PoliciesSchema = v.object({
  timeout: v.optional(v.object({ ms: nonNegative })),
  retry: v.optional(
    v.object({
      maxAttempts: positiveInt,
      baseDelayMs: nonNegative,
      maxDelayMs: nonNegative,
      jitter: v.picklist(['none', 'full', 'equal', 'decorrelated']),
    }),
  ),
  circuitBreaker: v.optional(
    v.object({
      failureThreshold: positiveInt,
      resetTimeoutMs: nonNegative,
      halfOpenProbes: positiveInt,
    }),
  ),
  fallback: v.optional(v.object({ description: v.string() })),
  rateLimit: v.optional(v.object({ requestsPerSecond: nonNegative, burst: nonNegative })),
  bulkhead: v.optional(v.object({ maxConcurrent: positiveInt, maxQueue: nonNegative })),
  idempotency: v.optional(v.object({ keySource: v.string() })),
  deadLetter: v.optional(v.object({ targetId: v.union([v.literal(''), anyId]), maxDeliveries: positiveInt })),
});

const sectionsEntries = Object.fromEntries(SECTION_KEYS.map((k) => [k, v.optional(v.string())])) as {
  [K in (typeof SECTION_KEYS)[number]]: v.OptionalSchema<v.StringSchema<undefined>, undefined>;
};

export const CaseStudySchema = v.object({
  id: prefixedId('cs'),
  title: v.string(),
  oneLiner: v.string(),
  role: v.string(),
  duration: v.string(),
  teamSize: v.string(),
  technologies: v.array(v.string()),
  links: v.array(v.object({ label: v.string(), url: v.string() })),
  template: v.picklist(TEMPLATE_IDS),
  sections: v.object(sectionsEntries),
  goals: v.array(v.object({ id: v.string(), text: v.string() })),
  nonGoals: v.array(v.object({ id: v.string(), text: v.string(), why: v.string() })),
  lastDecisionNumber: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  reviewDismissals: v.optional(v.array(v.object({ key: v.string(), reason: v.string(), at: finite }))),
  createdAt: finite,
  updatedAt: finite,
});

export const DiagramSchema = v.object({
  id: prefixedId('dgm'),
  caseStudyId: prefixedId('cs'),
  name: v.string(),
  direction: v.picklist(LAYOUT_DIRECTIONS),
  order: finite,
  viewport: v.nullable(ViewportSchema),
  updatedAt: finite,
});

export const ComponentSchema = v.object({
  id: prefixedId('cmp'),
  caseStudyId: prefixedId('cs'),
  diagramId: prefixedId('dgm'),
  kind: v.picklist(COMPONENT_KINDS),
  label: v.string(),
  technology: v.string(),
  why: v.string(),
  alternatives: v.string(),
  notes: v.string(),
  parentId: v.nullable(prefixedId('bnd')),
  position: XYSchema,
  policies: PoliciesSchema,
  updatedAt: finite,
});

export const BoundarySchema = v.object({
  id: prefixedId('bnd'),
  caseStudyId: prefixedId('cs'),
  diagramId: prefixedId('dgm'),
  kind: v.picklist(BOUNDARY_KINDS),
  label: v.string(),
  notes: v.string(),
  parentId: v.nullable(prefixedId('bnd')),
  position: XYSchema,
  size: SizeSchema,
  updatedAt: finite,
});

export const ConnectionSchema = v.object({
  id: prefixedId('con'),
  caseStudyId: prefixedId('cs'),
  diagramId: prefixedId('dgm'),
  source: anyId,
  target: anyId,
  sourceHandle: v.nullable(v.string()),
  targetHandle: v.nullable(v.string()),
  label: v.string(),
  mode: v.picklist(CONNECTION_MODES),
  failurePath: v.boolean(),
  policies: PoliciesSchema,
  notes: v.string(),
  updatedAt: finite,
});

const stringList = v.array(v.string());

export const DecisionSchema = v.object({
  id: prefixedId('dec'),
  caseStudyId: prefixedId('cs'),
  number: positiveInt,
  title: v.string(),
  status: v.picklist(DECISION_STATUSES),
  date: isoDateOrEmpty,
  deciders: stringList,
  stakeholders: stringList,
  context: v.string(),
  drivers: stringList,
  options: v.array(
    v.object({
      id: prefixedId('opt'),
      title: v.string(),
      description: v.string(),
      pros: stringList,
      cons: stringList,
    }),
  ),
  chosenOptionId: v.nullable(prefixedId('opt')),
  rationale: v.string(),
  consequences: v.object({ positive: stringList, negative: stringList, tradeOffs: stringList }),
  implementationPlan: v.string(),
  results: v.object({ outcome: v.string(), date: isoDateOrEmpty }),
  componentIds: v.array(anyId),
  connectionIds: v.array(prefixedId('con')),
  supersedes: v.nullable(prefixedId('dec')),
  supersededBy: v.nullable(prefixedId('dec')),
  extraSections: v.array(v.object({ heading: v.string(), body: v.string() })),
  sourceFile: v.string(),
  updatedAt: finite,
});

export const TableSchema = v.object({
  id: prefixedId('tbl'),
  caseStudyId: prefixedId('cs'),
  kind: v.picklist(TABLE_KINDS),
  title: v.string(),
  owner: v.variant('type', [
    v.object({ type: v.literal('case-study'), id: prefixedId('cs') }),
    v.object({ type: v.literal('component'), id: anyId }),
    v.object({ type: v.literal('decision'), id: prefixedId('dec') }),
  ]),
  columns: v.array(v.object({ id: v.string(), name: v.string() })),
  rows: v.array(
    v.object({
      id: v.string(),
      cells: v.record(v.string(), v.string()),
      componentId: v.optional(anyId),
    }),
  ),
  matrix: v.nullable(
    v.object({
      criteria: v.array(v.object({ id: v.string(), name: v.string(), weight: nonNegative })),
      scores: v.record(v.string(), v.record(v.string(), v.pipe(finite, v.minValue(0), v.maxValue(5)))),
    }),
  ),
  excludedComponentIds: v.array(anyId),
  order: finite,
  updatedAt: finite,
});

export const MetricSchema = v.object({
  id: prefixedId('met'),
  caseStudyId: prefixedId('cs'),
  name: v.string(),
  before: v.nullable(finite),
  after: v.nullable(finite),
  unit: v.string(),
  direction: v.picklist(['lower-is-better', 'higher-is-better']),
  period: v.string(),
  howMeasured: v.string(),
  order: finite,
  updatedAt: finite,
});

export const FlowSchema = v.object({
  id: prefixedId('flw'),
  caseStudyId: prefixedId('cs'),
  diagramId: prefixedId('dgm'),
  name: v.string(),
  kind: v.picklist(['happy', 'error']),
  steps: v.array(
    v.object({
      id: v.string(),
      fromId: anyId,
      toId: anyId,
      message: v.string(),
      mode: v.picklist(['sync', 'async']),
      failureNote: v.string(),
      connectionId: v.nullable(prefixedId('con')),
    }),
  ),
  order: finite,
  updatedAt: finite,
});

/** Record kinds, named as the Dexie tables and the backup's arrays are. */
export const RECORD_SCHEMAS = {
  caseStudies: CaseStudySchema,
  diagrams: DiagramSchema,
  components: ComponentSchema,
  boundaries: BoundarySchema,
  connections: ConnectionSchema,
  decisions: DecisionSchema,
  tables: TableSchema,
  metrics: MetricSchema,
  flows: FlowSchema,
} as const;

export type RecordKind = keyof typeof RECORD_SCHEMAS;

export interface RecordTypes {
  caseStudies: CaseStudy;
  diagrams: Diagram;
  components: Component;
  boundaries: Boundary;
  connections: Connection;
  decisions: Decision;
  tables: TradeOffTable;
  metrics: Metric;
  flows: Flow;
}

// Compile-time proof that each schema's output is exactly assignable to its record type.
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _SchemasMatchTypes = Assert<
  Same<
    { [K in RecordKind]: v.InferOutput<(typeof RECORD_SCHEMAS)[K]> },
    { [K in RecordKind]: RecordTypes[K] }
  >
>;

export interface ValidationIssue {
  /** Dotted path inside the record, e.g. "position.x" or "options[2].title" ("" for the whole). */
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describe(issue: v.BaseIssue<unknown>): string {
  // Valibot's messages read "Invalid type: Expected string but received 3"; keep them, they name the problem.
  return issue.message;
}

/** Validate one record of a kind; never throws. */
export function validateRecord<K extends RecordKind>(
  kind: K,
  value: unknown,
): ValidationResult<RecordTypes[K]> {
  const result = v.safeParse(RECORD_SCHEMAS[kind], value);
  if (result.success) return { ok: true, value: result.output as RecordTypes[K] };
  return {
    ok: false,
    issues: result.issues.map((i) => ({ path: pathOf(i), message: describe(i) })),
  };
}

/** "position.x: Invalid type: Expected number but received "a"" */
export function formatIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
