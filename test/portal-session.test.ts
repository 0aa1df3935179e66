// The portal's session, cookie and CSRF rules over HTTP (inject against the real app and database):
// sign-in with a real TOTP, cookie attributes, security headers, CSRF refusals that write nothing,
// the API's lockout, idle and absolute timeouts, sign-out, step-up, double submission, another
// principal's ids, escaping, and the CSV export.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rowCounts } from './helpers/accounts-helpers.js';
import { createWorld } from './helpers/world.js';
import { FORM, hiddenValue, portalClient, portalSignIn } from './helpers/portal-helpers.js';
import type { TestServer } from './helpers/test-server.js';

const IDLE_MINUTES = 5;
const MAX_HOURS = 1;

describe('portal sessions, cookies and CSRF', () => {
  let world: Awaited<ReturnType<typeof setUp>>;
  let server: TestServer;
  const setUp = () =>
    createWorld({
      env: { PORTAL_SESSION_IDLE_MINUTES: String(IDLE_MINUTES), PORTAL_SESSION_MAX_HOURS: String(MAX_HOURS), LOGIN_FAILURES_MAX: '3' },
      accounts: { main: { asset: 'USD', payIn: '100.00' }, spare: { asset: 'USD' } },
      other: { accounts: { theirs: { asset: 'USD', payIn: '7.00' } } },
    });
  before(async () => {
    world = await setUp();
    server = world.server;
  });
  after(async () => {
    await server?.close();
  });

  test('sign-in sets an HttpOnly, SameSite=Strict session cookie; every page has a strict CSP', async () => {
    const response = await portalSignIn(server, world.principal);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/portal');
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? [])[0] ?? '';
    assert.match(cookie, /^portal_session=[\w-]{40,}; Path=\/portal; HttpOnly; SameSite=Strict; Max-Age=3600$/);
    const page = await server.app.inject({ method: 'GET', url: '/portal', headers: { cookie: cookie.split(';')[0] ?? '' } });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'; style-src 'self'.*frame-ancestors 'none'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.doesNotMatch(page.body, /https?:\/\/(?!127\.0\.0\.1)[a-z]/i, 'no external asset');
  });

  test('the cookie is Secure behind HTTPS (PUBLIC_BASE_URL https)', async () => {
    const secure = await createWorld({ env: { PUBLIC_BASE_URL: 'https://portal.example.test' } });
    try {
      const response = await portalSignIn(secure.server, secure.principal);
      assert.match(String(([] as string[]).concat(response.headers['set-cookie'] ?? [])[0]), /; Secure$/);
    } finally {
      await secure.server.close();
    }
  });

  test('sign-in without the form token is 403; a wrong code is 401 and counts toward the API lockout', async () => {
    const noToken = await server.app.inject({
      method: 'POST',
      url: '/portal/sign-in',
      headers: { 'content-type': FORM },
      payload: new URLSearchParams({ username: world.other.principal.username, password: world.other.principal.password, otp: server.otp(world.other.principal) }).toString(),
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.headers['set-cookie']?.toString().includes('portal_session='), false);
    const victim = await server.createPrincipal();
    for (let i = 0; i < 3; i++) {
      const wrong = await portalSignIn(server, victim, '000000');
      assert.ok([401].includes(wrong.statusCode), wrong.body);
    }
    const right = await portalSignIn(server, victim);
    assert.equal(right.statusCode, 401);
    assert.match(right.body, /locked/i);
    const api = await server.call('POST', '/api/v1/public/auth/login', { body: { username: victim.username, password: victim.password, otp: server.otp(victim) } });
    assert.equal(api.statusCode, 401);
    assert.match(api.body, /Account_Locked/);
  });

  test('a POST without or with a wrong CSRF token is 403 and writes nothing', async () => {
    const client = await portalClient(server, world.principal);
    const before = await rowCounts(server);
    for (const csrf of [null, 'wrong']) {
      const response = await client.post('/portal/sandbox/pay-in', { DestinationAccountId: String(world.accounts.main), TransferType: 'ACH', Amount: '5.00' }, { csrf });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /CSRF/);
    }
    assert.deepEqual(await rowCounts(server), before);
    const ok = await client.post('/portal/sandbox/pay-in', { DestinationAccountId: String(world.accounts.main), TransferType: 'ACH', Amount: '5.00' });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Pay-in recorded as transaction #\d+/);
  });

  test('idle timeout: back to sign-in, then to the page asked for; absolute timeout ends an active session', async () => {
    const client = await portalClient(server, world.principal);
    server.clock.advance((IDLE_MINUTES * 60 + 1) * 1000);
    const expired = await client.get(`/portal/accounts/${world.accounts.main}`);
    assert.equal(expired.statusCode, 303);
    assert.equal(expired.headers.location, `/portal/sign-in?next=${encodeURIComponent(`/portal/accounts/${world.accounts.main}`)}&expired=1`);
    const form = await server.app.inject({ method: 'GET', url: String(expired.headers.location) });
    assert.match(form.body, /session has ended/);
    assert.equal(hiddenValue(form.body, 'next'), `/portal/accounts/${world.accounts.main}`);

    const active = await portalClient(server, world.principal);
    for (let minutes = 0; minutes < MAX_HOURS * 60; minutes += IDLE_MINUTES - 1) {
      assert.equal((await active.get('/portal')).statusCode, 200, `still signed in after ${minutes} minutes`);
      server.clock.advance((IDLE_MINUTES - 1) * 60_000);
    }
    assert.equal((await active.get('/portal')).statusCode, 303);
  });

  test('sign-out ends the session on the server: the old cookie is refused', async () => {
    const client = await portalClient(server, world.principal);
    const out = await client.post('/portal/sign-out', {});
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers['set-cookie']), /portal_session=; .*Max-Age=0/);
    assert.equal((await client.get('/portal')).statusCode, 303);
  });

  test('the sign-in form has the API login rate limit (429 with Retry-After)', async () => {
    const limited = await createWorld({ env: { LOGIN_RATE_PER_MINUTE: '2' } });
    try {
      // Without moving the clock (portalSignIn moves it 30 s): three tries inside one minute.
      const { app } = limited.server;
      const tryOnce = async () => {
        const pre = hiddenValue((await app.inject({ method: 'GET', url: '/portal/sign-in' })).body, '_pre');
        const payload = new URLSearchParams({ _pre: pre, username: limited.principal.username, password: 'wrong-password', otp: '000000' }).toString();
        return app.inject({ method: 'POST', url: '/portal/sign-in', headers: { cookie: `portal_pre=${pre}`, 'content-type': FORM }, payload });
      };
      limited.server.clock.hold();
      assert.equal((await tryOnce()).statusCode, 401);
      assert.equal((await tryOnce()).statusCode, 401);
      const last = await tryOnce();
      assert.equal(last.statusCode, 429);
      assert.ok(Number(last.headers['retry-after']) > 0);
    } finally {
      await limited.server.close();
    }
  });

  test('an open redirect is not possible through next', async () => {
    const form = await server.app.inject({ method: 'GET', url: '/portal/sign-in?next=//evil.example/portal' });
    assert.equal(hiddenValue(form.body, 'next'), '/portal');
  });

  test('a transfer needs a fresh code: wrong or already used codes are refused and write nothing; a double submission moves money once', async () => {
    const client = await portalClient(server, world.principal);
    const fields = { kind: 'internal', SourceAccountId: String(world.accounts.main), DestinationAccountId: String(world.accounts.spare), Amount: '1.25' };
    const review = await client.post('/portal/move/review', fields);
    assert.equal(review.statusCode, 200, review.body);
    assert.match(review.body, /data-field="fee">0 USD/);
    const nonce = hiddenValue(review.body, '_nonce');
    const before = await rowCounts(server);
    const wrong = await client.post('/portal/move/confirm', { ...fields, _nonce: nonce, otp: '000000' });
    assert.equal(wrong.statusCode, 401);
    const reused = await client.post('/portal/move/confirm', { ...fields, _nonce: nonce, otp: server.otp(world.principal) });
    assert.equal(reused.statusCode, 401);
    assert.match(reused.body, /already used/);
    assert.deepEqual(await rowCounts(server), before);
    server.clock.advance(30_000);
    const otp = server.otp(world.principal);
    const first = await client.post('/portal/move/confirm', { ...fields, _nonce: nonce, otp });
    assert.equal(first.statusCode, 303, first.body);
    const again = await client.post('/portal/move/confirm', { ...fields, _nonce: nonce, otp });
    assert.equal(again.headers.location, first.headers.location);
    const after = await rowCounts(server);
    assert.equal(after.transactions, before.transactions + 2, 'one internal transfer: two rows');
  });

  test('too many decimals and insufficient funds are clear messages, nothing written', async () => {
    const client = await portalClient(server, world.principal);
    const before = await rowCounts(server);
    const precise = await client.post('/portal/move/review', {
      kind: 'internal',
      SourceAccountId: String(world.accounts.main),
      DestinationAccountId: String(world.accounts.spare),
      Amount: '1.001',
    });
    assert.equal(precise.statusCode, 400);
    assert.match(precise.body, /Amount: The value of the named field is not valid/);
    const fields = { kind: 'internal', SourceAccountId: String(world.accounts.spare), DestinationAccountId: String(world.accounts.main), Amount: '999999.00' };
    const review = await client.post('/portal/move/review', fields);
    server.clock.advance(30_000);
    const broke = await client.post('/portal/move/confirm', { ...fields, _nonce: hiddenValue(review.body, '_nonce'), otp: server.otp(world.principal) });
    assert.equal(broke.statusCode, 400);
    assert.match(broke.body, /Insufficient funds/);
    assert.deepEqual(await rowCounts(server), before);
  });

  test("another principal's account, transaction or callback is 404 and reveals nothing", async () => {
    const client = await portalClient(server, world.principal);
    const theirs = world.other.accounts.theirs;
    const unknown = await client.get('/portal/accounts/999999');
    for (const url of [`/portal/accounts/${theirs}`, `/portal/accounts/${theirs}/export.csv`]) {
      const response = await client.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.body, unknown.body);
    }
    const list = (await world.other.api.get(`/api/v1/customer/accounts/transactions?AccountsId=${theirs}`)).body;
    const theirTransaction = Number(/"id":(\d+)/.exec(list)?.[1]);
    assert.equal((await client.get(`/portal/transactions/${theirTransaction}`)).statusCode, 404);
    const move = await client.post('/portal/move/review', { kind: 'internal', SourceAccountId: String(theirs), DestinationAccountId: String(world.accounts.main), Amount: '1.00' });
    assert.equal(move.statusCode, 404);
  });

  test('the CSV export lists the filtered transactions with exact amounts', async () => {
    const client = await portalClient(server, world.principal);
    const csv = await client.get(`/portal/accounts/${world.accounts.main}/export.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="account-\d+-transactions.csv"/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,dateTime,description,amount,asset,pending,fromAccountsId,toAccountsId');
    assert.ok(
      lines.some((l) => /,USD deposit,100\.00,USD,false,,\d+$/.test(l)),
      csv.body,
    );
    assert.ok(
      lines.some((l) => /,-1\.25,USD,false,/.test(l)),
      csv.body,
    );
    const future = await client.get(`/portal/accounts/${world.accounts.main}/export.csv?from=2999-01-01`);
    assert.equal(future.body, `${lines[0]}\r\n`);
  });

  test('text from users is escaped (a payee named like markup shows as text)', async () => {
    const client = await portalClient(server, world.principal);
    const name = '<img src=x onerror=alert(1)>';
    const created = await client.post('/portal/payees/create', {
      CustomersId: String(world.principal.customersId),
      TransferType: 'ACH',
      Name: name,
      Type: 'Personal',
      AccountNumber: '123456789',
      RoutingNumber: '021000021',
      AddressLine1: '1 Main St',
      TownCity: 'Springfield',
      Postcode: '12345',
    });
    assert.equal(created.statusCode, 200, created.body);
    assert.ok(!created.body.includes(name));
    assert.ok(created.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});
