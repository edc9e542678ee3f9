import { describe, expect, it } from 'vitest';
import {
  block,
  cell,
  fenceBody,
  finishMarkdown,
  headingText,
  inline,
  kebab,
  link,
  safeUrl,
  table,
} from '../../../src/lib/export/md';
import { checkMarkdown } from './check';

describe('inline text', () => {
  it('escapes Markdown punctuation and never lets HTML through', () => {
    expect(inline('a *b* [c](d) `e` ~f~ \\ g|h')).toBe('a \\*b\\* \\[c\\](d) \\`e\\` \\~f\\~ \\\\ g\\|h');
    expect(inline('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(inline('R&D &amp; more')).toBe('R&D &amp;amp; more');
  });

  it('keeps snake_case readable but escapes underscores that could emphasise', () => {
    expect(inline('payment_intents')).toBe('payment_intents');
    expect(inline('_private_ field')).toBe('\\_private\\_ field');
  });

  it('cannot start a block: headings, lists, quotes', () => {
    expect(inline('# Not a heading')).toBe('\\# Not a heading');
    expect(inline('- not a list')).toBe('\\- not a list');
    expect(inline('1. not a list')).toBe('1\\. not a list');
    expect(inline('> not a quote')).toBe('&gt; not a quote');
  });

  it('collapses line breaks and surrounding space', () => {
    expect(inline('  two\nlines\r\n ')).toBe('two lines');
    expect(inline(undefined)).toBe('');
  });

  it('heading text escapes every # so a trailing one is not eaten', () => {
    expect(headingText('Why C# #')).toBe('Why C\\# \\#');
  });
});

describe('table cells', () => {
  it('escape pipes and turn line breaks into <br>', () => {
    expect(cell('a|b\nc')).toBe('a\\|b<br>c');
    expect(cell('\n\nfirst\n\nlast\n')).toBe('first<br><br>last');
    expect(cell('- item')).toBe('- item');
  });

  it('build tables whose rows all have the header width', () => {
    const md = table(
      ['A', 'B', 'C'],
      [
        [cell('x|y'), ''],
        [cell('1'), cell('2'), cell('3\n4')],
      ],
      [null, 'right'],
    );
    expect(md).toBe(
      ['| A | B | C |', '| --- | ---: | --- |', '| x\\|y | | |', '| 1 | 2 | 3<br>4 |'].join('\n'),
    );
    expect(checkMarkdown(md).problems).toEqual([]);
  });
});

describe('blocks of user Markdown', () => {
  it('keep Markdown but turn headings into bold lines', () => {
    expect(block('Intro\n\n## Background\n\n- one\n- two')).toBe('Intro\n\n**Background**\n\n- one\n- two');
    expect(block('> # quoted heading')).toBe('> **quoted heading**');
  });

  it('escape raw HTML outside code, keep it inside code', () => {
    expect(block('<script>x</script> and `<b>` and <https://example.com>')).toBe(
      '&lt;script>x&lt;/script> and `<b>` and <https://example.com>',
    );
    expect(block('```html\n<b>bold</b>\n```')).toBe('```html\n<b>bold</b>\n```');
  });

  it('do not let a setext underline make a heading', () => {
    expect(block('Title\n===\nMore\n---')).toBe('Title\n\n===\nMore\n\n---');
    // Found by the hostile-text property test: "- " under a paragraph is an underline too.
    expect(block('}}\r\n- ')).toBe('}}\n\n-');
    expect(block('x\n-')).toBe('x\n\n-');
  });

  it('close a code fence left open', () => {
    expect(block('```js\nlet x = 1;')).toBe('```js\nlet x = 1;\n```');
  });

  it('trim blank lines around and return "" for blank text', () => {
    expect(block('\n\n  \ntext\n\n')).toBe('text');
    expect(block('   ')).toBe('');
  });
});

describe('links and names', () => {
  it('only link http(s), mailto and relative URLs', () => {
    expect(safeUrl('https://example.com/a b(c)')).toBe('https://example.com/a%20b%28c%29');
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(link('Doc', 'javascript:alert(1)')).toBe('Doc');
    expect(link('', 'docs/x.md')).toBe('[docs/x.md](docs/x.md)');
  });

  it('kebab-case titles for file names', () => {
    expect(kebab('PostgreSQL over MongoDB!')).toBe('postgresql-over-mongodb');
    expect(kebab('Café & Crème brûlée')).toBe('cafe-creme-brulee');
    expect(kebab('one two three', 8)).toBe('one-two');
    expect(kebab('!!!')).toBe('');
  });

  it('fence bodies cannot close their fence', () => {
    expect(fenceBody('graph LR\n```\nA-->B\n\n')).toBe("graph LR\n'''\nA-->B");
  });
});

describe('finishing a document', () => {
  it('drops sections left empty, parents included', () => {
    expect(finishMarkdown('# T\n\n## Empty\n\n### Also empty\n\n## Full\n\ntext\n\n## Last\n')).toBe(
      '# T\n\n## Full\n\ntext\n',
    );
  });

  it('makes repeated headings unique', () => {
    expect(finishMarkdown('# Doc\n\n## A\n\nx\n\n## A\n\ny\n\n### a\n\nz\n')).toBe(
      '# Doc\n\n## A\n\nx\n\n## A (2)\n\ny\n\n### a (3)\n\nz\n',
    );
  });

  it('collapses blank lines and trailing spaces but leaves code untouched', () => {
    expect(finishMarkdown('# T\n\n\n\ntext   \n```\n\n\n\ncode  \n```\n\n\n')).toBe(
      '# T\n\ntext\n```\n\n\n\ncode  \n```\n',
    );
  });

  it('does not take a backtick line with a backtick in its info string for a fence', () => {
    expect(finishMarkdown('# T\n\n```a`b\n\n## Empty\n')).toBe('# T\n\n```a`b\n');
  });

  it('does not read # lines inside code as headings', () => {
    expect(finishMarkdown('# T\n\n```\n# comment\n```\n')).toBe('# T\n\n```\n# comment\n```\n');
  });
});

it('a user heading whose text starts like another heading never becomes one (found by the property test)', async () => {
  const { block } = await import('../../../src/lib/export/md');
  const { marked } = await import('marked');
  const tokens = marked.lexer(block('# # *'));
  expect(tokens.filter((t) => t.type === 'heading')).toEqual([]);
});
