import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, moneyColumnType, type DialectName } from '../../db/dialect.js';

/** Flagging rules (amount, watch list, daily count) and the items screening holds for review. */
export function screeningReview(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('screening_rules')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('threshold', moneyColumnType(dialect))
        .addColumn('counterparty_type', 'text')
        .addColumn('value', 'text')
        .addColumn('count_max', 'integer')
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('screening_flags')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('item_kind', 'text', (c) => c.notNull())
        .addColumn('item_id', id, (c) => c.notNull())
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('date_flagged', 'text', (c) => c.notNull())
        .addColumn('date_decided', 'text')
        .addUniqueConstraint('screening_flags_item_unique', ['item_kind', 'item_id'])
        .execute();
      await db.schema.createIndex('screening_flags_status_idx').on('screening_flags').columns(['status', 'id']).execute();
    },
  };
}
