import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../../auth/index.js';
import { success } from '../envelope.js';
import { envelopeOf, ErrorEnvelope } from '../route-schema.js';
import { StringField } from '../schema-types.js';

const LoginBody = Type.Object({
  username: StringField({ maxLength: 100 }),
  password: StringField({ maxLength: 256 }),
  otp: StringField({ maxLength: 10, description: 'The current TOTP; a code that logged in once cannot log in again.' }),
});

interface LoginRequest {
  username: string;
  password: string;
  otp: string;
}

/** POST /api/v1/public/auth/login — the only route without a token. */
export function loginRoute(app: FastifyInstance, auth: AuthService): void {
  app.post<{ Body: LoginRequest }>(
    '/api/v1/public/auth/login',
    {
      schema: {
        tags: ['Authentication'],
        summary: 'Log in with username, password and TOTP',
        body: LoginBody,
        response: { 200: envelopeOf(Type.Object({ accessToken: Type.String(), expiresIn: Type.Integer() })), '4xx': ErrorEnvelope },
      },
    },
    async (request) => success(await auth.login(request.body.username, request.body.password, request.body.otp)),
  );
}
