import { formatDecimal } from './decimal.js';
import { RawJson } from './exact-json.js';

/** An exact decimal for a response body, written with the asset's number of fraction digits. */
export function decimalLiteral(units: bigint, fractionDigits: number): RawJson {
  return new RawJson(formatDecimal(units, fractionDigits));
}
