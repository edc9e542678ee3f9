import type { Output } from './io';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
}

/** One `faultline <name>` command: its help text, its options and what it does. */
export interface Command {
  name: string;
  summary: string;
  usage: string[];
  description: string[];
  options: Record<string, OptionSpec>;
  run: (
    values: Record<string, string | boolean | string[] | undefined>,
    positionals: string[],
    out: Output,
  ) => Promise<number | void>;
}
