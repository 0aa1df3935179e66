import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP as Ibanera uses it (HMAC-SHA-1, 6 digits, 30-second steps), computed in process:
 * no child process, no dependency. The shared secret is the Base32 text shown at enrolment.
 */
export const TOTP_STEP_MS = 30_000;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes a Base32 secret (case-insensitive, spaces and `=` padding ignored); throws on any other character. */
export function base32Decode(secret: string): Buffer {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  if (clean.length === 0) throw new TypeError('the TOTP secret is empty');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new TypeError('the TOTP secret is not Base32 (letters A–Z and digits 2–7)');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The 30-second step a Unix time in milliseconds falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / TOTP_STEP_MS);
}

/** The 6-digit code of one step. */
export function totpCodeAtStep(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 1_000_000).toString().padStart(6, '0');
}

/** The current code for a Base32 secret. */
export function totpCode(secretBase32: string, nowMs = Date.now()): string {
  return totpCodeAtStep(base32Decode(secretBase32), totpStep(nowMs));
}
