/** A small but complete case study written through the repository, for store tests. */
import {
  createBoundary,
  createComponent,
  createConnection,
  createDecision,
  createFlow,
  createFlowStep,
  createMetric,
  createTable,
} from '../../../src/lib/model/factories';
import { emptyPatch } from '../../../src/lib/model/patch';
import type {
  Boundary,
  CaseStudy,
  Component,
  Connection,
  Decision,
  Diagram,
  Flow,
  Metric,
  TradeOffTable,
} from '../../../src/lib/model/types';
import type { Repository } from '../../../src/lib/store/repository';

export interface Seeded {
  caseStudy: CaseStudy;
  diagram: Diagram;
  other: Diagram;
  vpc: Boundary;
  zone: Boundary;
  api: Component;
  db: Component;
  worker: Component;
  apiToDb: Connection;
  workerToDb: Connection;
  decision: Decision;
  table: TradeOffTable;
  metric: Metric;
  flow: Flow;
  /** A component on the second diagram. */
  elsewhere: Component;
}

export async function seedCaseStudy(repo: Repository, title = 'Checkout at scale'): Promise<Seeded> {
  const { caseStudy, diagram } = await repo.createCaseStudy({ title });
  const other = await repo.createDiagram(caseStudy.id, 'Data');
  const cs = caseStudy.id;
  const d = diagram.id;
  const vpc = createBoundary({ caseStudyId: cs, diagramId: d, kind: 'vpc', position: { x: 100, y: 50 } });
  const zone = createBoundary({
    caseStudyId: cs,
    diagramId: d,
    kind: 'availability-zone',
    parentId: vpc.id,
    position: { x: 20, y: 30 },
  });
  const api = createComponent({
    caseStudyId: cs,
    diagramId: d,
    kind: 'service',
    label: 'API',
    parentId: zone.id,
    position: { x: 5, y: 6 },
  });
  const dbc = createComponent({
    caseStudyId: cs,
    diagramId: d,
    kind: 'database',
    label: 'Orders DB',
    parentId: vpc.id,
  });
  const worker = createComponent({ caseStudyId: cs, diagramId: d, kind: 'worker', label: 'Worker' });
  const apiToDb = createConnection({
    caseStudyId: cs,
    diagramId: d,
    source: api.id,
    target: dbc.id,
    label: 'INSERT',
  });
  const workerToDb = createConnection({ caseStudyId: cs, diagramId: d, source: worker.id, target: dbc.id });
  const elsewhere = createComponent({ caseStudyId: cs, diagramId: other.id, kind: 'cache', label: 'Redis' });

  const patch = emptyPatch();
  patch.put.boundaries.push(zone, vpc); // child first on purpose: the store sorts parents first
  patch.put.components.push(api, dbc, worker);
  patch.put.connections.push(apiToDb, workerToDb);
  await repo.applyDiagramPatch(cs, patch);
  const patch2 = emptyPatch();
  patch2.put.components.push(elsewhere);
  await repo.applyDiagramPatch(cs, patch2);

  const decision = await repo.putRecord(
    'decisions',
    createDecision({
      caseStudyId: cs,
      number: 1,
      title: 'PostgreSQL over MongoDB',
      componentIds: [dbc.id, api.id, elsewhere.id],
      connectionIds: [apiToDb.id, workerToDb.id],
    }),
  );
  const table = await repo.putRecord('tables', createTable({ caseStudyId: cs, kind: 'tech-stack' }));
  const metric = await repo.putRecord(
    'metrics',
    createMetric({ caseStudyId: cs, name: 'p99', before: 2500, after: 180, unit: 'ms' }),
  );
  const flow = await repo.putRecord(
    'flows',
    createFlow({
      caseStudyId: cs,
      diagramId: d,
      steps: [createFlowStep({ fromId: api.id, toId: dbc.id, connectionId: apiToDb.id })],
    }),
  );
  return {
    caseStudy,
    diagram,
    other,
    vpc,
    zone,
    api,
    db: dbc,
    worker,
    apiToDb,
    workerToDb,
    decision,
    table,
    metric,
    flow,
    elsewhere,
  };
}
