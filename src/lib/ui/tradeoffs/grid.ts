/**
 * Pure helpers behind the spreadsheet grid (TableGrid.svelte): what a key does in a cell,
 * when a paste fills several cells, cell names, and the edits a grid emits applied to a
 * plain table (challenges, custom) or to the tech-stack table (whose component cells are
 * component edits). No Svelte, no DOM.
 */
import {
  addColumn,
  addRow,
  columnsEditable,
  deleteColumn,
  deleteRow,
  moveColumn,
  moveRow,
  parseTsv,
  pasteCells,
  renameColumn,
  setCell,
  techStackAddRow,
  techStackDeleteRow,
  techStackEdit,
  techStackMoveRow,
  techStackPaste,
  techStackRows,
  type ComponentChange,
  type DerivedRow,
} from '../../model/tables';
import type { Component, Id, TableColumn, TradeOffTable } from '../../model/types';

// ---------------------------------------------------------------------------
// Rows as the grid shows them
// ---------------------------------------------------------------------------

/** One row of the grid. */
export interface GridRow {
  /** Stable across re-renders (a tech-stack component row keeps its component id as key). */
  key: Id;
  /** Column id → text. */
  cells: Record<Id, string>;
  /** Columns whose text lives somewhere else (a component's fields); drawn with a cue. */
  linkedColumnIds?: readonly Id[];
  /** Accessible name of the row's delete button; default "Delete row N". */
  deleteLabel?: string;
  /** The delete button takes the row out without deleting anything (tech-stack component rows). */
  excludes?: boolean;
}

/** A stored table's rows for the grid. */
export function plainGridRows(table: Pick<TradeOffTable, 'rows'>): GridRow[] {
  return table.rows.map((r) => ({ key: r.id, cells: r.cells }));
}

/** The tech-stack table as the grid shows it: component rows keyed by component id. */
export function techStackGridRows(rows: readonly DerivedRow[]): GridRow[] {
  return rows.map((r) => ({
    key: r.componentId ?? r.key,
    cells: r.cells,
    linkedColumnIds: r.componentColumnIds,
    ...(r.source === 'component'
      ? { deleteLabel: `Exclude ${r.componentLabel || 'component'}`, excludes: true }
      : {}),
  }));
}

/** "Column 3" for a column without a name. */
export function columnName(column: Pick<TableColumn, 'name'>, index: number): string {
  return column.name.trim() || `Column ${index + 1}`;
}

/** A cell's accessible name: "Row 2, Technology". */
export function cellLabel(rowIndex: number, column: Pick<TableColumn, 'name'>, columnIndex: number): string {
  return `Row ${rowIndex + 1}, ${columnName(column, columnIndex)}`;
}

// ---------------------------------------------------------------------------
// Keyboard
// ---------------------------------------------------------------------------

export type GridKeyAction =
  | { type: 'next-row' }
  | { type: 'previous-row' }
  | { type: 'line-break' }
  | { type: 'move-row'; delta: -1 | 1 }
  | { type: 'delete-row' }
  | { type: 'insert-row' }
  | { type: 'revert' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
  /** AltGr held (Windows reports it as Ctrl+Alt): never a shortcut, it types a character. */
  altGraph?: boolean;
}

/**
 * What a key pressed in a cell does. Enter: same column, next row (Shift: previous row);
 * Alt+Enter or Ctrl/Cmd+Enter: a line break inside the cell; Escape: drop the draft;
 * Alt+↑/↓: move the row; Ctrl/Cmd+Alt+= inserts a row below, Ctrl/Cmd+Alt+− deletes the
 * row (as in Google Sheets). Tab is left to the browser. Null: let the key through.
 */
export function gridKeyAction(e: KeyLike, mac = false): GridKeyAction | null {
  if (e.isComposing || e.altGraph) return null;
  const mod = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  if (e.key === 'Enter') {
    if (other) return null;
    if (e.altKey || mod) return e.shiftKey ? null : { type: 'line-break' };
    return e.shiftKey ? { type: 'previous-row' } : { type: 'next-row' };
  }
  if (e.key === 'Escape') return { type: 'revert' };
  if (e.altKey && !e.shiftKey && !mod && !other) {
    if (e.key === 'ArrowUp') return { type: 'move-row', delta: -1 };
    if (e.key === 'ArrowDown') return { type: 'move-row', delta: 1 };
  }
  if (mod && e.altKey && !other) {
    if (e.key === '-' || e.key === '_' || e.key === '–') return { type: 'delete-row' };
    if (e.key === '=' || e.key === '+' || e.key === '≠') return { type: 'insert-row' };
  }
  return null;
}

/** The shortcut hint shown under a grid. */
export function shortcutHint(mac = false): string {
  const mod = mac ? '⌘' : 'Ctrl';
  const alt = mac ? '⌥' : 'Alt';
  return (
    `Tab: next cell · Enter: next row · ${alt}+Enter: line break · ${alt}+↑/↓: move row · ` +
    `${mod}+${alt}+=: insert row · ${mod}+${alt}+−: delete row · Paste from a spreadsheet fills several cells`
  );
}

/**
 * The cells a paste fills, or null for an ordinary paste into the one cell: text with a tab
 * or a line break is a block of cells (as spreadsheets put them on the clipboard).
 */
export function clipboardGrid(text: string): string[][] | null {
  if (!/[\t\r\n]/.test(text)) return null;
  const grid = parseTsv(text);
  return grid.length > 0 ? grid : null;
}

/** "3 rows", "1 cell": what a paste filled, for the undo label. */
export function pasteSummary(grid: readonly (readonly string[])[]): string {
  const rows = grid.length;
  if (rows === 1) {
    const cells = grid[0]?.length ?? 0;
    return cells === 1 ? '1 cell' : `${cells} cells`;
  }
  return `${rows} rows`;
}

/** Where a key press lands: a field that types text (undo there is the field's own). */
export function isTextEntry(
  el: { tagName?: string; type?: string; isContentEditable?: boolean } | null | undefined,
): boolean {
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return true;
  if (tag !== 'INPUT') return false;
  const type = (el.type ?? 'text').toLowerCase();
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(
    type,
  );
}

/** Undo / redo from a key press outside text fields: Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y. */
export function historyKey(e: KeyLike): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && e.ctrlKey && !e.shiftKey) return 'redo';
  return null;
}

// ---------------------------------------------------------------------------
// Edits the grid emits
// ---------------------------------------------------------------------------

/** An edit made in the grid; row indices count the rows as shown. */
export type GridEdit =
  | { type: 'cell'; row: number; rowKey: Id; columnId: Id; value: string }
  | { type: 'paste'; row: number; column: number; grid: string[][] }
  | { type: 'add-row'; index: number }
  | { type: 'delete-row'; row: number; rowKey: Id }
  | { type: 'move-row'; row: number; delta: number }
  | { type: 'rename-column'; columnId: Id; name: string }
  | { type: 'add-column' }
  | { type: 'delete-column'; columnId: Id }
  | { type: 'move-column'; columnId: Id; delta: number };

export interface GridEditResult {
  /** The table after the edit (the same object when nothing changed). */
  table: TradeOffTable;
  /** Component edits to write (tech stack only). */
  components: ComponentChange[];
  /** The undo step's name. */
  label: string;
}

function labelOf(edit: GridEdit): string {
  switch (edit.type) {
    case 'cell':
      return 'Edit cell';
    case 'paste':
      return `Paste ${pasteSummary(edit.grid)}`;
    case 'add-row':
      return 'Add row';
    case 'delete-row':
      return 'Delete row';
    case 'move-row':
      return 'Move row';
    case 'rename-column':
      return 'Rename column';
    case 'add-column':
      return 'Add column';
    case 'delete-column':
      return 'Delete column';
    case 'move-column':
      return 'Move column';
  }
}

/** Apply a grid edit to a table whose rows are its stored rows (challenges, custom, …). */
export function applyGridEdit(table: TradeOffTable, edit: GridEdit): GridEditResult {
  const done = (next: TradeOffTable): GridEditResult => ({
    table: next,
    components: [],
    label: labelOf(edit),
  });
  switch (edit.type) {
    case 'cell': {
      const row = table.rows.find((r) => r.id === edit.rowKey) ?? table.rows[edit.row];
      return done(row ? setCell(table, row.id, edit.columnId, edit.value) : table);
    }
    case 'paste':
      return done(pasteCells(table, edit.row, edit.column, edit.grid));
    case 'add-row':
      return done(addRow(table, edit.index));
    case 'delete-row': {
      const index = table.rows.findIndex((r) => r.id === edit.rowKey);
      return done(deleteRow(table, index >= 0 ? index : edit.row));
    }
    case 'move-row':
      return done(moveRow(table, edit.row, edit.delta));
    case 'rename-column':
      return done(renameColumn(table, edit.columnId, edit.name));
    case 'add-column':
      return done(addColumn(table));
    case 'delete-column':
      return done(deleteColumn(table, edit.columnId));
    case 'move-column':
      return done(moveColumn(table, edit.columnId, edit.delta));
  }
}

/**
 * Apply a grid edit to the tech-stack table as shown with `components`: technology / why /
 * considered of a component row become component edits; layers, typed rows, order and
 * exclusions change the table. Deleting a component row excludes the component.
 */
export function applyTechStackEdit(
  table: TradeOffTable,
  components: readonly Component[],
  edit: GridEdit,
): GridEditResult {
  const label = labelOf(edit);
  const same: GridEditResult = { table, components: [], label };
  switch (edit.type) {
    case 'cell': {
      const result = techStackEdit(table, components, edit.rowKey, edit.columnId, edit.value);
      return {
        table: result.table ?? table,
        components: result.component ? [result.component] : [],
        label: result.component ? `Edit ${componentFieldLabel(result.component)}` : label,
      };
    }
    case 'paste': {
      const result = techStackPaste(table, components, edit.row, edit.column, edit.grid);
      return { table: result.table, components: result.components, label };
    }
    case 'add-row':
      return { table: techStackAddRow(table, components, edit.index), components: [], label };
    case 'delete-row': {
      const shown = techStackRows(table, components).rows.find(
        (r) => r.componentId === edit.rowKey || r.key === edit.rowKey,
      );
      if (!shown) return same;
      const next = techStackDeleteRow(table, components, shown.key);
      const name = shown.componentLabel || 'component';
      return { table: next, components: [], label: shown.source === 'component' ? `Exclude ${name}` : label };
    }
    case 'move-row':
      return { table: techStackMoveRow(table, components, edit.row, edit.delta), components: [], label };
    default:
      // The tech stack's columns are fixed.
      return same;
  }
}

function componentFieldLabel(change: ComponentChange): string {
  if ('technology' in change.changes) return 'technology';
  if ('why' in change.changes) return 'why';
  return 'alternatives';
}

/** Which cell to focus after an edit from the keyboard (row as shown), or null to stay. */
export function focusAfter(edit: GridEdit, rowCount: number): number | null {
  switch (edit.type) {
    case 'add-row':
      return Math.min(edit.index, Math.max(0, rowCount - 1));
    case 'delete-row':
      return rowCount === 0 ? null : Math.min(edit.row, rowCount - 1);
    case 'move-row':
      return Math.max(0, Math.min(rowCount - 1, edit.row + edit.delta));
    default:
      return null;
  }
}

export { columnsEditable };
