import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DECIMAL_SCALE, ONE, ZERO, formatCanonical, formatDecimal, fractionDigitsOf, parseDecimal, unitsFromInteger, type DecimalParseResult } from '../src/shared/decimal.js';

function units(text: string): bigint {
  const result = parseDecimal(text);
  assert.ok(result.ok, `expected ${text} to parse, got ${result.ok ? '' : result.reason}`);
  return result.units;
}

function rejection(text: string): DecimalParseResult {
  const result = parseDecimal(text);
  assert.equal(result.ok, false, `expected ${JSON.stringify(text)} to be rejected`);
  return result;
}

test('constants', () => {
  assert.equal(DECIMAL_SCALE, 18);
  assert.equal(ONE, 1_000000000000000000n);
  assert.equal(ZERO, 0n);
  assert.equal(unitsFromInteger(-42n), -42_000000000000000000n);
});

test('parses plain decimals exactly', () => {
  const cases: Array<[string, bigint]> = [
    ['0', 0n],
    ['-0', 0n],
    ['-0.000', 0n],
    ['1', ONE],
    ['0.1', 100000000000000000n],
    ['-1.5', -1_500000000000000000n],
    ['100.10', 100_100000000000000000n],
    ['0.000000000000000001', 1n],
    ['1.0000000000000000000000', ONE],
    ['99999999999999999999.999999999999999999', 10n ** 38n - 1n],
    ['-99999999999999999999.999999999999999999', -(10n ** 38n - 1n)],
  ];
  for (const [text, expected] of cases) assert.equal(units(text), expected, text);
  assert.ok(Object.is(Number(units('-0')), 0), '-0 is plain zero');
});

test('applies exponents exactly', () => {
  const cases: Array<[string, string]> = [
    ['1.5e-3', '0.0015'],
    ['12E2', '1200'],
    ['1e+2', '100'],
    ['1E-18', '0.000000000000000001'],
    ['10e-1', '1'],
    ['-2.5e1', '-25'],
    ['0e999999999', '0'],
    ['0.0e-999999999', '0'],
    ['123456789e-18', '0.000000000123456789'],
    ['9.99e19', '99900000000000000000'],
    ['1e00000000000000000000000000000000000001', '10'],
    ['1000000000000000000000000e-10', '100000000000000'],
  ];
  for (const [text, canonical] of cases) assert.equal(formatCanonical(units(text)), canonical, text);
});

test('0.1 + 0.2 is exactly 0.3', () => {
  assert.equal(units('0.1') + units('0.2'), units('0.3'));
  assert.equal(formatCanonical(units('0.1') + units('0.2')), '0.3');
});

test('rejects malformed text as syntax', () => {
  const bad = [
    '',
    ' ',
    ' 1',
    '1 ',
    '1\n',
    '\t1',
    'NaN',
    'Infinity',
    '-Infinity',
    'infinity',
    '0x10',
    '0b1',
    '0o7',
    '.5',
    '-.5',
    '5.',
    '5.e3',
    '007',
    '00',
    '-01',
    '01.5',
    '+1',
    '+0',
    '-',
    '--1',
    '1e',
    '1e+',
    '1e-',
    'e5',
    '1_000',
    '1,000',
    '1.2.3',
    '1e2.5',
    '١',
    '１',
    'abc',
    '1a',
    'null',
    'true',
    '"1"',
    '0.1f',
    '12n',
  ];
  for (const text of bad) assert.deepEqual(rejection(text), { ok: false, reason: 'syntax' }, JSON.stringify(text));
});

test('rejects values beyond NUMERIC(38,18)', () => {
  const tooPrecise = ['0.0000000000000000001', '1e-19', '1.5e-18', '-0.1234567890123456789', '1e-999999999'];
  for (const text of tooPrecise) assert.deepEqual(rejection(text), { ok: false, reason: 'too_precise' }, text);
  const tooLarge = ['100000000000000000000', '1e20', '-1e20', '100000000000000000000.5', '1e999999999', '0.1e21'];
  for (const text of tooLarge) assert.deepEqual(rejection(text), { ok: false, reason: 'too_large' }, text);
});

test('huge exponents and long inputs are answered fast', () => {
  const started = process.hrtime.bigint();
  assert.deepEqual(parseDecimal('1e999999999999999999999999999999'), { ok: false, reason: 'too_large' });
  assert.deepEqual(parseDecimal('1e-999999999999999999999999999999'), { ok: false, reason: 'too_precise' });
  assert.deepEqual(parseDecimal(`1e${'9'.repeat(100_000)}`), { ok: false, reason: 'too_large' });
  assert.deepEqual(parseDecimal(`0.${'0'.repeat(100_000)}1`), { ok: false, reason: 'too_precise' });
  assert.deepEqual(parseDecimal(`1${'0'.repeat(100_000)}`), { ok: false, reason: 'too_large' });
  assert.equal(units(`1.${'0'.repeat(100_000)}`), ONE);
  assert.equal(units(`1${'0'.repeat(100_000)}e-100000`), ONE);
  assert.deepEqual(parseDecimal(`${'0'.repeat(100_000)}1`), { ok: false, reason: 'syntax' });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms`);
});

test('formatDecimal pads to a fixed number of fraction digits', () => {
  assert.equal(formatDecimal(100_100000000000000000n, 2), '100.10');
  assert.equal(formatDecimal(-500000000000000000n, 2), '-0.50');
  assert.equal(formatDecimal(units('100'), 0), '100');
  assert.equal(formatDecimal(units('-100'), 0), '-100');
  assert.equal(formatDecimal(ZERO, 0), '0');
  assert.equal(formatDecimal(ZERO, 3), '0.000');
  assert.equal(formatDecimal(1n, 18), '0.000000000000000001');
  assert.equal(formatDecimal(-1n, 18), '-0.000000000000000001');
  assert.equal(formatDecimal(units('1.23'), 8), '1.23000000');
  assert.equal(formatDecimal(10n ** 38n - 1n, 18), '99999999999999999999.999999999999999999');
});

test('formatDecimal refuses to round or take bad digit counts', () => {
  assert.throws(() => formatDecimal(units('1.234'), 2), assert.AssertionError);
  assert.throws(() => formatDecimal(units('0.5'), 0), assert.AssertionError);
  assert.throws(() => formatDecimal(1n, 17), assert.AssertionError);
  for (const digits of [-1, 19, 1.5, Number.NaN]) {
    assert.throws(() => formatDecimal(ONE, digits), assert.AssertionError, String(digits));
  }
});

test('formatCanonical is the shortest exact form', () => {
  assert.equal(formatCanonical(units('0.3')), '0.3');
  assert.equal(formatCanonical(units('100.000')), '100');
  assert.equal(formatCanonical(units('-1.50')), '-1.5');
  assert.equal(formatCanonical(ZERO), '0');
  assert.equal(formatCanonical(-1n), '-0.000000000000000001');
  assert.equal(formatCanonical(units('123456789.123456789')), '123456789.123456789');
  assert.equal(formatCanonical(10n ** 38n - 1n), '99999999999999999999.999999999999999999');
});

test('fractionDigitsOf counts significant fraction digits', () => {
  const cases: Array<[string, number]> = [
    ['0', 0],
    ['100', 0],
    ['100.10', 1],
    ['-0.05', 2],
    ['1.00000001', 8],
    ['0.000000000000000001', 18],
  ];
  for (const [text, digits] of cases) assert.equal(fractionDigitsOf(units(text)), digits, text);
});

/** mulberry32: a small seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('random values round-trip through text', () => {
  const random = prng(20240601);
  const limit = 10n ** 38n;
  for (let n = 0; n < 2000; n++) {
    const digitCount = 1 + Math.floor(random() * 38);
    let digits = '';
    for (let k = 0; k < digitCount; k++) digits += String(Math.floor(random() * 10));
    const magnitude = BigInt(digits) % limit;
    const value = random() < 0.5 ? -magnitude : magnitude;
    const canonical = formatCanonical(value);
    assert.equal(units(canonical), value, canonical);
    const fixed = formatDecimal(value, 18);
    assert.equal(units(fixed), value, fixed);
    assert.equal(formatDecimal(value, fractionDigitsOf(value)), canonical);
    const shifted = `${digits.replace(/^0+(?=.)/, '')}e-18`;
    assert.equal(units(shifted), BigInt(digits), shifted);
  }
});
