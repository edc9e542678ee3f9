/**
 * The only way the app reads and writes IndexedDB.
 *
 * Reads are Dexie `liveQuery` observables (the UI subscribes; Svelte accepts them as stores).
 * Every row is validated on the way out: a row that does not match its schema is left out
 * and reported in `problems`, so one bad row (old code, another tab, a hand-edited database)
 * never hides the rest and reading never throws because of data.
 *
 * Writes are one Dexie read-write transaction each, so they land completely or not at all.
 * Inside a transaction we await only Dexie calls (no fetch, timers or other promises) and
 * never catch (a caught error would commit half a write); rows are validated before they
 * are written (a bad row throws InvalidRecordError and nothing is written) and written as
 * plain copies (validation output), so Svelte proxies never reach IndexedDB.
 * Every document write bumps the parent case study's `updatedAt`.
 */
import { liveQuery, type Observable, type Table } from 'dexie';
import * as v from 'valibot';
import { createCaseStudy as makeCaseStudy, createDiagram as makeDiagram, now } from '../model/factories';
import { isEmptyPatch, type DiagramPatch, type DiagramRows } from '../model/patch';
import { makeIdMapper, rekeyBundle, remapPolicies } from '../model/rekey';
import { sortParentsFirst } from '../model/repair';
import {
  formatIssue,
  validateRecord,
  ViewportSchema,
  type RecordKind,
  type RecordTypes,
} from '../model/schema';
import type {
  Boundary,
  CaseStudy,
  CaseStudyBundle,
  Component,
  Connection,
  Decision,
  Diagram,
  Flow,
  Id,
  Viewport,
  XY,
} from '../model/types';
import { TABLE_NAMES, type FaultlineDB } from './db';
import { InvalidRecordError, RecordNotFoundError, type LoadProblem } from './errors';

export type { LoadProblem } from './errors';

/** Up to this many deleted nodes, touching connections are found through the source/target indexes. */
const INDEX_LOOKUP_LIMIT = 8;

/** A read result: the valid rows, and what was left out because it did not validate. */
export type Loaded<T> = { value: T; problems: LoadProblem[] };

/** Tables whose rows belong directly to a case study (not to a diagram's canvas). */
export type CaseStudyChildKind = 'decisions' | 'tables' | 'metrics' | 'flows';
export const CASE_STUDY_CHILD_KINDS: readonly CaseStudyChildKind[] = [
  'decisions',
  'tables',
  'metrics',
  'flows',
];

/** Case study fields a caller may change. `updatedAt` is always set by the store. */
/** Puts and deletes of case-study records, by kind (see `applyRecordChanges`). */
export interface RecordChanges {
  put: { [K in CaseStudyChildKind]?: RecordTypes[K][] };
  delete: { [K in CaseStudyChildKind]?: Id[] };
}

export type CaseStudyPatch = Partial<Omit<CaseStudy, 'id' | 'createdAt'>>;
export type DiagramUpdate = Partial<Omit<Diagram, 'id' | 'caseStudyId'>>;

// ---------------------------------------------------------------------------
// Pure helpers (exported for tests and for other store modules).
// ---------------------------------------------------------------------------

function rowId(row: unknown): string {
  if (typeof row === 'object' && row !== null && 'id' in row) return String((row as { id: unknown }).id);
  return String(row);
}

/** Validate rows read from the database: keep the valid ones, report the others. */
export function keepValid<K extends RecordKind>(
  kind: K,
  rows: readonly unknown[],
  problems: LoadProblem[],
): RecordTypes[K][] {
  const out: RecordTypes[K][] = [];
  for (const row of rows) {
    const result = validateRecord(kind, row);
    if (result.ok) out.push(result.value);
    else problems.push({ table: kind, id: rowId(row), issues: result.issues.map(formatIssue) });
  }
  return out;
}

/** Validate rows about to be written; throws InvalidRecordError listing every bad one. */
export function checkedRows<K extends RecordKind>(kind: K, rows: readonly unknown[]): RecordTypes[K][] {
  const problems: LoadProblem[] = [];
  const out = keepValid(kind, rows, problems);
  if (problems.length > 0) throw new InvalidRecordError(problems);
  return out;
}

function checked<K extends RecordKind>(kind: K, row: unknown): RecordTypes[K] {
  const [value] = checkedRows(kind, [row]);
  if (!value) throw new InvalidRecordError([{ table: kind, id: rowId(row), issues: ['missing'] }]);
  return value;
}

/** Drop keys whose value is `undefined` ("not given" in a partial patch). */
function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)) as Partial<T>;
}

function byOrder<T extends { order: number; id: string }>(a: T, b: T): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The rows of one diagram that `duplicateDiagram` copies. */
export interface DiagramContents {
  components: Component[];
  boundaries: Boundary[];
  connections: Connection[];
  flows: Flow[];
}

/**
 * A copy of a diagram's rows for the diagram `diagramId`: fresh ids everywhere, every
 * reference between the copied rows rewritten to the copies (parents, connection ends,
 * dead-letter targets, flow steps). A parent that is not among the copied rows is cleared,
 * a connection whose end is not among them is left out; dead-letter targets and flow
 * steps that point elsewhere keep pointing there. Pure: the caller stamps and writes.
 */
export function copyDiagramContents(rows: DiagramContents, diagramId: Id, t: number): DiagramContents {
  const m = makeIdMapper();
  for (const b of rows.boundaries) m.fresh(b.id, 'boundary');
  for (const c of rows.components) m.fresh(c.id, 'component');
  for (const c of rows.connections) m.fresh(c.id, 'connection');
  const r = m.ref;
  const copied = (id: Id) => m.map.has(id);
  const parent = (id: Id | null) => (id !== null && copied(id) ? r(id) : null);
  const nodeIds = new Set([...rows.boundaries, ...rows.components].map((n) => n.id));
  return {
    boundaries: rows.boundaries.map((b) => ({
      ...structuredClone(b),
      id: r(b.id),
      diagramId,
      parentId: parent(b.parentId),
      updatedAt: t,
    })),
    components: rows.components.map((c) => ({
      ...structuredClone(c),
      id: r(c.id),
      diagramId,
      parentId: parent(c.parentId),
      policies: remapPolicies(structuredClone(c.policies), r),
      updatedAt: t,
    })),
    connections: rows.connections
      .filter((c) => nodeIds.has(c.source) && nodeIds.has(c.target))
      .map((c) => ({
        ...structuredClone(c),
        id: r(c.id),
        diagramId,
        source: r(c.source),
        target: r(c.target),
        policies: remapPolicies(structuredClone(c.policies), r),
        updatedAt: t,
      })),
    flows: rows.flows.map((f) => ({
      ...structuredClone(f),
      id: m.fresh(f.id, 'flow'),
      diagramId,
      steps: f.steps.map((s) => ({
        ...structuredClone(s),
        id: m.fresh(s.id, 'step'),
        fromId: r(s.fromId),
        toId: r(s.toId),
        connectionId: s.connectionId === null ? null : r(s.connectionId),
      })),
      updatedAt: t,
    })),
  };
}

/**
 * A title not in `taken`: `base` if free (unless `alwaysSuffix`), else `base (suffix)`,
 * `base (suffix 2)`, … (copies: "X (copy)"; imports: "X (imported)").
 */
export function uniqueTitle(
  base: string,
  taken: ReadonlySet<string>,
  suffix: string,
  alwaysSuffix = false,
): string {
  if (!alwaysSuffix && !taken.has(base)) return base;
  const first = `${base} (${suffix})`;
  if (!taken.has(first)) return first;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${suffix} ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------------------

export class Repository {
  constructor(readonly db: FaultlineDB) {}

  private table<K extends RecordKind>(kind: K): Table<RecordTypes[K], string> {
    return this.db.table(kind) as unknown as Table<RecordTypes[K], string>;
  }

  private rw<T>(tables: readonly RecordKind[], fn: () => Promise<T>): Promise<T> {
    return this.db.transaction('rw', tables, fn);
  }

  // -------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------

  /** All case studies, most recently updated first. */
  watchCaseStudies(): Observable<Loaded<CaseStudy[]>> {
    return liveQuery(async () => {
      const problems: LoadProblem[] = [];
      const rows: unknown[] = await this.db.caseStudies.toArray();
      const value = keepValid('caseStudies', rows, problems).sort(
        (a, b) => b.updatedAt - a.updatedAt || a.title.localeCompare(b.title),
      );
      return { value, problems };
    });
  }

  /** One case study (null when missing or invalid) and its diagrams in tab order. */
  watchCaseStudy(id: Id): Observable<Loaded<{ caseStudy: CaseStudy | null; diagrams: Diagram[] }>> {
    return liveQuery(() =>
      this.db.transaction('r', ['caseStudies', 'diagrams'], async () => {
        const problems: LoadProblem[] = [];
        const row: unknown = await this.db.caseStudies.get(id);
        const diagramRows: unknown[] = await this.db.diagrams.where('caseStudyId').equals(id).toArray();
        const caseStudy = row === undefined ? null : (keepValid('caseStudies', [row], problems)[0] ?? null);
        const diagrams = keepValid('diagrams', diagramRows, problems).sort(byOrder);
        return { value: { caseStudy, diagrams }, problems };
      }),
    );
  }

  /** The canvas rows of one diagram; boundaries parents-before-children. */
  watchDiagram(diagramId: Id): Observable<Loaded<DiagramRows>> {
    return liveQuery(() =>
      this.db.transaction('r', ['components', 'boundaries', 'connections'], async () => {
        const problems: LoadProblem[] = [];
        const components: unknown[] = await this.db.components.where('diagramId').equals(diagramId).toArray();
        const boundaries: unknown[] = await this.db.boundaries.where('diagramId').equals(diagramId).toArray();
        const connections: unknown[] = await this.db.connections
          .where('diagramId')
          .equals(diagramId)
          .toArray();
        return {
          value: {
            components: keepValid('components', components, problems),
            boundaries: sortParentsFirst(keepValid('boundaries', boundaries, problems)),
            connections: keepValid('connections', connections, problems),
          },
          problems,
        };
      }),
    );
  }

  /**
   * Decisions (by number), tables, metrics or flows (by order) of one case study.
   */
  watchRecords<K extends CaseStudyChildKind>(kind: K, caseStudyId: Id): Observable<Loaded<RecordTypes[K][]>> {
    return liveQuery(async () => {
      const problems: LoadProblem[] = [];
      const rows: unknown[] = await this.table(kind).where('caseStudyId').equals(caseStudyId).toArray();
      const value = keepValid(kind, rows, problems);
      if (kind === 'decisions') {
        (value as Decision[]).sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : 1));
      } else {
        (value as { order: number; id: string }[]).sort(byOrder);
      }
      return { value, problems };
    });
  }

  /** Everything of one case study (backup, export, review). `value` is null when the case study is missing or invalid. */
  loadBundle(caseStudyId: Id): Promise<Loaded<CaseStudyBundle | null>> {
    return this.db.transaction('r', TABLE_NAMES, () => this.readBundle(caseStudyId));
  }

  /** Everything of one case study, kept current (the review re-runs on every change). */
  watchBundle(caseStudyId: Id): Observable<Loaded<CaseStudyBundle | null>> {
    return liveQuery(() => this.db.transaction('r', TABLE_NAMES, () => this.readBundle(caseStudyId)));
  }

  /** Reads inside whatever transaction is current (only Dexie awaits). */
  private async readBundle(caseStudyId: Id): Promise<Loaded<CaseStudyBundle | null>> {
    const problems: LoadProblem[] = [];
    const row: unknown = await this.db.caseStudies.get(caseStudyId);
    const caseStudy = row === undefined ? undefined : keepValid('caseStudies', [row], problems)[0];
    const children = async <K extends Exclude<RecordKind, 'caseStudies'>>(kind: K) => {
      const rows: unknown[] = await this.table(kind).where('caseStudyId').equals(caseStudyId).toArray();
      return keepValid(kind, rows, problems);
    };
    const diagrams = (await children('diagrams')).sort(byOrder);
    const components = await children('components');
    const boundaries = sortParentsFirst(await children('boundaries'));
    const connections = await children('connections');
    const decisions = (await children('decisions')).sort((a, b) => a.number - b.number);
    const tables = (await children('tables')).sort(byOrder);
    const metrics = (await children('metrics')).sort(byOrder);
    const flows = (await children('flows')).sort(byOrder);
    if (!caseStudy) return { value: null, problems };
    return {
      value: { caseStudy, diagrams, components, boundaries, connections, decisions, tables, metrics, flows },
      problems,
    };
  }

  // -------------------------------------------------------------------------
  // Case studies
  // -------------------------------------------------------------------------

  /** A new case study with one empty "System" diagram. */
  async createCaseStudy(init: Partial<CaseStudy> = {}): Promise<{ caseStudy: CaseStudy; diagram: Diagram }> {
    const caseStudy = checked('caseStudies', makeCaseStudy(defined(init)));
    const diagram = checked(
      'diagrams',
      makeDiagram({ caseStudyId: caseStudy.id, name: 'System', updatedAt: caseStudy.updatedAt }),
    );
    await this.rw(['caseStudies', 'diagrams'], async () => {
      await this.db.caseStudies.add(caseStudy);
      await this.db.diagrams.add(diagram);
    });
    return { caseStudy, diagram };
  }

  /** Change fields of a case study; returns the stored record. */
  updateCaseStudy(id: Id, patch: CaseStudyPatch): Promise<CaseStudy> {
    return this.rw(['caseStudies'], async () => {
      const current = await this.db.caseStudies.get(id);
      if (!current) throw new RecordNotFoundError('caseStudies', id);
      const next = checked('caseStudies', {
        ...current,
        ...defined(patch),
        id: current.id,
        createdAt: current.createdAt,
        updatedAt: now(),
      });
      await this.db.caseStudies.put(next);
      return next;
    });
  }

  /** A full copy with fresh ids, titled "<title> (copy)". Rows that fail validation are not copied. */
  duplicateCaseStudy(id: Id): Promise<CaseStudy> {
    return this.rw(TABLE_NAMES, async () => {
      const { value } = await this.readBundle(id);
      if (!value) throw new RecordNotFoundError('caseStudies', id);
      const taken = await this.titles();
      const copy = rekeyBundle(value, {
        title: uniqueTitle(value.caseStudy.title, taken, 'copy', true),
        now: now(),
      });
      await this.writeBundle(copy);
      return copy.caseStudy;
    });
  }

  /** Remove a case study and every row that belongs to it, in every table. */
  deleteCaseStudy(id: Id): Promise<void> {
    return this.rw(TABLE_NAMES, async () => {
      for (const kind of TABLE_NAMES) {
        if (kind === 'caseStudies') continue;
        await this.table(kind).where('caseStudyId').equals(id).delete();
      }
      await this.db.caseStudies.delete(id);
    });
  }

  /**
   * Add a bundle (backup, template, import) as a NEW case study: always re-keyed, so
   * importing the same file twice gives two case studies and never overwrites anything.
   * A title already in use becomes "<title> (imported)". Every record is validated first;
   * if any is invalid, nothing is written (InvalidRecordError lists them).
   */
  async importBundle(bundle: CaseStudyBundle, opts: { title?: string } = {}): Promise<CaseStudy> {
    const valid = checkedBundle(bundle);
    return this.rw(TABLE_NAMES, async () => {
      const taken = await this.titles();
      const fresh = rekeyBundle(valid, { now: now() });
      fresh.caseStudy.title = uniqueTitle(opts.title ?? valid.caseStudy.title, taken, 'imported');
      await this.writeBundle(fresh);
      return fresh.caseStudy;
    });
  }

  private async titles(): Promise<Set<string>> {
    const rows: unknown[] = await this.db.caseStudies.toArray();
    const out = new Set<string>();
    for (const r of rows) {
      const title = typeof r === 'object' && r !== null ? (r as { title?: unknown }).title : undefined;
      if (typeof title === 'string') out.add(title);
    }
    return out;
  }

  /** Inside a transaction over every table. */
  private async writeBundle(b: CaseStudyBundle): Promise<void> {
    const valid = checkedBundle(b);
    await this.db.caseStudies.put(valid.caseStudy);
    for (const kind of TABLE_NAMES) {
      if (kind === 'caseStudies') continue;
      const rows = valid[kind] as RecordTypes[typeof kind][];
      if (rows.length > 0) await this.table(kind).bulkPut(rows);
    }
  }

  /** Set the case study's updatedAt. `required`: throw RecordNotFoundError (rolling back) if it is missing. */
  private async touch(caseStudyId: Id, t: number, required = true): Promise<void> {
    const exists = (await this.db.caseStudies.where(':id').equals(caseStudyId).count()) > 0;
    if (!exists) {
      if (required) throw new RecordNotFoundError('caseStudies', caseStudyId);
      return;
    }
    await this.db.caseStudies.update(caseStudyId, { updatedAt: t });
  }

  // -------------------------------------------------------------------------
  // Diagrams
  // -------------------------------------------------------------------------

  /** A new, empty diagram placed after the case study's other diagrams. */
  createDiagram(caseStudyId: Id, name: string): Promise<Diagram> {
    return this.rw(['caseStudies', 'diagrams'], async () => {
      const t = now();
      await this.touch(caseStudyId, t);
      const siblings: unknown[] = await this.db.diagrams.where('caseStudyId').equals(caseStudyId).toArray();
      const maxOrder = siblings.reduce<number>((max, d) => {
        const order = (d as { order?: unknown }).order;
        return typeof order === 'number' && Number.isFinite(order) ? Math.max(max, order) : max;
      }, -1);
      const diagram = checked(
        'diagrams',
        makeDiagram({ caseStudyId, name, order: maxOrder + 1, updatedAt: t }),
      );
      await this.db.diagrams.add(diagram);
      return diagram;
    });
  }

  /**
   * A diagram made elsewhere (an imported Mermaid flowchart) added as the case study's last
   * tab, with its rows, in one transaction. The records must belong to this case study and
   * that diagram; every row is validated first, so a bad import writes nothing.
   */
  addDiagramWithRows(diagram: Diagram, rows: DiagramRows): Promise<Diagram> {
    return this.rw(['caseStudies', 'diagrams', 'components', 'boundaries', 'connections'], async () => {
      const t = now();
      const foreign = [...rows.components, ...rows.boundaries, ...rows.connections].find(
        (r) => r.caseStudyId !== diagram.caseStudyId || r.diagramId !== diagram.id,
      );
      if (foreign) throw new Error(`Record ${foreign.id} does not belong to diagram ${diagram.id}`);
      await this.touch(diagram.caseStudyId, t);
      const siblings: unknown[] = await this.db.diagrams
        .where('caseStudyId')
        .equals(diagram.caseStudyId)
        .toArray();
      const maxOrder = siblings.reduce<number>((max, d) => {
        const order = (d as { order?: unknown }).order;
        return typeof order === 'number' && Number.isFinite(order) ? Math.max(max, order) : max;
      }, -1);
      const stored = checked('diagrams', { ...diagram, order: maxOrder + 1, updatedAt: t });
      const stamp = <T extends { updatedAt: number }>(list: readonly T[]) =>
        list.map((r) => ({ ...r, updatedAt: t }));
      const boundaries = checkedRows('boundaries', stamp(rows.boundaries));
      const components = checkedRows('components', stamp(rows.components));
      const connections = checkedRows('connections', stamp(rows.connections));
      await this.db.diagrams.add(stored);
      if (boundaries.length > 0) await this.db.boundaries.bulkAdd(boundaries);
      if (components.length > 0) await this.db.components.bulkAdd(components);
      if (connections.length > 0) await this.db.connections.bulkAdd(connections);
      return stored;
    });
  }

  /** Rename, reorder, change direction… Returns the stored record. */
  updateDiagram(id: Id, patch: DiagramUpdate): Promise<Diagram> {
    return this.rw(['caseStudies', 'diagrams'], async () => {
      const current = await this.db.diagrams.get(id);
      if (!current) throw new RecordNotFoundError('diagrams', id);
      const t = now();
      const next = checked('diagrams', {
        ...current,
        ...defined(patch),
        id: current.id,
        caseStudyId: current.caseStudyId,
        updatedAt: t,
      });
      await this.db.diagrams.put(next);
      await this.touch(current.caseStudyId, t, false);
      return next;
    });
  }

  /**
   * Delete a diagram with its components, boundaries, connections and flows, and remove
   * their ids from decisions' componentIds/connectionIds. Missing diagram: no-op.
   */
  deleteDiagram(id: Id): Promise<void> {
    const tables: RecordKind[] = [
      'caseStudies',
      'diagrams',
      'components',
      'boundaries',
      'connections',
      'flows',
      'decisions',
    ];
    return this.rw(tables, async () => {
      const diagram = await this.db.diagrams.get(id);
      if (!diagram) return;
      const t = now();
      const componentIds = await this.db.components.where('diagramId').equals(id).primaryKeys();
      const boundaryIds = await this.db.boundaries.where('diagramId').equals(id).primaryKeys();
      const connectionIds = await this.db.connections.where('diagramId').equals(id).primaryKeys();
      await this.db.components.bulkDelete(componentIds);
      await this.db.boundaries.bulkDelete(boundaryIds);
      await this.db.connections.bulkDelete(connectionIds);
      await this.db.flows.where('diagramId').equals(id).delete();
      await this.stripDecisionLinks(new Set([...componentIds, ...boundaryIds]), new Set(connectionIds), t);
      await this.db.diagrams.delete(id);
      await this.touch(diagram.caseStudyId, t, false);
    });
  }

  /**
   * Copy a diagram with its components, boundaries, connections and flows (fresh ids,
   * references remapped, see copyDiagramContents), named `name` or "<name> (copy)"
   * ("(copy 2)"… if taken), placed right after the original; the diagrams after it move
   * one place along. Rows that fail validation are not copied. One transaction.
   */
  duplicateDiagram(id: Id, name?: string): Promise<Diagram> {
    const tables: RecordKind[] = [
      'caseStudies',
      'diagrams',
      'components',
      'boundaries',
      'connections',
      'flows',
    ];
    return this.rw(tables, async () => {
      const row: unknown = await this.db.diagrams.get(id);
      const original = row === undefined ? undefined : keepValid('diagrams', [row], [])[0];
      if (!original) throw new RecordNotFoundError('diagrams', id);
      const t = now();
      await this.touch(original.caseStudyId, t);
      const ignored: LoadProblem[] = [];
      const rowsOf = async <K extends 'components' | 'boundaries' | 'connections'>(kind: K) => {
        const rows: unknown[] = await this.table(kind).where('diagramId').equals(id).toArray();
        return keepValid(kind, rows, ignored);
      };
      const components = await rowsOf('components');
      const boundaries = await rowsOf('boundaries');
      const connections = await rowsOf('connections');
      const flowRows: unknown[] = await this.db.flows.where('diagramId').equals(id).toArray();
      const flows = keepValid('flows', flowRows, ignored).sort(byOrder);

      const siblingRows: unknown[] = await this.db.diagrams
        .where('caseStudyId')
        .equals(original.caseStudyId)
        .toArray();
      const siblings = keepValid('diagrams', siblingRows, ignored)
        .filter((d) => d.id !== original.id)
        .sort(byOrder);
      const taken = new Set([original.name, ...siblings.map((d) => d.name)]);
      const diagram = checked(
        'diagrams',
        makeDiagram({
          caseStudyId: original.caseStudyId,
          name: name ?? uniqueTitle(original.name, taken, 'copy', true),
          direction: original.direction,
          order: original.order + 1,
          viewport: original.viewport ? { ...original.viewport } : null,
          updatedAt: t,
        }),
      );
      // Make room: the diagrams after the original that would not sort after the copy move along.
      const moved: Diagram[] = [];
      let previous = diagram.order;
      for (const d of siblings.filter((d) => byOrder(d, original) > 0)) {
        if (d.order > previous) break;
        previous += 1;
        moved.push({ ...d, order: previous, updatedAt: t });
      }
      if (moved.length > 0) await this.db.diagrams.bulkPut(checkedRows('diagrams', moved));
      await this.db.diagrams.add(diagram);

      const copy = copyDiagramContents({ components, boundaries, connections, flows }, diagram.id, t);
      const flowOrders = (await this.db.flows.where('caseStudyId').equals(original.caseStudyId).toArray())
        .map((f) => f.order)
        .filter((o) => typeof o === 'number' && Number.isFinite(o));
      let flowOrder = Math.max(-1, ...flowOrders) + 1;
      copy.flows = copy.flows.map((f) => ({ ...f, order: flowOrder++ }));

      const writes = [
        [this.db.boundaries, checkedRows('boundaries', copy.boundaries)],
        [this.db.components, checkedRows('components', copy.components)],
        [this.db.connections, checkedRows('connections', copy.connections)],
        [this.db.flows, checkedRows('flows', copy.flows)],
      ] as const;
      for (const [table, rows] of writes) {
        if (rows.length > 0) await (table as Table<unknown, string>).bulkAdd(rows);
      }
      return diagram;
    });
  }

  /**
   * Put a case study's diagrams in the order of `orderedIds` (their `order` becomes 0, 1, 2…);
   * diagrams not listed follow in their current order, ids that are not diagrams of this case
   * study are ignored. Writes only the diagrams whose order changed; one transaction.
   */
  reorderDiagrams(caseStudyId: Id, orderedIds: readonly Id[]): Promise<void> {
    return this.rw(['caseStudies', 'diagrams'], async () => {
      const rows: unknown[] = await this.db.diagrams.where('caseStudyId').equals(caseStudyId).toArray();
      const current = keepValid('diagrams', rows, []).sort(byOrder);
      const rank = new Map(orderedIds.map((id, i) => [id, i]));
      const listed = current.filter((d) => rank.has(d.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
      const rest = current.filter((d) => !rank.has(d.id));
      const t = now();
      const changed = [...listed, ...rest]
        .map((d, order) => (d.order === order ? null : { ...d, order, updatedAt: t }))
        .filter((d): d is Diagram => d !== null);
      if (changed.length === 0) return;
      await this.db.diagrams.bulkPut(checkedRows('diagrams', changed));
      await this.touch(caseStudyId, t);
    });
  }

  /** Remember where the user left the canvas. Session-like: bumps no updatedAt. Missing diagram: no-op. */
  async saveViewport(diagramId: Id, viewport: Viewport): Promise<void> {
    const result = v.safeParse(ViewportSchema, viewport);
    if (!result.success) {
      throw new InvalidRecordError([
        { table: 'diagrams', id: diagramId, issues: result.issues.map((i) => `viewport: ${i.message}`) },
      ]);
    }
    const { x, y, zoom } = result.output;
    await this.db.diagrams.update(diagramId, { viewport: { x, y, zoom } });
  }

  // -------------------------------------------------------------------------
  // Canvas rows
  // -------------------------------------------------------------------------

  /**
   * Write one diagram edit: put and delete exactly the rows in the patch (stamping
   * `updatedAt` on written rows), then
   *  - delete every connection whose source or target was deleted (even ones not in the patch),
   *  - lift components/boundaries left inside a deleted boundary (and not in the patch) to
   *    the deleted boundary's parent, keeping where they are on the canvas,
   *  - strip deleted component/boundary/connection ids from decisions' links,
   *  - bump the case study's updatedAt.
   * All in one transaction. Rows must belong to `caseStudyId` (else InvalidRecordError).
   * A row both put and deleted in the same patch is kept (put wins, as in mergePatches).
   */
  async applyDiagramPatch(caseStudyId: Id, patch: DiagramPatch): Promise<void> {
    if (isEmptyPatch(patch)) return;
    const t = now();
    const stamp = <T extends { updatedAt: number }>(rows: readonly T[]) =>
      rows.map((r) => ({ ...r, updatedAt: t }));
    const puts = {
      boundaries: checkedRows('boundaries', stamp(patch.put.boundaries)),
      components: checkedRows('components', stamp(patch.put.components)),
      connections: checkedRows('connections', stamp(patch.put.connections)),
    };
    const foreign: LoadProblem[] = [];
    for (const kind of ['boundaries', 'components', 'connections'] as const) {
      for (const row of puts[kind]) {
        if (row.caseStudyId !== caseStudyId) {
          foreign.push({
            table: kind,
            id: row.id,
            issues: [`caseStudyId: belongs to ${row.caseStudyId}, not to ${caseStudyId}`],
          });
        }
      }
    }
    if (foreign.length > 0) throw new InvalidRecordError(foreign);

    const putIds = new Set<Id>(
      [...puts.boundaries, ...puts.components, ...puts.connections].map((r) => r.id),
    );
    const notPut = (ids: readonly Id[]) => [...new Set(ids)].filter((id) => !putIds.has(id));
    const deleted = {
      components: notPut(patch.delete.components),
      boundaries: notPut(patch.delete.boundaries),
      connections: notPut(patch.delete.connections),
    };
    const deletedNodes = [...deleted.components, ...deleted.boundaries];

    await this.rw(['caseStudies', 'components', 'boundaries', 'connections', 'decisions'], async () => {
      await this.touch(caseStudyId, t);
      const removedComponents = (await this.db.components.bulkGet(deleted.components)).filter(
        (c): c is Component => c !== undefined,
      );
      const removedBoundaries = (await this.db.boundaries.bulkGet(deleted.boundaries)).filter(
        (b): b is Boundary => b !== undefined,
      );

      await this.db.components.bulkDelete(deleted.components);
      await this.db.boundaries.bulkDelete(deleted.boundaries);
      await this.db.connections.bulkDelete(deleted.connections);
      if (puts.boundaries.length > 0) await this.db.boundaries.bulkPut(puts.boundaries);
      if (puts.components.length > 0) await this.db.components.bulkPut(puts.components);
      if (puts.connections.length > 0) await this.db.connections.bulkPut(puts.connections);

      // Connections touching a deleted node go with it.
      const diagramIds = [...new Set([...removedComponents, ...removedBoundaries].map((n) => n.diagramId))];
      const orphanedConnections = await this.connectionsTouching(deletedNodes, diagramIds);
      if (orphanedConnections.length > 0) await this.db.connections.bulkDelete(orphanedConnections);

      if (removedBoundaries.length > 0) await this.liftChildren(removedBoundaries, putIds, t);

      await this.stripDecisionLinks(
        new Set(deletedNodes),
        new Set([...deleted.connections, ...orphanedConnections]),
        t,
      );
    });
  }

  /**
   * Ids of connections whose source or target is one of `nodeIds` (inside a transaction).
   * Few ids: the source/target indexes. Many (a big selection): one read of the diagrams'
   * connections, filtered here — index cursors cost per key, a plain read does not.
   */
  private async connectionsTouching(nodeIds: readonly Id[], diagramIds: readonly Id[]): Promise<Id[]> {
    if (nodeIds.length === 0) return [];
    const out = new Set<Id>();
    if (nodeIds.length <= INDEX_LOOKUP_LIMIT) {
      for (const key of await this.db.connections.where('source').anyOf(nodeIds).primaryKeys()) out.add(key);
      for (const key of await this.db.connections.where('target').anyOf(nodeIds).primaryKeys()) out.add(key);
      return [...out];
    }
    const ids = new Set(nodeIds);
    for (const diagramId of diagramIds) {
      const rows = await this.db.connections.where('diagramId').equals(diagramId).toArray();
      for (const c of rows) if (ids.has(c.source) || ids.has(c.target)) out.add(c.id);
    }
    return [...out];
  }

  /** Children of deleted boundaries that the patch did not mention move up to the nearest surviving ancestor. */
  private async liftChildren(removed: Boundary[], putIds: ReadonlySet<Id>, t: number): Promise<void> {
    const removedById = new Map(removed.map((b) => [b.id, b]));
    const lift = (parentId: Id, position: XY): { parentId: Id | null; position: XY } => {
      let parent: Id | null = parentId;
      let { x, y } = position;
      const seen = new Set<Id>();
      let b = parent === null ? undefined : removedById.get(parent);
      while (b && !seen.has(b.id)) {
        seen.add(b.id);
        x += b.position.x;
        y += b.position.y;
        parent = b.parentId;
        b = parent === null ? undefined : removedById.get(parent);
      }
      return { parentId: parent, position: { x, y } };
    };
    const diagramIds = [...new Set(removed.map((b) => b.diagramId))];
    const isChild = (row: { id: Id; parentId?: unknown }) =>
      typeof row.parentId === 'string' && removedById.has(row.parentId) && !putIds.has(row.id);
    for (const kind of ['components', 'boundaries'] as const) {
      const table = this.table(kind);
      const rows: RecordTypes[typeof kind][] = [];
      for (const diagramId of diagramIds) {
        rows.push(...(await table.where('diagramId').equals(diagramId).toArray()).filter(isChild));
      }
      const moved = rows.map((row) => ({ ...row, ...lift(row.parentId as Id, row.position), updatedAt: t }));
      if (moved.length > 0) await table.bulkPut(moved as RecordTypes[typeof kind][]);
    }
  }

  /** Remove ids from decisions' componentIds/connectionIds (inside a transaction). */
  private async stripDecisionLinks(
    nodeIds: ReadonlySet<Id>,
    connectionIds: ReadonlySet<Id>,
    t: number,
  ): Promise<void> {
    if (nodeIds.size === 0 && connectionIds.size === 0) return;
    const hits = new Map<Id, Decision>();
    if (nodeIds.size > 0) {
      for (const d of await this.db.decisions
        .where('componentIds')
        .anyOf([...nodeIds])
        .toArray())
        hits.set(d.id, d);
    }
    if (connectionIds.size > 0) {
      for (const d of await this.db.decisions
        .where('connectionIds')
        .anyOf([...connectionIds])
        .toArray()) {
        hits.set(d.id, d);
      }
    }
    if (hits.size === 0) return;
    const updated = [...hits.values()].map((d) => ({
      ...d,
      componentIds: Array.isArray(d.componentIds)
        ? d.componentIds.filter((id) => !nodeIds.has(id))
        : d.componentIds,
      connectionIds: Array.isArray(d.connectionIds)
        ? d.connectionIds.filter((id) => !connectionIds.has(id))
        : d.connectionIds,
      updatedAt: t,
    }));
    await this.db.decisions.bulkPut(updated);
  }

  // -------------------------------------------------------------------------
  // Decisions, tables, metrics, flows
  // -------------------------------------------------------------------------

  /** Create or replace one record; returns it as stored (with a fresh updatedAt). */
  async putRecord<K extends CaseStudyChildKind>(kind: K, row: RecordTypes[K]): Promise<RecordTypes[K]> {
    const [stored] = await this.putRecords(kind, [row]);
    if (!stored) throw new InvalidRecordError([{ table: kind, id: rowId(row), issues: ['not written'] }]);
    return stored;
  }

  /** Create or replace several records at once (e.g. after reordering); one transaction. */
  async putRecords<K extends CaseStudyChildKind>(
    kind: K,
    rows: readonly RecordTypes[K][],
  ): Promise<RecordTypes[K][]> {
    if (rows.length === 0) return [];
    const t = now();
    const valid = checkedRows(
      kind,
      rows.map((r) => ({ ...r, updatedAt: t })),
    );
    const caseStudyIds = [...new Set(valid.map((r) => r.caseStudyId))];
    await this.rw(['caseStudies', kind], async () => {
      for (const id of caseStudyIds) await this.touch(id, t);
      await this.table(kind).bulkPut(valid);
    });
    return valid;
  }

  /**
   * Write several case-study records of any child kind (decisions, tables, metrics, flows) in
   * one transaction: exactly these puts and deletes, nothing cascaded (callers compute related
   * changes with the pure model functions, so undo can restore them exactly).
   */
  async applyRecordChanges(
    caseStudyId: Id,
    changes: RecordChanges,
    opts: { keepStamps?: boolean; newerOnly?: boolean } = {},
  ): Promise<void> {
    const t = now();
    const kinds = CASE_STUDY_CHILD_KINDS.filter(
      (k) => (changes.put[k]?.length ?? 0) > 0 || (changes.delete[k]?.length ?? 0) > 0,
    );
    if (kinds.length === 0) return;
    // keepStamps: the caller stamped the rows (the UI compares stamps with what it reads back).
    const puts = kinds.map(
      (k) =>
        [
          k,
          checkedRows(
            k,
            (changes.put[k] ?? []).map((r) => (opts.keepStamps ? r : { ...r, updatedAt: t })),
          ),
        ] as const,
    );
    await this.rw(['caseStudies', ...kinds], async () => {
      await this.touch(caseStudyId, t);
      for (const k of kinds) {
        const ids = changes.delete[k] ?? [];
        if (ids.length > 0) await this.table(k).bulkDelete([...ids]);
      }
      for (const [k, rows] of puts) {
        let keep: readonly unknown[] = rows;
        if (opts.newerOnly && rows.length > 0) {
          // Replaying a journal: never overwrite a copy another tab wrote later.
          const stored = await (this.table(k) as Table<unknown, string>).bulkGet(rows.map((r) => r.id));
          keep = rows.filter((r, i) => {
            const at = (stored[i] as { updatedAt?: unknown } | undefined)?.updatedAt;
            return !(typeof at === 'number' && at > r.updatedAt);
          });
        }
        if (keep.length > 0) await (this.table(k) as Table<unknown, string>).bulkPut([...keep]);
      }
    });
  }

  /**
   * Delete one record. Deleting a decision also clears `supersedes`/`supersededBy`
   * references to it. Missing record: no-op.
   */
  deleteRecord(kind: CaseStudyChildKind, id: Id): Promise<void> {
    const tables: RecordKind[] =
      kind === 'decisions' ? ['caseStudies', 'decisions'] : ['caseStudies', kind, 'decisions'];
    return this.rw(tables, async () => {
      const row: unknown = await this.table(kind).get(id);
      if (row === undefined) return;
      const t = now();
      await this.table(kind).delete(id);
      const caseStudyId = (row as { caseStudyId?: unknown }).caseStudyId;
      if (kind === 'decisions' && typeof caseStudyId === 'string') {
        const refs = (await this.db.decisions.where('caseStudyId').equals(caseStudyId).toArray()).filter(
          (d) => d.supersedes === id || d.supersededBy === id,
        );
        if (refs.length > 0) {
          await this.db.decisions.bulkPut(
            refs.map((d) => ({
              ...d,
              supersedes: d.supersedes === id ? null : d.supersedes,
              supersededBy: d.supersededBy === id ? null : d.supersededBy,
              updatedAt: t,
            })),
          );
        }
      }
      if (typeof caseStudyId === 'string') await this.touch(caseStudyId, t, false);
    });
  }
}

/** Validate every record of a bundle; throws InvalidRecordError listing all bad ones. */
export function checkedBundle(bundle: CaseStudyBundle): CaseStudyBundle {
  const problems: LoadProblem[] = [];
  const caseStudy = keepValid('caseStudies', [bundle.caseStudy], problems)[0];
  const rest = {} as Omit<CaseStudyBundle, 'caseStudy'>;
  for (const kind of TABLE_NAMES) {
    if (kind === 'caseStudies') continue;
    const rows: unknown = (bundle as unknown as Record<string, unknown>)[kind];
    if (!Array.isArray(rows)) {
      problems.push({ table: kind, id: '', issues: [`${kind}: expected a list`] });
      continue;
    }
    (rest as Record<string, unknown>)[kind] = keepValid(kind, rows, problems);
  }
  if (problems.length > 0 || !caseStudy) throw new InvalidRecordError(problems);
  return { caseStudy, ...rest };
}
