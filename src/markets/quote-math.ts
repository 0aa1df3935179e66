import { ONE } from '../shared/decimal.js';

/**
 * The arithmetic of quotes, exact: every value is a bigint count of 10^-18 units, products and
 * quotients are kept as fractions, and each amount the ledger moves is rounded once, at its own
 * asset's precision, in the house's favour (what the customer receives rounds down, what the
 * customer pays rounds up). docs/exchanges.md states the rule with examples.
 */
export type Rounding = 'down' | 'up';

const HUNDRED = 100n;

/** `numerator / denominator` (both units-scaled as the caller arranges) rounded to `precision` digits. */
export function roundFraction(numerator: bigint, denominator: bigint, precision: number, rounding: Rounding): bigint {
  const step = 10n ** BigInt(18 - precision);
  const d = denominator * step;
  const q = numerator / d;
  const exact = q * d === numerator;
  return (rounding === 'up' && !exact ? q + 1n : q) * step;
}

/** `amount × price`, an amount of base asset valued in the quote asset. */
export const valueOf = (baseUnits: bigint, priceUnits: bigint, quotePrecision: number, rounding: Rounding) => roundFraction(baseUnits * priceUnits, ONE, quotePrecision, rounding);

/** `value / price`, the base amount a quote-asset value buys. */
export const baseFor = (quoteUnits: bigint, priceUnits: bigint, basePrecision: number, rounding: Rounding) => roundFraction(quoteUnits * ONE, priceUnits, basePrecision, rounding);

/** `value × percentage / 100`, the commission, rounded up (the house's favour). */
export const commissionOf = (valueUnits: bigint, percentageUnits: bigint, precision: number) => roundFraction(valueUnits * percentageUnits, ONE * HUNDRED, precision, 'up');

export interface CryptoTrade {
  /** The base-asset amount that changes hands. */
  readonly baseAmount: bigint;
  /** The quote-asset value of that amount, commission excluded. */
  readonly quoteAmount: bigint;
  /** Commission, in the quote asset. */
  readonly commission: bigint;
}

export interface PairPrecision {
  readonly basePrecision: number;
  readonly quotePrecision: number;
  readonly commissionPercentage: bigint;
}

/**
 * A crypto trade from its request. `Amount`: the base amount is given and its value is computed;
 * `Price`: the quote-asset value is given and the base amount computed. A buy pays value +
 * commission; a sell receives value − commission. Commission is in the quote asset, on the value.
 */
export function cryptoTrade(side: 'Buy' | 'Sell', quantityType: 'Amount' | 'Price', requested: bigint, price: bigint, p: PairPrecision): CryptoTrade {
  if (quantityType === 'Amount') {
    // A buyer pays the value rounded up; a seller receives it rounded down.
    const quoteAmount = valueOf(requested, price, p.quotePrecision, side === 'Buy' ? 'up' : 'down');
    return { baseAmount: requested, quoteAmount, commission: commissionOf(quoteAmount, p.commissionPercentage, p.quotePrecision) };
  }
  // A buyer receives the base amount rounded down; a seller gives it rounded up.
  const baseAmount = baseFor(requested, price, p.basePrecision, side === 'Buy' ? 'down' : 'up');
  return { baseAmount, quoteAmount: requested, commission: commissionOf(requested, p.commissionPercentage, p.quotePrecision) };
}

export interface FxConversion {
  readonly sourceAmount: bigint;
  /** What the destination account receives (after the fee). */
  readonly destinationAmount: bigint;
  /** The gross destination amount before the fee. */
  readonly grossAmount: bigint;
  /** Fee, in the destination asset. */
  readonly fee: bigint;
}

/**
 * An FX conversion through pair BASE/QUOTE at `price`; `sourceIsBase` says which way. Given the
 * source amount: the gross destination amount rounds down, the fee (on it) up, the customer gets
 * the difference. Given the destination amount (net): the gross rounds up so the fee is covered,
 * and the source amount needed rounds up.
 */
export function fxConversion(
  given: { source: bigint } | { destination: bigint },
  price: bigint,
  sourceIsBase: boolean,
  sourcePrecision: number,
  destinationPrecision: number,
  percentage: bigint,
): FxConversion {
  const convert = (source: bigint, r: Rounding) => (sourceIsBase ? valueOf(source, price, destinationPrecision, r) : baseFor(source, price, destinationPrecision, r));
  const sourceFor = (destination: bigint) => (sourceIsBase ? baseFor(destination, price, sourcePrecision, 'up') : valueOf(destination, price, sourcePrecision, 'up'));
  if ('source' in given) {
    const grossAmount = convert(given.source, 'down');
    const fee = commissionOf(grossAmount, percentage, destinationPrecision);
    return { sourceAmount: given.source, grossAmount, fee, destinationAmount: grossAmount - fee };
  }
  const grossAmount = roundFraction(given.destination * HUNDRED * ONE, HUNDRED * ONE - percentage, destinationPrecision, 'up');
  return { sourceAmount: sourceFor(grossAmount), grossAmount, fee: grossAmount - given.destination, destinationAmount: given.destination };
}
