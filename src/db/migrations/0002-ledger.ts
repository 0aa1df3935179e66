import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { idColumnType, moneyColumnType, startIdsAfter, type DialectName } from '../dialect.js';
import { SUPPORTED_ASSETS_SEED } from './supported-assets-seed.js';

/**
 * The ledger: supported assets (data, not code), asset accounts with their stored balances,
 * API transactions, the append-only ledger entries behind them, the postings that group entries
 * (one per state change, so a transaction can settle only once), and idempotency records.
 */
export function ledger(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  const money = moneyColumnType(dialect);
  const autoId = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('assets')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('asset_class', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('precision', 'integer', (c) => c.notNull())
        .addColumn('chain', 'text')
        .addColumn('b_enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      if (SUPPORTED_ASSETS_SEED.length > 0)
        await db
          .insertInto('assets' as never)
          .values(SUPPORTED_ASSETS_SEED as never)
          .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', id, autoId)
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('asset', 'text', (c) => c.notNull().references('assets.code'))
        .addColumn('routing_number', 'text')
        .addColumn('account_number', 'text')
        .addColumn('swift_code', 'text')
        .addColumn('b_suppressed', 'integer', (c) => c.notNull())
        .addColumn('posted_balance', money, (c) => c.notNull())
        .addColumn('pending_in', money, (c) => c.notNull())
        .addColumn('pending_out', money, (c) => c.notNull())
        .addColumn('transaction_count', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accounts_customer_idx').on('accounts').columns(['customers_id', 'id']).execute();
      await startIdsAfter(db, dialect, 'accounts', 3000);

      await db.schema
        .createTable('transactions')
        .addColumn('id', id, autoId)
        .addColumn('accounts_id', id, (c) => c.notNull().references('accounts.id'))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('transaction_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('rail', 'text', (c) => c.notNull())
        .addColumn('system_account', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('from_transactions_id', id)
        .addColumn('from_accounts_id', id)
        .addColumn('to_transactions_id', id)
        .addColumn('to_accounts_id', id)
        .addColumn('rollback_transaction_id', id)
        .addColumn('original_transaction_id', id)
        .addColumn('fee_transaction_id', id)
        .addColumn('details_json', 'text', (c) => c.notNull())
        .addColumn('date_time', 'text', (c) => c.notNull())
        .addColumn('date_completed', 'text')
        .execute();
      // Newest-first pages per account walk this index; no counting scan per request.
      await db.schema.createIndex('transactions_account_time_idx').on('transactions').columns(['accounts_id', 'date_time', 'id']).execute();
      await db.schema.createIndex('transactions_customer_time_idx').on('transactions').columns(['customers_id', 'date_time', 'id']).execute();
      await startIdsAfter(db, dialect, 'transactions', 5000);

      await db.schema
        .createTable('postings')
        .addColumn('id', id, autoId)
        .addColumn('transactions_id', id, (c) => c.notNull().references('transactions.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('outcome_key', 'text')
        .addColumn('date_time', 'text', (c) => c.notNull())
        .execute();
      // A pending transaction ends once: its one outcome posting (complete or fail) is unique.
      await db.schema.createIndex('postings_outcome_uq').on('postings').columns(['transactions_id', 'outcome_key']).unique().execute();

      await db.schema
        .createTable('ledger_entries')
        .addColumn('id', id, autoId)
        .addColumn('postings_id', id, (c) => c.notNull().references('postings.id'))
        .addColumn('accounts_id', id, (c) => c.references('accounts.id'))
        .addColumn('system_account', 'text')
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ledger_entries_account_idx').on('ledger_entries').columns(['accounts_id']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('customers_id', id, (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer', (c) => c.notNull())
        .addColumn('response_body', 'text', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['customers_id', 'idempotency_key'])
        .execute();

      await db.schema
        .createTable('screening_blocklist')
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('screening_blocklist_pk', ['address', 'asset'])
        .execute();
    },
  };
}
