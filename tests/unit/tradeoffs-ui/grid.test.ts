import { describe, expect, test } from 'vitest';
import { createComponent, createTable } from '../../../src/lib/model/factories';
import { createRow, techStackColumnId, techStackRows } from '../../../src/lib/model/tables';
import type { Component, TradeOffTable } from '../../../src/lib/model/types';
import {
  applyGridEdit,
  applyTechStackEdit,
  cellLabel,
  clipboardGrid,
  focusAfter,
  gridKeyAction,
  historyKey,
  isTextEntry,
  pasteSummary,
  plainGridRows,
  techStackGridRows,
  type KeyLike,
} from '../../../src/lib/ui/tradeoffs/grid';

const caseStudyId = 'cs_test0000000000001';
const diagramId = 'dgm_test000000000001';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

function challenges(rows = 1): TradeOffTable {
  return createTable({
    caseStudyId,
    kind: 'challenges',
    rows: Array.from({ length: rows }, () => createRow()),
  });
}

function db(init: Partial<Component> = {}): Component {
  return createComponent({ caseStudyId, diagramId, kind: 'database', label: 'Orders DB', ...init });
}

describe('keys in a cell', () => {
  test('Enter goes down, Shift+Enter up, Alt/Ctrl+Enter breaks the line', () => {
    expect(gridKeyAction(key('Enter'))).toEqual({ type: 'next-row' });
    expect(gridKeyAction(key('Enter', { shiftKey: true }))).toEqual({ type: 'previous-row' });
    expect(gridKeyAction(key('Enter', { altKey: true }))).toEqual({ type: 'line-break' });
    expect(gridKeyAction(key('Enter', { ctrlKey: true }))).toEqual({ type: 'line-break' });
    expect(gridKeyAction(key('Enter', { metaKey: true }), true)).toEqual({ type: 'line-break' });
    // Cmd+Enter on Windows/Linux and Ctrl+Enter on a Mac are left alone.
    expect(gridKeyAction(key('Enter', { metaKey: true }))).toBeNull();
    expect(gridKeyAction(key('Enter', { ctrlKey: true }), true)).toBeNull();
  });

  test('Tab is the browser’s; typing and IME composition pass through', () => {
    expect(gridKeyAction(key('Tab'))).toBeNull();
    expect(gridKeyAction(key('Tab', { shiftKey: true }))).toBeNull();
    expect(gridKeyAction(key('a'))).toBeNull();
    expect(gridKeyAction(key('Enter', { isComposing: true }))).toBeNull();
  });

  test('row shortcuts: Alt+arrows move, Ctrl/Cmd+Alt+= inserts, Ctrl/Cmd+Alt+− deletes', () => {
    expect(gridKeyAction(key('ArrowUp', { altKey: true }))).toEqual({ type: 'move-row', delta: -1 });
    expect(gridKeyAction(key('ArrowDown', { altKey: true }))).toEqual({ type: 'move-row', delta: 1 });
    expect(gridKeyAction(key('ArrowDown'))).toBeNull();
    expect(gridKeyAction(key('-', { ctrlKey: true, altKey: true }))).toEqual({ type: 'delete-row' });
    expect(gridKeyAction(key('=', { ctrlKey: true, altKey: true }))).toEqual({ type: 'insert-row' });
    expect(gridKeyAction(key('–', { metaKey: true, altKey: true }), true)).toEqual({ type: 'delete-row' });
    expect(gridKeyAction(key('-', { ctrlKey: true }))).toBeNull();
  });

  test('AltGr (reported as Ctrl+Alt) types a character, never deletes a row', () => {
    expect(gridKeyAction(key('-', { ctrlKey: true, altKey: true, altGraph: true }))).toBeNull();
    expect(gridKeyAction(key('\\', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  test('Escape drops the draft', () => {
    expect(gridKeyAction(key('Escape'))).toEqual({ type: 'revert' });
  });
});

describe('undo keys outside text fields', () => {
  test('Ctrl/Cmd+Z undoes, with Shift or Ctrl+Y redoes', () => {
    expect(historyKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(historyKey(key('z', { metaKey: true }))).toBe('undo');
    expect(historyKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyKey(key('y', { ctrlKey: true }))).toBe('redo');
    expect(historyKey(key('z'))).toBeNull();
    expect(historyKey(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  test('text fields keep their own undo; buttons and selects do not', () => {
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntry({ tagName: 'SELECT' })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});

describe('pasting', () => {
  test('text with tabs or line breaks is a block of cells; other text is an ordinary paste', () => {
    expect(clipboardGrid('plain text')).toBeNull();
    expect(clipboardGrid('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(clipboardGrid('one\ntwo')).toEqual([['one'], ['two']]);
    expect(clipboardGrid('"multi\nline"\tx')).toEqual([['multi\nline', 'x']]);
  });

  test('the undo step says what was pasted', () => {
    expect(pasteSummary([['a']])).toBe('1 cell');
    expect(pasteSummary([['a', 'b', 'c']])).toBe('3 cells');
    expect(pasteSummary([['a'], ['b'], ['c']])).toBe('3 rows');
  });

  test('3 rows × 4 columns into the first cell of a one-row challenges table fill three rows', () => {
    const table = challenges(1);
    const grid = clipboardGrid('a1\tb1\tc1\td1\na2\tb2\tc2\td2\na3\tb3\tc3\td3')!;
    const { table: next, label } = applyGridEdit(table, { type: 'paste', row: 0, column: 0, grid });
    expect(label).toBe('Paste 3 rows');
    expect(next.rows).toHaveLength(3);
    expect(next.rows[0]!.id).toBe(table.rows[0]!.id);
    expect(plainGridRows(next).map((r) => next.columns.map((c) => r.cells[c.id]))).toEqual([
      ['a1', 'b1', 'c1', 'd1'],
      ['a2', 'b2', 'c2', 'd2'],
      ['a3', 'b3', 'c3', 'd3'],
    ]);
  });
});

describe('cell names', () => {
  test('row number and column name, or the column number when it has none', () => {
    expect(cellLabel(1, { name: 'Technology' }, 1)).toBe('Row 2, Technology');
    expect(cellLabel(0, { name: '  ' }, 2)).toBe('Row 1, Column 3');
  });
});

describe('grid edits on a stored table', () => {
  test('a cell edit finds its row by key, whatever index it was given', () => {
    const table = challenges(2);
    const col = table.columns[0]!.id;
    const row = table.rows[1]!;
    const { table: next } = applyGridEdit(table, {
      type: 'cell',
      row: 0,
      rowKey: row.id,
      columnId: col,
      value: 'x',
    });
    expect(next.rows[1]!.cells[col]).toBe('x');
    expect(next.rows[0]!.cells[col]).toBeUndefined();
  });

  test('an unchanged cell returns the same table (no undo step)', () => {
    const table = challenges(1);
    const col = table.columns[0]!.id;
    const rowKey = table.rows[0]!.id;
    expect(applyGridEdit(table, { type: 'cell', row: 0, rowKey, columnId: col, value: '' }).table).toBe(
      table,
    );
  });

  test('add, move and delete rows', () => {
    let table = challenges(2);
    const [a, b] = table.rows.map((r) => r.id);
    table = applyGridEdit(table, { type: 'add-row', index: 1 }).table;
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]!.id).toBe(a);
    expect(table.rows[2]!.id).toBe(b);
    table = applyGridEdit(table, { type: 'move-row', row: 2, delta: -2 }).table;
    expect(table.rows[0]!.id).toBe(b);
    table = applyGridEdit(table, { type: 'delete-row', row: 99, rowKey: a! }).table;
    expect(table.rows.map((r) => r.id)).not.toContain(a);
    expect(table.rows).toHaveLength(2);
  });

  test('custom tables: rename, add, move and delete columns; fixed kinds refuse', () => {
    let custom = createTable({ caseStudyId, kind: 'custom' });
    const first = custom.columns[0]!.id;
    custom = applyGridEdit(custom, { type: 'rename-column', columnId: first, name: 'Option' }).table;
    custom = applyGridEdit(custom, { type: 'add-column' }).table;
    expect(custom.columns.map((c) => c.name)).toEqual(['Option', 'Column 2', 'Column 3']);
    custom = applyGridEdit(custom, { type: 'move-column', columnId: first, delta: 1 }).table;
    expect(custom.columns.map((c) => c.name)).toEqual(['Column 2', 'Option', 'Column 3']);
    custom = applyGridEdit(custom, { type: 'delete-column', columnId: first }).table;
    expect(custom.columns.map((c) => c.name)).toEqual(['Column 2', 'Column 3']);

    const fixed = challenges();
    expect(applyGridEdit(fixed, { type: 'add-column' }).table).toBe(fixed);
  });

  test('focus after a row edit: the new row, the row moved, the row now in the deleted one’s place', () => {
    expect(focusAfter({ type: 'add-row', index: 3 }, 4)).toBe(3);
    expect(focusAfter({ type: 'move-row', row: 2, delta: -1 }, 4)).toBe(1);
    expect(focusAfter({ type: 'delete-row', row: 3, rowKey: 'x' }, 3)).toBe(2);
    expect(focusAfter({ type: 'delete-row', row: 0, rowKey: 'x' }, 0)).toBeNull();
    expect(focusAfter({ type: 'cell', row: 0, rowKey: 'x', columnId: 'c', value: '' }, 3)).toBeNull();
  });
});

describe('grid edits on the tech stack', () => {
  const base = () => createTable({ caseStudyId, kind: 'tech-stack' });

  test('component rows are keyed by the component, so storing the table keeps them in place', () => {
    const c = db({ technology: 'PostgreSQL 16' });
    const table = base();
    const before = techStackGridRows(techStackRows(table, [c]).rows);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ key: c.id, deleteLabel: 'Exclude Orders DB', excludes: true });
    const layer = techStackColumnId(table, 'layer')!;
    const { table: stored } = applyTechStackEdit(table, [c], {
      type: 'cell',
      row: 0,
      rowKey: c.id,
      columnId: layer,
      value: 'Storage',
    });
    const after = techStackGridRows(techStackRows(stored, [c]).rows);
    expect(after[0]!.key).toBe(c.id);
    expect(after[0]!.cells[layer]).toBe('Storage');
  });

  test('technology, why and considered of a component row are component edits, not table edits', () => {
    const c = db({ technology: 'PostgreSQL 16' });
    const table = base();
    const why = techStackColumnId(table, 'why')!;
    const result = applyTechStackEdit(table, [c], {
      type: 'cell',
      row: 0,
      rowKey: c.id,
      columnId: why,
      value: 'ACID',
    });
    expect(result.table).toBe(table);
    expect(result.components).toEqual([{ id: c.id, changes: { why: 'ACID' } }]);
    expect(result.label).toBe('Edit why');
  });

  test('deleting a component row excludes the component; a typed row is deleted', () => {
    const c = db({ technology: 'PostgreSQL 16' });
    let table = applyTechStackEdit(base(), [c], { type: 'add-row', index: 1 }).table;
    expect(techStackRows(table, [c]).rows).toHaveLength(2);
    const excluded = applyTechStackEdit(table, [c], { type: 'delete-row', row: 0, rowKey: c.id });
    expect(excluded.label).toBe('Exclude Orders DB');
    expect(excluded.table.excludedComponentIds).toEqual([c.id]);
    table = excluded.table;
    const typed = techStackRows(table, [c]).rows[0]!;
    expect(typed.source).toBe('manual');
    table = applyTechStackEdit(table, [c], { type: 'delete-row', row: 0, rowKey: typed.key }).table;
    expect(techStackRows(table, [c]).rows).toHaveLength(0);
  });

  test('a paste over a component row edits the component and the table in one go', () => {
    const c = db({ technology: 'PostgreSQL 16' });
    const result = applyTechStackEdit(base(), [c], {
      type: 'paste',
      row: 0,
      column: 0,
      grid: [
        ['Storage', 'PostgreSQL 17', 'JSONB', 'MongoDB'],
        ['Frontend', 'SvelteKit', 'Small bundles', 'React'],
      ],
    });
    expect(result.components).toEqual([
      { id: c.id, changes: { technology: 'PostgreSQL 17', why: 'JSONB', alternatives: 'MongoDB' } },
    ]);
    const rows = techStackRows(result.table, [c]).rows;
    expect(rows).toHaveLength(2);
    expect(rows[1]!.source).toBe('manual');
  });

  test('columns of the tech stack are fixed', () => {
    const table = base();
    expect(applyTechStackEdit(table, [], { type: 'add-column' }).table).toBe(table);
  });
});
