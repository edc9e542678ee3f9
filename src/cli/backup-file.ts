/** Reading and writing `faultline-backup` files from the command line. */
import { parseBackup, serializeBackup } from '../lib/model/backup';
import type { CaseStudyBundle } from '../lib/model/types';
import { CliError } from './errors';
import { readText } from './io';

/** A backup's bundle, or a CliError listing every problem (with its JSON path). */
export async function loadBackup(path: string): Promise<{ bundle: CaseStudyBundle; notes: string[] }> {
  const parsed = parseBackup(await readText(path));
  if (!parsed.ok) {
    throw new CliError(
      `${path} is not a valid Faultline backup:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  }
  return { bundle: parsed.bundle, notes: parsed.notes };
}

/** The backup text the app's "Import backup" accepts. */
export function backupText(bundle: CaseStudyBundle): string {
  return serializeBackup(bundle);
}
