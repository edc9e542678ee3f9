import type { Command } from '../command';
import { CliError } from '../errors';
export const importMermaidCommand: Command = {
  name: 'import-mermaid',
  summary: 'Turn a Mermaid flowchart into a backup the app imports',
  usage: ['faultline import-mermaid <file.mmd> [--title T] --out <backup.json>'],
  description: [],
  options: {},
  async run() {
    throw new CliError('not yet');
  },
};
