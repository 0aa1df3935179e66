// The portal's crypto exchange and FX pages over HTTP, through the exchanges and FX services the
// API calls: a buy priced first (the quote shown), placed with a fresh code and the form's one-time
// id (a second submission moves nothing more); a sell held, reviewed and confirmed; a sell
// cancelled; an FX quote executed. Each checked through the API. CSRF refusal, another principal's
// exchange is the 404 page, a spent code is refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { balancesOf, numText, type Api } from './helpers/accounts-helpers.js';
import { EX, FX, type Item } from './helpers/exchanges-helpers.js';
import { hiddenValue, portalClient, type PortalClient } from './helpers/portal-helpers.js';
import { exactBody, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

describe('portal exchanges and FX', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let client: PortalClient;
  let bobClient: PortalClient;
  let usd: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '10000.00' }, gbp: { asset: 'GBP' } }, other: {} });
    ({ server, api: alice } = world);
    bob = world.other.api;
    usd = world.accounts.usd;
    client = await portalClient(server, world.principal);
    bobClient = await portalClient(server, bob.principal);
  });
  after(async () => {
    await server?.close();
  });

  const exchange = async (api: Api, id: number) => exactBody(await api.get(`${EX.get}?Id=${id}`)).details as Item;
  const exchangeCount = async (api: Api) => ((JSON.parse((await api.get(`${EX.list}?PageSize=100`)).body) as { details: unknown[] }).details ?? []).length;
  const otp = () => {
    server.clock.advance(30_000);
    return server.otp(alice.principal);
  };

  /** Quote, then place with a fresh code; returns the exchange id and the quote page. */
  async function place(fields: Record<string, string>): Promise<{ id: number; quote: string; nonce: string }> {
    const quote = await client.post('/portal/exchanges/quote', fields);
    assert.equal(quote.statusCode, 200, quote.body);
    const nonce = hiddenValue(quote.body, '_nonce');
    const placed = await client.post('/portal/exchanges/place', { ...fields, _nonce: nonce, otp: otp() });
    assert.equal(placed.statusCode, 303, placed.body);
    const id = Number(/^\/portal\/exchanges\/(\d+)\?created=1$/.exec(String(placed.headers.location))?.[1]);
    assert.ok(id > 0);
    return { id, quote: quote.body, nonce };
  }

  test('the exchanges page lists the pairs in the buy or sell form', async () => {
    const page = await client.get('/portal/exchanges');
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /<option value="BTC\/USD"/);
    assert.match(page.body, /No exchanges yet/);
  });

  test('buy BTC: the quote is shown first (exact literals), the buy executes once even if submitted twice', async () => {
    const fields = { ExchangeType: 'Buy', AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.01' };
    const { id, quote, nonce } = await place(fields);
    // 0.01 × 64000 = 640.00, commission 0.5 % = 3.20 (the API's exact literals).
    assert.match(quote, /data-field="total">640\.00</);
    assert.match(quote, /data-field="fee">3\.20</);
    const d = await exchange(alice, id);
    assert.equal(d.status, 'Completed');
    assert.equal(numText(d.executedPrice), '640.00');
    assert.deepEqual(await balancesOf(alice, usd), { total: '9356.80', available: '9356.80', pending: '0.00' });
    // The same form again (a double click, a reload): the first answer, no second buy.
    const again = await client.post('/portal/exchanges/place', { ...fields, _nonce: nonce, otp: otp() });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/portal/exchanges/${id}?created=1`);
    assert.equal(await exchangeCount(alice), 1);
    const page = await client.get(`/portal/exchanges/${id}?created=1`);
    assert.match(page.body, /Exchange placed/);
    assert.match(page.body, /data-field="executedPrice">640\.00</);
    assert.match(page.body, /data-field="status">Completed</);
  });

  test('a place with a spent code or without the CSRF token does nothing', async () => {
    const fields = { ExchangeType: 'Buy', AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.01' };
    const quote = await client.post('/portal/exchanges/quote', fields);
    const nonce = hiddenValue(quote.body, '_nonce');
    const code = otp();
    const first = await client.post('/portal/exchanges/place', { ...fields, _nonce: nonce, otp: code, _csrf: 'forged' }, { csrf: null });
    assert.equal(first.statusCode, 403);
    const noToken = await client.post('/portal/exchanges/place', { ...fields, _nonce: nonce, otp: code }, { csrf: null });
    assert.equal(noToken.statusCode, 403);
    assert.equal(await exchangeCount(alice), 1);
    // The code used at the previous test's second submission is not reused here: a code spent in this session is refused.
    const used = await client.post('/portal/exchanges/place', { ...fields, _nonce: nonce, otp: code });
    assert.equal(used.statusCode, 303);
    const reused = await client.post('/portal/exchanges/place', {
      ...fields,
      _nonce: hiddenValue((await client.post('/portal/exchanges/quote', fields)).body, '_nonce'),
      otp: code,
    });
    assert.equal(reused.statusCode, 401, reused.body);
    assert.match(reused.body, /already used/);
    assert.equal(await exchangeCount(alice), 2);
  });

  test('sell: held and waiting; the page shows a fresh quote; confirmed with a fresh code', async () => {
    const { id } = await place({ ExchangeType: 'Sell', AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.005' });
    assert.equal((await exchange(alice, id)).status, 'WaitingForConfirmation');
    const page = await client.get(`/portal/exchanges/${id}`);
    assert.match(page.body, /Confirm the sell/);
    assert.match(page.body, /data-field="total">320\.00</);
    const confirmed = await client.post(`/portal/exchanges/${id}/confirm`, { _nonce: hiddenValue(page.body, '_nonce'), otp: otp() });
    assert.equal(confirmed.statusCode, 303, confirmed.body);
    assert.equal(confirmed.headers.location, `/portal/exchanges/${id}?confirmed=1`);
    const d = await exchange(alice, id);
    assert.equal(d.status, 'Completed');
    assert.equal(numText(d.executedPrice), '320.00');
  });

  test('sell cancelled from the page: the hold is released; another principal gets the 404 page and cannot cancel', async () => {
    const { id } = await place({ ExchangeType: 'Sell', AssetPair: 'BTC/USD', QuantityType: 'Amount', Amount: '0.001' });
    const foreign = await bobClient.get(`/portal/exchanges/${id}`);
    assert.equal(foreign.statusCode, 404);
    assert.match(foreign.body, /There is nothing here, or nothing you may see/);
    const foreignCancel = await bobClient.post(`/portal/exchanges/${id}/cancel`, {});
    assert.equal(foreignCancel.statusCode, 404);
    const noCsrf = await client.post(`/portal/exchanges/${id}/cancel`, {}, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await exchange(alice, id)).status, 'WaitingForConfirmation');
    const cancelled = await client.post(`/portal/exchanges/${id}/cancel`, {});
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.match(cancelled.body, /cancelled: the held amount is available again/);
    assert.equal((await exchange(alice, id)).status, 'Cancelled');
  });

  test('FX: a quote shown with its fee, executed with a fresh code; the API lists it', async () => {
    const quote = await client.post('/portal/fx/quote', { SourceCurrency: 'USD', DestinationCurrency: 'GBP', SourceAmount: '100.00' });
    assert.equal(quote.statusCode, 200, quote.body);
    const apiQuote = exactBody(await alice.get(`${FX.list}`));
    assert.deepEqual(apiQuote.details, []);
    const fee = /data-field="fee">([^<]*)</.exec(quote.body)?.[1];
    assert.ok(fee !== undefined && / GBP$/.test(fee));
    const noCsrf = await client.post(
      '/portal/fx/execute',
      { QuoteId: hiddenValue(quote.body, 'QuoteId'), _nonce: hiddenValue(quote.body, '_nonce'), otp: '000000' },
      { csrf: null },
    );
    assert.equal(noCsrf.statusCode, 403);
    const executed = await client.post('/portal/fx/execute', { QuoteId: hiddenValue(quote.body, 'QuoteId'), _nonce: hiddenValue(quote.body, '_nonce'), otp: otp() });
    assert.equal(executed.statusCode, 200, executed.body);
    assert.match(executed.body, /FX exchange #\d+ done/);
    const listed = exactBody(await alice.get(FX.list)).details as Item[];
    assert.equal(listed.length, 1);
    assert.equal(numText(listed[0]?.sourceAmount), '100.00');
    assert.equal(`${numText(listed[0]?.fee)} GBP`, fee);
    assert.ok(executed.body.includes(`data-field="destinationAmount">${numText(listed[0]?.destinationAmount)}<`));
    const foreign = await bobClient.post('/portal/fx/execute', { QuoteId: hiddenValue(quote.body, 'QuoteId'), otp: server.otp(bob.principal) });
    assert.equal(foreign.statusCode, 404);
  });
});
