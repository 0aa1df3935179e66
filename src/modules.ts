import { accountsModule } from './accounts/module.js';
import type { ApiModule, ModuleContext } from './api-module.js';
import { authModule } from './auth/module.js';
import { cardsModule } from './cards/module.js';
import { callbacksModule } from './callbacks/module.js';
import { customersModule } from './customers/module.js';
import { exchangesModule } from './exchanges/module.js';
import { fxModule } from './fx/module.js';
import type { HoldExpiredHandler } from './ledger/index.js';
import { ledgerModule } from './ledger/module.js';
import { portalModule } from './portal/module.js';
import { marketsModule } from './markets/module.js';
import { simulationsModule } from './simulations/module.js';
import { transfersModule } from './transfers/module.js';
import { rfisModule } from './rfis/module.js';
import { walletsModule } from './wallets/module.js';
import { businessModule } from './business/module.js';
import { documentsModule } from './documents/module.js';
import { vaultModule } from './vault/module.js';
import { quickbuyModule } from './quickbuy/module.js';

/**
 * The manifest: every module, in the order their services are built (a module's services may use
 * those of the modules above it). Adding a module is a folder and one line here.
 */
// prettier-ignore
export const MODULES = [
  ledgerModule,       // journals, legs, balances, holds (no routes)
  callbacksModule,    // the outbox and its delivery (no routes)
  vaultModule,        // card data encrypted at rest (no tables, no routes)
  documentsModule,    // uploaded documents of every module (no routes)
  authModule,         // principals, login
  accountsModule,     // asset accounts, transaction rows, crypto deposit addresses and withdrawals
  customersModule,    // customers, managees, KYC, who may reach whom
  transfersModule,    // internal and external transfers, payees, cancellation, reversal
  simulationsModule,  // sandbox money drivers
  marketsModule,      // pairs, prices, quotes, settlement against the house
  exchangesModule,    // crypto exchanges: buy, sell, confirm, approve
  fxModule,           // foreign currency exchange
  rfisModule,         // information requests about held items; compliance decisions
  walletsModule,      // saved crypto wallets, v2 withdrawals
  businessModule,     // business onboarding (KYB), businesses as managees
  cardsModule,        // top-up cards, their money and the (simulated) card network
  quickbuyModule,     // Quick Buy API, QuickBuy Pro, the payment page and widget
  portalModule,       // the Customer Portal at /portal (pages over the services above)
] as const;

/** What each module does when the ledger's expiry sweep releases a hold (see ApiModule.onHoldExpired). */
export function holdExpiredHandlers(): HoldExpiredHandler[] {
  return (MODULES as readonly ApiModule<object, object>[]).flatMap((m) => (m.onHoldExpired === undefined ? [] : [m.onHoldExpired]));
}

type ServicesOf<M> = M extends ApiModule<infer S, never> ? S : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every module's services, by name (what routes, the CLI and tests reach). */
export type Services = Intersection<ServicesOf<(typeof MODULES)[number]>>;

/** Builds each module's services in manifest order, each from the ones built before it. */
export async function buildServices(ctx: ModuleContext): Promise<Services> {
  let services: object = {};
  for (const module of MODULES as readonly ApiModule<object, object>[]) {
    if (module.services !== undefined) services = { ...services, ...(await module.services(ctx, services)) };
  }
  return services as Services;
}
