/**
 * The diagram being edited. While editing, its in-memory nodes and edges are the source of
 * truth (docs/decisions/0005); after each gesture `commit()` diffs them against the last
 * committed rows and hands the patch to the write queue. Changes from other tabs arrive as
 * row sets and are merged by id, keeping Svelte Flow's measured sizes and the selection.
 */
import type { Connection as FlowConnection } from '@xyflow/svelte';
import {
  canvasToRows,
  componentNode,
  connectionEdge,
  rowsToCanvas,
  type CanvasEdge,
  type CanvasNode,
} from '../canvas/mapping';
import { freeSpot } from '../canvas/placement';
import { COMPONENT_CATALOGUE } from '../model/catalogue';
import { createComponent, createConnection, now } from '../model/factories';
import { diffRows, isEmptyPatch, type DiagramPatch, type DiagramRows } from '../model/patch';
import type { Component, ComponentKind, Id, XY } from '../model/types';

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

export class DiagramEditor {
  nodes = $state.raw<CanvasNode[]>([]);
  edges = $state.raw<CanvasEdge[]>([]);
  /** Id of the node whose label is being edited in place. */
  editingId = $state<Id | null>(null);
  /** True while a pointer gesture (drag, resize) is in progress: outside changes wait. */
  busy = false;
  private committed: DiagramRows;

  constructor(
    readonly caseStudyId: Id,
    readonly diagramId: Id,
    rows: DiagramRows,
    private readonly sink: PatchSink,
  ) {
    this.committed = rows;
    const { nodes, edges } = rowsToCanvas(rows);
    this.nodes = nodes;
    this.edges = edges;
  }

  /** The rows as last committed (what IndexedDB has or is about to have). */
  get rows(): DiagramRows {
    return this.committed;
  }

  /** Persist whatever changed on the canvas since the last commit. Returns the patch written. */
  commit(): DiagramPatch | null {
    const rows = canvasToRows(this.nodes, this.edges);
    const { forward } = diffRows(this.committed, rows);
    if (isEmptyPatch(forward)) return null;
    const patch = stamp(forward, now());
    this.committed = rows;
    this.sink.schedule(this.caseStudyId, patch);
    return patch;
  }

  /** Merge rows read from IndexedDB (another tab's edit, or our own write echoing back). */
  mergeExternal(rows: DiagramRows): void {
    if (this.busy || this.sink.hasPending(this.caseStudyId)) return;
    const { forward } = diffRows(this.committed, rows);
    if (isEmptyPatch(forward)) return;
    this.committed = rows;
    const { nodes, edges } = rowsToCanvas(rows, { prevNodes: this.nodes, prevEdges: this.edges });
    this.nodes = nodes;
    this.edges = edges;
  }

  addComponent(kind: ComponentKind, center: XY): Component {
    const row = createComponent({ caseStudyId: this.caseStudyId, diagramId: this.diagramId, kind });
    row.position = freeSpot(this.nodes, { x: Math.round(center.x - 90), y: Math.round(center.y - 32) });
    const node = { ...componentNode(row, 0), selected: true };
    this.nodes = [...this.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
    this.commit();
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

  rename(id: Id, label: string): void {
    const text = label.trim();
    this.editingId = null;
    const node = this.nodes.find((n) => n.id === id);
    if (!node || !text || text === node.data.row.label) return;
    this.nodes = this.nodes.map((n) => {
      if (n.id !== id) return n;
      return n.type === 'component'
        ? componentNode({ ...n.data.row, label: text }, n.data.decisionCount, n)
        : { ...n, data: { row: { ...n.data.row, label: text } }, ariaLabel: text };
    });
    this.commit();
  }

  startEditing(id: Id): void {
    this.editingId = id;
  }

  cancelEditing(): void {
    this.editingId = null;
  }

  kindLabel(kind: ComponentKind): string {
    return COMPONENT_CATALOGUE[kind].label;
  }
}
