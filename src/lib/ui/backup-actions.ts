/** Export and import of `faultline-backup` files from the UI. */
import { backupFileName, parseBackup, serializeBackup } from '../model/backup';
import type { CaseStudy } from '../model/types';
import { downloadText } from '../state/files';
import { getServices } from '../state/services';

export async function exportBackup(caseStudyId: string): Promise<string | null> {
  const { repo, writes } = getServices();
  await writes.flush();
  const loaded = await repo.loadBundle(caseStudyId);
  if (!loaded.value) return 'This case study no longer exists.';
  const fileName = backupFileName(loaded.value.caseStudy.title);
  downloadText(serializeBackup(loaded.value), fileName);
  return null;
}

export type ImportOutcome =
  { ok: true; caseStudy: CaseStudy; notes: string[] } | { ok: false; errors: string[] };

/** Validate first; an invalid file changes nothing. The same file twice gives two copies. */
export async function importBackupText(text: string): Promise<ImportOutcome> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  const caseStudy = await getServices().repo.importBundle(parsed.bundle);
  return { ok: true, caseStudy, notes: parsed.notes };
}
