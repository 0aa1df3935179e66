/** Time comes from a Clock so tests can move it and so one request sees one "now". */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** Timestamps are stored and returned as ISO 8601 UTC with milliseconds and an explicit offset. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}
