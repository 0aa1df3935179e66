import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, type DialectName } from '../../db/dialect.js';

/** Uploaded documents of every module (cards, information requests, business onboarding, QuickBuy). */
export function documentsTable(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('documents')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('document_type', 'text')
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('documents_subject_idx').on('documents').columns(['purpose', 'subject_id']).execute();
      await db.schema.createIndex('documents_customer_idx').on('documents').columns(['customers_id']).execute();
    },
  };
}
