import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, moneyColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';

/**
 * QuickBuy: the merchants' API keys, the orders (QuickBuy Pro, widget and Quick Buy API), the
 * QuickBuy customers, their saved cards (sealed by the card vault) and the payment forms' one-use tokens.
 */
export function quickbuy(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  const money = moneyColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('quickbuy_api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('principal_customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('allowed_origins_json', 'text', (c) => c.notNull())
        .addColumn('callback_url', 'text')
        .addColumn('date_created', 'text', (c) => c.notNull())
        .addColumn('date_revoked', 'text')
        .execute();
      await db.schema.createIndex('quickbuy_api_keys_principal_idx').on('quickbuy_api_keys').columns(['principal_customers_id']).execute();

      await db.schema
        .createTable('quickbuy_orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('principal_customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('api_keys_id', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('client_reference', 'text', (c) => c.notNull())
        .addColumn('client_json', 'text', (c) => c.notNull())
        .addColumn('fiat_amount', money, (c) => c.notNull())
        .addColumn('fiat_currency', 'text', (c) => c.notNull())
        .addColumn('asset_pair', 'text', (c) => c.notNull())
        .addColumn('crypto_asset', 'text', (c) => c.notNull())
        .addColumn('crypto_amount', money)
        .addColumn('commission', money)
        .addColumn('price', money)
        .addColumn('redirect_url', 'text')
        .addColumn('frame_origin', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('card_last4', 'text')
        .addColumn('cards_id', id)
        .addColumn('card_attempts', 'integer', (c) => c.notNull())
        .addColumn('last_decline', 'text')
        .addColumn('charge_transactions_id', id)
        .addColumn('delivery_transactions_id', id)
        .addColumn('tx_hash', 'text')
        .addColumn('date_created', 'text', (c) => c.notNull())
        .addColumn('date_expires', 'text', (c) => c.notNull())
        .addColumn('date_paid', 'text')
        .addColumn('date_captured', 'text')
        .addColumn('date_transferred', 'text')
        .addColumn('date_deleted', 'text')
        .addColumn('next_step_at', 'text')
        .execute();
      await db.schema.createIndex('quickbuy_orders_principal_idx').on('quickbuy_orders').columns(['principal_customers_id', 'date_created']).execute();
      await db.schema.createIndex('quickbuy_orders_due_idx').on('quickbuy_orders').columns(['state', 'next_step_at']).execute();

      await db.schema
        .createTable('quickbuy_customers')
        .addColumn('customers_id', id, (c) => c.primaryKey().references('customers.id'))
        .addColumn('principal_customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('email_address', 'text', (c) => c.notNull())
        .addColumn('phone_number', 'text')
        .addColumn('country_iso', 'text')
        .addColumn('reference', 'text')
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('quickbuy_cards')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('customers_id', id, (c) => c.notNull().references('customers.id'))
        .addColumn('pan_sealed', 'text', (c) => c.notNull())
        .addColumn('last4', 'text', (c) => c.notNull())
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('expiry_month', 'integer', (c) => c.notNull())
        .addColumn('expiry_year', 'integer', (c) => c.notNull())
        .addColumn('holder_name', 'text', (c) => c.notNull())
        .addColumn('b_deleted', 'integer', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('quickbuy_cards_customer_idx').on('quickbuy_cards').columns(['customers_id']).execute();
      await startIdsAfter(db, dialect, 'quickbuy_cards', 8000);

      await db.schema
        .createTable('quickbuy_form_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('orders_id', 'text')
        .addColumn('api_keys_id', 'text')
        .addColumn('customer_reference', 'text')
        .addColumn('frame_origin', 'text')
        .addColumn('date_issued', 'text', (c) => c.notNull())
        .addColumn('date_used', 'text')
        .execute();
    },
  };
}
