import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { idColumnType, moneyColumnType, startIdsAfter, type DialectName } from '../dialect.js';

/** Saved payees (beneficiaries), the fee schedule (operator data), and cancellation requests. */
export function transfers(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  const autoId = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('payees')
        .addColumn('id', id, autoId)
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('customer_asset_accounts_id', id, (c) => c.references('accounts.id'))
        .addColumn('payee_type', 'text', (c) => c.notNull())
        .addColumn('transfer_type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('account_name', 'text')
        .addColumn('account_number', 'text')
        .addColumn('routing_number', 'text')
        .addColumn('swift_code', 'text')
        .addColumn('intermediary_bic', 'text')
        .addColumn('iban', 'text')
        .addColumn('country_code', 'text', (c) => c.notNull())
        .addColumn('address_line1', 'text')
        .addColumn('town_city', 'text')
        .addColumn('postcode', 'text')
        .addColumn('state', 'text')
        .addColumn('b_deleted', 'integer', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('payees_customer_idx').on('payees').columns(['customers_id', 'id']).execute();
      await startIdsAfter(db, dialect, 'payees', 7000);

      await db.schema
        .createTable('transfer_fees')
        .addColumn('rail', 'text', (c) => c.notNull())
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('fixed_fee', moneyColumnType(dialect), (c) => c.notNull())
        .addPrimaryKeyConstraint('transfer_fees_pk', ['rail', 'asset'])
        .execute();
      // Defaults: `*` applies to every asset without its own row. Amounts are in the account's asset.
      await db
        .insertInto('transfer_fees' as never)
        .values([
          { rail: 'ACH', asset: '*', fixed_fee: '1.000000000000000000' },
          { rail: 'WIRE', asset: '*', fixed_fee: '15.000000000000000000' },
          { rail: 'SWIFT', asset: '*', fixed_fee: '25.000000000000000000' },
        ] as never)
        .execute();

      await db.schema
        .createTable('cancellation_requests')
        .addColumn('id', id, autoId)
        .addColumn('transactions_id', id, (c) => c.notNull().unique().references('transactions.id'))
        .addColumn('customers_id', id, (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
