import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';

/** Information requests (RFIs) and their questions; their documents live in the documents module. */
export function informationRequests(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('information_requests')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('item_kind', 'text')
        .addColumn('item_id', id)
        .addColumn('screening_flags_id', id, (c) => c.references('screening_flags.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('order_type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('add_date', 'text', (c) => c.notNull())
        .addColumn('expiry_date', 'text', (c) => c.notNull())
        .addColumn('date_submitted', 'text')
        .addColumn('date_decided', 'text')
        .execute();
      await db.schema.createIndex('information_requests_customer_idx').on('information_requests').columns(['customers_id', 'id']).execute();
      await db.schema.createIndex('information_requests_status_idx').on('information_requests').columns(['status', 'expiry_date']).execute();
      await db.schema.createIndex('information_requests_item_idx').on('information_requests').columns(['item_kind', 'item_id']).execute();
      // Ids look like Ibanera's (the docs' example list starts at 1004).
      await startIdsAfter(db, dialect, 'information_requests', 1000);
      await db.schema
        .createTable('information_request_questions')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('information_requests_id', id, (c) => c.notNull().references('information_requests.id'))
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('answer_type', 'text', (c) => c.notNull())
        .addColumn('b_required', 'integer', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('information_request_questions_request_idx').on('information_request_questions').columns(['information_requests_id', 'id']).execute();
    },
  };
}
