import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { ledgerJournals } from './0006-ledger-journals.js';

/** The ledger's migrations since the module slices. */
export function ledgerMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0006-ledger-journals': ledgerJournals(dialect) };
}
