import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import {
  addColumn,
  addRow,
  cloneTable,
  columnsEditable,
  createComponent,
  createTable,
  deleteColumn,
  deleteRow,
  excludeComponent,
  includeComponent,
  materialiseTechStack,
  moveColumn,
  moveRow,
  parseTsv,
  pasteCells,
  renameColumn,
  setCell,
  tableGrid,
  techStackAddRow,
  techStackColumnId,
  techStackDeleteRow,
  techStackEdit,
  techStackMoveRow,
  techStackPaste,
  techStackRows,
  toTsv,
  validateRecord,
  type Component,
  type ComponentKind,
  type TableKind,
  type TradeOffTable,
} from '../../../src/lib/model';

const caseStudyId = 'cs_test0000000000001';
const diagramId = 'dgm_test000000000001';

describe('parseTsv', () => {
  test.each([
    ['empty', '', []],
    ['one cell', 'hello', [['hello']]],
    ['a row', 'a\tb\tc', [['a', 'b', 'c']]],
    [
      'rows with \\n',
      'a\tb\nc\td',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'rows with \\r\\n (Excel on Windows)',
      'a\tb\r\nc\td\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['rows with \\r (old Mac)', 'a\rb', [['a'], ['b']]],
    ['a trailing line break adds no row', 'a\tb\n', [['a', 'b']]],
    ['a blank line in the middle is an empty row', 'a\n\nb', [['a'], [''], ['b']]],
    ['empty cells', '\ta\t\t', [['', 'a', '', '']]],
    ['a quoted cell with a line break', '"line 1\nline 2"\tb', [['line 1\nline 2', 'b']]],
    ['a quoted cell with a tab', '"a\tb"\tc', [['a\tb', 'c']]],
    ['doubled quotes inside quotes', '"say ""hi"""\tx', [['say "hi"', 'x']]],
    ['CRLF inside a quoted cell becomes \\n', '"a\r\nb"\r\nc', [['a\nb'], ['c']]],
    ['quotes in the middle of a cell are text', 'He said "no"\tok', [['He said "no"', 'ok']]],
    ['an unclosed quote is text', '"abc\tdef', [['"abc', 'def']]],
    ['an empty quoted cell', '""\tx', [['', 'x']]],
    [
      'a sheet with quoted multi-line cells',
      'Challenge\tSolution\r\n"Double\r\ncharges"\t"Idempotency keys,\r\nsee ""RFC"""\r\n',
      [
        ['Challenge', 'Solution'],
        ['Double\ncharges', 'Idempotency keys,\nsee "RFC"'],
      ],
    ],
  ])('%s', (_case, text, grid) => {
    expect(parseTsv(text)).toEqual(grid);
  });

  it('reads back what toTsv writes', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', '"', 'é') });
    const row = fc.array(cell, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (grid) => {
        const text = toTsv(grid);
        const back = parseTsv(text);
        // Line breaks inside cells come back as \n.
        expect(back).toEqual(grid.map((r) => r.map((c) => c.replace(/\r\n/g, '\n'))));
      }),
    );
  });
});

function customTable(): TradeOffTable {
  return createTable({ caseStudyId, kind: 'custom' });
}

describe('editing tables', () => {
  it('adds, fills, moves and deletes rows', () => {
    let t = addRow(addRow(customTable()), 0);
    expect(t.rows).toHaveLength(2);
    const [c1, c2] = t.columns.map((c) => c.id) as [string, string];
    const [r1, r2] = t.rows.map((r) => r.id) as [string, string];
    t = setCell(t, r1, c1, 'first');
    t = setCell(t, r2, c2, 'second');
    expect(setCell(t, r2, c2, 'second')).toBe(t);
    expect(setCell(t, 'row_missing', c2, 'x')).toBe(t);
    expect(tableGrid(t)).toEqual([
      ['first', ''],
      ['', 'second'],
    ]);
    t = moveRow(t, 0, 1);
    expect(t.rows.map((r) => r.id)).toEqual([r2, r1]);
    expect(moveRow(t, 1, 5)).toBe(t);
    t = deleteRow(t, 0);
    expect(t.rows.map((r) => r.id)).toEqual([r1]);
    expect(deleteRow(t, 3)).toBe(t);
    expect(validateRecord('tables', t).ok).toBe(true);
  });

  it('edits the columns of a custom table', () => {
    let t = customTable();
    expect(columnsEditable(t)).toBe(true);
    t = addColumn(t);
    expect(t.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3']);
    t = addColumn(t, 'Owner', 0);
    expect(t.columns.map((c) => c.name)).toEqual(['Owner', 'Column 1', 'Column 2', 'Column 3']);
    const owner = t.columns[0]?.id ?? '';
    t = renameColumn(t, owner, 'Team');
    t = moveColumn(t, owner, 10);
    expect(t.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3', 'Team']);
    t = addRow(t);
    t = setCell(t, t.rows[0]?.id ?? '', owner, 'Payments');
    t = deleteColumn(t, owner);
    expect(t.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(t.rows[0]?.cells).toEqual({});
  });

  it('never deletes the last column', () => {
    let t = customTable();
    for (const c of [...t.columns]) t = deleteColumn(t, c.id);
    expect(t.columns).toHaveLength(1);
  });

  test.each<TableKind>(['tech-stack', 'challenges', 'matrix'])(
    'the columns of a %s table are fixed',
    (kind) => {
      const t = createTable({ caseStudyId, kind });
      expect(columnsEditable(t)).toBe(false);
      expect(addColumn(t)).toBe(t);
      const first = t.columns[0];
      if (first) {
        expect(renameColumn(t, first.id, 'x')).toBe(t);
        expect(deleteColumn(t, first.id)).toBe(t);
      }
    },
  );
});

describe('pasteCells', () => {
  const grid = parseTsv('a\tb\tc\nd\te\tf\ng\th\ti\n');

  it('fills cells and adds rows in a challenges table, ignoring columns past the last', () => {
    let t = createTable({ caseStudyId, kind: 'challenges' });
    t = addRow(t);
    t = pasteCells(t, 0, 2, grid);
    expect(t.rows).toHaveLength(3);
    expect(t.columns).toHaveLength(4);
    expect(tableGrid(t)).toEqual([
      ['', '', 'a', 'b'],
      ['', '', 'd', 'e'],
      ['', '', 'g', 'h'],
    ]);
    expect(validateRecord('tables', t).ok).toBe(true);
  });

  it('adds columns to a custom table', () => {
    const t = pasteCells(customTable(), 1, 1, grid);
    expect(t.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    expect(tableGrid(t)).toEqual([
      ['', '', '', ''],
      ['', 'a', 'b', 'c'],
      ['', 'd', 'e', 'f'],
      ['', 'g', 'h', 'i'],
    ]);
  });

  it('overwrites cells, clears with blank cells and keeps cells not pasted over', () => {
    let t = pasteCells(customTable(), 0, 0, [
      ['keep', 'old'],
      ['old', 'keep'],
    ]);
    t = pasteCells(t, 0, 1, [['']]);
    t = pasteCells(t, 1, 0, [['new']]);
    expect(tableGrid(t)).toEqual([
      ['keep', ''],
      ['new', 'keep'],
    ]);
  });

  it('pastes ragged rows cell by cell', () => {
    const t = pasteCells(customTable(), 0, 0, [['a'], ['b', 'c']]);
    expect(tableGrid(t)).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
  });

  it('leaves a matrix table and an empty paste alone', () => {
    const m = createTable({ caseStudyId, kind: 'matrix' });
    expect(pasteCells(m, 0, 0, grid)).toBe(m);
    const c = customTable();
    expect(pasteCells(c, 0, 0, [])).toBe(c);
  });
});

describe('tech stack', () => {
  function component(id: string, kind: ComponentKind, init: Partial<Component> = {}): Component {
    return createComponent({ id, caseStudyId, diagramId, kind, ...init });
  }
  const db = component('cmp_db', 'database', {
    label: 'Orders DB',
    technology: 'PostgreSQL 15',
    why: 'Transactions',
    alternatives: 'MongoDB, DynamoDB',
  });
  const cache = component('cmp_cache', 'cache', { technology: 'Redis', why: 'Hot prices' });
  const web = component('cmp_web', 'client', { technology: 'SvelteKit' });
  const worker = component('cmp_worker', 'worker'); // no technology: no row
  const components = [db, cache, web, worker];

  function table(): TradeOffTable {
    return createTable({ caseStudyId, kind: 'tech-stack' });
  }
  const col = (t: TradeOffTable, f: 'layer' | 'technology' | 'why' | 'considered') =>
    techStackColumnId(t, f) ?? '';
  /** The table as shown, one [layer, technology, why, considered] per row. */
  const shown = (t: TradeOffTable, cs: Component[] = components) =>
    techStackRows(t, cs).rows.map((r) => t.columns.map((c) => r.cells[c.id] ?? ''));

  it('derives one row per component with a technology', () => {
    const t = table();
    const view = techStackRows(t, components);
    expect(shown(t)).toEqual([
      ['Database', 'PostgreSQL 15', 'Transactions', 'MongoDB, DynamoDB'],
      ['Cache', 'Redis', 'Hot prices', ''],
      ['Client', 'SvelteKit', '', ''],
    ]);
    expect(view.rows.map((r) => [r.key, r.source, r.componentId, r.defaultLayer])).toEqual([
      ['cmp_db', 'component', 'cmp_db', true],
      ['cmp_cache', 'component', 'cmp_cache', true],
      ['cmp_web', 'component', 'cmp_web', true],
    ]);
    expect(view.rows[0]?.componentColumnIds).toEqual([
      col(t, 'technology'),
      col(t, 'why'),
      col(t, 'considered'),
    ]);
    expect(view.rows[0]?.componentLabel).toBe('Orders DB');
  });

  it('leaves out excluded components, and lists them to include again', () => {
    const t = excludeComponent(table(), 'cmp_web');
    expect(shown(t).map((r) => r[1])).toEqual(['PostgreSQL 15', 'Redis']);
    expect(techStackRows(t, components).excluded.map((c) => c.id)).toEqual(['cmp_web']);
    expect(excludeComponent(t, 'cmp_web')).toBe(t);
    expect(shown(includeComponent(t, 'cmp_web'))).toHaveLength(3);
  });

  it('merges typed rows, and follows component edits made elsewhere', () => {
    let t = materialiseTechStack(table(), components);
    t = addRow(t, 1, {
      id: 'row_typed',
      cells: { [col(t, 'layer')]: 'Messaging', [col(t, 'technology')]: 'Amazon SQS' },
    });
    const edited = components.map((c) => (c.id === 'cmp_db' ? { ...c, technology: 'Aurora PostgreSQL' } : c));
    expect(shown(t, edited).map((r) => r.slice(0, 2))).toEqual([
      ['Database', 'Aurora PostgreSQL'],
      ['Messaging', 'Amazon SQS'],
      ['Cache', 'Redis'],
      ['Client', 'SvelteKit'],
    ]);
  });

  it('hides rows of components that are gone or lost their technology, and brings them back in place', () => {
    const t = materialiseTechStack(table(), components);
    const noTech = components.map((c) => (c.id === 'cmp_db' ? { ...c, technology: ' ' } : c));
    expect(shown(t, noTech).map((r) => r[1])).toEqual(['Redis', 'SvelteKit']);
    expect(
      shown(
        t,
        components.filter((c) => c.id !== 'cmp_db'),
      ).map((r) => r[1]),
    ).toEqual(['Redis', 'SvelteKit']);
    expect(shown(t).map((r) => r[1])).toEqual(['PostgreSQL 15', 'Redis', 'SvelteKit']);
  });

  it('reads rows stored by older code: the component wins over stale cells', () => {
    let t = table();
    t = addRow(t, 0, {
      id: 'row_old',
      componentId: 'cmp_cache',
      cells: { [col(t, 'layer')]: 'Caching', [col(t, 'technology')]: 'Memcached' },
    });
    expect(shown(t)[0]).toEqual(['Caching', 'Redis', 'Hot prices', '']);
    expect(techStackRows(t, components).rows[0]?.defaultLayer).toBe(false);
  });

  test.each([
    ['technology', 'Aurora PostgreSQL', { technology: 'Aurora PostgreSQL' }],
    ['why', 'ACID', { why: 'ACID' }],
    ['considered', 'CockroachDB', { alternatives: 'CockroachDB' }],
    ['technology', '', { technology: '' }],
  ] as const)('editing %s on a component row edits the component', (field, value, changes) => {
    const t = table();
    const out = techStackEdit(t, components, 'cmp_db', field, value);
    expect(out).toEqual({ component: { id: 'cmp_db', changes } });
    // By column id too.
    expect(techStackEdit(t, components, 'cmp_db', col(t, field), value)).toEqual(out);
  });

  it('an unchanged component cell is no edit', () => {
    expect(techStackEdit(table(), components, 'cmp_db', 'why', 'Transactions')).toEqual({});
    expect(techStackEdit(table(), components, 'cmp_missing', 'why', 'x')).toEqual({});
  });

  it('stores a typed layer in the table, keyed by the component, without moving rows', () => {
    const t = table();
    const out = techStackEdit(t, components, 'cmp_cache', 'layer', 'Caching');
    expect(out.component).toBeUndefined();
    const next = out.table as TradeOffTable;
    expect(shown(next).map((r) => r[0])).toEqual(['Database', 'Caching', 'Client']);
    const stored = next.rows.find((r) => r.componentId === 'cmp_cache');
    expect(stored?.cells).toEqual({ [col(t, 'layer')]: 'Caching' });
    expect(techStackRows(next, components).rows[1]?.defaultLayer).toBe(false);
    expect(validateRecord('tables', next).ok).toBe(true);
    // Blank goes back to the default.
    const back = techStackEdit(next, components, stored?.id ?? '', 'layer', ' ').table as TradeOffTable;
    expect(shown(back)[1]?.[0]).toBe('Cache');
  });

  it('edits typed rows in the table', () => {
    let t = techStackAddRow(table(), components);
    const typed = techStackRows(t, components).rows.at(-1);
    expect(typed?.source).toBe('manual');
    t = techStackEdit(t, components, typed?.key ?? '', 'technology', 'Kafka').table as TradeOffTable;
    expect(shown(t).at(-1)).toEqual(['', 'Kafka', '', '']);
  });

  it('adds typed rows where asked among the rows shown', () => {
    const t = techStackAddRow(table(), components, 1, { id: 'row_new', cells: {} });
    expect(techStackRows(t, components).rows.map((r) => r.componentId ?? r.key)).toEqual([
      'cmp_db',
      'row_new',
      'cmp_cache',
      'cmp_web',
    ]);
  });

  it('moves rows among the rows shown, skipping hidden ones', () => {
    let t = materialiseTechStack(table(), components);
    t = excludeComponent(t, 'cmp_cache');
    t = techStackMoveRow(t, components, 1, -1);
    expect(techStackRows(t, components).rows.map((r) => r.componentId)).toEqual(['cmp_web', 'cmp_db']);
    t = includeComponent(t, 'cmp_cache');
    expect(techStackRows(t, components).rows.map((r) => r.componentId)).toEqual([
      'cmp_web',
      'cmp_cache',
      'cmp_db',
    ]);
  });

  it('deleting a component row excludes the component; deleting a typed row removes it', () => {
    let t = techStackAddRow(table(), components, undefined, { id: 'row_typed', cells: {} });
    t = techStackDeleteRow(t, components, 'cmp_cache');
    expect(t.excludedComponentIds).toEqual(['cmp_cache']);
    t = techStackDeleteRow(t, components, 'row_typed');
    expect(t.rows.some((r) => r.id === 'row_typed')).toBe(false);
    expect(techStackRows(t, components).rows.map((r) => r.componentId)).toEqual(['cmp_db', 'cmp_web']);
  });

  it('pastes into component rows and typed rows, and grows the table', () => {
    const grid = parseTsv('Edge\tCloudflare\tDDoS\tFastly\textra\nQueue\tSQS\tManaged\tRabbitMQ\n');
    const { table: t, components: edits } = techStackPaste(table(), components, 2, 0, grid);
    expect(edits).toEqual([
      { id: 'cmp_web', changes: { technology: 'Cloudflare', why: 'DDoS', alternatives: 'Fastly' } },
    ]);
    const applied = components.map((c) => {
      const e = edits.find((x) => x.id === c.id);
      return e ? { ...c, ...e.changes } : c;
    });
    expect(shown(t, applied)).toEqual([
      ['Database', 'PostgreSQL 15', 'Transactions', 'MongoDB, DynamoDB'],
      ['Cache', 'Redis', 'Hot prices', ''],
      ['Edge', 'Cloudflare', 'DDoS', 'Fastly'],
      ['Queue', 'SQS', 'Managed', 'RabbitMQ'],
    ]);
    expect(validateRecord('tables', t).ok).toBe(true);
  });
});

describe('cloneTable', () => {
  it('copies a matrix for the superseding decision with fresh ids and remapped options', () => {
    const t = createTable({
      caseStudyId,
      kind: 'matrix',
      owner: { type: 'decision', id: 'dec_old' },
      matrix: {
        criteria: [{ id: 'crit_a', name: 'Cost', weight: 2 }],
        scores: { crit_a: { opt_pg: 5, opt_gone: 1 } },
      },
    });
    const copy = cloneTable(t, { type: 'decision', id: 'dec_new' }, new Map([['opt_pg', 'opt_pg2']]));
    expect(copy.id).not.toBe(t.id);
    expect(copy.owner).toEqual({ type: 'decision', id: 'dec_new' });
    const crit = copy.matrix?.criteria[0];
    expect(crit).toMatchObject({ name: 'Cost', weight: 2 });
    expect(crit?.id).not.toBe('crit_a');
    expect(copy.matrix?.scores).toEqual({ [crit?.id ?? '']: { opt_pg2: 5 } });
    expect(t.matrix?.scores).toEqual({ crit_a: { opt_pg: 5, opt_gone: 1 } });
  });

  it('copies rows and cells under new column ids', () => {
    const t = pasteCells(customTable(), 0, 0, [['a', 'b']]);
    const copy = cloneTable(t, { type: 'case-study', id: caseStudyId });
    expect(tableGrid(copy)).toEqual([['a', 'b']]);
    expect(copy.columns.map((c) => c.id)).not.toEqual(t.columns.map((c) => c.id));
    expect(copy.rows[0]?.id).not.toBe(t.rows[0]?.id);
  });
});
