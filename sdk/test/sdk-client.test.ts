// The SDK against a real server over real HTTP: real logins and TOTP codes, token renewal, paging,
// exact amounts, idempotent retries after a lost answer, typed errors, callbacks signed by the
// server's own delivery code. Runs on SQLite and PostgreSQL (TEST_DATABASE_URL) like the suite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestPrincipal, type TestServer } from '../../test/helpers/test-server.js';
import { CallbackReceiver } from '../../test/helpers/callbacks-receiver.js';
import { driveUntil, setCallbackSecret } from '../../test/helpers/callbacks-helpers.js';
import {
  constructWebhookEvent,
  Ibanera,
  IbaneraApiError,
  IbaneraConnectionError,
  IbaneraProtocolError,
  IbaneraWebhookError,
  TOTP_STEP_MS,
  totpCode,
  totpStep,
  verifyWebhookSignature,
  type ClientEvent,
  type ClientOptions,
} from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sleeps into a fresh TOTP step when fewer than `marginMs` of the current one are left. */
async function awayFromStepEnd(marginMs = 4000): Promise<void> {
  const left = TOTP_STEP_MS - (Date.now() % TOTP_STEP_MS);
  if (left < marginMs) await sleep(left + 50);
}

describe('SDK client against a real server', () => {
  let server: TestServer;
  let baseUrl: string;

  before(async () => {
    server = await startTestServer();
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => server.close());

  function clientFor(principal: TestPrincipal, extra: Partial<ClientOptions> = {}): Ibanera {
    return new Ibanera({ baseUrl, username: principal.username, password: principal.password, secret: principal.sharedSecret, ...extra });
  }

  test('accounts, a pay-in, a transfer and paged transactions, amounts exact to the last digit', async () => {
    const principal = await server.createPrincipal();
    const ibanera = clientFor(principal);
    const created = await ibanera.accounts.create({ CustomersId: principal.customersId, Name: 'Main', Asset: 'USD' });
    const main = created.accounts[0]?.id as number;
    const other = (await ibanera.accounts.create({ CustomersId: principal.customersId, Name: 'Other', Asset: 'USD' })).accounts[0]?.id as number;
    assert.equal(created.accounts[0]?.totalBalance, '0.00');
    // Beyond a double's 15–17 digits: a JavaScript number would round it.
    const payInId = await ibanera.simulations.payIn({ DestinationAccountId: main, TransferType: 'ACH', Amount: '90071992547409.93' });
    assert.ok(payInId > 0);
    for (let i = 1; i <= 5; i++) await ibanera.transfers.internalFiat({ SourceAccountId: main, DestinationAccountId: other, Amount: `0.0${i}` });
    const account = await ibanera.accounts.get(main);
    assert.equal(account.availableBalance, '90071992547409.78');
    assert.equal(typeof account.availableBalance, 'string');

    const amounts: string[] = [];
    for await (const row of ibanera.accounts.transactions({ AccountsId: main, PageSize: 2 })) amounts.push(row.amount);
    assert.deepEqual(amounts, ['-0.05', '-0.04', '-0.03', '-0.02', '-0.01', '90071992547409.93']);
    const pages: number[] = [];
    for await (const page of ibanera.pages('GET /api/v1/customer/accounts/transactions', { AccountsId: main, PageSize: 4 })) pages.push(page.details.length);
    assert.deepEqual(pages, [4, 2]);
    const balances: string[] = [];
    for await (const balance of ibanera.accounts.balances()) balances.push(`${balance.id}:${balance.totalBalance}`);
    assert.deepEqual(balances.sort(), [`${main}:90071992547409.78`, `${other}:0.15`].sort());
  });

  test('an amount is never a JavaScript number: refused before sending', async () => {
    const ibanera = clientFor(await server.createPrincipal());
    await assert.rejects(
      // @ts-expect-error: the type forbids it; the run-time check catches untyped callers.
      ibanera.transfers.internalFiat({ SourceAccountId: 1, DestinationAccountId: 2, Amount: 0.1 }),
      /Amount is an amount: pass it as a decimal string/,
    );
  });

  test('logins wait for the next TOTP window when the code was used, here or elsewhere', async () => {
    const [a, b] = [await server.createPrincipal(), await server.createPrincipal()];
    await awayFromStepEnd();
    // (1) Two clients of one process, one principal: the second waits for the next code.
    const events: ClientEvent[] = [];
    const first = clientFor(a, { onEvent: (e) => events.push(e) });
    const second = clientFor(a, { onEvent: (e) => events.push(e) });
    // (2) Someone else (curl, another process) logged in with this window's code first.
    const outside = await fetch(`${baseUrl}/api/v1/public/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: b.username, password: b.password, otp: totpCode(b.sharedSecret) }),
    });
    assert.equal(outside.status, 200);
    const stepBefore = totpStep(Date.now());
    const thirdEvents: ClientEvent[] = [];
    const third = clientFor(b, { onEvent: (e) => thirdEvents.push(e) });
    await first.login();
    await Promise.all([second.accounts.list().next(), third.accounts.list().next()]);
    assert.ok(totpStep(Date.now()) > stepBefore, 'both waited into the next window');
    assert.ok(
      events.some((e) => e.type === 'login-wait' && e.reason === 'code-used-here'),
      JSON.stringify(events),
    );
    const logins = events.filter((e) => e.type === 'login').map((e) => (e.type === 'login' ? e.step : 0));
    assert.equal(logins.length, 2);
    assert.equal(logins[1], (logins[0] as number) + 1);
    assert.deepEqual(
      thirdEvents.map((e) => `${e.type}${e.type === 'login-wait' ? `:${e.reason}` : ''}`),
      ['login', 'login-wait:code-used-elsewhere', 'login'],
    );
  });

  test('a wrong password fails at once with a typed error saying why; no retry', async () => {
    const principal = await server.createPrincipal();
    const events: ClientEvent[] = [];
    const ibanera = clientFor(principal, { password: 'not-the-password', onEvent: (e) => events.push(e) });
    const error = await ibanera.login().catch((e: unknown) => e);
    assert.ok(error instanceof IbaneraApiError);
    assert.equal(error.httpStatus, 401);
    assert.equal(error.messageCode, 'Username_Or_Password_Incorrect');
    assert.equal(typeof error.errors[0]?.message, 'string');
    assert.equal(events.filter((e) => e.type === 'login').length, 1);
  });

  test('a rejected or nearly expired token is renewed by logging in again', async () => {
    const principal = await server.createPrincipal();
    const events: ClientEvent[] = [];
    const ibanera = clientFor(principal, { session: { accessToken: 'not.a.token', expiresAtMs: Date.now() + 3_600_000 }, onEvent: (e) => events.push(e) });
    await ibanera.accounts.list().next();
    assert.equal(events.filter((e) => e.type === 'login').length, 1, 'Token_Invalid led to one login');
    const session = ibanera.session;
    assert.ok(session !== undefined && session.accessToken !== 'not.a.token');
    // A session within the renewal margin of its expiry is replaced before the call.
    await awayFromStepEnd();
    const soon = clientFor(principal, { session: { accessToken: session.accessToken, expiresAtMs: Date.now() + 10_000 }, onEvent: (e) => events.push(e) });
    await soon.accounts.list().next();
    assert.equal(events.filter((e) => e.type === 'login').length, 2);
    assert.notEqual(soon.session?.accessToken, session.accessToken);
  });

  test('a POST whose answer was lost is retried with the same IdempotencyKey and happens once', async () => {
    const principal = await server.createPrincipal();
    const setup = clientFor(principal);
    const from = (await setup.accounts.create({ CustomersId: principal.customersId, Name: 'From', Asset: 'USD' })).accounts[0]?.id as number;
    const to = (await setup.accounts.create({ CustomersId: principal.customersId, Name: 'To', Asset: 'USD' })).accounts[0]?.id as number;
    await setup.simulations.payIn({ DestinationAccountId: from, TransferType: 'ACH', Amount: '10.00' });
    const sent: { key: string | null; replayed: string | null }[] = [];
    let dropNext = true;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(init?.headers);
      if (String(input).includes('createinternaltransfer')) {
        sent.push({ key: headers.get('IdempotencyKey'), replayed: response.headers.get('idempotent-replayed') });
        if (dropNext) {
          dropNext = false;
          await response.text();
          throw new TypeError('fetch failed', { cause: new Error('socket hang up (simulated)') });
        }
      }
      return response;
    };
    const events: ClientEvent[] = [];
    const ibanera = clientFor(principal, { fetch: lossy, retryDelayMs: 10, onEvent: (e) => events.push(e) });
    const transfer = await ibanera.transfers.internalFiat({ SourceAccountId: from, DestinationAccountId: to, Amount: '2.50' });
    assert.ok(transfer.transactionsId > 0);
    assert.equal(sent.length, 2);
    assert.ok(sent[0]?.key !== null && sent[0]?.key === sent[1]?.key, 'the retry carries the first key');
    assert.equal(sent[1]?.replayed, 'true', 'the server replayed the first answer');
    assert.ok(events.some((e) => e.type === 'retry' && e.reason === 'transport error'));
    assert.equal((await setup.accounts.get(from)).availableBalance, '7.50', 'moved once');
  });

  test('send: the raw answer (status, headers, exact text) without throwing; given headers; retriesMax 0 is one request', async () => {
    const principal = await server.createPrincipal();
    const requests: { path: string; key: string | null; contentType: string | null }[] = [];
    let failWith503 = false;
    const watching: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      const headers = new Headers(init?.headers);
      if (!path.includes('/auth/login')) requests.push({ path, key: headers.get('IdempotencyKey') ?? headers.get('Idempotency-Key'), contentType: headers.get('content-type') });
      if (failWith503 && !path.includes('/auth/login')) {
        const body = '{"id":0,"details":null,"status":"0","errors":[{"errorType":"ServiceUnavailable","fieldName":"","messageCode":"Unavailable","message":"Try again."}]}';
        return new Response(body, { status: 503, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const ibanera = clientFor(principal, { fetch: watching, retriesMax: 0 });
    const account = (await ibanera.accounts.create({ CustomersId: principal.customersId, Name: 'Raw', Asset: 'USD' })).accounts[0]?.id as number;
    // A refusal is an answer, not an exception: the status, the envelope and its exact text.
    const refused = await ibanera.send('POST', '/api/v1/customer/simulations/payins', { rawBody: `{"DestinationAccountId":${account},"TransferType":"ACH","Amount":1.001}` });
    assert.equal(refused.httpStatus, 400);
    assert.equal(refused.envelope.status, '0');
    assert.equal(refused.envelope.errors[0]?.messageCode, 'Invalid');
    assert.match(refused.headers['content-type'] ?? '', /^application\/json/);
    assert.match(refused.text, /"status":"0"/);
    // A key given as a header is the one sent (the SDK adds none of its own): the second is a replay.
    requests.length = 0;
    const body = `{"DestinationAccountId":${account},"TransferType":"ACH","Amount":1.25}`;
    const first = await ibanera.send('POST', '/api/v1/customer/simulations/payins', { rawBody: body, headers: { 'Idempotency-Key': 'sdk-send-key-1' } });
    const again = await ibanera.send('POST', '/api/v1/customer/simulations/payins', { rawBody: body, headers: { 'Idempotency-Key': 'sdk-send-key-1' } });
    assert.equal(first.httpStatus, 200, first.text);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.text, first.text);
    assert.deepEqual(
      requests.map((r) => r.key),
      ['sdk-send-key-1', 'sdk-send-key-1'],
    );
    // Given headers replace the SDK's content-type (a deliberately wrong one here).
    const wrongType = await ibanera.send('POST', '/api/v1/customer/simulations/payins', { rawBody: body, headers: { 'content-type': 'text/plain' } });
    assert.equal(wrongType.httpStatus, 415, wrongType.text);
    // retriesMax 0: a 5xx is answered as it came, after exactly one request.
    requests.length = 0;
    failWith503 = true;
    const unavailable = await ibanera.send('GET', '/api/v1/customer/accounts/balances');
    assert.equal(unavailable.httpStatus, 503);
    assert.equal(requests.length, 1, 'no retry');
    // The default retries twice, with the same key on a POST.
    requests.length = 0;
    const retrying = clientFor(principal, { fetch: watching, retryDelayMs: 1, session: ibanera.session });
    const retried = await retrying.send('POST', '/api/v1/customer/simulations/payins', { rawBody: body });
    assert.equal(retried.httpStatus, 503);
    assert.equal(requests.length, 3);
    assert.equal(new Set(requests.map((r) => r.key)).size, 1, 'one key across the retries');
  });

  test('an answer with errors is a typed exception carrying them, never retried', async () => {
    const principal = await server.createPrincipal();
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      if (!String(input).includes('/auth/login')) calls++;
      return fetch(input, init);
    };
    const ibanera = clientFor(principal, { fetch: counting });
    const a = (await ibanera.accounts.create({ CustomersId: principal.customersId, Name: 'A', Asset: 'USD' })).accounts[0]?.id as number;
    const b = (await ibanera.accounts.create({ CustomersId: principal.customersId, Name: 'B', Asset: 'USD' })).accounts[0]?.id as number;
    await ibanera.simulations.payIn({ DestinationAccountId: a, TransferType: 'ACH', Amount: '5.00' });
    calls = 0;
    const error = await ibanera.transfers.internalFiat({ SourceAccountId: a, DestinationAccountId: b, Amount: '1.001' }).catch((e: unknown) => e);
    assert.ok(error instanceof IbaneraApiError, String(error));
    assert.equal(error.httpStatus, 400);
    assert.ok(error.has('Invalid', 'Amount'), JSON.stringify(error.errors));
    assert.match(error.message, /Amount has 3 decimals; USD allows 2/);
    assert.equal(calls, 1, 'a 4xx is not retried');
  });

  test('a wrong base URL or an unreachable server is a clear error', async () => {
    const principal = await server.createPrincipal();
    const html: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    const htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
    try {
      const wrong = await clientFor(principal, { baseUrl: htmlUrl })
        .login()
        .catch((e: unknown) => e);
      assert.ok(wrong instanceof IbaneraProtocolError, String(wrong));
      assert.match(wrong.message, /not JSON: is baseUrl the API's address\?/);
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
    const unreachable = await clientFor(principal, { baseUrl: htmlUrl, retriesMax: 1, retryDelayMs: 1 })
      .accounts.list()
      .next()
      .catch((e: unknown) => e);
    assert.ok(unreachable instanceof IbaneraConnectionError, String(unreachable));
    assert.match(unreachable.message, /cannot reach http:\/\/127\.0\.0\.1:\d+/);
    assert.throws(() => new Ibanera({ baseUrl: 'localhost:3000' }), /baseUrl must be http:\/\/ or https:\/\//);
  });
});

describe('SDK webhooks: callbacks signed by the server itself', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;

  before(async () => {
    server = await startTestServer();
    receiver = await CallbackReceiver.start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('verifyWebhookSignature accepts the delivered callback and refuses a changed one; amounts parse exactly', async () => {
    const principal = await server.createPrincipal();
    const secret = await setCallbackSecret(server, principal.username, receiver.url('/sdk'));
    const baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const ibanera = new Ibanera({ baseUrl, username: principal.username, password: principal.password, secret: principal.sharedSecret });
    const id = (await ibanera.accounts.create({ CustomersId: principal.customersId, Name: 'Hooks', Asset: 'USD' })).accounts[0]?.id as number;
    await ibanera.simulations.payIn({ DestinationAccountId: id, TransferType: 'WIRE', Amount: '12345678901234.56' });
    await driveUntil(server.callbacks, () => receiver.requests.length >= 1);
    const delivered = receiver.requests[0];
    assert.ok(delivered !== undefined);
    assert.equal(verifyWebhookSignature(delivered.rawBody, delivered.headers, secret, { requireTimestamp: true }), true);
    const event = constructWebhookEvent(delivered.rawBody, delivered.headers, secret);
    assert.equal(event.Type, 'FIAT_DEPOSIT_RECEIVED');
    if (event.Type !== 'FIAT_DEPOSIT_RECEIVED') return;
    assert.equal(event.Data.Amount, '12345678901234.56');
    assert.equal(event.Data.AccountsId, id);
    // Any change to the body, the secret or the timestamp is refused.
    const changed = delivered.rawBody.replace('12345678901234.56', '92345678901234.56');
    assert.equal(verifyWebhookSignature(changed, delivered.headers, secret), false);
    assert.equal(verifyWebhookSignature(delivered.rawBody, delivered.headers, `${secret}x`), false);
    assert.equal(verifyWebhookSignature(delivered.rawBody, delivered.headers, secret, { nowMs: Date.now() + 3_600_000 }), false);
    assert.throws(() => constructWebhookEvent(changed, delivered.headers, secret), IbaneraWebhookError);
    // Ibanera's own signature alone (no timestamped one) verifies unless the timestamp is required.
    const ibaneraOnly = { 'webhook-signature': delivered.headers['webhook-signature'] };
    assert.equal(verifyWebhookSignature(delivered.rawBody, ibaneraOnly, secret), true);
    assert.equal(verifyWebhookSignature(delivered.rawBody, ibaneraOnly, secret, { requireTimestamp: true }), false);
  });
});
