import { Type } from '@sinclair/typebox';
import type { FastifySchema } from 'fastify';

/** Adds what every protected route documents: the bearer scheme and the `otp` header. */
export function protectedRoute<S extends FastifySchema & { tags?: string[]; summary?: string; description?: string }>(schema: S): S {
  return {
    ...schema,
    security: [{ bearer: [] }],
    headers: Type.Object({ otp: Type.String({ description: 'The current TOTP (6 digits, 30 s step) from the shared secret.' }) }),
  };
}
