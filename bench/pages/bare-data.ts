/** What the bench hands the bare Svelte Flow page (fetched as JSON at startup). */
export interface BareNode {
  id: string;
  /** Absent: Svelte Flow's default node; 'group' for boundaries. */
  type?: 'group';
  position: { x: number; y: number };
  parentId?: string;
  width?: number;
  height?: number;
  data: { label: string };
}

export interface BareEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}

export interface BareData {
  nodes: BareNode[];
  edges: BareEdge[];
}
