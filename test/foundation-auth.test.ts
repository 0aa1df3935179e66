// End-to-end: login (password + TOTP), the per-request token + otp check, lockout, principal states.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadSigningKey, updatePrincipalFlags } from '../src/auth/index.js';
import { signJwt } from '../src/auth/jwt.js';
import { alignToStepStart, assertError, assertSuccess, BALANCES_PATH, envelope, LOGIN_PATH, otpFor, wrongOtpFor } from './helpers/foundation-helpers.js';
import { startTestServer, type TestPrincipal, type TestServer } from './helpers/test-server.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

function loginWith(body: Record<string, unknown>, contentType = 'application/json') {
  return server.call('POST', LOGIN_PATH, { body, headers: { 'content-type': contentType } });
}

function loginAs(p: TestPrincipal, otp = server.otp(p)) {
  return loginWith({ username: p.username, password: p.password, otp });
}

function balances(token: string | undefined, otp: string | undefined, extraHeaders: Record<string, string> = {}) {
  return server.call('GET', BALANCES_PATH, {
    ...(token === undefined ? {} : { token }),
    ...(otp === undefined ? {} : { otp }),
    headers: extraHeaders,
  });
}

function wrongOtp(p: TestPrincipal): string {
  return wrongOtpFor(p.sharedSecret, server.clock.nowMs());
}

function tokenOf(response: { body: string }): string {
  return (envelope(response).details as { accessToken: string }).accessToken;
}

void describe('login', () => {
  void test('succeeds with username, password and the current TOTP', async () => {
    const p = await server.createPrincipal();
    const response = await loginAs(p);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = envelope(response);
    assert.deepEqual(Object.keys(body).sort(), ['details', 'errors', 'id', 'status']);
    assert.equal(body.id, 0);
    assert.equal(body.status, '1');
    assert.deepEqual(body.errors, []);
    const details = body.details as { accessToken: string; expiresIn: number };
    assert.deepEqual(Object.keys(details).sort(), ['accessToken', 'expiresIn']);
    assert.ok(details.accessToken.startsWith('eyJhbGciOiJIUzI1Ni'), details.accessToken);
    assert.equal(details.accessToken.split('.').length, 3);
    assert.equal(details.expiresIn, 3600);
    // The token works on a protected route.
    assert.deepEqual(assertSuccess(await balances(details.accessToken, server.otp(p))), []);
  });

  void test('missing fields answer 400 Required naming each missing field', async () => {
    const all = assertError(await loginWith({}), 400, 'Required');
    assert.deepEqual(
      all.errors.map((e) => [e.fieldName, e.messageCode]),
      [
        ['username', 'Required'],
        ['password', 'Required'],
        ['otp', 'Required'],
      ],
    );
    const some = assertError(await loginWith({ username: 'someone' }), 400, 'Required');
    assert.deepEqual(
      some.errors.map((e) => e.fieldName),
      ['password', 'otp'],
    );
    const emptyOtp = assertError(await loginWith({ username: 'someone', password: 'whatever-pass', otp: '' }), 400, 'Required', 'otp');
    assert.equal(emptyOtp.errors.length, 1);
    // No body at all behaves like an empty object.
    const none = assertError(await server.call('POST', LOGIN_PATH), 400, 'Required');
    assert.equal(none.errors.length, 3);
  });

  void test('wrong password, unknown user and wrong OTP all answer 401 Username_Or_Password_Incorrect', async () => {
    const p = await server.createPrincipal();
    assertError(await loginWith({ username: p.username, password: 'not-the-password', otp: server.otp(p) }), 401, 'Username_Or_Password_Incorrect');
    assertError(await loginWith({ username: 'nobody-here', password: p.password, otp: server.otp(p) }), 401, 'Username_Or_Password_Incorrect');
    assertError(await loginAs(p, wrongOtp(p)), 401, 'Username_Or_Password_Incorrect');
    // A code that is not six digits is simply wrong, not a crash.
    assertError(await loginAs(p, 'abcdef'), 401, 'Username_Or_Password_Incorrect');
    // The same three failures left the principal able to log in.
    assert.equal((await loginAs(p)).statusCode, 200);
  });

  void test('usernames match case-insensitively', async () => {
    const p = await server.createPrincipal();
    const response = await loginWith({ username: p.username.toUpperCase(), password: p.password, otp: server.otp(p) });
    assert.equal(response.statusCode, 200, response.body);
  });

  void test('an OTP that logged in once cannot log in again, but can be reused on ordinary calls', async (t) => {
    alignToStepStart(server.clock, t);
    const p = await server.createPrincipal();
    const code = server.otp(p);
    const first = await loginAs(p, code);
    assert.equal(first.statusCode, 200, first.body);
    assertError(await loginAs(p, code), 401, 'Username_Or_Password_Incorrect');
    // An older step (still within drift) cannot log in after a newer one did.
    assertError(await loginAs(p, server.otp(p, -1)), 401, 'Username_Or_Password_Incorrect');
    const token = tokenOf(first);
    assertSuccess(await balances(token, code));
    assertSuccess(await balances(token, code));
    // The next step logs in again.
    server.clock.advance(30_000);
    assert.equal((await loginAs(p)).statusCode, 200);
  });

  void test('a code one step before or after is accepted (drift ±1); two steps off is not', async (t) => {
    alignToStepStart(server.clock, t);
    const early = await server.createPrincipal();
    assert.equal((await loginAs(early, server.otp(early, -1))).statusCode, 200);
    const late = await server.createPrincipal();
    assert.equal((await loginAs(late, server.otp(late, +1))).statusCode, 200);
    const far = await server.createPrincipal();
    assertError(await loginAs(far, server.otp(far, -2)), 401, 'Username_Or_Password_Incorrect');
    assertError(await loginAs(far, server.otp(far, +2)), 401, 'Username_Or_Password_Incorrect');
    // The same window applies to the otp header on ordinary calls.
    const token = tokenOf(await loginAs(far));
    assertSuccess(await balances(token, server.otp(far, -1)));
    assertSuccess(await balances(token, server.otp(far, +1)));
    assertError(await balances(token, server.otp(far, -2)), 401, 'Otp_Invalid', 'otp');
    assertError(await balances(token, server.otp(far, +2)), 401, 'Otp_Invalid', 'otp');
  });

  void test('body keys are matched case-insensitively', async () => {
    const p = await server.createPrincipal();
    const response = await loginWith({ Username: p.username, PASSWORD: p.password, Otp: server.otp(p) });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(tokenOf(response).startsWith('eyJhbGciOiJIUzI1Ni'));
  });

  void test('application/json-patch+json is accepted', async () => {
    const p = await server.createPrincipal();
    const response = await loginWith({ username: p.username, password: p.password, otp: server.otp(p) }, 'application/json-patch+json');
    assert.equal(response.statusCode, 200, response.body);
  });
});

void describe('lockout', () => {
  void test('10 consecutive failures lock the principal for 10 minutes, even against correct credentials', async () => {
    const p = await server.createPrincipal();
    const token = await server.login(p);
    for (let i = 1; i <= 9; i++) {
      const failure = i % 2 === 0 ? loginAs(p, wrongOtp(p)) : loginWith({ username: p.username, password: `wrong-${i}-password`, otp: server.otp(p) });
      assertError(await failure, 401, 'Username_Or_Password_Incorrect');
    }
    assertError(await loginWith({ username: p.username, password: 'wrong-10-password', otp: server.otp(p) }), 401, 'Account_Locked');
    // Correct credentials: still locked, at login and on calls with a token issued before.
    server.clock.advance(30_000);
    assertError(await loginAs(p), 401, 'Account_Locked');
    assertError(await balances(token, server.otp(p)), 401, 'Account_Locked');
    // Nine minutes later: still locked.
    server.clock.advance(9 * 60 * 1000);
    assertError(await loginAs(p), 401, 'Account_Locked');
    // Past ten minutes: the correct credentials log in again, and the old token works again.
    server.clock.advance(60 * 1000 + 1000);
    assert.equal((await loginAs(p)).statusCode, 200);
    assertSuccess(await balances(token, server.otp(p)));
  });

  void test('failures on an unknown username lock nothing', async () => {
    const p = await server.createPrincipal();
    for (let i = 0; i < 3; i++) {
      assertError(await loginWith({ username: `${p.username}-nope`, password: p.password, otp: server.otp(p) }), 401, 'Username_Or_Password_Incorrect');
    }
    assert.equal((await loginAs(p)).statusCode, 200);
  });

  void test('wrong otp headers on protected calls count toward the same lockout', async () => {
    const p = await server.createPrincipal();
    const token = await server.login(p);
    // Four failed logins and five wrong otp headers share one counter...
    for (let i = 0; i < 4; i++) {
      assertError(await loginWith({ username: p.username, password: 'definitely-wrong', otp: server.otp(p) }), 401, 'Username_Or_Password_Incorrect');
    }
    for (let i = 0; i < 5; i++) assertError(await balances(token, wrongOtp(p)), 401, 'Otp_Invalid', 'otp');
    // ...so the tenth failure locks.
    assertError(await balances(token, wrongOtp(p)), 401, 'Account_Locked');
    assertError(await balances(token, server.otp(p)), 401, 'Account_Locked');
    server.clock.advance(30_000);
    assertError(await loginAs(p), 401, 'Account_Locked');
    server.clock.advance(10 * 60 * 1000 + 1000);
    assertSuccess(await balances(token, server.otp(p)));
  });

  void test('a success resets the count: failures must be consecutive', async () => {
    const p = await server.createPrincipal();
    const token = await server.login(p);
    for (let i = 0; i < 9; i++) assertError(await balances(token, wrongOtp(p)), 401, 'Otp_Invalid');
    assertSuccess(await balances(token, server.otp(p)));
    for (let i = 0; i < 9; i++) assertError(await balances(token, wrongOtp(p)), 401, 'Otp_Invalid');
    assertSuccess(await balances(token, server.otp(p)));
    // A successful login resets it too.
    for (let i = 0; i < 9; i++) assertError(await balances(token, wrongOtp(p)), 401, 'Otp_Invalid');
    await server.login(p);
    assertError(await balances(token, wrongOtp(p)), 401, 'Otp_Invalid');
    assertSuccess(await balances(token, server.otp(p)));
  });
});

void describe('principal states', () => {
  void test('a suppressed principal gets Account_Suppressed at login and on calls', async () => {
    const p = await server.createPrincipal();
    const token = await server.login(p);
    assert.equal(await updatePrincipalFlags(server.runtime.database.db, p.username, { b_suppressed: 1 }), true);
    server.clock.advance(30_000);
    assertError(await loginAs(p), 401, 'Account_Suppressed');
    assertError(await balances(token, server.otp(p)), 401, 'Account_Suppressed');
    // The state is only revealed to someone who knows the credentials.
    assertError(await loginWith({ username: p.username, password: 'a-wrong-password', otp: server.otp(p) }), 401, 'Username_Or_Password_Incorrect');
    await updatePrincipalFlags(server.runtime.database.db, p.username, { b_suppressed: 0 });
    server.clock.advance(30_000);
    assert.equal((await loginAs(p)).statusCode, 200);
    assertSuccess(await balances(token, server.otp(p)));
  });

  void test('an unverified principal gets Account_Not_Verified', async () => {
    const username = `unverified${Date.now() % 100000}`;
    const password = 'correct-horse-battery';
    const created = await server.runtime.auth.createPrincipal(username, password, false);
    const p: TestPrincipal = { customersId: created.customersId, username: created.username, password, sharedSecret: created.sharedSecret };
    assertError(await loginAs(p), 401, 'Account_Not_Verified');
    assertError(await loginWith({ username, password: 'a-wrong-password', otp: server.otp(p) }), 401, 'Username_Or_Password_Incorrect');
  });
});

void describe('protected routes', () => {
  let p: TestPrincipal;
  let token: string;

  before(async () => {
    p = await server.createPrincipal();
    token = await server.login(p);
  });

  void test('no Authorization header answers 401 Unauthorized', async () => {
    assertError(await balances(undefined, server.otp(p)), 401, 'Unauthorized');
    assertError(await balances(undefined, undefined), 401, 'Unauthorized');
    // Not a bearer token.
    assertError(await server.call('GET', BALANCES_PATH, { headers: { authorization: `Basic ${token}`, otp: server.otp(p) } }), 401, 'Unauthorized');
    assertError(await server.call('GET', BALANCES_PATH, { headers: { authorization: token, otp: server.otp(p) } }), 401, 'Unauthorized');
  });

  void test('the Bearer scheme name is case-insensitive', async () => {
    assertSuccess(await server.call('GET', BALANCES_PATH, { headers: { authorization: `bearer ${token}`, otp: server.otp(p) } }));
  });

  void test('garbage, foreign-key, tampered and unsigned tokens answer 401 Token_Invalid', async () => {
    const otp = server.otp(p);
    assertError(await balances('garbage', otp), 401, 'Token_Invalid');
    assertError(await balances('a.b.c', otp), 401, 'Token_Invalid');

    const nowSeconds = Math.floor(server.clock.nowMs() / 1000);
    const claims = { sub: String(p.customersId), iat: nowSeconds, exp: nowSeconds + 3600 };
    assertError(await balances(signJwt(claims, randomBytes(32)), otp), 401, 'Token_Invalid');

    // Swap the payload for another principal's, keeping the signature.
    const other = await server.createPrincipal();
    const [header = '', , signature = ''] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: String(other.customersId) })).toString('base64url');
    assertError(await balances(`${header}.${forged}.${signature}`, server.otp(other)), 401, 'Token_Invalid');
    // A changed signature.
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    assertError(await balances(`${header}.${token.split('.')[1] ?? ''}.${flipped}`, otp), 401, 'Token_Invalid');
    // alg "none".
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    assertError(await balances(`${none}.${token.split('.')[1] ?? ''}.`, otp), 401, 'Token_Invalid');

    // Correctly signed, but for a principal that does not exist.
    const key = await loadSigningKey(server.runtime.database.db, null);
    assertError(await balances(signJwt({ ...claims, sub: '999999' }, key), otp), 401, 'Token_Invalid');
    // Correctly signed for this principal: accepted (the check above is not vacuous).
    assertSuccess(await balances(signJwt(claims, key), otp));
  });

  void test('an expired token answers 401 Token_Expired', async () => {
    const q = await server.createPrincipal();
    const fresh = tokenOf(await loginAs(q));
    server.clock.advance(3598 * 1000);
    assertSuccess(await balances(fresh, server.otp(q)));
    server.clock.advance(2 * 1000);
    assertError(await balances(fresh, server.otp(q)), 401, 'Token_Expired', 'Authorization');
    // Logging in again gives a working token.
    assertSuccess(await balances(await server.login(q), server.otp(q)));
  });

  void test('a missing otp header answers 401 Otp_Required; a wrong one 401 Otp_Invalid', async () => {
    const q = await server.createPrincipal();
    const fresh = await server.login(q);
    assertError(await balances(fresh, undefined), 401, 'Otp_Required', 'otp');
    assertError(await balances(fresh, ''), 401, 'Otp_Required', 'otp');
    assertError(await balances(fresh, wrongOtp(q)), 401, 'Otp_Invalid', 'otp');
    assertError(await balances(fresh, '12345'), 401, 'Otp_Invalid', 'otp');
    assertError(await balances(fresh, 'abcdef'), 401, 'Otp_Invalid', 'otp');
    // Another principal's current code is not this principal's code.
    const otherCode = otpFor(p.sharedSecret, server.clock.nowMs());
    if (otherCode !== server.otp(q)) assertError(await balances(fresh, otherCode), 401, 'Otp_Invalid', 'otp');
    assertSuccess(await balances(fresh, server.otp(q)));
  });

  void test('authentication is checked before the route does anything (no details leak)', async () => {
    const response = await balances(undefined, undefined);
    const body = assertError(response, 401, 'Unauthorized');
    assert.equal(body.errors.length, 1);
    assert.deepEqual(Object.keys(body).sort(), ['details', 'errors', 'id', 'status']);
  });
});
