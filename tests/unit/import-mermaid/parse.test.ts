// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readFlowchart } from '../../../src/lib/import/mermaid';
import { frontMatterTitle, parserLineMapper } from '../../../src/lib/import/mermaid/source';
import { mermaid, parsed } from './helpers';

const edgesOf = (f: { edges: { start: string; end: string }[] }) => f.edges.map((e) => `${e.start}>${e.end}`);

describe('readFlowchart: what Mermaid parsed, decoded', () => {
  it('reads chains and & fan-out as single edges', async () => {
    const f = await parsed('flowchart LR\n  A --> B --> C\n  A & B --> D & E');
    expect(f.vertices.map((v) => v.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(edgesOf(f)).toEqual(['A>B', 'B>C', 'A>D', 'A>E', 'B>D', 'B>E']);
  });

  it('keeps nodes Mermaid creates from edges alone, labelled with their id', async () => {
    const f = await parsed('graph TD\n  client --> api');
    expect(f.vertices).toEqual([
      { id: 'client', text: 'client', shape: null, classes: [] },
      { id: 'api', text: 'api', shape: null, classes: [] },
    ]);
  });

  it.each([
    ['flowchart LR', 'LR'],
    ['flowchart RL', 'RL'],
    ['flowchart TD', 'TB'],
    ['flowchart TB', 'TB'],
    ['flowchart BT', 'BT'],
    ['graph', 'TB'],
    ['flowchart-elk LR', 'LR'],
  ])('reads the direction of "%s" as %s', async (header, direction) => {
    expect((await parsed(`${header}\n  A --> B`)).direction).toBe(direction);
  });

  it('reads edge strokes, arrows and labels', async () => {
    const f = await parsed(
      [
        'flowchart LR',
        '  A -->|sync| B',
        '  A -.->|"async"| C',
        '  A ==> D',
        '  A ~~~ E',
        '  A <--> F',
        '  A --- G',
        '  A --o H',
        '  A --x I',
        '  A -- text --> J',
      ].join('\n'),
    );
    expect(f.edges.map((e) => [e.end, e.stroke, e.arrow, e.text])).toEqual([
      ['B', 'normal', 'arrow_point', 'sync'],
      ['C', 'dotted', 'arrow_point', 'async'],
      ['D', 'thick', 'arrow_point', ''],
      ['E', 'invisible', 'arrow_open', ''],
      ['F', 'normal', 'double_arrow_point', ''],
      ['G', 'normal', 'arrow_open', ''],
      ['H', 'normal', 'arrow_circle', ''],
      ['I', 'normal', 'arrow_cross', ''],
      ['J', 'normal', 'arrow_point', 'text'],
    ]);
  });

  it('reads classic shapes and @{ shape } shapes with their labels', async () => {
    const f = await parsed(
      [
        'flowchart LR',
        '  a[(Orders)] --> b([Web]) --> c((User)) --> d{{Gateway}} --> e>Jobs]',
        '  f@{ shape: cyl, label: "Ledger" }',
        '  g@{ shape: bucket }',
        '  h@{ shape: docs, label: "Reports" }',
      ].join('\n'),
    );
    expect(f.vertices.map((v) => [v.id, v.shape, v.text])).toEqual([
      ['a', 'cylinder', 'Orders'],
      ['b', 'stadium', 'Web'],
      ['c', 'circle', 'User'],
      ['d', 'hexagon', 'Gateway'],
      ['e', 'odd', 'Jobs'],
      ['f', 'cyl', 'Ledger'],
      ['g', 'bucket', 'g'],
      ['h', 'docs', 'Reports'],
    ]);
  });

  it('reads classes from :::name and class statements (classDef styles are ignored)', async () => {
    const f = await parsed(
      [
        'flowchart LR',
        '  classDef db fill:#eef,stroke:#33a',
        '  a[(Orders)]:::db --> b',
        '  subgraph g1 [Group]',
        '    c',
        '  end',
        '  class b,g1 hot',
      ].join('\n'),
    );
    expect(f.vertices.find((v) => v.id === 'a')?.classes).toEqual(['db']);
    expect(f.vertices.find((v) => v.id === 'b')?.classes).toEqual(['hot']);
    expect(f.subgraphs.find((s) => s.id === 'g1')?.classes).toEqual(['hot']);
  });

  it('reads subgraphs with and without ids and titles, nested, parents first', async () => {
    const f = await parsed(
      [
        'flowchart TB',
        '  subgraph one',
        '    a1 --> a2',
        '  end',
        '  subgraph "Two words"',
        '    b1',
        '  end',
        '  subgraph three [Three T]',
        '    subgraph inner',
        '      c1',
        '    end',
        '    c2',
        '  end',
      ].join('\n'),
    );
    expect(f.subgraphs.map((s) => [s.id, s.title, s.parent, [...s.nodes].sort()])).toEqual([
      ['one', 'one', null, ['a1', 'a2']],
      ['subGraph1', 'Two words', null, ['b1']],
      ['three', 'Three T', null, ['c2', 'inner']],
      ['inner', 'inner', 'three', ['c1']],
    ]);
    // Vertices declared only inside a subgraph are vertices like any other.
    expect(f.vertices.map((v) => v.id).sort()).toEqual(['a1', 'a2', 'b1', 'c1', 'c2']);
  });

  it('does not count a subgraph used as an edge end as a node', async () => {
    const f = await parsed(
      ['flowchart LR', '  subgraph svc [Services]', '    a', '  end', '  user --> svc', '  svc --> db'].join(
        '\n',
      ),
    );
    expect(f.vertices.map((v) => v.id)).toEqual(['a', 'user', 'db']);
    expect(edgesOf(f)).toEqual(['user>svc', 'svc>db']);
    expect(f.subgraphs.map((s) => s.id)).toEqual(['svc']);
  });

  it('decodes entities, placeholders, unicode and line breaks', async () => {
    const f = await parsed(
      [
        'flowchart LR',
        '  a["Say #quot;hi#quot; #35;1"]',
        '  b["Caf\u00e9 \ud83c\udf89 #9829;"]',
        '  c["one<br>two<br/>three</br>four"]',
        '  d["5 #lt; 6 #amp;#amp; x #gt; y"]',
        '  e["<b>bold</b> and <i>italic</i>, <span style=#quot;color:red#quot;>red</span>"]',
        '  f["line\\nbreak"]',
        '  g[A &amp; B]',
        '  h("&#40Valkey&#41")',
        '  a -->|"#quot;quoted#quot;<br>edge"| b',
        '  subgraph s ["Title #35;1<br>two"]',
        '    a',
        '  end',
      ].join('\n'),
    );
    expect(Object.fromEntries(f.vertices.map((v) => [v.id, v.text]))).toEqual({
      a: 'Say "hi" #1',
      b: 'Caf\u00e9 \ud83c\udf89 \u2665',
      c: 'one\ntwo\nthree\nfour',
      d: '5 < 6 && x > y',
      e: 'bold and italic, red',
      f: 'line\nbreak',
      g: 'A & B',
      h: '(Valkey)',
    });
    expect(f.edges[0]?.text).toBe('"quoted"\nedge');
    expect(f.subgraphs[0]?.title).toBe('Title #1\ntwo');
  });

  it('keeps Markdown strings as written, without the indentation of continuation lines', async () => {
    const f = await parsed('flowchart LR\n  a("`**Bold** name\n      second line`")');
    expect(f.vertices[0]?.text).toBe('**Bold** name\nsecond line');
  });

  it('reads the front matter title and applies %%{init}%% and front matter config', async () => {
    const f = await parsed(
      [
        '---',
        'title: "Checkout #quot;v2#quot;"',
        'config:',
        '  theme: dark',
        '---',
        '%%{init: {"flowchart": {"curve": "step"}}}%%',
        'flowchart LR',
        '  %% a comment',
        '  A --> B',
      ].join('\n'),
    );
    expect(f.title).toBe('Checkout #quot;v2#quot;');
    expect(f.vertices.map((v) => v.id)).toEqual(['A', 'B']);
  });

  it('reads accTitle (where Faultline exports put the diagram name)', async () => {
    const f = await parsed('flowchart LR\n  accTitle: Orders #amp; payments\n  A --> B');
    expect(f.accTitle).toBe('Orders & payments');
    expect(f.title).toBeNull();
  });

  it.each([
    ['title: Plain words', 'Plain words'],
    ['title: "Double \\"quoted\\""', 'Double "quoted"'],
    ["title: 'It''s single'", "It's single"],
    ['title: Trailing # comment', 'Trailing'],
    ['title: |\n  Line one\n  Line two', 'Line one\nLine two'],
    ['config:\n  theme: dark', null],
  ])('front matter %j has title %j', (yaml, title) => {
    expect(frontMatterTitle(`---\n${yaml}\n---\nflowchart LR\n  A`)).toBe(title);
  });

  it('raises the edge limit far above Mermaid’s default 500', async () => {
    const lines = ['flowchart LR'];
    for (let i = 0; i < 700; i++) lines.push(`  n${i} --> n${i + 1}`);
    const f = await parsed(lines.join('\n'));
    expect(f.edges).toHaveLength(700);
  });
});

describe('readFlowchart: refusals and errors', () => {
  it.each([
    ['sequenceDiagram\n  A->>B: hi', 'a sequence diagram (`sequence`)'],
    ['erDiagram\n  A ||--o{ B : has', 'an entity relationship diagram (`er`)'],
    ['classDiagram\n  A <|-- B', 'a class diagram (`class`)'],
    ['stateDiagram-v2\n  [*] --> A', 'a state diagram (`stateDiagram`)'],
    ['gantt\n  title x', 'a Gantt chart (`gantt`)'],
    ['---\ntitle: x\n---\npie\n  "a": 1', 'a pie chart (`pie`)'],
  ])('refuses a non-flowchart: %j', async (text, name) => {
    const r = await readFlowchart(mermaid, text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('Only Mermaid flowcharts (`flowchart` or `graph`) import as diagrams');
    expect(r.error.message).toContain(name);
  });

  it('says when the text is no Mermaid diagram at all, pointing at its first line', async () => {
    const r = await readFlowchart(mermaid, '%% notes\n\nhello world\n');
    expect(r).toEqual({
      ok: false,
      error: { message: expect.stringContaining('not a Mermaid diagram'), line: 3 },
    });
  });

  it('gives Mermaid’s message and the line of a syntax error', async () => {
    const r = await readFlowchart(mermaid, 'flowchart LR\n  A --> B\n  B --> C[oops\n  C --> D');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(3);
    expect(r.error.message).toMatch(/^Parse error on line 3:/);
    expect(r.error.message).toContain('Expecting');
  });

  it('counts lines of the user’s text, past front matter, directives, comments and blank lines', async () => {
    const text = [
      '---', // 1
      'title: T', // 2
      '---', // 3
      '', // 4
      '%%{init: {"theme": "dark"}}%%', // 5
      '%% a comment', // 6
      'flowchart LR', // 7
      '  %% another', // 8
      '  A --> B', // 9
      '  B --> --> C', // 10
    ].join('\r\n');
    const r = await readFlowchart(mermaid, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.line).toBe(10);
  });

  it('maps parser lines back to the text (unit)', () => {
    const map = parserLineMapper('---\ntitle: x\n---\n\n%% c\nflowchart LR\n\n  A\n%% d\n  B\n');
    expect([1, 2, 3, 4, 5, 99].map(map)).toEqual([6, 7, 8, 10, 10, 10]);
  });

  it('reports an unknown @{ shape } with Mermaid’s message', async () => {
    const r = await readFlowchart(mermaid, 'flowchart LR\n  a@{ shape: nonsense }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('No such shape: nonsense');
  });

  it('never throws, whatever it is given', async () => {
    for (const text of [
      '',
      '   ',
      '\u0000',
      'flowchart',
      'graph LR\n  subgraph',
      '```mermaid\nflowchart LR\n```',
    ])
      await expect(readFlowchart(mermaid, text)).resolves.toHaveProperty('ok');
  });
});
