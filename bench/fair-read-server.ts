/**
 * The fair read baseline: what `GET /api/v1/customer/accounts/list-accounts` must do, written once
 * by hand on a bare Fastify (no logger, no hooks, no schemas, no Kysely), so the benchmark can tell
 * the work itself from the server's layers around it. Per request, as the server does:
 *   1. the bearer token: an HS256 JWT (header checked, base64url strict, HMAC-SHA256 compared in
 *      constant time, `exp`/`nbf`), verified with the server's own key (the `jwt_signing_key`
 *      setting the server stores in the database on first start, or JWT_SECRET when set);
 *   2. the principal row (`select *`, prepared), refused when suppressed, unverified or locked;
 *   3. the `otp` header: TOTP (RFC 6238, HMAC-SHA1, 6 digits, 30 s steps) against the principal's
 *      Base32 secret, current step then ±1..OTP_DRIFT_STEPS, constant-time compare; a failure
 *      counter above zero is reset as the server does;
 *   4. the assets table (cached for 5 s, like the server's ASSETS_CACHE_TTL_MS) and the principal's
 *      accounts joined with their stored balances (`ledger_balances`), first page of 10 by id, with a
 *      count only when the page is full;
 *   5. the balances as exact decimals (bigint units, the asset's fraction digits) written into the
 *      same envelope, the rest with JSON.stringify.
 * It answers only the principal's own accounts with the default page (the benchmark's request);
 * failures get a 401 with a short envelope. Run as its own process:
 * `node --import tsx bench/fair-read-server.ts` with PORT, DATABASE_PATH (the server's SQLite file),
 * and optionally OTP_DRIFT_STEPS (default 1) and JWT_SECRET.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import Fastify, { type FastifyReply } from 'fastify';

const port = Number(process.env.PORT ?? '0');
const databasePath = process.env.DATABASE_PATH ?? '';
if (databasePath === '') throw new Error('DATABASE_PATH: the server SQLite file');
const driftSteps = Number(process.env.OTP_DRIFT_STEPS ?? '1');
const PAGE_SIZE = 10;
const ASSETS_TTL_MS = 5_000;
const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

// Reads through a read-only connection as the server does; the rare failure reset through a writer.
const reader = new BetterSqlite3(databasePath, { readonly: true });
reader.pragma('busy_timeout = 5000');
const writer = new BetterSqlite3(databasePath);
writer.pragma('busy_timeout = 5000');

interface PrincipalRow {
  customers_id: number;
  totp_secret: string;
  b_verified: number;
  b_suppressed: number;
  failed_attempts: number;
  locked_until: string | null;
}
interface AccountRow {
  id: number;
  customers_id: number;
  name: string;
  asset: string;
  routing_number: string | null;
  account_number: string | null;
  swift_code: string | null;
  b_suppressed: number;
  date_added: string;
  posted: string;
  pending_in: string;
  pending_out: string;
}
interface AssetRow {
  code: string;
  display_name: string;
  precision: number;
}

const readKey = reader.prepare<[string], { value: string }>('select value from settings where key = ?');
const principalById = reader.prepare<[number], PrincipalRow>('select * from principals where customers_id = ?');
const resetFailures = writer.prepare<[number]>('update principals set failed_attempts = 0 where customers_id = ?');
const allAssets = reader.prepare<[], AssetRow>('select * from assets');
const accountsPage = reader.prepare<[number, number, number], AccountRow>(
  'select a.*, b.posted, b.pending_in, b.pending_out from accounts as a inner join ledger_balances as b on b.accounts_id = a.id where a.customers_id = ? order by a.id limit ? offset ?',
);
const countAccounts = reader.prepare<[number], { n: number }>('select count(*) as n from accounts where customers_id = ?');

function signingKey(): Buffer {
  const configured = process.env.JWT_SECRET ?? '';
  if (configured !== '') return Buffer.from(configured, 'utf8');
  const stored = readKey.get('jwt_signing_key');
  if (stored === undefined) throw new Error('no jwt_signing_key in the database: start the server on it first');
  return Buffer.from(stored.value, 'base64');
}
const key = signingKey();

// ---- JWT (HS256 only) -----------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true });

function base64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function jsonObject(segment: string): Record<string, unknown> | null {
  const bytes = base64url(segment);
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The token's `sub` when it is a valid, unexpired HS256 JWT signed with `key`; else null. */
function verifiedSubject(token: string, nowSeconds: number): number | null {
  if (token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = jsonObject(headerPart);
  if (header?.alg !== 'HS256' || (header.typ !== undefined && header.typ !== 'JWT') || header.crit !== undefined) return null;
  const signature = base64url(signaturePart);
  if (signature?.length !== 32) return null;
  if (!timingSafeEqual(signature, createHmac('sha256', key).update(`${headerPart}.${payloadPart}`, 'utf8').digest())) return null;
  const claims = jsonObject(payloadPart);
  if (claims === null || typeof claims.exp !== 'number' || nowSeconds >= claims.exp) return null;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || nowSeconds < claims.nbf)) return null;
  const sub = Number(claims.sub);
  return Number.isSafeInteger(sub) ? sub : null;
}

// ---- TOTP (RFC 6238) ------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[ =]/g, '').toUpperCase();
  if (![0, 2, 4, 5, 7].includes(clean.length % 8)) return null;
  const out = Buffer.alloc(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

function totpCode(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

function totpValid(secretBase32: string, code: string, nowMs: number): boolean {
  if (!/^[0-9]{6}$/.test(code)) return false;
  const secret = base32Decode(secretBase32);
  if (secret === null || secret.length === 0) return false;
  const current = Math.floor(nowMs / 30_000);
  const given = Buffer.from(code, 'ascii');
  const steps = [current];
  for (let d = 1; d <= driftSteps; d++) steps.push(current - d, current + d);
  return steps.some((step) => step >= 0 && timingSafeEqual(Buffer.from(totpCode(secret, step), 'ascii'), given));
}

// ---- exact amounts --------------------------------------------------------------------------

/** A stored decimal column ("123.450000000000000000") as units of 10^-18, exactly. */
function units(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const magnitude = BigInt(whole) * ONE + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE) || '0');
  return negative ? -magnitude : magnitude;
}

/** Units as a JSON number literal with exactly `digits` fraction digits (the asset's precision). */
function literal(value: bigint, digits: number): string {
  const magnitude = value < 0n ? -value : value;
  const whole = (magnitude / ONE).toString();
  const sign = value < 0n ? '-' : '';
  if (digits === 0) return sign + whole;
  return `${sign}${whole}.${(magnitude % ONE).toString().padStart(SCALE, '0').slice(0, digits)}`;
}

// ---- the route ------------------------------------------------------------------------------

let assets: { loadedAtMs: number; byCode: Map<string, AssetRow> } | null = null;
function assetsByCode(): Map<string, AssetRow> {
  const now = performance.now();
  if (assets === null || now - assets.loadedAtMs >= ASSETS_TTL_MS) assets = { loadedAtMs: now, byCode: new Map(allAssets.all().map((a) => [a.code, a])) };
  return assets.byCode;
}

function accountJson(a: AccountRow, asset: AssetRow | undefined): string {
  const digits = asset?.precision ?? SCALE;
  const posted = units(a.posted);
  const pendingIn = units(a.pending_in);
  const pending = pendingIn + units(a.pending_out);
  const total = posted + pending;
  const head = JSON.stringify({
    id: a.id,
    customersId: a.customers_id,
    name: a.name,
    routingNumber: a.routing_number,
    accountNumber: a.account_number,
    swiftCode: a.swift_code,
    virtualAccountNumber: null,
    reference: a.account_number === null ? null : `REF${a.id}`,
    asset: a.asset,
    assetDisplayName: asset?.display_name ?? a.asset,
  });
  const tail = `"totalBalance":${literal(total, digits)},"availableBalance":${literal(total - pendingIn, digits)},"pendingBalance":${literal(pending, digits)},"bSuppressed":${a.b_suppressed === 1},"dateAdded":${JSON.stringify(a.date_added)}}`;
  return `${head.slice(0, -1)},${tail}`;
}

function refuse(reply: FastifyReply, messageCode: string): void {
  void reply
    .code(401)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ id: 0, details: null, status: '0', errors: [{ errorType: 'Error', fieldName: '', messageCode, message: messageCode }] }));
}

const app = Fastify({ logger: false });
app.get('/health', (_request, reply) => {
  void reply.type('application/json; charset=utf-8').send('{"status":"1"}');
});
app.get('/api/v1/customer/accounts/list-accounts', (request, reply) => {
  const nowMs = Date.now();
  const authorization = request.headers.authorization;
  const token = /^Bearer\s+(\S+)$/i.exec(typeof authorization === 'string' ? authorization : '')?.[1];
  const customersId = token === undefined ? null : verifiedSubject(token, Math.floor(nowMs / 1000));
  if (customersId === null) return refuse(reply, 'Token_Invalid');
  const principal = principalById.get(customersId);
  if (principal === undefined) return refuse(reply, 'Token_Invalid');
  if (principal.b_suppressed === 1) return refuse(reply, 'Account_Suppressed');
  if (principal.b_verified !== 1) return refuse(reply, 'Account_Not_Verified');
  if (principal.locked_until !== null && Date.parse(principal.locked_until) > nowMs) return refuse(reply, 'Account_Locked');
  const otp = request.headers.otp;
  if (typeof otp !== 'string' || !totpValid(principal.totp_secret, otp, nowMs)) return refuse(reply, 'Otp_Invalid');
  if (principal.failed_attempts > 0) resetFailures.run(customersId);

  const byCode = assetsByCode();
  const rows = accountsPage.all(customersId, PAGE_SIZE, 0);
  const total = rows.length < PAGE_SIZE ? rows.length : (countAccounts.get(customersId)?.n ?? rows.length);
  const details = rows.map((a) => accountJson(a, byCode.get(a.asset))).join(',');
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  void reply
    .type('application/json; charset=utf-8')
    .send(`{"id":0,"details":[${details}],"pageSize":${PAGE_SIZE},"pageNumber":1,"numberOfPages":${pages},"status":"1","errors":[]}`);
});
await app.listen({ port, host: '127.0.0.1' });

const stop = () => {
  app.close().then(
    () => {
      reader.close();
      writer.close();
      process.exit(0);
    },
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
