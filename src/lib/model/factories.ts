/**
 * Factories that fill every field with its default. Callers pass only what they know;
 * ids and timestamps are made here (both injectable for deterministic tests).
 */
import { COMPONENT_CATALOGUE } from './catalogue';
import { newId } from './ids';
import type {
  Boundary,
  BoundaryKind,
  CaseStudy,
  CaseStudyBundle,
  Component,
  ComponentKind,
  Connection,
  Decision,
  DecisionOption,
  Diagram,
  Flow,
  FlowStep,
  Metric,
  TableColumn,
  TableKind,
  TableOwner,
  TradeOffTable,
} from './types';
import { BOUNDARY_CATALOGUE } from './catalogue';

type Clock = () => number;
let clock: Clock = () => Date.now();

/** Replace the clock (tests). Returns a function that restores the previous one. */
export function setClock(next: Clock): () => void {
  const prev = clock;
  clock = next;
  return () => {
    clock = prev;
  };
}

export function now(): number {
  return clock();
}

export function createCaseStudy(init: Partial<CaseStudy> = {}): CaseStudy {
  const t = now();
  return {
    id: newId('caseStudy'),
    title: 'Untitled case study',
    oneLiner: '',
    role: '',
    duration: '',
    teamSize: '',
    technologies: [],
    links: [],
    template: 'case-study-guide',
    sections: {},
    goals: [],
    nonGoals: [],
    createdAt: t,
    updatedAt: t,
    ...init,
  };
}

export function createDiagram(init: Partial<Diagram> & { caseStudyId: string }): Diagram {
  return {
    id: newId('diagram'),
    name: 'System',
    direction: 'LR',
    order: 0,
    viewport: null,
    updatedAt: now(),
    ...init,
  };
}

export function createComponent(
  init: Partial<Component> & { caseStudyId: string; diagramId: string; kind: ComponentKind },
): Component {
  return {
    id: newId('component'),
    label: COMPONENT_CATALOGUE[init.kind].label,
    technology: '',
    why: '',
    alternatives: '',
    notes: '',
    parentId: null,
    position: { x: 0, y: 0 },
    policies: {},
    updatedAt: now(),
    ...init,
  };
}

export function createBoundary(
  init: Partial<Boundary> & { caseStudyId: string; diagramId: string; kind: BoundaryKind },
): Boundary {
  return {
    id: newId('boundary'),
    label: BOUNDARY_CATALOGUE[init.kind].label,
    notes: '',
    parentId: null,
    position: { x: 0, y: 0 },
    size: { width: 400, height: 260 },
    updatedAt: now(),
    ...init,
  };
}

export function createConnection(
  init: Partial<Connection> & { caseStudyId: string; diagramId: string; source: string; target: string },
  /** The target's kind, if known: connections into a dead letter queue are failure paths by default. */
  targetKind?: ComponentKind,
): Connection {
  return {
    id: newId('connection'),
    sourceHandle: null,
    targetHandle: null,
    label: '',
    mode: 'sync',
    failurePath: targetKind ? COMPONENT_CATALOGUE[targetKind].failureSink : false,
    policies: {},
    notes: '',
    updatedAt: now(),
    ...init,
  };
}

export function createOption(init: Partial<DecisionOption> = {}): DecisionOption {
  return { id: newId('option'), title: '', description: '', pros: [], cons: [], ...init };
}

export function createDecision(init: Partial<Decision> & { caseStudyId: string; number: number }): Decision {
  return {
    id: newId('decision'),
    title: 'Untitled decision',
    status: 'proposed',
    date: '',
    deciders: [],
    stakeholders: [],
    context: '',
    drivers: [],
    options: [],
    chosenOptionId: null,
    rationale: '',
    consequences: { positive: [], negative: [], tradeOffs: [] },
    implementationPlan: '',
    results: { outcome: '', date: '' },
    componentIds: [],
    connectionIds: [],
    supersedes: null,
    supersededBy: null,
    extraSections: [],
    sourceFile: '',
    updatedAt: now(),
    ...init,
  };
}

/** The next free decision number: one past the highest ever used (numbers are never reused). */
export function nextDecisionNumber(existing: readonly Pick<Decision, 'number'>[]): number {
  return existing.reduce((max, d) => Math.max(max, d.number), 0) + 1;
}

const TABLE_COLUMNS: Record<TableKind, string[]> = {
  'tech-stack': ['Layer', 'Technology', 'Why this choice', 'What we considered'],
  challenges: ['Challenge', 'Why it was hard', 'Solution', 'Trade-off accepted'],
  matrix: [],
  custom: ['Column 1', 'Column 2'],
};

const TABLE_TITLES: Record<TableKind, string> = {
  'tech-stack': 'Tech stack',
  challenges: 'Challenges',
  matrix: 'Decision matrix',
  custom: 'Table',
};

export function createTable(
  init: Partial<TradeOffTable> & { caseStudyId: string; kind: TableKind; owner?: TableOwner },
): TradeOffTable {
  const columns: TableColumn[] = TABLE_COLUMNS[init.kind].map((name) => ({ id: newId('column'), name }));
  return {
    id: newId('table'),
    title: TABLE_TITLES[init.kind],
    owner: { type: 'case-study', id: init.caseStudyId },
    columns,
    rows: [],
    matrix: init.kind === 'matrix' ? { criteria: [], scores: {} } : null,
    excludedComponentIds: [],
    order: 0,
    updatedAt: now(),
    ...init,
  };
}

export function createMetric(init: Partial<Metric> & { caseStudyId: string }): Metric {
  return {
    id: newId('metric'),
    name: '',
    before: null,
    after: null,
    unit: '',
    direction: 'lower-is-better',
    period: '',
    howMeasured: '',
    order: 0,
    updatedAt: now(),
    ...init,
  };
}

export function createFlowStep(init: Partial<FlowStep> & { fromId: string; toId: string }): FlowStep {
  return {
    id: newId('step'),
    message: '',
    mode: 'sync',
    failureNote: '',
    connectionId: null,
    ...init,
  };
}

export function createFlow(init: Partial<Flow> & { caseStudyId: string; diagramId: string }): Flow {
  return {
    id: newId('flow'),
    name: 'Happy path',
    kind: 'happy',
    steps: [],
    order: 0,
    updatedAt: now(),
    ...init,
  };
}

/** A case study with no records yet, as a bundle (`records` fills some of its arrays). */
export function createBundle(
  caseStudy: CaseStudy,
  records: Partial<Omit<CaseStudyBundle, 'caseStudy'>> = {},
): CaseStudyBundle {
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
    ...records,
  };
}
