/**
 * Repair pass for a CaseStudyBundle read from outside (backup file, import, stored data
 * written by older code). The records are already valid one by one (schema.ts); this pass
 * fixes references between them, Excalidraw-style:
 *
 * - a boundary/component `parentId` that points at a missing boundary, or at a boundary on
 *   another diagram, is cleared; parent cycles among boundaries are broken;
 * - connections whose source or target is missing (or on another diagram) are dropped;
 *   a dead-letter target that points at nothing is cleared;
 * - decisions lose component/connection links that point at nothing; a chosen option that
 *   is not among the options, and supersedes/superseded-by links to missing decisions, are
 *   cleared;
 * - tables owned by a missing component/decision move to the case study; row links and
 *   exclusions to missing components are dropped;
 * - flow steps whose ends are missing are dropped; step links to missing connections cleared;
 * - boundaries are sorted so each parent comes before its children (Svelte Flow needs it).
 *
 * Pure and deterministic: the input is not changed; records keep their order (apart from the
 * parents-first sort); `notes` say in plain English what was repaired, in a stable order.
 */
import type {
  Boundary,
  CaseStudyBundle,
  Component,
  Connection,
  Decision,
  Flow,
  Id,
  ResiliencePolicies,
  TradeOffTable,
} from './types';

export interface RepairResult {
  bundle: CaseStudyBundle;
  /** What was repaired, one sentence each; empty when nothing was. */
  notes: string[];
}

/** `"Orders DB" (cmp_123)`, or just the id when there is no label. */
function named(label: string, id: Id): string {
  const text = label.trim();
  return text ? `"${text}" (${id})` : id;
}

interface NodeIndex {
  /** Component and boundary id → diagram id. */
  nodeDiagram: Map<Id, Id>;
  boundaryById: Map<Id, Boundary>;
}

function indexNodes(components: Component[], boundaries: Boundary[]): NodeIndex {
  const nodeDiagram = new Map<Id, Id>();
  for (const c of components) nodeDiagram.set(c.id, c.diagramId);
  for (const b of boundaries) nodeDiagram.set(b.id, b.diagramId);
  return { nodeDiagram, boundaryById: new Map(boundaries.map((b) => [b.id, b])) };
}

/** Why `parentId` is not a usable parent for a node on `diagramId`, or null when it is. */
function parentProblem(parentId: Id, diagramId: Id, boundaryById: Map<Id, Boundary>): string | null {
  const parent = boundaryById.get(parentId);
  if (!parent) return `its parent boundary ${parentId} does not exist`;
  if (parent.diagramId !== diagramId)
    return `its parent boundary ${named(parent.label, parent.id)} is on another diagram`;
  return null;
}

function repairParents(
  nodes: (Component | Boundary)[],
  what: 'Component' | 'Boundary',
  boundaryById: Map<Id, Boundary>,
  notes: string[],
): void {
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const problem = parentProblem(node.parentId, node.diagramId, boundaryById);
    if (problem) {
      notes.push(`${what} ${named(node.label, node.id)}: ${problem}; it is now top level.`);
      node.parentId = null;
    }
  }
}

/**
 * Break cycles in boundary parent chains by clearing the parent link that closes each
 * cycle (found walking up from boundaries in array order, so the result is deterministic).
 */
function breakParentCycles(boundaries: Boundary[], boundaryById: Map<Id, Boundary>, notes: string[]): void {
  const done = new Set<Id>();
  for (const start of boundaries) {
    const path: Boundary[] = [];
    const onPath = new Set<Id>();
    let cur: Boundary | undefined = start;
    while (cur && !done.has(cur.id)) {
      if (onPath.has(cur.id)) {
        const last = path[path.length - 1];
        if (last) {
          const cycleStart = path.findIndex((b) => b.id === cur?.id);
          const cycle = [...path.slice(cycleStart), cur].map((b) => b.label.trim() || b.id).join(' → ');
          notes.push(
            `Boundary ${named(last.label, last.id)} was part of a containment loop (${cycle}, each inside the next); it is now top level.`,
          );
          last.parentId = null;
        }
        break;
      }
      path.push(cur);
      onPath.add(cur.id);
      cur = cur.parentId === null ? undefined : boundaryById.get(cur.parentId);
    }
    for (const b of path) done.add(b.id);
  }
}

/** Boundaries reordered so every parent comes before its children; otherwise stable. */
export function sortParentsFirst<T extends { id: Id; parentId: Id | null }>(items: readonly T[]): T[] {
  const byId = new Map(items.map((b) => [b.id, b]));
  const out: T[] = [];
  const placed = new Set<Id>();
  const visiting = new Set<Id>();
  const place = (item: T): void => {
    if (placed.has(item.id) || visiting.has(item.id)) return; // visiting: a cycle; keep input order
    visiting.add(item.id);
    const parent = item.parentId === null ? undefined : byId.get(item.parentId);
    if (parent) place(parent);
    visiting.delete(item.id);
    placed.add(item.id);
    out.push(item);
  };
  for (const item of items) place(item);
  return out;
}

function repairDeadLetter(
  policies: ResiliencePolicies,
  owner: string,
  index: NodeIndex,
  notes: string[],
): void {
  const dl = policies.deadLetter;
  if (dl && dl.targetId !== '' && !index.nodeDiagram.has(dl.targetId)) {
    notes.push(`${owner}: its dead-letter target ${dl.targetId} does not exist; the target was cleared.`);
    dl.targetId = '';
  }
}

function endProblem(end: 'source' | 'target', id: Id, diagramId: Id, index: NodeIndex): string | null {
  const at = index.nodeDiagram.get(id);
  if (at === undefined) return `its ${end} ${id} does not exist`;
  if (at !== diagramId) return `its ${end} ${id} is on another diagram`;
  return null;
}

function repairConnections(connections: Connection[], index: NodeIndex, notes: string[]): Connection[] {
  const kept: Connection[] = [];
  for (const c of connections) {
    const problems = [
      endProblem('source', c.source, c.diagramId, index),
      endProblem('target', c.target, c.diagramId, index),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) {
      notes.push(`Removed connection ${named(c.label, c.id)}: ${problems.join(' and ')}.`);
      continue;
    }
    repairDeadLetter(c.policies, `Connection ${named(c.label, c.id)}`, index, notes);
    kept.push(c);
  }
  return kept;
}

function dropMissing(ids: Id[], exists: (id: Id) => boolean): { kept: Id[]; dropped: Id[] } {
  return { kept: ids.filter(exists), dropped: ids.filter((id) => !exists(id)) };
}

function repairDecision(
  d: Decision,
  nodes: NodeIndex,
  connectionIds: Set<Id>,
  decisionIds: Set<Id>,
  notes: string[],
): void {
  const who = `Decision ${d.number} ${named(d.title, d.id)}`;
  const comps = dropMissing(d.componentIds, (id) => nodes.nodeDiagram.has(id));
  if (comps.dropped.length > 0) {
    notes.push(`${who}: removed links to components that do not exist (${comps.dropped.join(', ')}).`);
    d.componentIds = comps.kept;
  }
  const cons = dropMissing(d.connectionIds, (id) => connectionIds.has(id));
  if (cons.dropped.length > 0) {
    notes.push(`${who}: removed links to connections that do not exist (${cons.dropped.join(', ')}).`);
    d.connectionIds = cons.kept;
  }
  if (d.chosenOptionId !== null && !d.options.some((o) => o.id === d.chosenOptionId)) {
    notes.push(
      `${who}: the chosen option ${d.chosenOptionId} is not among its options; no option is chosen now.`,
    );
    d.chosenOptionId = null;
  }
  const validLink = (id: Id) => id !== d.id && decisionIds.has(id);
  if (d.supersedes !== null && !validLink(d.supersedes)) {
    notes.push(`${who}: it superseded ${d.supersedes}, which is not a decision here; the link was cleared.`);
    d.supersedes = null;
  }
  if (d.supersededBy !== null && !validLink(d.supersededBy)) {
    notes.push(
      `${who}: it was superseded by ${d.supersededBy}, which is not a decision here; the link was cleared.`,
    );
    d.supersededBy = null;
  }
}

function repairTable(
  t: TradeOffTable,
  nodes: NodeIndex,
  decisionIds: Set<Id>,
  caseStudyId: Id,
  notes: string[],
): void {
  const who = `Table ${named(t.title, t.id)}`;
  const ownerMissing =
    (t.owner.type === 'component' && !nodes.nodeDiagram.has(t.owner.id)) ||
    (t.owner.type === 'decision' && !decisionIds.has(t.owner.id)) ||
    (t.owner.type === 'case-study' && t.owner.id !== caseStudyId);
  if (ownerMissing) {
    notes.push(`${who}: its ${t.owner.type} ${t.owner.id} does not exist; it now belongs to the case study.`);
    t.owner = { type: 'case-study', id: caseStudyId };
  }
  for (const row of t.rows) {
    if (row.componentId !== undefined && !nodes.nodeDiagram.has(row.componentId)) {
      notes.push(
        `${who}: row ${row.id} was linked to component ${row.componentId}, which does not exist; the link was removed.`,
      );
      delete row.componentId;
    }
  }
  const excluded = dropMissing(t.excludedComponentIds, (id) => nodes.nodeDiagram.has(id));
  if (excluded.dropped.length > 0) {
    notes.push(
      `${who}: removed exclusions of components that do not exist (${excluded.dropped.join(', ')}).`,
    );
    t.excludedComponentIds = excluded.kept;
  }
}

function repairFlow(f: Flow, nodes: NodeIndex, connectionIds: Set<Id>, notes: string[]): void {
  const who = `Flow ${named(f.name, f.id)}`;
  f.steps = f.steps.filter((s, i) => {
    const missing = [s.fromId, s.toId].filter((id) => !nodes.nodeDiagram.has(id));
    if (missing.length === 0) return true;
    const label = s.message.trim() ? ` "${s.message.trim()}"` : '';
    notes.push(
      `${who}: removed step ${i + 1}${label}: ${[...new Set(missing)].join(' and ')} does not exist.`,
    );
    return false;
  });
  for (const s of f.steps) {
    if (s.connectionId !== null && !connectionIds.has(s.connectionId)) {
      notes.push(
        `${who}: a step followed connection ${s.connectionId}, which does not exist; the link was cleared.`,
      );
      s.connectionId = null;
    }
  }
}

/** Repair references inside a bundle; see the module comment. Never changes `input`. */
export function repairBundle(input: CaseStudyBundle): RepairResult {
  const b = structuredClone(input);
  const notes: string[] = [];
  const caseStudyId = b.caseStudy.id;

  const index = indexNodes(b.components, b.boundaries);
  repairParents(b.boundaries, 'Boundary', index.boundaryById, notes);
  breakParentCycles(b.boundaries, index.boundaryById, notes);
  repairParents(b.components, 'Component', index.boundaryById, notes);
  for (const c of b.components)
    repairDeadLetter(c.policies, `Component ${named(c.label, c.id)}`, index, notes);

  const sorted = sortParentsFirst(b.boundaries);
  if (sorted.some((x, i) => x !== b.boundaries[i])) {
    notes.push('Reordered boundaries so that each one comes after the boundary that contains it.');
  }
  b.boundaries = sorted;

  b.connections = repairConnections(b.connections, index, notes);
  const connectionIds = new Set(b.connections.map((c) => c.id));
  const decisionIds = new Set(b.decisions.map((d) => d.id));
  for (const d of b.decisions) repairDecision(d, index, connectionIds, decisionIds, notes);
  for (const t of b.tables) repairTable(t, index, decisionIds, caseStudyId, notes);
  for (const f of b.flows) repairFlow(f, index, connectionIds, notes);

  return { bundle: b, notes };
}
