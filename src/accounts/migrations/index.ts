import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { screeningReview } from './0015-screening-review.js';
import { transactionOrder } from './0021-transaction-order.js';

/** The accounts module's migrations since the module slices. */
export function accountsMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0015-screening-review': screeningReview(dialect), '0021-transaction-order': transactionOrder(dialect) };
}
