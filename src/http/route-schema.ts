import type { FastifySchema } from 'fastify';

/**
 * Adds what every protected route documents: the bearer token and the `otp` header, both as security
 * schemes (required together), so /docs asks for them once rather than in every operation. The auth
 * hook checks both before anything else runs.
 */
export function protectedRoute<S extends FastifySchema & { tags?: string[]; summary?: string; description?: string }>(schema: S): S {
  return { ...schema, security: [{ bearer: [], otp: [] }] };
}
