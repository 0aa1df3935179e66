/**
 * Exponential backoff with jitter: the n-th retry waits about initial × 2^(n−1), spread ±25 % so
 * many callbacks that failed together do not retry together. Capped at one hour per wait.
 */
export const RETRY_DELAY_CAP_MS = 3_600_000;

export function retryDelayMs(attemptsMade: number, initialMs: number, random: () => number = Math.random): number {
  const base = Math.min(initialMs * 2 ** Math.max(0, attemptsMade - 1), RETRY_DELAY_CAP_MS);
  return Math.round(base * (0.75 + random() * 0.5));
}
