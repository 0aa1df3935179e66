/**
 * The per-request check's cryptography, remembered: a client sends the same token (HMAC-SHA256)
 * and, for 30 seconds, the same TOTP code (up to three HMAC-SHA1) on every call. Only answers that
 * depend on nothing but the bytes are kept; the principal's state is read from the database on
 * every request, so a suppression, lockout, deletion or new secret written by any process
 * counts from its next request.
 */
import { timingSafeEqual } from 'node:crypto';
import { verifyJwtSignature, type JwtSignatureResult, type SignedJwt } from './jwt.js';
import { totpStepAt, verifyTotp } from './totp.js';

/** Tokens whose signature checked out, remembered (a token is at most 4 KiB; oldest out first). */
export const AUTH_TOKEN_CACHE_ENTRIES_MAX = 10_000;
/** Principals whose TOTP code of the current step checked out, one entry each (oldest out first). */
export const AUTH_OTP_CACHE_ENTRIES_MAX = 10_000;

/** Insertion-ordered map that drops its oldest entry past `entriesMax`. */
class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly entriesMax: number) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.entriesMax) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
}

/**
 * Signature checks by token string, for one signing key. A refused token is not kept (nobody can
 * fill the cache without the key), and the time window is the caller's to check on every call.
 */
export class VerifiedTokenCache {
  private readonly tokens: BoundedMap<string, SignedJwt>;
  constructor(
    private readonly signingKey: Buffer,
    entriesMax = AUTH_TOKEN_CACHE_ENTRIES_MAX,
  ) {
    this.tokens = new BoundedMap(entriesMax);
  }

  verify(token: string): JwtSignatureResult {
    const cached = this.tokens.get(token);
    if (cached !== undefined) return { ok: true, jwt: cached };
    const result = verifyJwtSignature(token, this.signingKey);
    if (result.ok) this.tokens.set(token, result.jwt);
    return result;
  }

  /** Forgets a token (one past its `exp` is of no further use). */
  forget(token: string): void {
    this.tokens.delete(token);
  }
}

interface AcceptedCode {
  readonly secret: string;
  readonly code: Buffer;
  /** The step the clock was at when the code checked out: the candidate steps follow from it. */
  readonly checkedAtStep: number;
}

/**
 * TOTP checks per principal. A code accepted for (principal, secret, step of the clock) is accepted
 * again without the HMACs while all three are unchanged: verifyTotp's answer depends on nothing
 * else. A new step, or another secret, checks again. A wrong code is never kept, so each one is
 * checked and counted toward the lockout by the caller as before.
 */
export class TotpCheckCache {
  private readonly accepted: BoundedMap<number, AcceptedCode>;
  constructor(
    private readonly driftSteps: number,
    entriesMax = AUTH_OTP_CACHE_ENTRIES_MAX,
  ) {
    this.accepted = new BoundedMap(entriesMax);
  }

  /** Whether `code` is the principal's TOTP code at `nowMs` (within the drift). */
  check(customersId: number, secret: string, code: string, nowMs: number): boolean {
    const step = totpStepAt(nowMs);
    const given = Buffer.from(code, 'utf8');
    const cached = this.accepted.get(customersId);
    // In constant time, as verifyTotp compares: the cached code is a valid one.
    if (cached !== undefined && cached.checkedAtStep === step && cached.secret === secret && cached.code.length === given.length && timingSafeEqual(cached.code, given)) {
      return true;
    }
    if (verifyTotp(secret, code, nowMs, this.driftSteps) === null) return false;
    this.accepted.set(customersId, { secret, code: given, checkedAtStep: step });
    return true;
  }
}
