import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';

/** Saved crypto wallets: a customer's named withdrawal destinations, one name per customer in any case. */
export function cryptoWallets(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('crypto_wallets')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('crypto_wallets_name_idx').on('crypto_wallets').columns(['customers_id', 'name_key']).unique().execute();
      await startIdsAfter(db, dialect, 'crypto_wallets', 3000);
    },
  };
}
