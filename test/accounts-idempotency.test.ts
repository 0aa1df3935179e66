// The optional Idempotency-Key header on POSTs: replays, reuse with another body, per-principal
// keys, concurrent requests with one key, and what is (not) stored for refused requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from './helpers/test-server.js';
import { ADDRESSES, assertError, assertLedgerSound, assertOk, balancesOf, createAccount, cryptoDeposit, PATHS, rowCounts, withdraw, type Api } from './helpers/accounts-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const REPLAYED = 'idempotent-replayed';

describe('Idempotency-Key on POST', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let bobUsd: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD' } }, other: { accounts: { usd: { asset: 'USD' } } } });
    ({
      server,
      api: alice,
      accounts: { usd },
    } = world);
    ({
      api: bob,
      accounts: { usd: bobUsd },
    } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  const payInBody = (account: number, amount: string) => `{"DestinationAccountId":${account},"TransferType":"ACH","Amount":${amount}}`;

  test('same key and same body: the same answer again, marked replayed, nothing new written', async () => {
    const key = { 'idempotency-key': 'pay-in-1' };
    const first = await alice.postRaw(PATHS.payIns, payInBody(usd, '10.00'), key);
    assertOk(first);
    assert.equal(first.headers[REPLAYED], undefined);
    const rows = await rowCounts(server);
    const second = await alice.postRaw(PATHS.payIns, payInBody(usd, '10.00'), key);
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers[REPLAYED], 'true');
    assert.equal(second.body, first.body);
    // The same request spelled differently (key case, a string amount) is the same request.
    const third = await alice.postRaw(PATHS.payIns, `{"destinationAccountId":"${usd}","transferType":"ach","amount":"10"}`, key);
    assert.equal(third.statusCode, 200, third.body);
    assert.equal(third.body, first.body);
    assert.deepEqual(await rowCounts(server), rows);
    assert.deepEqual(await balancesOf(alice, usd), { total: '10.00', available: '10.00', pending: '0.00' });
  });

  test('same key with a different body or on another route: 409 Idempotency_Key_Reused, nothing written', async () => {
    const key = { 'idempotency-key': 'pay-in-2' };
    assertOk(await alice.postRaw(PATHS.payIns, payInBody(usd, '1'), key));
    const rows = await rowCounts(server);
    assertError(await alice.postRaw(PATHS.payIns, payInBody(usd, '2'), key), 409, 'Idempotency-Key:Idempotency_Key_Reused');
    assertError(await alice.post(PATHS.create, { CustomersId: alice.principal.customersId, Name: 'x', Asset: 'USD' }, key), 409, 'Idempotency-Key:Idempotency_Key_Reused');
    assert.deepEqual(await rowCounts(server), rows);
  });

  test('keys are per principal: another principal may use the same key', async () => {
    const key = { 'idempotency-key': 'shared-key' };
    const a = await alice.postRaw(PATHS.payIns, payInBody(usd, '3'), key);
    assertOk(a);
    const b = await bob.postRaw(PATHS.payIns, payInBody(bobUsd, '3'), key);
    assertOk(b);
    assert.equal(b.headers[REPLAYED], undefined);
    assert.notEqual(b.body, a.body);
    assert.deepEqual(await balancesOf(bob, bobUsd), { total: '3.00', available: '3.00', pending: '0.00' });
  });

  test('concurrent requests with one key write one transaction and all get its answer', async () => {
    const key = { 'idempotency-key': 'concurrent-pay-in' };
    const rows = await rowCounts(server);
    const responses = await Promise.all(Array.from({ length: 5 }, () => alice.postRaw(PATHS.payIns, payInBody(usd, '0.07'), key)));
    for (const r of responses) assertOk(r);
    assert.equal(new Set(responses.map((r) => r.body)).size, 1, 'one answer');
    const after = await rowCounts(server);
    assert.equal(after.transactions, rows.transactions + 1);
    assert.equal(after.idempotency_keys, rows.idempotency_keys + 1);
    await assertLedgerSound(server);
  });

  test('account creation is idempotent too', async () => {
    const key = { 'idempotency-key': 'create-eur' };
    const body = { CustomersId: alice.principal.customersId, Name: 'EUR once', Asset: 'EUR' };
    const first = await alice.post(PATHS.create, body, key);
    assertOk(first);
    const rows = await rowCounts(server);
    const again = await alice.post(PATHS.create, body, key);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, first.body);
    assert.deepEqual(await rowCounts(server), rows);
  });

  test('a replayed withdrawal answers 200 again even though the balance is now spent', async () => {
    const btc = await createAccount(alice, 'BTC');
    await cryptoDeposit(alice, btc, '0.4');
    const key = { 'idempotency-key': 'withdraw-all' };
    const first = await withdraw(alice, btc, '0.4', ADDRESSES.btcTestnet, key);
    assertOk(first);
    const again = await withdraw(alice, btc, '0.4', ADDRESSES.btcTestnet, key);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, first.body);
    assert.deepEqual(await balancesOf(alice, btc), { total: '0.00000000', available: '0.00000000', pending: '-0.40000000' });
  });

  test('a refused request is not stored: the same key works once the cause is gone', async () => {
    const btc = await createAccount(alice, 'BTC', 'refused then fine');
    const key = { 'idempotency-key': 'retry-after-funding' };
    assertError(await withdraw(alice, btc, '0.3', ADDRESSES.btcTestnet, key), 400, 'amount:Insufficient_Funds');
    await cryptoDeposit(alice, btc, '0.3');
    const retried = await withdraw(alice, btc, '0.3', ADDRESSES.btcTestnet, key);
    assertOk(retried);
    assert.equal(retried.headers[REPLAYED], undefined);
  });

  test('concurrent withdrawals of the whole balance with one key: one transaction, the same 200 answer twice', async () => {
    const btc = await createAccount(alice, 'BTC', 'same key race');
    await cryptoDeposit(alice, btc, '0.5');
    const key = { 'idempotency-key': 'withdraw-race' };
    const rows = await rowCounts(server);
    const responses = await Promise.all([withdraw(alice, btc, '0.5', ADDRESSES.btcTestnet, key), withdraw(alice, btc, '0.5', ADDRESSES.btcTestnet, key)]);
    const after = await rowCounts(server);
    assert.equal(after.transactions, rows.transactions + 1, 'one transaction written');
    const ids = responses.map((r) => (r.statusCode === 200 ? ((JSON.parse(r.body) as { details: Item }).details.id as number) : r.body));
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      [200, 200],
      `the loser should replay the winner's answer, got: ${responses.map((r) => r.body).join(' | ')}`,
    );
    assert.equal(ids[0], ids[1]);
    await assertLedgerSound(server);
  });

  test('a key longer than 255 characters is 400 Invalid_Length', async () => {
    const rows = await rowCounts(server);
    assertError(await alice.postRaw(PATHS.payIns, payInBody(usd, '1'), { 'idempotency-key': 'k'.repeat(256) }), 400, 'Idempotency-Key:Invalid_Length');
    assert.deepEqual(await rowCounts(server), rows);
    assertOk(await alice.postRaw(PATHS.payIns, payInBody(usd, '1'), { 'idempotency-key': 'k'.repeat(255) }));
  });
});
