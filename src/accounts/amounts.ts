import { DomainError } from '../shared/domain-error.js';
import { fractionDigitsOf } from '../shared/decimal.js';

/**
 * A requested amount must be positive and no more precise than its asset allows: never rounded.
 * Zero is `Required` (Ibanera: "missing or zero"); negative, above AMOUNT_MAX_UNITS or too precise is `Invalid`.
 */
/** The largest amount one request may move: 10^15 whole units (far above any real payment). */
export const AMOUNT_MAX_UNITS = 10n ** 15n * 10n ** 18n;

export function checkAmount(units: bigint, precision: number, fieldName: string): bigint {
  if (units === 0n) throw new DomainError('Required', fieldName);
  if (units < 0n || units > AMOUNT_MAX_UNITS || fractionDigitsOf(units) > precision) throw new DomainError('Invalid', fieldName);
  return units;
}
