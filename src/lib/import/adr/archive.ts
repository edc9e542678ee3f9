/**
 * ADR files out of a .zip archive (fflate, synchronous, no DOM).
 */
import { unzipSync } from 'fflate';
import type { AdrFile } from './import';
import { compareFileNames } from './import';

/** Entries larger than this are refused: no ADR is this big, a zip bomb is. */
export const MAX_ADR_BYTES = 5 * 1024 * 1024;

const MARKDOWN = /\.(?:md|markdown)$/i;

/** A path worth reading: Markdown, not a folder, not macOS metadata, no hidden segment. */
function wanted(path: string): boolean {
  if (path.endsWith('/') || !MARKDOWN.test(path)) return false;
  return path
    .replace(/\\/g, '/')
    .split('/')
    .every((segment) => segment !== '__MACOSX' && !segment.startsWith('.'));
}

/**
 * The Markdown files of a .zip (`*.md`, `*.markdown`, any folder depth; `__MACOSX/` and dot
 * files skipped), decoded as UTF-8 (BOM stripped), in file-name order, named by their path in
 * the archive. Throws an Error with a readable message when the bytes are not a zip archive or
 * an entry is implausibly large. An archive without Markdown files gives [].
 */
export function readAdrArchive(bytes: Uint8Array): AdrFile[] {
  let tooLarge: string | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        if (f.originalSize > MAX_ADR_BYTES) {
          tooLarge ??= f.name;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`Not a readable .zip archive (${why})`, { cause: e });
  }
  if (tooLarge !== null) {
    throw new Error(
      `"${tooLarge}" in the archive is larger than ${MAX_ADR_BYTES / 1024 / 1024} MB; not an ADR`,
    );
  }
  const decoder = new TextDecoder('utf-8');
  return Object.entries(entries)
    .map(([name, data]) => ({ name, text: decoder.decode(data).replace(/^\uFEFF/, '') }))
    .sort((a, b) => compareFileNames(a.name, b.name));
}
