import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { exchanges } from './0016-exchanges.js';

/** The crypto exchanges module's migrations. */
export function exchangesMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0016-exchanges': exchanges(dialect) };
}
