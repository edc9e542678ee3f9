/**
 * What kind of file did the user open, drop or paste? Decides which importer reads it:
 * - `backup`: Faultline's own JSON backup;
 * - `mermaid`: a Mermaid file (`.mmd`/`.mermaid`), or text that starts like a Mermaid diagram;
 * - `mermaid-markdown`: Markdown with ```mermaid blocks (each flowchart block a diagram);
 * - `adr`: Markdown without Mermaid blocks (an architecture decision record), or a `.zip` of them.
 * Pure: looks at the name and the first bytes only.
 */
export type ImportKind = 'backup' | 'mermaid' | 'mermaid-markdown' | 'adr' | 'adr-zip' | 'unknown';

const MERMAID_START =
  /^(?:\s*(?:%%[^\n]*|---\n[\s\S]*?\n---))*\s*(?:flowchart|graph|sequenceDiagram|classDiagram|stateDiagram(?:-v2)?|erDiagram|gantt|pie|journey|gitGraph|mindmap|timeline|quadrantChart|sankey-beta|xychart-beta|block-beta|architecture-beta|C4Context|requirementDiagram|kanban|packet-beta|radar-beta)\b/;
const MERMAID_FENCE = /^ {0,3}(?:```|~~~)\s*mermaid\b/m;

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** True for text that starts (after front matter, comments and directives) like a Mermaid diagram. */
export function looksLikeMermaid(text: string): boolean {
  return MERMAID_START.test(text.replace(/\r\n?/g, '\n'));
}

export function hasMermaidBlocks(markdown: string): boolean {
  return MERMAID_FENCE.test(markdown);
}

/** Zip files start with "PK\x03\x04" (or "PK\x05\x06" when empty). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/** The importer for a file, from its name and text (`text` is null for binary files). */
export function detectImport(name: string, text: string | null, bytes?: Uint8Array): ImportKind {
  const ext = extension(name);
  if (ext === 'zip' || (bytes && isZip(bytes))) return 'adr-zip';
  if (text === null) return 'unknown';
  const trimmed = text.trimStart();
  if (ext === 'json' || trimmed.startsWith('{'))
    return trimmed.includes('"faultline-backup"') ? 'backup' : 'unknown';
  if (ext === 'mmd' || ext === 'mermaid') return 'mermaid';
  if (ext === 'md' || ext === 'markdown') return hasMermaidBlocks(text) ? 'mermaid-markdown' : 'adr';
  if (looksLikeMermaid(text)) return 'mermaid';
  if (hasMermaidBlocks(text)) return 'mermaid-markdown';
  if (/^#{1,2}\s+\S/m.test(text)) return 'adr';
  return 'unknown';
}
