import type { DiagramEditor } from '../../state/editor.svelte';
import type { BoundaryKind, ComponentKind } from '../../model/types';

/** Svelte context key under which the diagram editor is provided to nodes and edges. */
export const EDITOR_CONTEXT = Symbol('faultline-editor');
export type EditorRef = { readonly current: DiagramEditor | null };

/** DataTransfer type of a palette item being dragged onto the canvas (value: "component:database"). */
export const PALETTE_DRAG_TYPE = 'application/x-faultline-item';

export type PaletteItem =
  { type: 'component'; kind: ComponentKind } | { type: 'boundary'; kind: BoundaryKind };

/**
 * Svelte context key of the canvas's level of detail (DiagramEditorView sets it from the zoom):
 * `low` below 0.45 (names only), `min` below 0.25 (shapes only; connections drawn as one layer).
 * Nodes and edges leave out, rather than hide, what the level does not show.
 */
export const DETAIL_CONTEXT = Symbol('faultline-detail');
export type DetailRef = { readonly low: boolean; readonly min: boolean };
