import type { Clock } from '../shared/clock.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The time commands that open the database see (the system clock when absent). */
  readonly clock?: Clock;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A command's failure with a message for the user and an exit code (2: usage or configuration). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
