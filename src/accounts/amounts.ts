import { DomainError } from '../shared/domain-error.js';
import { fractionDigitsOf } from '../shared/decimal.js';

/**
 * A requested amount must be positive and no more precise than its asset allows: never rounded.
 * Zero is `Required` (Ibanera: "missing or zero"), negative or too precise is `Invalid`.
 */
export function checkAmount(units: bigint, precision: number, fieldName: string): bigint {
  if (units === 0n) throw new DomainError('Required', fieldName);
  if (units < 0n || fractionDigitsOf(units) > precision) throw new DomainError('Invalid', fieldName);
  return units;
}
