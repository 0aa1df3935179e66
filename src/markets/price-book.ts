import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';
import { DomainError } from '../shared/domain-error.js';
import type { MarketPair } from './market-pair.js';
import { findPrice } from './prices-repository.js';

/**
 * The price a trade uses now: the operator's price of the pair, unless it is older than
 * `staleAfterSeconds` (0: never stale); a pair without a usable price does not trade.
 */
export async function currentPrice(db: Kysely<Database>, pair: MarketPair, nowMs: number, staleAfterSeconds: number): Promise<bigint> {
  const row = await findPrice(db, pair.name);
  if (row === undefined) throw new DomainError('Price_Unavailable', 'AssetPair');
  const price = unitsFromColumn(row.price);
  if (price <= 0n) throw new DomainError('Price_Unavailable', 'AssetPair');
  if (staleAfterSeconds > 0 && Date.parse(row.date_updated) + staleAfterSeconds * 1000 < nowMs) throw new DomainError('Price_Unavailable', 'AssetPair');
  return price;
}
