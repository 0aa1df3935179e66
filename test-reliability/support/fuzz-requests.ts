// The fuzz test's request generator and answer judge, kept apart from the test so that they can be
// exercised on their own (many seeds, no server). Every choice comes from the seeded PRNG.
import { isUtf8 } from 'node:buffer';
import type { LightMyRequestResponse } from 'fastify';
import type { RouteEntry } from '../../src/app.js';
import { MESSAGE_CODES } from '../../src/shared/error-catalog.js';
import {
  damageBytes,
  encodeLoose,
  HOSTILE_CONTENT_TYPES,
  HOSTILE_KEYS,
  HOSTILE_METHODS,
  hostileDocument,
  hostilePath,
  hostileQueryPart,
  hostileValue,
  invalidUtf8InString,
  Raw,
  serialize,
  type Value,
} from './fuzz-inputs.js';
import type { Prng } from './prng.js';

export const BTC_TESTNET_ADDRESS = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';

export type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; anyOf?: Schema[]; enum?: unknown[]; type?: string };
export type Json = Record<string, unknown>;

export interface Fixture {
  readonly username: string;
  readonly token: string;
  /** The principal's current TOTP. */
  otp(): string;
  /** Ids that exist (customers, accounts, transactions, payees): the binder passes them, the use case runs. */
  readonly ids: readonly number[];
  /** The same ids by what they name, for requests that should get past the lookups. */
  readonly idsByKind: Readonly<Record<IdKind, readonly number[]>>;
}

export type IdKind = 'customer' | 'account' | 'transaction' | 'payee';

/** What an id field names, by its name (`SourceAccountId`, `CustomerAssetAccountsId` → account). */
function idKind(name: string): IdKind {
  const lower = name.toLowerCase();
  if (lower.includes('payee')) return 'payee';
  if (lower.includes('transaction')) return 'transaction';
  return lower.includes('account') ? 'account' : 'customer';
}

export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  /** What was damaged, for the failure message. */
  readonly note: string[];
  /** Why the request must be refused (a 4xx) whatever else it holds, when it must. */
  readonly mustReject?: string;
}

/** Valid-looking values for fields, by name (any case), so that one damaged field is what fails. */
const FILLER_BY_FIELD: Readonly<Record<string, () => Value>> = {
  name: () => 'Fuzz',
  asset: () => 'USD',
  amount: () => new Raw('1.00'),
  transfertype: () => 'ACH',
  destinationaddress: () => BTC_TESTNET_ADDRESS,
  verificationstatus: () => 'Accepted',
  reasoncode: () => 'CUST',
  reference: () => 'fuzz',
  routingnumber: () => '021000021',
  accountnumber: () => '123456789',
  countrycode: () => 'USA',
  purposecode: () => 'PUC001',
  swiftcode: () => 'DEUTDEFF',
  iban: () => 'DE89370400440532013000',
  emailaddress: () => 'fuzz@example.com',
  dateofbirth: () => '1990-01-01',
  nationalityiso: () => 'USA',
  addresscountryiso: () => 'USA',
};

const unwrap = (s: Schema): Schema => s.anyOf?.find((x) => x.type !== 'null') ?? s;

/** `precise`: ids of the kind the field names, so that the request gets past its lookups. */
function validValue(rng: Prng, name: string, schema: Schema, fx: Fixture, precise = false): Value {
  const s = unwrap(schema);
  const pool = fx.idsByKind[idKind(name)];
  if (s['x-bind'] === 'id' && precise && pool.length > 0) return new Raw(String(rng.pick(pool)));
  if (s['x-bind'] === 'id') return new Raw(String(rng.chance(0.85) ? rng.pick(fx.ids) : rng.int(1, 10_000)));
  const byName = FILLER_BY_FIELD[name.toLowerCase()];
  if (byName !== undefined) return byName();
  if (Array.isArray(s.enum)) return String(rng.pick(s.enum));
  if (s.type === 'integer' || s.type === 'number') return new Raw(String(rng.int(1, 3)));
  if (s.type === 'boolean') return rng.chance(0.5);
  if (s.type === 'array') return [];
  if (s.type === 'object') return validObject(rng, s, fx, precise);
  return s.format === 'date-time' ? new Date().toISOString() : 'fuzz';
}

function validObject(rng: Prng, schema: Schema, fx: Fixture, precise = false): { [key: string]: Value } {
  const required = new Set(schema.required ?? []);
  const out: { [key: string]: Value } = {};
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    if (required.has(name) || rng.chance(0.5)) out[name] = validValue(rng, name, field, fx, precise);
  }
  return out;
}

/** Sets an own data property, even `__proto__` (plain assignment would swap the prototype). */
function setOwn(target: { [key: string]: Value }, key: string, value: Value): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** One to three damages to an object (or nothing, 10 %: a valid request must answer a 2xx envelope or a clean 4xx). */
function damageObject(rng: Prng, schema: Schema, value: { [key: string]: Value }, fx: Fixture, note: string[]): void {
  const rounds = rng.chance(0.1) ? 0 : rng.int(1, 3);
  for (let i = 0; i < rounds; i++) {
    const keys = Object.keys(value);
    const kind = rng.weighted<'set' | 'delete' | 'extra' | 'case'>([
      [6, 'set'],
      [2, 'delete'],
      [1, 'extra'],
      [1, 'case'],
    ]);
    if (kind === 'set' || keys.length === 0) {
      const names = Object.keys(schema.properties ?? {});
      const key = names.length > 0 ? rng.pick(names) : rng.pick(HOSTILE_KEYS);
      const nested = unwrap(schema.properties?.[key] ?? {});
      if (nested.type === 'object' && rng.chance(0.5)) {
        const inner = validObject(rng, nested, fx);
        damageObject(rng, nested, inner, fx, note);
        setOwn(value, key, inner);
        note.push(`${key}: nested`);
      } else {
        const hostile = hostileValue(rng);
        setOwn(value, key, hostile);
        note.push(`${key}=${serialize(hostile).slice(0, 60)}`);
      }
    } else if (kind === 'delete') {
      const key = rng.pick(keys);
      delete value[key];
      note.push(`-${key}`);
    } else if (kind === 'extra') {
      const key = rng.pick(HOSTILE_KEYS);
      setOwn(value, key, hostileValue(rng));
      note.push(`+${key.slice(0, 20)}`);
    } else {
      // The same field twice, spelled in another case: the binder must pick one, never crash.
      const key = rng.pick(keys);
      setOwn(value, rng.chance(0.5) ? key.toLowerCase() : key.toUpperCase(), hostileValue(rng));
      note.push(`~${key}`);
    }
  }
}

/**
 * Why a body value must be refused on any route that reads it: a NUL in a string or a key, or a
 * key named twice in one object in two casings (binding is case-insensitive, so one would win).
 */
export function valueRefusal(value: Value): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? 'a NUL in a string' : undefined;
  if (value === null || typeof value === 'boolean' || value instanceof Raw) return undefined;
  const members: [string | null, Value][] = Array.isArray(value) ? value.map((item) => [null, item]) : Object.entries(value);
  const spellings = new Map<string, string>();
  for (const [key, member] of members) {
    if (key !== null) {
      if (key.includes('\u0000')) return 'a NUL in a key';
      const other = spellings.get(key.toLowerCase());
      if (other !== undefined) return `keys ${JSON.stringify(other)} and ${JSON.stringify(key)}`;
      spellings.set(key.toLowerCase(), key);
    }
    const inner = valueRefusal(member);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** A query component as the server's parser (fast-querystring) decodes it: as is when it is not valid percent-encoding. */
function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Why a query string must be refused on a route that reads one: a NUL, or one parameter in two casings. */
export function queryRefusal(query: string): string | undefined {
  const spellings = new Map<string, string>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = decodeQueryComponent(eq < 0 ? part : part.slice(0, eq));
    if (key.includes('\u0000') || (eq >= 0 && decodeQueryComponent(part.slice(eq + 1)).includes('\u0000'))) return 'a NUL in the query';
    const other = spellings.get(key.toLowerCase());
    if (other !== undefined && other !== key) return `query parameters ${other} and ${key}`;
    spellings.set(key.toLowerCase(), key);
  }
  return undefined;
}

/** The serialized object `payload` with one of its keys written a second time (JSON.parse would keep the last). */
function withRepeatedKey(rng: Prng, payload: string, value: { [key: string]: Value }, note: string[]): { payload: string; reason?: string } {
  const keys = Object.keys(value);
  if (keys.length === 0) return { payload };
  const key = rng.pick(keys);
  const again = rng.chance(0.5) ? (value[key] as Value) : hostileValue(rng);
  note.push(`${key.slice(0, 20)} twice`);
  return { payload: `${payload.slice(0, -1)},${JSON.stringify(key)}:${serialize(again)}}`, reason: `${JSON.stringify(key.slice(0, 20))} named twice` };
}

/** `key` in another casing (null when it has no letters). */
function otherCasing(rng: Prng, key: string): string | null {
  const variants = [
    key.toLowerCase(),
    key.toUpperCase(),
    key.charAt(0).toUpperCase() === key.charAt(0) ? key.charAt(0).toLowerCase() + key.slice(1) : key.charAt(0).toUpperCase() + key.slice(1),
  ];
  const different = variants.filter((v) => v !== key);
  return different.length === 0 ? null : rng.pick(different);
}

/**
 * An otherwise valid body carrying exactly one thing that must be refused: a NUL (in a field, an
 * extra member or a key), a field in two casings or named twice verbatim, or invalid UTF-8 inside a
 * string. Damage elsewhere would get most of these refused for another reason; here the refusal
 * has to come from the rule itself, or the request goes through (and on PostgreSQL answers 500).
 */
function smuggle(rng: Prng, value: { [key: string]: Value }, note: string[]): { payload: string | Buffer; refusal: string } {
  const keys = Object.keys(value);
  const strings = keys.filter((k) => typeof value[k] === 'string');
  const kind = rng.pick(['nul', 'casing', 'twice', 'utf8'] as const);
  if (kind === 'casing' && keys.length > 0) {
    const key = rng.pick(keys);
    const other = otherCasing(rng, key);
    if (other !== null) {
      setOwn(value, other, rng.chance(0.5) ? (value[key] as Value) : hostileValue(rng));
      note.push(`smuggled ${key} as ${other}`);
      return { payload: serialize(value), refusal: `keys ${key} and ${other}` };
    }
  }
  if (kind === 'twice' && keys.length > 0) {
    const repeated = withRepeatedKey(rng, serialize(value), value, note);
    return { payload: repeated.payload, refusal: repeated.reason ?? 'a key named twice' };
  }
  if (kind === 'utf8') {
    note.push('smuggled invalid UTF-8');
    return { payload: invalidUtf8InString(rng, serialize(value)), refusal: 'invalid UTF-8' };
  }
  const where = rng.pick(strings.length > 0 ? (['field', 'extra', 'key'] as const) : (['extra', 'key'] as const));
  if (where === 'field') {
    const key = rng.pick(strings);
    setOwn(value, key, `${String(value[key])}${rng.pick(['\u0000', '\u0000x'])}`);
  } else setOwn(value, where === 'key' ? 'note\u0000' : 'note', where === 'key' ? 'x' : ['a', 'b\u0000']);
  note.push(`smuggled a NUL (${where})`);
  return { payload: serialize(value), refusal: 'a NUL' };
}

function authHeaders(rng: Prng, fx: Fixture, note: string[]): Record<string, string> {
  const otp = fx.otp();
  const bearer = `Bearer ${fx.token}`;
  if (rng.chance(0.85)) return { authorization: bearer, otp };
  const [parts0, parts1] = fx.token.split('.');
  const forged = [Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'), parts1 ?? '', ''].join('.');
  const variants: [string, Record<string, string>][] = [
    ['no credentials', {}],
    ['Bearer only', { authorization: 'Bearer', otp }],
    ['Basic', { authorization: 'Basic dXNlcjpwYXNz', otp }],
    ['token+x', { authorization: `${bearer}x`, otp }],
    ['alg none', { authorization: `Bearer ${forged}`, otp }],
    ['foreign signature', { authorization: `Bearer ${parts0}.${parts1}.${Buffer.alloc(32, 7).toString('base64url')}`, otp }],
    ['lower-case scheme', { authorization: `bearer   ${fx.token}`, otp }],
    ['no otp', { authorization: bearer }],
    ['empty otp', { authorization: bearer, otp: '' }],
    ['bad otp', { authorization: bearer, otp: rng.pick(['000000', 'abcdef', '1e6', '12345', '1234567', ' 123456', '-12345', '9'.repeat(100_000)]) }],
    ['100k token', { authorization: `Bearer ${'a'.repeat(100_000)}`, otp }],
    ['garbage token', { authorization: 'Bearer a.b.c', otp }],
  ];
  const [label, headers] = rng.pick(variants);
  note.push(`auth: ${label}`);
  return headers;
}

function concreteUrl(rng: Prng, url: string): string {
  return url
    .replace(/:[A-Za-z]+/g, () => encodeLoose(String(rng.pick(['x', '0', 'a'.repeat(5_000), '\ud800', '../../package.json', '%', '1e400']))))
    .replace(/\*$/, () => rng.pick(['index.html', 'swagger-ui.css', '../../package.json', '..%2f..%2fpackage.json', '%2e%2e/%2e%2e/etc/passwd', 'nope', '']));
}

/** Query parameters: valid-looking ones, one or two of them damaged, sometimes extra junk; and why the route must refuse them. */
function hostileQuery(rng: Prng, querySchema: Schema | undefined, fx: Fixture, note: string[]): { text: string; refusal?: string } {
  const parts: string[] = [];
  if (querySchema !== undefined) {
    const query = validObject(rng, querySchema, fx);
    const names = Object.keys(querySchema.properties ?? {});
    const damaged = new Set(rng.chance(0.1) || names.length === 0 ? [] : [rng.pick(names), rng.pick(names)]);
    for (const [key, value] of Object.entries(query)) {
      if (!damaged.has(key)) parts.push(`${key}=${encodeLoose(value instanceof Raw ? value.text : typeof value === 'string' ? value : serialize(value))}`);
    }
    for (const key of damaged) {
      parts.push(hostileQueryPart(rng, key));
      note.push(`query ${key}`);
    }
  }
  if (rng.chance(0.1)) {
    parts.push(hostileQueryPart(rng, rng.pick(['x', 'Id', 'PageSize', '__proto__'])));
    note.push('query junk');
  }
  const text = parts.join('&');
  const refusal = querySchema === undefined ? undefined : queryRefusal(text);
  return refusal === undefined ? { text } : { text, refusal };
}

/** A damaged body (object, bytes or a whole foreign document) and its content type; and why the route must refuse it. */
function hostileBody(
  rng: Prng,
  bodySchema: Schema | undefined,
  value: { [key: string]: Value },
  fx: Fixture,
  headers: Record<string, string>,
  note: string[],
): { payload: string | Buffer; refusal?: string } {
  const schema = bodySchema ?? { type: 'object', properties: {} };
  const shape = rng.weighted<'object' | 'bytes' | 'document'>([
    [80, 'object'],
    [10, 'bytes'],
    [10, 'document'],
  ]);
  let payload: string | Buffer;
  let refusal: string | undefined;
  if (shape === 'document') {
    payload = hostileDocument(rng);
    note.push('whole body');
  } else if (shape === 'bytes') {
    damageObject(rng, schema, value, fx, note);
    payload = damageBytes(rng, serialize(value));
    note.push('bytes');
    refusal = isUtf8(payload) ? undefined : 'invalid UTF-8';
  } else {
    damageObject(rng, schema, value, fx, note);
    const repeated = rng.chance(0.1) ? withRepeatedKey(rng, serialize(value), value, note) : { payload: serialize(value) };
    payload = repeated.payload;
    refusal = valueRefusal(value) ?? repeated.reason;
  }
  const contentType = rng.chance(0.85) ? 'application/json' : rng.pick(HOSTILE_CONTENT_TYPES);
  if (contentType !== null) headers['content-type'] = contentType;
  if (contentType !== 'application/json') note.push(`content-type ${String(contentType).slice(0, 40)}`);
  // Only a body the route reads as JSON must be refused for what it holds.
  return bodySchema !== undefined && contentType === 'application/json' && refusal !== undefined ? { payload, refusal } : { payload };
}

export function generate(rng: Prng, route: RouteEntry, method: string, fx: Fixture): FuzzRequest {
  const note: string[] = [];
  const isApi = route.url.startsWith('/api/');
  const isLogin = route.url === '/api/v1/public/auth/login';
  const bodySchema = route.schema.body as Schema | undefined;
  // Some bodies are valid but for one thing (see smuggle), sent with valid credentials, method and
  // path: damage elsewhere would get them refused for another reason.
  const smuggling = bodySchema !== undefined && rng.chance(0.08);
  const headers: Record<string, string> = !isApi || isLogin ? {} : smuggling ? { authorization: `Bearer ${fx.token}`, otp: fx.otp() } : authHeaders(rng, fx, note);
  const query = hostileQuery(rng, route.schema.querystring as Schema | undefined, fx, note);
  let url = concreteUrl(rng, route.url) + (query.text === '' ? '' : `?${query.text}`);
  let body: { payload?: string | Buffer; refusal?: string } = {};
  if (bodySchema !== undefined || rng.chance(0.05)) {
    const value = validObject(rng, bodySchema ?? {}, fx, smuggling);
    if (isLogin && rng.chance(0.5)) value.username = fx.username;
    if (smuggling) headers['content-type'] = 'application/json';
    body = smuggling ? smuggle(rng, value, note) : hostileBody(rng, bodySchema, value, fx, headers, note);
  }
  if (method === 'POST' && rng.chance(0.1)) {
    headers['idempotency-key'] = rng.pick(['', 'k'.repeat(300), 'fuzz-key', `fuzz-${rng.int(1, 5)}`, ' ', 'a,b']);
    note.push(`idempotency-key ${headers['idempotency-key'].slice(0, 20)}`);
  }
  const finalMethod = !smuggling && rng.chance(0.05) ? rng.pick(HOSTILE_METHODS) : method;
  if (finalMethod !== method) note.push(`method ${finalMethod}`);
  const pathDamaged = !smuggling && rng.chance(0.05);
  if (pathDamaged) {
    const [path, search] = url.split('?', 2);
    url = hostilePath(rng, path ?? '/') + (search === undefined ? '' : `?${search}`);
    note.push('path');
  }
  // Another method or path may reach a route that reads neither the query nor the body.
  const mustReject = finalMethod === method && !pathDamaged ? (query.refusal ?? body.refusal) : undefined;
  const payload = body.payload;
  return { method: finalMethod, url, headers, ...(payload === undefined ? {} : { payload }), note, ...(mustReject === undefined ? {} : { mustReject }) };
}

/** The problems with one answer (empty when it is a well-formed envelope, or a 2xx outside /api/). */
export function envelopeProblems(request: FuzzRequest, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const isApi = request.url.toLowerCase().startsWith('/api/');
  if (status >= 500) problems.push(`HTTP ${status}`);
  if (request.mustReject !== undefined && status < 400) problems.push(`accepted (HTTP ${status}) although it holds ${request.mustReject}`);
  // Outside /api/: pages, redirects and files; only their errors must be envelopes, except the
  // sandbox identity-verification page, whose answers are HTML for a browser by design.
  const htmlPage = /^\/sandbox\/identity-verification\//i.test(request.url) && String(response.headers['content-type'] ?? '').startsWith('text/html');
  if (!isApi && (status < 400 || htmlPage)) return problems;
  // QuickBuy's payment page and widget frame answer HTML for a browser by design; QuickBuy Pro's
  // errors are its own envelope, {success: false, message} (docs/quickbuy.md).
  if (/^\/quickbuy\/(pay|widget)\//i.test(request.url) && String(response.headers['content-type'] ?? '').startsWith('text/html')) return problems;
  if (/^\/quickbuy\/v1\//i.test(request.url) && isProFailure(response)) return problems;
  if (!String(response.headers['content-type'] ?? '').startsWith('application/json')) problems.push(`content-type ${String(response.headers['content-type'])}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [...problems, 'body is not a JSON object'];
  const body = parsed as Json;
  if (status >= 200 && status < 300) {
    if (body.status !== '1' || !Array.isArray(body.errors) || body.errors.length !== 0) problems.push('2xx without status "1" and errors []');
    return problems;
  }
  if (body.status !== '0' || body.details !== null || body.id !== 0) problems.push('error envelope without status "0", details null, id 0');
  const errors = body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return [...problems, 'no errors[]'];
  for (const error of errors as Json[]) {
    if (error === null || typeof error !== 'object') {
      problems.push(`error item ${JSON.stringify(error)}`);
      continue;
    }
    const keys = Object.keys(error).sort().join(',');
    const code = error.messageCode;
    const info = typeof code === 'string' && Object.hasOwn(MESSAGE_CODES, code) ? MESSAGE_CODES[code as keyof typeof MESSAGE_CODES] : undefined;
    if (keys !== 'errorType,fieldName,message,messageCode' || typeof error.fieldName !== 'string' || typeof error.message !== 'string')
      problems.push(`error item ${JSON.stringify(error)}`);
    else if (info === undefined) problems.push(`unknown messageCode ${String(code)}`);
    else if (info.errorType !== error.errorType) problems.push(`errorType ${String(error.errorType)} for ${String(code)}`);
  }
  const head = (errors as unknown[])[0];
  const first = head !== null && typeof head === 'object' ? (head as Json).messageCode : undefined;
  const firstInfo = typeof first === 'string' && Object.hasOwn(MESSAGE_CODES, first) ? MESSAGE_CODES[first as keyof typeof MESSAGE_CODES] : undefined;
  if (firstInfo !== undefined && firstInfo.httpStatus !== status) problems.push(`HTTP ${status} for ${String(first)} (catalog: ${firstInfo.httpStatus})`);
  return problems;
}

/** A QuickBuy Pro error: JSON `{success: false, message: string}`. */
function isProFailure(response: LightMyRequestResponse): boolean {
  if (!String(response.headers['content-type'] ?? '').startsWith('application/json')) return false;
  try {
    const body = JSON.parse(response.body) as Json;
    return body.success === false && typeof body.message === 'string';
  } catch {
    return false;
  }
}
