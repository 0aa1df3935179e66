// Visa Direct card payees: POST /api/v3/customer/payees/card/create, GET …/card/get, GET …/card/list;
// the number is checked by Luhn, sealed by the vault (never stored, answered or logged in clear; the
// answers show its last 4); another principal's card payees and customers are out of reach (404).
// A payout to a card payee is an external transfer of its own type (TransferType VisaDirect): a
// pending outbound transaction on the card network, settled or failed by the simulations. Every
// refused request writes nothing. SQLite or PostgreSQL (TEST_DATABASE_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLedgerSound, assertOk, balancesOf, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { acceptedManagee } from './helpers/managees-helpers.js';
import { refused, SURFACE_PATHS as P } from './helpers/surface-helpers.js';
import { domesticPayee, externalTransfer, payeeBody, simulateOk, TRANSFER_PATHS } from './helpers/transfers-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
/** Public test card numbers (Luhn valid) and one with its check digit changed. */
const VISA = '4111111111111111';
const VISA_SPACED = '4242 4242 4242 4242';
const VISA_BAD_LUHN = '4111111111111112';
const VIEW_KEYS = ['cardLastFour', 'countryCode', 'customersId', 'dateAdded', 'expiryMonth', 'expiryYear', 'id', 'maskedCardNumber', 'name'];
const CARD_TABLES = ['card_payees'];

describe('Visa Direct card payees and payouts', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let eur: number;
  let cardPayee: number;

  const body = (overrides: Item = {}): Item => ({
    CustomersId: alice.principal.customersId,
    Name: 'Jane Cardholder',
    CardNumber: VISA,
    ExpiryMonth: 12,
    ExpiryYear: 2030,
    ...overrides,
  });

  before(async () => {
    const world = await createWorld({
      env: { CARD_PAYEES_PER_CUSTOMER_MAX: '5' },
      accounts: { usd: { asset: 'USD', payIn: '500' }, eur: { asset: 'EUR', payIn: '10' } },
      other: { accounts: { usd: { asset: 'USD', payIn: '10' } } },
    });
    ({ server, api: alice } = world);
    ({ usd, eur } = world.accounts);
    ({ api: bob } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  test('create: the view shows the last 4 only; the number is sealed in the database', async () => {
    const envelope = assertOk(await alice.post(P.cardPayeeCreate, body({ CountryCode: 'us' })));
    const view = envelope.details as Item;
    assert.equal(envelope.id, view.id);
    assert.deepEqual(Object.keys(view).sort(), VIEW_KEYS);
    assert.deepEqual([view.cardLastFour, view.maskedCardNumber, view.countryCode, view.name], ['1111', '**** **** **** 1111', 'USA', 'Jane Cardholder']);
    cardPayee = view.id as number;
    const row = await server.runtime.database.db.selectFrom('card_payees').selectAll().where('id', '=', cardPayee).executeTakeFirstOrThrow();
    assert.ok(!row.card_sealed.includes(VISA) && row.card_sealed.startsWith('v1.'), 'sealed, not in clear');
    assert.ok(!JSON.stringify(row).includes(VISA));
    const spaced = assertOk(await alice.post(P.cardPayeeCreate, body({ CardNumber: VISA_SPACED }))).details as Item;
    assert.equal(spaced.cardLastFour, '4242');
    assert.ok(!server.logLines.some((line) => line.includes(VISA) || line.includes('4242424242424242')), 'never logged');
  });

  test('create: every bad input is refused and writes nothing', async () => {
    const cases: [Item, number, string[]][] = [
      [body({ CardNumber: VISA_BAD_LUHN }), 400, ['CardNumber:Invalid']],
      [body({ CardNumber: '4111-1111-1111-111x' }), 400, ['CardNumber:Invalid']],
      [body({ CardNumber: '41111' }), 400, ['CardNumber:Invalid']],
      [body({ CardNumber: undefined }), 400, ['CardNumber:Required']],
      [body({ Name: '  ' }), 400, ['Name:Required']],
      [body({ ExpiryMonth: 13 }), 400, ['ExpiryMonth:Invalid']],
      [body({ ExpiryYear: 2020 }), 400, ['ExpiryYear:Invalid']],
      [body({ CountryCode: 'XYZ' }), 400, ['CountryCode:Invalid']],
      [body({ CustomersId: bob.principal.customersId }), 404, ['CustomersId:Not_Found']],
    ];
    for (const [b, status, errors] of cases) {
      await refused(server, () => alice.post(P.cardPayeeCreate, b), status, errors, CARD_TABLES);
    }
    const response = await alice.post(P.cardPayeeCreate, body({ CardNumber: VISA_BAD_LUHN }));
    assert.ok(!response.body.includes(VISA_BAD_LUHN), 'the error does not echo the number');
  });

  test('get and list: mine (and my managees’), paged; another principal gets 404 or nothing', async () => {
    const got = assertOk(await alice.get(`${P.cardPayeeGet}?Id=${cardPayee}`));
    assert.equal(got.id, cardPayee);
    assert.equal((got.details as Item).cardLastFour, '1111');
    const { manageesId } = await acceptedManagee(alice);
    assertOk(await alice.post(P.cardPayeeCreate, body({ CustomersId: manageesId, CardNumber: VISA_SPACED })));
    const all = assertOk(await alice.get(P.cardPayeeList)).details as Item[];
    assert.equal(all.length, 3);
    const onlyManagee = assertOk(await alice.get(`${P.cardPayeeList}?CustomersId=${manageesId}`)).details as Item[];
    assert.deepEqual(
      onlyManagee.map((p) => p.customersId),
      [manageesId],
    );
    const page = assertOk(await alice.get(`${P.cardPayeeList}?PageSize=2&PageNumber=2`));
    assert.deepEqual([(page.details as Item[]).length, page.numberOfPages], [1, 2]);
    assert.equal((await bob.get(`${P.cardPayeeGet}?Id=${cardPayee}`)).statusCode, 404);
    assert.deepEqual(assertOk(await bob.get(P.cardPayeeList)).details, []);
    assert.equal((await bob.get(`${P.cardPayeeList}?CustomersId=${manageesId}`)).statusCode, 404);
    assert.ok(!JSON.stringify(all).includes(VISA));
  });

  test('payout: a VisaDirect external transfer to a card payee, pending on the card network, then settled', async () => {
    const response = await externalTransfer(alice, { SourceAccountId: usd, TransferType: 'VisaDirect', CardPayeesId: cardPayee, Reference: 'Refund 42' }, '120.50');
    const envelope = assertOk(response);
    const d = envelope.details as Item;
    assert.equal(envelope.id, d.transactionsId);
    assert.deepEqual([d.transferType, d.transactionStatus, d.payeesId, d.feeTransactionId], ['VisaDirect', 'Pending', cardPayee, null]);
    assert.deepEqual(await balancesOf(alice, usd), { total: '379.50', available: '379.50', pending: '-120.50' });
    const detail = await transactionDetail(alice, d.transactionsId as number);
    const ext = detail.externalTransferDetails as Item;
    assert.deepEqual([detail.transactionType, ext.paymentType, ext.receiverCardLastFour, ext.receiverName], ['ExternalTransfer', 'VisaDirect', '1111', 'Jane Cardholder']);
    assert.ok(!JSON.stringify(detail).includes(VISA));
    await simulateOk(alice, 'complete', d.transactionsId as number);
    assert.deepEqual(await balancesOf(alice, usd), { total: '379.50', available: '379.50', pending: '0.00' });
    const failed = assertOk(await externalTransfer(alice, { SourceAccountId: usd, TransferType: 'visa direct', CardPayeesId: cardPayee }, '9.50')).details as Item;
    const ended = await simulateOk(alice, 'fail', failed.transactionsId as number);
    assert.equal(typeof ended.rollbackTransactionId, 'number');
    assert.equal((await balancesOf(alice, usd)).available, '379.50');
    await assertLedgerSound(server);
  });

  test('payout: bad input is refused and moves nothing', async () => {
    const bobPayee = assertOk(await bob.post(P.cardPayeeCreate, { ...body(), CustomersId: bob.principal.customersId })).details as Item;
    const bankPayee = (assertOk(await alice.post(TRANSFER_PATHS.payeeCreateV3, payeeBody(alice.principal.customersId, 'ACH'))).details as Item).id;
    const cases: [Item, string, number, string][] = [
      [{ SourceAccountId: usd, TransferType: 'VisaDirect' }, '1', 400, 'CardPayeesId:Required'],
      [{ SourceAccountId: usd, TransferType: 'VisaDirect', CardPayeesId: bobPayee.id }, '1', 404, 'CardPayeesId:Not_Found'],
      [{ SourceAccountId: eur, TransferType: 'VisaDirect', CardPayeesId: cardPayee }, '1', 400, 'SourceAccountId:Invalid'],
      [{ SourceAccountId: usd, TransferType: 'VisaDirect', CardPayeesId: cardPayee }, '1.001', 400, 'Amount:Invalid'],
      [{ SourceAccountId: usd, TransferType: 'VisaDirect', CardPayeesId: cardPayee }, '10000', 400, 'Amount:Insufficient_Funds'],
      [{ SourceAccountId: usd, TransferType: 'ACH', CardPayeesId: cardPayee, Payee: domesticPayee() }, '1', 400, 'CardPayeesId:Invalid'],
      [{ SourceAccountId: usd, TransferType: 'ACH', CardPayeesId: bobPayee.id, Payee: domesticPayee() }, '1', 404, 'CardPayeesId:Not_Found'],
      [{ SourceAccountId: usd, TransferType: 'VisaDirect', CardPayeesId: cardPayee, PayeesId: bankPayee }, '1', 400, 'PayeesId:Invalid'],
    ];
    for (const [fields, amount, status, error] of cases) await refused(server, () => externalTransfer(alice, fields, amount), status, [error], CARD_TABLES);
  });

  test('the limit: CARD_PAYEES_PER_CUSTOMER_MAX card payees per customer', async () => {
    const mine = (assertOk(await alice.get(`${P.cardPayeeList}?CustomersId=${alice.principal.customersId}`)).details as Item[]).length;
    for (let i = mine; i < 5; i++) assertOk(await alice.post(P.cardPayeeCreate, body()));
    await refused(server, () => alice.post(P.cardPayeeCreate, body()), 400, ['CustomersId:Payee_Limit_Reached'], CARD_TABLES);
  });
});
