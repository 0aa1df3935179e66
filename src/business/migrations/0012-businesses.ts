import type { Kysely, Migration } from 'kysely';
import { idColumnType, type DialectName } from '../../db/dialect.js';

/** Businesses onboarded through the API: their customer and managee rows are customers'; this is the rest. */
export function businesses(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('businesses')
        .addColumn('customers_id', id, (c) => c.primaryKey().references('customers.id'))
        .addColumn('manager_customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('email_key', 'text', (c) => c.notNull())
        .addColumn('currency_code', 'text', (c) => c.notNull())
        .addColumn('registered_country_iso', 'text', (c) => c.notNull())
        .addColumn('b_conducts_third_party_payments', 'integer', (c) => c.notNull())
        .addColumn('requested_products_json', 'text', (c) => c.notNull())
        .addColumn('b_invite_due', 'integer', (c) => c.notNull())
        .addColumn('verification_json', 'text')
        .addColumn('date_submitted', 'text')
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('businesses_email_idx').on('businesses').column('email_key').unique().execute();
      await db.schema.createIndex('businesses_manager_idx').on('businesses').columns(['manager_customers_id', 'customers_id']).execute();
    },
  };
}
