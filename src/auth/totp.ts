/**
 * RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30 s) — the only profile every
 * mainstream authenticator app supports, so it is fixed rather than configurable.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
/** 160-bit secrets, the HMAC-SHA-1 block-output size recommended by RFC 4226. */
const SECRET_BYTES = 20;
/** Upper bound on accepted clock drift so a caller bug cannot turn verify into a brute-force oracle. */
const MAX_DRIFT_STEPS = 10;

/** Time-step counter for a Unix time in milliseconds. */
export function totpStepAt(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);
}

/** HOTP value (RFC 4226) for one counter step, zero-padded to `digits`. */
export function totpCodeAt(secret: Buffer, step: number, digits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`invalid TOTP step: ${step}`);
  if (!Number.isInteger(digits) || digits < 1 || digits > 10) {
    throw new RangeError(`invalid TOTP digits: ${digits}`);
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, '0');
}

/**
 * Checks a user-entered code against the current step, then ±1..driftSteps
 * (nearest first), and returns the matching step so the caller can reject
 * replays of an already-used step. Returns null — never throws — for any
 * malformed secret, code or clock value, because all of it is attacker-reachable.
 */
export function verifyTotp(secretBase32: string, code: string, nowMs: number, driftSteps = 1): number | null {
  if (typeof code !== 'string' || !/^[0-9]+$/.test(code) || code.length !== TOTP_DIGITS) return null;
  if (typeof secretBase32 !== 'string' || !Number.isFinite(nowMs)) return null;
  if (!Number.isInteger(driftSteps) || driftSteps < 0 || driftSteps > MAX_DRIFT_STEPS) return null;
  const secret = base32Decode(secretBase32);
  if (secret === null || secret.length === 0) return null;

  const current = totpStepAt(nowMs);
  const given = Buffer.from(code, 'ascii');
  const candidates = [current];
  for (let d = 1; d <= driftSteps; d++) candidates.push(current - d, current + d);
  for (const step of candidates) {
    if (!Number.isSafeInteger(step) || step < 0) continue;
    const expected = Buffer.from(totpCodeAt(secret, step, TOTP_DIGITS), 'ascii');
    if (timingSafeEqual(expected, given)) return step;
  }
  return null;
}

/** Fresh random secret, Base32-encoded for display and QR codes. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

export interface OtpauthUrlInput {
  issuer: string;
  accountName: string;
  secretBase32: string;
}

/**
 * Key URI for QR enrolment (Google Authenticator "Key Uri Format"). The issuer
 * appears both as label prefix and as parameter, since apps differ in which
 * one they read; %20 (not `+`) is used for spaces because some apps show `+` literally.
 */
export function otpauthUrl({ issuer, accountName, secretBase32 }: OtpauthUrlInput): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params: Array<[string, string]> = [
    ['secret', secretBase32],
    ['issuer', issuer],
    ['algorithm', 'SHA1'],
    ['digits', String(TOTP_DIGITS)],
    ['period', String(TOTP_STEP_SECONDS)],
  ];
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `otpauth://totp/${label}?${query}`;
}
