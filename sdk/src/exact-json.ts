/**
 * JSON without floats. `JSON.parse` turns `0.1` into a binary float and `123456789.123456789123456789`
 * into a rounded one; for money that is silent corruption. `parseExact` keeps every number literal
 * as its text, then `fromJsonTree` turns the ones at decimal paths (amounts) into strings and the
 * others into numbers only when that loses nothing (a safe integer); any other number stays a string.
 *
 * Paths name members from the root: `details.amount`, `details[].totalBalance` (`[]`: every item).
 */
export type DecimalPaths = ReadonlySet<string>;

class NumberText {
  constructor(readonly text: string) {}
}

const DEPTH_MAX = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings forbid raw control characters (U+0000–U+001F): the class excludes them on purpose.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Parses JSON text, keeping numbers as `NumberText`; throws SyntaxError on malformed input. */
function parseTree(text: string): unknown {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(`malformed JSON at position ${at}`);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const match = (pattern: RegExp): string | null => {
    pattern.lastIndex = at;
    const found = pattern.exec(text);
    if (found === null) return null;
    at += found[0].length;
    return found[0];
  };
  const value = (depth: number): unknown => {
    if (depth > DEPTH_MAX) fail();
    space();
    const char = text.charAt(at);
    if (char === '{') {
      at++;
      const out: Record<string, unknown> = {};
      space();
      if (text.charAt(at) === '}') return (at++, out);
      for (;;) {
        space();
        const key = match(STRING) ?? fail();
        space();
        if (text.charAt(at++) !== ':') fail();
        Object.defineProperty(out, JSON.parse(key) as string, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        space();
        const next = text.charAt(at++);
        if (next === '}') return out;
        if (next !== ',') fail();
      }
    }
    if (char === '[') {
      at++;
      const out: unknown[] = [];
      space();
      if (text.charAt(at) === ']') return (at++, out);
      for (;;) {
        out.push(value(depth + 1));
        space();
        const next = text.charAt(at++);
        if (next === ']') return out;
        if (next !== ',') fail();
      }
    }
    if (char === '"') return JSON.parse(match(STRING) ?? fail()) as string;
    for (const [word, result] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) return ((at += word.length), result);
    }
    const number = match(NUMBER);
    return number === null ? fail() : new NumberText(number);
  };
  const result = value(0);
  space();
  if (at !== text.length) fail();
  return result;
}

function convert(node: unknown, path: string, decimals: DecimalPaths): unknown {
  if (node instanceof NumberText) {
    if (decimals.has(path)) return node.text;
    const n = Number(node.text);
    return /^-?\d+$/.test(node.text) && Number.isSafeInteger(n) ? n : node.text;
  }
  if (Array.isArray(node)) return node.map((item) => convert(item, `${path}[]`, decimals));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) {
      Object.defineProperty(out, key, { value: convert(item, path === '' ? key : `${path}.${key}`, decimals), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return node;
}

/** Parses JSON exactly: numbers at `decimals` paths become their literal text, no value is ever rounded. */
export function parseExact(text: string, decimals: DecimalPaths = new Set()): unknown {
  return convert(parseTree(text), '', decimals);
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Whether a string is an exact decimal literal (`-12.50`, `0.00000001`). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/**
 * Writes JSON with the members at `decimals` paths as number literals taken from their string (or
 * bigint) value, verbatim. A JavaScript number there is refused: it may already have been rounded.
 */
export function stringifyExact(value: unknown, decimals: DecimalPaths = new Set(), path = ''): string {
  if (decimals.has(path) && value !== undefined && value !== null) {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'string' && isDecimalText(value.trim())) return value.trim();
    if (typeof value === 'number') throw new TypeError(`${path} is an amount: pass it as a decimal string ("12.50"), never a JavaScript number`);
    throw new TypeError(`${path} is not a decimal literal: ${JSON.stringify(value)}`);
  }
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map((item) => stringifyExact(item ?? null, decimals, `${path}[]`)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${members.map(([key, item]) => `${JSON.stringify(key)}:${stringifyExact(item, decimals, path === '' ? key : `${path}.${key}`)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
