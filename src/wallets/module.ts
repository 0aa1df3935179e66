import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import { walletsMigrations } from './migrations/index.js';
import { walletsRoutes } from './routes.js';
import { WalletsService } from './wallets-service.js';

export interface WalletsServices {
  readonly wallets: WalletsService;
}

/** Saved crypto wallets and the v2 withdrawals (which are the accounts module's withdrawals). */
export const walletsModule = defineModule<WalletsServices, AccountsServices>({
  name: 'wallets',
  tables: ['crypto_wallets'],
  migrations: walletsMigrations,
  services: (ctx, deps) => ({ wallets: new WalletsService(ctx.database, ctx.clock, deps.crypto, { walletsPerCustomerMax: ctx.config.walletsPerCustomerMax }) }),
  routes: (scope, services, ctx) => walletsRoutes(scope, services.wallets, ctx),
});
