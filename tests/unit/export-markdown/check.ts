/**
 * Structural checks of exported Markdown, by parsing it with marked (GFM):
 * - every table row has exactly as many cells as its header (counted on the raw line too,
 *   because a parser silently drops extra cells);
 * - no heading is empty, and no two headings share a text (or GitHub anchor);
 * - no raw HTML except `<br>` inside table cells;
 * - ```mermaid blocks are counted for the caller.
 */
import { marked, type Token, type Tokens } from 'marked';

export interface MarkdownReport {
  problems: string[];
  headings: { depth: number; text: string }[];
  tables: Tokens.Table[];
  mermaid: string[];
  html: string[];
}

/** Cells of a raw table line: split on pipes that are not backslash-escaped. */
export function rawCells(line: string): number {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  let cells = 1;
  let backslashes = 0;
  let last = -1;
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    if (ch === '|' && backslashes % 2 === 0) {
      cells += 1;
      last = i;
    }
    backslashes = 0;
  }
  // A trailing pipe closes the row rather than opening a cell.
  if (last === s.length - 1) cells -= 1;
  return cells;
}

/** Front matter (--- … ---) removed, as GitHub shows it apart from the document. */
export function stripFrontMatter(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
}

function walk(tokens: readonly Token[], visit: (t: Token, inCell: boolean) => void, inCell = false): void {
  for (const t of tokens) {
    visit(t, inCell);
    const any = t as Token & {
      tokens?: Token[];
      items?: Tokens.ListItem[];
      header?: Tokens.TableCell[];
      rows?: Tokens.TableCell[][];
    };
    if (any.tokens) walk(any.tokens, visit, inCell);
    if (any.items) walk(any.items, visit, inCell);
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const c of [...table.header, ...table.rows.flat()]) walk(c.tokens, visit, true);
    }
  }
}

function anchor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function checkMarkdown(markdown: string): MarkdownReport {
  const tokens = marked.lexer(stripFrontMatter(markdown), { gfm: true });
  const report: MarkdownReport = { problems: [], headings: [], tables: [], mermaid: [], html: [] };
  const anchors = new Map<string, string>();
  walk(tokens, (t, inCell) => {
    if (t.type === 'heading') {
      const h = t as Tokens.Heading;
      report.headings.push({ depth: h.depth, text: h.text });
      if (h.text.trim() === '') report.problems.push(`empty heading: ${JSON.stringify(h.raw)}`);
      const a = anchor(h.text);
      const prev = anchors.get(a);
      if (prev !== undefined) report.problems.push(`duplicate heading: "${h.text}" (and "${prev}")`);
      anchors.set(a, h.text);
    } else if (t.type === 'table') {
      const table = t as Tokens.Table;
      report.tables.push(table);
      const width = table.header.length;
      table.raw
        .split('\n')
        .filter((l) => l.trim() !== '')
        .forEach((line, i) => {
          const n = rawCells(line);
          if (n !== width) report.problems.push(`table row ${i} has ${n} cells, header ${width}: ${line}`);
        });
      table.rows.forEach((row, i) => {
        if (row.length !== width) report.problems.push(`table row ${i} parsed to ${row.length} cells`);
      });
    } else if (t.type === 'code') {
      const code = t as Tokens.Code;
      if (code.lang === 'mermaid') report.mermaid.push(code.text);
    } else if (t.type === 'html') {
      const html = (t as Tokens.HTML).text;
      report.html.push(html);
      if (!(inCell && html === '<br>')) report.problems.push(`raw HTML: ${JSON.stringify(html)}`);
    }
  });
  return report;
}
