// The Quick Buy API over HTTP (principal token and OTP, the common envelope): QuickBuy customers and
// their documents, saved cards (sealed, shown as last 4), pairs and quotes from the markets module,
// a purchase with new card details and with a saved card (charge then delivery, one journal each),
// every bad input (declined card, Luhn, expired card, unknown ids, another principal's ids).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, assertLedgerSound, assertOk, json, type Api } from './helpers/accounts-helpers.js';
import { exactBody, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

const BASE = '/api/v1/customer/quick-buy';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const YEAR = new Date().getUTCFullYear() + 3;
const CARD = { CardNumber: '4242424242424242', ExpiryMonth: 11, ExpiryYear: YEAR, Cvc: '314', HolderName: 'Ada Buyer' };

describe('Quick Buy API', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let customerId: number;

  before(async () => {
    const world = await createWorld({ other: {}, env: { QUICKBUY_CAPTURE_DELAY_SECONDS: '0', QUICKBUY_TRANSFER_DELAY_SECONDS: '0' } });
    ({ server, api: alice } = world);
    bob = world.other.api;
    const created = assertOk(
      await alice.post(`${BASE}/customers/create`, { FirstName: 'Ada', LastName: 'Buyer', EmailAddress: 'ada@example.com', CountryISO: 'GB', Reference: 'ada-1' }),
    ) as { id: number; details: { customersId: number; countryISO: string; verificationStatus: string } };
    customerId = created.details.customersId;
    assert.equal(created.id, customerId);
    assert.equal(created.details.countryISO, 'GBR');
    assert.equal(created.details.verificationStatus, 'Pending');
  });
  after(async () => server.close());

  const upload = async (api: Api, fields: Record<string, string>, files: { name: string; bytes: Buffer; type: string }[]) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('Document', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
    const request = new Response(form);
    const payload = Buffer.from(await request.arrayBuffer());
    const token = await server.login(api.principal);
    return server.app.inject({
      method: 'POST',
      url: `${BASE}/customers/documentupload`,
      headers: { authorization: `Bearer ${token}`, otp: server.otp(api.principal), 'content-type': request.headers.get('content-type') as string },
      payload,
    });
  };

  test('customers/create refuses a bad e-mail, country, name length; nothing is written', async () => {
    const count = async () => (await server.runtime.database.db.selectFrom('quickbuy_customers').select('customers_id').execute()).length;
    const before = await count();
    const base = { FirstName: 'Ada', LastName: 'Buyer', EmailAddress: 'ada@example.com', CountryISO: 'GB' };
    assertError(await alice.post(`${BASE}/customers/create`, { ...base, EmailAddress: 'nope' }), 400, 'EmailAddress:Invalid');
    assertError(await alice.post(`${BASE}/customers/create`, { ...base, CountryISO: 'XX' }), 400, 'CountryISO:Invalid');
    assertError(await alice.post(`${BASE}/customers/create`, { ...base, FirstName: 'A' }), 400, 'FirstName:Invalid_Length');
    assertError(await alice.post(`${BASE}/customers/create`, { ...base, LastName: undefined }), 400, 'LastName:Required');
    assert.equal(await count(), before);
  });

  test('documentupload stores a PNG (purpose quickbuy) and refuses a fake one or a foreign customer', async () => {
    const ok = await upload(alice, { CustomersId: String(customerId), DocumentType: 'Passport' }, [{ name: 'passport.png', bytes: PNG, type: 'image/png' }]);
    const body = assertOk(ok) as { details: { contentType: string; sizeBytes: number }[] };
    assert.equal(body.details[0]?.contentType, 'image/png');
    assert.equal(body.details[0]?.sizeBytes, PNG.length);
    assertError(
      await upload(alice, { CustomersId: String(customerId) }, [{ name: 'x.png', bytes: Buffer.from('not a png'), type: 'image/png' }]),
      400,
      'Document:Invalid_File_Type',
    );
    assertError(await upload(bob, { CustomersId: String(customerId) }, [{ name: 'passport.png', bytes: PNG, type: 'image/png' }]), 404, 'CustomersId:Not_Found');
    assertError(await upload(alice, { CustomersId: String(customerId) }, []), 400, 'Document:Required');
  });

  test('availablepairs lists only pairs against USD; quote prices a card total exactly', async () => {
    const pairs = assertOk(await alice.get(`${BASE}/availablepairs?PageSize=100`)) as { details: { assetPair: string }[] };
    assert.ok(pairs.details.length >= 3);
    assert.ok(pairs.details.every((p) => p.assetPair.endsWith('/USD')));
    const quote = exactBody(await alice.post(`${BASE}/quote`, { AssetPair: 'BTC/USD', Amount: 100.5 })) as { details: Record<string, { text?: string }> };
    // 100.50 × 100 / 100.5 = 100.00 value, 0.50 commission, 100 / 64000 = 0.0015625 → 0.00156250 BTC.
    assert.equal(quote.details.amount?.text, '100.50');
    assert.equal(quote.details.commissionFee?.text, '0.50');
    assert.equal(quote.details.cryptoAmount?.text, '0.00156250');
    assertError(await alice.post(`${BASE}/quote`, { AssetPair: 'BTC/EUR', Amount: 100 }), 400, 'AssetPair:Invalid');
    assertError(await alice.post(`${BASE}/quote`, { AssetPair: 'DOGE/USD', Amount: 100 }), 400, 'AssetPair:Invalid');
    assertError(await alice.post(`${BASE}/quote`, { AssetPair: 'BTC/USD', Amount: 1 }), 400, 'Amount:Trade_Amount_Out_Of_Range');
    assertError(await alice.post(`${BASE}/quote`, { AssetPair: 'BTC/USD', Amount: 10.001 }), 400, 'Amount:Invalid');
  });

  test('submit with new card details (saved), then with the saved card; capture and delivery are one journal each', async () => {
    const first = assertOk(await alice.post(`${BASE}/submit`, { CustomersId: customerId, AssetPair: 'BTC/USD', Amount: 100.5, Card: CARD, bSaveCard: true })) as {
      details: { id: string; status: string; cardId: number; cardLast4: string };
    };
    assert.match(first.details.id, /^[0-9a-f]{24}$/);
    assert.equal(first.details.status, 'PENDING');
    assert.equal(first.details.cardLast4, '4242');
    const cards = assertOk(await alice.get(`${BASE}/cards/list?CustomersId=${customerId}`)) as { details: { id: number; last4: string; maskedNumber: string }[] };
    assert.equal(cards.details.length, 1);
    assert.equal(cards.details[0]?.id, first.details.cardId);
    assert.equal(cards.details[0]?.maskedNumber, '**** **** **** 4242');
    const raw = JSON.stringify(cards) + (await alice.get(`${BASE}/cards/get?Id=${first.details.cardId}`)).body;
    assert.ok(!raw.includes('4242424242424242') && !raw.includes('314'));
    const stored = await server.runtime.database.db.selectFrom('quickbuy_cards').select('pan_sealed').where('id', '=', first.details.cardId).executeTakeFirstOrThrow();
    assert.ok(!stored.pan_sealed.includes('4242424242424242') && stored.pan_sealed.startsWith('v1.'), 'sealed by the vault');

    await server.runtime.quickbuySettlement.runOnce();
    await server.runtime.quickbuySettlement.runOnce();
    const done = assertOk(await alice.get(`${BASE}/get?Id=${first.details.id}`)) as { details: { status: string; chargeTransactionId: number; deliveryTransactionId: number } };
    assert.equal(done.details.status, 'COMPLETE');
    const rows = await server.runtime.database.db
      .selectFrom('transactions')
      .select(['id', 'asset', 'amount', 'system_account', 'journals_id'])
      .where('customers_id', '=', customerId)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => `${r.asset}:${Number(r.amount).toFixed(8)}:${r.system_account}`),
      ['USD:100.50000000:card-network:USD', 'USD:-100.00000000:house:USD', 'BTC:0.00156250:house:BTC', 'USD:-0.50000000:revenue:USD'],
    );
    assert.equal(rows[0]?.id, done.details.chargeTransactionId);
    assert.equal(new Set(rows.map((r) => r.journals_id)).size, 2);

    const second = assertOk(await alice.post(`${BASE}/submit`, { CustomersId: customerId, AssetPair: 'ETH/USD', Amount: 50, CardId: first.details.cardId })) as {
      details: { status: string; cardId: number };
    };
    assert.equal(second.details.status, 'PENDING');
    assert.equal(second.details.cardId, first.details.cardId);
    const list = assertOk(await alice.get(`${BASE}/list?CustomersId=${customerId}`)) as { details: { id: string }[] };
    assert.equal(list.details.length, 2);
    assertError(await bob.get(`${BASE}/get?Id=${first.details.id}`), 404, 'Id:Not_Found');
    assertError(await alice.get(`${BASE}/get?Id=aaaaaaaaaaaaaaaaaaaaaaaa`), 404, 'Id:Not_Found');
    await assertLedgerSound(server);
  });

  test('a declined card, a card lacking funds, a Luhn failure, an expired card: the documented errors, nothing written', async () => {
    const count = async () => (await server.runtime.database.db.selectFrom('quickbuy_orders').select('id').execute()).length;
    const before = await count();
    const submit = (card: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      alice.post(`${BASE}/submit`, { CustomersId: customerId, AssetPair: 'BTC/USD', Amount: 100, Card: { ...CARD, ...card }, ...extra });
    assertError(await submit({ CardNumber: '4000000000000002' }), 400, 'Card.CardNumber:Card_Declined');
    assertError(await submit({ CardNumber: '4000000000009995' }), 400, 'Card.CardNumber:Card_Insufficient_Funds');
    assertError(await submit({ CardNumber: '4242424242424241' }), 400, 'Card.CardNumber:Invalid_Card_Number');
    assertError(await submit({ ExpiryMonth: 1, ExpiryYear: 2021 }), 400, 'Card.ExpiryMonth:Card_Expired');
    assertError(await submit({ ExpiryMonth: 13 }), 400, 'Card.ExpiryMonth:Invalid');
    assertError(await submit({ Cvc: '12' }), 400, 'Card.Cvc:Invalid');
    assertError(await submit({}, { CardId: 8001 }), 400, 'Card:Invalid');
    assertError(await alice.post(`${BASE}/submit`, { CustomersId: customerId, AssetPair: 'BTC/USD', Amount: 100 }), 400, 'Card:Required');
    assertError(await alice.post(`${BASE}/submit`, { CustomersId: customerId, AssetPair: 'BTC/USD', Amount: 100, CardId: 999999 }), 404, 'CardId:Not_Found');
    assertError(await bob.post(`${BASE}/submit`, { CustomersId: customerId, AssetPair: 'BTC/USD', Amount: 100, Card: CARD }), 404, 'CustomersId:Not_Found');
    assertError(await submit({}, { Amount: 0 }), 400, 'Amount:Required');
    assert.equal(await count(), before);
    assert.equal(
      (await server.runtime.database.db.selectFrom('quickbuy_cards').select('id').where('customers_id', '=', customerId).execute()).length,
      1,
      'no card saved by a refused submit',
    );
  });

  test('cards get and delete: another principal cannot see or delete; a deleted card is gone', async () => {
    const cards = assertOk(await alice.get(`${BASE}/cards/list?CustomersId=${customerId}`)) as { details: { id: number }[] };
    const id = cards.details[0]?.id as number;
    assertError(await bob.get(`${BASE}/cards/get?Id=${id}`), 404, 'Id:Not_Found');
    assertError(await bob.post(`${BASE}/cards/delete`, { Id: id }), 404, 'Id:Not_Found');
    assertError(await bob.get(`${BASE}/cards/list?CustomersId=${customerId}`), 404, 'CustomersId:Not_Found');
    assert.deepEqual(json(await alice.post(`${BASE}/cards/delete`, { Id: id })).details, { id, bDeleted: true });
    assertError(await alice.get(`${BASE}/cards/get?Id=${id}`), 404, 'Id:Not_Found');
    assertError(await alice.post(`${BASE}/cards/delete`, { Id: id }), 404, 'Id:Not_Found');
    assertError(await alice.post(`${BASE}/submit`, { CustomersId: customerId, AssetPair: 'BTC/USD', Amount: 100, CardId: id }), 404, 'CardId:Not_Found');
    const sealed = await server.runtime.database.db.selectFrom('quickbuy_cards').select('pan_sealed').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(sealed.pan_sealed, '', 'the sealed number is erased');
  });
});
