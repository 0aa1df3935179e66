// The portal's card pages over HTTP, through the cards module's services: the cards with their
// balances (the number only as its last four digits), a card's transactions, deactivate and
// activate, and a top-up from an account with the fee shown at review (the card transfer
// service's own fee) and a fresh code to confirm (a second submission moves nothing more). Each
// checked through the API; CSRF refusal; another principal's card is the 404 page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { balancesOf, type Api } from './helpers/accounts-helpers.js';
import { activeCard, CARD_PATHS, cardBalances, cardTransactions } from './helpers/cards-helpers.js';
import { hiddenValue, portalClient, type PortalClient } from './helpers/portal-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

describe('portal cards', () => {
  let server: TestServer;
  let alice: Api;
  let client: PortalClient;
  let bobClient: PortalClient;
  let usd: number;
  let card: number;

  before(async () => {
    const world = await createWorld({ env: { CARD_TRANSFER_FEE_CENTS: '150' }, accounts: { usd: { asset: 'USD', payIn: '50.00' } }, other: {} });
    ({ server, api: alice } = world);
    usd = world.accounts.usd;
    card = await activeCard(alice);
    client = await portalClient(server, world.principal);
    bobClient = await portalClient(server, world.other.principal);
  });
  after(async () => {
    await server?.close();
  });

  const cardStatus = async () => {
    const response = await alice.get(`${CARD_PATHS.details}?CardId=${card}`);
    return (JSON.parse(response.body) as { details: { status: string } }).details.status;
  };

  test('the cards page lists the card with its balances and only its last four digits', async () => {
    const page = await client.get('/portal/cards');
    assert.equal(page.statusCode, 200, page.body);
    const details = JSON.parse((await alice.get(`${CARD_PATHS.details}?CardId=${card}`)).body) as { details: { cardLast4: string } };
    assert.ok(page.body.includes(`•••• ${details.details.cardLast4}`));
    assert.match(page.body, /data-field="available">0\.00</);
    // No 13-19 digit run (a card number) anywhere on the page or the card's page.
    assert.doesNotMatch(page.body, /\d{13,19}/);
    assert.doesNotMatch((await client.get(`/portal/cards/${card}`)).body, /\d{13,19}/);
  });

  test('a top-up shows the fee at review, then moves once with a fresh code', async () => {
    const fields = { CustomerAssetAccountId: String(usd), amount: '10.00', reference: 'portal top up' };
    const review = await client.post(`/portal/cards/${card}/topup/review`, fields);
    assert.equal(review.statusCode, 200, review.body);
    assert.match(review.body, /data-field="fee">1\.50 USD/);
    assert.match(review.body, /data-field="net">8\.50 USD/);
    const nonce = hiddenValue(review.body, '_nonce');
    const noCsrf = await client.post(`/portal/cards/${card}/topup/confirm`, { ...fields, _nonce: nonce, otp: '000000' }, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    server.clock.advance(30_000);
    const confirmed = await client.post(`/portal/cards/${card}/topup/confirm`, { ...fields, _nonce: nonce, otp: server.otp(alice.principal) });
    assert.equal(confirmed.statusCode, 303, confirmed.body);
    assert.equal(confirmed.headers.location, `/portal/cards/${card}?topUp=1`);
    server.clock.advance(30_000);
    const again = await client.post(`/portal/cards/${card}/topup/confirm`, { ...fields, _nonce: nonce, otp: server.otp(alice.principal) });
    assert.equal(again.statusCode, 303);
    assert.deepEqual(await cardBalances(alice, card), { total: '8.50', available: '8.50', pending: '0.00' });
    assert.deepEqual(await balancesOf(alice, usd), { total: '40.00', available: '40.00', pending: '0.00' });
    const page = await client.get(`/portal/cards/${card}?topUp=1`);
    assert.match(page.body, /Top-up done/);
    assert.match(page.body, /data-field="available">8\.50 USD/);
    const txs = await cardTransactions(alice, card);
    assert.deepEqual(
      txs.map((t) => t.amount),
      ['8.50'],
    );
    assert.match(page.body, /data-field="tx-amount">8\.50</);
  });

  test('a wrong code refuses the top-up and moves nothing', async () => {
    const fields = { CustomerAssetAccountId: String(usd), amount: '5.00' };
    const review = await client.post(`/portal/cards/${card}/topup/review`, fields);
    const refused = await client.post(`/portal/cards/${card}/topup/confirm`, { ...fields, _nonce: hiddenValue(review.body, '_nonce'), otp: '000000' });
    assert.equal(refused.statusCode, 401, refused.body);
    assert.match(refused.body, /Nothing was done/);
    assert.deepEqual(await cardBalances(alice, card), { total: '8.50', available: '8.50', pending: '0.00' });
  });

  test('deactivate and activate from the page; without the CSRF token nothing changes', async () => {
    const noCsrf = await client.post(`/portal/cards/${card}/deactivate`, {}, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(await cardStatus(), 'Active');
    const off = await client.post(`/portal/cards/${card}/deactivate`, {});
    assert.equal(off.statusCode, 200, off.body);
    assert.match(off.body, /Card deactivated/);
    assert.notEqual(await cardStatus(), 'Active');
    const on = await client.post(`/portal/cards/${card}/activate`, {});
    assert.equal(on.statusCode, 200, on.body);
    assert.equal(await cardStatus(), 'Active');
  });

  test("another principal's card is the 404 page, and its actions do nothing", async () => {
    const page = await bobClient.get(`/portal/cards/${card}`);
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /There is nothing here, or nothing you may see/);
    const off = await bobClient.post(`/portal/cards/${card}/deactivate`, {});
    assert.equal(off.statusCode, 404);
    assert.equal(await cardStatus(), 'Active');
    assert.doesNotMatch((await bobClient.get('/portal/cards')).body, new RegExp(`/portal/cards/${card}"`));
  });
});
