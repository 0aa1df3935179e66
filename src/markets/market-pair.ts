import { findAsset, type AssetRow } from '../accounts/index.js';
import type { Database } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { unitsFromColumn } from '../ledger/index.js';
import { DomainError } from '../shared/domain-error.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { formatCanonical } from '../shared/decimal.js';
import { RawJson } from '../shared/exact-json.js';
import { findPair, type PairKind, type PairRow } from './pairs-repository.js';

/** A pair as trades use it: its row, its two assets and its limits as exact amounts. */
export interface MarketPair {
  readonly row: PairRow;
  readonly name: string;
  readonly kind: PairKind;
  readonly base: AssetRow;
  readonly quote: AssetRow;
  readonly commissionPercentage: bigint;
  readonly minTradeAmount: bigint;
  readonly maxTradeAmount: bigint;
  readonly minTradePrice: bigint;
  readonly maxTradePrice: bigint;
  /** Decimals a base-asset amount may carry: the pair's MaxDecimalPrecision within the asset's. */
  readonly baseDecimals: number;
}

export async function marketPairOf(db: Kysely<Database>, row: PairRow): Promise<MarketPair | undefined> {
  const [base, quote] = await Promise.all([findAsset(db, row.base_asset), findAsset(db, row.quote_asset)]);
  if (base === undefined || quote === undefined) return undefined;
  return {
    row,
    name: row.asset_pair,
    kind: row.kind,
    base,
    quote,
    commissionPercentage: unitsFromColumn(row.commission_fee_percentage),
    minTradeAmount: unitsFromColumn(row.min_trade_amount),
    maxTradeAmount: unitsFromColumn(row.max_trade_amount),
    minTradePrice: unitsFromColumn(row.min_trade_price),
    maxTradePrice: unitsFromColumn(row.max_trade_price),
    baseDecimals: Math.min(row.max_decimal_precision, base.precision),
  };
}

/**
 * The enabled pair of this kind, or `Invalid` on the field: an unknown pair, a disabled one and a
 * pair of the other module (a fiat pair on crypto exchanges, a crypto pair on FX) look the same.
 */
export async function tradablePair(db: Kysely<Database>, assetPair: string, kind: PairKind, fieldName = 'AssetPair'): Promise<MarketPair> {
  const row = await findPair(db, assetPair);
  if (row === undefined || row.b_enabled !== 1 || row.kind !== kind) throw new DomainError('Invalid', fieldName);
  const pair = await marketPairOf(db, row);
  if (pair === undefined || pair.base.b_enabled !== 1 || pair.quote.b_enabled !== 1) throw new DomainError('Invalid', fieldName);
  return pair;
}

/** The trade's base amount and quote value are within the pair's limits. */
export function checkTradeLimits(pair: MarketPair, baseAmount: bigint, quoteValue: bigint, fieldName: string): void {
  if (baseAmount < pair.minTradeAmount || baseAmount > pair.maxTradeAmount) throw new DomainError('Trade_Amount_Out_Of_Range', fieldName);
  if (quoteValue < pair.minTradePrice || quoteValue > pair.maxTradePrice) throw new DomainError('Trade_Price_Out_Of_Range', fieldName);
}

const literal = (units: bigint) => new RawJson(formatCanonical(units));

/** A pair as availablepairs and FX pairs list it (documented fields, exact literals). */
export function pairView(pair: MarketPair) {
  return {
    assetPair: pair.name,
    baseAsset: pair.base.code,
    quoteAsset: pair.quote.code,
    commissionFeePercentage: literal(pair.commissionPercentage),
    minTradeAmount: decimalLiteral(pair.minTradeAmount, pair.baseDecimals),
    maxTradeAmount: decimalLiteral(pair.maxTradeAmount, pair.baseDecimals),
    minTradePrice: decimalLiteral(pair.minTradePrice, pair.quote.precision),
    maxTradePrice: decimalLiteral(pair.maxTradePrice, pair.quote.precision),
    maxDecimalPrecision: pair.row.max_decimal_precision,
  };
}
