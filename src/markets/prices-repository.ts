import type { Kysely, Selectable } from 'kysely';
import type { Database, MarketPricesTable } from '../db/schema.js';
import { unitsToColumn } from '../ledger/index.js';

export type PriceRow = Selectable<MarketPricesTable>;

export function findPrice(db: Kysely<Database>, assetPair: string): Promise<PriceRow | undefined> {
  return db.selectFrom('market_prices').selectAll().where('asset_pair', '=', assetPair).executeTakeFirst();
}

export function listPrices(db: Kysely<Database>): Promise<PriceRow[]> {
  return db.selectFrom('market_prices').selectAll().orderBy('asset_pair').execute();
}

/** Sets a pair's price (the operator's `prices set`, the sandbox's price simulation). */
export async function setPrice(db: Kysely<Database>, assetPair: string, price: bigint, dateUpdated: string): Promise<void> {
  const values = { asset_pair: assetPair, price: unitsToColumn(price), date_updated: dateUpdated };
  const updated = await db.updateTable('market_prices').set(values).where('asset_pair', '=', assetPair).executeTakeFirst();
  if (updated.numUpdatedRows === 0n) await db.insertInto('market_prices').values(values).execute();
}
