import { assert } from '../shared/assert.js';
import { DECIMAL_SCALE, formatDecimal, parseDecimal } from '../shared/decimal.js';

/** Money columns hold decimal strings (NUMERIC on PostgreSQL, text on SQLite); these convert exactly. */
export function unitsFromColumn(text: string): bigint {
  const parsed = parseDecimal(text);
  assert(parsed.ok, `money column holds a decimal: ${text}`);
  return parsed.units;
}

export function unitsToColumn(units: bigint): string {
  return formatDecimal(units, DECIMAL_SCALE);
}
