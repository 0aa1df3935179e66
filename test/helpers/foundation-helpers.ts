// Helpers shared by the foundation end-to-end tests (test/foundation-*.test.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { runCli } from '../../src/cli/run-cli.js';
import { base32Decode, totpCodeAt, totpStepAt } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { TestClock, type TestResponse } from './test-server.js';

/** The repository root: the CLI is spawned from here so `--import tsx` resolves. */
export const REPO_ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export const LOGIN_PATH = '/api/v1/public/auth/login';
export const BALANCES_PATH = '/api/v1/customer/accounts/balances';

export interface ErrorItem {
  errorType: string;
  fieldName: string;
  messageCode: string;
  message: string;
}

export interface EnvelopeBody {
  id: number;
  details: unknown;
  status: string;
  errors: ErrorItem[];
}

export function envelope(response: { body: string }): EnvelopeBody {
  return JSON.parse(response.body) as EnvelopeBody;
}

const ERROR_TYPE_BY_STATUS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
};

/**
 * Asserts the error envelope: HTTP status, `id` 0, `details` null, `status` "0", and the first
 * error's messageCode (and fieldName when given), with every error's errorType matching the status.
 */
export function assertError(response: TestResponse, httpStatus: number, messageCode: string, fieldName?: string): EnvelopeBody {
  const label = `${response.statusCode} ${response.body}`;
  assert.equal(response.statusCode, httpStatus, label);
  assert.match(String(response.headers['content-type']), /^application\/json/, label);
  const body = envelope(response);
  assert.equal(body.id, 0, label);
  assert.equal(body.details, null, label);
  assert.equal(body.status, '0', label);
  assert.ok(Array.isArray(body.errors) && body.errors.length >= 1, label);
  const first = body.errors[0] as ErrorItem;
  assert.equal(first.messageCode, messageCode, label);
  if (fieldName !== undefined) assert.equal(first.fieldName, fieldName, label);
  const errorType = ERROR_TYPE_BY_STATUS[httpStatus];
  for (const error of body.errors) {
    assert.deepEqual(Object.keys(error).sort(), ['errorType', 'fieldName', 'message', 'messageCode'], label);
    assert.ok(typeof error.message === 'string' && /^\S.*\.$/.test(error.message), `a sentence in message: ${label}`);
    if (errorType !== undefined) assert.equal(error.errorType, errorType, label);
  }
  return body;
}

/** Asserts a success envelope and returns its `details`. */
export function assertSuccess(response: TestResponse): unknown {
  const label = `${response.statusCode} ${response.body}`;
  assert.equal(response.statusCode, 200, label);
  const body = envelope(response);
  assert.equal(body.status, '1', label);
  assert.deepEqual(body.errors, [], label);
  assert.equal(body.id, 0, label);
  return body.details;
}

/** The TOTP for a Base32 secret at `nowMs` plus `stepOffset` steps. */
export function otpFor(sharedSecret: string, nowMs: number, stepOffset = 0): string {
  const key = base32Decode(sharedSecret);
  if (key === null) throw new Error('bad secret');
  return totpCodeAt(key, totpStepAt(nowMs) + stepOffset);
}

/** A well-formed 6-digit code that matches none of the steps within ±3 of `nowMs`. */
export function wrongOtpFor(sharedSecret: string, nowMs: number): string {
  const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((d) => otpFor(sharedSecret, nowMs, d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/**
 * Moves the clock to one second after the start of the next TOTP step and holds it there until the
 * test ends, so the step cannot change under a drift test however slowly it runs (test files run
 * in parallel on a small machine); `advance` still moves it.
 */
export function alignToStepStart(clock: TestClock, t: TestContext): void {
  const intoStep = clock.nowMs() % 30_000;
  clock.advance(30_000 - intoStep + 1_000);
  clock.hold();
  t.after(() => clock.release());
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A minimal environment for a spawned CLI (no inherited DATABASE_URL or PORT). */
export function cliEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { LOG_LEVEL: 'silent' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * How long a spawned `node --import tsx src/main.ts` may take to start listening or to finish a short
 * command: about two seconds alone, many times that while other test files run in parallel.
 */
export const SPAWN_TIMEOUT_MS = 60_000;

/** Runs `node --import tsx src/main.ts ...args` to completion. */
export function spawnCli(args: readonly string[], env: Record<string, string>, timeoutMs = SPAWN_TIMEOUT_MS): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Runs a CLI command in this process (same code path as main.ts, minus process startup), for the
 * many edge cases that would each cost a second and a half as a spawned process.
 */
export async function runCliInProcess(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { LOG_LEVEL: 'silent', ...env },
    cwd: REPO_ROOT,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, signal: null, stdout, stderr };
}

/** A TCP port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** An in-process app over an existing database (one the CLI wrote to), for `inject` calls. */
export interface AppOnDatabase {
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
  readonly clock: TestClock;
  login(username: string, password: string, otp: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openAppOn(databaseUrl: string, env: Record<string, string> = {}): Promise<AppOnDatabase> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  const clock = new TestClock();
  const runtime = await openRuntime(config, REPO_ROOT, clock);
  const app = await buildApp({ ...runtime, version: 'test' });
  return {
    app,
    runtime,
    clock,
    login: (username, password, otp) =>
      app.inject({ method: 'POST', url: LOGIN_PATH, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username, password, otp }) }),
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
