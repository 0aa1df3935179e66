import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { quickbuy } from './0020-quickbuy.js';

/** The QuickBuy module's migrations. */
export function quickbuyMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0020-quickbuy': quickbuy(dialect) };
}
