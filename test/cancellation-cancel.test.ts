// Transaction cancellation: the GET check and the POST cancel of a pending outbound bank transfer
// (funds and fee come back through rollbacks); completed, failed, already cancelled, fee, internal
// and inbound transactions are not cancellable; concurrent cancellations: exactly one wins; the
// list's bCancellable agrees with the check; another principal's transaction is 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from './helpers/test-server.js';
import { assertError, assertLedgerSound, assertOk, balancesOf, createAccount, json, PATHS, payIn, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import {
  achOk,
  assertRejectedWithoutWrites,
  cancel,
  cancelCheck,
  externalOk,
  fundedAccount,
  internalOk,
  simulate,
  simulateOk,
  swiftPayee,
  TRANSFER_PATHS,
  transferRowCounts,
} from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const REPLAYED = 'idempotent-replayed';

describe('transaction cancellation', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let bobUsd: number;

  before(async () => {
    const world = await createWorld({ other: { accounts: { usd: { asset: 'USD', payIn: '10' } } } });
    ({ server, api: alice } = world);
    ({
      api: bob,
      accounts: { usd: bobUsd },
    } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  test('a pending ACH transfer: cancellable; cancel returns the request code and the rollback; funds and fee come back', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const t = await achOk(alice, usd, '45.50');
    assert.equal(await cancelCheck(alice, t.transactionsId), true);
    assert.equal(await cancelCheck(alice, t.transactionsId, alice.principal.customersId), true);
    const query = assertOk(await alice.get(`${TRANSFER_PATHS.cancel}?transactionsId=${t.transactionsId}&customersId=${alice.principal.customersId}`));
    assert.deepEqual(query.details, { transactionsId: t.transactionsId, bCancellable: true });

    const rows = await transferRowCounts(server);
    const response = await cancel(alice, t.transactionsId, alice.principal.customersId);
    const body = assertOk(response);
    const d = body.details as { transactionsId: number; cancellationRequestsCode: string; rollbackTransactionId: number };
    assert.deepEqual(Object.keys(d).sort(), ['cancellationRequestsCode', 'rollbackTransactionId', 'transactionsId']);
    assert.equal(body.id, t.transactionsId);
    assert.equal(d.transactionsId, t.transactionsId);
    assert.match(d.cancellationRequestsCode, /^CR\d+$/);
    assert.equal(typeof d.rollbackTransactionId, 'number');
    const after = await transferRowCounts(server);
    assert.equal(after.cancellation_requests, rows.cancellation_requests + 1);
    assert.equal(after.transactions, rows.transactions + 2, 'a rollback for the transfer and one for its fee');
    assert.deepEqual(await balancesOf(alice, usd), { total: '100.00', available: '100.00', pending: '0.00' });

    const detail = await transactionDetail(alice, t.transactionsId);
    assert.equal(detail.transactionStatus, 'Cancelled');
    assert.equal(detail.rollbackTransactionId, d.rollbackTransactionId);
    const rollback = await transactionDetail(alice, d.rollbackTransactionId);
    assert.equal(rollback.transactionType, 'Rollback');
    assert.equal(rollback.originalTransactionId, t.transactionsId);
    const fee = await transactionDetail(alice, t.feeTransactionId as number);
    assert.equal(fee.transactionStatus, 'Cancelled');
    assert.equal(typeof fee.rollbackTransactionId, 'number');
    assert.equal(await cancelCheck(alice, t.transactionsId), false);
    await assertLedgerSound(server);
  });

  test('SWIFT and Wire transfers can be cancelled too (body keys in PascalCase, customersId omitted)', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const eur = await fundedAccount(alice, 'EUR', '100');
    const wire = await externalOk(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: { Name: 'W', AccountNumber: '123456', RoutingNumber: '021000021' } }, '10');
    const swift = await externalOk(alice, { SourceAccountId: eur, TransferType: 'SWIFT', Payee: swiftPayee(), PurposeCode: 'PUC001' }, '10');
    assertOk(await alice.post(TRANSFER_PATHS.cancel, { TransactionsId: wire.transactionsId }));
    assertOk(await alice.postRaw(TRANSFER_PATHS.cancel, `{"TransactionsId":"${swift.transactionsId}","CustomersId":null}`));
    assert.deepEqual(await balancesOf(alice, usd), { total: '100.00', available: '100.00', pending: '0.00' });
    assert.deepEqual(await balancesOf(alice, eur), { total: '100.00', available: '100.00', pending: '0.00' });
  });

  test('not cancellable (check false, cancel Transaction_Not_Cancellable, nothing written): completed, failed, cancelled, fee, internal, deposit', async (t) => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const other = await createAccount(alice, 'USD', 'other');
    const completed = await achOk(alice, usd, '1');
    await simulateOk(alice, 'complete', completed.transactionsId);
    const failed = await achOk(alice, usd, '1');
    await simulateOk(alice, 'fail', failed.transactionsId);
    const cancelled = await achOk(alice, usd, '1');
    assertOk(await cancel(alice, cancelled.transactionsId));
    const pending = await achOk(alice, usd, '1');
    const internal = await internalOk(alice, usd, other, '1');
    const deposit = await payIn(alice, usd, '5');
    const cases: [string, number][] = [
      ['a completed transfer', completed.transactionsId],
      ['a completed fee', completed.feeTransactionId as number],
      ['a failed transfer', failed.transactionsId],
      ['the rollback of a failed transfer', (await transactionDetail(alice, failed.transactionsId)).rollbackTransactionId as number],
      ['an already cancelled transfer', cancelled.transactionsId],
      ['the pending fee of a pending transfer', pending.feeTransactionId as number],
      ['the debit of an internal transfer', internal.transactionsId],
      ['the credit of an internal transfer', internal.complementaryTransactionId],
      ['an inbound deposit', deposit],
    ];
    for (const [name, id] of cases) {
      await t.test(name, async () => {
        assert.equal(await cancelCheck(alice, id), false);
        await assertRejectedWithoutWrites(server, alice, [usd, other], () => cancel(alice, id), 400, 'TransactionsId:Transaction_Not_Cancellable');
      });
    }
    // The pending one is still cancellable after all that.
    assert.equal(await cancelCheck(alice, pending.transactionsId), true);
  });

  test("another principal's or an unknown transaction is 404; a CustomersId that is not the owner's is 404", async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const t = await achOk(alice, usd, '10');
    assertError(await bob.get(`${TRANSFER_PATHS.cancel}?TransactionsId=${t.transactionsId}`), 404, 'TransactionsId:Not_Found');
    assertError(await alice.get(`${TRANSFER_PATHS.cancel}?TransactionsId=999999`), 404, 'TransactionsId:Not_Found');
    assertError(await alice.get(`${TRANSFER_PATHS.cancel}?TransactionsId=${t.transactionsId}&CustomersId=${bob.principal.customersId}`), 404, 'TransactionsId:Not_Found');
    assertError(await alice.get(TRANSFER_PATHS.cancel), 400, 'TransactionsId:Required');
    await assertRejectedWithoutWrites(server, alice, [usd], () => cancel(bob, t.transactionsId), 404, 'TransactionsId:Not_Found');
    await assertRejectedWithoutWrites(server, alice, [usd], () => cancel(alice, t.transactionsId, bob.principal.customersId), 404, 'TransactionsId:Not_Found');
    await assertRejectedWithoutWrites(server, alice, [usd], () => cancel(alice, 999999), 404, 'TransactionsId:Not_Found');
    await assertRejectedWithoutWrites(server, alice, [usd], () => alice.post(TRANSFER_PATHS.cancel, {}), 400, 'TransactionsId:Required');
    assert.equal(await cancelCheck(alice, t.transactionsId), true, 'still pending');
    assert.deepEqual(await balancesOf(bob, bobUsd), { total: '10.00', available: '10.00', pending: '0.00' });
  });

  test('concurrent cancellations (Promise.all): exactly one wins, one rollback each for transfer and fee', async () => {
    for (const n of [2, 5]) {
      const usd = await fundedAccount(alice, 'USD', '100');
      const t = await achOk(alice, usd, '60');
      const rows = await transferRowCounts(server);
      const responses = await Promise.all(Array.from({ length: n }, () => cancel(alice, t.transactionsId)));
      const winners = responses.filter((r) => r.statusCode === 200);
      assert.equal(winners.length, 1, responses.map((r) => r.body).join('\n'));
      for (const r of responses) if (r.statusCode !== 200) assertError(r, 400, 'TransactionsId:Transaction_Not_Cancellable');
      const after = await transferRowCounts(server);
      assert.equal(after.cancellation_requests, rows.cancellation_requests + 1);
      assert.equal(after.transactions, rows.transactions + 2);
      assert.deepEqual(await balancesOf(alice, usd), { total: '100.00', available: '100.00', pending: '0.00' });
    }
    await assertLedgerSound(server);
  });

  test('a cancellation racing the settlement: exactly one of them ends the transfer', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const t = await achOk(alice, usd, '10');
    const [cancelled, completed] = await Promise.all([cancel(alice, t.transactionsId), simulate(alice, 'complete', t.transactionsId)]);
    const statuses = [cancelled.statusCode, completed.statusCode];
    assert.equal(statuses.filter((s) => s === 200).length, 1, `${cancelled.body}\n${completed.body}`);
    const detail = await transactionDetail(alice, t.transactionsId);
    if (cancelled.statusCode === 200) {
      assertError(completed, 400, 'TransactionsId:Transaction_Not_Pending');
      assert.equal(detail.transactionStatus, 'Cancelled');
      assert.deepEqual(await balancesOf(alice, usd), { total: '100.00', available: '100.00', pending: '0.00' });
    } else {
      assertError(cancelled, 400, 'TransactionsId:Transaction_Not_Cancellable');
      assert.equal(detail.transactionStatus, 'Completed');
      assert.deepEqual(await balancesOf(alice, usd), { total: '89.00', available: '89.00', pending: '0.00' });
    }
    await assertLedgerSound(server);
  });

  test('bCancellable in the transactions list agrees with the cancel check for every transaction', async () => {
    const usd = await fundedAccount(alice, 'USD', '200');
    const other = await createAccount(alice, 'USD', 'other');
    await internalOk(alice, usd, other, '3');
    await achOk(alice, usd, '4');
    const done = await achOk(alice, usd, '5');
    await simulateOk(alice, 'complete', done.transactionsId);
    const failed = await achOk(alice, usd, '6');
    await simulateOk(alice, 'fail', failed.transactionsId);
    const gone = await achOk(alice, usd, '7');
    assertOk(await cancel(alice, gone.transactionsId));
    await externalOk(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: { Name: 'W', AccountNumber: '123456', RoutingNumber: '021000021' } }, '8');
    const items = assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${usd}&PageSize=100`)).details as Item[];
    assert.ok(items.length >= 15, `${items.length} transactions`);
    let cancellable = 0;
    for (const item of items) {
      const checked = await cancelCheck(alice, item.id as number);
      assert.equal(item.bCancellable, checked, `transaction ${item.id as number}`);
      if (checked) cancellable += 1;
    }
    assert.equal(cancellable, 2, 'the pending ACH and the pending Wire');
  });

  test('Idempotency-Key on cancel: a replay answers the same; without the key the second call is refused', async () => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const t = await achOk(alice, usd, '10');
    const key = { 'idempotency-key': 'cancel-1' };
    const first = await cancel(alice, t.transactionsId, null, key);
    assertOk(first);
    const rows = await transferRowCounts(server);
    const again = await cancel(alice, t.transactionsId, null, key);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, first.body);
    assert.deepEqual(await transferRowCounts(server), rows);
    assertError(await cancel(alice, t.transactionsId), 400, 'TransactionsId:Transaction_Not_Cancellable');
    assert.equal((json(first).details as Item).transactionsId, t.transactionsId);
  });
});
