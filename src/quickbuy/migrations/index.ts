import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { quickbuy } from './0031-quickbuy.js';

/** The QuickBuy module's migrations. */
export function quickbuyMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0031-quickbuy': quickbuy(dialect) };
}
