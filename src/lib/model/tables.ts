/**
 * Trade-off tables: spreadsheet-style editing (cells, rows, columns, tab-separated paste)
 * and the tech-stack table, whose rows come from the components. Pure; every helper returns
 * a new table (or the same object when nothing changed) and never mutates its input.
 *
 * Tech stack. Columns are, by position: layer, technology, why this choice, what we
 * considered. Every component with a technology that is not in `excludedComponentIds` is a
 * row; the component is the source of truth for technology / why / alternatives (editing
 * those cells edits the component, and an edit in the inspector shows here). The layer
 * defaults to the component kind's label ("Database"); a typed layer is stored in a table row
 * keyed by `componentId`, which also fixes the row's position. Other rows are typed by hand.
 * Row order: the table's rows in order (rows of hidden components are skipped but kept, so
 * the component comes back in place), then components that have no row yet, in the given
 * order. Operations that add or move rows first store a row for each of those
 * ("materialise"), so nothing jumps.
 */
import { COMPONENT_CATALOGUE } from './catalogue';
import { now } from './factories';
import { newId } from './ids';
import type { Component, DecisionMatrix, Id, TableOwner, TableRow, TradeOffTable } from './types';

function touch(table: TradeOffTable, changes: Partial<TradeOffTable>): TradeOffTable {
  return { ...table, ...changes, updatedAt: now() };
}

function clampIndex(i: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(i)));
}

// ---------------------------------------------------------------------------
// Tab-separated text (spreadsheet clipboard)
// ---------------------------------------------------------------------------

/**
 * Parse tab-separated text as spreadsheets put it on the clipboard: rows end with \n, \r\n
 * or \r; a final line break does not add a row; a cell starting with `"` is quoted, may hold
 * tabs and line breaks, and writes `"` as `""`. A quote that is never closed is read as text.
 */
export function parseTsv(text: string): string[][] {
  if (text === '') return [];
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const endRow = () => {
    rows.push(row);
    row = [];
  };
  while (i <= n) {
    // Start of a cell.
    let cell = '';
    if (text[i] === '"') {
      let j = i + 1;
      let closed = false;
      let quoted = '';
      while (j < n) {
        const ch = text[j];
        if (ch === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        quoted += ch;
        j += 1;
      }
      if (closed) {
        cell = quoted.replace(/\r\n/g, '\n');
        i = j;
        // Anything between the closing quote and the next separator is kept as text.
        while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
    }
    if (cell === '' && text[i] !== '\t') {
      while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
    }
    row.push(cell);
    if (i >= n) {
      endRow();
      break;
    }
    const sep = text[i];
    if (sep === '\t') {
      i += 1;
      continue;
    }
    // Line break: \r\n, \n or \r.
    i += sep === '\r' && text[i + 1] === '\n' ? 2 : 1;
    endRow();
    if (i >= n) break;
  }
  return rows;
}

/** Grid → tab-separated text that parseTsv (and spreadsheets) read back cell for cell. */
export function toTsv(grid: readonly (readonly string[])[]): string {
  const cell = (s: string) => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  // A row that is one empty cell would read as a blank line (or nothing at the end): quote it.
  return grid.map((r) => (r.length <= 1 && (r[0] ?? '') === '' ? '""' : r.map(cell).join('\t'))).join('\n');
}

/** A table's cells as a grid, columns in order (for copying). */
export function tableGrid(table: TradeOffTable): string[][] {
  return table.rows.map((r) => table.columns.map((c) => r.cells[c.id] ?? ''));
}

// ---------------------------------------------------------------------------
// Generic editing
// ---------------------------------------------------------------------------

/** Only custom tables have editable columns; the other kinds have a fixed shape. */
export function columnsEditable(table: Pick<TradeOffTable, 'kind'>): boolean {
  return table.kind === 'custom';
}

export function createRow(cells: Record<Id, string> = {}): TableRow {
  return { id: newId('row'), cells };
}

export function setCell(table: TradeOffTable, rowId: Id, columnId: Id, value: string): TradeOffTable {
  const row = table.rows.find((r) => r.id === rowId);
  if (!row || !table.columns.some((c) => c.id === columnId) || (row.cells[columnId] ?? '') === value)
    return table;
  return touch(table, {
    rows: table.rows.map((r) => (r.id === rowId ? { ...r, cells: { ...r.cells, [columnId]: value } } : r)),
  });
}

/** Insert an empty row at `index` (default: at the end). */
export function addRow(
  table: TradeOffTable,
  index: number = table.rows.length,
  row: TableRow = createRow(),
): TradeOffTable {
  const rows = [...table.rows];
  rows.splice(clampIndex(index, rows.length), 0, row);
  return touch(table, { rows });
}

export function deleteRow(table: TradeOffTable, index: number): TradeOffTable {
  if (index < 0 || index >= table.rows.length) return table;
  return touch(table, { rows: table.rows.filter((_, i) => i !== index) });
}

function moveItem<T>(list: readonly T[], index: number, delta: number): T[] | null {
  if (index < 0 || index >= list.length) return null;
  const to = Math.max(0, Math.min(list.length - 1, index + Math.trunc(delta)));
  if (to === index) return null;
  const out = [...list];
  const [item] = out.splice(index, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/** Move the row at `index` by `delta` places (clamped to the table). */
export function moveRow(table: TradeOffTable, index: number, delta: number): TradeOffTable {
  const rows = moveItem(table.rows, index, delta);
  return rows ? touch(table, { rows }) : table;
}

/** "Column 3", or the next number not taken. */
function freshColumnName(table: TradeOffTable): string {
  const taken = new Set(table.columns.map((c) => c.name));
  let n = table.columns.length + 1;
  while (taken.has(`Column ${n}`)) n += 1;
  return `Column ${n}`;
}

/** Custom tables: add a column at `index` (default: at the end). Other kinds: unchanged. */
export function addColumn(
  table: TradeOffTable,
  name?: string,
  index: number = table.columns.length,
): TradeOffTable {
  if (!columnsEditable(table)) return table;
  const columns = [...table.columns];
  columns.splice(clampIndex(index, columns.length), 0, {
    id: newId('column'),
    name: name ?? freshColumnName(table),
  });
  return touch(table, { columns });
}

/** Custom tables: rename a column. Other kinds: unchanged. */
export function renameColumn(table: TradeOffTable, columnId: Id, name: string): TradeOffTable {
  if (!columnsEditable(table)) return table;
  const col = table.columns.find((c) => c.id === columnId);
  if (!col || col.name === name) return table;
  return touch(table, { columns: table.columns.map((c) => (c.id === columnId ? { ...c, name } : c)) });
}

/** Custom tables: delete a column and its cells (never the last one). Other kinds: unchanged. */
export function deleteColumn(table: TradeOffTable, columnId: Id): TradeOffTable {
  if (!columnsEditable(table) || table.columns.length <= 1 || !table.columns.some((c) => c.id === columnId)) {
    return table;
  }
  return touch(table, {
    columns: table.columns.filter((c) => c.id !== columnId),
    rows: table.rows.map((r) => {
      const { [columnId]: _dropped, ...cells } = r.cells;
      return { ...r, cells };
    }),
  });
}

/** Custom tables: move a column by `delta` places. Other kinds: unchanged. */
export function moveColumn(table: TradeOffTable, columnId: Id, delta: number): TradeOffTable {
  if (!columnsEditable(table)) return table;
  const columns = moveItem(
    table.columns,
    table.columns.findIndex((c) => c.id === columnId),
    delta,
  );
  return columns ? touch(table, { columns }) : table;
}

/**
 * Paste a grid (from parseTsv) with its top-left cell at (startRowIndex, startColIndex):
 * cells are overwritten (a blank pasted cell clears), rows are added at the end as needed.
 * Cells past the last column add columns to a custom table and are ignored by the fixed
 * kinds (tech stack, challenges). A matrix table has no cells here (see pasteIntoMatrix);
 * a tech-stack table's component rows are pasted with techStackPaste.
 */
export function pasteCells(
  table: TradeOffTable,
  startRowIndex: number,
  startColIndex: number,
  grid: readonly (readonly string[])[],
): TradeOffTable {
  if (table.kind === 'matrix' || grid.length === 0) return table;
  const r0 = Math.max(0, Math.trunc(startRowIndex));
  const c0 = Math.max(0, Math.trunc(startColIndex));
  let columns = table.columns;
  const widest = grid.reduce((w, r) => Math.max(w, r.length), 0);
  if (columnsEditable(table) && c0 + widest > columns.length) {
    let grown = table;
    while (grown.columns.length < c0 + widest) grown = addColumn(grown);
    columns = grown.columns;
  }
  const rows = [...table.rows];
  grid.forEach((cells, r) => {
    const at = r0 + r;
    while (rows.length <= at) rows.push(createRow());
    const row = rows[at] as TableRow;
    const next = { ...row.cells };
    cells.forEach((value, c) => {
      const col = columns[c0 + c];
      if (col) next[col.id] = value;
    });
    rows[at] = { ...row, cells: next };
  });
  return touch(table, { columns, rows });
}

/**
 * A copy with fresh table, column, row and criterion ids, for `owner` (e.g. the decision
 * that supersedes the table's decision). `optionIdMap` rewrites matrix option ids.
 */
export function cloneTable(
  table: TradeOffTable,
  owner: TableOwner,
  optionIdMap?: ReadonlyMap<Id, Id>,
): TradeOffTable {
  const columnIds = new Map(table.columns.map((c) => [c.id, newId('column')]));
  const columns = table.columns.map((c) => ({ id: columnIds.get(c.id) ?? newId('column'), name: c.name }));
  const rows = table.rows.map((r) => {
    const cells: Record<Id, string> = {};
    for (const [k, v] of Object.entries(r.cells)) {
      const id = columnIds.get(k);
      if (id) cells[id] = v;
    }
    return r.componentId === undefined
      ? { id: newId('row'), cells }
      : { id: newId('row'), cells, componentId: r.componentId };
  });
  let matrix: DecisionMatrix | null = null;
  if (table.matrix) {
    const criterionIds = new Map(table.matrix.criteria.map((c) => [c.id, newId('criterion')]));
    const scores: DecisionMatrix['scores'] = {};
    for (const [cid, row] of Object.entries(table.matrix.scores)) {
      const id = criterionIds.get(cid);
      if (!id) continue;
      const next: Record<Id, number> = {};
      for (const [oid, s] of Object.entries(row)) {
        const mapped = optionIdMap ? optionIdMap.get(oid) : oid;
        if (mapped !== undefined) next[mapped] = s;
      }
      scores[id] = next;
    }
    matrix = {
      criteria: table.matrix.criteria.map((c) => ({
        ...c,
        id: criterionIds.get(c.id) ?? newId('criterion'),
      })),
      scores,
    };
  }
  return {
    ...table,
    id: newId('table'),
    owner,
    columns,
    rows,
    matrix,
    excludedComponentIds: [...table.excludedComponentIds],
    updatedAt: now(),
  };
}

// ---------------------------------------------------------------------------
// Tech stack
// ---------------------------------------------------------------------------

export const TECH_STACK_FIELDS = ['layer', 'technology', 'why', 'considered'] as const;
export type TechStackField = (typeof TECH_STACK_FIELDS)[number];

/** Component field behind each synced tech-stack column. */
const COMPONENT_FIELD: Record<Exclude<TechStackField, 'layer'>, 'technology' | 'why' | 'alternatives'> = {
  technology: 'technology',
  why: 'why',
  considered: 'alternatives',
};

/** The field a tech-stack column holds (by position), or null. */
export function techStackField(table: Pick<TradeOffTable, 'columns'>, columnId: Id): TechStackField | null {
  const i = table.columns.findIndex((c) => c.id === columnId);
  return i >= 0 ? (TECH_STACK_FIELDS[i] ?? null) : null;
}

/** The column id of a tech-stack field, or null when the table lacks it. */
export function techStackColumnId(table: Pick<TradeOffTable, 'columns'>, field: TechStackField): Id | null {
  return table.columns[TECH_STACK_FIELDS.indexOf(field)]?.id ?? null;
}

/** The layer a component shows when none is typed: its kind's label ("Database"). */
export function defaultLayer(c: Pick<Component, 'kind'>): string {
  return COMPONENT_CATALOGUE[c.kind].label;
}

export interface DerivedRow {
  /** The row id; for a component row not yet stored in the table, the component id. */
  key: Id;
  /** The stored row, or null. */
  rowId: Id | null;
  componentId: Id | null;
  source: 'component' | 'manual';
  /** Column id → text, as shown. */
  cells: Record<Id, string>;
  /** Columns whose text lives on the component (technology, why, considered). */
  componentColumnIds: Id[];
  /** The layer shown is the kind's default, not typed. */
  defaultLayer: boolean;
  /** The component's label ('' for a typed row). */
  componentLabel: string;
}

export interface TechStackView {
  rows: DerivedRow[];
  /** Components with a technology that the table leaves out (to offer "include"). */
  excluded: Component[];
}

function shows(c: Component, excluded: ReadonlySet<Id>): boolean {
  return c.technology.trim() !== '' && !excluded.has(c.id);
}

function componentRow(table: TradeOffTable, c: Component, row: TableRow | undefined): DerivedRow {
  const cells: Record<Id, string> = { ...(row?.cells ?? {}) };
  const layerCol = techStackColumnId(table, 'layer');
  let isDefault = false;
  if (layerCol) {
    const typed = row?.cells[layerCol] ?? '';
    isDefault = typed.trim() === '';
    cells[layerCol] = isDefault ? defaultLayer(c) : typed;
  }
  const componentColumnIds: Id[] = [];
  for (const field of ['technology', 'why', 'considered'] as const) {
    const col = techStackColumnId(table, field);
    if (!col) continue;
    cells[col] = c[COMPONENT_FIELD[field]];
    componentColumnIds.push(col);
  }
  return {
    key: row?.id ?? c.id,
    rowId: row?.id ?? null,
    componentId: c.id,
    source: 'component',
    cells,
    componentColumnIds,
    defaultLayer: isDefault,
    componentLabel: c.label,
  };
}

/** The tech-stack table as shown: component rows merged with typed rows (see the file comment). */
export function techStackRows(table: TradeOffTable, components: readonly Component[]): TechStackView {
  const excludedIds = new Set(table.excludedComponentIds);
  const byId = new Map(components.map((c) => [c.id, c]));
  const seen = new Set<Id>();
  const rows: DerivedRow[] = [];
  for (const row of table.rows) {
    if (row.componentId === undefined) {
      rows.push({
        key: row.id,
        rowId: row.id,
        componentId: null,
        source: 'manual',
        cells: { ...row.cells },
        componentColumnIds: [],
        defaultLayer: false,
        componentLabel: '',
      });
      continue;
    }
    const c = byId.get(row.componentId);
    if (!c || seen.has(c.id) || !shows(c, excludedIds)) continue;
    seen.add(c.id);
    rows.push(componentRow(table, c, row));
  }
  for (const c of components) {
    if (seen.has(c.id) || !shows(c, excludedIds)) continue;
    seen.add(c.id);
    rows.push(componentRow(table, c, undefined));
  }
  const excluded = components.filter((c) => c.technology.trim() !== '' && excludedIds.has(c.id));
  return { rows, excluded };
}

/** Store a row for every shown component that has none yet (same order as shown). */
export function materialiseTechStack(table: TradeOffTable, components: readonly Component[]): TradeOffTable {
  const missing = techStackRows(table, components).rows.filter(
    (r) => r.source === 'component' && r.rowId === null,
  );
  if (missing.length === 0) return table;
  return touch(table, {
    rows: [
      ...table.rows,
      ...missing.map((r) => ({ id: newId('row'), cells: {}, componentId: r.componentId as Id })),
    ],
  });
}

export interface ComponentChange {
  id: Id;
  changes: Partial<Pick<Component, 'technology' | 'why' | 'alternatives'>>;
}

export interface TechStackEditResult {
  /** The component edit to write, when the cell lives on a component. */
  component?: ComponentChange;
  /** The new table, when the table changed. */
  table?: TradeOffTable;
}

function findRow(view: TechStackView, key: Id): DerivedRow | undefined {
  return view.rows.find(
    (r) => r.key === key || r.rowId === key || (r.componentId !== null && r.componentId === key),
  );
}

/**
 * Edit one cell of the tech-stack table as shown. `key`: a row id or a component id;
 * `column`: a column id or a field name. Technology / why / considered on a component row
 * become a component edit (clearing the technology takes the component out of the table);
 * the layer is stored in the table (blank = back to the default). Typed rows edit the table.
 * Unknown row: no change ({}).
 */
export function techStackEdit(
  table: TradeOffTable,
  components: readonly Component[],
  key: Id,
  column: Id | TechStackField,
  value: string,
): TechStackEditResult {
  const view = techStackRows(table, components);
  const row = findRow(view, key);
  const columnId = (TECH_STACK_FIELDS as readonly string[]).includes(column)
    ? techStackColumnId(table, column as TechStackField)
    : column;
  if (!row || columnId === null || !table.columns.some((c) => c.id === columnId)) return {};
  const field = techStackField(table, columnId);
  if (row.source === 'manual' && row.rowId !== null) {
    const next = setCell(table, row.rowId, columnId, value);
    return next === table ? {} : { table: next };
  }
  if (row.componentId === null) return {};
  if (field && field !== 'layer') {
    const prop = COMPONENT_FIELD[field];
    const c = components.find((x) => x.id === row.componentId);
    if (!c || c[prop] === value) return {};
    return { component: { id: c.id, changes: { [prop]: value } } };
  }
  // The layer (or a column the component has no field for): stored in the component's row.
  let next = materialiseTechStack(table, components);
  const stored = next.rows.find((r) => r.componentId === row.componentId);
  if (!stored) return {};
  const text = field === 'layer' && value.trim() === '' ? '' : value;
  if ((stored.cells[columnId] ?? '') === text) return next === table ? {} : { table: next };
  const cells = { ...stored.cells };
  if (text === '') delete cells[columnId];
  else cells[columnId] = text;
  next = touch(next, { rows: next.rows.map((r) => (r.id === stored.id ? { ...r, cells } : r)) });
  return { table: next };
}

/** Rows of the table, by index into table.rows, in the order shown. */
function shownIndices(table: TradeOffTable, components: readonly Component[]): number[] {
  const view = techStackRows(table, components);
  return view.rows.map((r) => table.rows.findIndex((x) => x.id === r.rowId));
}

/** Add a typed row at position `index` of the rows as shown (default: at the end). */
export function techStackAddRow(
  table: TradeOffTable,
  components: readonly Component[],
  index?: number,
  row: TableRow = createRow(),
): TradeOffTable {
  const full = materialiseTechStack(table, components);
  const shown = shownIndices(full, components);
  const at =
    index === undefined || index >= shown.length
      ? full.rows.length
      : (shown[Math.max(0, index)] ?? full.rows.length);
  return addRow(full, at, row);
}

/**
 * Remove a row as shown: a component row is excluded (the component stays; its stored
 * layer and position are kept for when it is included again); a typed row is deleted.
 */
export function techStackDeleteRow(
  table: TradeOffTable,
  components: readonly Component[],
  key: Id,
): TradeOffTable {
  const row = findRow(techStackRows(table, components), key);
  if (!row) return table;
  if (row.source === 'component' && row.componentId !== null) return excludeComponent(table, row.componentId);
  return touch(table, { rows: table.rows.filter((r) => r.id !== row.rowId) });
}

/** Move the row shown at `index` by `delta` places among the rows shown. */
export function techStackMoveRow(
  table: TradeOffTable,
  components: readonly Component[],
  index: number,
  delta: number,
): TradeOffTable {
  const full = materialiseTechStack(table, components);
  const shown = shownIndices(full, components);
  const order = moveItem(shown, index, delta);
  if (!order) return full;
  // Put the shown rows back into the slots they occupy, in the new order; hidden rows stay put.
  const rows = [...full.rows];
  const slots = [...shown].sort((a, b) => a - b);
  slots.forEach((slot, i) => {
    const from = order[i];
    const r = from === undefined ? undefined : full.rows[from];
    if (r) rows[slot] = r;
  });
  return touch(full, { rows });
}

export function excludeComponent(table: TradeOffTable, componentId: Id): TradeOffTable {
  if (table.excludedComponentIds.includes(componentId)) return table;
  return touch(table, { excludedComponentIds: [...table.excludedComponentIds, componentId] });
}

export function includeComponent(table: TradeOffTable, componentId: Id): TradeOffTable {
  if (!table.excludedComponentIds.includes(componentId)) return table;
  return touch(table, {
    excludedComponentIds: table.excludedComponentIds.filter((id) => id !== componentId),
  });
}

/**
 * Paste a grid into the tech-stack table as shown, top-left at (startRowIndex,
 * startColIndex): component cells become component edits (one per component, merged),
 * layers and typed rows go to the table, rows past the end are added as typed rows, cells
 * past the last column are ignored.
 */
export function techStackPaste(
  table: TradeOffTable,
  components: readonly Component[],
  startRowIndex: number,
  startColIndex: number,
  grid: readonly (readonly string[])[],
): { table: TradeOffTable; components: ComponentChange[] } {
  let next = materialiseTechStack(table, components);
  const view = techStackRows(next, components);
  const r0 = Math.max(0, Math.trunc(startRowIndex));
  const c0 = Math.max(0, Math.trunc(startColIndex));
  const changes = new Map<Id, ComponentChange['changes']>();
  const keys = view.rows.map((r) => r.key);
  grid.forEach((cells, r) => {
    let key = keys[r0 + r];
    if (key === undefined) {
      const row = createRow();
      next = addRow(next, next.rows.length, row);
      keys.push(row.id);
      key = row.id;
    }
    cells.forEach((value, c) => {
      const column = next.columns[c0 + c];
      if (!column || key === undefined) return;
      const result = techStackEdit(next, components, key, column.id, value);
      if (result.table) next = result.table;
      if (result.component) {
        changes.set(result.component.id, {
          ...(changes.get(result.component.id) ?? {}),
          ...result.component.changes,
        });
      }
    });
  });
  return { table: next, components: [...changes].map(([id, c]) => ({ id, changes: c })) };
}
