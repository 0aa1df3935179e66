// Payees (beneficiaries): create (v1, v2, v3), get, list (paging, per customer, managees), edit,
// delete; the rail's rules (ABA, IBAN, BIC, country); another principal's payees and customers are
// out of reach (404); every refused request writes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestResponse, TestServer } from './helpers/test-server.js';
import { assertError, assertOk, createAccount, newApi, type Api } from './helpers/accounts-helpers.js';
import { acceptedManagee } from './helpers/managees-helpers.js';
import { BANK, payeeBody, TRANSFER_PATHS, transferRowCounts } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const sorted = (keys: readonly string[]) => [...keys].sort();
const VIEW_KEYS = [
  'id',
  'customersId',
  'customerAssetAccountsId',
  'payeeType',
  'transferType',
  'name',
  'accountName',
  'accountNumber',
  'routingNumber',
  'swiftCode',
  'intermediaryBic',
  'iban',
  'countryCode',
  'addressLine1',
  'townCity',
  'postcode',
  'state',
  'dateAdded',
  'bVerified',
];

describe('payees', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let aliceUsd: number;
  let bobUsd: number;

  const create = async (api: Api, body: Record<string, unknown>, path: string = TRANSFER_PATHS.payeeCreateV3): Promise<Item> => {
    const response = await api.post(path, body);
    const envelope = assertOk(response);
    const view = envelope.details as Item;
    assert.equal(envelope.id, view.id);
    return view;
  };

  /** A refused request that leaves every table as it was. */
  async function refused(send: () => Promise<TestResponse>, status: number, ...errors: string[]): Promise<void> {
    const rows = await transferRowCounts(server);
    assertError(await send(), status, ...errors);
    assert.deepEqual(await transferRowCounts(server), rows);
  }

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD' } }, other: { accounts: { usd: { asset: 'USD' } } } });
    ({
      server,
      api: alice,
      accounts: { usd: aliceUsd },
    } = world);
    ({
      api: bob,
      accounts: { usd: bobUsd },
    } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  test('create on v1, v2 and v3: the full view, normalised identifiers, id in the envelope', async () => {
    const me = alice.principal.customersId;
    const v1 = await create(alice, payeeBody(me, 'ACH', { CustomerAssetAccountsId: aliceUsd }), TRANSFER_PATHS.payeeCreateV1);
    assert.deepEqual(sorted(Object.keys(v1)), sorted(VIEW_KEYS));
    assert.equal(v1.customersId, me);
    assert.equal(v1.customerAssetAccountsId, aliceUsd);
    assert.equal(v1.transferType, 'ACH');
    assert.equal(v1.payeeType, 'Personal');
    assert.equal(v1.routingNumber, BANK.routing);
    assert.equal(v1.countryCode, 'USA');
    assert.equal(v1.swiftCode, null);
    assert.ok(!Number.isNaN(Date.parse(v1.dateAdded as string)));

    const v2 = await create(alice, payeeBody(me, 'Wire', { PayeeType: 'Company', Name: 'ACME Inc' }), TRANSFER_PATHS.payeeCreateV2);
    assert.equal(v2.transferType, 'WIRE');
    assert.equal(v2.payeeType, 'Company');
    assert.equal(v2.customerAssetAccountsId, null);

    // SWIFT: IBAN with spaces in lower case, BIC in lower case, a two-letter country; "Business" is a company.
    const v3 = await create(
      alice,
      payeeBody(me, 'SWIFT', { Iban: 'de89 3704 0044 0532 0130 00', SwiftCode: 'deutdeff', CountryCode: 'DE', PayeeType: 'Business', IntermediaryBic: 'chasus33xxx' }),
    );
    assert.equal(v3.iban, BANK.iban);
    assert.equal(v3.swiftCode, BANK.bic);
    assert.equal(v3.intermediaryBic, 'CHASUS33XXX');
    assert.equal(v3.countryCode, 'DEU');
    assert.equal(v3.payeeType, 'Company');
    assert.equal(v3.routingNumber, null);
    // A placeholder intermediary ("XXXX", as a real client sends) is saved as none.
    const placeholder = await create(alice, payeeBody(me, 'SWIFT', { IntermediaryBic: 'XXXX' }));
    assert.equal(placeholder.intermediaryBic, null);
    // Ids as strings and camelCase keys, as a real client sends them.
    const camel = await alice.postRaw(
      TRANSFER_PATHS.payeeCreateV3,
      `{"customersId":"${me}","transferType":"ach","payeeType":"individual","name":"Camel","accountNumber":"1234","routingNumber":"${BANK.routing}"}`,
    );
    assert.equal((assertOk(camel).details as Item).payeeType, 'Personal');
  });

  test('every bad input is refused and writes nothing', async (t) => {
    const me = alice.principal.customersId;
    const cases: [string, Record<string, unknown>, number, ...string[]][] = [
      ['routing number failing the ABA checksum', payeeBody(me, 'ACH', { RoutingNumber: BANK.routingBadChecksum }), 400, 'RoutingNumber:Invalid'],
      ['routing number missing', payeeBody(me, 'ACH', { RoutingNumber: undefined }), 400, 'RoutingNumber:Required'],
      ['routing number all zeros', payeeBody(me, 'ACH', { RoutingNumber: '000000000' }), 400, 'RoutingNumber:Invalid'],
      ['domestic account number too short', payeeBody(me, 'ACH', { AccountNumber: '123' }), 400, 'AccountNumber:Invalid'],
      ['domestic account number missing', payeeBody(me, 'ACH', { AccountNumber: undefined }), 400, 'AccountNumber:Required'],
      ['domestic payee outside the US', payeeBody(me, 'Wire', { CountryCode: 'GBR' }), 400, 'CountryCode:Invalid'],
      ['IBAN with a digit flipped', payeeBody(me, 'SWIFT', { Iban: BANK.ibanBadChecksum }), 400, 'Iban:Invalid'],
      ['IBAN too short', payeeBody(me, 'SWIFT', { Iban: 'DE8937040044' }), 400, 'Iban:Invalid'],
      ['BIC with a country that is not one', payeeBody(me, 'SWIFT', { SwiftCode: BANK.bicBadCountry }), 400, 'SwiftCode:Invalid'],
      ['BIC with a digit in the bank code', payeeBody(me, 'SWIFT', { SwiftCode: BANK.bicBadShape }), 400, 'SwiftCode:Invalid'],
      ['BIC of 9 characters', payeeBody(me, 'SWIFT', { SwiftCode: 'DEUTDEFF5' }), 400, 'SwiftCode:Invalid'],
      ['BIC missing for SWIFT', payeeBody(me, 'SWIFT', { SwiftCode: undefined }), 400, 'SwiftCode:Required'],
      ['neither IBAN nor account number for SWIFT', payeeBody(me, 'SWIFT', { Iban: undefined }), 400, 'AccountNumber:Required'],
      ['country missing for SWIFT', payeeBody(me, 'SWIFT', { CountryCode: undefined }), 400, 'CountryCode:Required'],
      [
        'several problems at once',
        payeeBody(me, 'SWIFT', { SwiftCode: BANK.bicBadCountry, Iban: BANK.ibanBadChecksum, IntermediaryBic: BANK.bicBadShape }),
        400,
        'SwiftCode:Invalid',
        'Iban:Invalid',
        'IntermediaryBic:Invalid',
      ],
      ['unknown rail', payeeBody(me, 'ACH', { TransferType: 'SEPA' }), 400, 'TransferType:Invalid'],
      ['rail missing', payeeBody(me, 'ACH', { TransferType: undefined }), 400, 'TransferType:Required'],
      ['unknown payee type', payeeBody(me, 'ACH', { PayeeType: 'Robot' }), 400, 'PayeeType:Invalid'],
      ['no name', payeeBody(me, 'ACH', { Name: undefined, AccountName: undefined }), 400, 'Name:Required'],
      ['no customer', payeeBody(me, 'ACH', { CustomersId: undefined }), 400, 'CustomersId:Required'],
      ['a customer of another principal', payeeBody(bob.principal.customersId, 'ACH'), 404, 'CustomersId:Not_Found'],
      ['an account of another principal', payeeBody(me, 'ACH', { CustomerAssetAccountsId: bobUsd }), 404, 'CustomerAssetAccountsId:Not_Found'],
      ['a routing number longer than 9', payeeBody(me, 'ACH', { RoutingNumber: '0210000210' }), 400, 'RoutingNumber:Invalid_Length'],
    ];
    for (const [name, body, status, ...errors] of cases) {
      await t.test(name, () => refused(() => alice.post(TRANSFER_PATHS.payeeCreateV3, body), status, ...errors));
    }
  });

  test("get: own payee; another principal's or an unknown one is 404", async () => {
    const p = await create(alice, payeeBody(alice.principal.customersId, 'ACH', { Name: 'Get Me' }));
    const got = assertOk(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=${p.id as number}`));
    assert.deepEqual(got.details, p);
    assert.equal(got.id, p.id);
    assert.deepEqual(assertOk(await alice.get(`${TRANSFER_PATHS.payeeGet}?id=${p.id as number}`)).details, p);
    assertError(await bob.get(`${TRANSFER_PATHS.payeeGet}?Id=${p.id as number}`), 404, 'Id:Not_Found');
    assertError(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=999999`), 404, 'Id:Not_Found');
    assertError(await alice.get(TRANSFER_PATHS.payeeGet), 400, 'Id:Required');
  });

  test("list: paged, per customer (own or a managee's), never another principal's", async () => {
    const carol = await newApi(server);
    const me = carol.principal.customersId;
    await createAccount(carol, 'USD');
    const ids: number[] = [];
    for (const name of ['P1', 'P2', 'P3']) ids.push((await create(carol, payeeBody(me, 'ACH', { Name: name }))).id as number);
    const { manageesId } = await acceptedManagee(carol);
    const manageePayee = (await create(carol, payeeBody(manageesId, 'SWIFT', { Name: 'Managee payee' }))).id as number;

    const all = assertOk(await carol.get(TRANSFER_PATHS.payeeList));
    assert.deepEqual(
      (all.details as Item[]).map((p) => p.id),
      [...ids, manageePayee],
    );
    assert.deepEqual([all.pageNumber, all.pageSize, all.numberOfPages], [1, 10, 1]);
    const page1 = assertOk(await carol.get(`${TRANSFER_PATHS.payeeList}?PageSize=2`));
    assert.deepEqual(
      (page1.details as Item[]).map((p) => p.id),
      ids.slice(0, 2),
    );
    assert.equal(page1.numberOfPages, 2);
    const page2 = assertOk(await carol.get(`${TRANSFER_PATHS.payeeList}?pageSize=2&pageNumber=2`));
    assert.deepEqual(
      (page2.details as Item[]).map((p) => p.id),
      [ids[2], manageePayee],
    );
    assert.deepEqual(assertOk(await carol.get(`${TRANSFER_PATHS.payeeList}?PageSize=2&PageNumber=3`)).details, []);
    assert.deepEqual(
      (assertOk(await carol.get(`${TRANSFER_PATHS.payeeList}?CustomersId=${me}`)).details as Item[]).map((p) => p.id),
      ids,
    );
    assert.deepEqual(
      (assertOk(await carol.get(`${TRANSFER_PATHS.payeeList}?CustomersId=${manageesId}`)).details as Item[]).map((p) => p.id),
      [manageePayee],
    );

    // Out of reach: another principal's customer id (manager or managee) is 404; its list holds none of these.
    assertError(await bob.get(`${TRANSFER_PATHS.payeeList}?CustomersId=${me}`), 404, 'CustomersId:Not_Found');
    assertError(await bob.get(`${TRANSFER_PATHS.payeeList}?CustomersId=${manageesId}`), 404, 'CustomersId:Not_Found');
    const bobs = (assertOk(await bob.get(`${TRANSFER_PATHS.payeeList}?PageSize=100`)).details as Item[]).map((p) => p.id as number);
    assert.ok(!bobs.some((id) => ids.includes(id) || id === manageePayee));
    assertError(await carol.get(`${TRANSFER_PATHS.payeeList}?PageSize=0`), 400, 'PageSize:Invalid');
  });

  test("edit replaces the details; bad input, another principal's or a deleted payee change nothing", async () => {
    const me = alice.principal.customersId;
    const p = await create(alice, payeeBody(me, 'ACH', { Name: 'Before', CustomerAssetAccountsId: aliceUsd }));
    const id = p.id as number;
    const edited = assertOk(
      await alice.post(TRANSFER_PATHS.payeeEdit, {
        PayeesId: id,
        TransferType: 'SWIFT',
        PayeeType: 'Company',
        Name: 'After GmbH',
        SwiftCode: BANK.bic11,
        Iban: BANK.iban,
        CountryCode: 'DEU',
      }),
    );
    assert.equal(edited.id, id);
    const view = edited.details as Item;
    assert.equal(view.name, 'After GmbH');
    assert.equal(view.transferType, 'SWIFT');
    assert.equal(view.swiftCode, BANK.bic11);
    assert.equal(view.routingNumber, null, 'a SWIFT payee keeps no routing number');
    assert.equal(view.customerAssetAccountsId, aliceUsd, 'the account stays unless given');
    assert.equal(view.dateAdded, p.dateAdded);
    assert.deepEqual(assertOk(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=${id}`)).details, view);

    await refused(
      () => alice.post(TRANSFER_PATHS.payeeEdit, { PayeesId: id, TransferType: 'SWIFT', Name: 'X', SwiftCode: BANK.bic, Iban: BANK.ibanBadChecksum, CountryCode: 'DEU' }),
      400,
      'Iban:Invalid',
    );
    await refused(
      () => alice.post(TRANSFER_PATHS.payeeEdit, { PayeesId: id, TransferType: 'ACH', Name: 'X', AccountNumber: '1234', RoutingNumber: BANK.routingBadChecksum }),
      400,
      'RoutingNumber:Invalid',
    );
    await refused(() => alice.post(TRANSFER_PATHS.payeeEdit, { PayeesId: id, Name: 'No rail' }), 400, 'TransferType:Required');
    await refused(
      () => alice.post(TRANSFER_PATHS.payeeEdit, { PayeesId: id, CustomerAssetAccountsId: bobUsd, ...payeeBody(me, 'ACH'), CustomersId: undefined }),
      404,
      'CustomerAssetAccountsId:Not_Found',
    );
    await refused(() => bob.post(TRANSFER_PATHS.payeeEdit, { PayeesId: id, ...payeeBody(me, 'ACH'), CustomersId: undefined }), 404, 'PayeesId:Not_Found');
    await refused(() => alice.post(TRANSFER_PATHS.payeeEdit, { PayeesId: 999999, ...payeeBody(me, 'ACH'), CustomersId: undefined }), 404, 'PayeesId:Not_Found');
    assert.deepEqual(assertOk(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=${id}`)).details, view, 'unchanged by the refused edits');

    assertOk(await alice.post(TRANSFER_PATHS.payeeDelete, { PayeesId: id }));
    await refused(() => alice.post(TRANSFER_PATHS.payeeEdit, { PayeesId: id, ...payeeBody(me, 'ACH'), CustomersId: undefined }), 404, 'PayeesId:Not_Found');
  });

  test('delete: gone from get and list, once; another principal cannot delete it', async () => {
    const p = await create(alice, payeeBody(alice.principal.customersId, 'ACH', { Name: 'Delete Me' }));
    const id = p.id as number;
    await refused(() => bob.post(TRANSFER_PATHS.payeeDelete, { PayeesId: id }), 404, 'PayeesId:Not_Found');
    assertOk(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=${id}`));
    const deleted = assertOk(await alice.post(TRANSFER_PATHS.payeeDelete, { payeesId: id }));
    assert.deepEqual(deleted.details, { payeesId: id, bDeleted: true });
    assert.equal(deleted.id, id);
    assertError(await alice.get(`${TRANSFER_PATHS.payeeGet}?Id=${id}`), 404, 'Id:Not_Found');
    const listed = (assertOk(await alice.get(`${TRANSFER_PATHS.payeeList}?PageSize=100`)).details as Item[]).map((x) => x.id);
    assert.ok(!listed.includes(id));
    await refused(() => alice.post(TRANSFER_PATHS.payeeDelete, { PayeesId: id }), 404, 'PayeesId:Not_Found');
    await refused(() => alice.post(TRANSFER_PATHS.payeeDelete, {}), 400, 'PayeesId:Required');
  });
});
