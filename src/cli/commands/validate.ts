/** `faultline validate`: is this a backup the app's "Import backup" accepts? */
import { parseBackup } from '../../lib/model/backup';
import { UsageError, EXIT_FAILED, EXIT_OK } from '../errors';
import { readText } from '../io';
import type { Command } from '../command';
import { plural } from '../text';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a backup file; list every problem with its JSON path',
  usage: ['faultline validate <backup.json>'],
  description: [
    'Exit status 0 when the file is a valid Faultline backup (what it holds goes to standard',
    'output); otherwise 1, with every problem and its JSON path on standard error.',
  ],
  options: {},
  async run(_values, positionals, out) {
    const [file, ...rest] = positionals;
    if (!file) throw new UsageError('validate needs a backup file', 'validate');
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, 'validate');
    const parsed = parseBackup(await readText(file));
    if (!parsed.ok) {
      out.stderr(`${file}: not a valid Faultline backup (${plural(parsed.errors.length, 'problem')}):\n`);
      for (const e of parsed.errors) out.stderr(`  - ${e}\n`);
      return EXIT_FAILED;
    }
    const b = parsed.bundle;
    out.stdout(
      `${file}: valid Faultline backup of "${b.caseStudy.title}": ${plural(b.diagrams.length, 'diagram')}, ` +
        `${plural(b.components.length, 'component')}, ${plural(b.boundaries.length, 'boundary', 'boundaries')}, ` +
        `${plural(b.connections.length, 'connection')}, ${plural(b.decisions.length, 'decision')}, ` +
        `${plural(b.tables.length, 'table')}, ${plural(b.metrics.length, 'metric')}, ${plural(b.flows.length, 'flow')}\n`,
    );
    for (const note of parsed.notes) out.stderr(`faultline: note: ${note}\n`);
    return EXIT_OK;
  },
};
