/**
 * Label text as Faultline stores it, from the text Mermaid's flowchart parser hands back.
 */
import { decodeMermaidText } from '../../export/mermaid-escape';

/** A real line-break tag in parsed text (encoded `<` arrives as an entity placeholder, never as `<`). */
const BREAK_TAG = /<\/?br\s*\/?>/gi;
/** Any other real HTML tag: markup Mermaid's renderer would draw as formatting (`<b>`, `<i>`, `<sub>`…). */
const OTHER_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
/**
 * Numeric character references and the commonest named ones written without their `;`, which
 * browsers still decode in HTML text ("&#40Valkey&#41").
 */
const LEGACY_ENTITY =
  /&#(\d+)(?![\d;])|&#[xX]([0-9A-Fa-f]+)(?![0-9A-Fa-f;])|&(nbsp|amp|lt|gt|quot)(?![\w;])/g;
const LEGACY_NAMED: Readonly<Record<string, string>> = {
  nbsp: '\u00A0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
};

function decodeLegacy(text: string): string {
  return text.replace(LEGACY_ENTITY, (match: string, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
    if (name !== undefined) return LEGACY_NAMED[name] ?? match;
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/** A raw line break in a multi-line label, with the indentation around it. */
const RAW_BREAK = /[ \t]*\n[ \t]*/g;

/**
 * Plain text of a parsed label:
 * - HTML markup is dropped (formatting tags such as `<b>` keep only their text) and `<br>`
 *   becomes a newline. Text the author wrote as entities (`#lt;b#gt;`, which Faultline's own
 *   exports use) reaches the parser as placeholders, not tags, and is kept as written.
 * - A raw line break inside a quoted or Markdown label loses the indentation around it.
 * - Entities and Mermaid's entity placeholders are decoded (`decodeMermaidText`), and so are
 *   `&#40`-style references without their `;`, as browsers do.
 * Markdown-string markup (`**bold**`) is kept as written.
 */
export function labelText(raw: string | undefined): string {
  if (raw === undefined) return '';
  const plain = raw
    .replace(BREAK_TAG, '<br>')
    .replace(RAW_BREAK, '\n')
    .replace(OTHER_TAG, (tag) => (tag === '<br>' ? tag : ''));
  return decodeMermaidText(decodeLegacy(plain));
}
