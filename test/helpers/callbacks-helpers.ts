// Helpers for the callback tests: set a callback through the CLI, read the delivery log through
// the CLI, drive a worker until a condition holds, and check a received request against the wire
// format (compact JSON, both signatures computed here independently with node:crypto).
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { CallbackWorker } from '../../src/callbacks/index.js';
import { parseExactJson } from '../../src/shared/exact-json.js';
import type { ReceivedRequest } from './callbacks-receiver.js';
import type { TestServer } from './test-server.js';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CliOutput {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `principals set-callback --json`; fails the test unless it succeeds. Returns the printed JSON. */
export async function setCallback(server: TestServer, username: string, url: string, ...extra: string[]): Promise<{ callbackUrl: string; hashSecret: string | null }> {
  const result = await server.cli(['principals', 'set-callback', '--username', username, '--url', url, '--json', ...extra]);
  assert.equal(result.exitCode, 0, result.stderr);
  return JSON.parse(result.stdout) as { callbackUrl: string; hashSecret: string | null };
}

/** Like `setCallback` but returns the secret, which must have been printed (first set or rotation). */
export async function setCallbackSecret(server: TestServer, username: string, url: string, ...extra: string[]): Promise<string> {
  const printed = await setCallback(server, username, url, ...extra);
  assert.equal(typeof printed.hashSecret, 'string');
  return printed.hashSecret as string;
}

export interface ListedAttempt {
  attemptedAt: string;
  url: string;
  httpStatus: number | null;
  latencyMs: number;
  error: string | null;
}

export interface ListedCallback {
  id: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: ListedAttempt[];
  dateCreated: string;
  dateDelivered: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
}

/** `callbacks list --json [...args]` through the CLI. */
export async function listCallbacks(server: TestServer, ...args: string[]): Promise<ListedCallback[]> {
  const result = await server.cli(['callbacks', 'list', '--json', '--limit', '10000', ...args]);
  assert.equal(result.exitCode, 0, result.stderr);
  return JSON.parse(result.stdout) as ListedCallback[];
}

export async function listedCallback(server: TestServer, id: string): Promise<ListedCallback> {
  const found = (await listCallbacks(server)).find((c) => c.id === id);
  assert.ok(found !== undefined, `callback ${id} not listed`);
  return found;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs worker passes (with a short pause between) until `done()` holds. */
export async function driveUntil(worker: CallbackWorker, done: () => boolean | Promise<boolean>, timeoutMs = 5000, pauseMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('driveUntil: condition not reached in time');
    await worker.runOnce();
    await sleep(pauseMs);
  }
}

/** Status of one callback straight from the outbox table. */
export async function outboxStatus(server: TestServer, id: string): Promise<string | undefined> {
  const row = await server.runtime.database.db.selectFrom('callbacks').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status;
}

export async function outboxCount(server: TestServer): Promise<number> {
  const row = await server.runtime.database.db
    .selectFrom('callbacks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when `text` has no whitespace outside string literals (compact JSON). */
export function isCompactJson(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ' ' || c === '\n' || c === '\r' || c === '\t') return false;
  }
  return true;
}

export function expectedIbaneraSignature(rawBody: string, hashSecret: string): string {
  return createHash('sha256')
    .update(rawBody + hashSecret, 'utf8')
    .digest('base64');
}

export function expectedTimestampedSignature(id: string, timestamp: string, rawBody: string, hashSecret: string): string {
  return `v1,${createHmac('sha256', hashSecret).update(`${id}.${timestamp}.${rawBody}`, 'utf8').digest('base64')}`;
}

export interface ParsedCallback {
  readonly Id: string;
  readonly Type: string;
  /** Parsed with exact numbers (JsonNumber), so literals can be compared as text. */
  readonly Data: Record<string, unknown>;
}

/**
 * Checks one received request against Ibanera's wire format and our timestamped headers, with
 * signatures recomputed from `hashSecret`; returns the parsed body.
 */
export function assertWireFormat(request: ReceivedRequest, hashSecret: string, nowMs?: number): ParsedCallback {
  const label = `${request.path} ${request.rawBody}`;
  assert.equal(request.method, 'POST', label);
  assert.equal(request.headers['content-type'], 'application/json', label);
  assert.equal(Number(request.headers['content-length']), Buffer.byteLength(request.rawBody), label);
  assert.ok(isCompactJson(request.rawBody), `not compact: ${request.rawBody}`);
  const body = parseExactJson(request.rawBody, { depthMax: 16, stringLengthMax: 100_000, keysMax: 1000 }) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['Id', 'Type', 'Data'], label);
  assert.match(String(body.Id), GUID, label);
  assert.equal(typeof body.Type, 'string', label);
  assert.ok(typeof body.Data === 'object' && body.Data !== null && !Array.isArray(body.Data), label);

  assert.equal(request.headers['webhook-signature'], expectedIbaneraSignature(request.rawBody, hashSecret), `webhook-signature of ${label}`);
  assert.equal(request.headers['x-webhook-id'], body.Id, label);
  const timestamp = String(request.headers['x-webhook-timestamp']);
  assert.match(timestamp, /^\d{10}$/, label);
  if (nowMs !== undefined) assert.ok(Math.abs(Number(timestamp) - nowMs / 1000) < 120, `timestamp ${timestamp} far from ${nowMs}`);
  assert.equal(request.headers['x-webhook-signature'], expectedTimestampedSignature(String(body.Id), timestamp, request.rawBody, hashSecret), `x-webhook-signature of ${label}`);
  // A signature from another secret must not match: the check above is not vacuous.
  assert.notEqual(request.headers['webhook-signature'], expectedIbaneraSignature(request.rawBody, `${hashSecret}x`));
  return body as unknown as ParsedCallback;
}

/** The received requests whose body `Type` is `type`, in order of arrival. */
export function requestsOfType(requests: readonly ReceivedRequest[], type: string): ReceivedRequest[] {
  return requests.filter((r) => (JSON.parse(r.rawBody) as { Type?: string }).Type === type);
}
