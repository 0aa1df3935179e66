import type { Kysely, Migration } from 'kysely';
import { idColumnType, startIdsAfter, type DialectName } from '../dialect.js';

/** Settings (signing key, HD public keys), customers and the API principals that log in. */
export function foundation(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('customers')
        .addColumn('id', idColumnType(dialect), (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('manager_customers_id', idColumnType(dialect), (c) => c.references('customers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kyc_status', 'text', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customers_manager_idx').on('customers').column('manager_customers_id').execute();
      await startIdsAfter(db, dialect, 'customers', 1000);

      await db.schema
        .createTable('principals')
        .addColumn('customers_id', idColumnType(dialect), (c) => c.primaryKey().references('customers.id'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('totp_secret', 'text', (c) => c.notNull())
        .addColumn('b_verified', 'integer', (c) => c.notNull())
        .addColumn('b_suppressed', 'integer', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('last_login_otp_step', 'bigint', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
