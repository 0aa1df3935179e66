import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { cryptoWallets } from './0010-crypto-wallets.js';

/** The wallets module's migrations. */
export function walletsMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0010-crypto-wallets': cryptoWallets(dialect) };
}
