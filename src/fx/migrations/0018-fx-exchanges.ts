import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, moneyColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';

/** Executed foreign exchanges: one row per executed FX quote (the quote id is unique). */
export function fxExchanges(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  const money = moneyColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('fx_exchanges')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('quotes_id', id, (c) => c.notNull().unique())
        .addColumn('customers_id', id, (c) => c.notNull())
        .addColumn('principal_customers_id', id, (c) => c.notNull())
        .addColumn('source_asset', 'text', (c) => c.notNull())
        .addColumn('destination_asset', 'text', (c) => c.notNull())
        .addColumn('source_amount', money, (c) => c.notNull())
        .addColumn('destination_amount', money, (c) => c.notNull())
        .addColumn('rate', money, (c) => c.notNull())
        .addColumn('fee', money, (c) => c.notNull())
        .addColumn('source_accounts_id', id, (c) => c.notNull())
        .addColumn('destination_accounts_id', id, (c) => c.notNull())
        .addColumn('from_transactions_id', id, (c) => c.notNull())
        .addColumn('to_transactions_id', id, (c) => c.notNull())
        .addColumn('fee_transactions_id', id)
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fx_exchanges_principal_idx').on('fx_exchanges').columns(['principal_customers_id', 'id']).execute();
      await startIdsAfter(db, dialect, 'fx_exchanges', 9000);
    },
  };
}
