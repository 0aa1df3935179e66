// A real HTTP client for the bank workload: fetch over 127.0.0.1, a bearer token and a fresh TOTP
// on every request, exact JSON both ways (amounts never pass through a JavaScript number), and
// retries with the SAME Idempotency-Key until an answer arrives or the budget ends.
import { base32Decode, totpCodeAt, totpStepAt } from '../../src/auth/index.js';
import { JsonNumber, parseExactJson } from '../../src/shared/exact-json.js';
import { parseDecimal } from '../../src/shared/decimal.js';
import { sleep } from './time.js';

export interface PrincipalCredentials {
  readonly customersId: number;
  readonly username: string;
  readonly password: string;
  readonly sharedSecret: string;
}

/** One HTTP answer (any status), its raw text and its exactly-parsed body. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: Record<string, unknown>;
  readonly replayed: boolean;
}

export type Attempt = { readonly ok: true; readonly answer: Answer } | { readonly ok: false; readonly error: string };

export const ATTEMPT_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MIN_MS = 25;
const RETRY_DELAY_MAX_MS = 500;

export function totpNow(sharedSecret: string): string {
  const key = base32Decode(sharedSecret);
  if (key === null) throw new Error('bad shared secret');
  return totpCodeAt(key, totpStepAt(Date.now()));
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const parsed = parseExactJson(text, { depthMax: 64, stringLengthMax: 10_000_000, keysMax: 100_000 });
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One request; never throws (a transport failure is a value). */
export async function attempt(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; sharedSecret?: string; bodyText?: string; idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<Attempt> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.sharedSecret !== undefined) headers.otp = totpNow(options.sharedSecret);
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  if (options.bodyText !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(options.bodyText === undefined ? {} : { body: options.bodyText }),
      signal: AbortSignal.timeout(options.timeoutMs ?? ATTEMPT_TIMEOUT_MS),
    });
    const text = await response.text();
    return { ok: true, answer: { status: response.status, text, body: parseBody(text), replayed: response.headers.get('idempotent-replayed') === 'true' } };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, error: cause ?? (error instanceof Error ? error.name : String(error)) };
  }
}

/** Logs in with the current TOTP step; returns the access token. */
export async function login(baseUrl: string, principal: PrincipalCredentials): Promise<string> {
  const bodyText = JSON.stringify({ username: principal.username, password: principal.password, otp: totpNow(principal.sharedSecret) });
  const result = await attempt(baseUrl, 'POST', '/api/v1/public/auth/login', { bodyText });
  if (!result.ok || result.answer.status !== 200) throw new Error(`login failed: ${result.ok ? result.answer.text : result.error}`);
  const details = result.answer.body.details as Record<string, unknown>;
  return String(details.accessToken);
}

export interface SendOutcome {
  readonly answer: Answer | null;
  readonly attempts: number;
  readonly transportFailures: number;
  readonly serverErrors: number;
}

/**
 * Sends until an answer below 500 arrives (transport failures and 5xx are retried with the same
 * Idempotency-Key, after a short jittered wait) or `budgetMs` has passed or `cancelled()` holds:
 * then `answer` is null (or the last 5xx).
 */
export async function sendUntilAnswered(
  baseUrl: () => string,
  method: 'GET' | 'POST',
  path: string,
  options: { token: string; sharedSecret: string; bodyText?: string; idempotencyKey?: string },
  budgetMs: number,
  random: () => number,
  cancelled: () => boolean = () => false,
): Promise<SendOutcome> {
  const deadline = Date.now() + budgetMs;
  let attempts = 0;
  let transportFailures = 0;
  let serverErrors = 0;
  let last: Answer | null = null;
  let delayMs = RETRY_DELAY_MIN_MS;
  while (attempts === 0 || (Date.now() < deadline && !cancelled())) {
    attempts++;
    const result = await attempt(baseUrl(), method, path, { ...options, timeoutMs: Math.max(1_000, Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now())) });
    if (result.ok && result.answer.status < 500) return { answer: result.answer, attempts, transportFailures, serverErrors };
    if (result.ok) {
      serverErrors++;
      last = result.answer;
    } else transportFailures++;
    await sleep(delayMs * (0.5 + random()));
    delayMs = Math.min(RETRY_DELAY_MAX_MS, delayMs * 2);
  }
  return { answer: last, attempts, transportFailures, serverErrors };
}

/** An id (a JSON integer) from an exactly-parsed body. */
export function intOf(value: unknown, what: string): number {
  if (value instanceof JsonNumber && /^-?\d+$/.test(value.text)) return Number(value.text);
  throw new Error(`${what}: expected an integer, got ${JSON.stringify(value)}`);
}

/** An amount (exact literal) as units at scale 18. */
export function unitsOf(value: unknown, what: string): bigint {
  const text = value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : null;
  const parsed = text === null ? null : parseDecimal(text);
  if (parsed === null || !parsed.ok) throw new Error(`${what}: expected a decimal, got ${JSON.stringify(value)}`);
  return parsed.units;
}

export function firstErrorCode(answer: Answer): string {
  const errors = answer.body.errors;
  const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
  return typeof first?.messageCode === 'string' ? first.messageCode : `HTTP ${answer.status}`;
}
