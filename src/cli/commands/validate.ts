/** `faultline validate`: is this a backup the app's "Import backup" accepts? */
import { parseBackup } from '../../lib/model/backup';
import { UsageError, EXIT_FAILED, EXIT_OK } from '../errors';
import { readText } from '../io';
import type { Command } from '../command';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

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
      out.stderr(`${file}: not a valid Faultline backup (${count(parsed.errors.length, 'problem')}):\n`);
      for (const e of parsed.errors) out.stderr(`  - ${e}\n`);
      return EXIT_FAILED;
    }
    const b = parsed.bundle;
    out.stdout(
      `${file}: valid Faultline backup of "${b.caseStudy.title}": ${count(b.diagrams.length, 'diagram')}, ` +
        `${count(b.components.length, 'component')}, ${count(b.boundaries.length, 'boundary', 'boundaries')}, ` +
        `${count(b.connections.length, 'connection')}, ${count(b.decisions.length, 'decision')}, ` +
        `${count(b.tables.length, 'table')}, ${count(b.metrics.length, 'metric')}, ${count(b.flows.length, 'flow')}\n`,
    );
    for (const note of parsed.notes) out.stderr(`faultline: note: ${note}\n`);
    return EXIT_OK;
  },
};
