import type { MarketPair, MarketsService } from '../markets/index.js';
import { checkTradeLimits, roundFraction, baseFor } from '../markets/index.js';
import { ONE } from '../shared/decimal.js';
import { DomainError } from '../shared/domain-error.js';

/** QuickBuy buys crypto with a card in this currency only (QuickBuy Pro documents `USD` only). */
export const QUICKBUY_CURRENCY = 'USD';

const HUNDRED = 100n * ONE;

/** A purchase of crypto for a card total, priced by the markets module (the operator's prices). */
export interface PricedPurchase {
  readonly pair: MarketPair;
  readonly price: bigint;
  /** What the card is charged. */
  readonly total: bigint;
  /** The part of the total that buys crypto. */
  readonly value: bigint;
  /** The pair's commission, `total − value`. */
  readonly commission: bigint;
  readonly cryptoAmount: bigint;
}

/**
 * Prices a purchase whose card total is fixed (the amount the buyer pays, commission included):
 * value = total × 100 / (100 + commission %), rounded down at the currency's precision; the
 * commission is the rest (so it is never below the pair's percentage of the value); the crypto is
 * value / price rounded down at the pair's precision. Both roundings favour the house, once each.
 */
export async function pricePurchase(markets: MarketsService, assetPair: string, total: bigint, fields: { pair: string; amount: string }): Promise<PricedPurchase> {
  const pair = await markets.tradablePair(assetPair, 'crypto', fields.pair);
  if (pair.quote.code !== QUICKBUY_CURRENCY) throw new DomainError('Invalid', fields.pair);
  const price = await markets.price(pair);
  const value = roundFraction(total * HUNDRED, HUNDRED + pair.commissionPercentage, pair.quote.precision, 'down');
  const cryptoAmount = baseFor(value, price, pair.baseDecimals, 'down');
  if (cryptoAmount <= 0n) throw new DomainError('Trade_Amount_Out_Of_Range', fields.amount);
  checkTradeLimits(pair, cryptoAmount, value, fields.amount);
  return { pair, price, total, value, commission: total - value, cryptoAmount };
}

/** The pair a QuickBuy Pro or widget payment buys: `<QUICKBUY_PRO_ASSET>/USD`. */
export const proPair = (asset: string) => `${asset}/${QUICKBUY_CURRENCY}`;
