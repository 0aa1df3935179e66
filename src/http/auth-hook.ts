import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../auth/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated principal's customer id; set by the auth hook on protected routes. */
    principalCustomersId: number;
  }
}

function headerText(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Protects every route registered inside `scope`: a valid bearer token and the current TOTP in the
 * `otp` header, checked before the body is even parsed, so an anonymous caller learns nothing.
 */
export function requireAuthentication(scope: FastifyInstance, auth: AuthService): void {
  scope.decorateRequest('principalCustomersId', 0);
  scope.addHook('onRequest', async (request) => {
    request.principalCustomersId = await auth.authenticate(headerText(request, 'authorization'), headerText(request, 'otp'));
  });
}
