/** The case-study document as Markdown, for the preview and for download/copy. */
import type { TemplateId } from '../../model/types';
import { getServices } from '../../state/services';

const templates = import.meta.glob('/templates/case-study/*.md', {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

/** Reads the whole case study (after pending writes) and fills the chosen template. */
export async function caseStudyMarkdown(
  caseStudyId: string,
  templateId: TemplateId,
): Promise<{ fileName: string; text: string }> {
  const { repo, writes } = getServices();
  await writes.flush();
  const [loaded, markdown, mermaid, sequence] = await Promise.all([
    repo.loadBundle(caseStudyId),
    import('../../export/markdown'),
    import('../../export/mermaid'),
    import('../../export/sequence'),
  ]);
  if (!loaded.value) throw new Error('This case study no longer exists.');
  const load = templates[markdown.caseStudyTemplatePath(templateId)];
  if (!load) throw new Error(`The ${templateId} template is missing from this build.`);
  return markdown.exportCaseStudy(loaded.value, await load(), {
    templateId,
    flowchart: mermaid.exportFlowchart,
    sequence: sequence.exportSequence,
  });
}
