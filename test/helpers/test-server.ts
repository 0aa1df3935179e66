import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { CallbackWorker } from '../../src/callbacks/index.js';
import { runCli } from '../../src/cli/run-cli.js';
import { base32Decode, totpCodeAt, totpStepAt } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { parseExactJson } from '../../src/shared/exact-json.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { installExampleRecorder } from './api-example-recorder.js';

/** A clock tests can move forward (token expiry, lockouts, fresh TOTP steps) or hold still. */
export class TestClock {
  offsetMs = 0;
  /** The wall-clock instant the clock is held at, or null while it runs. */
  private heldAtMs: number | null = null;
  nowMs(): number {
    return (this.heldAtMs ?? Date.now()) + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** Stops the clock where it is; only `advance` moves it until `release()`. */
  hold(): void {
    this.heldAtMs ??= Date.now();
  }
  /** Lets the clock run again; it jumps forward by the time it was held, never back. */
  release(): void {
    this.heldAtMs = null;
  }
}

export interface TestPrincipal {
  readonly customersId: number;
  readonly username: string;
  readonly password: string;
  readonly sharedSecret: string;
}

export interface CallOptions {
  readonly body?: unknown;
  /** A raw body string (sent as is, for malformed JSON and exact number literals). */
  readonly payload?: string;
  readonly token?: string;
  readonly otp?: string;
  readonly headers?: Record<string, string>;
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
  readonly clock: TestClock;
  readonly database: TestDatabase;
  readonly logLines: string[];
  /** The callback delivery worker (not started: call `start()`, or `runOnce()` for one pass). */
  readonly callbacks: CallbackWorker;
  /** Runs a CLI command in-process against this server's database. */
  cli(args: readonly string[]): Promise<{ exitCode: number | null; stdout: string; stderr: string }>;
  createPrincipal(username?: string, password?: string): Promise<TestPrincipal>;
  otp(principal: TestPrincipal, stepOffset?: number): string;
  /** Logs in with a fresh TOTP step (moves the clock 30 s so each login uses a new code). */
  login(principal: TestPrincipal): Promise<string>;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  /** Calls as `principal` (logging in once and caching the token). */
  as(principal: TestPrincipal): (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Parses a response body with exact numbers (JsonNumber) so tests can assert literals. */
export function exactBody(response: LightMyRequestResponse): Record<string, unknown> {
  return parseExactJson(response.body, { depthMax: 64, stringLengthMax: 10_000_000, keysMax: 100_000 }) as Record<string, unknown>;
}

let principalCounter = 0;
const TEST_PASSWORD_HASH_COST = '10';

/** `database`: an existing one (e.g. prepared at an older schema); a fresh one by default. */
/** Production refuses to start without CARD_DATA_KEY; tests of production mode get this one unless they set their own. */
const TEST_CARD_DATA_KEY = Buffer.alloc(32, 0x5a).toString('base64');

export async function startTestServer(givenEnv: Record<string, string> = {}, existing?: TestDatabase): Promise<TestServer> {
  const env = givenEnv.MODE === 'production' && givenEnv.CARD_DATA_KEY === undefined ? { ...givenEnv, CARD_DATA_KEY: TEST_CARD_DATA_KEY } : givenEnv;
  const database = existing ?? (await createTestDatabase());
  // Login rate limiting has its own test; elsewhere many logins from one address are normal.
  // Password hashes at the lowest cost the config allows: every test creates and logs in principals,
  // and scrypt at the default cost (about 0.1 s each) was a third of the suite's CPU. Verification
  // is the same code; test/unit-auth-crypto.test.ts checks the default cost.
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'info', LOGIN_RATE_PER_MINUTE: '100000', PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST, ...env });
  const clock = new TestClock();
  const runtime = await openRuntime(config, process.cwd(), clock);
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({ ...runtime, version: 'test', logStream });
  // `npm run docs:examples`: the API reference's examples are answers this suite checks.
  const recordExamplesTo = process.env.RECORD_API_EXAMPLES;
  if (recordExamplesTo !== undefined && recordExamplesTo !== '') installExampleRecorder(app, recordExamplesTo);
  const tokens = new Map<string, string>();
  const silent = { warn: () => undefined, error: () => undefined };
  const callbacks = new CallbackWorker(runtime.database, clock, config, silent);
  const cliEnv = { DATABASE_URL: database.url, LOG_LEVEL: 'silent', PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST, ...env };

  const server: TestServer = {
    app,
    runtime,
    clock,
    database,
    logLines,
    callbacks,
    async cli(args) {
      let stdout = '';
      let stderr = '';
      const exitCode = await runCli(args, { env: cliEnv, cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { exitCode, stdout, stderr };
    },
    async createPrincipal(username = `user${++principalCounter}x${Date.now() % 100000}`, password = 'correct-horse-battery') {
      const created = await runtime.auth.createPrincipal(username, password);
      return { customersId: created.customersId, username: created.username, password, sharedSecret: created.sharedSecret };
    },
    otp(principal, stepOffset = 0) {
      const key = base32Decode(principal.sharedSecret);
      if (key === null) throw new Error('bad secret');
      return totpCodeAt(key, totpStepAt(clock.nowMs()) + stepOffset);
    },
    async login(principal) {
      clock.advance(30_000);
      const response = await server.call('POST', '/api/v1/public/auth/login', {
        body: { username: principal.username, password: principal.password, otp: server.otp(principal) },
      });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
      return (JSON.parse(response.body) as { details: { accessToken: string } }).details.accessToken;
    },
    call(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      if (options.otp !== undefined) headers.otp = options.otp;
      const payload = options.payload ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (payload !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
      return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    },
    as(principal) {
      return async (method, url, body) => {
        let token = tokens.get(principal.username);
        if (token === undefined) {
          token = await server.login(principal);
          tokens.set(principal.username, token);
        }
        return server.call(method, url, { token, otp: server.otp(principal), ...(body === undefined ? {} : { body }) });
      };
    },
    async close() {
      await callbacks.stop();
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
  return server;
}
