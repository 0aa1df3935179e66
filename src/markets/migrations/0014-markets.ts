import type { Kysely, Migration } from 'kysely';
import { autoIncrementId, idColumnType, moneyColumnType, startIdsAfter, type DialectName } from '../../db/dialect.js';
import { parseDecimal } from '../../shared/decimal.js';
import { unitsToColumn } from '../../ledger/index.js';
import { MARKET_SEED } from '../market-seed.js';

const money = (text: string): string => {
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new Error(`bad seed decimal ${text}`);
  return unitsToColumn(parsed.units);
};

/** Pairs, prices and quotes (markets module), seeded with the sandbox's pairs and prices. */
export function markets(dialect: DialectName): Migration {
  const moneyType = moneyColumnType(dialect);
  const id = idColumnType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('market_pairs')
        .addColumn('asset_pair', 'text', (c) => c.primaryKey())
        .addColumn('base_asset', 'text', (c) => c.notNull())
        .addColumn('quote_asset', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('commission_fee_percentage', moneyType, (c) => c.notNull())
        .addColumn('min_trade_amount', moneyType, (c) => c.notNull())
        .addColumn('max_trade_amount', moneyType, (c) => c.notNull())
        .addColumn('min_trade_price', moneyType, (c) => c.notNull())
        .addColumn('max_trade_price', moneyType, (c) => c.notNull())
        .addColumn('max_decimal_precision', 'integer', (c) => c.notNull())
        .addColumn('b_enabled', 'integer', (c) => c.notNull())
        .addColumn('date_updated', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('market_prices')
        .addColumn('asset_pair', 'text', (c) => c.primaryKey())
        .addColumn('price', moneyType, (c) => c.notNull())
        .addColumn('date_updated', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('trade_quotes')
        .addColumn('id', id, autoIncrementId(dialect))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('principal_customers_id', id, (c) => c.notNull())
        .addColumn('customers_id', id, (c) => c.notNull())
        .addColumn('asset_pair', 'text', (c) => c.notNull())
        .addColumn('exchange_type', 'text', (c) => c.notNull())
        .addColumn('source_asset', 'text', (c) => c.notNull())
        .addColumn('destination_asset', 'text', (c) => c.notNull())
        .addColumn('source_amount', moneyType, (c) => c.notNull())
        .addColumn('destination_amount', moneyType, (c) => c.notNull())
        .addColumn('base_amount', moneyType, (c) => c.notNull())
        .addColumn('quote_amount', moneyType, (c) => c.notNull())
        .addColumn('price', moneyType, (c) => c.notNull())
        .addColumn('commission_fee', moneyType, (c) => c.notNull())
        .addColumn('commission_asset', 'text', (c) => c.notNull())
        .addColumn('source_accounts_id', id)
        .addColumn('destination_accounts_id', id)
        .addColumn('exchanges_id', id)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('date_added', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('trade_quotes_exchange_idx').on('trade_quotes').columns(['exchanges_id', 'id']).execute();
      await startIdsAfter(db, dialect, 'trade_quotes', 5000);
      // The seed's instant is the migration's: a stale-price limit, when set, applies to it too.
      const now = new Date().toISOString().replace('Z', '+00:00');
      await db
        .insertInto('market_pairs' as never)
        .values(
          MARKET_SEED.map((s) => {
            const [base, quote] = s.pair.split('/');
            return {
              asset_pair: s.pair,
              base_asset: base,
              quote_asset: quote,
              kind: s.kind,
              commission_fee_percentage: money(s.commission),
              min_trade_amount: money(s.minAmount),
              max_trade_amount: money(s.maxAmount),
              min_trade_price: money(s.minPrice),
              max_trade_price: money(s.maxPrice),
              max_decimal_precision: s.maxDecimalPrecision,
              b_enabled: 1,
              date_updated: now,
            };
          }) as never,
        )
        .execute();
      await db
        .insertInto('market_prices' as never)
        .values(MARKET_SEED.map((s) => ({ asset_pair: s.pair, price: money(s.price), date_updated: now })) as never)
        .execute();
    },
  };
}
