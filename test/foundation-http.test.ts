// End-to-end: the HTTP edge — routing errors, body limits and parsing, operations routes, docs, logs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { assertError as assertErrorList, assertOk, createAccount, newApi, PATHS, type Api } from './helpers/accounts-helpers.js';
import { assertError, assertSuccess, BALANCES_PATH, envelope, LOGIN_PATH } from './helpers/foundation-helpers.js';
import { MANAGEE_PATHS, manageeBody, manageeRowCounts } from './helpers/managees-helpers.js';
import { testDatabaseDialect } from './helpers/test-database.js';
import { startTestServer, type TestPrincipal, type TestServer } from './helpers/test-server.js';
import { assertRejectedWithoutWrites, domesticPayee, externalTransfer, fundedAccount, internalTransfer, TRANSFER_PATHS } from './helpers/transfers-helpers.js';

let server: TestServer;
let small: TestServer;
let principal: TestPrincipal;

before(async () => {
  [server, small] = await Promise.all([startTestServer(), startTestServer({ BODY_SIZE_MAX_BYTES: '2048' })]);
  principal = await server.createPrincipal();
});

after(async () => {
  await Promise.all([server?.close(), small?.close()]);
});

async function rowCounts(s: TestServer): Promise<{ principals: number; customers: number; failedAttempts: number[] }> {
  const db = s.runtime.database.db;
  const principals = await db
    .selectFrom('principals')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const customers = await db
    .selectFrom('customers')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const failed = await db.selectFrom('principals').select(['failed_attempts']).orderBy('customers_id').execute();
  return { principals: Number(principals.n), customers: Number(customers.n), failedAttempts: failed.map((r) => Number(r.failed_attempts)) };
}

function post(s: TestServer, payload: string, contentType = 'application/json') {
  return s.call('POST', LOGIN_PATH, { payload, headers: { 'content-type': contentType } });
}

void describe('routing errors', () => {
  void test('an unknown route answers 404 Not_Found in the envelope', async () => {
    assertError(await server.call('GET', '/api/v1/no/such/route'), 404, 'Not_Found');
    assertError(await server.call('POST', '/api/v1/public/auth/nope', { body: {} }), 404, 'Not_Found');
    assertError(await server.call('GET', '/'), 404, 'Not_Found');
  });

  void test('a wrong method on an existing route answers 405 Method_Not_Allowed', async () => {
    assertError(await server.call('GET', LOGIN_PATH), 405, 'Method_Not_Allowed');
    assertError(await server.call('PUT', LOGIN_PATH, { body: {} }), 405, 'Method_Not_Allowed');
    assertError(await server.call('DELETE', '/health'), 405, 'Method_Not_Allowed');
    assertError(await server.call('POST', BALANCES_PATH, { body: {} }), 405, 'Method_Not_Allowed');
    // Paths match case-insensitively and ignore a trailing slash and the query string.
    assertError(await server.call('GET', '/API/V1/Public/Auth/Login/?x=1'), 405, 'Method_Not_Allowed');
  });
});

void describe('request bodies', () => {
  void test('a body over BODY_SIZE_MAX_BYTES answers 413 Payload_Too_Large', async () => {
    const p = await small.createPrincipal();
    const before = await rowCounts(small);
    const big = JSON.stringify({ username: p.username, password: 'x'.repeat(3000), otp: '123456' });
    assertError(await post(small, big), 413, 'Payload_Too_Large', 'body');
    assertError(await post(small, big, 'application/json-patch+json'), 413, 'Payload_Too_Large', 'body');
    // Just under the limit is parsed (and fails on its content instead).
    const fits = JSON.stringify({ username: p.username, password: 'x'.repeat(300), otp: '123456' });
    assertError(await post(small, fits), 400, 'Invalid_Length', 'password');
    assert.deepEqual(await rowCounts(small), before);
  });

  void test('JSON nested deeper than BODY_DEPTH_MAX answers 413', async () => {
    const deepArray = `${'['.repeat(100)}${']'.repeat(100)}`;
    assertError(await post(server, deepArray), 413, 'Payload_Too_Large', 'body');
    const deepObject = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    assertError(await post(server, deepObject), 413, 'Payload_Too_Large', 'body');
    // Deep nesting inside a field, with the real fields present.
    const nested = `{"username":"${principal.username}","password":"p","otp":"1","extra":${'['.repeat(40)}${']'.repeat(40)}}`;
    assertError(await post(server, nested), 413, 'Payload_Too_Large', 'body');
  });

  void test('malformed JSON answers 400 Malformed_Json on field body', async () => {
    for (const payload of ['{"username":', '{username: "a"}', "{'a':1}", '{"a":1,}', '{"a":1} trailing', '\u0000']) {
      const body = assertError(await post(server, payload), 400, 'Malformed_Json', 'body');
      assert.equal(body.errors.length, 1);
    }
  });

  void test('a content type other than JSON answers 415 Unsupported_Media_Type', async () => {
    const json = JSON.stringify({ username: principal.username, password: principal.password, otp: server.otp(principal) });
    assertError(await post(server, json, 'text/plain'), 415, 'Unsupported_Media_Type', 'body');
    assertError(await post(server, 'username=a&password=b', 'application/x-www-form-urlencoded'), 415, 'Unsupported_Media_Type');
    assertError(await post(server, json, 'application/xml'), 415, 'Unsupported_Media_Type');
  });

  void test('JSON with a charset parameter is accepted', async () => {
    const json = JSON.stringify({ username: principal.username, password: principal.password, otp: server.otp(principal) });
    const response = await post(server, json, 'application/json; charset=utf-8');
    assert.equal(response.statusCode, 200, response.body);
  });

  void test('a value of the wrong type answers 400 Invalid naming the field', async () => {
    const body = assertError(
      await server.call('POST', LOGIN_PATH, { body: { username: 123, password: principal.password, otp: server.otp(principal) } }),
      400,
      'Invalid',
      'username',
    );
    assert.equal(body.errors.length, 1);
    const many = assertError(await server.call('POST', LOGIN_PATH, { body: { username: ['a'], password: { x: 1 }, otp: 123456 } }), 400, 'Invalid');
    assert.deepEqual(
      many.errors.map((e) => [e.fieldName, e.messageCode]),
      [
        ['username', 'Invalid'],
        ['password', 'Invalid'],
        ['otp', 'Invalid'],
      ],
    );
    // A body that is not an object.
    assertError(await post(server, '[]'), 400, 'Invalid', 'body');
    assertError(await post(server, '"text"'), 400, 'Invalid', 'body');
    assertError(await post(server, '42'), 400, 'Invalid', 'body');
  });

  void test('nothing is written for rejected requests', async () => {
    const before = await rowCounts(server);
    const json = (extra: Record<string, unknown>) => JSON.stringify({ username: principal.username, password: 'a-wrong-password', otp: '000000', ...extra });
    await post(server, `${json({}).slice(0, -1)},`);
    await post(server, json({ deep: JSON.parse(`${'['.repeat(50)}${']'.repeat(50)}`) as unknown }));
    await post(server, json({}), 'text/plain');
    await server.call('POST', LOGIN_PATH, { body: { username: principal.username, password: 123, otp: '000000' } });
    await server.call('POST', LOGIN_PATH, { body: { username: principal.username, password: 'x'.repeat(300), otp: '000000' } });
    await server.call('PUT', LOGIN_PATH, { payload: json({}) });
    await server.call('POST', '/api/v1/customer/accounts/create', { payload: json({}) });
    await server.call('GET', BALANCES_PATH, { token: 'garbage', otp: '000000' });
    const after = await rowCounts(server);
    // Not even the failure counter of the named principal moved: these never reached the login.
    assert.deepEqual(after, before);
  });
});

void describe('operations routes', () => {
  void test('/health answers 200 in the envelope', async () => {
    assert.deepEqual(assertSuccess(await server.call('GET', '/health')), { status: 'ok', worker: 1, workers: 1 });
  });

  void test('/ready reports the database dialect', async () => {
    assert.deepEqual(assertSuccess(await server.call('GET', '/ready')), { status: 'ready', database: testDatabaseDialect() });
  });

  void test('/openapi.json is an OpenAPI 3 document with login and balances (with the otp header as a security scheme)', async () => {
    const response = await server.call('GET', '/openapi.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /json/);
    const doc = JSON.parse(response.body) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }>; security?: unknown[] }>>;
      components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
    };
    assert.match(doc.openapi, /^3\.\d+\.\d+$/);
    const login = doc.paths[LOGIN_PATH];
    assert.ok(login?.post, 'login path documented');
    const balancesGet = doc.paths[BALANCES_PATH]?.get;
    assert.ok(balancesGet, 'balances path documented');
    // The otp header is a security scheme required together with the bearer token (asked once on /docs).
    assert.deepEqual(doc.components.securitySchemes.otp, { ...doc.components.securitySchemes.otp, type: 'apiKey', in: 'header', name: 'otp' });
    assert.deepEqual(balancesGet.security, [{ bearer: [], otp: [] }], 'balances requires the bearer token and the otp');
    // The login route itself takes no token and no otp header.
    assert.equal(
      (login.post.parameters ?? []).some((param) => param.name === 'otp'),
      false,
    );
  });

  void test('/docs answers with HTML', async () => {
    let response = await server.call('GET', '/docs');
    for (let hops = 0; hops < 3 && response.statusCode >= 300 && response.statusCode < 400; hops++) {
      const location = String(response.headers.location);
      response = await server.call('GET', new URL(location, 'http://localhost/docs').pathname);
    }
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(response.body, /<html/i);
  });
});

void describe('logging', () => {
  void test('no log line holds the password, the OTP, the shared secret or the access token', async () => {
    const s = await startTestServer();
    try {
      const p = await s.createPrincipal(`logged${Date.now() % 100000}`, 'a-very-secret-password-1');
      const token = await s.login(p);
      const otp = s.otp(p);
      assertSuccess(await s.call('GET', BALANCES_PATH, { token, otp }));
      // Failures and rejected bodies carry the secrets too.
      await s.call('GET', BALANCES_PATH, { token, otp: '000000' });
      await s.call('POST', LOGIN_PATH, { body: { username: p.username, password: p.password, otp } });
      await s.call('POST', LOGIN_PATH, { payload: `{"username":"${p.username}","password":"${p.password}","otp":"${otp}",` });
      await s.call('POST', LOGIN_PATH, { payload: JSON.stringify({ password: p.password, otp, sharedSecret: p.sharedSecret }), headers: { 'content-type': 'text/plain' } });

      const lines = s.logLines.join('');
      assert.ok(lines.includes(BALANCES_PATH), 'requests are logged at all');
      assert.ok(!lines.includes(p.password), 'password in logs');
      assert.ok(!lines.includes(p.sharedSecret), 'shared secret in logs');
      assert.ok(!lines.includes(token), 'access token in logs');
      assert.ok(!lines.includes(token.split('.')[2] ?? token), 'token signature in logs');
      assert.doesNotMatch(lines, new RegExp(`(?<![0-9])${otp}(?![0-9])`), 'otp in logs');
      for (const line of s.logLines) assert.doesNotThrow(() => JSON.parse(line) as unknown, 'each log line is JSON');
    } finally {
      await s.close();
    }
  });
});

void test('error envelopes carry exactly id, details, status and errors', async () => {
  const response = await server.call('GET', '/api/v1/nowhere');
  assert.deepEqual(Object.keys(envelope(response)).sort(), ['details', 'errors', 'id', 'status']);
});

void describe('hostile input', () => {
  let api: Api;
  let token: string;
  let usd1: number;
  let usd2: number;
  /** Login bodies with the real credentials: without the damage they would log in. */
  const loginFields = () => `"username":${JSON.stringify(principal.username)},"password":${JSON.stringify(principal.password)},"otp":"${server.otp(principal)}"`;

  before(async () => {
    api = await newApi(server);
    token = await server.login(api.principal);
    usd1 = await fundedAccount(api, 'USD', '100.00', 'hostile one');
    usd2 = await createAccount(api, 'USD', 'hostile two');
  });

  /** POSTs raw bytes (invalid UTF-8 cannot travel in a JS string), as `api`'s principal when `authorized`. */
  function postBytes(url: string, parts: (string | number[])[], authorized: boolean) {
    const payload = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
    const auth = authorized ? { authorization: `Bearer ${token}`, otp: server.otp(api.principal) } : {};
    return server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...auth }, payload });
  }

  void test('a NUL character in a string, a key or a query parameter answers 400 Invalid naming the field, and writes nothing', async () => {
    const before = await rowCounts(server);
    const nul = async (payload: string, fieldName: string) => assertError(await post(server, payload), 400, 'Invalid', fieldName);
    for (const [payload, fieldName] of [
      ['{"username":"a\\u0000b","password":"x","otp":"000000"}', 'username'],
      [`{"username":${JSON.stringify(principal.username)},"password":"${principal.password}\\u0000","otp":"${server.otp(principal)}"}`, 'password'],
      [`{${loginFields()},"x\\u0000y":1}`, 'body'],
      [`{${loginFields()},"note":["a","b\\u0000"]}`, 'note[1]'],
      [`{${loginFields()},"note":{"deeper":{"k":"\\u0000"}}}`, 'note.deeper.k'],
    ] as const) {
      const body = await nul(payload, fieldName);
      assert.equal(body.errors.length, 1, payload);
    }
    assert.deepEqual(await rowCounts(server), before, 'no login, no failure counted');
    // A string that is stored (SQLite kept the NUL, PostgreSQL answered 500), one in a nested object, one in a free-form list.
    await assertRejectedWithoutWrites(server, api, [usd1, usd2], () => internalTransfer(api, usd1, usd2, '1.00', { reference: 'a\u0000b' }), 400, 'Reference:Invalid');
    const payee = domesticPayee({ Name: 'Joe\u0000' });
    await assertRejectedWithoutWrites(
      server,
      api,
      [usd1],
      () => externalTransfer(api, { SourceAccountId: usd1, TransferType: 'ACH', Payee: payee }, '1.00'),
      400,
      'Payee.Name:Invalid',
    );
    const managees = await manageeRowCounts(server);
    assertErrorList(await api.post(MANAGEE_PATHS.createV5, manageeBody({ OtherBanks: ['First Bank', 'Bank\u0000'] })), 400, 'OtherBanks[1]:Invalid');
    assert.deepEqual(await manageeRowCounts(server), managees);
    // Query strings: a value, an unknown parameter's value and a key.
    assertErrorList(await api.get(`${PATHS.listAccounts}?Asset=US%00D`), 400, 'Asset:Invalid');
    assertErrorList(await api.get(`${PATHS.listAccounts}?Asset=USD&note=%00`), 400, 'note:Invalid');
    assertErrorList(await api.get(`${PATHS.account}?Id=${usd1}&x%00=1`), 400, 'query:Invalid');
  });

  void test('a field named twice, in any casing, at any level, answers 400 Invalid naming it, and moves nothing', async () => {
    const ids = [usd1, usd2];
    const transfer = (payload: string) => () => api.postRaw(TRANSFER_PATHS.internalFiat, payload);
    // The probe's request: the first spelling won, and it moved 50.00 instead of 1.00.
    await assertRejectedWithoutWrites(
      server,
      api,
      ids,
      transfer(`{"amount":"50.00","SourceAccountId":${usd1},"DestinationAccountId":${usd2},"Amount":"1.00"}`),
      400,
      'Amount:Invalid',
    );
    await assertRejectedWithoutWrites(server, api, ids, transfer(`{"SourceAccountId":${usd1},"DestinationAccountId":${usd2},"Amount":"1","Amount":"2"}`), 400, 'Amount:Invalid');
    await assertRejectedWithoutWrites(
      server,
      api,
      ids,
      transfer(`{"SourceAccountId":${usd1},"sourceaccountid":${usd1},"DestinationAccountId":${usd2},"Amount":"1"}`),
      400,
      'SourceAccountId:Invalid',
    );
    await assertRejectedWithoutWrites(server, api, ids, transfer(`{"SourceAccountId":${usd1},"DestinationAccountId":${usd2},"Amount":"1","x":1,"X":2}`), 400, 'x:Invalid');
    const payee = JSON.stringify(domesticPayee()).replace(/}$/, ',"NAME":"Someone Else"}');
    await assertRejectedWithoutWrites(
      server,
      api,
      [usd1],
      () => api.postRaw(TRANSFER_PATHS.external, `{"SourceAccountId":${usd1},"TransferType":"ACH","Amount":"1.00","Payee":${payee}}`),
      400,
      'Payee.Name:Invalid',
    );
    const before = await rowCounts(server);
    assertError(await post(server, `{${loginFields()},"Username":"someone-else"}`), 400, 'Invalid', 'username');
    assert.deepEqual(await rowCounts(server), before);
    // The same parameter twice in the query string, in two casings.
    assertErrorList(await api.get(`${PATHS.account}?Id=${usd1}&id=${usd2}`), 400, 'Id:Invalid');
    // Each field named once, in any casing, still binds.
    assertOk(await api.postRaw(TRANSFER_PATHS.internalFiat, `{"sourceaccountid":${usd1},"DESTINATIONACCOUNTID":${usd2},"amount":"0.01"}`));
    assertOk(await api.get(`${PATHS.account}?id=${usd1}`));
  });

  void test('a body that is not valid UTF-8 answers 400 Malformed_Json and writes nothing', async () => {
    const invalid: [string, number[]][] = [
      ['not UTF-8 at all', [0xff, 0xfe]],
      ['overlong "/"', [0xc0, 0xaf]],
      ['overlong NUL', [0xc0, 0x80]],
      ['an encoded surrogate', [0xed, 0xa0, 0x80]],
      ['truncated at the end of the string', [0xe2, 0x82]],
    ];
    const before = await rowCounts(server);
    const start = `{"username":${JSON.stringify(principal.username)},"password":${JSON.stringify(principal.password)}`;
    for (const [label, bytes] of invalid) {
      // In a string the login ignores (without the check it logged in), and in the password (it counted a failure).
      for (const parts of [
        [`${start},"otp":"${server.otp(principal)}","x":"a`, bytes, '"}'],
        [start.slice(0, -1), bytes, `","otp":"${server.otp(principal)}"}`],
      ]) {
        const body = assertError(await postBytes(LOGIN_PATH, parts, false), 400, 'Malformed_Json', 'body');
        assert.equal(body.errors.length, 1, label);
      }
    }
    assertError(await postBytes(LOGIN_PATH, [`${start},"otp":"${server.otp(principal)}","x":"a`, [0xe2, 0x82], 'b"}'], false), 400, 'Malformed_Json', 'body');
    assert.deepEqual(await rowCounts(server), before);
    // A stored string: it was kept with U+FFFD in place of the bytes.
    const transfer = (bytes: number[]) => () =>
      postBytes(TRANSFER_PATHS.internalFiat, [`{"SourceAccountId":${usd1},"DestinationAccountId":${usd2},"Amount":"1.00","Reference":"r`, bytes, '"}'], true);
    for (const [, bytes] of invalid) await assertRejectedWithoutWrites(server, api, [usd1, usd2], transfer(bytes), 400, 'body:Malformed_Json');
    // Valid multi-byte UTF-8 (2, 3 and 4 bytes) is kept exactly; a byte-order mark is still not JSON.
    const details = assertOk(await transfer([...Buffer.from('ü€𝄞')])()).details as { reference: string };
    assert.equal(details.reference, 'rü€𝄞');
    assertError(await postBytes(LOGIN_PATH, [[0xef, 0xbb, 0xbf], `{${loginFields()}}`], false), 400, 'Malformed_Json', 'body');
  });
});
