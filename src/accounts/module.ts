import { defineModule } from '../api-module.js';
import { AccountsService } from './accounts-service.js';
import { CryptoService } from './crypto-service.js';
import { DepositAddresses } from './deposit-addresses.js';
import { transactionReviewHandler, TRANSACTION_ITEM_KIND } from './flagged-transactions.js';
import { accountsMigrations } from './migrations/index.js';
import { ScreeningService } from './screening-service.js';
import { accountsRoutes } from './routes.js';
import { TransactionsService } from './transactions-service.js';

export interface AccountsServices {
  readonly accounts: AccountsService;
  readonly transactions: TransactionsService;
  readonly crypto: CryptoService;
  /** The block list, the flagging rules, held items and the registry of item kinds. */
  readonly screening: ScreeningService;
}

/** Asset accounts, the API's transaction rows, crypto deposit addresses and withdrawals, screening. */
export const accountsModule = defineModule<AccountsServices>({
  name: 'accounts',
  tables: ['assets', 'accounts', 'transactions', 'screening_blocklist', 'screening_rules', 'screening_flags'],
  migrations: (dialect) => accountsMigrations(dialect),
  services(ctx) {
    const { config, database, clock } = ctx;
    const accounts = new AccountsService(database, clock, config);
    const addresses = new DepositAddresses(database.db, {
      network: config.mode === 'sandbox' ? 'testnet' : 'mainnet',
      configuredXpubs: {
        ...(config.cryptoXpubBitcoin === null ? {} : { bitcoin: config.cryptoXpubBitcoin }),
        ...(config.cryptoXpubEthereum === null ? {} : { ethereum: config.cryptoXpubEthereum }),
      },
    });
    const screening = new ScreeningService();
    screening.registerKind(TRANSACTION_ITEM_KIND, transactionReviewHandler(database.dialect));
    return {
      accounts,
      transactions: new TransactionsService(database, accounts),
      crypto: new CryptoService(database, clock, accounts, addresses, screening),
      screening,
    };
  },
  routes: (scope, services, ctx) => accountsRoutes(scope, services, ctx),
});
