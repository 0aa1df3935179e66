// Compliance review end to end over HTTP, with the operator's CLI and a real local callback
// receiver: flagging rules (threshold, watch list, daily count) hold external transfers, crypto
// withdrawals and fiat deposits; each held item gets an information request (listed, detailed,
// announced); accept releases it, reject refunds it through a rollback, expiry rejects it; the
// block list still refuses at once; another principal sees none of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonNumber } from '../src/shared/exact-json.js';
import { expireDueRfis } from '../src/rfis/index.js';
import {
  ADDRESSES,
  PATHS,
  assertError,
  assertLedgerSound,
  assertOk,
  balancesOf,
  createAccount,
  cryptoDeposit,
  payIn,
  transactionDetail,
  withdraw,
  type Api,
} from './helpers/accounts-helpers.js';
import { assertWireFormat, driveUntil, type ParsedCallback } from './helpers/callbacks-helpers.js';
import type { CallbackReceiver } from './helpers/callbacks-receiver.js';
import { createManagee, manageeBody } from './helpers/managees-helpers.js';
import { operator, RFI_PATHS, rfiDetails, rfiFor, rfiList } from './helpers/rfis-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { achOk, assertRejectedWithoutWrites, cancel, cancelCheck, simulate } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

const DAY_MS = 86_400_000;

function num(value: unknown): string {
  assert.ok(value instanceof JsonNumber, `expected a JSON number, got ${JSON.stringify(value)}`);
  return value.text;
}

describe('compliance review: flagging, information requests, decisions', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;
  let secret: string;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let btc: number;

  /** Drives the worker until every callback due has arrived; returns the new ones, checked and parsed. */
  async function newCallbacks(action: () => Promise<void>): Promise<ParsedCallback[]> {
    const from = receiver.requests.length;
    await action();
    await driveUntil(server.callbacks, async () => (await server.callbacks.runOnce()) === 0);
    return receiver.requests.slice(from).map((r) => assertWireFormat(r, secret));
  }

  const ofType = (callbacks: readonly ParsedCallback[], type: string) => callbacks.filter((c) => c.Type === type);

  before(async () => {
    const world = await createWorld({
      env: { CALLBACK_RETRY_INITIAL_MS: '20' },
      callbackPath: '/compliance/hook',
      accounts: { usd: { asset: 'USD', payIn: '100000.00' }, btc: { asset: 'BTC', cryptoDeposit: '5' } },
      other: { accounts: {} },
    });
    ({ server, api: alice, callbackSecret: secret } = world);
    receiver = world.receiver;
    bob = world.other.api;
    ({ usd, btc } = world.accounts);
    await driveUntil(server.callbacks, async () => (await server.callbacks.runOnce()) === 0);
  });

  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('screening rules: add, list and remove by CLI; bad input is a usage error that adds nothing', async () => {
    const added = await operator(server, 'screening', 'rules', 'add', '--amount-at-least', '5000', '--asset', 'USD');
    const id = /added rule (\d+)/.exec(added)?.[1];
    assert.ok(id !== undefined, added);
    const listed = JSON.parse(await operator(server, 'screening', 'rules', 'list', '--json')) as { id: number; kind: string; asset: string; threshold: string }[];
    assert.deepEqual(
      listed.map((r) => [r.id, r.kind, r.asset, r.threshold]),
      [[Number(id), 'amount', 'USD', '5000']],
    );
    for (const bad of [
      ['--amount-at-least', '5000'],
      ['--amount-at-least', '5000.001', '--asset', 'USD'],
      ['--amount-at-least', '-1', '--asset', 'USD'],
      ['--amount-at-least', '1', '--asset', 'XXX'],
      ['--daily-count-max', 'many'],
      ['--watch-name', ''],
      ['--watch-name', 'A', '--watch-address', 'B'],
      ['--watch-name', 'A', '--direction', 'sideways'],
      [],
    ]) {
      const result = await server.cli(['screening', 'rules', 'add', ...bad]);
      assert.equal(result.exitCode, 2, `${bad.join(' ')}: ${result.stdout}`);
    }
    assert.equal(JSON.parse(await operator(server, 'screening', 'rules', 'list', '--json')).length, 1);
    assert.match(await operator(server, 'screening', 'rules', 'remove', '--id', id), /removed/);
    assert.equal((await server.cli(['screening', 'rules', 'remove', '--id', id])).exitCode, 1);
  });

  test('threshold: a transfer below it goes on as usual; one at or above it is held with an RFI listed and announced; accept sends it', async () => {
    const ruleId = /added rule (\d+)/.exec(await operator(server, 'screening', 'rules', 'add', '--amount-at-least', '1000', '--asset', 'USD', '--direction', 'out'))?.[1] ?? '';
    // An outbound-only rule: a deposit above the threshold is not held.
    await payIn(alice, usd, '2000.00');
    assert.deepEqual(await rfiList(alice), []);
    const below = await achOk(alice, usd, '999.99');
    assert.equal(below.transactionStatus, 'Pending');
    assert.deepEqual(await rfiList(alice), []);

    const before = await balancesOf(alice, usd);
    let held!: Awaited<ReturnType<typeof achOk>>;
    const opened = await newCallbacks(async () => {
      held = await achOk(alice, usd, '1000.00');
    });
    assert.equal(held.transactionStatus, 'PendingReview');
    const after1 = await balancesOf(alice, usd);
    assert.equal(Number(after1.available), Number(before.available) - 1001, 'amount and fee reserved');

    const [item, ...rest] = await rfiList(alice);
    assert.deepEqual(rest, []);
    assert.ok(item !== undefined);
    assert.equal(item.status, 'More Information Required');
    assert.equal(item.orderType, 'OUT');
    assert.equal(item.customersId, alice.principal.customersId);
    assert.equal(Date.parse(item.expiryDate) - Date.parse(item.addDate), 7 * DAY_MS, 'expiryDate = addDate + RFI_EXPIRY_DAYS');
    assert.deepEqual(Object.keys(item).sort(), ['addDate', 'customersId', 'expiryDate', 'id', 'name', 'orderType', 'status']);
    const listEnvelope = assertOk(await alice.get(RFI_PATHS.list));
    assert.equal(listEnvelope.id, alice.principal.customersId, 'the list envelope names the customer (the docs show a non-zero id)');
    assert.equal(listEnvelope.numberOfPages, 1);

    const [requested] = ofType(opened, 'INFORMATION_REQUESTED');
    assert.ok(requested !== undefined, JSON.stringify(opened));
    assert.deepEqual(requested.Data, { CustomersId: new JsonNumber(String(alice.principal.customersId)), UpdatedInformationRequestIds: String(item.id) });

    const details = await rfiDetails(alice, item.id);
    assert.equal(details.transactionsId, held.transactionsId);
    assert.deepEqual(
      details.questions.map((q) => [q.answerType, q.bRequired]),
      [
        ['Text', true],
        ['Document', true],
      ],
    );
    assert.equal((await rfiDetails(alice, item.id)).id, assertOk(await alice.get(`${RFI_PATHS.details}?InformationRequestsId=${item.id}`)).id);

    // Held: only the review ends it, not the rail, nor a cancellation.
    assert.equal((await transactionDetail(alice, held.transactionsId)).transactionStatus, 'PendingReview');
    assert.equal(await cancelCheck(alice, held.transactionsId), false);
    await assertRejectedWithoutWrites(server, alice, [usd], () => simulate(alice, 'complete', held.transactionsId), 400, 'TransactionsId:Transaction_Under_Review');
    await assertRejectedWithoutWrites(server, alice, [usd], () => simulate(alice, 'fail', held.transactionsId), 400, 'TransactionsId:Transaction_Under_Review');
    await assertRejectedWithoutWrites(server, alice, [usd], () => cancel(alice, held.transactionsId), 400, 'TransactionsId:Transaction_Under_Review');

    const decided = await newCallbacks(async () => {
      assert.match(await operator(server, 'rfis', 'accept', String(item.id)), /Accepted/);
    });
    const [status] = ofType(decided, 'TRANSACTION_STATUS_UPDATED');
    assert.ok(status !== undefined, JSON.stringify(decided));
    assert.equal(num(status.Data.Id), String(held.transactionsId));
    assert.equal(num(status.Data.Amount), '-1000.00');
    assert.equal(status.Data.bCompleted, true);
    assert.equal(status.Data.bRejected, false);
    assert.equal(status.Data.RollbackTransactionsId, null);
    const [updated] = ofType(decided, 'INFORMATION_REQUEST_UPDATED');
    assert.equal(updated?.Data.UpdatedInformationRequestIds, String(item.id));
    assert.equal((await transactionDetail(alice, held.transactionsId)).transactionStatus, 'Completed');
    assert.equal(Number((await balancesOf(alice, usd)).total), Number(before.total) - 1001);
    assert.equal((await rfiDetails(alice, item.id)).status, 'Accepted');
    // Decided once: a second decision is refused, by the operator and the sandbox alike.
    assert.equal((await server.cli(['rfis', 'reject', String(item.id)])).exitCode, 1);
    assertError(await alice.post(RFI_PATHS.decide, { Id: item.id, Decision: 'Rejected' }), 400, 'Id:Review_Not_Pending');
    await operator(server, 'screening', 'rules', 'remove', '--id', ruleId);
    await assertLedgerSound(server);
  });

  test('reject: the held transfer fails and its amount and fee come back through rollbacks (sandbox decide)', async () => {
    await operator(server, 'screening', 'rules', 'add', '--watch-account', '1234-56789', '--asset', 'USD');
    const before = await balancesOf(alice, usd);
    const held = await achOk(alice, usd, '10.00');
    assert.equal(held.transactionStatus, 'PendingReview');
    const rfi = await rfiFor(alice, held.transactionsId);
    let rollback: number | null = null;
    const decided = await newCallbacks(async () => {
      const body = assertOk(await alice.post(RFI_PATHS.decide, { Id: rfi.id, Decision: 'Rejected', Note: 'counterparty on a watch list' }));
      assert.equal(body.id, rfi.id);
      rollback = (body.details as { rollbackTransactionId: number }).rollbackTransactionId;
    });
    assert.ok(rollback !== null);
    const [status] = ofType(decided, 'TRANSACTION_STATUS_UPDATED');
    assert.equal(status?.Data.bRejected, true);
    assert.equal(num(status?.Data.RollbackTransactionsId), String(rollback));
    assert.deepEqual(await balancesOf(alice, usd), before, 'the money came back');
    const detail = await transactionDetail(alice, held.transactionsId);
    assert.equal(detail.transactionStatus, 'Failed');
    assert.equal(detail.rollbackTransactionId, rollback);
    assert.equal((await rfiDetails(alice, rfi.id)).status, 'Rejected');
    await assertLedgerSound(server);
  });

  test('watch list on a crypto withdrawal holds it; the block list still refuses at once', async () => {
    await operator(server, 'screening', 'rules', 'add', '--watch-address', ADDRESSES.btcTestnet.toUpperCase());
    const before = await balancesOf(alice, btc);
    const held = assertOk(await withdraw(alice, btc, '0.5', ADDRESSES.btcTestnet)).details as { id: number; bPending: boolean };
    assert.equal(held.bPending, true);
    assert.equal(Number((await balancesOf(alice, btc)).available), Number(before.available) - 0.5);
    const rfi = await rfiFor(alice, held.id);
    assert.match(await operator(server, 'rfis', 'reject', String(rfi.id)), /Rejected \(refund transaction \d+\)/);
    assert.deepEqual(await balancesOf(alice, btc), before);

    await operator(server, 'screening', 'add', '--address', ADDRESSES.btcTestnet);
    await assertRejectedWithoutWrites(server, alice, [btc], () => withdraw(alice, btc, '0.5', ADDRESSES.btcTestnet), 400, 'Screening:Transaction_Blocked');
    await operator(server, 'screening', 'remove', '--address', ADDRESSES.btcTestnet);
  });

  test('a flagged fiat deposit is credited but not available (bFlagged), until the review releases it', async () => {
    await operator(server, 'screening', 'rules', 'add', '--watch-name', '  Suspicious   SENDER ');
    const before = await balancesOf(alice, usd);
    let depositId = 0;
    const arrived = await newCallbacks(async () => {
      const response = await alice.postRaw(PATHS.payIns, `{"DestinationAccountId":${usd},"TransferType":"ACH","Amount":250.00,"Name":"suspicious sender"}`);
      depositId = assertOk(response).id as number;
    });
    const [deposit] = ofType(arrived, 'FIAT_DEPOSIT_RECEIVED');
    assert.equal(deposit?.Data.bFlagged, true);
    const held = await balancesOf(alice, usd);
    assert.equal(Number(held.total), Number(before.total) + 250);
    assert.equal(held.available, before.available, 'not available while held');
    const rfi = await rfiFor(alice, depositId);
    assert.equal(rfi.orderType, 'IN');
    assert.ok(ofType(arrived, 'INFORMATION_REQUESTED').some((c) => c.Data.UpdatedInformationRequestIds === String(rfi.id)));
    const released = await newCallbacks(async () => {
      await operator(server, 'rfis', 'accept', String(rfi.id));
    });
    const [status] = ofType(released, 'TRANSACTION_STATUS_UPDATED');
    assert.equal(status?.Data.bCompleted, true);
    assert.equal(num(status?.Data.Amount), '250.00');
    assert.equal(Number((await balancesOf(alice, usd)).available), Number(before.available) + 250);
    // An unflagged deposit is not flagged.
    const plain = await newCallbacks(async () => {
      await payIn(alice, usd, '1.00');
    });
    assert.equal(ofType(plain, 'FIAT_DEPOSIT_RECEIVED')[0]?.Data.bFlagged, false);
    await assertLedgerSound(server);
  });

  test('daily count: past N screened transactions of a customer in a day, the next is held', async () => {
    const rules = JSON.parse(await operator(server, 'screening', 'rules', 'list', '--json')) as { id: number }[];
    for (const r of rules) await operator(server, 'screening', 'rules', 'remove', '--id', String(r.id));
    const fresh = await createAccount(bob, 'USD');
    await payIn(bob, fresh, '100.00');
    await operator(server, 'screening', 'rules', 'add', '--daily-count-max', '2');
    assert.equal((await achOk(bob, fresh, '1.00')).transactionStatus, 'Pending', 'the pay-in and this one: two today');
    assert.equal((await achOk(bob, fresh, '1.00')).transactionStatus, 'PendingReview');
    await operator(server, 'screening', 'rules', 'remove', '--id', String(JSON.parse(await operator(server, 'screening', 'rules', 'list', '--json'))[0].id));
  });

  test("scope: another principal's request is not found, its list shows none of them; bad queries are envelope errors", async () => {
    const [mine] = await rfiList(alice);
    assert.ok(mine !== undefined);
    assertError(await bob.get(`${RFI_PATHS.details}?Id=${mine.id}`), 404, 'Id:Not_Found');
    assert.ok((await rfiList(bob)).every((r) => r.customersId === bob.principal.customersId));
    assertError(await bob.get(`${RFI_PATHS.list}?CustomersId=${alice.principal.customersId}`), 404, 'CustomersId:Not_Found');
    assertError(await alice.get(RFI_PATHS.details), 400, 'Id:Required');
    assertError(await alice.get(`${RFI_PATHS.details}?Id=abc`), 400, 'Id:Invalid');
    assertError(await alice.get(`${RFI_PATHS.details}?Id=999999`), 404, 'Id:Not_Found');
    assertError(await bob.post(RFI_PATHS.decide, { Id: mine.id, Decision: 'Accepted' }), 404, 'Id:Not_Found');
    assertError(await alice.post(RFI_PATHS.decide, { Id: mine.id, Decision: 'Maybe' }), 400, 'Decision:Invalid');
    assertError(await alice.post(RFI_PATHS.open, {}), 400, 'TransactionsId:Required');
    assertError(await alice.post(RFI_PATHS.open, { ExchangeId: 5 }), 400, 'ExchangeId:Invalid');
    assertError(await bob.post(RFI_PATHS.open, { TransactionsId: mine.id }), 404, 'TransactionsId:Not_Found');
  });

  test('opened by compliance: a pending transfer is held by it; ask sends it back with a note and a question; expiry rejects it', async () => {
    const before = await balancesOf(alice, usd);
    const pending = await achOk(alice, usd, '3.00');
    assert.equal(pending.transactionStatus, 'Pending');
    const opened = assertOk(await alice.post(RFI_PATHS.open, { TransactionsId: pending.transactionsId })).details as { id: number; status: string };
    assert.equal(opened.status, 'More Information Required');
    assertError(await simulate(alice, 'complete', pending.transactionsId), 400, 'TransactionsId:Transaction_Under_Review');
    // The same item again: the open request, not a second one.
    assert.equal((assertOk(await alice.post(RFI_PATHS.open, { TransactionsId: pending.transactionsId })).details as { id: number }).id, opened.id);
    // Sandbox POSTs are idempotent: the same key answers the same bytes again.
    const key = { IdempotencyKey: '7d1c2a40-4b7e-4c8e-9a1f-0c6f3b2e5d11' };
    const first = await alice.post(RFI_PATHS.open, { TransactionsId: pending.transactionsId }, key);
    const again = await alice.post(RFI_PATHS.open, { TransactionsId: pending.transactionsId }, key);
    assertOk(again);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');

    await operator(server, 'rfis', 'ask', String(opened.id), '--note', 'Please name the payee', '--question', 'Who is the payee?');
    const asked = await rfiDetails(alice, opened.id);
    assert.equal(asked.note, 'Please name the payee');
    assert.equal(asked.questions.length, 3);
    assert.equal((await server.cli(['rfis', 'ask', String(opened.id)])).exitCode, 2, '--note is required');
    assert.match(await operator(server, 'rfis', 'show', String(opened.id)), /Who is the payee\?/);

    server.clock.advance(7 * DAY_MS + 1000);
    await alice.relogin();
    await bob.relogin();
    assert.equal((await rfiDetails(alice, opened.id)).status, 'Expired', 'decided against the server clock at once');
    const expired = await newCallbacks(async () => {
      assert.ok((await expireDueRfis(server.runtime.database, server.clock, server.runtime.rfis)) >= 1);
    });
    assert.ok(ofType(expired, 'INFORMATION_REQUEST_UPDATED').some((c) => c.Data.UpdatedInformationRequestIds === String(opened.id)));
    assert.equal(ofType(expired, 'TRANSACTION_STATUS_UPDATED').find((c) => num(c.Data.Id) === String(pending.transactionsId))?.Data.bRejected, true);
    assert.deepEqual(await balancesOf(alice, usd), before);
    assertError(await alice.post(RFI_PATHS.decide, { Id: opened.id, Decision: 'Accepted' }), 400, 'Id:Review_Not_Pending');
    assert.equal(
      JSON.parse(await operator(server, 'rfis', 'list', '--status', 'expired', '--json')).some((r: { id: number }) => r.id === opened.id),
      true,
    );
    await assertLedgerSound(server);
  });

  test('an informational request about a settled transaction moves no money when decided', async () => {
    const deposit = await cryptoDeposit(alice, btc, '0.1');
    const opened = assertOk(await alice.post(RFI_PATHS.open, { TransactionsId: deposit })).details as { id: number };
    const before = await balancesOf(alice, btc);
    assert.match(await operator(server, 'rfis', 'reject', String(opened.id)), /Rejected$/m);
    assert.deepEqual(await balancesOf(alice, btc), before);
  });

  test('managees: the operator accepts or rejects KYC with the callbacks the sandbox sends', async () => {
    const m = await createManagee(alice, manageeBody({ emailAddress: 'operator-accept@example.com' }));
    const listed = JSON.parse(await operator(server, 'managees', 'list', '--status', 'pending', '--json')) as { id: number }[];
    assert.ok(listed.some((x) => x.id === m.manageesId));
    assert.match(await operator(server, 'managees', 'show', String(m.manageesId)), /Pending/);
    const accepted = await newCallbacks(async () => {
      assert.match(await operator(server, 'managees', 'accept', String(m.manageesId)), /Accepted/);
    });
    const [kyc] = ofType(accepted, 'MANAGEE_KYC_UPDATED');
    assert.equal(kyc?.Data.VerificationStatus, 'Accepted');
    assert.equal(num(kyc?.Data.ManageesId), String(m.manageesId));
    assert.equal((await server.cli(['managees', 'reject', String(m.manageesId)])).exitCode, 1, 'a decision is final');

    const r = await createManagee(alice, manageeBody({ emailAddress: 'operator-reject@example.com' }));
    const rejected = await newCallbacks(async () => {
      await operator(server, 'managees', 'reject', String(r.manageesId), '--reason', 'documents unreadable');
    });
    assert.equal(ofType(rejected, 'MANAGEE_KYC_UPDATED')[0]?.Data.RejectReason, 'documents unreadable');
    assert.equal((await server.cli(['managees', 'accept', '999999'])).exitCode, 1);
    assert.equal((await server.cli(['managees', 'accept'])).exitCode, 2);
  });
});
