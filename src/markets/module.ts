import { defineModule } from '../api-module.js';
import { MarketsService } from './markets-service.js';
import { marketsMigrations } from './migrations/index.js';
import { marketsSandboxRoutes } from './routes.js';

export interface MarketsServices {
  readonly markets: MarketsService;
}

/** Trading pairs, the operator's prices, quotes and trade settlement against the house (used by exchanges, FX and later QuickBuy). */
export const marketsModule = defineModule<MarketsServices>({
  name: 'markets',
  tables: ['market_pairs', 'market_prices', 'trade_quotes'],
  migrations: marketsMigrations,
  services: (ctx) => ({ markets: new MarketsService(ctx.database, ctx.clock, ctx.config) }),
  sandboxRoutes: (scope, services) => marketsSandboxRoutes(scope, services.markets),
});
