import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import type { MarketsServices } from '../markets/index.js';
import { FxService } from './fx-service.js';
import { fxMigrations } from './migrations/index.js';
import { fxRoutes } from './routes.js';

export interface FxServices {
  readonly fx: FxService;
}

/** Foreign currency exchange: fiat to fiat by binding quotes. */
export const fxModule = defineModule<FxServices, AccountsServices & MarketsServices>({
  name: 'fx',
  tables: ['fx_exchanges'],
  migrations: fxMigrations,
  services: (ctx, deps) => ({ fx: new FxService(ctx.database, ctx.clock, deps.markets, ctx.config) }),
  routes: (scope, services, ctx) => fxRoutes(scope, services, ctx),
});
