// Helpers for the Accounts, simulations and ledger tests: a logged-in client (the SDK's) that can
// send raw JSON and extra headers, small wrappers around the money-moving calls, and exact-number
// assertions.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { runCli as runCliCommand } from '../../src/cli/run-cli.js';
import { verifyBooks } from '../../src/accounts/index.js';
import { JsonNumber } from '../../src/shared/exact-json.js';
import { stringifyExact, type Ibanera } from '../../sdk/src/index.js';
import { SPAWN_TIMEOUT_MS } from './foundation-helpers.js';
import { exactBody, responseOf, type TestPrincipal, type TestResponse, type TestServer } from './test-server.js';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export const PATHS = {
  create: '/api/v2/customer/accounts/create',
  account: '/api/v1/customer/accounts/account',
  balances: '/api/v1/customer/accounts/balances',
  listAccounts: '/api/v1/customer/accounts/list-accounts',
  transactions: '/api/v1/customer/accounts/transactions',
  transactionV2: '/api/v2/customer/accounts/transactions/get',
  transactionV1: '/api/v1/customer/accounts/transactions/get',
  depositAddress: '/api/v1/customer/accounts/crypto/depositaddress',
  withdraw: '/api/v1/customer/accounts/crypto/withdraw',
  payIns: '/api/v1/customer/simulations/payins',
  cryptoDeposits: '/api/v1/customer/simulations/crypto-deposits',
  complete: '/api/v1/customer/simulations/transactions/complete',
  fail: '/api/v1/customer/simulations/transactions/fail',
} as const;

/** Public sample addresses (BIP-173 and EIP-55 test vectors). */
export const ADDRESSES = {
  btcTestnet: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
  btcTestnet2: 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
  btcMainnet: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  btcBadChecksum: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsy',
  eth: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  eth2: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  /** `eth` with one letter's case flipped: breaks the EIP-55 checksum. */
  ethFlipped: '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
} as const;

/**
 * A principal's client: the SDK (login, a fresh otp per call, the bearer token, an IdempotencyKey
 * on every POST unless the test gives one in `headers`), one request per call (no retries), every
 * answer returned as it came, refusals included.
 */
export interface Api {
  readonly principal: TestPrincipal;
  /** The SDK client underneath (typed wrappers: `api.sdk.accounts.balances()`). */
  readonly sdk: Ibanera;
  get(url: string, headers?: Record<string, string>): Promise<TestResponse>;
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /** POSTs `payload` as is (exact number literals, strings where numbers are expected). */
  postRaw(url: string, payload: string, headers?: Record<string, string>): Promise<TestResponse>;
  /** Logs in again (after moving the clock past the token's lifetime). */
  relogin(): Promise<void>;
}

export async function apiFor(server: TestServer, principal: TestPrincipal): Promise<Api> {
  const sdk = await server.loggedIn(principal);
  const send = async (method: 'GET' | 'POST', url: string, rawBody: string | undefined, headers: Record<string, string> | undefined) =>
    responseOf(await sdk.send(method, url, { ...(rawBody === undefined ? {} : { rawBody }), ...(headers === undefined ? {} : { headers }) }));
  return {
    principal,
    sdk,
    get: (url, headers) => send('GET', url, undefined, headers),
    // The SDK's writer without decimal paths: the body goes as the test wrote it (hostile values included).
    post: (url, body, headers) => send('POST', url, body === undefined ? undefined : stringifyExact(body), headers),
    postRaw: (url, payload, headers) => send('POST', url, payload, headers),
    async relogin() {
      server.clock.advance(30_000);
      await sdk.login();
    },
  };
}

/** A new principal and its client. */
export async function newApi(server: TestServer): Promise<Api> {
  return apiFor(server, await server.createPrincipal());
}

export function json(response: TestResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

/** The text of an exact number from `exactBody` (fails when the value is not a JSON number). */
export function numText(value: unknown): string {
  assert.ok(value instanceof JsonNumber, `expected a JSON number, got ${JSON.stringify(value)}`);
  return value.text;
}

export function assertOk(response: TestResponse): Record<string, unknown> {
  assert.equal(response.statusCode, 200, response.body);
  const body = json(response);
  assert.equal(body.status, '1', response.body);
  assert.deepEqual(body.errors, []);
  return body;
}

/** `fieldName:messageCode` of each error, in order. */
export function errorCodes(response: TestResponse): string[] {
  const body = json(response) as { errors: { fieldName: string; messageCode: string }[] };
  return body.errors.map((e) => `${e.fieldName}:${e.messageCode}`);
}

/** An error envelope with this HTTP status and exactly these `fieldName:messageCode` errors (any order). */
export function assertError(response: TestResponse, httpStatus: number, ...expected: string[]): void {
  assert.equal(response.statusCode, httpStatus, response.body);
  const body = json(response);
  assert.equal(body.status, '0', response.body);
  assert.equal(body.details, null);
  assert.equal(body.id, 0);
  assert.deepEqual([...errorCodes(response)].sort(), [...expected].sort(), response.body);
}

export async function createAccount(api: Api, asset: string, name = `${asset} account`): Promise<number> {
  const response = await api.post(PATHS.create, { CustomersId: api.principal.customersId, Name: name, Asset: asset });
  const body = assertOk(response) as { details: { accounts: { id: number }[] } };
  const account = body.details.accounts[0];
  assert.ok(account !== undefined);
  return account.id;
}

/** Pays in `amount` (a JSON literal, sent verbatim); returns the new transaction id. */
export async function payIn(api: Api, accountId: number, amount: string, transferType = 'ACH'): Promise<number> {
  const response = await api.postRaw(PATHS.payIns, `{"DestinationAccountId":${accountId},"TransferType":"${transferType}","Amount":${amount}}`);
  return assertOk(response).id as number;
}

/** Simulates an on-chain deposit of `amount` (a JSON literal); returns the transaction id. */
export async function cryptoDeposit(api: Api, accountId: number, amount: string, complete = true): Promise<number> {
  const response = await api.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${accountId},"Amount":${amount},"bComplete":${complete}}`);
  return assertOk(response).id as number;
}

export function withdraw(api: Api, accountId: number, amount: string, destinationAddress: string, headers?: Record<string, string>): Promise<TestResponse> {
  return api.postRaw(PATHS.withdraw, `{"accountsId":${accountId},"amount":${amount},"destinationAddress":${JSON.stringify(destinationAddress)}}`, headers);
}

export interface BalanceTexts {
  readonly total: string;
  readonly available: string;
  readonly pending: string;
}

/** The account's balances as the exact literals the API writes. */
export async function balancesOf(api: Api, accountId: number): Promise<BalanceTexts> {
  const response = await api.get(`${PATHS.account}?Id=${accountId}`);
  assert.equal(response.statusCode, 200, response.body);
  const d = exactBody(response).details as Record<string, unknown>;
  return { total: numText(d.totalBalance), available: numText(d.availableBalance), pending: numText(d.pendingBalance) };
}

export async function transactionDetail(api: Api, transactionId: number): Promise<Record<string, unknown>> {
  const response = await api.get(`${PATHS.transactionV2}?Id=${transactionId}`);
  return assertOk(response).details as Record<string, unknown>;
}

const COUNTED_TABLES = ['accounts', 'transactions', 'ledger_journals', 'ledger_legs', 'ledger_holds', 'ledger_balances', 'idempotency_keys'] as const;

/** Row counts of every table a write touches, to show that a rejected request wrote nothing. */
export type RowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export async function rowCounts(server: TestServer): Promise<RowCounts> {
  const db = server.runtime.database.db;
  const out: Partial<RowCounts> = {};
  for (const table of COUNTED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out as RowCounts;
}

export async function assertLedgerSound(server: TestServer): Promise<void> {
  assert.deepEqual(await verifyBooks(server.runtime.database.db, { now: new Date(server.clock.nowMs()).toISOString(), holdExpiryGraceMs: 60_000 }), []);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a CLI command in this process against the test server's database: the same code path as
 * main.ts minus process startup (a spawned process costs two to three seconds).
 */
export async function runCliInProcess(server: TestServer, args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCliCommand(args, {
    env: { DATABASE_URL: server.database.url, LOG_LEVEL: 'silent' },
    cwd: REPO_ROOT,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** Runs `node --import tsx src/main.ts ...args` against the test server's database. */
export function runCli(server: TestServer, args: readonly string[]): Promise<CliResult> {
  const env: Record<string, string> = { DATABASE_URL: server.database.url, LOG_LEVEL: 'silent' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
