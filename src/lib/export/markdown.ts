/**
 * Case-study documents: a Markdown template from `templates/case-study/` filled with the
 * view model (view-model.ts) by Mustache, a logic-less template library, then tidied
 * (`finishMarkdown`: empty sections dropped, headings unique, blank lines collapsed).
 *
 * The renderer takes the template's text, so it is pure and runs anywhere (app, CLI, tests).
 * The app loads templates lazily with Vite:
 *
 *   const templates = import.meta.glob('/templates/case-study/*.md', { query: '?raw', import: 'default' });
 *   const text = (await templates[caseStudyTemplatePath('star-plus')]()) as string;
 *
 * Mustache's HTML escaping is switched off for this render only (an identity `escape` is
 * passed per call; the global `Mustache.escape` is never touched): the view model's strings
 * are already escaped for Markdown, and HTML entities would show up literally.
 */
import Mustache from 'mustache';
import type { CaseStudy, CaseStudyBundle, TemplateId } from '../model';
import { finishMarkdown, kebab } from './md';
import { buildViewModel, type CaseStudyViewModel, type ViewModelOptions } from './view-model';

/** Folder of the case-study templates, as Vite's `import.meta.glob` keys name it. */
export const CASE_STUDY_TEMPLATE_DIR = '/templates/case-study/';

/** `/templates/case-study/star-plus.md`: the glob key of a template. */
export function caseStudyTemplatePath(id: TemplateId): string {
  return `${CASE_STUDY_TEMPLATE_DIR}${id}.md`;
}

const NO_ESCAPE = { escape: (value: unknown): string => String(value) };

/**
 * Fill a Markdown template with a view (no HTML escaping) and tidy the result. Throws
 * Mustache's error for a malformed template (e.g. an unclosed section).
 */
export function renderMarkdownTemplate(templateText: string, view: object): string {
  return finishMarkdown(Mustache.render(templateText, view, {}, NO_ESCAPE));
}

/** A case-study document from a template's text and a view model. */
export function renderCaseStudy(templateText: string, viewModel: CaseStudyViewModel): string {
  return renderMarkdownTemplate(templateText, viewModel);
}

/** `checkout-at-scale.md`. */
export function caseStudyFileName(cs: Pick<CaseStudy, 'title'>): string {
  return `${kebab(cs.title, 60) || 'case-study'}.md`;
}

/** Build the view model and render it: the whole "export case study as Markdown" step. */
export function exportCaseStudy(
  bundle: CaseStudyBundle,
  templateText: string,
  opts: ViewModelOptions & { templateId?: TemplateId } = {},
): { fileName: string; text: string } {
  return {
    fileName: caseStudyFileName(bundle.caseStudy),
    text: renderCaseStudy(templateText, buildViewModel(bundle, opts)),
  };
}
