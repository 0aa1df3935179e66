import { defineModule } from '../api-module.js';
import { registerSecretSource } from '../callbacks/index.js';
import type { MarketsServices } from '../markets/index.js';
import type { VaultServices } from '../vault/index.js';
import { findLiveKey, keySecret } from './api-keys.js';
import { QuickBuyApiService } from './api-service.js';
import { QUICKBUY_SECRET_SOURCE as KEYS_SECRET_SOURCE } from './quickbuy-callbacks.js';
import { QuickBuyKeysService } from './keys-service.js';
import { quickbuyMigrations } from './migrations/index.js';
import { PaymentService } from './payment-service.js';
import { proRoutes } from './pro/routes.js';
import { ProService } from './pro-service.js';
import { quickBuyRoutes } from './routes.js';
import { QuickBuySettlement } from './settlement.js';

export interface QuickBuyServices {
  readonly quickbuyPro: ProService;
  readonly quickbuyPayments: PaymentService;
  readonly quickbuyApi: QuickBuyApiService;
  readonly quickbuySettlement: QuickBuySettlement;
  readonly quickbuyKeys: QuickBuyKeysService;
}

/**
 * QuickBuy: the Quick Buy API (principal token), QuickBuy Pro (API keys, its own envelope), the
 * hosted payment page and the widget, the settlement of paid orders and their signed callbacks.
 */
export const quickbuyModule = defineModule<QuickBuyServices, MarketsServices & VaultServices>({
  name: 'quickbuy',
  tables: ['quickbuy_api_keys', 'quickbuy_orders', 'quickbuy_customers', 'quickbuy_cards', 'quickbuy_form_tokens'],
  migrations: quickbuyMigrations,
  services(ctx, deps) {
    const { database, clock, config } = ctx;
    const vault = deps.cardVault;
    // The callback worker signs QuickBuy callbacks with the order's key's secret, looked up at delivery.
    registerSecretSource(database.db, KEYS_SECRET_SOURCE, async (db, ref) => {
      const key = await findLiveKey(db, ref);
      return key === undefined ? null : keySecret(vault, key);
    });
    const payments = new PaymentService(database, clock, deps.markets, vault, config);
    return {
      quickbuyPro: new ProService(database, clock, deps.markets, config),
      quickbuyPayments: payments,
      quickbuyApi: new QuickBuyApiService(database, clock, deps.markets, vault, payments, config),
      quickbuySettlement: new QuickBuySettlement(database, clock, config),
      quickbuyKeys: new QuickBuyKeysService(database, clock, vault, config),
    };
  },
  publicRoutes: (scope, services, ctx) => proRoutes(scope, { pro: services.quickbuyPro, payments: services.quickbuyPayments }, ctx),
  routes: (scope, services, ctx) => quickBuyRoutes(scope, services.quickbuyApi, ctx),
});
