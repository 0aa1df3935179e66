import { defineModule } from '../api-module.js';
import { portalMigrations } from './migrations/index.js';
import type { PortalDeps } from './pages/view.js';
import { portalRoutes } from './routes.js';
import { PortalSessions } from './session-service.js';

export interface PortalServices {
  readonly portalSessions: PortalSessions;
}

/**
 * The Customer Portal at /portal: server-rendered pages over the same services as the API, with
 * server-side sessions (sign-in by password and TOTP, step-up for money movements).
 */
export const portalModule = defineModule<PortalServices, PortalDeps>({
  name: 'portal',
  tables: ['portal_sessions'],
  migrations: portalMigrations,
  services: (ctx, deps) => ({ portalSessions: new PortalSessions(ctx.database, ctx.clock, deps.auth, ctx.config) }),
  publicRoutes: (scope, services, ctx) => portalRoutes(scope, services, ctx),
});
