import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { fxExchanges } from './0018-fx-exchanges.js';

/** The FX module's migrations. */
export function fxMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0018-fx-exchanges': fxExchanges(dialect) };
}
