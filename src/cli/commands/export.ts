/** `faultline export`: Markdown case study, Mermaid flowcharts or ADR files from a backup. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { exportAdrs } from '../../lib/export/adr';
import { exportCaseStudy } from '../../lib/export/markdown';
import { headingText } from '../../lib/export/md';
import { exportFlowchart } from '../../lib/export/mermaid';
import { exportSequence } from '../../lib/export/sequence';
import type { DiagramRows } from '../../lib/model/patch';
import { TEMPLATE_IDS, type CaseStudyBundle, type Diagram, type TemplateId } from '../../lib/model/types';
import { loadBackup } from '../backup-file';
import { CliError, UsageError } from '../errors';
import { emit, writeText, type Output } from '../io';
import type { Command } from '../command';

const FORMATS = ['markdown', 'mermaid', 'adr'] as const;
type Format = (typeof FORMATS)[number];

/** templates/case-study/ of this checkout (the same files the app bundles). */
const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/case-study/', import.meta.url));

function diagramRows(bundle: CaseStudyBundle, diagramId: string): DiagramRows {
  return {
    components: bundle.components.filter((c) => c.diagramId === diagramId),
    boundaries: bundle.boundaries.filter((b) => b.diagramId === diagramId),
    connections: bundle.connections.filter((c) => c.diagramId === diagramId),
  };
}

function sortedDiagrams(bundle: CaseStudyBundle): Diagram[] {
  return [...bundle.diagrams].sort((a, b) => a.order - b.order);
}

export async function caseStudyMarkdown(bundle: CaseStudyBundle, templateId: TemplateId): Promise<string> {
  let template: string;
  try {
    template = await readFile(join(TEMPLATE_DIR, `${templateId}.md`), 'utf8');
  } catch {
    throw new CliError(`the ${templateId} template is missing from ${TEMPLATE_DIR}`);
  }
  return exportCaseStudy(bundle, template, {
    templateId,
    flowchart: exportFlowchart,
    sequence: exportSequence,
  }).text;
}

/** One diagram's flowchart, or every diagram under its own heading. */
export function mermaidText(bundle: CaseStudyBundle, diagramName: string | undefined): string {
  const diagrams = sortedDiagrams(bundle);
  if (diagramName !== undefined) {
    const wanted = diagramName.trim().toLowerCase();
    const diagram =
      diagrams.find((d) => d.name === diagramName) ??
      diagrams.find((d) => d.name.trim().toLowerCase() === wanted);
    if (!diagram) {
      const names = diagrams.map((d) => `"${d.name}"`).join(', ') || 'none';
      throw new CliError(`there is no diagram named "${diagramName}" (diagrams: ${names})`);
    }
    return exportFlowchart(diagram, diagramRows(bundle, diagram.id));
  }
  if (diagrams.length === 0) throw new CliError('the case study has no diagrams');
  const parts = [`# ${headingText(bundle.caseStudy.title.trim() || 'Untitled case study')}`];
  for (const d of diagrams) {
    const chart = exportFlowchart(d, diagramRows(bundle, d.id)).trimEnd();
    parts.push(`## ${headingText(d.name.trim() || 'Untitled diagram')}`, `\`\`\`mermaid\n${chart}\n\`\`\``);
  }
  return `${parts.join('\n\n')}\n`;
}

async function run(
  values: Record<string, string | boolean | string[] | undefined>,
  positionals: string[],
  out: Output,
): Promise<void> {
  const [file, ...rest] = positionals;
  if (!file) throw new UsageError('export needs a backup file', 'export');
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, 'export');
  const format = values.format;
  if (typeof format !== 'string')
    throw new UsageError('export needs --format markdown, mermaid or adr', 'export');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (use markdown, mermaid or adr)`, 'export');
  }
  const outPath = typeof values.out === 'string' ? values.out : undefined;
  const template = values.template;
  if (template !== undefined && format !== 'markdown') {
    throw new UsageError('--template only applies to --format markdown', 'export');
  }
  if (values.diagram !== undefined && format !== 'mermaid') {
    throw new UsageError('--diagram only applies to --format mermaid', 'export');
  }
  if (typeof template === 'string' && !(TEMPLATE_IDS as readonly string[]).includes(template)) {
    throw new UsageError(`unknown template "${template}" (use ${TEMPLATE_IDS.join(', ')})`, 'export');
  }
  if ((format as Format) === 'adr' && !outPath) {
    throw new UsageError('--format adr writes one file per decision: give a folder with --out DIR', 'export');
  }

  const { bundle, notes } = await loadBackup(file);
  for (const note of notes) out.stderr(`faultline: note: ${note}\n`);

  switch (format as Format) {
    case 'markdown': {
      const id = (typeof template === 'string' ? template : bundle.caseStudy.template) as TemplateId;
      await emit(out, outPath, await caseStudyMarkdown(bundle, id));
      break;
    }
    case 'mermaid':
      await emit(
        out,
        outPath,
        mermaidText(bundle, typeof values.diagram === 'string' ? values.diagram : undefined),
      );
      break;
    case 'adr': {
      const files = exportAdrs(bundle);
      for (const f of files) await writeText(join(outPath!, f.name), f.text);
      const count = files.length - 1;
      out.stderr(
        count === 0
          ? `faultline: the case study has no decisions; wrote only ${join(outPath!, 'README.md')}\n`
          : `faultline: wrote ${count} decision file${count === 1 ? '' : 's'} and README.md to ${outPath}\n`,
      );
      break;
    }
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write a backup as a Markdown case study, Mermaid flowcharts or ADR files',
  usage: [
    'faultline export <backup.json> --format markdown [--template star-plus|problem-solution-impact|case-study-guide] [--out FILE]',
    'faultline export <backup.json> --format mermaid [--diagram NAME] [--out FILE]',
    'faultline export <backup.json> --format adr --out DIR',
  ],
  description: [
    'markdown  the case-study document; the template defaults to the one chosen in the app.',
    'mermaid   one diagram as a Mermaid flowchart (--diagram NAME), or every diagram under its',
    '          own heading in one Markdown file.',
    'adr       one MADR file per decision plus README.md (the index) in the folder DIR.',
    'Without --out, markdown and mermaid go to standard output.',
  ],
  options: {
    format: { type: 'string', short: 'f', description: 'markdown, mermaid or adr' },
    template: { type: 'string', short: 't', description: 'case-study template (markdown only)' },
    diagram: { type: 'string', short: 'd', description: 'diagram name (mermaid only)' },
    out: { type: 'string', short: 'o', description: 'output file (folder for adr)' },
  },
  run,
};
