import type { FastifyInstance } from 'fastify';
import { DomainError } from '../shared/domain-error.js';

/** Addresses tracked at most; past this the oldest windows are dropped (memory stays bounded). */
export const RATE_LIMIT_TRACKED_MAX = 10_000;
const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per client address, in memory (per process), for routes that must not
 * be hammered — the login, where a guesser would otherwise try passwords as fast as the hash
 * allows. Above the limit: 429 `Too_Many_Requests` with `Retry-After`.
 */
export function rateLimitPerMinute(scope: FastifyInstance, limitPerMinute: number, nowMs: () => number): void {
  const windows = new Map<string, { start: number; count: number }>();
  scope.addHook('onRequest', async (request, reply) => {
    const now = nowMs();
    const key = request.ip;
    let window = windows.get(key);
    if (window === undefined || now - window.start >= WINDOW_MS) {
      windows.delete(key);
      if (windows.size >= RATE_LIMIT_TRACKED_MAX) windows.delete(windows.keys().next().value as string);
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limitPerMinute) {
      reply.header('retry-after', String(Math.ceil((window.start + WINDOW_MS - now) / 1000)));
      throw new DomainError('Too_Many_Requests');
    }
  });
}
