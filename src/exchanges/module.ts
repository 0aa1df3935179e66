import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import type { MarketsServices } from '../markets/index.js';
import { ExchangesService } from './exchanges-service.js';
import { exchangesMigrations } from './migrations/index.js';
import { exchangesRoutes } from './routes.js';

export interface ExchangesServices {
  readonly exchanges: ExchangesService;
}

/** Crypto exchanges: buys, sells (held, confirmed), approval by the operator, the RFI seam. */
export const exchangesModule = defineModule<ExchangesServices, AccountsServices & MarketsServices>({
  name: 'exchanges',
  tables: ['exchanges'],
  migrations: exchangesMigrations,
  services: (ctx, deps) => ({ exchanges: new ExchangesService(ctx.database, ctx.clock, deps.markets, ctx.config) }),
  routes: (scope, services, ctx) => exchangesRoutes(scope, services, ctx),
});
