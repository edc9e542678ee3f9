import type { DiagramEditor } from '../../state/editor.svelte';
import type { BoundaryKind, ComponentKind } from '../../model/types';

/** Svelte context key under which the diagram editor is provided to nodes and edges. */
export const EDITOR_CONTEXT = Symbol('faultline-editor');
export type EditorRef = { readonly current: DiagramEditor | null };

/** DataTransfer type of a palette item being dragged onto the canvas (value: "component:database"). */
export const PALETTE_DRAG_TYPE = 'application/x-faultline-item';

export type PaletteItem =
  { type: 'component'; kind: ComponentKind } | { type: 'boundary'; kind: BoundaryKind };
