/** `faultline import-mermaid`: a Mermaid flowchart (or the flowcharts of a Markdown file) into a backup. */
import { basename, extname } from 'node:path';
import { hasMermaidBlocks } from '../../lib/import/detect';
import { importMermaidMarkdown, importMermaidText, type ImportedDiagram } from '../../lib/import/mermaid';
import { createBundle, createCaseStudy } from '../../lib/model/factories';
import { plural } from '../text';
import type { CaseStudyBundle } from '../../lib/model/types';
import { backupText } from '../backup-file';
import type { Command } from '../command';
import { CliError, UsageError } from '../errors';
import { emit, readText, type Output } from '../io';
import { layoutRows } from '../layout-node';
import { nodeMermaid } from '../mermaid-node';

async function run(
  values: Record<string, string | boolean | string[] | undefined>,
  positionals: string[],
  out: Output,
): Promise<void> {
  const [file, ...rest] = positionals;
  if (!file)
    throw new UsageError(
      'import-mermaid needs a Mermaid file (.mmd, or Markdown with mermaid blocks)',
      'import-mermaid',
    );
  if (rest.length > 0)
    throw new UsageError(`unexpected argument "${rest[0]}" (one file at a time)`, 'import-mermaid');
  const text = await readText(file);
  const stem = basename(file, extname(file));
  const caseStudy = createCaseStudy({ title: 'Imported diagram' });
  const mermaid = await nodeMermaid();
  const markdown =
    /\.(md|markdown)$/i.test(file) || (!/\.(mmd|mermaid)$/i.test(file) && hasMermaidBlocks(text));

  let diagrams: ImportedDiagram[];
  if (markdown) {
    const result = await importMermaidMarkdown(mermaid, text, {
      caseStudyId: caseStudy.id,
      diagramName: stem,
    });
    for (const s of result.skipped)
      out.stderr(`faultline: skipped the block at ${file}:${s.line}: ${s.reason}\n`);
    if (result.diagrams.length === 0) {
      throw new CliError(
        `${file} has no Mermaid flowchart block that imports (only flowcharts import as diagrams)`,
      );
    }
    diagrams = result.diagrams;
  } else {
    const result = await importMermaidText(mermaid, text, { caseStudyId: caseStudy.id, diagramName: stem });
    if (!result.ok) {
      const where = result.error.line === null ? file : `${file}:${result.error.line}`;
      throw new CliError(`${where}: ${result.error.message}`);
    }
    diagrams = [result];
  }

  const bundle: CaseStudyBundle = createBundle({
    ...caseStudy,
    title: (typeof values.title === 'string' && values.title.trim()) || diagrams[0]!.diagram.name || stem,
  });
  for (const [order, d] of diagrams.entries()) {
    const laidOut = await layoutRows(
      { components: d.components, boundaries: d.boundaries, connections: d.connections },
      d.diagram.direction,
    );
    bundle.diagrams.push({ ...d.diagram, order });
    bundle.components.push(...laidOut.components);
    bundle.boundaries.push(...laidOut.boundaries);
    bundle.connections.push(...laidOut.connections);
    for (const note of d.plan.notes) out.stderr(`faultline: note: ${d.diagram.name}: ${note}\n`);
  }
  await emit(out, typeof values.out === 'string' ? values.out : undefined, backupText(bundle));
  out.stderr(
    `faultline: imported ${plural(bundle.diagrams.length, 'diagram')} (${plural(bundle.components.length, 'component')}, ` +
      `${plural(bundle.boundaries.length, 'boundary', 'boundaries')}, ${plural(bundle.connections.length, 'connection')}) ` +
      `as "${bundle.caseStudy.title}"\n`,
  );
}

export const importMermaidCommand: Command = {
  name: 'import-mermaid',
  summary: 'Turn a Mermaid flowchart into a backup the app imports',
  usage: ['faultline import-mermaid <file.mmd> [--title T] --out <backup.json>'],
  description: [
    'Reads the flowchart with Mermaid’s own parser, maps shapes, classes and well-known',
    'technologies to component kinds and subgraphs to boundaries, lays it out, and writes a',
    'new case study as a backup (standard output without --out). From a Markdown file each',
    'mermaid flowchart block becomes a diagram. Only flowcharts import as diagrams.',
  ],
  options: {
    title: { type: 'string', short: 't', description: 'title of the new case study' },
    out: { type: 'string', short: 'o', description: 'where to write the backup (default: stdout)' },
  },
  run,
};
