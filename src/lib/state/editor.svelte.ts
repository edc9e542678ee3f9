/**
 * The diagram being edited. While editing, its in-memory nodes and edges are the source of
 * truth (docs/decisions/0005); after each gesture `commit()` diffs them against the last
 * committed rows, hands the patch to the write queue and records it for undo. Changes from
 * other tabs arrive as row sets and are merged by id, keeping Svelte Flow's measured sizes
 * and the selection.
 */
import type { Connection as FlowConnection } from '@xyflow/svelte';
import { copySelection, pasteWithIdMap, payloadOrigin, type ClipboardPayload } from '../canvas/clipboard';
import { History, historyFor } from '../canvas/history';
import {
  boundaryNode,
  canvasToRows,
  componentNode,
  connectionEdge,
  rowsToCanvas,
  type CanvasEdge,
  type CanvasNode,
} from '../canvas/mapping';
import {
  absolutePosition,
  dropTarget,
  isSelfOrAncestor,
  nodeSize,
  reparent,
  sortForFlow,
} from '../canvas/parenting';
import { facingHandles, freeSpot } from '../canvas/placement';
import { BOUNDARY_CATALOGUE, COMPONENT_CATALOGUE } from '../model/catalogue';
import { createBoundary, createComponent, createConnection, now } from '../model/factories';
import { applyPatch, diffRows, isEmptyPatch, type DiagramPatch, type DiagramRows } from '../model/patch';
import type {
  Boundary,
  BoundaryKind,
  Component,
  ComponentKind,
  Connection,
  Decision,
  Id,
  XY,
} from '../model/types';
import { linkCounts, removeLinks } from '../model/decisions';
import type { RecordChanges } from '../store';

/** Decisions linked to diagram items: read them, and change them along with a diagram step. */
export interface DecisionLinks {
  decisions(): readonly Decision[];
  /** Apply changes to decisions without recording them; returns the inverse. */
  apply(changes: RecordChanges): RecordChanges;
}

export interface PatchSink {
  /** Persist a patch (debounced by the write queue). */
  schedule(caseStudyId: Id, patch: DiagramPatch): void;
  /** True while this case study has writes not yet in IndexedDB. */
  hasPending(caseStudyId: Id): boolean;
}

/** Stamp the rows a patch writes with one time, so every tab agrees which copy is newer. */
function stamp(patch: DiagramPatch, t: number): DiagramPatch {
  return {
    put: {
      components: patch.put.components.map((r) => ({ ...r, updatedAt: t })),
      boundaries: patch.put.boundaries.map((r) => ({ ...r, updatedAt: t })),
      connections: patch.put.connections.map((r) => ({ ...r, updatedAt: t })),
    },
    delete: patch.delete,
  };
}

const PASTE_OFFSET = { x: 40, y: 40 };

export class DiagramEditor {
  nodes = $state.raw<CanvasNode[]>([]);
  edges = $state.raw<CanvasEdge[]>([]);
  /** Id of the node whose label is being edited in place. */
  editingId = $state<Id | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  undoLabel = $state<string | null>(null);
  redoLabel = $state<string | null>(null);
  /** True while a pointer gesture (drag, resize) is in progress: outside changes wait. */
  busy = false;
  // Raw state: drills and review markers derive from it; only ever reassigned.
  private committed: DiagramRows = $state.raw({ components: [], boundaries: [], connections: [] });
  private readonly history: History;
  private nudgeTimer: ReturnType<typeof setTimeout> | undefined;
  /** A commit waiting for the next painted frame (see `commitAfterPaint`). */
  private afterPaint: { label: string; cancel: () => void } | null = null;

  constructor(
    readonly caseStudyId: Id,
    readonly diagramId: Id,
    rows: DiagramRows,
    private readonly sink: PatchSink,
    private readonly links: DecisionLinks | null = null,
  ) {
    this.committed = rows;
    this.history = historyFor(diagramId);
    const { nodes, edges } = rowsToCanvas(rows, { decisionCounts: this.counts() });
    this.nodes = nodes;
    this.edges = edges;
    this.syncHistory();
  }

  /** The rows as last committed (what IndexedDB has or is about to have). */
  get rows(): DiagramRows {
    return this.committed;
  }

  /** Ids of the selected nodes and edges. */
  get selectedIds(): Set<Id> {
    const ids = new Set<Id>();
    for (const n of this.nodes) if (n.selected) ids.add(n.id);
    for (const e of this.edges) if (e.selected) ids.add(e.id);
    return ids;
  }

  // -------------------------------------------------------------------------
  // Committing, undo and redo
  // -------------------------------------------------------------------------

  /** Persist whatever changed on the canvas since the last commit, as one undo step. */
  commit(label = 'Edit'): DiagramPatch | null {
    this.flushAfterPaint();
    clearTimeout(this.nudgeTimer);
    const rows = canvasToRows(this.nodes, this.edges);
    const { forward, inverse } = diffRows(this.committed, rows);
    if (isEmptyPatch(forward)) return null;
    this.committed = rows;
    // Deleting components or connections removes their decision links (not the decisions);
    // undo restores both, so the link changes ride along with this step.
    let attached: { forward: RecordChanges; inverse: RecordChanges } | undefined;
    if (this.links && (forward.delete.components.length > 0 || forward.delete.connections.length > 0)) {
      const changed = removeLinks(this.links.decisions(), {
        componentIds: forward.delete.components,
        connectionIds: forward.delete.connections,
      });
      if (changed.length > 0) {
        const linkForward: RecordChanges = { put: { decisions: changed }, delete: {} };
        attached = { forward: linkForward, inverse: this.links.apply(linkForward) };
      }
    }
    this.history.push({ label, forward, inverse, attached });
    this.syncHistory();
    const patch = stamp(forward, now());
    this.sink.schedule(this.caseStudyId, patch);
    return patch;
  }

  undo(): void {
    this.flushAfterPaint();
    this.commitPendingNudge();
    const entry = this.history.undo();
    if (entry) {
      this.replay(entry.inverse);
      if (entry.attached) this.links?.apply(entry.attached.inverse as RecordChanges);
    }
    this.syncHistory();
  }

  redo(): void {
    this.flushAfterPaint();
    this.commitPendingNudge();
    const entry = this.history.redo();
    if (entry) {
      this.replay(entry.forward);
      if (entry.attached) this.links?.apply(entry.attached.forward as RecordChanges);
    }
    this.syncHistory();
  }

  private replay(patch: DiagramPatch): void {
    this.editingId = null;
    const rows = applyPatch(this.committed, patch);
    this.committed = rows;
    const { nodes, edges } = rowsToCanvas(rows, {
      prevNodes: this.nodes,
      prevEdges: this.edges,
      decisionCounts: this.counts(),
    });
    this.nodes = nodes;
    this.edges = edges;
    this.sink.schedule(this.caseStudyId, stamp(patch, now()));
  }

  private syncHistory(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
    this.undoLabel = this.history.undoLabel;
    this.redoLabel = this.history.redoLabel;
  }

  /** Merge rows read from IndexedDB (another tab's edit, or our own write echoing back). */
  mergeExternal(rows: DiagramRows): void {
    if (this.busy) return;
    this.flushAfterPaint();
    if (this.sink.hasPending(this.caseStudyId)) return;
    const { forward } = diffRows(this.committed, rows);
    if (isEmptyPatch(forward)) return;
    this.committed = rows;
    const { nodes, edges } = rowsToCanvas(rows, {
      prevNodes: this.nodes,
      prevEdges: this.edges,
      decisionCounts: this.counts(),
    });
    this.nodes = nodes;
    this.edges = edges;
  }

  private counts(): Map<Id, number> {
    return linkCounts(this.links?.decisions() ?? []);
  }

  /** Show each component's number of linked decisions (only nodes whose count changed are replaced). */
  refreshDecisionCounts(): void {
    const counts = this.counts();
    let changed = false;
    const nodes = this.nodes.map((n) => {
      if (n.type !== 'component') return n;
      const count = counts.get(n.id) ?? 0;
      if (count === n.data.decisionCount) return n;
      changed = true;
      return componentNode(n.data.row, count, n);
    });
    if (changed) this.nodes = nodes;
  }

  /** Select one node or edge (e.g. from a decision's "Governs" list). */
  focus(id: Id): boolean {
    const exists = this.nodes.some((n) => n.id === id) || this.edges.some((e) => e.id === id);
    if (exists) this.select(new Set([id]));
    return exists;
  }

  // -------------------------------------------------------------------------
  // Adding
  // -------------------------------------------------------------------------

  private deselected(): CanvasNode[] {
    return this.nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
  }

  addComponent(kind: ComponentKind, center: XY): Component {
    const row = createComponent({ caseStudyId: this.caseStudyId, diagramId: this.diagramId, kind });
    row.position = freeSpot(this.nodes, { x: Math.round(center.x - 90), y: Math.round(center.y - 32) });
    this.nodes = [...this.deselected(), { ...componentNode(row, 0), selected: true }];
    this.edges = this.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
    // Dropped onto a boundary: it becomes that boundary's child.
    const parent = dropTarget(this.nodes, row.id);
    if (parent) this.nodes = reparent(this.nodes, row.id, parent);
    this.commit(`Add ${COMPONENT_CATALOGUE[kind].label}`);
    return row;
  }

  addBoundary(kind: BoundaryKind, center: XY): Boundary {
    const row = createBoundary({ caseStudyId: this.caseStudyId, diagramId: this.diagramId, kind });
    row.position = {
      x: Math.round(center.x - row.size.width / 2),
      y: Math.round(center.y - row.size.height / 2),
    };
    this.nodes = sortForFlow([...this.deselected(), { ...boundaryNode(row), selected: true }]);
    const parent = dropTarget(this.nodes, row.id);
    if (parent) this.nodes = reparent(this.nodes, row.id, parent);
    this.commit(`Add ${BOUNDARY_CATALOGUE[kind].label}`);
    return row;
  }

  /** Turn a connection Svelte Flow is about to add into one of ours (called from onbeforeconnect). */
  connectionFor(c: FlowConnection): CanvasEdge | null {
    if (c.source === c.target) return null;
    const target = this.nodes.find((n) => n.id === c.target);
    const targetKind = target?.type === 'component' ? target.data.row.kind : undefined;
    const row = createConnection(
      {
        caseStudyId: this.caseStudyId,
        diagramId: this.diagramId,
        source: c.source,
        target: c.target,
        sourceHandle: c.sourceHandle ?? null,
        targetHandle: c.targetHandle ?? null,
      },
      targetKind,
    );
    return connectionEdge(row);
  }

  // -------------------------------------------------------------------------
  // Editing fields (the inspector and in-place label editing): one undo step per edit.
  // -------------------------------------------------------------------------

  updateComponent(id: Id, changes: Partial<Omit<Component, 'id'>>, label = 'Edit component'): void {
    this.nodes = this.nodes.map((n) =>
      n.id === id && n.type === 'component'
        ? componentNode({ ...n.data.row, ...changes }, n.data.decisionCount, n)
        : n,
    );
    this.commit(label);
  }

  updateBoundary(id: Id, changes: Partial<Omit<Boundary, 'id'>>, label = 'Edit boundary'): void {
    this.nodes = this.nodes.map((n) => {
      if (n.id !== id || n.type !== 'boundary') return n;
      const row = { ...n.data.row, ...changes };
      return { ...boundaryNode(row, n), width: row.size.width, height: row.size.height };
    });
    this.commit(label);
  }

  updateConnection(id: Id, changes: Partial<Omit<Connection, 'id'>>, label = 'Edit connection'): void {
    this.edges = this.edges.map((e) =>
      e.id === id && e.data ? connectionEdge({ ...e.data.row, ...changes }, e) : e,
    );
    this.commit(label);
  }

  rename(id: Id, label: string): void {
    const text = label.trim();
    this.editingId = null;
    const node = this.nodes.find((n) => n.id === id);
    if (!node || !text || text === node.data.row.label) return;
    if (node.type === 'component') this.updateComponent(id, { label: text }, 'Rename');
    else this.updateBoundary(id, { label: text }, 'Rename');
  }

  startEditing(id: Id): void {
    this.editingId = id;
  }

  cancelEditing(): void {
    this.editingId = null;
  }

  // -------------------------------------------------------------------------
  // Moving, parenting, nudging
  // -------------------------------------------------------------------------

  /** After a drag: nodes dropped on a boundary join it, nodes dragged out leave it. One undo step. */
  afterDrag(draggedIds: readonly Id[]): void {
    this.busy = false;
    const dragged = new Set(draggedIds);
    const byId = new Map(this.nodes.map((n) => [n.id, n]));
    // Only the outermost dragged nodes change parent; their descendants move along.
    const roots = draggedIds.filter((id) => {
      for (let p = byId.get(id)?.parentId; p; p = byId.get(p)?.parentId) if (dragged.has(p)) return false;
      return true;
    });
    let nodes = this.nodes;
    for (const id of roots) {
      const target = dropTarget(nodes, id);
      nodes = reparent(nodes, id, target);
    }
    this.nodes = nodes;
    this.commit('Move');
  }

  /** Move the selected nodes by a few pixels; a burst of nudges is one undo step. */
  nudge(dx: number, dy: number): void {
    const selected = this.selectedIds;
    const byId = new Map(this.nodes.map((n) => [n.id, n]));
    this.nodes = this.nodes.map((n) => {
      if (!n.selected) return n;
      // A selected child of a selected boundary moves with its parent.
      for (let p = n.parentId; p; p = byId.get(p)?.parentId) if (selected.has(p)) return n;
      return { ...n, position: { x: n.position.x + dx, y: n.position.y + dy } };
    });
    this.scheduleNudgeCommit();
  }

  /** Svelte Flow moved the selection from the keyboard itself: commit after the burst. */
  scheduleNudgeCommit(): void {
    clearTimeout(this.nudgeTimer);
    this.nudgeTimer = setTimeout(() => this.commit('Nudge'), 400);
  }

  /**
   * Commit once the next frame has been painted: for one-shot changes of many nodes (Arrange),
   * whose diff of every row would otherwise delay showing the result. Anything that reads or
   * changes the history first (commit, undo, redo, an outside change) commits it at once.
   */
  private commitAfterPaint(label: string): void {
    this.flushAfterPaint();
    let frame: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      this.afterPaint = null;
      this.commit(label);
    };
    // A task queued from an animation frame runs after that frame's paint.
    if (typeof requestAnimationFrame === 'function') {
      frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
    } else timer = setTimeout(run, 0);
    this.afterPaint = {
      label,
      cancel: () => {
        if (frame !== undefined) cancelAnimationFrame(frame);
        clearTimeout(timer);
      },
    };
  }

  private flushAfterPaint(): void {
    const pending = this.afterPaint;
    if (!pending) return;
    pending.cancel();
    this.afterPaint = null;
    this.commit(pending.label);
  }

  private commitPendingNudge(): void {
    if (this.nudgeTimer !== undefined) {
      clearTimeout(this.nudgeTimer);
      this.nudgeTimer = undefined;
      this.commit('Nudge');
    }
  }

  // -------------------------------------------------------------------------
  // Selection, deletion, clipboard
  // -------------------------------------------------------------------------

  selectAll(): void {
    this.nodes = this.nodes.map((n) => (n.selected ? n : { ...n, selected: true }));
    this.edges = this.edges.map((e) => (e.selected ? e : { ...e, selected: true }));
  }

  /** Every connection unselected (nodes keep theirs). */
  deselectEdges(): void {
    if (this.edges.some((e) => e.selected)) {
      this.edges = this.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
    }
  }

  select(ids: ReadonlySet<Id>): void {
    this.nodes = this.nodes.map((n) =>
      !!n.selected === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) },
    );
    this.edges = this.edges.map((e) =>
      !!e.selected === ids.has(e.id) ? e : { ...e, selected: ids.has(e.id) },
    );
  }

  /** Selected boundaries that contain nodes which are not selected themselves. */
  boundariesWithUnselectedChildren(): CanvasNode[] {
    const selected = this.selectedIds;
    return this.nodes.filter(
      (b) =>
        b.type === 'boundary' &&
        selected.has(b.id) &&
        this.nodes.some((n) => n.parentId === b.id && !selected.has(n.id)),
    );
  }

  /**
   * Delete the selection. Children of deleted boundaries are kept (moved to the nearest
   * surviving ancestor, staying where they are on screen) or deleted with them.
   */
  deleteSelection(opts: { keepChildren: boolean }): boolean {
    const selected = this.selectedIds;
    if (selected.size === 0) return false;
    const byId = new Map(this.nodes.map((n) => [n.id, n]));
    const doomed = new Set<Id>();
    for (const n of this.nodes) {
      if (selected.has(n.id)) doomed.add(n.id);
      else if (!opts.keepChildren) {
        for (let p = n.parentId; p; p = byId.get(p)?.parentId) {
          if (selected.has(p)) {
            doomed.add(n.id);
            break;
          }
        }
      }
    }
    let nodes = this.nodes;
    if (opts.keepChildren) {
      for (const n of this.nodes) {
        if (doomed.has(n.id) || !n.parentId || !doomed.has(n.parentId)) continue;
        let parent: Id | undefined = n.parentId;
        while (parent && doomed.has(parent)) parent = byId.get(parent)?.parentId;
        nodes = reparent(nodes, n.id, parent ?? null);
      }
    }
    this.nodes = nodes.filter((n) => !doomed.has(n.id));
    this.edges = this.edges.filter(
      (e) => !selected.has(e.id) && !doomed.has(e.source) && !doomed.has(e.target),
    );
    this.commit('Delete');
    return true;
  }

  /** The selection as a clipboard payload (what Ctrl/Cmd+C copies), or null. */
  copy(): ClipboardPayload | null {
    return copySelection(canvasToRows(this.nodes, this.edges), this.selectedIds);
  }

  /**
   * Add a payload's rows with new ids, selected. With `at`, its top-left corner lands there;
   * otherwise it lands offset from where it was copied.
   */
  paste(payload: ClipboardPayload, at?: XY): number {
    const origin = payloadOrigin(payload);
    const offset = at ? { x: Math.round(at.x - origin.x), y: Math.round(at.y - origin.y) } : PASTE_OFFSET;
    const { rows } = pasteWithIdMap(
      payload,
      { caseStudyId: this.caseStudyId, diagramId: this.diagramId },
      offset,
    );
    const added = rowsToCanvas(rows);
    const existing = new Set(this.nodes.map((n) => n.id));
    this.nodes = sortForFlow([
      ...this.deselected(),
      ...added.nodes.filter((n) => !existing.has(n.id)).map((n) => ({ ...n, selected: true })),
    ]);
    this.edges = [
      ...this.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      ...added.edges.map((e) => ({ ...e, selected: true })),
    ];
    this.commit('Paste');
    return added.nodes.length;
  }

  duplicate(): number {
    const payload = this.copy();
    return payload ? this.paste(payload) : 0;
  }

  // -------------------------------------------------------------------------
  // Layout
  // -------------------------------------------------------------------------

  /** Take positions and boundary sizes from laid-out rows (by id); one undo step. */
  applyLayout(laidOut: DiagramRows): void {
    const components = new Map(laidOut.components.map((c) => [c.id, c]));
    const boundaries = new Map(laidOut.boundaries.map((b) => [b.id, b]));
    this.nodes = this.nodes.map((n) => {
      if (n.type === 'component') {
        const row = components.get(n.id);
        return row && row.parentId === (n.parentId ?? null) ? { ...n, position: { ...row.position } } : n;
      }
      const row = boundaries.get(n.id);
      if (!row || row.parentId !== (n.parentId ?? null)) return n;
      return { ...n, position: { ...row.position }, width: row.size.width, height: row.size.height };
    });
    // Re-attach every connection to the sides of its ends that now face each other.
    const byId = new Map(this.nodes.map((n) => [n.id, n]));
    const box = (id: Id) => ({ ...absolutePosition(byId, id), ...nodeSize(byId.get(id)!) });
    this.edges = this.edges.map((e) => {
      if (!e.data || !byId.has(e.source) || !byId.has(e.target)) return e;
      const handles = facingHandles(box(e.source), box(e.target));
      if (e.sourceHandle === handles.sourceHandle && e.targetHandle === handles.targetHandle) return e;
      return connectionEdge({ ...e.data.row, ...handles }, e);
    });
    this.commitAfterPaint('Arrange');
  }

  /** True when `id` is `ancestorId` or inside it (for the inspector's parent picker). */
  isInside(ancestorId: Id, id: Id): boolean {
    return isSelfOrAncestor(new Map(this.nodes.map((n) => [n.id, n])), ancestorId, id);
  }
}
