/** `faultline import-adr`: ADR Markdown files (MADR or classic), folders or zips into a backup. */
import { basename, relative } from 'node:path';
import { importAdrFiles, readAdrArchive, suggestComponentLinks, type AdrFile } from '../../lib/import/adr';
import { createBundle, createCaseStudy, createDiagram } from '../../lib/model/factories';
import { plural } from '../text';
import type { CaseStudyBundle, Decision } from '../../lib/model/types';
import { backupText, loadBackup } from '../backup-file';
import type { Command } from '../command';
import { CliError, UsageError } from '../errors';
import { emit, isDirectory, listFiles, readBytes, readText, type Output } from '../io';

const MARKDOWN = /\.(md|markdown)$/i;

interface Source {
  files: AdrFile[];
  /** Named on the command line (a failure is an error), rather than found in a folder or zip. */
  explicit: boolean;
}

async function readSources(paths: readonly string[]): Promise<Source[]> {
  const sources: Source[] = [];
  for (const path of paths) {
    if (await isDirectory(path)) {
      const found = await listFiles(path, (name) => MARKDOWN.test(name));
      if (found.length === 0) throw new CliError(`${path} has no Markdown (.md) files`);
      const files: AdrFile[] = [];
      for (const file of found)
        files.push({ name: relative(path, file).split('\\').join('/'), text: await readText(file) });
      sources.push({ files, explicit: false });
    } else if (/\.zip$/i.test(path)) {
      let files: AdrFile[];
      try {
        files = readAdrArchive(await readBytes(path));
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (files.length === 0) throw new CliError(`${path} has no Markdown (.md) files`);
      sources.push({ files, explicit: false });
    } else {
      sources.push({ files: [{ name: basename(path), text: await readText(path) }], explicit: true });
    }
  }
  return sources;
}

function emptyBundle(title: string): CaseStudyBundle {
  const caseStudy = createCaseStudy({ title });
  return createBundle(caseStudy, {
    diagrams: [createDiagram({ caseStudyId: caseStudy.id, name: 'System' })],
  });
}

async function run(
  values: Record<string, string | boolean | string[] | undefined>,
  positionals: string[],
  out: Output,
): Promise<void> {
  if (positionals.length === 0)
    throw new UsageError('import-adr needs at least one ADR file, folder or .zip', 'import-adr');
  const into = typeof values.into === 'string' ? values.into : undefined;
  const title = typeof values.title === 'string' ? values.title.trim() : undefined;
  if (into && title)
    throw new UsageError('--title names a new case study; it cannot be used with --into', 'import-adr');

  const sources = await readSources(positionals);
  const base = into ? (await loadBackup(into)).bundle : emptyBundle(title || 'Imported decisions');
  const files = sources.flatMap((s) => s.files);
  const explicitNames = new Set(sources.filter((s) => s.explicit).flatMap((s) => s.files.map((f) => f.name)));

  const result = importAdrFiles(files, {
    caseStudyId: base.caseStudy.id,
    existingDecisions: base.decisions,
    lastDecisionNumber: base.caseStudy.lastDecisionNumber,
    replaceExisting: values.replace === true,
  });
  const failed = result.problems.filter((p) => explicitNames.has(p.file));
  if (failed.length > 0) {
    throw new CliError(
      `nothing was written; ${failed.length === 1 ? 'this file is' : 'these files are'} not ADRs:\n` +
        failed.map((p) => `  - ${p.message}`).join('\n'),
    );
  }
  if (result.decisions.length === 0 && result.updated.length === 0) {
    throw new CliError(
      `no decision records found${result.problems.length ? `:\n${result.problems.map((p) => `  - ${p.message}`).join('\n')}` : ''}`,
    );
  }

  const updated = new Map(result.updated.map((d) => [d.id, d]));
  let decisions: Decision[] = [...base.decisions.map((d) => updated.get(d.id) ?? d), ...result.decisions];
  const suggestions = suggestComponentLinks(decisions, base.components);
  if (values.link === true && suggestions.length > 0) {
    const links = new Map<string, string[]>();
    for (const s of suggestions) links.set(s.decisionId, [...(links.get(s.decisionId) ?? []), s.componentId]);
    decisions = decisions.map((d) =>
      links.has(d.id) ? { ...d, componentIds: [...new Set([...d.componentIds, ...links.get(d.id)!])] } : d,
    );
  }
  const bundle: CaseStudyBundle = {
    ...base,
    caseStudy: { ...base.caseStudy, lastDecisionNumber: result.lastDecisionNumber },
    decisions,
  };
  await emit(out, typeof values.out === 'string' ? values.out : undefined, backupText(bundle));

  const replaced = result.updated.length;
  out.stderr(
    `faultline: imported ${plural(result.decisions.length, 'decision')}` +
      (replaced ? ` and updated ${plural(replaced, 'existing decision')}` : '') +
      ` into "${bundle.caseStudy.title}"\n`,
  );
  for (const p of result.problems) out.stderr(`faultline: skipped ${p.message}\n`);
  for (const n of result.notices) out.stderr(`faultline: note: ${n.message}\n`);
  if (suggestions.length > 0) {
    const byId = new Map(decisions.map((d) => [d.id, d]));
    out.stderr(
      values.link === true
        ? `faultline: linked ${plural(suggestions.length, 'component')} to the decisions that name them\n`
        : `faultline: ${plural(suggestions.length, 'possible component link')} (add --link to apply):\n`,
    );
    for (const s of suggestions) {
      const d = byId.get(s.decisionId);
      out.stderr(
        `  - ${d ? `TDR-${String(d.number).padStart(3, '0')} ${d.title}` : s.decisionId}: ${s.reason}\n`,
      );
    }
  }
}

export const importAdrCommand: Command = {
  name: 'import-adr',
  summary: 'Add ADR Markdown files (MADR or classic), folders or .zip archives to a backup',
  usage: [
    'faultline import-adr <file-or-dir>... --into <backup.json> --out <backup.json>',
    'faultline import-adr <file-or-dir>... [--title T] [--out <backup.json>]',
  ],
  description: [
    'Reads MADR 2.x–4.x and classic (Status / Context / Decision / Consequences) records;',
    'a folder is searched for .md files, a .zip is unpacked. Each file becomes a decision,',
    'numbered after the case study’s highest; supersede links between files are resolved.',
    'Without --into, a new case study is made (titled --title, else "Imported decisions").',
    'Files in a folder or zip that are not ADRs (README, index, template) are skipped with a',
    'note; a file named on the command line that is not an ADR is an error.',
  ],
  options: {
    into: { type: 'string', short: 'i', description: 'backup to add the decisions to' },
    out: { type: 'string', short: 'o', description: 'where to write the new backup (default: stdout)' },
    title: { type: 'string', short: 't', description: 'title of the new case study (without --into)' },
    replace: { type: 'boolean', description: 'update decisions imported before from the same file' },
    link: { type: 'boolean', description: 'link decisions to the components their text names' },
  },
  run,
};
