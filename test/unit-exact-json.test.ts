import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonNumber, JsonParseError, RawJson, parseExactJson, repeatedKeysOf, stringifyExact, type JsonLimits, type JsonParseErrorKind } from '../src/shared/exact-json.js';

const LIMITS: JsonLimits = { depthMax: 64, stringLengthMax: 10_000, keysMax: 1_000 };

function parse(text: string, limits: JsonLimits = LIMITS): unknown {
  return parseExactJson(text, limits);
}

function assertParseError(text: string, kind: JsonParseErrorKind, limits: JsonLimits = LIMITS): JsonParseError {
  let caught: unknown;
  try {
    parse(text, limits);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof JsonParseError, `expected JsonParseError for ${JSON.stringify(text.slice(0, 40))}, got ${String(caught)}`);
  assert.equal(caught.kind, kind, `kind for ${JSON.stringify(text.slice(0, 40))}: ${caught.message}`);
  return caught;
}

test('0.1 stays 0.1 through parse and stringify', () => {
  const value = parse('{"amount":0.1}');
  assert.deepEqual(value, { amount: new JsonNumber('0.1') });
  assert.equal(stringifyExact(value), '{"amount":0.1}');
});

test('long decimals keep every digit', () => {
  const text = '{"amount":123456789.123456789123456789,"list":[-0.000000000000000001,1e400,-1E-400,0,-0,1.50]}';
  const value = parse(text);
  assert.equal(stringifyExact(value), text);
  const amount = (value as Record<string, unknown>)['amount'];
  assert.ok(amount instanceof JsonNumber);
  assert.equal(amount.text, '123456789.123456789123456789');
  assert.equal(stringifyExact(parse(' 123456789.123456789123456789 ')), '123456789.123456789123456789');
});

test('validates number grammar', () => {
  for (const text of ['0', '-0', '1', '-1', '10', '1.5', '0.5', '1e5', '1E+5', '1e-5', '-0.0e0', '12345678901234567890123']) {
    assert.deepEqual(parse(text), new JsonNumber(text), text);
  }
  const bad = ['01', '-01', '00', '-', '+1', '1.', '.1', '-.1', '1e', '1e+', '1.e5', 'NaN', 'Infinity', '-Infinity', '0x1', '1_0', '--1', '[01]', '[1.]', '{"a":-}'];
  for (const text of bad) assertParseError(text, 'syntax');
});

test('parses literals, containers and whitespace', () => {
  assert.equal(parse('true'), true);
  assert.equal(parse('false'), false);
  assert.equal(parse('null'), null);
  assert.deepEqual(parse(' \t\r\n[ 1 , { "a" : [ ] , "b" : { } } , "x" ] \n'), [new JsonNumber('1'), { a: [], b: {} }, 'x']);
  assert.deepEqual(parse('{"a":1,"b":2,"a":3}'), { a: new JsonNumber('3'), b: new JsonNumber('2') });
  assert.deepEqual(Object.keys(parse('{"b":1,"a":2,"b":3,"2":0,"1":0}') as object), Object.keys(JSON.parse('{"b":1,"a":2,"b":3,"2":0,"1":0}') as object));
});

test('rejects malformed documents', () => {
  const bad = [
    '',
    ' ',
    '\uFEFF1',
    'tru',
    'nul',
    'True',
    'undefined',
    '1 2',
    '{}x',
    '[]]',
    '[1,]',
    '[,1]',
    '[1 2]',
    '{"a":1,}',
    '{,}',
    "{'a':1}",
    '{a:1}',
    '{"a" 1}',
    '{"a":}',
    '{"a"}',
    '{1:1}',
    '[',
    '{',
    '{"a":1',
    '[1',
    '"abc',
    '"\\',
    '//x\n1',
    '/*x*/1',
    '[1]\u00a0',
    '\u000b1',
    'truex',
  ];
  for (const text of bad) assertParseError(text, 'syntax');
});

test('decodes escapes and unicode', () => {
  assert.equal(parse(String.raw`"\" \\ \/ \b \f \n \r \t"`), '" \\ / \b \f \n \r \t');
  assert.equal(parse(String.raw`"\u00e9\u00E9\u20AC\u0000"`), 'éé€\u0000');
  assert.equal(parse(String.raw`"\ud83d\ude00"`), '😀');
  assert.equal(parse(String.raw`"\uD83D\uDE00"`), '😀');
  assert.equal(parse('"😀 é \u2028 \u007f"'), '😀 é \u2028 \u007f');
  const escapedKey = parse(String.raw`{"\u005f_proto__":1}`) as object;
  assert.deepEqual(Object.keys(escapedKey), ['__proto__']);
  assert.equal(Object.getPrototypeOf(escapedKey), Object.prototype);
});

test('rejects invalid escapes, control characters and unpaired surrogates', () => {
  const bad = [
    String.raw`"\x41"`,
    String.raw`"\a"`,
    String.raw`"\u12G4"`,
    String.raw`"\u123"`,
    String.raw`"\u"`,
    String.raw`"\U0041"`,
    '"\u0001"',
    '"a\nb"',
    '"\t"',
    '"\u001f"',
    String.raw`"\ud83d"`,
    String.raw`"\ude00"`,
    String.raw`"\ud83dx"`,
    String.raw`"\ud83d\u0041"`,
    String.raw`"\ude00\ud83d"`,
    '"\ud83d"',
    '"\ude00"',
    '"\ud83da"',
  ];
  for (const text of bad) assertParseError(text, 'syntax');
});

test('error messages are short and never echo the input', () => {
  const secret = 'x'.repeat(5_000);
  const error = assertParseError(`{"a":${secret}}`, 'syntax');
  assert.equal(error.position, 5);
  assert.ok(error.message.length < 80, error.message);
  assert.ok(!error.message.includes('xx'), error.message);
  assert.equal(assertParseError('[1,2,]', 'syntax').position, 5);
  assert.equal(assertParseError('"ab\u0001"', 'syntax').position, 3);
});

test('depth limit counts nested containers and never overflows the stack', () => {
  assert.deepEqual(parse('[[1]]', { ...LIMITS, depthMax: 2 }), [[new JsonNumber('1')]]);
  assert.deepEqual(parse('{"a":{}}', { ...LIMITS, depthMax: 2 }), { a: {} });
  assertParseError('[[[1]]]', 'depth', { ...LIMITS, depthMax: 2 });
  assertParseError('{"a":{"b":{}}}', 'depth', { ...LIMITS, depthMax: 2 });
  assertParseError('[]', 'depth', { ...LIMITS, depthMax: 0 });
  assert.equal(parse('1', { ...LIMITS, depthMax: 0 }) instanceof JsonNumber, true);

  const deep = '['.repeat(100_000);
  assert.equal(assertParseError(deep, 'depth').position, 64);
  assertParseError('{"a":'.repeat(100_000), 'depth');
  // With no effective limit the iterative parser still cannot overflow; it just finds the missing brackets.
  assertParseError(deep, 'syntax', { ...LIMITS, depthMax: Number.MAX_SAFE_INTEGER });
  const balanced = parse('['.repeat(100_000) + ']'.repeat(100_000), { ...LIMITS, depthMax: 100_000 });
  assert.ok(Array.isArray(balanced));
});

test('size limits on strings and keys', () => {
  const limits = { ...LIMITS, stringLengthMax: 3, keysMax: 2 };
  assert.equal(parse('"abc"', limits), 'abc');
  assert.equal(parse(String.raw`"\n\n\n"`, limits), '\n\n\n');
  assert.equal(parse('"a😀"', limits), 'a😀');
  assertParseError('"abcd"', 'size', limits);
  assertParseError(String.raw`"ab\n\n"`, 'size', limits);
  assertParseError(String.raw`"ab\ud83d\ude00"`, 'size', limits);
  assertParseError('{"abcd":1}', 'size', limits);
  assert.equal(assertParseError(`"${'a'.repeat(1_000_000)}"`, 'size', limits).position, 0);
  assert.deepEqual(parse('{"a":1,"b":2}', limits), { a: new JsonNumber('1'), b: new JsonNumber('2') });
  assert.equal(assertParseError('{"a":1,"b":2,"c":3}', 'size', limits).position, 13);
  assertParseError('{"a":1,"a":2,"a":3}', 'size', limits);
  assert.deepEqual(parse('[{"a":1,"b":2},{"a":1,"b":2}]', limits), [
    { a: new JsonNumber('1'), b: new JsonNumber('2') },
    { a: new JsonNumber('1'), b: new JsonNumber('2') },
  ]);
});

test('__proto__ and constructor keys stay own data properties', () => {
  const text = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"nested":[{"__proto__":[]}]}';
  const value = parse(text) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.ok(Object.hasOwn(value, '__proto__'));
  assert.ok(Object.hasOwn(value, 'constructor'));
  assert.deepEqual(Object.keys(value), ['__proto__', 'constructor', 'nested']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(value, '__proto__'), {
    value: { polluted: true },
    writable: true,
    enumerable: true,
    configurable: true,
  });
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  const nested = (value['nested'] as Array<Record<string, unknown>>)[0];
  assert.ok(nested !== undefined && Object.getPrototypeOf(nested) === Object.prototype);
  assert.deepEqual(value, JSON.parse(text));
  assert.equal(stringifyExact(value), text);
  assert.equal(stringifyExact(parse('{"__proto__":1,"__proto__":2}')), '{"__proto__":2}');
});

test('a key named twice keeps the last value, as JSON.parse does, and is remembered on its object', () => {
  const text = '{"a":"1","b":{"c":"1","c":"2","C":"3","c":"4"},"a":"2","l":[{"x":"1","x":"2"}],"__proto__":"1","__proto__":"2"}';
  const value = parse(text) as { b: object; l: object[] };
  assert.deepEqual(value, JSON.parse(text));
  assert.deepEqual(repeatedKeysOf(value), ['a', '__proto__']);
  assert.deepEqual(repeatedKeysOf(value.b), ['c'], 'each key once, exact spelling only (C is another key)');
  assert.deepEqual(repeatedKeysOf(value.l[0] as object), ['x']);
  assert.deepEqual(repeatedKeysOf(parse('{"a":1,"A":2}') as object), []);
  assert.deepEqual(repeatedKeysOf(JSON.parse('{"a":1,"a":2}') as object), [], 'objects the parser did not build have none');
});

test('stringifyExact emits exact literals', () => {
  assert.equal(stringifyExact(new RawJson('1.10')), '1.10');
  assert.equal(
    stringifyExact({ a: new RawJson('100.10'), b: [new JsonNumber('1e400'), 12345678901234567890123n, -5n, 0n] }),
    '{"a":100.10,"b":[1e400,12345678901234567890123,-5,0]}',
  );
  assert.equal(stringifyExact(Object(7n)), '7');
});

test('stringifyExact matches JSON.stringify semantics', () => {
  const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
  const withToJSON = { toJSON: (key: string) => `key:${key}` };
  const sparse: unknown[] = [];
  sparse[2] = 1;
  const cases: unknown[] = [
    null,
    true,
    false,
    0,
    -0,
    1.5,
    -1e-7,
    1e21,
    2 ** 53 + 2,
    Number.NaN,
    Infinity,
    -Infinity,
    '',
    'a"b\\c',
    '\u0000\u001f\u007f\u2028\u2029',
    '\ud800',
    'x\udc00y',
    '😀',
    date,
    new Date(Number.NaN),
    [undefined, () => 1, Symbol('s'), date],
    { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
    sparse,
    { x: withToJSON, y: [withToJSON] },
    new Number(3),
    new String('s'),
    new Boolean(false),
    new Map([[1, 2]]),
    new Set([1]),
    { '': 1, é: 2, '"': 3, '\n': 4, 2: 5, 1: 6 },
    Object.create(null) as unknown,
    new Uint8Array([1, 2]),
    [[[]], {}],
  ];
  for (const value of cases) assert.equal(stringifyExact(value), JSON.stringify(value));
});

test('stringifyExact rejects cycles and unserializable roots', () => {
  const cycle: Record<string, unknown> = {};
  cycle['self'] = [cycle];
  assert.throws(() => stringifyExact(cycle), TypeError);
  for (const value of [undefined, () => 1, Symbol('s')]) assert.throws(() => stringifyExact(value), TypeError);
  const shared = { a: 1 };
  assert.equal(stringifyExact([shared, shared]), '[{"a":1},{"a":1}]');
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

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  assert.ok(item !== undefined);
  return item;
}

const UNITS = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', '€', '\u2028', '😀', '0', '-'];
const KEYS = ['', 'a', 'b', 'amount', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '1', '10', '-1', 'é'];

function randomString(random: Random, loneSurrogates: boolean): string {
  let text = '';
  const length = Math.floor(random() * 8);
  for (let i = 0; i < length; i++) {
    text += loneSurrogates && random() < 0.05 ? pick(random, ['\ud800', '\udfff']) : pick(random, UNITS);
  }
  return text;
}

type Options = { numbers: boolean; loneSurrogates: boolean };

function randomValue(random: Random, depth: number, options: Options): unknown {
  const roll = random();
  if (depth > 0 && roll < 0.2) {
    return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth - 1, options));
  }
  if (depth > 0 && roll < 0.4) {
    const object: Record<string, unknown> = {};
    const count = Math.floor(random() * 6);
    for (let i = 0; i < count; i++) {
      const key = random() < 0.5 ? pick(random, KEYS) : randomString(random, options.loneSurrogates);
      Object.defineProperty(object, key, { value: randomValue(random, depth - 1, options), writable: true, enumerable: true, configurable: true });
    }
    return object;
  }
  if (roll < 0.6) return randomString(random, options.loneSurrogates);
  if (options.numbers && roll < 0.75) return pick(random, [0, -1, 0.1, 1e21, 5e-324, -1.7976931348623157e308, 123.456]) * (random() < 0.5 ? 1 : -random());
  return pick(random, [true, false, null]);
}

function withoutNumbers(value: unknown): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(withoutNumbers);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, withoutNumbers(member)]));
  }
  return value;
}

test('random non-number documents parse like JSON.parse', () => {
  const random = prng(0x1ba7e7a);
  const limits = { depthMax: 64, stringLengthMax: 1_000, keysMax: 100 };
  for (let n = 0; n < 2_000; n++) {
    const doc = randomValue(random, 5, { numbers: false, loneSurrogates: false });
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc, null, '\t')]) {
      assert.deepEqual(parseExactJson(text, limits), JSON.parse(text), text);
      assert.equal(stringifyExact(parseExactJson(text, limits)), JSON.stringify(JSON.parse(text)));
    }
  }
});

test('random documents stringify like JSON.stringify', () => {
  const random = prng(0x5eed);
  for (let n = 0; n < 2_000; n++) {
    const doc = randomValue(random, 5, { numbers: true, loneSurrogates: true });
    assert.equal(stringifyExact(doc), JSON.stringify(doc));
  }
});

test('numbers written by JSON.stringify survive parse and stringify verbatim', () => {
  const random = prng(42);
  const limits = { depthMax: 64, stringLengthMax: 1_000, keysMax: 100 };
  for (let n = 0; n < 1_000; n++) {
    const text = JSON.stringify(randomValue(random, 5, { numbers: true, loneSurrogates: false }));
    const value = parseExactJson(text, limits);
    assert.equal(stringifyExact(value), text);
    assert.deepEqual(withoutNumbers(value), JSON.parse(text));
  }
});
