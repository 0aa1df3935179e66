import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import { BankDirectory, parseBankDirectory } from './bank-directory.js';
import { CancellationService } from './cancellation-service.js';
import { ExternalTransferService } from './external-transfer-service.js';
import { InternalTransferService } from './internal-transfer-service.js';
import { PayeesService } from './payees-service.js';
import { ReversalService } from './reversal-service.js';
import { transfersRoutes, type TransferRouteServices } from './routes.js';

export type TransfersServices = TransferRouteServices;

/** The bundled, clearly sample, bank directory (two levels above src/transfers/ and dist/transfers/). */
const SAMPLE_BANK_DIRECTORY = new URL('../../resources/bank-directory.sample.json', import.meta.url);

/** Internal and external transfers, payees, the bank directory, cancellation and inbound reversal. */
export const transfersModule = defineModule<TransfersServices, AccountsServices>({
  name: 'transfers',
  tables: ['payees', 'transfer_fees', 'cancellation_requests'],
  services(ctx, deps) {
    const { config, database, clock } = ctx;
    const directoryPath = config.bankDirectoryPath === null ? SAMPLE_BANK_DIRECTORY : resolve(ctx.cwd, config.bankDirectoryPath);
    const bankDirectory = new BankDirectory(parseBankDirectory(readFileSync(directoryPath, 'utf8')));
    return {
      internalTransfers: new InternalTransferService(database, clock, deps.accounts),
      externalTransfers: new ExternalTransferService(database, clock, deps.accounts, bankDirectory, deps.screening),
      bankDirectory,
      payees: new PayeesService(database, clock, deps.accounts),
      cancellations: new CancellationService(database, clock),
      reversals: new ReversalService(database, clock),
    };
  },
  routes: (scope, services, ctx) => transfersRoutes(scope, services, ctx),
});
