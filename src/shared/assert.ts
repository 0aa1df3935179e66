/** Assertions guard against bugs, never against bad input: a failed one aborts the work with a 500. */
export class AssertionError extends Error {}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(`assertion failed: ${message}`);
}
