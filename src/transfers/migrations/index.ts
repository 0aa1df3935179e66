import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { payeeLinksCardPayees } from './0011-payee-links-card-payees.js';

/** The transfers module's migrations since the module slices. */
export function transfersMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0011-payee-links-card-payees': payeeLinksCardPayees(dialect) };
}
