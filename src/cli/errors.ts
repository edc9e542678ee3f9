/** Exit codes: 0 success, 1 the input is invalid or a command failed, 2 the command line is wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A failure the user can act on: printed as `faultline: <message>` with no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A wrong command line: the message, then a pointer to the command's help. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command: string | null,
  ) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}
