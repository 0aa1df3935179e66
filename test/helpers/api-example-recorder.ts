/**
 * Records answers the suite checks, so the API reference shows real examples (docs/sdk.md,
 * "Examples in the API reference"). With `RECORD_API_EXAMPLES=<dir>`, every test server of a test
 * process notes, per route, its first successful answers (with the request that got them) and its
 * first answers per 4xx status; when the process exits it writes them to
 * `<dir>/<test file>.<pid>.json`. scripts/record-api-examples.ts merges those files into
 * docs/api-examples.json. Secrets are replaced before anything is kept (`redactSecrets`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JsonNumber, parseExactJson, stringifyExact } from '../../src/shared/exact-json.js';

/** One answer as recorded: the request's query and JSON body (as sent) and the JSON answer. */
export interface RecordedCall {
  /** The HTTP status, as text ("200"): the files are read back with exact numbers. */
  readonly status: string;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
  readonly response: unknown;
}

export interface RouteRecording {
  readonly successes: RecordedCall[];
  /** By HTTP status ("400", "401"…). */
  readonly errors: Record<string, RecordedCall[]>;
}

/** What one test process recorded. */
export interface Recording {
  readonly testFile: string;
  /** By operation: "POST /api/v1/public/auth/login". */
  readonly routes: Record<string, RouteRecording>;
}

/** Successes kept per route: the first ones, and the first ones whose `details` are not empty. */
const SUCCESSES_PLAIN_KEPT = 3;
const SUCCESSES_RICH_KEPT = 3;
const ERRORS_KEPT_PER_STATUS = 2;
const EXACT_LIMITS = { depthMax: 64, stringLengthMax: 10_000_000, keysMax: 100_000 };

/** Plausible stand-ins for secrets, by member name (lower case); card numbers: `placeholderCardNumber`. */
export const SECRET_PLACEHOLDERS: Readonly<Record<string, string>> = {
  accesstoken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDAxIn0.placeholder-signature',
  password: 'correct-horse-battery-staple',
  otp: '123456',
  sharedsecret: 'JBSWY3DPEHPK3PXP',
  cvc: '123',
  cvv: '123',
  pin: '4821',
  oldpin: '4821',
  newpin: '7395',
};

/** A card number with every digit shown (12 to 19 digits, spaces and dashes allowed); a masked one is kept. */
export const FULL_CARD_NUMBER = /^[\d -]{12,25}$/;

/**
 * A stand-in for a full card number that keeps what a receipt shows (the first digit, for the
 * brand, and the last four, which answers repeat as `cardLast4`): ones in between, and the one
 * digit before the last four that makes the Luhn check pass, so the server would accept it.
 */
export function placeholderCardNumber(original: string): string {
  const digits = original.replace(/\D/g, '');
  const head = `${digits.slice(0, 1)}${'1'.repeat(digits.length - 6)}`;
  const last4 = digits.slice(-4);
  for (let check = 0; check <= 9; check++) {
    const candidate = `${head}${check}${last4}`;
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error('unreachable: one check digit always fits');
}

/** Whether a number has the shape `placeholderCardNumber` gives. */
export function isPlaceholderCardNumber(text: string): boolean {
  return /^\d1+\d{5}$/.test(text) && luhnValid(text);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
  }
  return sum % 10 === 0;
}

/** A copy of `value` with every secret member replaced by its placeholder. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object' || value instanceof JsonNumber) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const name = key.toLowerCase();
    if (name === 'cardnumber' && typeof member === 'string' && FULL_CARD_NUMBER.test(member)) out[key] = placeholderCardNumber(member);
    else if (SECRET_PLACEHOLDERS[name] !== undefined && member !== null) out[key] = SECRET_PLACEHOLDERS[name];
    else out[key] = redactSecrets(member);
  }
  return out;
}

/** The operation's name as the OpenAPI document spells it: method and path (`:id` → `{id}`). */
export function operationKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url.replace(/:(\w+)/g, '{$1}')}`;
}

const recording: Recording = { testFile: relative(process.cwd(), process.argv[1] ?? 'unknown'), routes: {} };
let flushTo: string | null = null;

/** Records this app's answers into `dir` (see the file comment). */
export function installExampleRecorder(app: FastifyInstance, dir: string): void {
  if (flushTo === null) {
    flushTo = dir;
    process.on('exit', flush);
  }
  // The query and body as sent (parsed), before binding renames keys and converts values.
  const sent = new WeakMap<FastifyRequest, { query?: Record<string, unknown>; body?: unknown }>();
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    sent.set(request, {
      ...(query !== undefined && Object.keys(query).length > 0 ? { query: redactSecrets({ ...query }) as Record<string, unknown> } : {}),
      ...(isJson(request.headers['content-type']) && request.body !== undefined ? { body: redactSecrets(request.body) } : {}),
    });
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    const hidden = (request.routeOptions.schema as { hide?: boolean } | undefined)?.hide === true;
    if (url === undefined || hidden || request.method === 'HEAD' || typeof payload !== 'string' || !isJson(String(reply.getHeader('content-type')))) return payload;
    let response: unknown;
    try {
      response = parseExactJson(payload, EXACT_LIMITS);
    } catch {
      return payload;
    }
    note(operationKey(request.method, url), { status: String(reply.statusCode), ...sent.get(request), response: redactSecrets(response) });
    return payload;
  });
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/(json|json-patch\+json)\b/i.test(contentType);
}

function note(key: string, call: RecordedCall): void {
  const route = (recording.routes[key] ??= { successes: [], errors: {} });
  if (/^2\d\d$/.test(call.status) && isSuccess(call.response)) {
    const rich = route.successes.filter(isRich).length;
    const plain = route.successes.length - rich;
    if (isRich(call) ? rich < SUCCESSES_RICH_KEPT : plain < SUCCESSES_PLAIN_KEPT) route.successes.push(call);
  } else if (/^4\d\d$/.test(call.status)) {
    const calls = (route.errors[call.status] ??= []);
    if (calls.length < ERRORS_KEPT_PER_STATUS) calls.push(call);
  }
}

/** Ibanera's envelope says `status: "1"`; QuickBuy Pro's says `success: true`; health has neither. */
function isSuccess(response: unknown): boolean {
  const body = response as { status?: unknown; success?: unknown } | null;
  return body !== null && typeof body === 'object' && body.status !== '0' && body.success !== false;
}

/** An answer that shows something: a `details` that is not empty (or no `details` at all). */
export function isRich(call: RecordedCall): boolean {
  const details = (call.response as { details?: unknown }).details;
  if (Array.isArray(details)) return details.length > 0;
  return details !== null;
}

function flush(): void {
  if (flushTo === null || Object.keys(recording.routes).length === 0) return;
  mkdirSync(flushTo, { recursive: true });
  writeFileSync(join(flushTo, `${basename(recording.testFile)}.${process.pid}.json`), stringifyExact(recording));
}
