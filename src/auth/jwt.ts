/**
 * Minimal HS256-only JWT. Supporting exactly one algorithm, fixed by the
 * server rather than read from the token, rules out `alg: none` and
 * RS/HS key-confusion attacks by construction.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Tokens travel in headers; anything bigger is not ours and not worth parsing. */
const TOKEN_LENGTH_MAX = 4096;
const HEADER = { alg: 'HS256', typ: 'JWT' } as const;
const SIGNATURE_BYTES = 32;
/** fatal: invalid UTF-8 must fail, not be replaced with U+FFFD and parsed anyway. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type JwtVerifyResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

function base64urlEncode(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** Strict base64url: alphabet-only, no padding, and canonical (unused trailing bits zero). */
function base64urlDecode(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function hmac(signingInput: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(signingInput, 'utf8').digest();
}

/** Parses a base64url segment as a JSON object (not array/null/primitive). */
function decodeJsonObject(segment: string): Record<string, unknown> | null {
  const bytes = base64urlDecode(segment);
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return value as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Signs claims as a compact HS256 JWS. Throws on programmer errors (empty key, non-finite numbers). */
export function signJwt(claims: Record<string, string | number>, key: Buffer): string {
  if (key.length === 0) throw new RangeError('JWT key must not be empty');
  for (const [name, value] of Object.entries(claims)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RangeError(`JWT claim ${name} must be a finite number`);
    }
  }
  const header = base64urlEncode(Buffer.from(JSON.stringify(HEADER), 'utf8'));
  const payload = base64urlEncode(Buffer.from(JSON.stringify(claims), 'utf8'));
  const signingInput = `${header}.${payload}`;
  return `${signingInput}.${base64urlEncode(hmac(signingInput, key))}`;
}

/** Header must be exactly HS256; `crit` is refused since we implement no extensions (RFC 7515 §4.1.11). */
function headerAcceptable(header: Record<string, unknown>): boolean {
  if (header.alg !== HEADER.alg) return false;
  if (header.typ !== undefined && header.typ !== HEADER.typ) return false;
  return header.crit === undefined;
}

/** A token whose signature and claims checked out; whether it is within its time window is asked separately. */
export interface SignedJwt {
  readonly claims: Record<string, unknown>;
  readonly exp: number;
  readonly nbf: number | undefined;
}

export type JwtSignatureResult = { ok: true; jwt: SignedJwt } | { ok: false; reason: 'malformed' | 'signature' };

/**
 * Everything about a token but the clock: its form, its header, its signature, and claims with a
 * numeric `exp` (mandatory, so no token lives forever). Depends only on the token and the key, so a
 * caller may remember the answer for a token it sees again. Never throws: every input here is
 * attacker-controlled.
 */
export function verifyJwtSignature(token: string, key: Buffer): JwtSignatureResult {
  if (typeof token !== 'string' || token.length > TOKEN_LENGTH_MAX) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;

  const header = decodeJsonObject(headerPart);
  if (header === null) return { ok: false, reason: 'malformed' };
  if (!headerAcceptable(header)) return { ok: false, reason: 'signature' };

  const signature = base64urlDecode(signaturePart);
  if (signature === null) return { ok: false, reason: 'malformed' };
  if (key.length === 0 || signature.length !== SIGNATURE_BYTES) return { ok: false, reason: 'signature' };
  if (!timingSafeEqual(signature, hmac(`${headerPart}.${payloadPart}`, key))) {
    return { ok: false, reason: 'signature' };
  }

  const claims = decodeJsonObject(payloadPart);
  if (claims === null) return { ok: false, reason: 'malformed' };
  const { exp, nbf } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { ok: false, reason: 'malformed' };
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, jwt: { claims, exp, nbf } };
}

/**
 * Whether a signed token is valid at `nowSeconds`: it is expired at exactly `exp` (RFC 7519
 * §4.1.4), and not valid before `nbf`.
 */
export function jwtValidAt(jwt: SignedJwt, nowSeconds: number): boolean {
  if (!Number.isFinite(nowSeconds) || nowSeconds >= jwt.exp) return false;
  return jwt.nbf === undefined || nowSeconds >= jwt.nbf;
}

/**
 * Verifies signature first, then the time window. A not-yet-valid `nbf` is reported as 'expired'
 * too: both mean "outside its validity window". Never throws.
 */
export function verifyJwt(token: string, key: Buffer, nowSeconds: number): JwtVerifyResult {
  const signed = verifyJwtSignature(token, key);
  if (!signed.ok) return signed;
  if (!jwtValidAt(signed.jwt, nowSeconds)) return { ok: false, reason: 'expired' };
  return { ok: true, claims: signed.jwt.claims };
}
