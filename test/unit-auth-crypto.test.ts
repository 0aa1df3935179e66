// Unit tests for the pure auth primitives: Base32, TOTP, scrypt passwords, HS256 JWT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { base32Decode, base32Encode } from '../src/auth/base32.js';
import { TOTP_DIGITS, TOTP_STEP_SECONDS, generateTotpSecret, otpauthUrl, totpCodeAt, totpStepAt, verifyTotp } from '../src/auth/totp.js';
import { PASSWORD_LENGTH_MAX, hashPassword, verifyPassword } from '../src/auth/password.js';
import { signJwt, verifyJwt } from '../src/auth/jwt.js';

// ---------- Base32 ----------

const RFC4648_VECTORS: Array<[string, string]> = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];

void test('base32: RFC 4648 test vectors encode and decode', () => {
  for (const [plain, encoded] of RFC4648_VECTORS) {
    assert.equal(base32Encode(Buffer.from(plain)), encoded);
    assert.equal(base32Decode(encoded)?.toString(), plain);
  }
});

void test('base32: decode ignores case, spaces and padding', () => {
  assert.equal(base32Decode('mzxw6ytboi')?.toString(), 'foobar');
  assert.equal(base32Decode('MZXW 6YTB OI')?.toString(), 'foobar');
  assert.equal(base32Decode('MZXW6YTBOI======')?.toString(), 'foobar');
  assert.equal(base32Decode('MY======')?.toString(), 'f');
});

void test('base32: decode rejects invalid characters and impossible lengths', () => {
  for (const bad of ['MZXW6YTB0I', 'MZXW1', 'MZ-W6', 'MZXW6YTBOI!', 'MZXW\u00e96', 'M', 'MZX', 'MZXW6Y']) {
    assert.equal(base32Decode(bad), null, bad);
  }
});

void test('base32: random round trips for every length 0..64', () => {
  for (let len = 0; len <= 64; len++) {
    const bytes = Buffer.from(Array.from({ length: len }, (_, i) => (i * 73 + len * 31) & 0xff));
    const encoded = base32Encode(bytes);
    assert.match(encoded, /^[A-Z2-7]*$/);
    assert.deepEqual(base32Decode(encoded), bytes);
  }
});

// ---------- TOTP ----------

const RFC6238_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC6238_SHA1: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

void test('totp: constants', () => {
  assert.equal(TOTP_DIGITS, 6);
  assert.equal(TOTP_STEP_SECONDS, 30);
});

void test('totp: RFC 6238 SHA-1 vectors (8 digits, and 6 digits = last six)', () => {
  for (const [seconds, code8] of RFC6238_SHA1) {
    const step = totpStepAt(seconds * 1000);
    assert.equal(step, Math.floor(seconds / 30));
    assert.equal(totpCodeAt(RFC6238_SECRET, step, 8), code8, `T=${seconds}`);
    assert.equal(totpCodeAt(RFC6238_SECRET, step), code8.slice(-6), `T=${seconds}`);
  }
});

void test('totp: verifyTotp accepts the RFC vectors via Base32 secret', () => {
  const secret = base32Encode(RFC6238_SECRET);
  for (const [seconds, code8] of RFC6238_SHA1) {
    assert.equal(verifyTotp(secret, code8.slice(-6), seconds * 1000), totpStepAt(seconds * 1000));
  }
});

void test('totp: drift window', () => {
  const secret = generateTotpSecret();
  const raw = base32Decode(secret);
  assert.ok(raw);
  const now = 1_700_000_000_000;
  const step = totpStepAt(now);
  const at = (s: number): string => totpCodeAt(raw, s);
  assert.equal(verifyTotp(secret, at(step), now), step);
  assert.equal(verifyTotp(secret, at(step - 1), now), step - 1);
  assert.equal(verifyTotp(secret, at(step + 1), now), step + 1);
  assert.equal(verifyTotp(secret, at(step - 2), now), null);
  assert.equal(verifyTotp(secret, at(step + 2), now), null);
  assert.equal(verifyTotp(secret, at(step - 1), now, 0), null);
  assert.equal(verifyTotp(secret, at(step), now, 0), step);
  assert.equal(verifyTotp(secret, at(step + 2), now, 2), step + 2);
  assert.equal(verifyTotp(secret, at(step - 3), now, 2), null);
});

void test('totp: verifyTotp returns null (never throws) on garbage', () => {
  const secret = base32Encode(RFC6238_SECRET);
  const now = 59_000;
  const bad: Array<[string, string, number, number?]> = [
    [secret, '28708', now],
    [secret, '2870822', now],
    [secret, ' 287082', now],
    [secret, '28708a', now],
    [secret, '２８７０８２', now],
    [secret, '', now],
    ['not base32!', '287082', now],
    ['', '287082', now],
    [secret, '287082', Number.NaN],
    [secret, '287082', now, -1],
    [secret, '287082', now, 1.5],
    [secret, '287082', now, 1e9],
    [secret, '000000', now],
  ];
  for (const [s, c, t, d] of bad) assert.equal(verifyTotp(s, c, t, d), null, `${s}/${c}/${t}/${d}`);
  // Near epoch, negative neighbouring steps are skipped rather than throwing.
  assert.equal(verifyTotp(secret, totpCodeAt(RFC6238_SECRET, 0), 0), 0);
});

void test('totp: generateTotpSecret is 20 random bytes in Base32', () => {
  const a = generateTotpSecret();
  const b = generateTotpSecret();
  assert.match(a, /^[A-Z2-7]{32}$/);
  assert.equal(base32Decode(a)?.length, 20);
  assert.notEqual(a, b);
});

void test('totp: otpauthUrl encodes label and parameters', () => {
  const url = otpauthUrl({ issuer: 'Ibanera Test', accountName: 'alice+1@example.com', secretBase32: 'JBSWY3DPEHPK3PXP' });
  assert.equal(url, 'otpauth://totp/Ibanera%20Test:alice%2B1%40example.com' + '?secret=JBSWY3DPEHPK3PXP&issuer=Ibanera%20Test&algorithm=SHA1&digits=6&period=30');
  const parsed = new URL(url);
  assert.equal(parsed.protocol, 'otpauth:');
  assert.equal(parsed.searchParams.get('issuer'), 'Ibanera Test');
  const tricky = otpauthUrl({ issuer: 'A:B&C', accountName: 'x?y', secretBase32: 'AAAA' });
  assert.ok(tricky.startsWith('otpauth://totp/A%3AB%26C:x%3Fy?secret=AAAA&issuer=A%3AB%26C&'));
});

// ---------- Passwords ----------

void test('password: hash format and verify', async () => {
  const stored = await hashPassword('correct horse battery staple');
  const parts = stored.split('$');
  assert.equal(parts.length, 6);
  assert.deepEqual(parts.slice(0, 4), ['scrypt', String(2 ** 15), '8', '1']);
  assert.equal(Buffer.from(parts[4] ?? '', 'base64').length, 16);
  assert.equal(Buffer.from(parts[5] ?? '', 'base64').length, 32);
  assert.equal(await verifyPassword('correct horse battery staple', stored), true);
  assert.equal(await verifyPassword('correct horse battery stapl', stored), false);
  assert.equal(await verifyPassword('', stored), false);
  assert.notEqual(await hashPassword('correct horse battery staple'), stored, 'salted');
});

void test('password: the configured cost (PASSWORD_HASH_COST) sets N for new hashes; verification reads it back', async () => {
  const cheap = await hashPassword('pw', 10);
  assert.deepEqual(cheap.split('$').slice(0, 4), ['scrypt', String(2 ** 10), '8', '1']);
  assert.equal(await verifyPassword('pw', cheap), true);
  assert.equal(await verifyPassword('pX', cheap), false);
});

void test('password: verify honours parameters stored in the string', async () => {
  const { scryptSync } = await import('node:crypto');
  const salt = Buffer.alloc(16, 7);
  const key = scryptSync('pw', salt, 24, { N: 1024, r: 4, p: 2 });
  const stored = `scrypt$1024$4$2$${salt.toString('base64')}$${key.toString('base64')}`;
  assert.equal(await verifyPassword('pw', stored), true);
  assert.equal(await verifyPassword('pw2', stored), false);
});

void test('password: malformed stored strings return false', async () => {
  const good = await hashPassword('pw');
  const [, , , , salt = '', hash = ''] = good.split('$');
  const malformed = [
    '',
    'garbage',
    good.replace('scrypt$', 'bcrypt$'),
    good.replace('$32768$', '$1000$'),
    good.replace('$32768$', '$0$'),
    good.replace('$32768$', '$1e5$'),
    good.replace('$32768$', '$4194304$'),
    good.replace('$8$1$', '$8$999$'),
    `scrypt$32768$8$1$${salt}`,
    `scrypt$32768$8$1$${salt}$${hash}$extra`,
    `scrypt$32768$8$1$${salt}$!!!!`,
    `scrypt$32768$8$1$${salt}$${hash.slice(0, 8)}`,
    `scrypt$32768$8$1$$${hash}`,
  ];
  for (const stored of malformed) assert.equal(await verifyPassword('pw', stored), false, stored);
});

void test('password: length limit', async () => {
  assert.equal(PASSWORD_LENGTH_MAX, 256);
  const max = 'x'.repeat(PASSWORD_LENGTH_MAX);
  const stored = await hashPassword(max);
  assert.equal(await verifyPassword(max, stored), true);
  await assert.rejects(hashPassword(`${max}x`), /256/);
  assert.equal(await verifyPassword(`${max}x`, stored), false);
});

// ---------- JWT ----------

const KEY = Buffer.from('0123456789abcdef0123456789abcdef');
const NOW = 1_700_000_000;
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (input: string, key = KEY): string => createHmac('sha256', key).update(input).digest('base64url');
const forge = (header: unknown, payload: unknown): string => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${hs256(input)}`;
};

void test('jwt: sign and verify round trip', () => {
  const token = signJwt({ sub: 'user-1', exp: NOW + 60, scope: 'read' }, KEY);
  assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  const [header] = token.split('.');
  assert.deepEqual(JSON.parse(Buffer.from(header ?? '', 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
  assert.deepEqual(verifyJwt(token, KEY, NOW), { ok: true, claims: { sub: 'user-1', exp: NOW + 60, scope: 'read' } });
});

void test('jwt: wrong key, tampered payload, tampered signature', () => {
  const token = signJwt({ sub: 'user-1', exp: NOW + 60 }, KEY);
  const [h = '', p = '', s = ''] = token.split('.');
  assert.deepEqual(verifyJwt(token, Buffer.from('other key'), NOW), { ok: false, reason: 'signature' });
  assert.deepEqual(verifyJwt(`${h}.${b64({ sub: 'admin', exp: NOW + 60 })}.${s}`, KEY, NOW), {
    ok: false,
    reason: 'signature',
  });
  const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
  assert.deepEqual(verifyJwt(`${h}.${p}.${flipped}`, KEY, NOW), { ok: false, reason: 'signature' });
  assert.deepEqual(verifyJwt(`${h}.${p}.${s.slice(0, 40)}`, KEY, NOW), { ok: false, reason: 'signature' });
  assert.deepEqual(verifyJwt(`${h}.${p}.`, KEY, NOW), { ok: false, reason: 'signature' });
});

void test('jwt: alg none and other algorithms are rejected', () => {
  const claims = { sub: 'x', exp: NOW + 60 };
  const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  assert.equal(verifyJwt(none, KEY, NOW).ok, false);
  assert.equal(verifyJwt(forge({ alg: 'none' }, claims), KEY, NOW).ok, false);
  assert.equal(verifyJwt(forge({ alg: 'HS512' }, claims), KEY, NOW).ok, false);
  assert.equal(verifyJwt(forge({ alg: 'hs256' }, claims), KEY, NOW).ok, false);
  assert.equal(verifyJwt(forge({ typ: 'JWT' }, claims), KEY, NOW).ok, false);
  assert.equal(verifyJwt(forge({ alg: 'HS256', crit: ['x'] }, claims), KEY, NOW).ok, false);
  assert.equal(verifyJwt(forge({ alg: 'HS256' }, claims), KEY, NOW).ok, true, 'typ is optional');
});

void test('jwt: exp required and enforced, nbf enforced', () => {
  const check = (payload: unknown, now = NOW) => verifyJwt(forge({ alg: 'HS256', typ: 'JWT' }, payload), KEY, now);
  assert.deepEqual(check({ sub: 'x' }), { ok: false, reason: 'malformed' });
  assert.deepEqual(check({ exp: String(NOW + 60) }), { ok: false, reason: 'malformed' });
  assert.deepEqual(check({ exp: NOW }), { ok: false, reason: 'expired' });
  assert.deepEqual(check({ exp: NOW - 1 }), { ok: false, reason: 'expired' });
  assert.equal(check({ exp: NOW + 1 }).ok, true);
  assert.deepEqual(check({ exp: NOW + 60, nbf: NOW + 1 }), { ok: false, reason: 'expired' });
  assert.equal(check({ exp: NOW + 60, nbf: NOW }).ok, true);
  assert.deepEqual(check({ exp: NOW + 60, nbf: 'soon' }), { ok: false, reason: 'malformed' });
  assert.deepEqual(check({ exp: NOW + 60 }, Number.NaN), { ok: false, reason: 'expired' });
});

void test('jwt: non-object JSON payloads and headers are malformed', () => {
  for (const payload of [null, 42, 'str', [1, 2], true]) {
    assert.deepEqual(verifyJwt(forge({ alg: 'HS256' }, payload), KEY, NOW), { ok: false, reason: 'malformed' });
  }
  const arrayHeader = `${b64(['HS256'])}.${b64({ exp: NOW + 60 })}`;
  assert.deepEqual(verifyJwt(`${arrayHeader}.${hs256(arrayHeader)}`, KEY, NOW), { ok: false, reason: 'malformed' });
  const notJson = `${b64({ alg: 'HS256' })}.${Buffer.from('{nope').toString('base64url')}`;
  assert.deepEqual(verifyJwt(`${notJson}.${hs256(notJson)}`, KEY, NOW), { ok: false, reason: 'malformed' });
  const badUtf8 = `${b64({ alg: 'HS256' })}.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}`;
  assert.deepEqual(verifyJwt(`${badUtf8}.${hs256(badUtf8)}`, KEY, NOW), { ok: false, reason: 'malformed' });
});

void test('jwt: garbage strings never throw and are rejected', () => {
  const valid = signJwt({ exp: NOW + 60 }, KEY);
  const [h = '', p = '', s = ''] = valid.split('.');
  const garbage = [
    '',
    '.',
    '..',
    '...',
    'a.b',
    'a.b.c.d',
    'not a token',
    `${h}.${p}`,
    `${h}.${p}.${s}.`,
    `${h}=.${p}.${s}`,
    `${h}.${p}.${s}=`,
    `${h}.${p}.${s}+`,
    `${h}.${p}é.${s}`,
    `${h.replace(/./, '*')}.${p}.${s}`,
    `${h}.${p}.${s}`.padEnd(4097, 'A'),
    '\u0000.\u0000.\u0000',
  ];
  for (const token of garbage) {
    const result = verifyJwt(token, KEY, NOW);
    assert.equal(result.ok, false, JSON.stringify(token));
  }
  const long = signJwt({ exp: NOW + 60, pad: 'x'.repeat(4000) }, KEY);
  assert.ok(long.length > 4096);
  assert.deepEqual(verifyJwt(long, KEY, NOW), { ok: false, reason: 'malformed' });
});

void test('jwt: signJwt refuses an empty key and non-finite numbers', () => {
  assert.throws(() => signJwt({ exp: NOW }, Buffer.alloc(0)));
  assert.throws(() => signJwt({ exp: Number.NaN }, KEY));
  assert.deepEqual(verifyJwt(signJwt({ exp: NOW + 60 }, KEY), Buffer.alloc(0), NOW), { ok: false, reason: 'signature' });
});
