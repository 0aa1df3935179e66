// The bank workload's client is the SDK's (sdk/src): a bearer token and a fresh TOTP on every
// request, exact JSON both ways (amounts never pass through a JavaScript number), one HTTP request per
// attempt (`retriesMax: 0`). The retries are the workload's own: with the SAME IdempotencyKey until
// an answer arrives or the budget ends, against whichever port the restarted server listens on.
import { IbaneraClient, IbaneraConnectionError, IbaneraProtocolError, totpCode } from '../../sdk/src/index.js';
import { parseDecimal } from '../../src/shared/decimal.js';
import { sleep } from './time.js';

export interface PrincipalCredentials {
  readonly customersId: number;
  readonly username: string;
  readonly password: string;
  readonly sharedSecret: string;
}

/** One HTTP answer (any status), its raw text and its envelope as the SDK parsed it (exactly). */
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
/** A token the workload renews itself: the SDK is not to judge its expiry. */
const SESSION_KEPT_MS = Number.MAX_SAFE_INTEGER;

export function totpNow(sharedSecret: string): string {
  return totpCode(sharedSecret);
}

/** A transport failure as a short name: the socket's code (ECONNREFUSED, ECONNRESET…) or the error's name. */
function failureName(error: unknown): string {
  if (error instanceof IbaneraProtocolError) return `not the API's envelope (HTTP ${error.httpStatus})`;
  const inner = error instanceof IbaneraConnectionError ? error.cause : error;
  const code = (inner as { cause?: { code?: string } } | undefined)?.cause?.code;
  return code ?? (inner instanceof Error ? inner.name : String(inner));
}

/** One request through the SDK, exactly one HTTP exchange; never throws (a transport failure is a value). */
export async function attempt(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; sharedSecret?: string; bodyText?: string; idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<Attempt> {
  try {
    const client = new IbaneraClient({
      baseUrl,
      retriesMax: 0,
      timeoutMs: options.timeoutMs ?? ATTEMPT_TIMEOUT_MS,
      ...(options.sharedSecret === undefined ? {} : { secret: options.sharedSecret }),
      ...(options.token === undefined ? {} : { session: { accessToken: options.token, expiresAtMs: SESSION_KEPT_MS } }),
    });
    const answer = await client.send(method, path, {
      ...(options.bodyText === undefined ? {} : { rawBody: options.bodyText }),
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
    const body = answer.envelope as unknown as Record<string, unknown>;
    return { ok: true, answer: { status: answer.httpStatus, text: answer.text, body, replayed: answer.headers['idempotent-replayed'] === 'true' } };
  } catch (error) {
    return { ok: false, error: failureName(error) };
  }
}

/** Logs in through the SDK (the current TOTP step; the next one if this process used it); the access token. */
export async function login(baseUrl: string, principal: PrincipalCredentials): Promise<string> {
  const client = new IbaneraClient({ baseUrl, username: principal.username, password: principal.password, secret: principal.sharedSecret, retriesMax: 0 });
  return (await client.login()).accessToken;
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

/** An id (a JSON integer): the SDK answers a safe integer as a number, anything else as its text. */
export function intOf(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new Error(`${what}: expected an integer, got ${JSON.stringify(value)}`);
}

/** An amount as units at scale 18: the SDK answers a decimal as its literal text (a safe integer elsewhere as a number). */
export function unitsOf(value: unknown, what: string): bigint {
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : null;
  const parsed = text === null ? null : parseDecimal(text);
  if (parsed === null || !parsed.ok) throw new Error(`${what}: expected a decimal, got ${JSON.stringify(value)}`);
  return parsed.units;
}

export function firstErrorCode(answer: Answer): string {
  const errors = answer.body.errors;
  const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
  return typeof first?.messageCode === 'string' ? first.messageCode : `HTTP ${answer.status}`;
}
