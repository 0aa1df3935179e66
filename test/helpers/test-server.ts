import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { CallbackWorker } from '../../src/callbacks/index.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { parseExactJson } from '../../src/shared/exact-json.js';
import { base32Decode, Ibanera, stringifyExact, totpCodeAtStep, totpStep, type Answer, type ClientOptions } from '../../sdk/src/index.js';
import { injectFetch } from './inject-fetch.js';
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

/**
 * An HTTP answer as the tests read it: from the SDK (`as`, the helpers' `Api`) or from a raw `call`
 * (a LightMyRequestResponse is one).
 */
export interface TestResponse {
  readonly statusCode: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  json(): unknown;
}

/** The SDK's answer as a TestResponse. */
export function responseOf(answer: Answer): TestResponse {
  return { statusCode: answer.httpStatus, body: answer.text, headers: answer.headers, json: () => JSON.parse(answer.text) as unknown };
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
  /**
   * The SDK's client for `principal`, talking to this app in process, on the test clock, with no
   * retries (a test sees every answer, 5xx included, after exactly one request). Not logged in yet.
   */
  client(principal: TestPrincipal, options?: Partial<ClientOptions>): Ibanera;
  /** An SDK client logged in with a fresh TOTP step (moves the clock 30 s so each login uses a new code). */
  loggedIn(principal: TestPrincipal): Promise<Ibanera>;
  /** Logs in through the SDK with a fresh TOTP step (see `loggedIn`); the access token. */
  login(principal: TestPrincipal): Promise<string>;
  /**
   * A raw request, sent as given (no login, no otp unless passed): for hostile input, missing or
   * wrong credentials, malformed bodies. Authenticated calls go through the SDK (`client`, `as`).
   */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  /** Calls as `principal` through the SDK (logging in once; a fresh otp per call). */
  as(principal: TestPrincipal): (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<TestResponse>;
  close(): Promise<void>;
}

/** Parses a response body with exact numbers (JsonNumber) so tests can assert literals. */
export function exactBody(response: TestResponse): Record<string, unknown> {
  return parseExactJson(response.body, { depthMax: 64, stringLengthMax: 10_000_000, keysMax: 100_000 }) as Record<string, unknown>;
}

let principalCounter = 0;
let serverCounter = 0;
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
  const clients = new Map<string, Ibanera>();
  const fetchInProcess = injectFetch(app);
  // A base URL of its own per server: the SDK remembers the TOTP steps it logged in with per URL and username.
  const baseUrl = `http://test-server-${++serverCounter}.invalid`;
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
      return totpCodeAtStep(base32Decode(principal.sharedSecret), totpStep(clock.nowMs()) + stepOffset);
    },
    client(principal, options = {}) {
      return new Ibanera({
        baseUrl,
        username: principal.username,
        password: principal.password,
        secret: principal.sharedSecret,
        retriesMax: 0,
        fetch: fetchInProcess,
        now: () => clock.nowMs(),
        // A login waiting for the next TOTP window moves the test clock instead of sleeping.
        sleep: async (ms) => clock.advance(ms),
        ...options,
      });
    },
    async loggedIn(principal) {
      clock.advance(30_000);
      const client = server.client(principal);
      await client.login();
      return client;
    },
    async login(principal) {
      const session = (await server.loggedIn(principal)).session;
      if (session === undefined) throw new Error('the SDK logged in without a session');
      return session.accessToken;
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
        let client = clients.get(principal.username);
        if (client === undefined) {
          client = await server.loggedIn(principal);
          clients.set(principal.username, client);
        }
        return responseOf(await client.send(method, url, body === undefined ? {} : { rawBody: stringifyExact(body) }));
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
