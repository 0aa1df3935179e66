/**
 * Amounts are exact decimal literals, as text (`"1234.56"`), never a JavaScript number: the SDK reads
 * them from the answer's own digits and writes them back verbatim. For arithmetic, convert to
 * integer units at a fixed scale with `toUnits` and back with `fromUnits`.
 */
export type Decimal = string;

/** An amount you send: a decimal literal as text, or a bigint meaning a whole number. */
export type DecimalInput = string | bigint;

/** `toUnits("12.5", 2)` is `1250n`; more fraction digits than `scale` is an error, never rounded. */
export function toUnits(decimal: Decimal, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (match === null) throw new TypeError(`not a decimal literal: ${JSON.stringify(decimal)}`);
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) throw new RangeError(`${decimal} has ${significant.length} decimals; at most ${scale} allowed`);
  const units = BigInt((whole ?? '0') + significant.padEnd(scale, '0'));
  return sign === '-' ? -units : units;
}

/** `fromUnits(1250n, 2)` is `"12.50"`. */
export function fromUnits(units: bigint, scale: number): Decimal {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
