import type { Kysely, Migration } from 'kysely';
import { idColumnType, type DialectName } from '../dialect.js';

/** Managees' personal details and KYC lifecycle (their customer row lives in `customers`), and their documents. */
export function managees(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('managees')
        .addColumn('customers_id', id, (c) => c.primaryKey().references('customers.id'))
        .addColumn('manager_customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('email_address', 'text', (c) => c.notNull())
        .addColumn('phone_number', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'text', (c) => c.notNull())
        .addColumn('nationality_iso', 'text', (c) => c.notNull())
        .addColumn('address_country_iso', 'text', (c) => c.notNull())
        .addColumn('managees_reference', 'text')
        .addColumn('profile_json', 'text', (c) => c.notNull())
        .addColumn('verification_token', 'text', (c) => c.notNull())
        .addColumn('date_jumio_completed', 'text')
        .addColumn('date_accepted', 'text')
        .addColumn('date_rejected', 'text')
        .addColumn('reject_reason', 'text')
        .execute();
      await db.schema.createIndex('managees_manager_idx').on('managees').columns(['manager_customers_id', 'customers_id']).execute();

      await db.schema
        .createTable('customer_documents')
        .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('document_type', 'text', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
