/**
 * Faultline's domain model: plain data, no behaviour, no Svelte/Dexie/DOM.
 *
 * Every record has a globally unique, type-prefixed string id (see ids.ts) and an
 * `updatedAt` (epoch milliseconds), so that a later sync engine needs no re-keying.
 * Records are normalised: children point at their parents by id (`caseStudyId`,
 * `diagramId`, `parentId`), never the other way round, so an edit writes only the
 * rows it changed.
 */

export type Id = string;

/** Epoch milliseconds. */
export type Timestamp = number;

export interface XY {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

// ---------------------------------------------------------------------------
// Resilience policies: first-class parts of components and connections.
// ---------------------------------------------------------------------------

export type JitterKind = 'none' | 'full' | 'equal' | 'decorrelated';

export interface TimeoutPolicy {
  ms: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  jitter: JitterKind;
}

export interface CircuitBreakerPolicy {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long the breaker stays open before letting probes through. */
  resetTimeoutMs: number;
  /** Probe calls allowed while half-open. */
  halfOpenProbes: number;
}

export interface FallbackPolicy {
  /** What the caller does instead, e.g. "serve cached prices". */
  description: string;
}

export interface RateLimitPolicy {
  requestsPerSecond: number;
  burst: number;
}

export interface BulkheadPolicy {
  maxConcurrent: number;
  maxQueue: number;
}

export interface IdempotencyPolicy {
  /** Where the idempotency key comes from, e.g. "Idempotency-Key header". */
  keySource: string;
}

export interface DeadLetterPolicy {
  /** Id of the dead letter queue component that receives failed work ('' until chosen). */
  targetId: Id;
  /** Deliveries before a message is dead-lettered. */
  maxDeliveries: number;
}

/** Every policy is optional: absent means "not in place". */
export interface ResiliencePolicies {
  timeout?: TimeoutPolicy;
  retry?: RetryPolicy;
  circuitBreaker?: CircuitBreakerPolicy;
  fallback?: FallbackPolicy;
  rateLimit?: RateLimitPolicy;
  bulkhead?: BulkheadPolicy;
  idempotency?: IdempotencyPolicy;
  deadLetter?: DeadLetterPolicy;
}

export type PolicyKind = keyof ResiliencePolicies;

// ---------------------------------------------------------------------------
// Catalogue keys (the catalogue itself lives in catalogue.ts).
// ---------------------------------------------------------------------------

export const COMPONENT_KINDS = [
  'client',
  'cdn',
  'load-balancer',
  'api-gateway',
  'identity-provider',
  'service',
  'worker',
  'function',
  'database',
  'cache',
  'object-storage',
  'search-index',
  'queue',
  'stream',
  'dead-letter-queue',
  'external-service',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export const BOUNDARY_KINDS = [
  'region',
  'availability-zone',
  'trust-boundary',
  'failure-domain',
  'bounded-context',
  'vpc',
] as const;
export type BoundaryKind = (typeof BOUNDARY_KINDS)[number];

export const CONNECTION_MODES = ['sync', 'async', 'stream'] as const;
export type ConnectionMode = (typeof CONNECTION_MODES)[number];

export const LAYOUT_DIRECTIONS = ['LR', 'TB', 'RL', 'BT'] as const;
export type LayoutDirection = (typeof LAYOUT_DIRECTIONS)[number];

export const DECISION_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const TEMPLATE_IDS = ['star-plus', 'problem-solution-impact', 'case-study-guide'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Free-text sections of a case study that the document templates fill. */
export const SECTION_KEYS = [
  'overview',
  'situation',
  'task',
  'action',
  'result',
  'problem',
  'solution',
  'impact',
  'leadershipImpact',
  'tradeOffAnalysis',
  'keyFeatures',
  'bestPractices',
  'lessonsLearned',
  'futureApplications',
  'nextSteps',
  'conclusion',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

// ---------------------------------------------------------------------------
// Records.
// ---------------------------------------------------------------------------

export interface Link {
  label: string;
  url: string;
}

export interface Goal {
  id: Id;
  text: string;
}

export interface NonGoal {
  id: Id;
  text: string;
  /** Why it is out of scope. */
  why: string;
}

/**
 * A readiness-review finding the user dismissed. `key` is the finding's stable key
 * (`findingKey` in rekey.ts: rule id and subject ids); a dismissal whose finding no longer
 * fires is kept, inactive, and applies again if the finding comes back.
 */
export interface ReviewDismissal {
  key: string;
  /** Why it does not apply, in the user's words. */
  reason: string;
  at: Timestamp;
}

/** The workspace a user opens. */
export interface CaseStudy {
  id: Id; // cs_…
  title: string;
  /** One-line value proposition. */
  oneLiner: string;
  role: string;
  duration: string;
  teamSize: string;
  technologies: string[];
  links: Link[];
  template: TemplateId;
  sections: Partial<Record<SectionKey, string>>;
  goals: Goal[];
  nonGoals: NonGoal[];
  /** Highest decision number ever given out here, so a deleted number is never reused (absent in old data). */
  lastDecisionNumber?: number;
  /** Readiness-review findings the user dismissed, with a reason (absent in old data). */
  reviewDismissals?: ReviewDismissal[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface Diagram {
  id: Id; // dgm_…
  caseStudyId: Id;
  name: string;
  direction: LayoutDirection;
  /** Position among the case study's diagram tabs (ascending). */
  order: number;
  /** Last viewport; session-like, never part of undo. */
  viewport: Viewport | null;
  updatedAt: Timestamp;
}

/** A node on the canvas. */
export interface Component {
  id: Id; // cmp_…
  caseStudyId: Id;
  diagramId: Id;
  kind: ComponentKind;
  label: string;
  /** e.g. "PostgreSQL 15". */
  technology: string;
  /** Why this choice. */
  why: string;
  /** Alternatives considered. */
  alternatives: string;
  notes: string;
  /** Id of the boundary that contains it, or null. Position is then relative to it. */
  parentId: Id | null;
  position: XY;
  policies: ResiliencePolicies;
  updatedAt: Timestamp;
}

/** A group node that contains components and other boundaries. */
export interface Boundary {
  id: Id; // bnd_…
  caseStudyId: Id;
  diagramId: Id;
  kind: BoundaryKind;
  label: string;
  notes: string;
  parentId: Id | null;
  position: XY;
  size: Size;
  updatedAt: Timestamp;
}

/** An edge between two components (or boundaries). */
export interface Connection {
  id: Id; // con_…
  caseStudyId: Id;
  diagramId: Id;
  source: Id;
  target: Id;
  sourceHandle: string | null;
  targetHandle: string | null;
  /** The message or endpoint, e.g. "POST /checkout". */
  label: string;
  mode: ConnectionMode;
  /** Drawn in the error style: this is where failed work goes. */
  failurePath: boolean;
  policies: ResiliencePolicies;
  notes: string;
  updatedAt: Timestamp;
}

export interface DecisionOption {
  id: Id; // opt_…
  title: string;
  description: string;
  pros: string[];
  cons: string[];
}

export interface DecisionConsequences {
  positive: string[];
  negative: string[];
  /** Trade-offs explicitly accepted. */
  tradeOffs: string[];
}

export interface DecisionResults {
  outcome: string;
  /** ISO date (YYYY-MM-DD) or ''. */
  date: string;
}

/** A section of an imported ADR that the model does not have a field for; never dropped. */
export interface ExtraSection {
  heading: string;
  body: string;
}

/** A technical decision record (TDR / ADR). */
export interface Decision {
  id: Id; // dec_…
  caseStudyId: Id;
  /** Stable number within the case study (TDR-001…); never reused or renumbered. */
  number: number;
  title: string;
  status: DecisionStatus;
  /** ISO date (YYYY-MM-DD) or ''. */
  date: string;
  deciders: string[];
  stakeholders: string[];
  context: string;
  drivers: string[];
  options: DecisionOption[];
  chosenOptionId: Id | null;
  rationale: string;
  consequences: DecisionConsequences;
  implementationPlan: string;
  results: DecisionResults;
  /** Components this decision governs (multi-entry index). */
  componentIds: Id[];
  /** Connections this decision governs (multi-entry index). */
  connectionIds: Id[];
  /** Id of the decision this one supersedes, or null. */
  supersedes: Id | null;
  /** Id of the decision that superseded this one, or null. */
  supersededBy: Id | null;
  extraSections: ExtraSection[];
  /** File name it was imported from, if any (real repositories reuse numbers). */
  sourceFile: string;
  updatedAt: Timestamp;
}

export const TABLE_KINDS = ['tech-stack', 'challenges', 'matrix', 'custom'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

export interface TableColumn {
  id: Id; // col_…
  name: string;
}

export interface TableRow {
  id: Id; // row_…
  /** Column id → cell text. */
  cells: Record<Id, string>;
  /** For tech-stack rows derived from a component. */
  componentId?: Id;
}

export interface MatrixCriterion {
  id: Id; // crit_…
  name: string;
  weight: number;
}

export interface DecisionMatrix {
  criteria: MatrixCriterion[];
  /** criterion id → option id → score 1–5. */
  scores: Record<Id, Record<Id, number>>;
}

export type TableOwner =
  { type: 'case-study'; id: Id } | { type: 'component'; id: Id } | { type: 'decision'; id: Id };

/** A trade-off table: tech stack, challenges, weighted decision matrix or custom. */
export interface TradeOffTable {
  id: Id; // tbl_…
  caseStudyId: Id;
  kind: TableKind;
  title: string;
  owner: TableOwner;
  columns: TableColumn[];
  rows: TableRow[];
  /** Only for kind 'matrix'. */
  matrix: DecisionMatrix | null;
  /** Tech stack: components left out of the derived rows. */
  excludedComponentIds: Id[];
  order: number;
  updatedAt: Timestamp;
}

export type MetricDirection = 'lower-is-better' | 'higher-is-better';

export interface Metric {
  id: Id; // met_…
  caseStudyId: Id;
  name: string;
  before: number | null;
  after: number | null;
  unit: string;
  direction: MetricDirection;
  period: string;
  howMeasured: string;
  order: number;
  updatedAt: Timestamp;
}

export type FlowKind = 'happy' | 'error';

export interface FlowStep {
  id: Id; // stp_…
  fromId: Id;
  toId: Id;
  message: string;
  mode: 'sync' | 'async';
  /** What goes wrong at this step, for error flows. */
  failureNote: string;
  /** The connection this step follows, when built from the canvas. */
  connectionId: Id | null;
}

/** An ordered list of steps between components, exported as a sequence diagram. */
export interface Flow {
  id: Id; // flw_…
  caseStudyId: Id;
  diagramId: Id;
  name: string;
  kind: FlowKind;
  steps: FlowStep[];
  order: number;
  updatedAt: Timestamp;
}

/** Everything that belongs to one case study, as plain arrays (backup, export, review). */
export interface CaseStudyBundle {
  caseStudy: CaseStudy;
  diagrams: Diagram[];
  components: Component[];
  boundaries: Boundary[];
  connections: Connection[];
  decisions: Decision[];
  tables: TradeOffTable[];
  metrics: Metric[];
  flows: Flow[];
}
