/**
 * `faultline`: the case-study pipeline without a browser. Each command reads and writes the
 * same files as the app (backups, Mermaid, Markdown, ADRs) through the same pure modules.
 *
 *   faultline <command> [options]     faultline <command> --help     faultline --help
 */
import { parseArgs } from 'node:util';
import type { Command } from './command';
import { exportCommand } from './commands/export';
import { importAdrCommand } from './commands/import-adr';
import { importMermaidCommand } from './commands/import-mermaid';
import { validateCommand } from './commands/validate';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { processOutput, type Output } from './io';

export const COMMANDS: readonly Command[] = [
  exportCommand,
  importMermaidCommand,
  importAdrCommand,
  validateCommand,
];

function optionLines(command: Command): string[] {
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
    return [flag, spec.description] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

export function commandHelp(command: Command): string {
  return [
    `faultline ${command.name}: ${command.summary}`,
    '',
    'Usage:',
    ...command.usage.map((u) => `  ${u}`),
    '',
    ...command.description.map((d) => `  ${d}`),
    '',
    'Options:',
    ...optionLines(command),
    '',
  ].join('\n');
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'faultline: export and import Faultline case studies without a browser',
    '',
    'Usage: faultline <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `faultline <command> --help` for a command's options.",
    'Exit status: 0 success, 1 invalid input or failed command, 2 wrong command line.',
    '',
  ].join('\n');
}

function usageMessage(error: UsageError): string {
  const hint = error.command ? `faultline ${error.command} --help` : 'faultline --help';
  return `faultline: ${error.message}\nRun \`${hint}\` for usage.\n`;
}

/** Run one command line; returns the exit status (never throws, never exits the process). */
export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    out.stdout(topic ? commandHelp(topic) : mainHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command)
      throw new UsageError(
        `unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
        null,
      );
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: {
          ...Object.fromEntries(
            Object.entries(command.options).map(([key, spec]) => [
              key,
              {
                type: spec.type,
                ...(spec.short ? { short: spec.short } : {}),
                ...(spec.multiple ? { multiple: true } : {}),
              },
            ]),
          ),
          help: { type: 'boolean', short: 'h' },
        },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      // Node's messages name the option: "Unknown option '--fromat'", "Option '--out <value>' argument missing".
      throw new UsageError(
        (e instanceof Error ? e.message : String(e)).replace(/\.\s*To specify.*$/s, ''),
        command.name,
      );
    }
    if (parsed.values.help) {
      out.stdout(commandHelp(command));
      return EXIT_OK;
    }
    const code = await command.run(parsed.values, parsed.positionals, out);
    return code ?? EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(usageMessage(e));
      return EXIT_USAGE;
    }
    if (e instanceof CliError) {
      out.stderr(`faultline: ${e.message}\n`);
      return e.exitCode;
    }
    out.stderr(`faultline: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_FAILED;
  }
}
