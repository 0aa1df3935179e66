import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * PINs are stored as salted scrypt hashes (`scrypt$N$salt$hash`, base64) and compared in constant
 * time. A 4-digit PIN has few values, so the lockout after CARD_PIN_FAILURES_MAX wrong attempts is
 * what protects it online; the hash keeps a copied database from showing PINs at a glance.
 */
const KEY_LENGTH = 32;
const COST_LOG2 = 14;

function derive(pin: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_LENGTH, { N: n, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const n = 2 ** COST_LOG2;
  return `scrypt$${n}$${salt.toString('base64')}$${(await derive(pin, salt, n)).toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || n === undefined || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(pin, Buffer.from(salt, 'base64'), Number(n));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
