/**
 * JSON that keeps every digit.
 *
 * `JSON.parse` turns `0.1` into a binary float and `123456789.123456789123456789`
 * into a rounded one; for money that is silent corruption. This parser keeps each
 * number literal as its source text (`JsonNumber`), and the writer can emit exact
 * literals (`RawJson`, `JsonNumber`, `bigint`) that `JSON.stringify` cannot.
 */

/** A number literal from the input, kept verbatim; convert it with `parseDecimal`. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** Emitted verbatim by `stringifyExact`; the caller guarantees it is valid JSON. */
export class RawJson {
  constructor(readonly text: string) {}
}

export type JsonParseErrorKind = 'syntax' | 'depth' | 'size';

/** Messages never quote the input, so they are safe to return to clients. */
export class JsonParseError extends Error {
  override readonly name = 'JsonParseError';

  constructor(
    readonly description: string,
    readonly position: number,
    readonly kind: JsonParseErrorKind,
  ) {
    super(`${description} at position ${position}`);
  }
}

export type JsonLimits = {
  /** Nested arrays/objects allowed; `[]` has depth 1. */
  depthMax: number;
  /** Longest string (keys included), in UTF-16 code units after unescaping. */
  stringLengthMax: number;
  /** Members allowed per object; duplicates count, so work stays bounded by the limit. */
  keysMax: number;
};

/**
 * Parses RFC 8259 JSON; numbers become `JsonNumber`.
 *
 * Objects are ordinary objects (prototype `Object.prototype`), built exactly as
 * `JSON.parse` builds them: every member is defined as an own data property, so a
 * `"__proto__"` key is stored as data and never swaps the prototype, and keys
 * named after `Object.prototype` members shadow them instead of writing through.
 * We chose this over null-prototype objects so results stay interchangeable with
 * `JSON.parse` output (deep equality, libraries checking for plain objects).
 * Consumers must read members with `Object.keys`/`Object.entries`/`Object.hasOwn`,
 * not `in` or bare property reads of keys that may be absent.
 *
 * Stricter than `JSON.parse` in one way (I-JSON, RFC 7493): unpaired UTF-16
 * surrogates, escaped or raw, are rejected, because they cannot be encoded as
 * UTF-8 and would be silently replaced on the way to the database.
 *
 * A key named twice in one object keeps its last value, as with `JSON.parse`, and
 * is remembered: `repeatedKeysOf(object)`. I-JSON forbids such input, but whether
 * to refuse it, and under which field name, is the consumer's call.
 *
 * @throws JsonParseError
 */
export function parseExactJson(text: string, limits: JsonLimits): unknown {
  return new Parser(text, limits).parseDocument();
}

/** Parsed objects whose input named a key more than once, with those keys. */
const repeatedKeys = new WeakMap<object, Set<string>>();

/** The keys the input named more than once in `members`, an object `parseExactJson` built (else none). */
export function repeatedKeysOf(members: object): readonly string[] {
  const keys = repeatedKeys.get(members);
  return keys === undefined ? [] : [...keys];
}

function noteRepeatedKey(members: object, key: string): void {
  const keys = repeatedKeys.get(members);
  if (keys === undefined) repeatedKeys.set(members, new Set([key]));
  else keys.add(key);
}

type ArrayFrame = { readonly kind: 'array'; readonly items: unknown[] };
type ObjectFrame = { readonly kind: 'object'; readonly members: Record<string, unknown>; key: string; count: number };
type Frame = ArrayFrame | ObjectFrame;

/** Returned instead of a value when a container was opened or continued: parse the next value. */
const MORE: unique symbol = Symbol('more');

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;

const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [QUOTE, '"'],
  [BACKSLASH, '\\'],
  [SLASH, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
]);
const LOWER_U = 0x75;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function hexValue(c: number): number {
  if (c >= DIGIT_0 && c <= DIGIT_9) return c - DIGIT_0;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * Same result as JSON.parse's CreateDataProperty: never runs an inherited setter
 * (`__proto__`) nor trips over a frozen inherited property (`constructor`). Plain
 * assignment is equivalent, and twice as fast, when nothing of that name is inherited.
 */
function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(Object.prototype, key)) {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Iterative parser: nesting lives in `stack`, not the call stack, so no input can
 * cause a RangeError; the depth limit only bounds memory and consumer recursion.
 */
class Parser {
  private pos = 0;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly limits: JsonLimits,
  ) {}

  parseDocument(): unknown {
    const value = this.parseValues();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected character after value');
    return value;
  }

  private parseValues(): unknown {
    for (;;) {
      let value = this.beginValue();
      while (value !== MORE) {
        const frame = this.stack[this.stack.length - 1];
        if (frame === undefined) return value;
        value = frame.kind === 'array' ? this.continueArray(frame, value) : this.continueObject(frame, value);
      }
    }
  }

  /** A complete scalar or empty container, or MORE after opening a non-empty container. */
  private beginValue(): unknown {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === LEFT_BRACE) return this.openObject();
    if (c === LEFT_BRACKET) return this.openArray();
    if (c === QUOTE) return this.parseString();
    if (c === MINUS || isDigit(c)) return this.parseNumber();
    if (c === 0x74) return this.parseLiteral('true', true);
    if (c === 0x66) return this.parseLiteral('false', false);
    if (c === 0x6e) return this.parseLiteral('null', null);
    return this.fail(Number.isNaN(c) ? 'unexpected end of input' : 'unexpected character');
  }

  private enterContainer(): void {
    if (this.stack.length >= this.limits.depthMax) this.fail('nesting too deep', 'depth');
    this.pos++;
    this.skipWhitespace();
  }

  private openArray(): unknown {
    this.enterContainer();
    const items: unknown[] = [];
    if (this.text.charCodeAt(this.pos) === RIGHT_BRACKET) {
      this.pos++;
      return items;
    }
    this.stack.push({ kind: 'array', items });
    return MORE;
  }

  private openObject(): unknown {
    this.enterContainer();
    const members: Record<string, unknown> = {};
    if (this.text.charCodeAt(this.pos) === RIGHT_BRACE) {
      this.pos++;
      return members;
    }
    const frame: ObjectFrame = { kind: 'object', members, key: '', count: 0 };
    this.stack.push(frame);
    this.readKey(frame);
    return MORE;
  }

  /** Reads `"key" :` with the position at the key's opening quote (whitespace skipped). */
  private readKey(frame: ObjectFrame): void {
    if (this.text.charCodeAt(this.pos) !== QUOTE) this.fail('expected string key');
    frame.count++;
    if (frame.count > this.limits.keysMax) this.fail('too many keys', 'size');
    frame.key = this.parseString();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== COLON) this.fail("expected ':'");
    this.pos++;
  }

  private continueArray(frame: ArrayFrame, value: unknown): unknown {
    frame.items.push(value);
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.pos);
    this.pos++;
    if (c === COMMA) return MORE;
    if (c === RIGHT_BRACKET) {
      this.stack.pop();
      return frame.items;
    }
    return this.fail("expected ',' or ']'", 'syntax', this.pos - 1);
  }

  private continueObject(frame: ObjectFrame, value: unknown): unknown {
    if (Object.hasOwn(frame.members, frame.key)) noteRepeatedKey(frame.members, frame.key);
    defineMember(frame.members, frame.key, value);
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.pos);
    this.pos++;
    if (c === COMMA) {
      this.skipWhitespace();
      this.readKey(frame);
      return MORE;
    }
    if (c === RIGHT_BRACE) {
      this.stack.pop();
      return frame.members;
    }
    return this.fail("expected ',' or '}'", 'syntax', this.pos - 1);
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('unexpected character');
    this.pos += word.length;
    return value;
  }

  /** Validates `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?` and keeps the text. */
  private parseNumber(): JsonNumber {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === MINUS) i++;
    const first = text.charCodeAt(i);
    if (first === DIGIT_0) i++;
    else if (isDigit(first)) i = this.skipDigits(i + 1);
    else this.fail('invalid number', 'syntax', start);
    if (text.charCodeAt(i) === DOT) i = this.requireDigits(i + 1, start);
    const e = text.charCodeAt(i);
    if (e === LOWER_E || e === UPPER_E) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === PLUS || sign === MINUS) i++;
      i = this.requireDigits(i, start);
    }
    this.pos = i;
    return new JsonNumber(text.slice(start, i));
  }

  private skipDigits(from: number): number {
    let i = from;
    while (isDigit(this.text.charCodeAt(i))) i++;
    return i;
  }

  private requireDigits(from: number, numberStart: number): number {
    if (!isDigit(this.text.charCodeAt(from))) this.fail('invalid number', 'syntax', numberStart);
    return this.skipDigits(from + 1);
  }

  /** Copies unescaped runs in slices; the length limit is checked before each code unit. */
  private parseString(): string {
    const text = this.text;
    const start = this.pos;
    const max = this.limits.stringLengthMax;
    let out = '';
    let run = start + 1;
    let i = run;
    for (;;) {
      if (out.length + (i - run) > max) this.fail('string too long', 'size', start);
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return out + text.slice(run, i);
      }
      if (c === BACKSLASH) {
        out += text.slice(run, i);
        this.pos = i;
        out += this.parseEscape();
        run = i = this.pos;
      } else if (c >= SPACE && !isHighSurrogate(c) && !isLowSurrogate(c)) {
        i++;
      } else {
        i = this.checkRawUnit(c, i, start);
      }
    }
  }

  /** Raw code units that need care: end of input, control characters, surrogates. */
  private checkRawUnit(c: number, i: number, stringStart: number): number {
    if (Number.isNaN(c)) return this.fail('unterminated string', 'syntax', stringStart);
    if (c < SPACE) return this.fail('control character in string', 'syntax', i);
    if (isHighSurrogate(c) && isLowSurrogate(this.text.charCodeAt(i + 1))) return i + 2;
    return this.fail('unpaired surrogate', 'syntax', i);
  }

  /** Position at the backslash; leaves it after the escape. */
  private parseEscape(): string {
    const at = this.pos;
    const c = this.text.charCodeAt(at + 1);
    const simple = SIMPLE_ESCAPES.get(c);
    if (simple !== undefined) {
      this.pos = at + 2;
      return simple;
    }
    if (c !== LOWER_U) return this.fail('invalid escape', 'syntax', at);
    const unit = this.readHex4(at + 2);
    if (!isHighSurrogate(unit) && !isLowSurrogate(unit)) {
      this.pos = at + 6;
      return String.fromCharCode(unit);
    }
    const pairs = isHighSurrogate(unit) && this.text.charCodeAt(at + 6) === BACKSLASH && this.text.charCodeAt(at + 7) === LOWER_U && isLowSurrogate(this.readHex4(at + 8));
    if (!pairs) this.fail('unpaired surrogate', 'syntax', at);
    this.pos = at + 12;
    return String.fromCharCode(unit, this.readHex4(at + 8));
  }

  private readHex4(from: number): number {
    let value = 0;
    for (let k = 0; k < 4; k++) {
      const digit = hexValue(this.text.charCodeAt(from + k));
      if (digit < 0) this.fail('invalid unicode escape', 'syntax', from - 2);
      value = value * 16 + digit;
    }
    return value;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
      i++;
    }
    this.pos = i;
  }

  private fail(description: string, kind: JsonParseErrorKind = 'syntax', position = this.pos): never {
    throw new JsonParseError(description, position, kind);
  }
}

/**
 * Compact JSON with `JSON.stringify` semantics (toJSON, boxed primitives, skipped
 * `undefined`, non-finite → null, TypeError on cycles), plus exact literals:
 * `RawJson` and `JsonNumber` verbatim, `bigint` as its digits.
 *
 * @throws TypeError for a circular structure, or when the value itself is not
 *   serializable (undefined, function, symbol), where `JSON.stringify` would
 *   return undefined.
 */
export function stringifyExact(value: unknown): string {
  const json = new Writer().write(value, '');
  if (json === undefined) throw new TypeError('stringifyExact: value is not serializable');
  return json;
}

/** Characters JSON.stringify escapes (a paired surrogate also matches, harmlessly). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify's string quoting, skipping the native call for the common clean string. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

class Writer {
  /** Objects currently being written, to detect cycles as JSON.stringify does. */
  private readonly ancestors = new Set<object>();

  /** Undefined where JSON omits the value (undefined, functions, symbols). */
  write(input: unknown, key: string | number): string | undefined {
    let value = input;
    if (typeof value === 'object' && value !== null && !(value instanceof RawJson) && !(value instanceof JsonNumber)) {
      const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') value = toJSON.call(value, String(key)) as unknown;
    }
    switch (typeof value) {
      case 'string':
        return quote(value);
      case 'number':
        return Number.isFinite(value) ? String(value) : 'null';
      case 'boolean':
        return value ? 'true' : 'false';
      case 'bigint':
        return value.toString();
      case 'object':
        return value === null ? 'null' : this.writeObject(value);
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
  }

  private writeObject(value: object): string {
    if (value instanceof RawJson || value instanceof JsonNumber) return value.text;
    if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt) {
      return this.write(value.valueOf(), '') ?? 'null';
    }
    if (this.ancestors.has(value)) throw new TypeError('stringifyExact: circular structure');
    this.ancestors.add(value);
    const json = Array.isArray(value) ? this.writeArray(value) : this.writeMembers(value as Record<string, unknown>);
    this.ancestors.delete(value);
    return json;
  }

  private writeArray(items: readonly unknown[]): string {
    let json = '[';
    for (let i = 0; i < items.length; i++) {
      if (i > 0) json += ',';
      json += this.write(items[i], i) ?? 'null';
    }
    return json + ']';
  }

  private writeMembers(members: Record<string, unknown>): string {
    let json = '{';
    let first = true;
    for (const key of Object.keys(members)) {
      const member = this.write(members[key], key);
      if (member === undefined) continue;
      json += (first ? '' : ',') + quote(key) + ':' + member;
      first = false;
    }
    return json + '}';
  }
}
