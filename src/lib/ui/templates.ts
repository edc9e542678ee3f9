/** Starter diagrams from templates/diagrams/, loaded only when the user picks one. */
import { parseBackup } from '../model/backup';
import { TEMPLATE_FILES, templatePath, type TemplateFile } from '../model/templates';
import type { CaseStudy } from '../model/types';
import { getServices } from '../state/services';

const files = import.meta.glob('/templates/diagrams/*.json', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;

export const templates: readonly TemplateFile[] = TEMPLATE_FILES;

/** A new case study made from a template (its own fresh ids; the template is never changed). */
export async function createFromTemplate(template: TemplateFile): Promise<CaseStudy> {
  const load = files[templatePath(template)];
  if (!load) throw new Error(`Template ${template.file} is missing from this build`);
  const parsed = parseBackup(await load());
  if (!parsed.ok) throw new Error(`Template ${template.file} is invalid: ${parsed.errors.join('; ')}`);
  return getServices().repo.importBundle(parsed.bundle, { title: template.title });
}
