/**
 * Copy, paste and duplicate of diagram rows, as plain data (no DOM, no Svelte).
 *
 * The payload is JSON on the system clipboard, so it works across diagrams, case studies
 * and browser tabs. Pasted text is untrusted (it may come from anywhere): `parseClipboard`
 * validates every row with the record schemas and never throws, and `pastePayload` copes
 * with references that lead nowhere.
 */
import { newId } from '../model/ids';
import { now } from '../model/factories';
import type { DiagramRows } from '../model/patch';
import { sortParentsFirst } from '../model/repair';
import { formatIssue, validateRecord, type RecordTypes } from '../model/schema';
import type { Boundary, Component, Connection, Id, ResiliencePolicies, XY } from '../model/types';

export const CLIPBOARD_TYPE = 'faultline/clipboard';
export const CLIPBOARD_VERSION = 1;

export interface ClipboardPayload {
  type: typeof CLIPBOARD_TYPE;
  version: 1;
  components: Component[];
  /** Parents before children. */
  boundaries: Boundary[];
  connections: Connection[];
}

export type ParseClipboardResult = { ok: true; payload: ClipboardPayload } | { ok: false; error: string };

/** At most this many row problems are named in a parse error. */
const MAX_LISTED_PROBLEMS = 5;

type Node = Component | Boundary;

/** The absolute position of a node: its own plus every ancestor's (missing parents and cycles stop the walk). */
function absolutePosition(node: Node, boundaryById: ReadonlyMap<Id, Boundary>): XY {
  let { x, y } = node.position;
  const seen = new Set<Id>([node.id]);
  let parent = node.parentId === null ? undefined : boundaryById.get(node.parentId);
  while (parent && !seen.has(parent.id)) {
    seen.add(parent.id);
    x += parent.position.x;
    y += parent.position.y;
    parent = parent.parentId === null ? undefined : boundaryById.get(parent.parentId);
  }
  return { x, y };
}

/**
 * What to put on the clipboard for `selectedIds`: the selected components and boundaries,
 * everything nested inside the selected boundaries, and the connections whose two ends are
 * both copied (a selected connection with an end left behind is left out). A node whose
 * parent is not copied becomes top level at its absolute position, so it pastes where it
 * appeared. Null when no component or boundary is copied.
 */
export function copySelection(rows: DiagramRows, selectedIds: ReadonlySet<string>): ClipboardPayload | null {
  const boundaryById = new Map(rows.boundaries.map((b) => [b.id, b]));
  const copiedBoundaries = new Set(rows.boundaries.filter((b) => selectedIds.has(b.id)).map((b) => b.id));
  // Everything nested inside a copied boundary, however deep.
  for (let grew = true; grew;) {
    grew = false;
    for (const b of rows.boundaries) {
      if (!copiedBoundaries.has(b.id) && b.parentId !== null && copiedBoundaries.has(b.parentId)) {
        copiedBoundaries.add(b.id);
        grew = true;
      }
    }
  }
  const isCopied = (c: Component) =>
    selectedIds.has(c.id) || (c.parentId !== null && copiedBoundaries.has(c.parentId));
  const components = rows.components.filter(isCopied);
  const boundaries = rows.boundaries.filter((b) => copiedBoundaries.has(b.id));
  if (components.length === 0 && boundaries.length === 0) return null;

  const copiedNodes = new Set<Id>([...components.map((c) => c.id), ...copiedBoundaries]);
  const detach = <T extends Node>(node: T): T => {
    const copy = structuredClone(node);
    if (copy.parentId !== null && !copiedBoundaries.has(copy.parentId)) {
      copy.position = absolutePosition(node, boundaryById);
      copy.parentId = null;
    }
    return copy;
  };
  return {
    type: CLIPBOARD_TYPE,
    version: CLIPBOARD_VERSION,
    components: components.map(detach),
    boundaries: sortParentsFirst(boundaries.map(detach)),
    connections: rows.connections
      .filter((c) => copiedNodes.has(c.source) && copiedNodes.has(c.target))
      .map((c) => structuredClone(c)),
  };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const NOT_OURS = 'The clipboard does not hold Faultline components';

/** Read clipboard text; never throws. Anything that is not a valid Faultline payload is `ok: false`. */
export function parseClipboard(text: string): ParseClipboardResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: `${NOT_OURS} (it holds text that is not JSON).` };
  }
  if (!isPlainObject(doc) || doc.type !== CLIPBOARD_TYPE) {
    return { ok: false, error: `${NOT_OURS} (no "type": "${CLIPBOARD_TYPE}" marker).` };
  }
  if (doc.version !== CLIPBOARD_VERSION) {
    const newer = typeof doc.version === 'number' && doc.version > CLIPBOARD_VERSION;
    return {
      ok: false,
      error: newer
        ? `The clipboard was copied from a newer version of Faultline (clipboard version ${doc.version}); reload this tab to paste it.`
        : `The clipboard holds Faultline data of an unknown version (${doc.version === undefined ? 'none' : JSON.stringify(doc.version)}).`,
    };
  }

  const problems: string[] = [];
  const read = <K extends 'components' | 'boundaries' | 'connections'>(kind: K) => {
    const list = doc[kind];
    if (!Array.isArray(list)) {
      problems.push(`${kind}: expected a list of records`);
      return [];
    }
    const out: RecordTypes[K][] = [];
    list.forEach((item: unknown, i) => {
      const result = validateRecord(kind, item);
      if (result.ok) out.push(result.value);
      else {
        for (const issue of result.issues) {
          const at = `${kind}[${i}]`;
          const path = !issue.path
            ? at
            : issue.path.startsWith('[')
              ? `${at}${issue.path}`
              : `${at}.${issue.path}`;
          problems.push(formatIssue({ ...issue, path }));
        }
      }
    });
    return out;
  };
  const components = read('components');
  const boundaries = read('boundaries');
  const connections = read('connections');

  const seen = new Set<Id>();
  for (const row of [...components, ...boundaries, ...connections]) {
    if (seen.has(row.id)) problems.push(`"${row.id}" appears twice`);
    seen.add(row.id);
  }

  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
    const more = problems.length - MAX_LISTED_PROBLEMS;
    return {
      ok: false,
      error: `The copied Faultline items are damaged and were not pasted: ${listed}${more > 0 ? `; …and ${more} more` : ''}.`,
    };
  }
  return {
    ok: true,
    payload: {
      type: CLIPBOARD_TYPE,
      version: CLIPBOARD_VERSION,
      components,
      boundaries: sortParentsFirst(boundaries),
      connections,
    },
  };
}

/** Parent links that would form a loop inside the payload are cut (untrusted input). */
function acyclicParents(boundaries: readonly Boundary[], inPayload: ReadonlySet<Id>): Map<Id, Id | null> {
  const parentOf = new Map<Id, Id | null>(
    boundaries.map((b) => [b.id, b.parentId !== null && inPayload.has(b.parentId) ? b.parentId : null]),
  );
  for (const b of boundaries) {
    const seen = new Set<Id>([b.id]);
    let child = b.id;
    let parent = parentOf.get(b.id) ?? null;
    while (parent !== null) {
      if (seen.has(parent)) {
        parentOf.set(child, null);
        break;
      }
      seen.add(parent);
      child = parent;
      parent = parentOf.get(parent) ?? null;
    }
  }
  return parentOf;
}

/**
 * Rows to add to `target` for a payload, plus the map from the payload's ids to the new ones
 * (the UI selects the pasted items with it). Every row gets a fresh id; parents, connection
 * ends and dead-letter targets are remapped when they are in the payload and otherwise
 * cleared (a connection with an end outside the payload is dropped); nodes without a parent
 * in the payload are shifted by `offset`.
 */
export function pasteWithIdMap(
  payload: ClipboardPayload,
  target: { caseStudyId: Id; diagramId: Id },
  offset: XY,
): { rows: DiagramRows; idMap: Map<Id, Id> } {
  const idMap = new Map<Id, Id>();
  for (const b of payload.boundaries) idMap.set(b.id, newId('boundary'));
  for (const c of payload.components) idMap.set(c.id, newId('component'));
  const boundaryIds = new Set(payload.boundaries.map((b) => b.id));
  const parentOf = acyclicParents(payload.boundaries, boundaryIds);
  const t = now();

  const place = (position: XY, parentId: Id | null): { parentId: Id | null; position: XY } => {
    const mapped = parentId === null ? undefined : idMap.get(parentId);
    return mapped !== undefined
      ? { parentId: mapped, position: { ...position } }
      : { parentId: null, position: { x: position.x + offset.x, y: position.y + offset.y } };
  };
  const policies = (p: ResiliencePolicies): ResiliencePolicies => {
    const copy = structuredClone(p);
    if (copy.deadLetter) copy.deadLetter.targetId = idMap.get(copy.deadLetter.targetId) ?? '';
    return copy;
  };

  const boundaries: Boundary[] = payload.boundaries.map((b) => ({
    ...structuredClone(b),
    ...target,
    id: idMap.get(b.id) as Id,
    ...place(b.position, parentOf.get(b.id) ?? null),
    updatedAt: t,
  }));
  const components: Component[] = payload.components.map((c) => ({
    ...structuredClone(c),
    ...target,
    id: idMap.get(c.id) as Id,
    ...place(c.position, c.parentId !== null && boundaryIds.has(c.parentId) ? c.parentId : null),
    policies: policies(c.policies),
    updatedAt: t,
  }));
  const connections: Connection[] = [];
  for (const c of payload.connections) {
    const source = idMap.get(c.source);
    const targetId = idMap.get(c.target);
    if (source === undefined || targetId === undefined) continue;
    const id = newId('connection');
    idMap.set(c.id, id);
    connections.push({
      ...structuredClone(c),
      ...target,
      id,
      source,
      target: targetId,
      policies: policies(c.policies),
      updatedAt: t,
    });
  }
  return { rows: { components, boundaries: sortParentsFirst(boundaries), connections }, idMap };
}

/** The rows to add to `target` for a payload; see `pasteWithIdMap`. */
export function pastePayload(
  payload: ClipboardPayload,
  target: { caseStudyId: Id; diagramId: Id },
  offset: XY,
): DiagramRows {
  return pasteWithIdMap(payload, target, offset).rows;
}

/** Top-left corner of the payload's top-level nodes ({0, 0} when empty): paste at a point with `point - origin`. */
export function payloadOrigin(payload: ClipboardPayload): XY {
  const top = [...payload.components, ...payload.boundaries].filter((n) => n.parentId === null);
  if (top.length === 0) return { x: 0, y: 0 };
  return {
    x: Math.min(...top.map((n) => n.position.x)),
    y: Math.min(...top.map((n) => n.position.y)),
  };
}

/** Copy the selection and paste it into the same diagram, shifted by `offset`; null when nothing is copied. */
export function duplicateSelection(
  rows: DiagramRows,
  selectedIds: ReadonlySet<string>,
  offset: XY,
): DiagramRows | null {
  const payload = copySelection(rows, selectedIds);
  const first = payload?.components[0] ?? payload?.boundaries[0];
  if (!payload || !first) return null;
  return pastePayload(payload, { caseStudyId: first.caseStudyId, diagramId: first.diagramId }, offset);
}
