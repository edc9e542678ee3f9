/**
 * Mermaid blocks in a Markdown file: every ```` ```mermaid ```` / `~~~mermaid` fenced block
 * (also inside lists and block quotes), found with marked's lexer so that CommonMark's rules
 * hold (indented code, longer fences, unclosed fences running to the end). marked gives no line
 * numbers: top-level tokens' `raw` texts add up to the whole (normalised) source, which gives
 * their lines; a block nested in a list or quote is found by its fence line within its parent.
 */
import { Lexer, type Token, type Tokens } from 'marked';

export interface MermaidBlock {
  /** Position among the file's Mermaid blocks (0-based). */
  index: number;
  /** 1-based line of the opening fence. */
  line: number;
  /** The block's text, without the fences. */
  text: string;
  /** Text of the nearest heading before the block, or null. */
  title: string | null;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') n++;
  return n;
}

/** Plain text of inline tokens (headings may hold emphasis, code, links). */
function inlineText(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens || tokens.length === 0) return fallback;
  return tokens
    .map((t) => {
      const nested = (t as { tokens?: Token[] }).tokens;
      if (nested && nested.length > 0) return inlineText(nested, '');
      if (t.type === 'br') return ' ';
      return 'text' in t && typeof t.text === 'string' ? t.text : '';
    })
    .join('');
}

function isMermaid(lang: string | undefined): boolean {
  return (lang ?? '').trim().split(/\s+/, 1)[0]?.toLowerCase() === 'mermaid';
}

/** Characters that may precede a nested block's fence on its line: quote marks, list markers, indentation. */
const CONTAINER_PREFIX = /^[\s>*+\-\d.)]*$/;

/** Every Mermaid block of a Markdown document, in order. */
export function extractMermaidBlocks(markdown: string): MermaidBlock[] {
  const source = markdown.replace(/\r\n|\r/g, '\n');
  const lines = source.split('\n');
  const blocks: MermaidBlock[] = [];
  let title: string | null = null;

  /** Find the line (≥ from, < to, 0-based) holding a nested token's first line. */
  const locate = (firstLine: string, from: number, to: number): number => {
    for (let i = from; i < to; i++) {
      const line = lines[i] ?? '';
      if (line.endsWith(firstLine) && CONTAINER_PREFIX.test(line.slice(0, line.length - firstLine.length)))
        return i;
    }
    return from;
  };

  /**
   * Visit tokens whose source spans lines [from, to) (0-based); `exact` when the tokens are
   * top-level, so each token starts where the previous one ended.
   */
  const visit = (tokens: readonly Token[], from: number, to: number, exact: boolean): void => {
    let cursor = from;
    for (const token of tokens) {
      const firstLine = token.raw.split('\n', 1)[0] ?? '';
      const start = exact ? cursor : firstLine.trim() === '' ? cursor : locate(firstLine, cursor, to);
      const span = countLines(token.raw);
      const end = Math.min(to, start + span + 1);
      if (token.type === 'heading') {
        const h = token as Tokens.Heading;
        title = inlineText(h.tokens, h.text).trim() || null;
      } else if (token.type === 'code') {
        const code = token as Tokens.Code;
        if (code.codeBlockStyle !== 'indented' && isMermaid(code.lang))
          blocks.push({ index: blocks.length, line: start + 1, text: code.text, title });
      } else if (token.type === 'list') {
        visit((token as Tokens.List).items, start, end, false);
      } else if (token.type === 'list_item' || token.type === 'blockquote') {
        visit((token as Tokens.ListItem | Tokens.Blockquote).tokens, start, end, false);
      }
      cursor = start + span;
    }
  };

  visit(new Lexer({ gfm: true }).lex(source), 0, lines.length, true);
  return blocks;
}
