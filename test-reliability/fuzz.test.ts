// Fuzz: every route the app registers (app.routeTable, in-process through startTestServer) gets
// seeded, generated hostile input — wrong types, missing and extra fields, huge and tiny numbers,
// exponents, "NaN"/"Infinity", unicode (lone surrogates as escapes and raw bytes, NUL, invalid
// UTF-8), 100k strings, deep nesting, broken JSON, keys named twice, wrong content types, bad and
// missing credentials, repeated and broken query keys, damaged paths and wrong methods. Every answer
// must come within 5 s, never be a 5xx, always be the JSON envelope; a request holding a NUL, a key
// twice or invalid UTF-8 must be refused; a rejected request (and any GET) must leave the database
// exactly as it was. A second test spells refused IPv4 addresses as IPv6 callback URLs. Replay a
// failure with RELIABILITY_SEED=<seed>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { RouteEntry } from '../src/app.js';
import { verifyBooks } from '../src/accounts/index.js';
import { checkCallbackUrl } from '../src/callbacks/index.js';
import { startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { describeChange, snapshot, tableNames, type Snapshot } from './support/db-snapshot.js';
import { ipv4In, ipv6Carrying, publicIpv4, REFUSED_IPV4_RANGES } from './support/fuzz-inputs.js';
import { BTC_TESTNET_ADDRESS, envelopeProblems, generate, type Fixture, type FuzzRequest, type IdKind, type Json } from './support/fuzz-requests.js';
import { PROFILE, TEST_TIMEOUT_MS } from './support/profile.js';
import { Prng, seedFromEnv } from './support/prng.js';

const ANSWER_TIME_MAX_MS = 5_000;
const FAILURES_KEPT_MAX = 50;

/** The answer, 'hang' after 5 s, or the error when the request could not even be injected. */
async function injectWithin(server: TestServer, request: FuzzRequest): Promise<LightMyRequestResponse | 'hang' | Error> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ANSWER_TIME_MAX_MS)));
  try {
    return await Promise.race([
      server.app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload === undefined ? {} : { payload: request.payload }) }),
      hang,
    ]);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}

/** A principal with money, pending and completed transactions and a payee: ids for the binder to accept. */
async function seedFixture(server: TestServer): Promise<Fixture> {
  const principal = await server.createPrincipal();
  const token = await server.login(principal);
  const post = async (url: string, body: unknown): Promise<Json> => {
    const response = await server.call('POST', url, { token, otp: server.otp(principal), body });
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
    return JSON.parse(response.body) as Json;
  };
  const ids = [principal.customersId];
  const idsByKind: Record<IdKind, number[]> = { customer: [principal.customersId], account: [], transaction: [], payee: [] };
  const accounts: Record<string, number> = {};
  for (const asset of ['USD', 'EUR', 'BTC', 'ETH']) {
    const created = await post('/api/v2/customer/accounts/create', { CustomersId: principal.customersId, Name: `fuzz ${asset}`, Asset: asset });
    const id = ((created.details as Json).accounts as Json[])[0]?.id as number;
    accounts[asset] = id;
    idsByKind.account.push(id);
  }
  const get = (url: string) => server.call('GET', url, { token, otp: server.otp(principal) });
  for (const asset of ['BTC', 'ETH']) await get(`/api/v1/customer/accounts/crypto/depositaddress?AccountsId=${accounts[asset]}`);
  const transactions = idsByKind.transaction;
  transactions.push((await post('/api/v1/customer/simulations/payins', { DestinationAccountId: accounts.USD, TransferType: 'ACH', Amount: '1000.00' })).id as number);
  transactions.push((await post('/api/v1/customer/simulations/payins', { DestinationAccountId: accounts.EUR, TransferType: 'SWIFT', Amount: '500.00' })).id as number);
  transactions.push((await post('/api/v1/customer/simulations/crypto-deposits', { DestinationAccountId: accounts.BTC, Amount: '2' })).id as number);
  transactions.push((await post('/api/v1/customer/simulations/crypto-deposits', { DestinationAccountId: accounts.BTC, Amount: '0.5', bComplete: false })).id as number);
  transactions.push(
    ((await post('/api/v1/customer/accounts/crypto/withdraw', { accountsId: accounts.BTC, amount: '0.1', destinationAddress: BTC_TESTNET_ADDRESS })).details as Json).id as number,
  );
  const payee = await server.call('POST', '/api/v3/customer/payees/create', {
    token,
    otp: server.otp(principal),
    body: {
      CustomersId: principal.customersId,
      TransferType: 'ACH',
      PayeeType: 'Personal',
      Name: 'Fuzz Payee',
      AccountNumber: '123456789',
      RoutingNumber: '021000021',
      CountryCode: 'USA',
    },
  });
  const payeeId = payee.statusCode === 200 ? ((JSON.parse(payee.body) as Json).details as Json | null)?.id : undefined;
  if (typeof payeeId === 'number') idsByKind.payee.push(payeeId);
  ids.push(...idsByKind.account, ...idsByKind.transaction, ...idsByKind.payee);
  return { username: principal.username, token, otp: () => server.otp(principal), ids, idsByKind };
}

interface Tally {
  inputs: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  accepted: number;
  rejected: number;
  dbChecks: number;
  /** Inputs holding something that must be refused (a NUL, a key twice, invalid UTF-8). */
  mustReject: number;
  slowestMs: number;
  perRoute: Record<string, number>;
}

/** A fresh server and database every this many inputs: the per-request fingerprint stays cheap. */
const EPOCH_INPUTS = 2_500;

interface Findings {
  readonly failures: string[];
  /** Problem kind @ route → how many inputs showed it. */
  readonly kinds: Map<string, number>;
  readonly tally: Tally;
  readonly ledgerProblems: string[];
  readonly errorLogs: string[];
}

/** Checks that the app's routes and its /openapi.json agree; returns the method+route pairs to fuzz. */
async function fuzzTargets(server: TestServer): Promise<{ route: RouteEntry; method: string }[]> {
  // The portal's pages (HTML forms behind a session cookie) have their own tests (test/portal-*.test.ts).
  const routes = server.app.routeTable
    .filter((route) => !route.url.startsWith('/portal'))
    .flatMap((route) =>
      route.method
        .split(',')
        .filter((m) => m !== 'HEAD')
        .map((method) => ({ route, method })),
    );
  const openapi = JSON.parse((await server.app.inject({ method: 'GET', url: '/openapi.json' })).body) as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
  const registered = new Set(routes.map((r) => `${r.method} ${r.route.url}`));
  assert.deepEqual(
    documented.filter((d) => !registered.has(d)),
    [],
    'every operation in /openapi.json is a registered route',
  );
  return routes;
}

/** One epoch: a fresh server, `inputs` generated requests (round-robin over the routes), every answer judged. */
async function fuzzEpoch(rng: Prng, firstInput: number, inputs: number, deadlineMs: number, found: Findings): Promise<number> {
  // Lockout only after 1000 failures (bad OTPs are part of the input); only warnings and errors are logged.
  const server = await startTestServer({ LOG_LEVEL: 'warn', LOGIN_FAILURES_MAX: '1000' });
  const { failures, kinds, tally } = found;
  let done = 0;
  try {
    const fx = await seedFixture(server);
    const routes = await fuzzTargets(server);
    const db = server.runtime.database.db as never;
    const tables = await tableNames(db);
    let before: Snapshot = await snapshot(db, tables);
    for (; done < inputs && Date.now() < deadlineMs; done++) {
      const i = firstInput + done;
      const { route, method } = routes[i % routes.length] as { route: RouteEntry; method: string };
      const request = generate(rng, route, method, fx);
      const label = () => `#${i} ${request.method} ${request.url.slice(0, 160)} [${request.note.join('; ').slice(0, 300)}] body ${String(request.payload ?? '').slice(0, 200)}`;
      const sentMs = Date.now();
      const response = await injectWithin(server, request);
      tally.inputs++;
      if (request.mustReject !== undefined) tally.mustReject++;
      tally.perRoute[`${method} ${route.url}`] = (tally.perRoute[`${method} ${route.url}`] ?? 0) + 1;
      tally.slowestMs = Math.max(tally.slowestMs, Date.now() - sentMs);
      if (response === 'hang' || response instanceof Error) {
        failures.push(`${response === 'hang' ? `no answer within ${ANSWER_TIME_MAX_MS} ms` : `inject failed (${response.message.slice(0, 200)})`}: ${label()}`);
        continue;
      }
      tally.byStatus[response.statusCode] = (tally.byStatus[response.statusCode] ?? 0) + 1;
      try {
        const first = ((JSON.parse(response.body) as Json).errors as Json[] | undefined)?.[0]?.messageCode;
        if (typeof first === 'string') tally.byCode[first] = (tally.byCode[first] ?? 0) + 1;
      } catch {
        // not JSON: judged below
      }
      const problems = envelopeProblems(request, response);
      if (/^\/docs\//i.test(request.url) && /devDependencies|root:x:0:0/.test(response.body)) problems.push('a file outside the docs was served');
      for (const p of problems) kinds.set(`${p.slice(0, 60)} @ ${method} ${route.url}`, (kinds.get(`${p.slice(0, 60)} @ ${method} ${route.url}`) ?? 0) + 1);
      if (problems.length > 0 && failures.length < FAILURES_KEPT_MAX) failures.push(`${problems.join(', ')}: ${label()} → ${response.statusCode} ${response.body.slice(0, 300)}`);
      const rejected = response.statusCode >= 400;
      if (rejected) tally.rejected++;
      else tally.accepted++;
      const after = await snapshot(db, tables);
      if (rejected || request.method === 'GET') {
        tally.dbChecks++;
        if (after.digest !== before.digest && failures.length < FAILURES_KEPT_MAX) {
          failures.push(`a ${rejected ? 'rejected request' : 'GET'} wrote (${describeChange(before, after)}): ${label()} → ${response.statusCode} ${response.body.slice(0, 200)}`);
        }
      }
      before = after;
    }
    found.ledgerProblems.push(...(await verifyBooks(server.runtime.database.db, { now: new Date().toISOString(), holdExpiryGraceMs: 60_000 })));
    found.errorLogs.push(...server.logLines.filter((line) => /"level":(50|60)/.test(line)));
  } finally {
    await server.close();
  }
  return done;
}

test('fuzz: every route answers hostile input with an envelope, in time, and writes nothing when it rejects', { timeout: TEST_TIMEOUT_MS }, async () => {
  const seed = seedFromEnv();
  const rng = new Prng(seed);
  console.log(
    `[fuzz] ${PROFILE.name}: seed ${seed} (replay with RELIABILITY_SEED=${seed}), up to ${PROFILE.fuzzInputs} inputs / ${PROFILE.fuzzDurationMs / 1000} s, a fresh database every ${EPOCH_INPUTS}`,
  );
  const found: Findings = {
    failures: [],
    kinds: new Map(),
    tally: { inputs: 0, byStatus: {}, byCode: {}, accepted: 0, rejected: 0, dbChecks: 0, mustReject: 0, slowestMs: 0, perRoute: {} },
    ledgerProblems: [],
    errorLogs: [],
  };
  const startedMs = Date.now();
  const deadlineMs = startedMs + PROFILE.fuzzDurationMs;
  let epochs = 0;
  while (found.tally.inputs < PROFILE.fuzzInputs && Date.now() < deadlineMs) {
    epochs++;
    await fuzzEpoch(rng, found.tally.inputs, Math.min(EPOCH_INPUTS, PROFILE.fuzzInputs - found.tally.inputs), deadlineMs, found);
  }
  const { failures, kinds, tally, ledgerProblems, errorLogs } = found;
  const codes = Object.entries(tally.byCode).sort((a, b) => b[1] - a[1]);
  console.log(
    `[fuzz] ${tally.inputs} inputs in ${((Date.now() - startedMs) / 1000).toFixed(1)} s (${epochs} fresh databases) over ${Object.keys(tally.perRoute).length} method+route pairs ` +
      `(min ${Math.min(...Object.values(tally.perRoute))} each): ${tally.rejected} rejected (${tally.mustReject} that had to be), ${tally.accepted} accepted, ${tally.dbChecks} database-unchanged checks, slowest answer ${tally.slowestMs} ms`,
  );
  console.log(`[fuzz] by HTTP status ${JSON.stringify(tally.byStatus)}`);
  console.log(`[fuzz] by messageCode ${codes.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  console.log(`[fuzz] ${failures.length} failures, ledger verify ${ledgerProblems.length === 0 ? 'clean' : ledgerProblems.join('; ')}, ${errorLogs.length} error log lines`);
  for (const [kind, n] of kinds) console.log(`[fuzz] FAILURE KIND ${n}× ${kind}`);
  for (const failure of failures.slice(0, 20)) console.log(`[fuzz] FAIL ${failure}`);
  for (const line of errorLogs.slice(0, 5)) console.log(`[fuzz] error log: ${line.slice(0, 2_000)}`);
  assert.deepEqual(failures, [], `fuzz failures (seed ${seed})`);
  assert.deepEqual(ledgerProblems, []);
  assert.deepEqual(errorLogs, [], 'the server logged an unhandled error');
});

const CALLBACK_URLS = 5_000;

test('callback URLs: an IPv6 address carrying a refused IPv4 address is refused in every form and spelling; one carrying a public address is not', async () => {
  const seed = seedFromEnv();
  const rng = new Prng(seed);
  const failures: string[] = [];
  for (let i = 0; i < CALLBACK_URLS; i++) {
    const refused = rng.chance(0.5);
    const ipv4 = refused ? ipv4In(rng, rng.pick(REFUSED_IPV4_RANGES)) : publicIpv4(rng);
    const { form, address } = ipv6Carrying(rng, ipv4, refused);
    const url = `https://[${address}]:8443/hook`;
    const check = await checkCallbackUrl(url, 'production');
    if (check.ok === refused) failures.push(`${url} (${form} of ${ipv4}): ${check.ok ? 'accepted' : `refused: ${check.reason}`}`);
  }
  console.log(`[fuzz callback URLs] seed ${seed}: ${CALLBACK_URLS} URLs, ${failures.length} failures`);
  for (const failure of failures.slice(0, 10)) console.log(`[fuzz callback URLs] FAIL ${failure}`);
  assert.deepEqual(failures, [], `callback URL failures (seed ${seed})`);
});

/** The largest amounts the binder accepts (20 integer digits), a few below, and the largest a request may move (10^15). */
const EXTREME_AMOUNTS = ['99999999999999999999.99', '99999999999999999999', '9.9e19', '50000000000000000000', '1e19', '1000000000000000.01', '1e15', '999999999999999.99'];

test('extreme amounts: the largest accepted amounts, repeated on one account, never answer 5xx nor leave a balance unreadable', { timeout: TEST_TIMEOUT_MS }, async () => {
  const server = await startTestServer({ LOG_LEVEL: 'warn' });
  const failures: string[] = [];
  let sent = 0;
  try {
    const principal = await server.createPrincipal();
    const token = await server.login(principal);
    const call = (method: 'GET' | 'POST', url: string, payload?: string) =>
      server.call(method, url, { token, otp: server.otp(principal), ...(payload === undefined ? {} : { payload }) });
    const open = async (asset: string) => {
      const response = await call('POST', '/api/v2/customer/accounts/create', JSON.stringify({ CustomersId: principal.customersId, Name: asset, Asset: asset }));
      return (((JSON.parse(response.body) as Json).details as Json).accounts as Json[])[0]?.id as number;
    };
    const [usdA, usdB, btcA, btcB] = [await open('USD'), await open('USD'), await open('BTC'), await open('BTC')];
    const payee = '{"Name":"P","AccountNumber":"123456789","RoutingNumber":"021000021","CountryCode":"USA"}';
    const requests = (amount: string): [string, string][] => [
      ['/api/v1/customer/simulations/payins', `{"DestinationAccountId":${usdA},"TransferType":"ACH","Amount":${amount}}`],
      ['/api/v1/customer/simulations/crypto-deposits', `{"DestinationAccountId":${btcA},"Amount":${amount}}`],
      ['/api/v1/customer/transfers/fiat/createinternaltransfer', `{"SourceAccountId":${usdA},"DestinationAccountId":${usdB},"Amount":${amount}}`],
      ['/api/v1/customer/transfers/crypto/createinternaltransfer', `{"SourceAccountId":${btcA},"DestinationAccountId":${btcB},"Amount":${amount}}`],
      ['/api/v1/customer/accounts/crypto/withdraw', `{"accountsId":${btcA},"amount":${amount},"destinationAddress":"${BTC_TESTNET_ADDRESS}"}`],
      ['/api/v3/customer/transfers/fiat/createexternaltransfer', `{"SourceAccountId":${usdA},"TransferType":"ACH","Payee":${payee},"Amount":${amount}}`],
    ];
    for (const amount of EXTREME_AMOUNTS) {
      for (let round = 0; round < 3; round++) {
        for (const [url, payload] of requests(amount)) {
          const response = await call('POST', url, payload);
          sent++;
          if (response.statusCode >= 500) failures.push(`POST ${url} ${payload} → ${response.statusCode} ${response.body.slice(0, 200)}`);
        }
      }
    }
    for (const id of [usdA, usdB, btcA, btcB]) {
      const response = await call('GET', `/api/v1/customer/accounts/account?Id=${id}`);
      sent++;
      if (response.statusCode !== 200) failures.push(`GET account ${id} afterwards → ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    let ledger: string[];
    try {
      ledger = await verifyBooks(server.runtime.database.db, { now: new Date().toISOString(), holdExpiryGraceMs: 60_000 });
    } catch (error) {
      ledger = [`verify threw: ${String(error).slice(0, 300)}`];
    }
    console.log(
      `[fuzz extreme amounts] ${sent} requests with amounts ${EXTREME_AMOUNTS.join(', ')}: ${failures.length} failures; ledger ${ledger.length === 0 ? 'clean' : ledger.join('; ')}`,
    );
    for (const failure of failures.slice(0, 10)) console.log(`[fuzz extreme amounts] FAIL ${failure}`);
    assert.deepEqual(failures, []);
    assert.deepEqual(ledger, []);
  } finally {
    await server.close();
  }
});
