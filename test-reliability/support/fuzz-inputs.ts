// Hostile inputs for the fuzz test, all drawn from a seeded PRNG: values of the wrong type, missing
// and extra fields, huge, tiny and exotic numbers, "NaN"/"Infinity" strings, unicode (including lone
// surrogates, as escapes and as raw bytes; NUL; invalid UTF-8), 100k strings, deep nesting, broken
// JSON, wrong content types, bad and missing credentials, hostile query strings and paths, and IPv6
// spellings of IPv4 addresses for callback URLs.
import type { Prng } from './prng.js';

/** A JSON literal emitted verbatim (numbers JavaScript cannot hold, exponents, -0 …). */
export class Raw {
  constructor(readonly text: string) {}
}

export type Value = string | boolean | null | Raw | Value[] | { [key: string]: Value };

/** Serializes a Value; strings via JSON.stringify (a lone surrogate becomes a \ud800 escape). */
export function serialize(value: Value): string {
  if (value instanceof Raw) return value.text;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`)
    .join(',')}}`;
}

const raw = (text: string) => new Raw(text);

export const LONG_STRING_LENGTH = 100_000;

/** Nested arrays `depth` deep around a value. */
export function nested(depth: number, inner: Value = raw('1')): Value {
  let value = inner;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

export const HOSTILE_NUMBERS: readonly string[] = [
  '1e400',
  '-1e400',
  '-0',
  '0',
  '0.0',
  '-0.0',
  '0.0000000000000000001',
  '1e-19',
  '1e-7',
  '1E+2',
  '2.5e1',
  '1e18',
  '1e19',
  '1e20',
  '1e21',
  '1234567890123456789012345678901234567890',
  '-1234567890123456789012345678901234567890',
  '99999999999999999999',
  '99999999999999999999.99',
  '100000000000000000000',
  '99999999999999999999.999999999999999999',
  '123.456789012345678901',
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '4294967296',
  '9007199254740993',
  '-1',
  '0.1',
  '1.005',
  '0.01',
  '1',
  '7',
  '1e+0',
  '1e-0',
  '10e-1',
  '1.0000000000000000000000001',
  '0.000000000000000001',
  '1' + '0'.repeat(300),
  '0.' + '0'.repeat(400) + '1',
  '1e999999999999999999',
  '1e-999999999999999999',
];

export const HOSTILE_STRINGS: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '+Infinity',
  'nan',
  '1e400',
  '-0',
  '0x10',
  '0b11',
  '1_000',
  '１２３',
  '٣',
  ' 12 ',
  '12abc',
  '12.',
  '.5',
  '+1',
  '--1',
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '𝄞',
  '\u202e\u202dtxt',
  '\ufeff',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; drop table accounts; --',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  '%s%s%n',
  'USD',
  'usd',
  'BTC',
  'ACH',
  'wire',
  'SWIFT',
  'Accepted',
  'Rejected',
  'CUST',
  '2024-02-30T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1970-01-01',
  'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  'DE89370400440532013000',
  'DEUTDEFF',
  '021000021',
  '123456',
  '000000',
];

/** A hostile value for a field: numbers, strings, other types, long strings, nesting. */
export function hostileValue(rng: Prng): Value {
  return rng.weighted<() => Value>([
    [30, () => raw(rng.pick(HOSTILE_NUMBERS))],
    [30, () => rng.pick(HOSTILE_STRINGS)],
    [5, () => rng.pick([true, false, null])],
    [6, () => rng.pick<Value>([[], {}, [raw('1'), raw('2')], { a: raw('1') }, [null], { '': '' }])],
    [4, () => 'x'.repeat(LONG_STRING_LENGTH)],
    [2, () => '𝄞'.repeat(LONG_STRING_LENGTH / 2)],
    [3, () => nested(rng.int(5, 40))],
    [10, () => raw(String(rng.int(-5, 5000)))],
    [5, () => String(rng.int(-5, 5000))],
  ])();
}

/** Field names that collide with Object.prototype or probe the binder. */
export const HOSTILE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '$where',
  'a.b',
  'a[0]',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'k'.repeat(10_000),
];

/**
 * Byte sequences that are not UTF-8: bytes that never occur, overlong forms ("/", NUL), encoded
 * surrogates (CESU-8), sequences cut short, a code point above U+10FFFF, a lone continuation byte.
 */
export const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff, 0xfe],
  [0xc0, 0xaf],
  [0xc0, 0x80],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
];

/** Byte-level damage to a serialized body (the parser must still answer an envelope). */
export function damageBytes(rng: Prng, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const at = rng.int(0, bytes.length);
  const insertAt = (position: number, extra: Buffer) => Buffer.concat([bytes.subarray(0, position), extra, bytes.subarray(position)]);
  const insert = (extra: Buffer) => insertAt(at, extra);
  // Just inside a string (after an opening quote or before a closing one), where a lenient decoder would store U+FFFD.
  const quotes = [...bytes.keys()].filter((i) => bytes[i] === 0x22);
  const inString = () => (quotes.length === 0 ? at : rng.pick(quotes) + rng.int(0, 1));
  const invalid = () => Buffer.from(rng.pick(INVALID_UTF8));
  return rng.weighted<() => Buffer>([
    [3, () => bytes.subarray(0, at)], // truncated
    [3, () => insert(invalid())],
    [3, () => insertAt(inString(), invalid())],
    [1, () => Buffer.concat([bytes, Buffer.from([0xe2, 0x82])])], // a sequence cut short by the end of the body
    [1, () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])], // BOM
    [1, () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])], // UTF-16
    [2, () => insert(Buffer.from([0x00]))],
    [2, () => insert(Buffer.from(rng.pick([',', '}', ']', '"', ':', '{', '[', '\\', '\\u12', '/*c*/', 'NaN', 'Infinity', '-', '1e', "'"])))],
    [2, () => Buffer.from(text.replace(/}$/, ',}'))], // trailing comma
    [1, () => Buffer.from(text.replace(/"/g, "'"))], // single quotes
  ])();
}

/** `text` (serialized JSON) with invalid UTF-8 just inside one of its string values, or after a quote when it has none. */
export function invalidUtf8InString(rng: Prng, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const starts = [...text.matchAll(/:"/g)].map((m) => Buffer.byteLength(text.slice(0, m.index)) + 2);
  const quotes = [...bytes.keys()].filter((i) => bytes[i] === 0x22).map((i) => i + 1);
  const candidates = starts.length > 0 ? starts : quotes;
  const at = candidates.length === 0 ? bytes.length : rng.pick(candidates);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick(INVALID_UTF8)), bytes.subarray(at)]);
}

/** Whole bodies that are not what any route takes. */
export function hostileDocument(rng: Prng): string | Buffer {
  return rng.weighted<() => string | Buffer>([
    [2, () => rng.pick(['[]', '"x"', '1', 'null', 'true', '-0', '1e400', '""', '{}', ' ', '', '\n'])],
    [2, () => serialize(nested(rng.int(20, 40)))],
    [1, () => '['.repeat(100_000) + ']'.repeat(100_000)],
    [1, () => `{${Array.from({ length: 2_000 }, (_, i) => `"k${i}":1`).join(',')}}`], // more keys than allowed
    [1, () => `{"a":"${'x'.repeat(LONG_STRING_LENGTH)}"}`],
    [1, () => `{"a":${'9'.repeat(LONG_STRING_LENGTH)}}`],
    [1, () => Buffer.alloc(1_100_000, 0x20)], // above the body size limit
    [1, () => 'NaN'],
    [1, () => '{"a":1}{"b":2}'],
  ])();
}

export const HOSTILE_CONTENT_TYPES: readonly (string | null)[] = [
  null,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json-patch+json',
  'application/jsonx',
  'application/json, text/plain',
  'application/xml',
  '*/*',
  'application/json;;;',
  'x'.repeat(1_000),
];

/** encodeURIComponent, except that a lone surrogate becomes its raw 3-byte form (%ED%A0%80) instead of throwing. */
export function encodeLoose(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(text[i] as string);
  }
  return out;
}

/** Query-string values and shapes: repeated keys, brackets, broken percent escapes, 100k values. */
export function hostileQueryPart(rng: Prng, key: string): string {
  const enc = encodeLoose;
  return rng.weighted<() => string>([
    [8, () => `${key}=${enc(rng.pick(HOSTILE_STRINGS))}`],
    [6, () => `${key}=${enc(rng.pick(HOSTILE_NUMBERS))}`],
    [4, () => `${key}=1&${key}=2`],
    [2, () => `${key}=1&${key.toLowerCase()}=x&${key.toUpperCase()}=3`],
    [2, () => `${key}[]=1`],
    [1, () => `${key}[a]=1`],
    [2, () => `${key}`],
    [2, () => `${key}=`],
    [2, () => `${key}=${rng.pick(['%', '%Z', '%ZZ', '%ED%A0%80', '%C0%80', '%FF', '%00', 'a%00b', '%F0%9F%98%80', '+', '%2B1', '1%20', '%E2%80%AE'])}`],
    [1, () => `${key}%00=1`],
    [1, () => `${key.toLowerCase()}=1&${key.toUpperCase()}=2`],
    [1, () => `${key}=${'9'.repeat(LONG_STRING_LENGTH)}`],
    [1, () => `${key}=${'x'.repeat(LONG_STRING_LENGTH)}`],
    [1, () => `${rng.pick(['__proto__', 'constructor', 'toString', '', '%00'])}=1`],
    [1, () => Array.from({ length: 1_000 }, (_, i) => `k${i}=${i}`).join('&')],
  ])();
}

/** Damage to a route's path: trailing slashes, case, encodings, traversal, unicode. */
export function hostilePath(rng: Prng, url: string): string {
  return rng.weighted<() => string>([
    [2, () => `${url}/`],
    [2, () => url.toUpperCase()],
    [1, () => url.replace(/\//g, '//')],
    [1, () => `${url}/..`],
    [1, () => `${url}%00`],
    [1, () => `${url}/%2e%2e/%2e%2e/package.json`],
    [1, () => url.replace(/\/[^/]*$/, '/%ED%A0%80')],
    [1, () => `${url}/${'a'.repeat(10_000)}`],
    [1, () => `${url};jsessionid=1`],
    [1, () => `${url}%2F`],
    [1, () => url.replace(/^\/api/, '/API')],
  ])();
}

export const HOSTILE_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'POST'] as const;

/** IPv4 ranges a production callback URL must never reach (loopback, private, link-local, CGNAT, multicast, reserved…). */
export const REFUSED_IPV4_RANGES: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/** A random address inside `net/prefix`. */
export function ipv4In(rng: Prng, [net, prefix]: readonly [string, number]): string {
  const base = net.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const value = base + Math.floor(rng.next() * 2 ** (32 - prefix));
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** A public IPv4 address whose last three octets are nonzero (so no embedding below reads it two ways). */
export function publicIpv4(rng: Prng): string {
  return `${rng.pick([8, 9, 11, 23, 45, 52, 93, 151, 185])}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
}

/**
 * An IPv6 address that carries `ipv4`, in one of the transition forms (mapped, compatible,
 * translated, NAT64 well-known and local-use, 6to4) and spellings (dotted tail, hex, uncompressed,
 * upper case). The local-use prefix split at /64 is only drawn with `anyForm`: there a public
 * address can also read as a refused one at /96.
 */
export function ipv6Carrying(rng: Prng, ipv4: string, anyForm: boolean): { form: string; address: string } {
  const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
  const hex = (n: number) => n.toString(16);
  const [high, low] = [hex((a << 8) | b), hex((c << 8) | d)];
  const group = () => hex(rng.int(0, 0xffff));
  const forms: [string, string][] = [
    ['mapped', `::ffff:${ipv4}`],
    ['mapped', `::ffff:${high}:${low}`],
    ['mapped', `0:0:0:0:0:ffff:${high}:${low}`],
    ['compatible', `::${ipv4}`],
    ['compatible', `::${high}:${low}`],
    ['translated', `::ffff:0:${ipv4}`],
    ['translated', `::ffff:0:${high}:${low}`],
    ['NAT64', `64:ff9b::${ipv4}`],
    ['NAT64', `64:ff9b::${high}:${low}`],
    ['NAT64', `0064:ff9b:0000:0000:0000:0000:${high}:${low}`],
    ['NAT64 local-use /96', `64:ff9b:1::${high}:${low}`],
    ['6to4', `2002:${high}:${low}:${group()}::${group()}`],
    ['6to4', `2002:${high}:${low}::`],
  ];
  if (anyForm) forms.push(['NAT64 local-use /64', `64:ff9b:1:${group()}:${hex(a)}:${hex((b << 8) | c)}:${hex(d << 8)}:0`]);
  const [form, address] = rng.pick(forms);
  return { form, address: rng.chance(0.3) ? address.toUpperCase() : address };
}
