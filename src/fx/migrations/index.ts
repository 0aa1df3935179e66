import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { fxExchanges } from './0022-fx-exchanges.js';

/** The FX module's migrations. */
export function fxMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0022-fx-exchanges': fxExchanges(dialect) };
}
