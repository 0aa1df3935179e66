import type { Kysely, Migration } from 'kysely';
import { idColumnType, type DialectName } from '../dialect.js';

/** Callback URL and hash secret per principal; the callbacks outbox and its delivery log. */
export function callbacks(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('principals').addColumn('callback_url', 'text').execute();
      await db.schema.alterTable('principals').addColumn('callback_hash_secret', 'text').execute();

      await db.schema
        .createTable('callbacks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('principal_customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_until', 'text')
        .addColumn('date_created', 'text', (c) => c.notNull())
        .addColumn('date_delivered', 'text')
        .addColumn('last_error', 'text')
        .execute();
      // The worker's claim query walks due rows in time order.
      await db.schema.createIndex('callbacks_due_idx').on('callbacks').columns(['status', 'next_attempt_at']).execute();

      await db.schema
        .createTable('callback_attempts')
        .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('callbacks_id', 'text', (c) => c.notNull().references('callbacks.id'))
        .addColumn('attempted_at', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('callback_attempts_callback_idx').on('callback_attempts').columns(['callbacks_id', 'id']).execute();
    },
  };
}
