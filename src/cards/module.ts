import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import type { VaultServices } from '../vault/index.js';
import { CardAuthorizationsService, onCardHoldExpired } from './card-authorizations-service.js';
import { CardDocumentsService } from './card-documents-service.js';
import { SimulatedCardNetwork } from './card-network.js';
import { CardReadsService } from './card-reads-service.js';
import { CardTransfersService } from './card-transfers-service.js';
import { cardsMigrations } from './migrations/index.js';
import { CardsService } from './cards-service.js';
import { cardSimulationRoutes, cardsRoutes, type CardRouteServices } from './routes.js';

export type CardsServices = CardRouteServices;

/** US cents to ledger units (scale 18). */
const centsToUnits = (cents: number) => BigInt(cents) * 10n ** 16n;

/**
 * Top-up cards: each a USD ledger account of its own, money moved to and from the customers' USD
 * accounts and between cards, purchases as holds from the card network (the simulator is the one
 * network), card data sealed by the vault, PINs hashed, and the sandbox's network simulations.
 */
export const cardsModule = defineModule<CardsServices, AccountsServices & VaultServices>({
  name: 'cards',
  tables: ['cards', 'card_transactions', 'card_authorizations', 'card_sensitive_reads'],
  migrations: cardsMigrations,
  services(ctx, deps) {
    const { config, database, clock } = ctx;
    const network = new SimulatedCardNetwork();
    const documents = new CardDocumentsService(database, clock);
    return {
      cards: new CardsService(database, clock, network, deps.cardVault, {
        cardsPerCustomerMax: config.cardsPerCustomerMax,
        ddaIssueFeeUnits: centsToUnits(config.cardDdaIssueFeeCents),
        pinFailuresMax: config.cardPinFailuresMax,
      }),
      cardReads: new CardReadsService(database, clock, deps.cardVault, (customersId) => documents.uploadedTypes(customersId)),
      cardDocuments: documents,
      cardTransfers: new CardTransfersService(database, clock, deps.accounts, centsToUnits(config.cardTransferFeeCents)),
      cardAuthorizations: new CardAuthorizationsService(database, clock, {
        authorizationTtlHours: config.cardAuthorizationTtlHours,
        authorizationLimitUnits: centsToUnits(config.cardAuthorizationLimitCents),
      }),
    };
  },
  onHoldExpired: onCardHoldExpired,
  routes: (scope, services, ctx) => cardsRoutes(scope, services, ctx),
  sandboxRoutes: (scope, services) => cardSimulationRoutes(scope, services),
});
