import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';

/**
 * Payees learn whether their bank account is linked (`b_verified`: ACH pulls draw only on those),
 * and Visa Direct card payees get their table (the card number sealed by the vault, last 4 in clear).
 */
export function payeeLinksCardPayees(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('payees')
        .addColumn('b_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('card_payees')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('card_sealed', 'text', (c) => c.notNull())
        .addColumn('last_four', 'text', (c) => c.notNull())
        .addColumn('expiry_month', 'integer', (c) => c.notNull())
        .addColumn('expiry_year', 'integer', (c) => c.notNull())
        .addColumn('country_code', 'text', (c) => c.notNull())
        .addColumn('b_deleted', 'integer', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('card_payees_customer_idx').on('card_payees').columns(['customers_id', 'id']).execute();
      await startIdsAfter(db, dialect, 'card_payees', 8000);
    },
  };
}
