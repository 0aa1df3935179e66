import { ErrorEnvelope, envelopeOf } from '../shared/contract-envelope.js';
import { success } from '../http/envelope.js';
import { rateLimitPerMinute } from '../http/rate-limit.js';
import type { RouteScope } from '../http/type-provider.js';
import type { ModuleContext } from '../api-module.js';
import type { AuthService } from './auth-service.js';
import { AccessTokenDetails, LoginBody } from './contract.js';

/** POST /api/v1/public/auth/login — the only route without a token; rate-limited per client address. */
export function authRoutes(app: RouteScope, auth: AuthService, ctx: ModuleContext): void {
  rateLimitPerMinute(app, ctx.config.loginRatePerMinute, () => ctx.clock.nowMs());
  app.post(
    '/api/v1/public/auth/login',
    {
      schema: {
        tags: ['Authentication'],
        summary: 'Log in with username, password and TOTP',
        body: LoginBody,
        response: { 200: envelopeOf(AccessTokenDetails), '4xx': ErrorEnvelope },
      },
    },
    async (request) => success(await auth.login(request.body.username, request.body.password, request.body.otp)),
  );
}
