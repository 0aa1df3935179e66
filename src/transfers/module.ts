import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AccountsServices } from '../accounts/index.js';
import type { VaultServices } from '../vault/index.js';
import { CardPayeesService } from './card-payees-service.js';
import { CardPayoutService } from './card-payout-service.js';
import { defineModule } from '../api-module.js';
import { BankDirectory, parseBankDirectory } from './bank-directory.js';
import { CancellationService } from './cancellation-service.js';
import { ExternalTransferService } from './external-transfer-service.js';
import { InternalTransferService } from './internal-transfer-service.js';
import { PayeesService } from './payees-service.js';
import { AchPullService } from './ach-pull-service.js';
import { transfersMigrations } from './migrations/index.js';
import { ReversalService } from './reversal-service.js';
import { transfersRoutes, type TransferRouteServices } from './routes.js';

export type TransfersServices = TransferRouteServices;

/** The bundled, clearly sample, bank directory (two levels above src/transfers/ and dist/transfers/). */
const SAMPLE_BANK_DIRECTORY = new URL('../../resources/bank-directory.sample.json', import.meta.url);

/** Internal and external transfers, payees, the bank directory, cancellation and inbound reversal. */
export const transfersModule = defineModule<TransfersServices, AccountsServices & VaultServices>({
  name: 'transfers',
  tables: ['payees', 'transfer_fees', 'cancellation_requests', 'card_payees'],
  migrations: transfersMigrations,
  services(ctx, deps) {
    const { config, database, clock } = ctx;
    const directoryPath = config.bankDirectoryPath === null ? SAMPLE_BANK_DIRECTORY : resolve(ctx.cwd, config.bankDirectoryPath);
    const bankDirectory = new BankDirectory(parseBankDirectory(readFileSync(directoryPath, 'utf8')));
    return {
      internalTransfers: new InternalTransferService(database, clock, {
        batchSizeMax: config.transferBatchSizeMax,
        batchesInFlightMax: config.transferBatchesInFlightMax,
      }),
      externalTransfers: new ExternalTransferService(database, clock, deps.accounts, bankDirectory, deps.screening),
      bankDirectory,
      payees: new PayeesService(database, clock, deps.accounts, config.mode === 'sandbox'),
      cardPayees: new CardPayeesService(database, clock, deps.cardVault, { cardPayeesPerCustomerMax: config.cardPayeesPerCustomerMax }),
      cardPayouts: new CardPayoutService(database, clock, deps.accounts),
      achPulls: new AchPullService(database, clock, deps.accounts, { achPullAmountMaxUsd: config.achPullAmountMaxUsd }),
      cancellations: new CancellationService(database, clock),
      reversals: new ReversalService(database, clock),
    };
  },
  routes: (scope, services, ctx) => transfersRoutes(scope, services, ctx),
});
