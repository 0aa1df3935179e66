import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, moneyColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';

/**
 * The Cards module's tables: cards (their sealed data and PIN hash), the card's own transaction
 * rows, authorizations from the card network (each a ledger hold), and the audit of sensitive reads.
 */
export function cardsTables(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  const money = moneyColumnType(dialect);
  const autoId = autoIncrementId(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cards')
        .addColumn('id', id, autoId)
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('card_reference_id', 'text')
        .addColumn('card_program_id', 'integer', (c) => c.notNull())
        .addColumn('card_type', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('approval_status', 'text', (c) => c.notNull())
        .addColumn('shipping_method', 'text')
        .addColumn('shipping_json', 'text')
        .addColumn('review_json', 'text', (c) => c.notNull())
        .addColumn('card_holder_name', 'text', (c) => c.notNull())
        .addColumn('last_four', 'text', (c) => c.notNull())
        .addColumn('number_sealed', 'text', (c) => c.notNull())
        .addColumn('cvc_sealed', 'text', (c) => c.notNull())
        .addColumn('expiry_sealed', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text')
        .addColumn('pin_failures', 'integer', (c) => c.notNull())
        .addColumn('b_pin_locked', 'integer', (c) => c.notNull())
        .addColumn('funding_accounts_id', id, (c) => c.references('accounts.id'))
        .addColumn('b_with_dda', 'integer', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .addColumn('date_activated', 'text')
        .execute();
      await db.schema.createIndex('cards_customer_idx').on('cards').columns(['customers_id', 'id']).execute();
      await startIdsAfter(db, dialect, 'cards', 1000);

      await db.schema
        .createTable('card_transactions')
        .addColumn('id', id, autoId)
        .addColumn('cards_id', id, (c) => c.notNull().references('cards.id'))
        .addColumn('customers_id', id, (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('b_pending', 'integer', (c) => c.notNull())
        .addColumn('journals_id', id, (c) => c.notNull())
        .addColumn('holds_id', id)
        .addColumn('refund_transactions_id', id)
        .addColumn('original_transactions_id', id)
        .addColumn('date_time', 'text', (c) => c.notNull())
        .addColumn('date_settled', 'text')
        .execute();
      await db.schema.createIndex('card_transactions_card_time_idx').on('card_transactions').columns(['cards_id', 'date_time', 'id']).execute();
      // Card transaction ids are far from the accounts' transaction ids, so the two never look alike.
      await startIdsAfter(db, dialect, 'card_transactions', 900_000);

      await db.schema
        .createTable('card_authorizations')
        .addColumn('id', id, autoId)
        .addColumn('cards_id', id, (c) => c.notNull().references('cards.id'))
        .addColumn('card_transactions_id', id, (c) => c.notNull())
        .addColumn('holds_id', id, (c) => c.notNull().unique())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('captured_amount', money, (c) => c.notNull())
        .addColumn('refunded_amount', money, (c) => c.notNull())
        .addColumn('merchant_name', 'text', (c) => c.notNull())
        .addColumn('merchant_category_code', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .addColumn('date_ended', 'text')
        .execute();
      await startIdsAfter(db, dialect, 'card_authorizations', 800_000);

      await db.schema
        .createTable('card_sensitive_reads')
        .addColumn('id', id, autoId)
        .addColumn('cards_id', id, (c) => c.notNull().references('cards.id'))
        .addColumn('principal_customers_id', id, (c) => c.notNull())
        .addColumn('date_time', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
