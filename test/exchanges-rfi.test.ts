// Exchanges under compliance review (src/exchanges/exchange-screening.ts, docs/compliance.md): a
// trade a flagging rule matches waits in AwaitingRfi with its funds held and an information request
// opened in the same transaction; accepting it executes the trade at its quote, rejecting it
// releases the hold; compliance can open a request about a sell waiting for confirmation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLedgerSound, assertOk, balancesOf, type Api } from './helpers/accounts-helpers.js';
import { buyOk, EX, sellOk, type Item } from './helpers/exchanges-helpers.js';
import { operator, RFI_PATHS, rfiDetails, rfiList, type RfiDetails } from './helpers/rfis-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

describe('exchanges under compliance review', () => {
  let server: TestServer;
  let alice: Api;
  let usd: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '100000.00' }, btc: { asset: 'BTC', cryptoDeposit: '1' } } });
    ({ server, api: alice } = world);
    ({ usd } = world.accounts);
    await operator(server, 'screening', 'rules', 'add', '--amount-at-least', '1000', '--asset', 'USD', '--direction', 'out');
  });
  after(async () => {
    await server?.close();
  });

  async function rfiAboutExchange(exchangeId: number): Promise<RfiDetails> {
    for (const item of await rfiList(alice, '?PageSize=100')) {
      const details = await rfiDetails(alice, item.id);
      if (details.exchangeId === exchangeId) return details;
    }
    throw new Error(`no information request about exchange ${exchangeId}`);
  }
  const exchange = async (id: number) => assertOk(await alice.get(`${EX.get}?Id=${id}`)).details as Item;

  test('a buy over the threshold waits in AwaitingRfi with its USD held; accept executes it', async () => {
    const before = await balancesOf(alice, usd);
    const buy = await buyOk(alice, 'BTC/USD', 'Price', '2000.00');
    assert.equal(buy.status, 'AwaitingRfi');
    assert.equal(buy.bHasOpenRfi, true);
    // The 2000.00 and its commission are reserved (the exchange's hold) while the request is open.
    const held = await balancesOf(alice, usd);
    assert.notEqual(held.available, before.available);
    const rfi = await rfiAboutExchange(buy.id as number);
    assert.equal(rfi.orderType, 'BUY');
    assert.equal(rfi.status, 'More Information Required');
    assert.match(await operator(server, 'rfis', 'accept', String(rfi.id)), /Accepted/);
    const done = await exchange(buy.id as number);
    assert.equal(done.status, 'Completed');
    assert.equal((await balancesOf(alice, usd)).available, held.available);
    assert.ok(done.toCustomerAssetAccountId !== null);
    await assertLedgerSound(server);
  });

  test('a rejected one is Rejected and its hold released: the balance is as before', async () => {
    const before = await balancesOf(alice, usd);
    const buy = await buyOk(alice, 'BTC/USD', 'Price', '1500.00');
    assert.equal(buy.status, 'AwaitingRfi');
    const rfi = await rfiAboutExchange(buy.id as number);
    assertOk(await alice.post(RFI_PATHS.decide, { Id: rfi.id, Decision: 'Rejected' }));
    assert.equal((await exchange(buy.id as number)).status, 'Rejected');
    assert.deepEqual(await balancesOf(alice, usd), before);
    await assertLedgerSound(server);
  });

  test('a buy under the threshold is not held', async () => {
    assert.equal((await buyOk(alice, 'BTC/USD', 'Price', '100.00')).status, 'Completed');
  });

  test('compliance opens a request about a sell waiting for confirmation: it is held, then accepted', async () => {
    const sell = await sellOk(alice, 'BTC/USD', 'Amount', '0.001');
    assert.equal(sell.status, 'WaitingForConfirmation');
    const opened = assertOk(await alice.post(RFI_PATHS.open, { ExchangeId: sell.id })).details as RfiDetails;
    assert.equal(opened.exchangeId, sell.id);
    assert.equal((await exchange(sell.id as number)).status, 'AwaitingRfi');
    // Held for review: the customer can no longer confirm or cancel it.
    assert.equal((await alice.post(EX.cancel, { ExchangeId: sell.id })).statusCode, 400);
    assertOk(await alice.post(RFI_PATHS.decide, { Id: opened.id, Decision: 'Accepted' }));
    assert.equal((await exchange(sell.id as number)).status, 'Completed');
    await assertLedgerSound(server);
  });
});
