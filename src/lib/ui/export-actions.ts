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
  const [bundle, markdown, mermaid, sequence] = await Promise.all([
    loadBundle(caseStudyId),
    import('../export/markdown'),
    import('../export/mermaid'),
    import('../export/sequence'),
  ]);
  const load = caseStudyTemplates[markdown.caseStudyTemplatePath(templateId)];
  if (!load) throw new Error(`The ${templateId} template is missing from this build.`);
  const { fileName, text } = markdown.exportCaseStudy(bundle, await load(), {
    templateId,
    flowchart: mermaid.exportFlowchart,
    sequence: sequence.exportSequence,
  });
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

/** One diagram as a Mermaid flowchart (text, and a file name for it). */
export async function diagramMermaid(
  caseStudyId: string,
  diagramId: string,
): Promise<{ text: string; fileName: string }> {
  const [bundle, mermaid, md] = await Promise.all([
    loadBundle(caseStudyId),
    import('../export/mermaid'),
    import('../export/md'),
  ]);
  const diagram = bundle.diagrams.find((d) => d.id === diagramId);
  if (!diagram) throw new Error('This diagram no longer exists.');
  const rows = {
    components: bundle.components.filter((c) => c.diagramId === diagramId),
    boundaries: bundle.boundaries.filter((b) => b.diagramId === diagramId),
    connections: bundle.connections.filter((c) => c.diagramId === diagramId),
  };
  const name = md.kebab(`${bundle.caseStudy.title} ${diagram.name}`, 60) || 'diagram';
  return { text: mermaid.exportFlowchart(diagram, rows), fileName: `${name}.mmd` };
}

/** `<kebab title>-<diagram>`: the base name (no extension) for files exported from one diagram. */
export async function diagramFileBase(caseStudyId: string, diagramId: string): Promise<string> {
  const [bundle, md] = await Promise.all([loadBundle(caseStudyId), import('../export/md')]);
  const diagram = bundle.diagrams.find((d) => d.id === diagramId);
  if (!diagram) throw new Error('This diagram no longer exists.');
  return md.kebab(`${bundle.caseStudy.title} ${diagram.name}`, 60) || 'diagram';
}

export async function downloadDiagramMermaid(caseStudyId: string, diagramId: string): Promise<string> {
  const { text, fileName } = await diagramMermaid(caseStudyId, diagramId);
  downloadText(text, fileName, 'text/vnd.mermaid');
  return fileName;
}

export async function copyDiagramMermaid(caseStudyId: string, diagramId: string): Promise<string> {
  const { text } = await diagramMermaid(caseStudyId, diagramId);
  await navigator.clipboard.writeText(text);
  return 'Mermaid';
}
