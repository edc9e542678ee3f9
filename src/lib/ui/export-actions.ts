/** Exports from the UI: each reads the whole case study (after pending edits are written). */
import type { CaseStudyBundle, TemplateId } from '../model/types';
import { downloadBytes, downloadText } from '../state/files';
import { getServices } from '../state/services';

const caseStudyTemplates = import.meta.glob('/templates/case-study/*.md', {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

async function loadBundle(caseStudyId: string): Promise<CaseStudyBundle> {
  const { repo, writes } = getServices();
  await writes.flush();
  const loaded = await repo.loadBundle(caseStudyId);
  if (!loaded.value) throw new Error('This case study no longer exists.');
  return loaded.value;
}

/** The case study as a Markdown document in the chosen structure; downloads `<title>.md`. */
export async function exportMarkdownDocument(caseStudyId: string, templateId: TemplateId): Promise<string> {
  const [bundle, markdown] = await Promise.all([loadBundle(caseStudyId), import('../export/markdown')]);
  const load = caseStudyTemplates[markdown.caseStudyTemplatePath(templateId)];
  if (!load) throw new Error(`The ${templateId} template is missing from this build.`);
  const { fileName, text } = markdown.exportCaseStudy(bundle, await load(), { templateId });
  downloadText(text, fileName, 'text/markdown');
  return fileName;
}

/** Every decision as a MADR file, plus an index, in one zip. */
export async function exportAdrArchive(caseStudyId: string): Promise<string> {
  const [bundle, zip] = await Promise.all([loadBundle(caseStudyId), import('../export/zip')]);
  if (bundle.decisions.length === 0) throw new Error('There are no decisions to export yet.');
  const { fileName, data } = zip.exportAdrZip(bundle);
  downloadBytes(data, fileName);
  return fileName;
}
