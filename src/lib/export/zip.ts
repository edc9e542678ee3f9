/**
 * Zip archives of exported text files (fflate, synchronous, no DOM). The UI turns the bytes
 * into a Blob (`application/zip`) and downloads it.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { CaseStudyBundle } from '../model';
import { exportAdrs, type ExportedFile } from './adr';
import { kebab } from './md';

export interface ZipOptions {
  /** Modification time stored for every entry (default: now); fix it for byte-stable archives. */
  mtime?: Date | number;
}

/** Text files → a .zip (UTF-8, deflated). Later files with the same name replace earlier ones. */
export function zipFiles(files: readonly ExportedFile[], opts: ZipOptions = {}): Uint8Array {
  const entries: Zippable = {};
  for (const f of files) entries[f.name] = strToU8(f.text);
  return zipSync(entries, { level: 6, mtime: opts.mtime ?? new Date() });
}

/** "Export ADRs": every decision as a MADR file plus README.md, zipped. */
export function exportAdrZip(
  bundle: CaseStudyBundle,
  opts: ZipOptions = {},
): { fileName: string; data: Uint8Array } {
  return {
    fileName: `${kebab(bundle.caseStudy.title, 50) || 'case-study'}-adrs.zip`,
    data: zipFiles(exportAdrs(bundle), opts),
  };
}
