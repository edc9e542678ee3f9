import type { Command } from '../command';
import { CliError } from '../errors';
export const importAdrCommand: Command = {
  name: 'import-adr',
  summary: 'Turn a Mermaid flowchart into a backup the app imports',
  usage: ['faultline import-adr <file.mmd> [--title T] --out <backup.json>'],
  description: [],
  options: {},
  async run() {
    throw new CliError('not yet');
  },
};
