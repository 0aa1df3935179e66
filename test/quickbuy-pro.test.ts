// QuickBuy Pro over HTTP: API keys (Bearer and X-Api-Key), create/get/list/delete in Pro's own
// envelope with every documented limit broken by one, the hosted page (form token, sandbox test
// cards, a Luhn failure, an expired card, an expired order, a deleted or paid order), settlement in
// two journals on the server's clock, and both callbacks at a real receiver, signed Quickbuy-Signature.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CallbackReceiver, answer } from './helpers/callbacks-receiver.js';
import { driveUntil } from './helpers/callbacks-helpers.js';
import { assertLedgerSound } from './helpers/accounts-helpers.js';
import {
  assertProError,
  createBody,
  createKey,
  formToken,
  postForm,
  proClient,
  proJson,
  quickbuySignature,
  SUCCESS_CARD,
  type ProCall,
  type QuickBuyKey,
} from './helpers/quickbuy-helpers.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

type Order = { id: string; status: string; PaymentURL: string; fiat: { amount: number }; crypto: { amount: number | null; txHash?: string | null } };

describe('QuickBuy Pro', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;
  let key: QuickBuyKey;
  let pro: ProCall;
  let otherPro: ProCall;
  let otherKey: string;

  before(async () => {
    server = await startTestServer({ QUICKBUY_CAPTURE_DELAY_SECONDS: '5', QUICKBUY_TRANSFER_DELAY_SECONDS: '10', CALLBACK_RETRY_INITIAL_MS: '10' });
    receiver = await CallbackReceiver.start();
    const merchant = await server.createPrincipal();
    key = await createKey(server, merchant.username, { callbackUrl: receiver.url('/quickbuy') });
    pro = proClient(server, key.apiKey);
    const other = await server.createPrincipal();
    otherKey = (await createKey(server, other.username)).apiKey;
    otherPro = proClient(server, otherKey);
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const create = async (body = createBody()): Promise<Order> => {
    const response = await pro('POST', '/quickbuy/v1/create', body);
    assert.equal(response.statusCode, 200, response.body);
    return (proJson(response) as { details: Order }).details;
  };
  const get = async (id: string): Promise<Order> => (proJson(await pro('GET', `/quickbuy/v1/get?OrderID=${id}`)) as { details: Order }).details;
  const page = (id: string) => server.app.inject({ method: 'GET', url: `/quickbuy/pay/${id}` });
  const pay = async (id: string, card: Record<string, string> = SUCCESS_CARD) => postForm(server, `/quickbuy/pay/${id}`, { token: formToken((await page(id)).body), ...card });

  test('a missing, malformed, wrong or revoked API key is refused (401) in the Pro envelope', async () => {
    const none = await server.call('POST', '/quickbuy/v1/create', { body: createBody() });
    assertProError(none, 401, 'Api_Key_Invalid');
    assertProError(await proClient(server, 'nonsense')('GET', '/quickbuy/v1/list'), 401, 'Api_Key_Invalid');
    const wrong = key.apiKey.slice(0, -1) + (key.apiKey.endsWith('0') ? '1' : '0');
    assertProError(await proClient(server, wrong)('GET', '/quickbuy/v1/list'), 401, 'Api_Key_Invalid');
    assert.equal((await pro('GET', '/quickbuy/v1/list', undefined, 'bearer')).statusCode, 200);
    assert.equal((await pro('GET', '/quickbuy/v1/list', undefined, 'x-api-key')).statusCode, 200);
    const merchant = await server.createPrincipal();
    const revoked = await createKey(server, merchant.username);
    assert.equal((await server.cli(['quickbuy', 'keys', 'revoke', '--username', merchant.username, '--key-id', revoked.keyId])).exitCode, 0);
    assertProError(await proClient(server, revoked.apiKey)('GET', '/quickbuy/v1/list'), 401, 'Api_Key_Invalid');
    const listed = await server.cli(['quickbuy', 'keys', 'list', '--username', merchant.username, '--json']);
    assert.ok(!listed.stdout.includes(revoked.apiKey) && !listed.stdout.includes(revoked.secret), 'list never shows the key or the secret');
    assert.equal((await server.cli(['quickbuy', 'keys', 'create', '--username', merchant.username, '--origin', 'not a url'])).exitCode, 1);
    assert.equal((await server.cli(['quickbuy', 'keys', 'create', '--username', 'nobody-here'])).exitCode, 1);
  });

  test('create answers a 24-hex id and a PaymentURL served here; get shows NOT_STARTED', async () => {
    const order = await create();
    assert.match(order.id, /^[0-9a-f]{24}$/);
    assert.equal(new URL(order.PaymentURL).pathname, `/quickbuy/pay/${order.id}`);
    const raw = (await pro('GET', `/quickbuy/v1/get?OrderID=${order.id}`)).body;
    assert.match(raw, /"fiat":\{"amount":25\.00,"currency":"USD"/);
    assert.equal((await get(order.id)).status, 'NOT_STARTED');
    const shown = await page(order.id);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /25\.00 USD/);
    assert.match(shown.body, /USDC/);
  });

  test('every documented limit broken by one is refused; the limits themselves pass', async () => {
    const at = async (body: unknown, status: number, code: string, field: string) => assertProError(await pro('POST', '/quickbuy/v1/create', body), status, code, field);
    await at(createBody({ client: { reference: 'x'.repeat(14) } }), 400, 'Invalid_Length', 'client.reference');
    await at(createBody({ client: { reference: 'x'.repeat(76) } }), 400, 'Invalid_Length', 'client.reference');
    await at(createBody({ client: { first: 'J' } }), 400, 'Invalid_Length', 'client.first');
    await at(createBody({ client: { first: 'J'.repeat(101) } }), 400, 'Invalid_Length', 'client.first');
    await at(createBody({ client: { last: 'B' } }), 400, 'Invalid_Length', 'client.last');
    await at(createBody({ client: { last: 'B'.repeat(101) } }), 400, 'Invalid_Length', 'client.last');
    await at(createBody({ client: { email: 'not-an-email' } }), 400, 'Invalid', 'client.email');
    await at(createBody({ payment: { currency: 'EUR' } }), 400, 'Invalid', 'payment.currency');
    await at(createBody({ payment: { timeoutMin: 0 } }), 400, 'Invalid', 'payment.timeoutMin');
    await at(createBody({ payment: { timeoutMin: 10081 } }), 400, 'Invalid', 'payment.timeoutMin');
    await at(createBody({ payment: { amount: 0 } }), 400, 'Required', 'payment.amount');
    await at(createBody({ payment: { amount: -5 } }), 400, 'Invalid', 'payment.amount');
    await at(createBody({ payment: { amount: 10.001 } }), 400, 'Invalid', 'payment.amount');
    await at(createBody({ payment: { amount: 0.5 } }), 400, 'Trade_Amount_Out_Of_Range', 'payment.amount');
    await at(createBody({ redirectURL: 'http://merchant.example/thanks' }), 400, 'Invalid', 'redirectURL');
    await at(createBody({ redirectURL: 'merchant.example' }), 400, 'Invalid', 'redirectURL');
    await at({ payment: { amount: 10, currency: 'USD', timeoutMin: 5 } }, 400, 'Required', 'client');
    const malformed = await server.call('POST', '/quickbuy/v1/create', { payload: '{"client":', headers: { 'x-api-key': key.apiKey } });
    assertProError(malformed, 400, 'Malformed_Json', 'body');
    for (const body of [
      createBody({ client: { reference: 'r'.repeat(15), first: 'Jo', last: 'Bo' }, payment: { timeoutMin: 1 } }),
      createBody({ client: { reference: 'r'.repeat(75), first: 'J'.repeat(100), last: 'B'.repeat(100) }, payment: { timeoutMin: 10080 }, redirectURL: undefined }),
    ]) {
      assert.equal((await pro('POST', '/quickbuy/v1/create', body)).statusCode, 200);
    }
  });

  test('create with an IdempotencyKey: a retry gets the first answer and makes no second payment; another body is 409', async () => {
    const orders = async () =>
      Number(
        (
          await server.runtime.database.db
            .selectFrom('quickbuy_orders')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const send = (body: unknown, idempotencyKey: string, apiKey = key.apiKey) =>
      server.call('POST', '/quickbuy/v1/create', { body, headers: { 'x-api-key': apiKey, IdempotencyKey: idempotencyKey } });
    const body = createBody();
    const before = await orders();
    const first = await send(body, 'pro-create-key-1');
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const again = await send(body, 'pro-create-key-1');
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body, 'the same bytes as the first answer');
    assert.equal(await orders(), before + 1, 'one payment');
    // The alias header names the same key.
    const alias = await server.call('POST', '/quickbuy/v1/create', { body, headers: { 'x-api-key': key.apiKey, 'Idempotency-Key': 'pro-create-key-1' } });
    assert.equal(alias.body, first.body);
    assertProError(await send(createBody(), 'pro-create-key-1'), 409, 'Idempotency_Key_Reused', 'IdempotencyKey');
    assertProError(await send(body, ''), 400, 'Invalid_Length', 'IdempotencyKey');
    assert.equal(await orders(), before + 1, 'the refused requests made nothing');
    // Keys are per merchant: another merchant's same key is a new payment of its own.
    const foreign = await send(body, 'pro-create-key-1', otherKey);
    assert.equal(foreign.statusCode, 200, foreign.body);
    assert.notEqual((proJson(foreign) as { details: Order }).details.id, (proJson(first) as { details: Order }).details.id);
    assert.equal(await orders(), before + 2);
    // Without a key, the same body twice is two payments.
    assert.equal((await pro('POST', '/quickbuy/v1/create', body)).statusCode, 200);
    assert.equal((await pro('POST', '/quickbuy/v1/create', body)).statusCode, 200);
    assert.equal(await orders(), before + 4);
  });

  test('get, list and delete of an unknown or foreign order are 404 "Order not found."', async () => {
    const mine = await create();
    for (const call of [
      otherPro('GET', `/quickbuy/v1/get?OrderID=${mine.id}`),
      pro('GET', '/quickbuy/v1/get?OrderID=aaaaaaaaaaaaaaaaaaaaaaaa'),
      pro('GET', '/quickbuy/v1/get?OrderID=nothex'),
      otherPro('DELETE', `/quickbuy/v1/delete?OrderID=${mine.id}`),
    ]) {
      const response = await call;
      assertProError(response, 404, 'Not_Found', 'OrderID');
      assert.equal(proJson(response).message, 'Order not found.');
    }
    const listed = proJson(await otherPro('GET', '/quickbuy/v1/list?PageSize=1000')) as { details: Order[] };
    assert.ok(!listed.details.some((o) => o.id === mine.id));
    assertProError(await pro('GET', '/quickbuy/v1/list?PageSize=1001'), 400, 'Invalid', 'PageSize');
    assertProError(await pro('GET', '/quickbuy/v1/list?State=LOST'), 400, 'Invalid', 'State');
  });

  test('delete works only while NOT_STARTED, and the deleted page stops working', async () => {
    const order = await create();
    const deleted = await pro('DELETE', `/quickbuy/v1/delete?OrderID=${order.id}`);
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(proJson(deleted), { success: true, message: 'Order Deleted', id: order.id });
    assert.equal((await page(order.id)).statusCode, 404);
    assertProError(await pro('GET', `/quickbuy/v1/get?OrderID=${order.id}`), 404, 'Not_Found');
    assertProError(await pro('DELETE', `/quickbuy/v1/delete?OrderID=${order.id}`), 404, 'Not_Found');
    const paid = await create();
    assert.equal((await pay(paid.id)).statusCode, 200);
    assertProError(await pro('DELETE', `/quickbuy/v1/delete?OrderID=${paid.id}`), 400, 'Order_Not_Deletable', 'OrderID');
  });

  test('the page: strict CSP, the success card pays once; a replayed form changes nothing; no card number in any log', async () => {
    const order = await create();
    const shown = await page(order.id);
    const csp = String(shown.headers['content-security-policy']);
    for (const part of ["default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "form-action 'self'"]) assert.ok(csp.includes(part), csp);
    assert.equal(shown.headers['cache-control'], 'no-store');
    assert.ok(!/https?:\/\/(?!merchant\.example)/.test(shown.body.replace(/https:\/\/merchant\.example[^"]*/g, '')), 'no external asset');
    const token = formToken(shown.body);
    const paid = await postForm(server, `/quickbuy/pay/${order.id}`, { token, ...SUCCESS_CARD });
    assert.equal(paid.statusCode, 200);
    assert.match(paid.body, /Payment accepted/);
    assert.match(paid.body, /<meta http-equiv="refresh" content="5;url=https:\/\/merchant\.example\/thanks">/);
    assert.ok(!paid.body.includes('4242 4242 4242 4242') && !paid.body.includes('4242424242424242'));
    const replay = await postForm(server, `/quickbuy/pay/${order.id}`, { token, ...SUCCESS_CARD });
    assert.match(replay.body, /Payment accepted/, 'a replay shows the result, it does not pay again');
    const rows = await server.runtime.database.db.selectFrom('quickbuy_orders').select(['state', 'card_attempts']).where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.deepEqual(rows, { state: 'PENDING', card_attempts: 1 });
    assert.equal((await get(order.id)).status, 'PENDING');
    const logs = server.logLines.join('');
    assert.ok(!logs.includes('4242424242424242') && !logs.includes('4242+4242') && !logs.includes('Cvc'), 'no card data in logs');
  });

  test('declined, lacking funds, failing Luhn, expired: clear results, the order stays payable', async () => {
    const order = await create();
    const declined = await pay(order.id, { ...SUCCESS_CARD, CardNumber: '4000000000000002' });
    assert.equal(declined.statusCode, 402);
    assert.match(declined.body, /declined/);
    const poor = await pay(order.id, { ...SUCCESS_CARD, CardNumber: '4000000000009995' });
    assert.match(poor.body, /insufficient funds/);
    const luhn = await pay(order.id, { ...SUCCESS_CARD, CardNumber: '4242424242424241' });
    assert.equal(luhn.statusCode, 400);
    assert.match(luhn.body, /card number is not valid/);
    const expired = await pay(order.id, { ...SUCCESS_CARD, ExpiryMonth: '01', ExpiryYear: '2020' });
    assert.match(expired.body, /expired/);
    const missing = await pay(order.id, { ...SUCCESS_CARD, Cvc: '' });
    assert.equal(missing.statusCode, 400);
    const row = await server.runtime.database.db.selectFrom('quickbuy_orders').select(['state', 'card_attempts']).where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'NOT_STARTED', card_attempts: 2 }, 'only the two network answers count as attempts');
    assert.equal((await pay(order.id)).statusCode, 200);
  });

  test('too many declines close the order', async () => {
    const order = await create();
    for (let i = 0; i < 5; i += 1) await pay(order.id, { ...SUCCESS_CARD, CardNumber: '4000000000000002' });
    const closed = await page(order.id);
    assert.equal(closed.statusCode, 410);
    assert.match(closed.body, /Too many card attempts/);
  });

  test('an order opened after its timeout is EXPIRED: the page refuses it, even with a form shown before', async () => {
    const order = await create(createBody({ payment: { timeoutMin: 1 } }));
    const token = formToken((await page(order.id)).body);
    server.clock.advance(61_000);
    const late = await page(order.id);
    assert.equal(late.statusCode, 410);
    assert.match(late.body, /expired/);
    const posted = await postForm(server, `/quickbuy/pay/${order.id}`, { token, ...SUCCESS_CARD });
    assert.equal(posted.statusCode, 410);
    assert.equal((await get(order.id)).status, 'EXPIRED');
    assertProError(await pro('DELETE', `/quickbuy/v1/delete?OrderID=${order.id}`), 400, 'Order_Not_Deletable');
    const expiredOnly = proJson(await pro('GET', '/quickbuy/v1/list?State=EXPIRED&PageSize=1000')) as { details: Order[] };
    assert.ok(expiredOnly.details.some((o) => o.id === order.id) && expiredOnly.details.every((o) => o.status === 'EXPIRED'));
    const hidden = proJson(await pro('GET', '/quickbuy/v1/list?HideExpired=true&PageSize=1000')) as { details: Order[] };
    assert.ok(hidden.details.every((o) => o.status !== 'EXPIRED'));
  });

  test('capture then delivery on the clock, two journals, both callbacks signed, delivered through retries', async () => {
    // Orders paid by the tests above are settled first, so the counts below are this order's.
    server.clock.advance(60_000);
    await server.runtime.quickbuySettlement.runOnce();
    server.clock.advance(60_000);
    await server.runtime.quickbuySettlement.runOnce();
    await driveUntil(
      server.callbacks,
      async () => (await server.runtime.database.db.selectFrom('callbacks').select('id').where('status', '=', 'pending').execute()).length === 0,
      10_000,
    );
    const before = receiver.requests.length;
    receiver.enqueue(answer.status(500));
    const order = await create(createBody({ payment: { amount: 40.95 } }));
    assert.equal((await pay(order.id)).statusCode, 200);
    assert.equal(await server.runtime.quickbuySettlement.runOnce(), 0, 'not captured before QUICKBUY_CAPTURE_DELAY_SECONDS');
    server.clock.advance(5_000);
    assert.equal(await server.runtime.quickbuySettlement.runOnce(), 1);
    assert.equal((await get(order.id)).status, 'CAPTURED');
    server.clock.advance(10_000);
    assert.equal(await server.runtime.quickbuySettlement.runOnce(), 1);
    const done = await get(order.id);
    assert.equal(done.status, 'COMPLETE');
    await driveUntil(server.callbacks, () => receiver.requests.slice(before).filter((r) => r.rawBody.includes(order.id)).length >= 3, 10_000);
    const ours = receiver.requests.slice(before).filter((r) => r.rawBody.includes(order.id));
    const delivered = ours.filter((r) => r.answer.kind === 'status' && r.answer.status === 200);
    assert.equal(delivered.length, 2);
    assert.ok(ours.length >= 3, 'the first attempt failed and was retried');
    // Both callbacks were pending when the worker ran, and it sends the callbacks it claims at once,
    // so either may be the first to arrive (and be refused); each is retried on its own until
    // delivered (docs/quickbuy.md).
    const refused = (JSON.parse(ours[0]?.rawBody ?? '{}') as { status?: string }).status;
    assert.ok(refused === 'CAPTURED' || refused === 'COMPLETED', `the refused attempt was one of this order's: ${refused}`);
    assert.ok(
      delivered.some((r) => (JSON.parse(r.rawBody) as { status?: string }).status === refused),
      'the refused callback was delivered on a retry',
    );
    const bodies = delivered.map((r) => JSON.parse(r.rawBody) as Record<string, unknown>).sort((a, b) => (a.status === 'CAPTURED' ? -1 : b.status === 'CAPTURED' ? 1 : 0));
    assert.deepEqual(
      bodies.map((b) => b.status),
      ['CAPTURED', 'COMPLETED'],
    );
    for (const r of delivered) {
      assert.equal(r.headers['quickbuy-signature'], quickbuySignature(r.rawBody, key.secret));
      assert.notEqual(r.headers['quickbuy-signature'], quickbuySignature(r.rawBody, `${key.secret}x`));
      assert.equal(r.headers['webhook-signature'], undefined);
    }
    const [captured, completed] = bodies as [Record<string, unknown>, Record<string, unknown>];
    assert.deepEqual(Object.keys(captured), ['OrderID', 'status', 'client', 'fiat', 'crypto', 'DateCreated', 'DateCaptured']);
    assert.deepEqual(Object.keys(completed), ['OrderID', 'status', 'client', 'fiat', 'crypto', 'DateCreated', 'DateCaptured', 'DateTransfered']);
    assert.match(ours[0]?.rawBody ?? '', /"fiat":\{"amount":40\.95,"currency":"USD","PaymentCardLast4Digits":"4242"\}/);
    assert.match(String((completed.crypto as { txHash: string }).txHash), /^0x[0-9a-f]{64}$/);
    // Journals: the charge (card network → the buyer's USD account) and the delivery (USD to the
    // house, USDC from the house, commission to revenue), exact amounts.
    const row = await server.runtime.database.db.selectFrom('quickbuy_orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    const txs = await server.runtime.database.db
      .selectFrom('transactions')
      .select(['asset', 'amount', 'system_account', 'transaction_type', 'journals_id'])
      .where('customers_id', '=', row.customers_id)
      .orderBy('id')
      .execute();
    const shown = txs.map((t) => `${t.transaction_type}:${t.asset}:${Number(t.amount).toFixed(6)}:${t.system_account}`);
    assert.deepEqual(shown, [
      'CardPayment:USD:40.950000:card-network:USD',
      'AssetExchange:USD:-40.900000:house:USD',
      'AssetExchange:USDC:40.900000:house:USDC',
      'Fee:USD:-0.050000:revenue:USD',
    ]);
    assert.equal(new Set(txs.map((t) => t.journals_id)).size, 2, 'one journal per step');
    await assertLedgerSound(server);
  });
});
