// Managees, onboarding: create on every path version (v2–v5) with the v5 body, the response and its
// sandbox verification page, each bad input named by field with nothing written, lenient input
// (alpha-2 countries, any key casing, exact questionnaire numbers), the paginated list (own managees
// only), and production mode (no simulations, no verification link).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';
import { assertError, assertOk, json, newApi, PATHS, type Api } from './helpers/accounts-helpers.js';
import { CREATE_PATHS, createManagee, MANAGEE_PATHS, manageeBody, manageeRowCounts, REQUIRED_FIELDS, without, type CreatedManagee } from './helpers/managees-helpers.js';

type Item = Record<string, unknown>;

const DOCUMENT_SIZE_MAX_BYTES = 2048;
const PUBLIC_BASE_URL = 'https://sandbox.example.test';
const LIST_KEYS_REQUIRED = ['id', 'name', 'dateAdded', 'verificationStatus', 'manageesReference', 'customersReference'];

const sorted = (keys: readonly string[]) => [...keys].sort();

/** `yyyy-mm-dd` of the UTC day `years` years and `days` days from the day of `nowMs`. */
function isoDay(nowMs: number, years: number, days = 0): string {
  const now = new Date(nowMs);
  const date = new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate() + days));
  return date.toISOString().slice(0, 10);
}

async function managee(server: TestServer, customersId: number) {
  return server.runtime.database.db.selectFrom('managees').selectAll().where('customers_id', '=', customersId).executeTakeFirstOrThrow();
}

describe('managees: create and list (sandbox)', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;

  before(async () => {
    const env = { DOCUMENT_SIZE_MAX_BYTES: String(DOCUMENT_SIZE_MAX_BYTES), PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/`, PAGE_SIZE_MAX: '50' };
    ({
      server,
      api: alice,
      other: { api: bob },
    } = await createWorld({ env, other: {} }));
  });
  after(async () => {
    await server?.close();
  });

  describe('POST /api/v{2,3,4,5}/customer/managees/create', () => {
    test('every path version creates a managee from the v5 body, with the documented response', async () => {
      const ids: number[] = [];
      for (const path of CREATE_PATHS) {
        const response = await alice.post(path, manageeBody());
        const body = assertOk(response);
        assert.deepEqual(sorted(Object.keys(body)), ['details', 'errors', 'id', 'status'], path);
        const details = body.details as CreatedManagee;
        assert.deepEqual(sorted(Object.keys(details)), ['customersReference', 'jumioLink', 'manageesId'], path);
        assert.equal(typeof details.manageesId, 'number');
        assert.equal(body.id, details.manageesId, `${path}: id is the new managee`);
        assert.equal(details.customersReference, `CST${details.manageesId}`);
        assert.equal(typeof details.jumioLink, 'string');
        const link = new URL(details.jumioLink as string);
        assert.equal(link.origin, PUBLIC_BASE_URL, `${path}: the link is absolute, on PUBLIC_BASE_URL`);
        ids.push(details.manageesId);
      }
      assert.equal(new Set(ids).size, 4);
      // Each one is a customer managed by alice, awaiting its identity check.
      for (const id of ids) {
        const customer = await server.runtime.database.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(customer.kind, 'managee');
        assert.equal(customer.manager_customers_id, alice.principal.customersId);
        assert.equal(customer.kyc_status, 'Pending');
      }
    });

    test('the stored managee keeps what was sent; the document is stored with its decoded size', async () => {
      const body = manageeBody({ fullName: undefined, manageesReference: 'MY-REF-7' });
      const { manageesId } = await createManagee(alice, body);
      const row = await managee(server, manageesId);
      assert.equal(row.first_name, 'Ada');
      assert.equal(row.last_name, 'Lovelace');
      assert.equal(row.email_address, body.emailAddress);
      assert.equal(row.phone_number, body.phoneNumber);
      assert.equal(row.date_of_birth, '1990-05-17');
      assert.equal(row.nationality_iso, 'GBR');
      assert.equal(row.address_country_iso, 'USA');
      assert.equal(row.managees_reference, 'MY-REF-7');
      assert.equal(row.date_jumio_completed, null);
      const customer = await server.runtime.database.db.selectFrom('customers').select('name').where('id', '=', manageesId).executeTakeFirstOrThrow();
      assert.equal(customer.name, 'Ada Lovelace', 'without fullName the name is given name + surname');
      const docs = await server.runtime.database.db.selectFrom('customer_documents').selectAll().where('customers_id', '=', manageesId).execute();
      assert.equal(docs.length, 1);
      assert.equal(docs[0]?.document_type, 'PhoneBill');
      assert.equal(docs[0]?.size_bytes, Buffer.from(String(body.proofOfAddressFile), 'base64').length);
    });

    test('the verification link opens a sandbox page that says it stands for Jumio and names the managee', async () => {
      const created = await createManagee(alice);
      const link = new URL(created.jumioLink as string);
      // No credentials: the link is what the managee opens in a browser.
      const page = await server.call('GET', link.pathname);
      assert.equal(page.statusCode, 200, page.body);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /<!doctype html>/i);
      assert.match(page.body, /Jumio/);
      assert.match(page.body, /sandbox/i);
      assert.ok(page.body.includes(String(created.manageesId)), page.body);
      assert.match(page.body, /Pending/);
      // Another token is not a page.
      const unknown = await server.call('GET', link.pathname.replace(/[0-9a-f]{32}$/, '0'.repeat(32)));
      assert.equal(unknown.statusCode, 404);
      assert.equal((await server.call('GET', '/sandbox/identity-verification/not-a-token')).statusCode, 404);
    });

    test('alpha-2 country codes (any case) are accepted and stored as alpha-3', async () => {
      const { manageesId } = await createManagee(alice, manageeBody({ nationalityISO: 'gb', AddressCountryISO: 'US' }));
      const row = await managee(server, manageesId);
      assert.equal(row.nationality_iso, 'GBR');
      assert.equal(row.address_country_iso, 'USA');
      const lower = await createManagee(alice, manageeBody({ nationalityISO: 'deu', AddressCountryISO: 'fra' }));
      const lowerRow = await managee(server, lower.manageesId);
      assert.equal(lowerRow.nationality_iso, 'DEU');
      assert.equal(lowerRow.address_country_iso, 'FRA');
    });

    test('keys are matched case-insensitively (camelCase, PascalCase, upper case)', async () => {
      const body = manageeBody();
      const recased: Item = {};
      for (const [i, [key, value]] of Object.entries(body).entries()) {
        const k = i % 3 === 0 ? key.toUpperCase() : i % 3 === 1 ? key.toLowerCase() : key.charAt(0).toUpperCase() + key.slice(1);
        recased[k] = value;
      }
      const { manageesId } = await createManagee(alice, recased);
      const row = await managee(server, manageesId);
      assert.equal(row.first_name, body.firstGivenName);
      assert.equal(row.email_address, body.emailAddress);
      assert.equal(row.nationality_iso, 'GBR');
      assert.equal(row.managees_reference, body.manageesReference);
    });

    test('questionnaire numbers are accepted as JSON numbers or numeric strings and kept exactly', async () => {
      const payload = JSON.stringify(manageeBody({ MonthlyTurnover: 'X', EstimatedNetWorth: 'Y' }))
        .replace('"X"', '1000.50')
        .replace('"Y"', '12345678901234567890.123456789');
      const response = await alice.postRaw(MANAGEE_PATHS.createV5, payload);
      const id = assertOk(response).id as number;
      const profile = (await managee(server, id)).profile_json;
      assert.match(profile, /"MonthlyTurnover":"?1000\.50"?/, profile);
      assert.match(profile, /"EstimatedNetWorth":"?12345678901234567890\.123456789"?/, profile);
      const asText = await createManagee(alice, manageeBody({ MonthlyTurnover: '1000.50', BtcTradingPercentage: 12.5 }));
      assert.match((await managee(server, asText.manageesId)).profile_json, /"MonthlyTurnover":"1000\.50"/);
    });

    test('only the required fields are enough; a document of exactly DOCUMENT_SIZE_MAX_BYTES is accepted', async () => {
      const minimal: Item = {};
      const full = manageeBody();
      for (const key of REQUIRED_FIELDS) minimal[key] = full[key];
      const { manageesId } = await createManagee(alice, minimal);
      assert.equal((await managee(server, manageesId)).managees_reference, null);
      const biggest = Buffer.alloc(DOCUMENT_SIZE_MAX_BYTES, 7).toString('base64');
      await createManagee(alice, manageeBody({ proofOfAddressFile: biggest }));
      // 100 characters is the longest given name.
      await createManagee(alice, manageeBody({ firstGivenName: 'a'.repeat(100) }));
    });

    test('a managee who turns 18 today is accepted', async () => {
      await createManagee(alice, manageeBody({ dateOfBirth: isoDay(server.clock.nowMs(), -18) }));
    });

    describe('bad input: the error names the field, nothing is written', () => {
      const nowMs = Date.now();
      const cases: [string, Item, string[]][] = [
        ['malformed email', { emailAddress: 'not-an-email' }, ['emailAddress:Invalid']],
        ['email without a domain dot', { emailAddress: 'ada@localhost' }, ['emailAddress:Invalid']],
        ['email with spaces', { emailAddress: 'ada lovelace@example.com' }, ['emailAddress:Invalid']],
        ['phone with letters', { phoneNumber: '+1 CALL-ME-NOW' }, ['phoneNumber:Invalid']],
        ['phone too short', { phoneNumber: '12345' }, ['phoneNumber:Invalid']],
        ['phone of 16 digits', { phoneNumber: '+1234567890123456' }, ['phoneNumber:Invalid']],
        ['unknown nationality', { nationalityISO: 'XYZ' }, ['nationalityISO:Invalid']],
        ['unknown alpha-2 nationality', { nationalityISO: 'QQ' }, ['nationalityISO:Invalid']],
        ['unknown address country', { AddressCountryISO: 'ZZZ' }, ['AddressCountryISO:Invalid']],
        ['numeric country', { AddressCountryISO: '840' }, ['AddressCountryISO:Invalid']],
        ['date of birth in the future', { dateOfBirth: isoDay(nowMs, 1) }, ['dateOfBirth:Invalid']],
        ['date of birth today', { dateOfBirth: isoDay(nowMs, 0) }, ['dateOfBirth:Invalid']],
        ['under 18 (17 years old)', { dateOfBirth: isoDay(nowMs, -17) }, ['dateOfBirth:Invalid']],
        ['18 tomorrow', { dateOfBirth: isoDay(nowMs, -18, 1) }, ['dateOfBirth:Invalid']],
        ['not a date (2023-02-30)', { dateOfBirth: '2023-02-30' }, ['dateOfBirth:Invalid']],
        ['not a date (1990-02-30)', { dateOfBirth: '1990-02-30' }, ['dateOfBirth:Invalid']],
        ['not a date (1990-13-01)', { dateOfBirth: '1990-13-01' }, ['dateOfBirth:Invalid']],
        ['date in another format', { dateOfBirth: '17/05/1990' }, ['dateOfBirth:Invalid']],
        ['document not base64', { proofOfAddressFile: 'this is %% not base64!' }, ['proofOfAddressFile:Invalid']],
        ['document with a bad length', { proofOfAddressFile: 'QUJD=' }, ['proofOfAddressFile:Invalid']],
        ['document too big', { proofOfAddressFile: Buffer.alloc(DOCUMENT_SIZE_MAX_BYTES + 1, 7).toString('base64') }, ['proofOfAddressFile:Invalid_Length']],
        ['given name of 101 characters', { firstGivenName: 'a'.repeat(101) }, ['firstGivenName:Invalid_Length']],
        ['surname of 101 characters', { lastSurname: 'b'.repeat(101) }, ['lastSurname:Invalid_Length']],
        ['country code of 4 letters', { nationalityISO: 'GBRR' }, ['nationalityISO:Invalid_Length']],
        ['given name as a number', { firstGivenName: 42 }, ['firstGivenName:Invalid']],
        ['declaration not accurate', { bAccurateInfo: false }, ['bAccurateInfo:Invalid']],
        ['two bad fields at once', { emailAddress: 'x@', phoneNumber: 'phone' }, ['emailAddress:Invalid', 'phoneNumber:Invalid']],
      ];
      for (const field of REQUIRED_FIELDS) {
        cases.push([`missing ${field}`, { [field]: undefined }, [`${field}:Required`]]);
        cases.push([`empty ${field}`, { [field]: '' }, [`${field}:Required`]]);
        cases.push([`null ${field}`, { [field]: null }, [`${field}:Required`]]);
      }

      for (const [label, overrides, expected] of cases) {
        test(label, async () => {
          const rows = await manageeRowCounts(server);
          const response = await alice.post(MANAGEE_PATHS.createV5, manageeBody(overrides));
          assertError(response, 400, ...expected);
          assert.deepEqual(await manageeRowCounts(server), rows);
        });
      }

      test('a required name or address of spaces only is Required, as for an account Name', async () => {
        const rows = await manageeRowCounts(server);
        assertError(await alice.post(MANAGEE_PATHS.createV5, manageeBody({ firstGivenName: '   ' })), 400, 'firstGivenName:Required');
        assertError(await alice.post(MANAGEE_PATHS.createV5, manageeBody({ lastSurname: ' ' })), 400, 'lastSurname:Required');
        assertError(await alice.post(MANAGEE_PATHS.createV5, manageeBody({ addressLine1: '\t ' })), 400, 'addressLine1:Required');
        assert.deepEqual(await manageeRowCounts(server), rows);
      });

      test('a questionnaire number that is not a number is Invalid (spec §8.21)', async () => {
        const rows = await manageeRowCounts(server);
        assertError(await alice.post(MANAGEE_PATHS.createV5, manageeBody({ MonthlyTurnover: 'lots' })), 400, 'MonthlyTurnover:Invalid');
        assertError(await alice.post(MANAGEE_PATHS.createV5, manageeBody({ EstimatedNetWorth: { amount: 1 } })), 400, 'EstimatedNetWorth:Invalid');
        assert.deepEqual(await manageeRowCounts(server), rows);
      });

      test('every required field missing at once: Required for each', async () => {
        const rows = await manageeRowCounts(server);
        const response = await alice.post(MANAGEE_PATHS.createV2, without(manageeBody(), ...REQUIRED_FIELDS));
        assertError(response, 400, ...REQUIRED_FIELDS.map((f) => `${f}:Required`));
        assert.deepEqual(await manageeRowCounts(server), rows);
      });

      test('optional fields sent as null are treated as absent (fullName, manageesReference, StateProvince)', async () => {
        const { manageesId } = await createManagee(alice, manageeBody({ fullName: null, manageesReference: null, StateProvince: null, bNotCriminal: null }));
        assert.equal((await managee(server, manageesId)).managees_reference, null);
      });

      test('proofOfAddressFile: null is treated as absent (no document stored), not a 500', async () => {
        const rows = await manageeRowCounts(server);
        const response = await alice.post(MANAGEE_PATHS.createV5, manageeBody({ proofOfAddressFile: null }));
        assert.equal(response.statusCode, 200, response.body);
        const after = await manageeRowCounts(server);
        assert.equal(after.managees, rows.managees + 1);
        assert.equal(after.customer_documents, rows.customer_documents, 'no document stored');
      });

      test('a body that is not an object, or no body at all', async () => {
        const rows = await manageeRowCounts(server);
        assertError(await alice.postRaw(MANAGEE_PATHS.createV5, '[1,2]'), 400, 'body:Invalid');
        assertError(await alice.postRaw(MANAGEE_PATHS.createV5, '{"firstGivenName":'), 400, 'body:Malformed_Json');
        const empty = await alice.postRaw(MANAGEE_PATHS.createV5, '{}');
        assertError(empty, 400, ...REQUIRED_FIELDS.map((f) => `${f}:Required`));
        assert.deepEqual(await manageeRowCounts(server), rows);
      });
    });
  });

  describe('GET /api/v2/customer/managees/list', () => {
    let carol: Api;
    const carolIds: number[] = [];

    before(async () => {
      carol = await newApi(server);
      for (const ref of ['C-1', 'C-2', 'C-3']) carolIds.push((await createManagee(carol, manageeBody({ manageesReference: ref, fullName: `Carol's ${ref}` }))).manageesId);
    });

    test('lists id, name, date added, verification status and reference, in id order', async () => {
      const body = assertOk(await carol.get(MANAGEE_PATHS.list));
      assert.equal(body.pageNumber, 1);
      assert.equal(body.pageSize, 10);
      assert.equal(body.numberOfPages, 1);
      const items = body.details as Item[];
      assert.deepEqual(
        items.map((m) => m.id),
        carolIds,
      );
      for (const [i, item] of items.entries()) {
        for (const key of LIST_KEYS_REQUIRED) assert.ok(Object.hasOwn(item, key), `${key} in ${JSON.stringify(item)}`);
        assert.equal(item.name, `Carol's C-${i + 1}`);
        assert.equal(item.manageesReference, `C-${i + 1}`);
        assert.equal(item.customersReference, `CST${String(item.id)}`);
        assert.equal(item.verificationStatus, 'Pending');
        assert.match(String(item.dateAdded), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
        assert.ok(Math.abs(Date.parse(String(item.dateAdded)) - server.clock.nowMs()) < 600_000);
      }
    });

    test('pages: PageSize and PageNumber (any case), numberOfPages, past the end is empty', async () => {
      const first = assertOk(await carol.get(`${MANAGEE_PATHS.list}?PageSize=2&PageNumber=1`));
      assert.deepEqual(
        (first.details as Item[]).map((m) => m.id),
        carolIds.slice(0, 2),
      );
      assert.equal(first.pageSize, 2);
      assert.equal(first.numberOfPages, 2);
      const second = assertOk(await carol.get(`${MANAGEE_PATHS.list}?pagesize=2&pagenumber=2`));
      assert.deepEqual(
        (second.details as Item[]).map((m) => m.id),
        carolIds.slice(2),
      );
      assert.equal(second.pageNumber, 2);
      const past = assertOk(await carol.get(`${MANAGEE_PATHS.list}?PageSize=2&PageNumber=3`));
      assert.deepEqual(past.details, []);
      assertError(await carol.get(`${MANAGEE_PATHS.list}?PageSize=0`), 400, 'PageSize:Invalid');
      assertError(await carol.get(`${MANAGEE_PATHS.list}?PageSize=51`), 400, 'PageSize:Invalid');
      assertError(await carol.get(`${MANAGEE_PATHS.list}?PageNumber=x`), 400, 'PageNumber:Invalid');
    });

    test("only the principal's own managees: never another principal's", async () => {
      const mine = (assertOk(await bob.get(`${MANAGEE_PATHS.list}?PageSize=50`)).details as Item[]).map((m) => m.id);
      assert.deepEqual(mine, [], 'bob has none');
      const bobs = await createManagee(bob);
      assert.deepEqual(
        (assertOk(await bob.get(MANAGEE_PATHS.list)).details as Item[]).map((m) => m.id),
        [bobs.manageesId],
      );
      const carols = (assertOk(await carol.get(`${MANAGEE_PATHS.list}?PageSize=50`)).details as Item[]).map((m) => m.id);
      assert.deepEqual(carols, carolIds);
      const alices = (assertOk(await alice.get(`${MANAGEE_PATHS.list}?PageSize=50`)).details as Item[]).map((m) => m.id as number);
      assert.ok(alices.length > 0);
      for (const id of [...carolIds, bobs.manageesId]) assert.ok(!alices.includes(id), `alice sees ${id}`);
    });

    test("a managee's accounts: list-accounts?CustomersId= answers an empty list before acceptance", async () => {
      const id = carolIds[0] as number;
      const body = assertOk(await carol.get(`${PATHS.listAccounts}?CustomersId=${id}`));
      assert.deepEqual(body.details, []);
      assertError(await bob.get(`${PATHS.listAccounts}?CustomersId=${id}`), 404, 'CustomersId:Not_Found');
    });
  });
});

describe('managees: a document up to the default DOCUMENT_SIZE_MAX_BYTES (5 MiB)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('a 1 MB document (over BODY_SIZE_MAX_BYTES once encoded, under the document limit) is accepted', async () => {
    const api = await newApi(server);
    const document = Buffer.alloc(1_000_000, 7).toString('base64');
    const response = await api.post(MANAGEE_PATHS.createV5, manageeBody({ proofOfAddressFile: document }));
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    const doc = await server.runtime.database.db
      .selectFrom('customer_documents')
      .select('size_bytes')
      .where('customers_id', '=', json(response).id as number)
      .executeTakeFirstOrThrow();
    assert.equal(doc.size_bytes, 1_000_000);
  });
});

describe('managees in production mode', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ MODE: 'production' });
  });
  after(async () => {
    await server?.close();
  });

  test('create works and answers jumioLink null; the simulation paths and the sandbox page are 404', async () => {
    const api = await newApi(server);
    const response = await api.post(MANAGEE_PATHS.createV5, manageeBody());
    const details = assertOk(response).details as CreatedManagee;
    assert.equal(details.jumioLink, null);
    assert.equal(details.customersReference, `CST${details.manageesId}`);
    const rows = await manageeRowCounts(server);
    assertError(await api.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: details.manageesId }), 404, ':Not_Found');
    assertError(await api.post(MANAGEE_PATHS.kyc, { ManageesId: details.manageesId, VerificationStatus: 'Accepted' }), 404, ':Not_Found');
    const token = (await server.runtime.database.db.selectFrom('managees').select('verification_token').where('customers_id', '=', details.manageesId).executeTakeFirstOrThrow())
      .verification_token;
    assert.equal((await server.call('GET', `/sandbox/identity-verification/${token}`)).statusCode, 404);
    assert.deepEqual(await manageeRowCounts(server), rows);
    const listed = assertOk(await api.get(MANAGEE_PATHS.list)).details as Item[];
    assert.deepEqual(
      listed.map((m) => [m.id, m.verificationStatus]),
      [[details.manageesId, 'Pending']],
    );
  });
});
