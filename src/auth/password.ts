/**
 * Password hashing with scrypt (memory-hard, in node:crypto, no native addon).
 * The stored form `scrypt$N$r$p$salt$hash` carries its own parameters so the
 * cost can be raised later without invalidating existing hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Caps the input so a huge body cannot make hashing arbitrarily expensive. */
export const PASSWORD_LENGTH_MAX = 256;

const PREFIX = 'scrypt';
/** log2 of scrypt's N for new hashes unless configured (PASSWORD_HASH_COST): 2^15, about 100 ms. */
export const PASSWORD_HASH_COST_DEFAULT = 15;
const DEFAULT_PARAMS: ScryptParams = { N: 2 ** PASSWORD_HASH_COST_DEFAULT, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Bounds on parameters read back from storage: a corrupted or planted row
 * must not be able to make one login allocate gigabytes or spin for minutes.
 */
const LIMITS = { maxMemBytes: 256 * 1024 * 1024, maxR: 32, maxP: 16, minSalt: 8, minKey: 16, maxKey: 64 } as const;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Async scrypt; the sync variant would block the event loop for ~100 ms per login. */
function scryptAsync(password: string, salt: Buffer, keyLen: number, params: ScryptParams): Promise<Buffer> {
  // Node needs ~128·N·r bytes plus per-lane scratch; the default 32 MiB cap is exactly too small for N=2^15,r=8.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 128 * params.r * params.p };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Hashes a password into the self-describing `scrypt$N$r$p$salt$hash` form, with N = 2^costLog2.
 * Verification reads the parameters back from the stored form, so changing the cost never
 * invalidates an existing hash.
 */
export async function hashPassword(password: string, costLog2: number = PASSWORD_HASH_COST_DEFAULT): Promise<string> {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  if (password.length > PASSWORD_LENGTH_MAX) {
    throw new Error(`password exceeds ${PASSWORD_LENGTH_MAX} characters`);
  }
  const salt = randomBytes(SALT_BYTES);
  const params = { ...DEFAULT_PARAMS, N: 2 ** costLog2 };
  const key = await scryptAsync(password, salt, KEY_BYTES, params);
  const { N, r, p } = params;
  return [PREFIX, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Decodes standard base64 only if it is canonical; Buffer.from alone silently skips junk. */
function strictBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Parses a decimal integer field without accepting `1e3`, `0x10`, signs or leading zeros. */
function parseIntField(text: string | undefined): number | null {
  if (text === undefined || !/^[1-9][0-9]{0,9}$/.test(text)) return null;
  return Number(text);
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseStored(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = [parseIntField(parts[1]), parseIntField(parts[2]), parseIntField(parts[3])];
  if (N === null || r === null || p === null) return null;
  const isPowerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || r > LIMITS.maxR || p > LIMITS.maxP) return null;
  if (128 * N * r > LIMITS.maxMemBytes) return null;
  const salt = strictBase64(parts[4] ?? '');
  const key = strictBase64(parts[5] ?? '');
  if (salt === null || key === null || salt.length < LIMITS.minSalt) return null;
  if (key.length < LIMITS.minKey || key.length > LIMITS.maxKey) return null;
  return { params: { N, r, p }, salt, key };
}

/**
 * Checks a password against a stored hash in constant time. Any malformed
 * input — including an over-long password — yields false rather than an
 * exception, so callers cannot leak "bad row" vs "bad password" by accident.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== 'string' || typeof stored !== 'string') return false;
  if (password.length > PASSWORD_LENGTH_MAX) return false;
  const parsed = parseStored(stored);
  if (parsed === null) return false;
  try {
    const derived = await scryptAsync(password, parsed.salt, parsed.key.length, parsed.params);
    return timingSafeEqual(derived, parsed.key);
  } catch {
    return false;
  }
}
