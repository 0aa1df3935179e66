import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { screeningReview } from './0015-screening-review.js';
import { transactionPositions } from './0021-transaction-positions.js';

/** The accounts module's migrations since the module slices. */
export function accountsMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0015-screening-review': screeningReview(dialect), '0021-transaction-positions': transactionPositions(dialect) };
}
