import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { inOneTransaction } from '../../db/migration-transaction.js';

/** The portal's sessions: one row per signed-in browser, found by the hash of its cookie's token. */
export function portalSessions(dialect: DialectName): Migration {
  return {
    up: inOneTransaction(dialect, async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('portal_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customers_id', 'integer', (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('date_created', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_otp_step', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('portal_sessions_customers_id').on('portal_sessions').column('customers_id').execute();
    }),
  };
}
