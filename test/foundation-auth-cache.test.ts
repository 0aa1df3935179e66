// End-to-end: the per-request check remembers its HMACs (auth-cache.ts), yet every change to a
// principal made elsewhere (the CLI, another server process, an operator's SQL) counts from the
// very next request, with the same token and the same otp that were accepted just before.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { updatePrincipalFlags } from '../src/auth/index.js';
import { generateTotpSecret } from '../src/auth/totp.js';
import { parseDatabaseUrl } from '../src/db/database-target.js';
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js';
import { alignToStepStart, assertError, assertSuccess, otpFor, wrongOtpFor } from './helpers/foundation-helpers.js';
import { startTestServer, type TestPrincipal, type TestServer } from './helpers/test-server.js';

const LIST_ACCOUNTS_PATH = '/api/v1/customer/accounts/list-accounts';

let server: TestServer;
/** A connection of its own to the server's database: what another process writes through. */
let elsewhere: DatabaseHandle;

before(async () => {
  server = await startTestServer();
  elsewhere = openDatabase(parseDatabaseUrl(server.database.url, process.cwd()), { poolSizeMax: 1, busyTimeoutMs: 5000, groupCommitSizeMax: 1 });
});

after(async () => {
  await elsewhere.close();
  await server.close();
});

function listAccounts(token: string, otp: string) {
  return server.call('GET', LIST_ACCOUNTS_PATH, { token, otp });
}

interface Session {
  readonly p: TestPrincipal;
  readonly token: string;
  /** The code of the held clock's step, accepted (and so remembered) once already. */
  readonly otp: string;
}

/**
 * A principal with a token and an otp the server has just accepted, with the clock held inside one
 * TOTP step, so a repeat of the same request is answered from the remembered checks.
 */
async function acceptedSession(t: TestContext): Promise<Session> {
  const p = await server.createPrincipal();
  const token = await server.login(p);
  alignToStepStart(server.clock, t);
  const otp = server.otp(p);
  assertSuccess(await listAccounts(token, otp));
  assertSuccess(await listAccounts(token, otp));
  return { p, token, otp };
}

async function failedAttempts(customersId: number): Promise<number> {
  const row = await elsewhere.db.selectFrom('principals').select('failed_attempts').where('customers_id', '=', customersId).executeTakeFirstOrThrow();
  return Number(row.failed_attempts);
}

void describe('the per-request check, remembered, follows every change to the principal', () => {
  void test('suppressed with the CLI: the next request is refused; unsuppressed: accepted again', async (t) => {
    const { p, token, otp } = await acceptedSession(t);
    assert.equal((await server.cli(['principals', 'suppress', '--username', p.username])).exitCode, 0);
    assertError(await listAccounts(token, otp), 401, 'Account_Suppressed');
    assert.equal((await server.cli(['principals', 'unsuppress', '--username', p.username])).exitCode, 0);
    assertSuccess(await listAccounts(token, otp));
  });

  void test('locked by another process: the next request is refused; unlocked with the CLI: accepted again', async (t) => {
    const { p, token, otp } = await acceptedSession(t);
    const until = new Date(server.clock.nowMs() + 10 * 60 * 1000).toISOString();
    assert.equal(await updatePrincipalFlags(elsewhere.db, p.username, { locked_until: until }), true);
    assertError(await listAccounts(token, otp), 401, 'Account_Locked');
    assert.equal((await server.cli(['principals', 'unlock', '--username', p.username])).exitCode, 0);
    assertSuccess(await listAccounts(token, otp));
  });

  void test('locked by wrong codes on this server: the remembered code is refused too, and each wrong code counted', async (t) => {
    const { p, token, otp } = await acceptedSession(t);
    const wrong = wrongOtpFor(p.sharedSecret, server.clock.nowMs());
    for (let i = 1; i <= 9; i++) {
      assertError(await listAccounts(token, wrong), 401, 'Otp_Invalid', 'otp');
      assert.equal(await failedAttempts(p.customersId), i);
    }
    assertError(await listAccounts(token, wrong), 401, 'Account_Locked');
    assertError(await listAccounts(token, otp), 401, 'Account_Locked');
  });

  void test('deleted by another process: the next request is refused', async (t) => {
    const { p, token, otp } = await acceptedSession(t);
    const deleted = await elsewhere.db.deleteFrom('principals').where('customers_id', '=', p.customersId).executeTakeFirst();
    assert.equal(deleted.numDeletedRows, 1n);
    assertError(await listAccounts(token, otp), 401, 'Token_Invalid', 'Authorization');
  });

  void test('a new TOTP secret written by another process: the old code is refused (and counted), the new secret is accepted', async (t) => {
    const { p, token, otp } = await acceptedSession(t);
    let secret = generateTotpSecret();
    // A new secret whose code happens to be the old one would prove nothing.
    while (otpFor(secret, server.clock.nowMs()) === otp) secret = generateTotpSecret();
    await elsewhere.db.updateTable('principals').set({ totp_secret: secret }).where('customers_id', '=', p.customersId).execute();
    assertError(await listAccounts(token, otp), 401, 'Otp_Invalid', 'otp');
    assert.equal(await failedAttempts(p.customersId), 1);
    assertSuccess(await listAccounts(token, otpFor(secret, server.clock.nowMs())));
    assert.equal(await failedAttempts(p.customersId), 0, 'a success resets the count, as before');
  });

  void test("one principal's remembered code is not another's, and each token reads its own principal's accounts", async (t) => {
    const a = await acceptedSession(t);
    const bp = await server.createPrincipal();
    const bToken = await server.login(bp);
    const bOtp = server.otp(bp);
    assertSuccess(
      await server.call('POST', '/api/v2/customer/accounts/create', { token: a.token, otp: a.otp, body: { CustomersId: a.p.customersId, Name: 'A only', Asset: 'USD' } }),
    );
    if (bOtp !== a.otp) assertError(await listAccounts(bToken, a.otp), 401, 'Otp_Invalid', 'otp');
    const ofB = assertSuccess(await listAccounts(bToken, bOtp)) as unknown[];
    assert.deepEqual(ofB, []);
    const ofA = assertSuccess(await listAccounts(a.token, a.otp)) as { customersId: unknown; name: unknown }[];
    assert.equal(ofA.length, 1);
    assert.equal(String(ofA[0]?.customersId), String(a.p.customersId));
  });

  void test('a remembered code lasts no longer than its TOTP step allows (drift ±1)', async (t) => {
    const { token, otp } = await acceptedSession(t);
    server.clock.advance(30_000);
    assertSuccess(await listAccounts(token, otp));
    server.clock.advance(30_000);
    assertError(await listAccounts(token, otp), 401, 'Otp_Invalid', 'otp');
  });

  void test('a remembered token still expires at its exp', async (t) => {
    const { p, token } = await acceptedSession(t);
    server.clock.advance(3600 * 1000);
    assertError(await listAccounts(token, server.otp(p)), 401, 'Token_Expired', 'Authorization');
  });
});
