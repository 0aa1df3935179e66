import { DomainError } from '../shared/domain-error.js';
import { fractionDigitsOf } from '../shared/decimal.js';
import { say } from '../shared/error-messages.js';

/**
 * A requested amount must be positive and no more precise than its asset allows: never rounded.
 * Zero is `Required` (Ibanera: "missing or zero"); negative, above AMOUNT_MAX_UNITS or too precise is `Invalid`.
 */
/** The largest amount one request may move: 10^15 whole units (far above any real payment). */
export const AMOUNT_MAX_UNITS = 10n ** 15n * 10n ** 18n;

export function checkAmount(units: bigint, precision: number, fieldName: string, assetCode?: string): bigint {
  if (units === 0n) throw new DomainError('Required', fieldName);
  if (units < 0n) throw DomainError.because('Invalid', fieldName, say.amountNegative(fieldName));
  if (units > AMOUNT_MAX_UNITS) throw DomainError.because('Invalid', fieldName, say.amountTooLarge(fieldName));
  const decimals = fractionDigitsOf(units);
  if (decimals > precision) throw DomainError.because('Invalid', fieldName, say.amountDecimals(fieldName, decimals, precision, assetCode));
  return units;
}
