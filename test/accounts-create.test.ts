// Accounts chapter, account endpoints: create (every asset, bank details, each bad input, limits, KYC),
// get by id, the manager's balances and list-accounts, over real HTTP on a real database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exactBody, startTestServer, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';
import { assertError, assertLedgerSound, assertOk, createAccount, json, newApi, numText, PATHS, payIn, rowCounts, type Api } from './helpers/accounts-helpers.js';

const SEEDED_ASSETS = ['USD', 'EUR', 'GBP', 'AUD', 'CNH', 'HKD', 'SGD', 'AED', 'BTC', 'ETH', 'USDC', 'dUSD'] as const;
const CRYPTO = new Set(['BTC', 'ETH', 'USDC', 'dUSD']);

const CREATED_KEYS = ['id', 'name', 'routingNumber', 'accountNumber', 'swiftCode', 'reference', 'asset', 'totalBalance', 'availableBalance', 'pendingBalance', 'bSuppressed'];
const DETAIL_KEYS = [
  'id',
  'customersId',
  'name',
  'routingNumber',
  'accountNumber',
  'swiftCode',
  'reference',
  'asset',
  'totalBalance',
  'availableBalance',
  'pendingBalance',
  'bSuppressed',
  'dateAdded',
];
const LIST_KEYS = [
  'id',
  'customersId',
  'name',
  'routingNumber',
  'accountNumber',
  'swiftCode',
  'virtualAccountNumber',
  'reference',
  'asset',
  'assetDisplayName',
  'totalBalance',
  'availableBalance',
  'pendingBalance',
  'bSuppressed',
  'dateAdded',
];
const BALANCE_KEYS = ['id', 'asset', 'totalBalance', 'availableBalance', 'pendingBalance', 'bSuppressed'];

const sorted = (keys: readonly string[]) => [...keys].sort();

type Item = Record<string, unknown>;

function isIsoWithOffset(text: unknown): boolean {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/.test(text) && !Number.isNaN(Date.parse(text));
}

describe('accounts: create, get, balances, list-accounts', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  /** Carol holds one account of every seeded asset (12, more than a default page). */
  let carol: Api;
  const carolAccounts = new Map<string, number>();

  before(async () => {
    ({
      server,
      api: alice,
      other: { api: bob },
    } = await createWorld({ env: { PAGE_SIZE_MAX: '50' }, other: {} }));
    carol = await newApi(server);
  });
  after(async () => {
    await server?.close();
  });

  describe('POST /api/v2/customer/accounts/create', () => {
    test('creates a USD account with the documented response shape', async () => {
      const response = await alice.post(PATHS.create, { CustomersId: alice.principal.customersId, Name: 'Fiat account', Asset: 'USD' });
      const body = assertOk(response);
      assert.equal(body.id, 0);
      const details = body.details as { customersId: number; customersReference: string; accounts: Item[] };
      assert.deepEqual(sorted(Object.keys(details)), ['accounts', 'customersId', 'customersReference']);
      assert.equal(details.customersId, alice.principal.customersId);
      assert.equal(details.customersReference, `CST${alice.principal.customersId}`);
      assert.equal(details.accounts.length, 1);
      const account = details.accounts[0] as Item;
      assert.deepEqual(sorted(Object.keys(account)), sorted(CREATED_KEYS));
      assert.equal(typeof account.id, 'number');
      assert.equal(account.name, 'Fiat account');
      assert.equal(account.routingNumber, '999999999');
      assert.match(String(account.accountNumber), /^\d{9,17}$/);
      assert.equal(account.swiftCode, null);
      assert.equal(account.reference, `REF${String(account.id)}`);
      assert.equal(account.asset, 'USD');
      assert.equal(account.bSuppressed, false);
      const exact = (exactBody(response).details as { accounts: Item[] }).accounts[0] as Item;
      assert.equal(numText(exact.totalBalance), '0.00');
      assert.equal(numText(exact.availableBalance), '0.00');
      assert.equal(numText(exact.pendingBalance), '0.00');
    });

    test('every seeded asset can be created (asset matched case-insensitively) with bank details by class', async () => {
      const id = carol.principal.customersId;
      for (const asset of SEEDED_ASSETS) {
        const spelled = asset === 'dUSD' ? 'DusD' : asset.toLowerCase();
        const response = await carol.post(PATHS.create, { CustomersId: id, Name: `${asset} Account`, Asset: spelled });
        const account = (assertOk(response).details as { accounts: Item[] }).accounts[0] as Item;
        assert.equal(account.asset, asset, `${spelled} is stored as the canonical code`);
        carolAccounts.set(asset, account.id as number);
        if (asset === 'USD') {
          assert.equal(account.routingNumber, '999999999');
          assert.match(String(account.accountNumber), /^\d+$/);
          assert.equal(account.swiftCode, null);
          assert.equal(account.reference, `REF${String(account.id)}`);
        } else if (CRYPTO.has(asset)) {
          assert.equal(account.routingNumber, null, asset);
          assert.equal(account.accountNumber, null, asset);
          assert.equal(account.swiftCode, null, asset);
          assert.equal(account.reference, null, asset);
        } else {
          assert.equal(account.routingNumber, null, asset);
          assert.match(String(account.accountNumber), /^\d+$/);
          assert.equal(account.swiftCode, 'GLDTSGSG', asset);
          assert.equal(account.reference, `REF${String(account.id)}`);
        }
      }
      // International accounts share one account number per customer, different from the USD one.
      const list = assertOk(await carol.get(`${PATHS.listAccounts}?PageSize=50`)).details as Item[];
      assert.equal(list.length, SEEDED_ASSETS.length);
      const international = list.filter((a) => a.swiftCode === 'GLDTSGSG');
      assert.equal(international.length, 7);
      assert.equal(new Set(international.map((a) => a.accountNumber)).size, 1);
      const usd = list.find((a) => a.asset === 'USD') as Item;
      assert.notEqual(usd.accountNumber, international[0]?.accountNumber);
      // Another customer's international account number is another one.
      const bobEur = (assertOk(await bob.post(PATHS.create, { CustomersId: bob.principal.customersId, Name: 'EUR', Asset: 'EUR' })).details as { accounts: Item[] })
        .accounts[0] as Item;
      assert.notEqual(bobEur.accountNumber, international[0]?.accountNumber);
      // Zero balances are written with the asset's precision.
      const btc = exactBody(await carol.get(`${PATHS.account}?Id=${carolAccounts.get('BTC')}`)).details as Item;
      assert.equal(numText(btc.totalBalance), '0.00000000');
    });

    test('two USD accounts of one customer have different account numbers', async () => {
      const first = await createAccount(alice, 'USD', 'USD one');
      const second = await createAccount(alice, 'USD', 'USD two');
      const a = json(await alice.get(`${PATHS.account}?Id=${first}`)).details as Item;
      const b = json(await alice.get(`${PATHS.account}?Id=${second}`)).details as Item;
      assert.notEqual(a.accountNumber, b.accountNumber);
    });

    test('accepts camelCase keys and CustomersId as a numeric string (spec §8.3, §8.21)', async () => {
      const asString = await alice.postRaw(PATHS.create, `{"CustomersId":"${alice.principal.customersId}","Name":"From a string id","Asset":"EUR"}`);
      assert.equal((assertOk(asString).details as Item).customersId, alice.principal.customersId);
      const camel = await alice.post(PATHS.create, { customersId: alice.principal.customersId, name: 'camel', asset: 'gbp' });
      assert.equal(((assertOk(camel).details as { accounts: Item[] }).accounts[0] as Item).asset, 'GBP');
      const patchType = await alice.postRaw(PATHS.create, JSON.stringify({ CustomersId: alice.principal.customersId, Name: 'json-patch', Asset: 'USD' }), {
        'content-type': 'application/json-patch+json',
      });
      assertOk(patchType);
    });

    test('each bad input is rejected with its code and writes nothing', async () => {
      const id = alice.principal.customersId;
      const before = await rowCounts(server);
      const cases: { body: string; status: number; errors: string[] }[] = [
        { body: '{}', status: 400, errors: ['CustomersId:Required', 'Name:Required', 'Asset:Required'] },
        { body: `{"CustomersId":0,"Name":"","Asset":""}`, status: 400, errors: ['CustomersId:Required', 'Name:Required', 'Asset:Required'] },
        { body: `{"CustomersId":null,"Name":null,"Asset":null}`, status: 400, errors: ['CustomersId:Required', 'Name:Required', 'Asset:Required'] },
        { body: `{"Name":"x","Asset":"USD"}`, status: 400, errors: ['CustomersId:Required'] },
        { body: `{"CustomersId":${id},"Asset":"USD"}`, status: 400, errors: ['Name:Required'] },
        { body: `{"CustomersId":${id},"Name":"x"}`, status: 400, errors: ['Asset:Required'] },
        { body: `{"CustomersId":${id},"Name":"   ","Asset":"USD"}`, status: 400, errors: ['Name:Required'] },
        { body: `{"CustomersId":${id},"Name":"x","Asset":"XYZ"}`, status: 400, errors: ['Asset:Invalid'] },
        { body: `{"CustomersId":${id},"Name":"x","Asset":"US D"}`, status: 400, errors: ['Asset:Invalid'] },
        { body: `{"CustomersId":${id},"Name":"${'n'.repeat(101)}","Asset":"USD"}`, status: 400, errors: ['Name:Invalid_Length'] },
        { body: `{"CustomersId":"abc","Name":"x","Asset":"USD"}`, status: 400, errors: ['CustomersId:Invalid'] },
        { body: `{"CustomersId":-5,"Name":"x","Asset":"USD"}`, status: 400, errors: ['CustomersId:Invalid'] },
        { body: `{"CustomersId":1.5,"Name":"x","Asset":"USD"}`, status: 400, errors: ['CustomersId:Invalid'] },
        { body: `{"CustomersId":${id},"Name":42,"Asset":"USD"}`, status: 400, errors: ['Name:Invalid'] },
        { body: `{"CustomersId":${bob.principal.customersId},"Name":"x","Asset":"USD"}`, status: 404, errors: ['CustomersId:Not_Found'] },
        { body: `{"CustomersId":999999,"Name":"x","Asset":"USD"}`, status: 404, errors: ['CustomersId:Not_Found'] },
      ];
      for (const c of cases) assertError(await alice.postRaw(PATHS.create, c.body), c.status, ...c.errors);
      assert.deepEqual(await rowCounts(server), before);
      // A name of exactly 100 characters is fine.
      await createAccount(alice, 'USD', 'n'.repeat(100));
    });

    test('a customer whose KYC is not accepted gets Documents_Not_Verified and nothing is written', async () => {
      const db = server.runtime.database.db;
      const id = bob.principal.customersId;
      await db.updateTable('customers').set({ kyc_status: 'Pending' }).where('id', '=', id).execute();
      try {
        const before = await rowCounts(server);
        assertError(await bob.post(PATHS.create, { CustomersId: id, Name: 'x', Asset: 'USD' }), 400, 'CustomersId:Documents_Not_Verified');
        assert.deepEqual(await rowCounts(server), before);
      } finally {
        await db.updateTable('customers').set({ kyc_status: 'Accepted' }).where('id', '=', id).execute();
      }
      await createAccount(bob, 'USD');
    });
  });

  describe('GET /api/v1/customer/accounts/account', () => {
    test('returns the account detail with dateAdded; envelope id is the account id; Id and id both work', async () => {
      const usd = carolAccounts.get('USD') as number;
      const response = await carol.get(`${PATHS.account}?Id=${usd}`);
      const body = assertOk(response);
      assert.equal(body.id, usd);
      const d = body.details as Item;
      assert.deepEqual(sorted(Object.keys(d)), sorted(DETAIL_KEYS));
      assert.equal(d.id, usd);
      assert.equal(d.customersId, carol.principal.customersId);
      assert.equal(d.name, 'USD Account');
      assert.equal(d.routingNumber, '999999999');
      assert.equal(d.reference, `REF${usd}`);
      assert.equal(d.asset, 'USD');
      assert.equal(d.bSuppressed, false);
      assert.ok(isIsoWithOffset(d.dateAdded), String(d.dateAdded));
      const lower = await carol.get(`${PATHS.account}?id=${usd}`);
      assert.equal(lower.statusCode, 200);
      assert.equal(lower.body, response.body);
      const crypto = json(await carol.get(`${PATHS.account}?Id=${carolAccounts.get('ETH')}`)).details as Item;
      assert.equal(crypto.reference, null);
      assert.equal(crypto.accountNumber, null);
    });

    test('unknown and foreign ids are 404 Not_Found, alike; bad ids are 400', async () => {
      const foreign = carolAccounts.get('USD') as number;
      const unknown = await alice.get(`${PATHS.account}?Id=999999`);
      assertError(unknown, 404, 'Id:Not_Found');
      const other = await alice.get(`${PATHS.account}?Id=${foreign}`);
      assertError(other, 404, 'Id:Not_Found');
      assert.equal(other.body, unknown.body, 'a foreign id is indistinguishable from a missing one');
      assertError(await alice.get(PATHS.account), 400, 'Id:Required');
      assertError(await alice.get(`${PATHS.account}?Id=0`), 400, 'Id:Required');
      assertError(await alice.get(`${PATHS.account}?Id=abc`), 400, 'Id:Invalid');
    });
  });

  describe('GET /api/v1/customer/accounts/balances', () => {
    test('without paging parameters: every account of the principal, only its own', async () => {
      const usd = carolAccounts.get('USD') as number;
      await payIn(carol, usd, '250.75');
      const response = await carol.get(PATHS.balances);
      const body = assertOk(response);
      const items = body.details as Item[];
      assert.deepEqual(
        items.map((i) => i.id),
        [...carolAccounts.values()].sort((a, b) => a - b),
      );
      for (const item of items) assert.deepEqual(sorted(Object.keys(item)), sorted(BALANCE_KEYS));
      assert.equal(body.pageNumber, 1);
      assert.equal(body.numberOfPages, 1);
      assert.equal(body.pageSize, SEEDED_ASSETS.length);
      const exactUsd = (exactBody(response).details as Item[]).find((i) => Number(numText(i.id)) === usd) as Item;
      assert.equal(numText(exactUsd.totalBalance), '250.75');
      assert.equal(numText(exactUsd.availableBalance), '250.75');
      assert.equal(numText(exactUsd.pendingBalance), '0.00');
      // Bob sees only his own.
      const bobItems = assertOk(await bob.get(PATHS.balances)).details as Item[];
      assert.ok(bobItems.length >= 1);
      assert.ok(bobItems.every((i) => ![...carolAccounts.values()].includes(i.id as number)));
      await assertLedgerSound(server);
    });

    test('paginated with pageNumber and pageSize (either spelling)', async () => {
      const ids = [...carolAccounts.values()].sort((a, b) => a - b);
      const page2 = assertOk(await carol.get(`${PATHS.balances}?pageNumber=2&pageSize=5`));
      assert.deepEqual(
        (page2.details as Item[]).map((i) => i.id),
        ids.slice(5, 10),
      );
      assert.equal(page2.pageNumber, 2);
      assert.equal(page2.pageSize, 5);
      assert.equal(page2.numberOfPages, 3);
      const page3 = assertOk(await carol.get(`${PATHS.balances}?PageNumber=3&PageSize=5`));
      assert.deepEqual(
        (page3.details as Item[]).map((i) => i.id),
        ids.slice(10),
      );
      const onlyNumber = assertOk(await carol.get(`${PATHS.balances}?pageNumber=1`));
      assert.equal((onlyNumber.details as Item[]).length, 10);
      assert.equal(onlyNumber.pageSize, 10);
      const past = assertOk(await carol.get(`${PATHS.balances}?pageNumber=9&pageSize=5`));
      assert.deepEqual(past.details, []);
      assertError(await carol.get(`${PATHS.balances}?pageSize=0`), 400, 'PageSize:Invalid');
      assertError(await carol.get(`${PATHS.balances}?pageSize=51`), 400, 'PageSize:Invalid');
    });
  });

  describe('GET /api/v1/customer/accounts/list-accounts', () => {
    test('defaults to page 1 of size 10 with numberOfPages, assetDisplayName and dateAdded', async () => {
      const ids = [...carolAccounts.values()].sort((a, b) => a - b);
      const body = assertOk(await carol.get(PATHS.listAccounts));
      const items = body.details as Item[];
      assert.equal(body.pageNumber, 1);
      assert.equal(body.pageSize, 10);
      assert.equal(body.numberOfPages, 2);
      assert.deepEqual(
        items.map((i) => i.id),
        ids.slice(0, 10),
      );
      for (const item of items) {
        assert.deepEqual(sorted(Object.keys(item)), sorted(LIST_KEYS));
        assert.equal(item.customersId, carol.principal.customersId);
        assert.equal(item.virtualAccountNumber, null);
        assert.ok(isIsoWithOffset(item.dateAdded), String(item.dateAdded));
      }
      const byAsset = new Map(items.map((i) => [i.asset, i]));
      assert.equal(byAsset.get('USD')?.assetDisplayName, 'United States Dollar');
      assert.equal(byAsset.get('AED')?.assetDisplayName, 'Arab Emirates Dirham');
      assert.equal(byAsset.get('BTC')?.assetDisplayName, 'Bitcoin');
      const page2 = assertOk(await carol.get(`${PATHS.listAccounts}?PageNumber=2`));
      assert.deepEqual(
        (page2.details as Item[]).map((i) => i.id),
        ids.slice(10),
      );
    });

    test('filters by CustomersId and Asset (case-insensitive)', async () => {
      const own = assertOk(await carol.get(`${PATHS.listAccounts}?CustomersId=${carol.principal.customersId}&PageSize=50`));
      assert.equal((own.details as Item[]).length, SEEDED_ASSETS.length);
      const usd = assertOk(await carol.get(`${PATHS.listAccounts}?Asset=usd`));
      assert.deepEqual(
        (usd.details as Item[]).map((i) => i.id),
        [carolAccounts.get('USD')],
      );
      assert.equal(usd.numberOfPages, 1);
      const aliceUsd = assertOk(await alice.get(`${PATHS.listAccounts}?customersId=${alice.principal.customersId}&asset=USD`));
      const aliceItems = aliceUsd.details as Item[];
      assert.ok(aliceItems.length >= 3);
      assert.ok(aliceItems.every((i) => i.asset === 'USD' && i.customersId === alice.principal.customersId));
      assertError(await carol.get(`${PATHS.listAccounts}?Asset=XYZ`), 400, 'Asset:Invalid');
      assertError(await carol.get(`${PATHS.listAccounts}?CustomersId=0`), 400, 'CustomersId:Invalid');
      assertError(await carol.get(`${PATHS.listAccounts}?CustomersId=abc`), 400, 'CustomersId:Invalid');
    });

    test('paging bounds: PageSize 0 and above PAGE_SIZE_MAX are 400; a page past the end is an empty 200', async () => {
      assertError(await carol.get(`${PATHS.listAccounts}?PageSize=0`), 400, 'PageSize:Invalid');
      assertError(await carol.get(`${PATHS.listAccounts}?PageSize=51`), 400, 'PageSize:Invalid');
      assertError(await carol.get(`${PATHS.listAccounts}?PageNumber=0`), 400, 'PageNumber:Invalid');
      assertError(await carol.get(`${PATHS.listAccounts}?PageSize=abc`), 400, 'PageSize:Invalid');
      const max = assertOk(await carol.get(`${PATHS.listAccounts}?PageSize=50`));
      assert.equal((max.details as Item[]).length, SEEDED_ASSETS.length);
      assert.equal(max.numberOfPages, 1);
      const past = await carol.get(`${PATHS.listAccounts}?PageNumber=3`);
      const body = assertOk(past);
      assert.deepEqual(body.details, []);
      assert.equal(body.pageNumber, 3);
      assert.equal(body.numberOfPages, 2);
    });

    test("another principal's CustomersId is 404 Not_Found", async () => {
      assertError(await alice.get(`${PATHS.listAccounts}?CustomersId=${carol.principal.customersId}`), 404, 'CustomersId:Not_Found');
      assertError(await alice.get(`${PATHS.listAccounts}?CustomersId=999999`), 404, 'CustomersId:Not_Found');
    });
  });
});

describe('accounts: per-customer limit (ACCOUNTS_PER_CUSTOMER_MAX=2)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ ACCOUNTS_PER_CUSTOMER_MAX: '2' });
  });
  after(async () => {
    await server?.close();
  });

  test('the account past the limit is Account_Limit_Reached and writes nothing', async () => {
    const erin = await newApi(server);
    await createAccount(erin, 'USD');
    await createAccount(erin, 'BTC');
    const before = await rowCounts(server);
    assertError(await erin.post(PATHS.create, { CustomersId: erin.principal.customersId, Name: 'third', Asset: 'EUR' }), 400, 'CustomersId:Account_Limit_Reached');
    assert.deepEqual(await rowCounts(server), before);
  });

  test('concurrent creations never exceed the limit (and the limit is per customer)', async () => {
    const gina = await newApi(server);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gina.post(PATHS.create, { CustomersId: gina.principal.customersId, Name: `concurrent ${i}`, Asset: 'USD' })),
    );
    const codes = responses.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 200, ...Array.from({ length: 18 }, () => 400)], responses.map((r) => r.body).join('\n'));
    for (const r of responses.filter((x) => x.statusCode === 400)) assertError(r, 400, 'CustomersId:Account_Limit_Reached');
    const count = await server.runtime.database.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customers_id', '=', gina.principal.customersId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
  });
});
