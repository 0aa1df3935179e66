import { AccountsService, CryptoService, DepositAddresses, TransactionsService } from './accounts/index.js';
import { ManageesService } from './managees/index.js';
import { SimulationsService } from './simulations/index.js';
import {
  BankDirectory,
  CancellationService,
  ExternalTransferService,
  InternalTransferService,
  parseBankDirectory,
  PayeesService,
  ReversalService,
} from './transfers/index.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuthService, loadSigningKey } from './auth/index.js';
import type { Config } from './config/config.js';
import { parseDatabaseUrl } from './db/database-target.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase, type DatabaseHandle } from './db/open-database.js';
import { systemClock, type Clock } from './shared/clock.js';

/** Everything a command needs: the database (migrated) and the services over it. */
export interface Runtime {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly auth: AuthService;
  readonly accounts: AccountsService;
  readonly transactions: TransactionsService;
  readonly crypto: CryptoService;
  readonly simulations: SimulationsService;
  readonly managees: ManageesService;
  readonly payees: PayeesService;
  readonly internalTransfers: InternalTransferService;
  readonly externalTransfers: ExternalTransferService;
  readonly cancellations: CancellationService;
  readonly reversals: ReversalService;
  readonly bankDirectory: BankDirectory;
  close(): Promise<void>;
}

export const DATABASE_POOL_SIZE_MAX = 10;
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
export const SQLITE_GROUP_COMMIT_SIZE_MAX = 64;
/** The bundled, clearly sample, bank directory (one level above src/ or dist/). */
const SAMPLE_BANK_DIRECTORY = new URL('../resources/bank-directory.sample.json', import.meta.url);

export async function openRuntime(config: Config, cwd: string, clock: Clock = systemClock): Promise<Runtime> {
  const database = openDatabase(parseDatabaseUrl(config.databaseUrl, cwd), {
    poolSizeMax: DATABASE_POOL_SIZE_MAX,
    busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
    groupCommitSizeMax: SQLITE_GROUP_COMMIT_SIZE_MAX,
  });
  try {
    await migrateToLatest(database);
    const signingKey = await loadSigningKey(database.db, config.jwtSecret);
    const auth = new AuthService(database.db, clock, config, signingKey, database.reader);
    const accounts = new AccountsService(database, clock, config);
    const transactions = new TransactionsService(database, accounts);
    const addresses = new DepositAddresses(database.db, {
      network: config.mode === 'sandbox' ? 'testnet' : 'mainnet',
      configuredXpubs: {
        ...(config.cryptoXpubBitcoin === null ? {} : { bitcoin: config.cryptoXpubBitcoin }),
        ...(config.cryptoXpubEthereum === null ? {} : { ethereum: config.cryptoXpubEthereum }),
      },
    });
    const crypto = new CryptoService(database, clock, accounts, addresses);
    const simulations = new SimulationsService(database, clock, accounts, crypto);
    const managees = new ManageesService(database, clock, {
      documentSizeMaxBytes: config.documentSizeMaxBytes,
      verificationLinkBase: config.mode === 'sandbox' ? config.publicBaseUrl : null,
    });
    return {
      config,
      database,
      clock,
      auth,
      accounts,
      transactions,
      crypto,
      simulations,
      managees,
      payees: new PayeesService(database, clock, accounts),
      internalTransfers: new InternalTransferService(database, clock, accounts),
      externalTransfers: new ExternalTransferService(database, clock, accounts),
      cancellations: new CancellationService(database, clock),
      reversals: new ReversalService(database, clock),
      bankDirectory: new BankDirectory(parseBankDirectory(readFileSync(config.bankDirectoryPath === null ? SAMPLE_BANK_DIRECTORY : resolve(cwd, config.bankDirectoryPath), 'utf8'))),
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
