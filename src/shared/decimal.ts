/**
 * Exact decimals for money: a value is a bigint count of 10^-18 "units".
 *
 * Money must never pass through a JavaScript `number` (binary floats cannot
 * hold 0.1), so text is converted straight to bigint and back. The scale and
 * range match the database column, NUMERIC(38,18): 20 integer digits and
 * 18 fractional digits.
 */
import assert from 'node:assert/strict';

export const DECIMAL_SCALE = 18;

/** A decimal value × 10^18. */
export type Units = bigint;

export const ZERO: Units = 0n;

/** The units in one whole (10^18). */
export const ONE: Units = 10n ** BigInt(DECIMAL_SCALE);

export type DecimalParseResult = { ok: true; units: bigint } | { ok: false; reason: 'syntax' | 'too_precise' | 'too_large' };

/** NUMERIC(38,18) leaves 20 digits before the point: magnitude must stay below 10^20. */
const INTEGER_DIGITS_MAX = 38 - DECIMAL_SCALE;

/**
 * Exponents with more significant digits than this are clamped: 10^15 dwarfs the
 * digit count of any string V8 can hold, so the verdict is unchanged and the
 * arithmetic stays within safe integers.
 */
const EXPONENT_DIGITS_MAX = 15;

/** JSON number grammar (no leading zeros, no bare dot); anchored and linear, so safe on long input. */
const DECIMAL_PATTERN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?)([0-9]+))?$/;

/**
 * Parses a JSON number literal (or the same grammar in a string) exactly.
 * Too-large is reported before too-precise when both apply.
 */
export function parseDecimal(text: string): DecimalParseResult {
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) return { ok: false, reason: 'syntax' };
  const [, sign = '', intDigits = '', fracDigits = '', expSign = '', expDigits = ''] = match;

  const digits = intDigits + fracDigits;
  const first = countLeadingZeros(digits);
  if (first === digits.length) return { ok: true, units: ZERO };
  const trailing = countTrailingZeros(digits);
  const significand = digits.slice(first, digits.length - trailing);

  // value = significand × 10^power, with no trailing zeros in significand
  const power = parseExponent(expSign, expDigits) - fracDigits.length + trailing;
  if (significand.length + power > INTEGER_DIGITS_MAX) return { ok: false, reason: 'too_large' };
  if (power < -DECIMAL_SCALE) return { ok: false, reason: 'too_precise' };

  const magnitude = BigInt(significand) * 10n ** BigInt(power + DECIMAL_SCALE);
  return { ok: true, units: sign === '-' ? -magnitude : magnitude };
}

function parseExponent(sign: string, digits: string): number {
  const significant = digits.slice(countLeadingZeros(digits));
  const magnitude = significant.length > EXPONENT_DIGITS_MAX ? 10 ** EXPONENT_DIGITS_MAX : Number(significant);
  return sign === '-' ? -magnitude : magnitude;
}

function countLeadingZeros(digits: string): number {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 0x30) i++;
  return i;
}

function countTrailingZeros(digits: string): number {
  let i = digits.length;
  while (i > 0 && digits.charCodeAt(i - 1) === 0x30) i--;
  return digits.length - i;
}

/** Sign, integer digits and all 18 fraction digits of a value. */
function split(units: Units): { sign: string; whole: string; fraction: string } {
  const magnitude = units < 0n ? -units : units;
  return {
    sign: units < 0n ? '-' : '',
    whole: (magnitude / ONE).toString(),
    fraction: (magnitude % ONE).toString().padStart(DECIMAL_SCALE, '0'),
  };
}

function trimTrailingZeros(fraction: string): string {
  return fraction.slice(0, fraction.length - countTrailingZeros(fraction));
}

/**
 * Formats with exactly `fractionDigits` fraction digits (0..18). Never rounds:
 * a value more precise than requested is a bug upstream, so it throws.
 */
export function formatDecimal(units: Units, fractionDigits: number): string {
  assert(Number.isInteger(fractionDigits) && fractionDigits >= 0 && fractionDigits <= DECIMAL_SCALE, 'formatDecimal: fractionDigits must be an integer in 0..18');
  const { sign, whole, fraction } = split(units);
  assert(countTrailingZeros(fraction) >= DECIMAL_SCALE - fractionDigits, 'formatDecimal: value has more fraction digits than requested');
  return fractionDigits === 0 ? sign + whole : `${sign}${whole}.${fraction.slice(0, fractionDigits)}`;
}

/** Shortest exact form: no trailing zeros, no dot for whole values. */
export function formatCanonical(units: Units): string {
  const { sign, whole, fraction } = split(units);
  const significant = trimTrailingZeros(fraction);
  return significant === '' ? sign + whole : `${sign}${whole}.${significant}`;
}

/** Significant fraction digits (0..18), to check a value against an asset's precision. */
export function fractionDigitsOf(units: Units): number {
  return trimTrailingZeros(split(units).fraction).length;
}

export function unitsFromInteger(n: bigint): Units {
  return n * ONE;
}
