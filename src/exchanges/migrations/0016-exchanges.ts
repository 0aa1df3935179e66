import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, moneyColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';

/** Crypto exchanges: one row per buy or sell, with its state and the transactions it made. */
export function exchanges(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  const money = moneyColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchanges')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('principal_customers_id', id, (c) => c.notNull())
        .addColumn('exchange_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('asset_pair', 'text', (c) => c.notNull())
        .addColumn('base_asset', 'text', (c) => c.notNull())
        .addColumn('quote_asset', 'text', (c) => c.notNull())
        .addColumn('quantity_type', 'text', (c) => c.notNull())
        .addColumn('request_amount', money, (c) => c.notNull())
        .addColumn('request_price', money, (c) => c.notNull())
        .addColumn('executed_amount', money)
        .addColumn('executed_price', money)
        .addColumn('commission_fee', money, (c) => c.notNull())
        .addColumn('unit_price', money, (c) => c.notNull())
        .addColumn('source_accounts_id', id, (c) => c.notNull())
        .addColumn('destination_accounts_id', id)
        .addColumn('from_transactions_id', id)
        .addColumn('to_transactions_id', id)
        .addColumn('fee_transactions_id', id)
        .addColumn('payout_transactions_id', id)
        .addColumn('holds_id', id)
        .addColumn('quotes_id', id)
        .addColumn('payees_id', id)
        .addColumn('transfer_type', 'text')
        .addColumn('b_has_open_rfi', 'integer', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .addColumn('date_updated', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchanges_principal_idx').on('exchanges').columns(['principal_customers_id', 'id']).execute();
      await startIdsAfter(db, dialect, 'exchanges', 8000);
    },
  };
}
