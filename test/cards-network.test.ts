// Cards: the simulated card network (sandbox). Authorizations are holds (declined with their reason:
// Card_Inactive, Card_Limit_Exceeded, Insufficient_Funds); captures in full or in part release the
// rest; a second capture, one above the authorization, one after a reversal are refused; reversals;
// expiry after CARD_AUTHORIZATION_TTL_HOURS through the ledger's sweep and the cards hook; refunds
// (RefundTransactionsID); TRANSACTION_STATUS_UPDATED on settlement; the routes do not exist in
// production. Every refusal writes nothing; the books verify.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { releaseExpiredHolds } from '../src/ledger/index.js';
import { holdExpiredHandlers } from '../src/modules.js';
import { assertError, assertLedgerSound, assertOk, numText, type Api } from './helpers/accounts-helpers.js';
import { assertWireFormat, requestsOfType } from './helpers/callbacks-helpers.js';
import type { CallbackReceiver } from './helpers/callbacks-receiver.js';
import {
  activeCard,
  authorize,
  authorized,
  capture,
  CARD_PATHS,
  cardBalances,
  cardRowCounts,
  cardTransactions,
  createCard,
  olderCreateBody,
  topUpCard,
} from './helpers/cards-helpers.js';
import { exactBody, startTestServer, type TestResponse, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Details = Record<string, unknown>;

describe('cards: the simulated card network', () => {
  let server: TestServer;
  let api: Api;
  let other: Api;
  let usd: number;
  let receiver: CallbackReceiver;
  let secret: string;

  before(async () => {
    const world = await createWorld({
      env: { CARD_AUTHORIZATION_LIMIT_CENTS: '50000', CARD_AUTHORIZATION_TTL_HOURS: '2' },
      accounts: { usd: { asset: 'USD', payIn: '1000.00' } },
      other: {},
      callbackPath: '/cards',
    });
    ({ server, api, receiver } = world);
    ({ usd } = world.accounts);
    other = world.other.api;
    secret = world.callbackSecret;
  });
  after(async () => {
    await receiver?.close();
    await server?.close();
  });

  async function refused(call: () => Promise<TestResponse>, status: number, ...errors: string[]): Promise<void> {
    const before = await cardRowCounts(server);
    assertError(await call(), status, ...errors);
    assert.deepEqual(await cardRowCounts(server), before, 'nothing written');
  }

  async function fundedCard(amount: string): Promise<number> {
    const card = await activeCard(api);
    assertOk(await topUpCard(api, usd, card, amount));
    return card;
  }

  test('declines with their reason write nothing: inactive card, card limit, insufficient funds; bad input', async () => {
    const card = await fundedCard('100.00');
    await refused(() => authorize(api, card, '100.01'), 400, 'Amount:Insufficient_Funds');
    const inactive = await createCard(api, olderCreateBody(api.principal.customersId));
    await refused(() => authorize(api, inactive, '1.00'), 400, 'CardsId:Card_Inactive');
    assertOk(await api.post(CARD_PATHS.deactivate, { cardsId: card }));
    await refused(() => authorize(api, card, '1.00'), 400, 'CardsId:Card_Inactive');
    assertOk(await api.post(CARD_PATHS.activate, { cardsId: card }));
    const big = await fundedCard('600.00');
    await refused(() => authorize(api, big, '500.01'), 400, 'Amount:Card_Limit_Exceeded');
    await refused(() => authorize(api, card, '1.001'), 400, 'Amount:Invalid');
    await refused(() => authorize(api, card, '0'), 400, 'Amount:Required');
    await refused(() => authorize(api, card, '1.00', ''), 400, 'MerchantName:Required');
    await refused(() => api.post(CARD_PATHS.authorizations, { CardsId: card, Amount: 1, MerchantName: 'x', MerchantCategoryCode: '58' }), 400, 'MerchantCategoryCode:Invalid');
    await refused(() => authorize(other, card, '1.00'), 404, 'CardsId:Not_Found');
    await refused(() => authorize(api, 424_242, '1.00'), 404, 'CardsId:Not_Found');
  });

  test('capture in part releases the rest; a second capture, one above the authorization, one of another principal are refused', async () => {
    const card = await fundedCard('50.00');
    const auth = await authorized(api, card, '25.00');
    await refused(() => capture(api, auth, '25.01'), 400, 'Amount:Invalid');
    await refused(() => capture(other, auth, '1.00'), 404, 'AuthorizationId:Not_Found');
    const done = exactBody(await capture(api, auth, '20.00')).details as Details;
    assert.equal(numText(done.releasedAmount), '5.00');
    await refused(() => capture(api, auth, '1.00'), 400, 'AuthorizationId:Authorization_Not_Pending');
    await refused(() => capture(api, auth), 400, 'AuthorizationId:Authorization_Not_Pending');
    await refused(() => api.post(CARD_PATHS.reversals, { AuthorizationId: auth }), 400, 'AuthorizationId:Authorization_Not_Pending');
    assert.deepEqual(await cardBalances(api, card), { total: '30.00', available: '30.00', pending: '0.00' });

    const full = await authorized(api, card, '10.00');
    const all = exactBody(await capture(api, full)).details as Details;
    assert.equal(numText(all.capturedAmount), '10.00');
    assert.equal(numText(all.releasedAmount), '0.00');
    assert.deepEqual(await cardBalances(api, card), { total: '20.00', available: '20.00', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test('a reversal releases all of it; available balance is reserved while pending', async () => {
    const card = await fundedCard('40.00');
    const auth = await authorized(api, card, '30.00');
    await refused(() => authorize(api, card, '10.01'), 400, 'Amount:Insufficient_Funds');
    const reversed = exactBody(await api.post(CARD_PATHS.reversals, { AuthorizationId: auth })).details as Details;
    assert.equal(numText(reversed.releasedAmount), '30.00');
    assert.equal(reversed.status, 'Reversed');
    await refused(() => capture(api, auth), 400, 'AuthorizationId:Authorization_Not_Pending');
    assert.deepEqual(await cardBalances(api, card), { total: '40.00', available: '40.00', pending: '0.00' });
    const rows = await cardTransactions(api, card);
    assert.deepEqual([rows[0]?.status, rows[0]?.bPending], ['Reversed', false]);
  });

  test('expiry after CARD_AUTHORIZATION_TTL_HOURS: the sweep releases the hold and the card hook marks the row Expired', async () => {
    const card = await fundedCard('20.00');
    const auth = await authorized(api, card, '15.00');
    assert.equal(await releaseExpiredHolds(server.runtime.database, server.clock, 100, holdExpiredHandlers()), 0, 'not yet due');
    server.clock.advance(2 * 3_600_000 + 1000);
    await api.relogin();
    await other.relogin();
    await refused(() => capture(api, auth), 400, 'AuthorizationId:Authorization_Not_Pending');
    assert.equal(await releaseExpiredHolds(server.runtime.database, server.clock, 100, holdExpiredHandlers()), 1);
    const rows = await cardTransactions(api, card);
    assert.deepEqual([rows[0]?.status, rows[0]?.bPending, rows[0]?.amount], ['Expired', false, '-15.00']);
    const stored = await server.runtime.database.db.selectFrom('card_authorizations').select('status').where('id', '=', auth).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'Expired');
    assert.deepEqual(await cardBalances(api, card), { total: '20.00', available: '20.00', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test('refunds credit the card; one for a purchase names it (RefundTransactionsID), at most what was captured', async () => {
    const card = await fundedCard('30.00');
    const auth = await authorized(api, card, '12.00');
    await refused(() => api.post(CARD_PATHS.refunds, { CardsId: card, Amount: 1, MerchantName: 'Shop', AuthorizationId: auth }), 400, 'AuthorizationId:Invalid');
    assertOk(await capture(api, auth, '10.00'));
    await refused(() => api.post(CARD_PATHS.refunds, { CardsId: card, Amount: '10.01', MerchantName: 'Shop', AuthorizationId: auth }), 400, 'Amount:Invalid');
    await refused(() => other.post(CARD_PATHS.refunds, { CardsId: card, Amount: 1, MerchantName: 'Shop' }), 404, 'CardsId:Not_Found');
    const refund = assertOk(await api.post(CARD_PATHS.refunds, { CardsId: card, Amount: '4.00', MerchantName: 'Shop', AuthorizationId: auth }));
    const refundId = (refund.details as Details).cardTransactionsId as number;
    assert.equal(refund.id, refundId);
    assertOk(await api.post(CARD_PATHS.refunds, { cardsId: card, Amount: '1.00', MerchantName: 'Other shop' }));
    assert.deepEqual(await cardBalances(api, card), { total: '25.00', available: '25.00', pending: '0.00' });
    const rows = await cardTransactions(api, card);
    const purchase = rows.find((r) => r.transactionType === 'Purchase');
    assert.equal(purchase?.RefundTransactionsID, refundId);
    assert.deepEqual(
      rows.filter((r) => r.transactionType === 'Refund').map((r) => r.amount),
      ['1.00', '4.00'],
    );
    await refused(() => api.post(CARD_PATHS.refunds, { CardsId: card, Amount: '6.01', MerchantName: 'Shop', AuthorizationId: auth }), 400, 'Amount:Invalid');
    await assertLedgerSound(server);
  });

  test('concurrency: of two captures of one authorization one wins; concurrent authorizations never reserve more than the card holds', async () => {
    const card = await fundedCard('10.00');
    const auth = await authorized(api, card, '5.00');
    const both = await Promise.all([capture(api, auth, '5.00'), capture(api, auth, '4.00')]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 400]);
    const loser = both.find((r) => r.statusCode === 400);
    assert.ok(loser !== undefined && loser.body.includes('Authorization_Not_Pending'), loser?.body);
    const many = await Promise.all(Array.from({ length: 6 }, () => authorize(api, card, '2.00')));
    const ok = many.filter((r) => r.statusCode === 200).length;
    const captured = both.find((r) => r.statusCode === 200)?.body.includes('"capturedAmount":5') === true ? 5 : 4;
    assert.equal(ok, Math.floor((10 - captured) / 2));
    assert.ok(many.filter((r) => r.statusCode !== 200).every((r) => r.body.includes('Insufficient_Funds')));
    await assertLedgerSound(server);
  });

  test('TRANSACTION_STATUS_UPDATED when a card transaction settles (and when a reversal ends it); no card data in callbacks', async () => {
    const card = await fundedCard('10.00');
    const auth = await authorized(api, card, '6.00');
    assertOk(await capture(api, auth, '5.00'));
    const reversedAuth = await authorized(api, card, '2.00');
    assertOk(await api.post(CARD_PATHS.reversals, { AuthorizationId: reversedAuth }));
    await server.callbacks.runOnce();
    await server.callbacks.runOnce();
    const sensitive = assertOk(await api.get(`${CARD_PATHS.sensitive}?CardId=${card}`)).details as { cardNumber: string };
    const all = requestsOfType(receiver.requests, 'TRANSACTION_STATUS_UPDATED').map((r) => {
      assertWireFormat(r, secret);
      assert.ok(!r.rawBody.includes(sensitive.cardNumber));
      return (JSON.parse(r.rawBody) as { Data: Details }).Data;
    });
    const mine = all.filter((d) => d.CardsId === card);
    const settled = mine.find((d) => d.bCompleted === true);
    assert.ok(settled !== undefined, JSON.stringify(all));
    assert.deepEqual([settled.Amount, settled.bPending, settled.bRejected], [-5, false, false]);
    assert.ok(mine.some((d) => d.bRejected === true && d.Amount === -2));
  });
});

describe('cards: the network simulations exist only in sandbox', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ MODE: 'production', CARD_DATA_KEY: Buffer.alloc(32, 7).toString('base64') });
  });
  after(async () => {
    await server?.close();
  });

  test('POST simulations/cards/* is 404 in production; the card routes are there', async () => {
    const principal = await server.createPrincipal();
    const call = server.as(principal);
    for (const path of [CARD_PATHS.authorizations, CARD_PATHS.captures, CARD_PATHS.reversals, CARD_PATHS.refunds, CARD_PATHS.approvals]) {
      assert.equal((await call('POST', path, {})).statusCode, 404, path);
    }
    assertOk(await call('GET', CARD_PATHS.complianceFields));
  });
});
