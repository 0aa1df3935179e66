import { defineModule } from '../api-module.js';
import { AuthService } from './auth-service.js';
import { authRoutes } from './routes.js';
import { loadSigningKey } from './signing-key.js';

export interface AuthServices {
  readonly auth: AuthService;
}

/** Principals, passwords, TOTP, tokens and lockout; the login route. */
export const authModule = defineModule<AuthServices>({
  name: 'auth',
  tables: ['principals'],
  async services(ctx) {
    const signingKey = await loadSigningKey(ctx.database.db, ctx.config.jwtSecret);
    return { auth: new AuthService(ctx.database.db, ctx.clock, ctx.config, signingKey, ctx.database.reader, ctx.database.dialect === 'postgres') };
  },
  publicRoutes: (scope, services, ctx) => authRoutes(scope, services.auth, ctx),
});
