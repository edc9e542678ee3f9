// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIAGRAM_NAME,
  extractMermaidBlocks,
  importMermaidMarkdown,
  importMermaidText,
  type ImportProgress,
} from '../../../src/lib/import/mermaid';
import { mermaid } from './helpers';

const DOC = [
  '# Architecture', // 1
  '', // 2
  'Intro text.', // 3
  '', // 4
  '```mermaid', // 5
  'flowchart LR', // 6
  '  A --> B', // 7
  '```', // 8
  '', // 9
  '## The **write** path', // 10
  '', // 11
  '- A list item', // 12
  '', // 13
  '  ~~~Mermaid title="x"', // 14
  '  graph TD', // 15
  '    X --> Y', // 16
  '  ~~~', // 17
  '', // 18
  'Setext heading', // 19
  '===', // 20
  '', // 21
  '> ```mermaid', // 22
  '> sequenceDiagram', // 23
  '>   A->>B: hi', // 24
  '> ```', // 25
  '', // 26
  '    ```mermaid', // 27 (indented code, not a fence)
  '    flowchart LR', // 28
  '    ```', // 29
  '', // 30
  '```js', // 31
  'const x = 1;', // 32
  '```', // 33
  '', // 34
  '````mermaid', // 35
  '---', // 36
  'title: Front matter title', // 37
  '---', // 38
  'flowchart LR', // 39
  '  P --> Q', // 40
  '````', // 41
  '', // 42
  '```mermaid', // 43
  'flowchart LR', // 44
  '  broken --> -->', // 45
  '```', // 46
].join('\n');

describe('extractMermaidBlocks', () => {
  it('finds every mermaid fence, with its line and nearest heading', () => {
    expect(extractMermaidBlocks(DOC)).toEqual([
      { index: 0, line: 5, text: 'flowchart LR\n  A --> B', title: 'Architecture' },
      { index: 1, line: 14, text: 'graph TD\n  X --> Y', title: 'The write path' },
      { index: 2, line: 22, text: 'sequenceDiagram\n  A->>B: hi', title: 'Setext heading' },
      {
        index: 3,
        line: 35,
        text: '---\ntitle: Front matter title\n---\nflowchart LR\n  P --> Q',
        title: 'Setext heading',
      },
      { index: 4, line: 43, text: 'flowchart LR\n  broken --> -->', title: 'Setext heading' },
    ]);
  });

  it('counts CRLF line endings as one line, and reads an unclosed fence to the end', () => {
    const blocks = extractMermaidBlocks('Text\r\n\r\n~~~mermaid\r\nflowchart LR\r\n  A\r\n');
    expect(blocks).toEqual([{ index: 0, line: 3, text: 'flowchart LR\n  A', title: null }]);
  });

  it('finds nothing in Markdown without Mermaid blocks', () => {
    expect(extractMermaidBlocks('# ADR 1\n\n```sql\nselect 1;\n```\n')).toEqual([]);
  });
});

describe('importMermaidMarkdown', () => {
  it('imports each flowchart block as a diagram and lists the others as skipped', async () => {
    const progress: ImportProgress[] = [];
    const r = await importMermaidMarkdown(mermaid, DOC, {
      caseStudyId: 'cs_md',
      order: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(
      r.diagrams.map((d) => [d.block.line, d.diagram.name, d.diagram.order, d.components.length]),
    ).toEqual([
      [5, 'Architecture', 2, 2],
      [14, 'The write path', 3, 2],
      [35, 'Front matter title', 4, 2],
    ]);
    expect(r.diagrams[1]?.diagram.direction).toBe('TB');
    expect(r.skipped.map((s) => [s.block.line, s.line])).toEqual([
      [22, 22],
      [43, 45],
    ]);
    expect(r.skipped[0]?.reason).toContain('a sequence diagram (`sequence`)');
    expect(r.skipped[1]?.reason).toMatch(/^Parse error on line 45:/);
    expect(progress.at(-1)).toEqual({ done: 5, total: 5, message: 'Done' });
    expect(progress.length).toBe(6);
  });

  it('names untitled blocks after the caller’s name, numbered', async () => {
    const r = await importMermaidMarkdown(
      mermaid,
      '```mermaid\ngraph\n  a\n```\n\n```mermaid\ngraph\n  b\n```\n',
      {
        caseStudyId: 'cs_md',
        diagramName: 'notes.md',
      },
    );
    expect(r.diagrams.map((d) => d.diagram.name)).toEqual(['notes.md 1', 'notes.md 2']);
  });
});

describe('importMermaidText', () => {
  it('names the diagram: front matter title, else accTitle, else the caller’s name, else the default', async () => {
    const name = async (text: string, diagramName?: string) => {
      const r = await importMermaidText(mermaid, text, { caseStudyId: 'cs', diagramName });
      return r.ok ? r.diagram.name : r.error.message;
    };
    expect(await name('---\ntitle: From front matter\n---\nflowchart LR\n  accTitle: Acc\n  a', 'file')).toBe(
      'From front matter',
    );
    expect(await name('flowchart LR\n  accTitle: Acc\n  a', 'file')).toBe('Acc');
    expect(await name('flowchart LR\n  a', 'file')).toBe('file');
    expect(await name('flowchart LR\n  a', '  ')).toBe(DEFAULT_DIAGRAM_NAME);
    expect(await name('flowchart LR\n  a')).toBe('Imported diagram');
  });

  it('returns the plan with the records, applies overrides, and reports progress', async () => {
    const steps: string[] = [];
    const r = await importMermaidText(mermaid, 'flowchart LR\n  a[Thing] --> b[(Orders)]', {
      caseStudyId: 'cs',
      overrides: { components: { a: { kind: 'worker' } } },
      onProgress: (p) => steps.push(`${p.done}/${p.total}`),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.components.map((c) => c.kind)).toEqual(['service', 'database']);
    expect(r.components.map((c) => c.kind)).toEqual(['worker', 'database']);
    expect(r.connections).toHaveLength(1);
    expect(steps).toEqual(['0/2', '1/2', '2/2']);
  });

  it('passes Mermaid’s error through', async () => {
    const r = await importMermaidText(mermaid, 'erDiagram\n  A ||--o{ B : has', { caseStudyId: 'cs' });
    expect(r).toEqual({ ok: false, error: { message: expect.stringContaining('(`er`)'), line: null } });
  });
});
