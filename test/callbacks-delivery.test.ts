// Callbacks, delivery: every callback type (pay-ins, crypto, status updates, managee KYC) reaches a
// real local receiver with the documented Data fields and exact values (spec §5), compact JSON, both
// signatures valid; retries keep the same Id and are logged; nothing is sent for a rolled-back change
// or to a principal without a URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonNumber } from '../src/shared/exact-json.js';
import { ADDRESSES, assertOk, createAccount, cryptoDeposit, errorCodes, PATHS, payIn, withdraw, type Api } from './helpers/accounts-helpers.js';
import { completeJumio, createManagee, decideKyc } from './helpers/managees-helpers.js';
import { answer, CallbackReceiver, type ReceivedRequest } from './helpers/callbacks-receiver.js';
import { assertWireFormat, driveUntil, listedCallback, outboxCount, requestsOfType, type ParsedCallback } from './helpers/callbacks-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

const KEYS = {
  FIAT_DEPOSIT_RECEIVED: ['AccountsId', 'TransactionsId', 'OriginalTransactionsId', 'Reference', 'SenderDetails', 'Amount', 'Imad', 'Date', 'bReversal', 'bFlagged'],
  SenderDetails: ['RoutingNumber', 'AccountNumber', 'Name', 'AddressLine1', 'AddressLine2', 'AddressLine3'],
  TRANSACTION_STATUS_UPDATED: [
    'Id',
    'AccountsId',
    'FromTransactionsId',
    'FromAccountsId',
    'ToTransactionsId',
    'ToAccountsId',
    'RollbackTransactionsId',
    'Amount',
    'Description',
    'DateTime',
    'bPending',
    'bCompleted',
    'bRejected',
  ],
  CRYPTO: ['AccountsId', 'TransactionsId', 'SourceAccountsId', 'DestinationAccountsId', 'TransactionHash', 'SourceAddress', 'DestinationAddress', 'Amount', 'NetworkFee', 'Status'],
  AssetAmount: ['Asset', 'Amount'],
} as const;

/** Callback timestamps: no offset or +00:00 (spec §5). */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?(\+00:00)?$/;

const sorted = (keys: readonly string[]) => [...keys].sort();

function keysOf(value: unknown): string[] {
  assert.ok(typeof value === 'object' && value !== null, `expected an object, got ${String(value)}`);
  return sorted(Object.keys(value));
}

/** The text of an exact JSON number in a parsed callback. */
function num(value: unknown): string {
  assert.ok(value instanceof JsonNumber, `expected a JSON number, got ${JSON.stringify(value)}`);
  return value.text;
}

describe('callbacks: delivery to a real receiver', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;
  let alice: Api;
  let bob: Api;
  let secret: string;
  let usd: number;
  let btc: number;
  let btcAddress: string;

  /** Drives the worker until `count` more requests arrived; then checks nothing else is due. Returns the new ones, checked. */
  async function deliveries(count: number, action: () => Promise<void>): Promise<{ requests: ReceivedRequest[]; bodies: ParsedCallback[] }> {
    const from = receiver.requests.length;
    await action();
    await driveUntil(server.callbacks, () => receiver.requests.length >= from + count);
    assert.equal(await server.callbacks.runOnce(), 0, 'nothing more due');
    const requests = receiver.requests.slice(from);
    assert.equal(requests.length, count, requests.map((r) => r.rawBody).join('\n'));
    return { requests, bodies: requests.map((r) => assertWireFormat(r, secret, server.clock.nowMs())) };
  }

  before(async () => {
    const world = await createWorld({
      env: { CALLBACK_RETRY_INITIAL_MS: '20' },
      callbackPath: '/alice/hook',
      accounts: { usd: { asset: 'USD' }, btc: { asset: 'BTC' } },
      other: {},
    });
    ({
      server,
      receiver,
      callbackSecret: secret,
      api: alice,
      accounts: { usd, btc },
      other: { api: bob },
    } = world);
    btcAddress = (assertOk(await alice.get(`${PATHS.depositAddress}?AccountsId=${btc}`)).details as { address: string }).address;
  });
  after(async () => {
    await server?.close();
    await receiver?.close();
  });

  test('FIAT_DEPOSIT_RECEIVED for an ACH pay-in: documented fields, exact Amount literal, both signatures', async () => {
    let id = 0;
    const { requests, bodies } = await deliveries(1, async () => {
      const response = await alice.postRaw(PATHS.payIns, `{"DestinationAccountId":${usd},"TransferType":"ACH","Amount":12.34,"Name":"ACME Corp","Reference":"INV-1001"}`);
      id = assertOk(response).id as number;
    });
    const [request] = requests;
    const [body] = bodies;
    assert.ok(request !== undefined && body !== undefined);
    assert.equal(request.path, '/alice/hook');
    assert.equal(body.Type, 'FIAT_DEPOSIT_RECEIVED');
    assert.ok(request.rawBody.startsWith(`{"Id":"${body.Id}","Type":"FIAT_DEPOSIT_RECEIVED","Data":{`), request.rawBody);
    assert.ok(request.rawBody.includes('"Amount":12.34,'), request.rawBody);
    const d = body.Data;
    assert.deepEqual(keysOf(d), sorted(KEYS.FIAT_DEPOSIT_RECEIVED));
    assert.deepEqual(keysOf(d.SenderDetails), sorted(KEYS.SenderDetails));
    assert.equal(num(d.AccountsId), String(usd));
    assert.equal(num(d.TransactionsId), String(id));
    assert.equal(d.OriginalTransactionsId, null);
    assert.equal(d.Reference, 'INV-1001');
    assert.equal(num(d.Amount), '12.34');
    assert.equal(d.Imad, null, 'ACH has no IMAD');
    assert.match(String(d.Date), TIMESTAMP);
    assert.equal(d.bReversal, false);
    assert.equal(d.bFlagged, false);
    const sender = d.SenderDetails as Record<string, unknown>;
    assert.equal(sender.RoutingNumber, '021000021');
    assert.equal(sender.Name, 'ACME Corp');
    for (const line of ['AddressLine1', 'AddressLine2', 'AddressLine3']) assert.equal(sender[line], null);
  });

  test('FIAT_DEPOSIT_RECEIVED for a wire (IMAD) and a SWIFT pay-in (sender account number)', async () => {
    const eur = await createAccount(alice, 'EUR');
    const { bodies } = await deliveries(2, async () => {
      await payIn(alice, usd, '1000.5', 'WIRE');
      await payIn(alice, eur, '7', 'SWIFT');
    });
    const byAccount = new Map(bodies.map((b) => [num(b.Data.AccountsId), b.Data]));
    const wire = byAccount.get(String(usd));
    const swift = byAccount.get(String(eur));
    assert.ok(wire !== undefined && swift !== undefined);
    assert.equal(num(wire.Amount), '1000.50', 'USD has two fraction digits');
    assert.match(String(wire.Imad), /^\d{8}QMGFT015[0-9A-F]{6}$/);
    assert.equal((wire.SenderDetails as Record<string, unknown>).RoutingNumber, '021000021');
    assert.equal(num(swift.Amount), '7.00');
    assert.equal(swift.Imad, null);
    assert.equal((swift.SenderDetails as Record<string, unknown>).AccountNumber, '000123456789');
    for (const data of [wire, swift]) assert.deepEqual(keysOf(data), sorted(KEYS.FIAT_DEPOSIT_RECEIVED));
  });

  test('CRYPTO_DEPOSIT_CREATED (Pending) and CRYPTO_DEPOSIT_UPDATED (Completed) with Amount/NetworkFee objects', async () => {
    let id = 0;
    const { requests, bodies } = await deliveries(2, async () => {
      const response = await alice.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${btc},"Amount":0.5,"SourceAddress":"${ADDRESSES.btcTestnet2}","bComplete":true}`);
      id = assertOk(response).id as number;
    });
    const created = bodies.find((b) => b.Type === 'CRYPTO_DEPOSIT_CREATED');
    const updated = bodies.find((b) => b.Type === 'CRYPTO_DEPOSIT_UPDATED');
    assert.ok(created !== undefined && updated !== undefined, bodies.map((b) => b.Type).join());
    assert.notEqual(created.Id, updated.Id, 'each callback has its own Id');
    for (const [body, status] of [
      [created, 'Pending'],
      [updated, 'Completed'],
    ] as const) {
      const d = body.Data;
      assert.deepEqual(keysOf(d), sorted(KEYS.CRYPTO));
      assert.deepEqual(keysOf(d.Amount), sorted(KEYS.AssetAmount));
      assert.deepEqual(keysOf(d.NetworkFee), sorted(KEYS.AssetAmount));
      assert.equal(d.Status, status);
      assert.equal(num(d.AccountsId), String(btc));
      assert.equal(num(d.TransactionsId), String(id));
      assert.equal(d.SourceAccountsId, null);
      assert.equal(num(d.DestinationAccountsId), String(btc));
      assert.match(String(d.TransactionHash), /^[0-9a-f]{64}$/);
      assert.equal(d.SourceAddress, ADDRESSES.btcTestnet2);
      assert.equal(d.DestinationAddress, btcAddress);
    }
    for (const request of requests) {
      assert.ok(request.rawBody.includes('"Amount":{"Asset":"BTC","Amount":0.50000000}'), request.rawBody);
      assert.ok(request.rawBody.includes('"NetworkFee":{"Asset":"BTC","Amount":0.00000000}'), request.rawBody);
    }
  });

  test('a pending deposit that fails: CRYPTO_DEPOSIT_UPDATED Failed, and no TRANSACTION_STATUS_UPDATED (inbound)', async () => {
    let id = 0;
    await deliveries(1, async () => {
      id = await cryptoDeposit(alice, btc, '0.1', false);
    });
    const { bodies } = await deliveries(1, async () => {
      assertOk(await alice.post(PATHS.fail, { TransactionsId: id }));
    });
    const [body] = bodies;
    assert.equal(body?.Type, 'CRYPTO_DEPOSIT_UPDATED');
    assert.equal(body.Data.Status, 'Failed');
    assert.equal(num(body.Data.TransactionsId), String(id));
  });

  test('a withdrawal that fails: CRYPTO_WITHDRAWAL_CREATED/UPDATED and TRANSACTION_STATUS_UPDATED with RollbackTransactionsId, bRejected', async () => {
    let id = 0;
    const createdRun = await deliveries(1, async () => {
      const response = await withdraw(alice, btc, '0.25', ADDRESSES.btcTestnet);
      id = assertOk(response).id as number;
    });
    const created = createdRun.bodies[0];
    assert.equal(created?.Type, 'CRYPTO_WITHDRAWAL_CREATED');
    assert.deepEqual(keysOf(created.Data), sorted(KEYS.CRYPTO));
    assert.equal(created.Data.Status, 'Pending');
    assert.equal(num(created.Data.TransactionsId), String(id));
    assert.equal(num(created.Data.SourceAccountsId), String(btc));
    assert.equal(created.Data.DestinationAccountsId, null);
    assert.equal(created.Data.SourceAddress, btcAddress);
    assert.equal(created.Data.DestinationAddress, ADDRESSES.btcTestnet);
    assert.ok(createdRun.requests[0]?.rawBody.includes('"Amount":{"Asset":"BTC","Amount":0.25000000}'), createdRun.requests[0]?.rawBody);

    let rollback = 0;
    const { requests, bodies } = await deliveries(2, async () => {
      const failed = assertOk(await alice.post(PATHS.fail, { TransactionsId: id, Reason: 'chain rejected' }));
      rollback = (failed.details as { rollbackTransactionId: number }).rollbackTransactionId;
    });
    assert.equal(typeof rollback, 'number');
    const updated = bodies.find((b) => b.Type === 'CRYPTO_WITHDRAWAL_UPDATED');
    const status = bodies.find((b) => b.Type === 'TRANSACTION_STATUS_UPDATED');
    assert.ok(updated !== undefined && status !== undefined, bodies.map((b) => b.Type).join());
    assert.equal(updated.Data.Status, 'Failed');
    assert.equal(num(updated.Data.TransactionsId), String(id));

    const s = status.Data;
    assert.deepEqual(keysOf(s), sorted(KEYS.TRANSACTION_STATUS_UPDATED));
    assert.equal(num(s.Id), String(id));
    assert.equal(num(s.AccountsId), String(btc));
    assert.equal(num(s.FromAccountsId), String(btc));
    assert.equal(s.ToAccountsId, null);
    assert.equal(num(s.RollbackTransactionsId), String(rollback));
    assert.equal(num(s.Amount), '-0.25000000', 'negative for outbound');
    assert.equal(s.Description, 'BTC withdrawal');
    assert.match(String(s.DateTime), TIMESTAMP);
    assert.equal(s.bPending, false);
    assert.equal(s.bCompleted, false);
    assert.equal(s.bRejected, true);
    const statusRaw = requestsOfType(requests, 'TRANSACTION_STATUS_UPDATED')[0]?.rawBody ?? '';
    assert.ok(statusRaw.includes(`"RollbackTransactionsId":${rollback},`), statusRaw);
    assert.ok(statusRaw.includes('"Amount":-0.25000000,'), statusRaw);
  });

  test('a withdrawal that completes: CRYPTO_WITHDRAWAL_UPDATED Completed and TRANSACTION_STATUS_UPDATED bCompleted, no rollback', async () => {
    let id = 0;
    await deliveries(1, async () => {
      id = assertOk(await withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet)).id as number;
    });
    const { bodies } = await deliveries(2, async () => {
      assertOk(await alice.post(PATHS.complete, { TransactionsId: id }));
    });
    const updated = bodies.find((b) => b.Type === 'CRYPTO_WITHDRAWAL_UPDATED');
    const status = bodies.find((b) => b.Type === 'TRANSACTION_STATUS_UPDATED');
    assert.ok(updated !== undefined && status !== undefined);
    assert.equal(updated.Data.Status, 'Completed');
    assert.equal(status.Data.RollbackTransactionsId, null);
    assert.equal(status.Data.bCompleted, true);
    assert.equal(status.Data.bRejected, false);
    assert.equal(status.Data.bPending, false);
    assert.equal(num(status.Data.Amount), '-0.01000000');
  });

  test('a receiver answering 500, 500, then 200 gets the same Id and body three times; the log shows 500, 500, 200', async () => {
    receiver.enqueue(answer.status(500), answer.status(500));
    const from = receiver.requests.length;
    await payIn(alice, usd, '3.5');
    await driveUntil(server.callbacks, () => receiver.requests.length >= from + 3);
    const requests = receiver.requests.slice(from);
    assert.deepEqual(
      requests.map((r) => r.answer),
      [answer.status(500), answer.status(500), answer.status(200)],
    );
    const bodies = requests.map((r) => assertWireFormat(r, secret));
    const id = bodies[0]?.Id ?? '';
    assert.deepEqual(
      bodies.map((b) => b.Id),
      [id, id, id],
    );
    assert.equal(new Set(requests.map((r) => r.rawBody)).size, 1, 'the body is the same on every attempt');
    assert.equal(await server.callbacks.runOnce(), 0, 'delivered: not attempted again');

    const listed = await listedCallback(server, id);
    assert.equal(listed.status, 'delivered');
    assert.equal(listed.type, 'FIAT_DEPOSIT_RECEIVED');
    assert.deepEqual(
      listed.attempts.map((a) => a.httpStatus),
      [500, 500, 200],
    );
    assert.deepEqual(
      listed.attempts.map((a) => a.error),
      ['HTTP 500', 'HTTP 500', null],
    );
    for (const a of listed.attempts) {
      assert.equal(a.url, receiver.url('/alice/hook'));
      assert.ok(Number.isInteger(a.latencyMs) && a.latencyMs >= 0 && a.latencyMs < 2000, String(a.latencyMs));
      assert.match(a.attemptedAt, /^\d{4}-\d\d-\d\dT/);
    }
    assert.ok(listed.attempts[0]!.attemptedAt <= listed.attempts[1]!.attemptedAt && listed.attempts[1]!.attemptedAt <= listed.attempts[2]!.attemptedAt);
    assert.equal(listed.dateDelivered, listed.attempts[2]?.attemptedAt);
    assert.equal(listed.lastError, null);
    assert.equal(listed.nextAttemptAt, null);
  });

  test('a withdrawal rejected for insufficient funds commits nothing and sends nothing', async () => {
    const before = await outboxCount(server);
    const from = receiver.requests.length;
    const response = await withdraw(alice, btc, '1000', ADDRESSES.btcTestnet);
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(errorCodes(response), ['amount:Insufficient_Funds']);
    assert.equal(await outboxCount(server), before);
    assert.equal(await server.callbacks.runOnce(), 0);
    assert.equal(receiver.requests.length, from);
  });

  test('an idempotent replay of a pay-in sends no second callback', async () => {
    const from = receiver.requests.length;
    const payload = `{"DestinationAccountId":${usd},"TransferType":"ACH","Amount":1}`;
    const first = await alice.postRaw(PATHS.payIns, payload, { 'Idempotency-Key': 'cb-replay-1' });
    const second = await alice.postRaw(PATHS.payIns, payload, { 'Idempotency-Key': 'cb-replay-1' });
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(assertOk(second).id, assertOk(first).id);
    await driveUntil(server.callbacks, () => receiver.requests.length >= from + 1);
    assert.equal(await server.callbacks.runOnce(), 0);
    assert.equal(receiver.requests.length, from + 1);
  });

  test('a principal without a callback URL gets no callback (nothing queued)', async () => {
    const bobUsd = await createAccount(bob, 'USD');
    const before = await outboxCount(server);
    const from = receiver.requests.length;
    await payIn(bob, bobUsd, '5');
    const bobBtc = await createAccount(bob, 'BTC');
    await cryptoDeposit(bob, bobBtc, '1');
    assert.equal(await outboxCount(server), before);
    assert.equal(await server.callbacks.runOnce(), 0);
    assert.equal(receiver.requests.length, from);
  });

  test('MANAGEE_JUMIO_COMPLETED and MANAGEE_KYC_UPDATED (Accepted) go to the manager; so does a pay-in to the managee', async () => {
    const { manageesId } = await createManagee(alice);
    const jumio = await deliveries(1, () => completeJumio(alice, manageesId));
    const j = jumio.bodies[0];
    assert.equal(j?.Type, 'MANAGEE_JUMIO_COMPLETED');
    assert.deepEqual(keysOf(j.Data), sorted(['ManageesId', 'ManageeCustomerUsersId', 'DateJumioCompleted']));
    assert.equal(num(j.Data.ManageesId), String(manageesId));
    assert.equal(typeof num(j.Data.ManageeCustomerUsersId), 'string');
    assert.match(String(j.Data.DateJumioCompleted), TIMESTAMP);

    const kyc = await deliveries(1, async () => {
      await decideKyc(alice, manageesId, 'Accepted');
    });
    const k = kyc.bodies[0];
    assert.equal(k?.Type, 'MANAGEE_KYC_UPDATED');
    assert.deepEqual(keysOf(k.Data), sorted(['ManageesId', 'VerificationStatus', 'AcceptDate', 'RejectDate', 'RejectReason']));
    assert.equal(num(k.Data.ManageesId), String(manageesId));
    assert.equal(k.Data.VerificationStatus, 'Accepted');
    assert.match(String(k.Data.AcceptDate), TIMESTAMP);
    assert.equal(k.Data.RejectDate, null);
    assert.equal(k.Data.RejectReason, null);

    const manageeUsd = await server.runtime.database.db
      .selectFrom('accounts')
      .select('id')
      .where('customers_id', '=', manageesId)
      .where('asset', '=', 'USD')
      .executeTakeFirstOrThrow();
    const payment = await deliveries(1, async () => {
      await payIn(alice, manageeUsd.id, '42.42');
    });
    assert.equal(payment.requests[0]?.path, '/alice/hook', "the manager's URL");
    assert.equal(payment.bodies[0]?.Type, 'FIAT_DEPOSIT_RECEIVED');
    assert.equal(num(payment.bodies[0].Data.AccountsId), String(manageeUsd.id));
    assert.ok(payment.requests[0].rawBody.includes('"Amount":42.42,'), payment.requests[0].rawBody);
  });

  test('MANAGEE_KYC_UPDATED (Rejected) carries RejectDate and RejectReason', async () => {
    const { manageesId } = await createManagee(alice);
    await deliveries(1, () => completeJumio(alice, manageesId));
    const { bodies } = await deliveries(1, async () => {
      await decideKyc(alice, manageesId, 'Rejected', 'document expired');
    });
    const d = bodies[0]?.Data;
    assert.ok(d !== undefined);
    assert.equal(d.VerificationStatus, 'Rejected');
    assert.equal(d.AcceptDate, null);
    assert.match(String(d.RejectDate), TIMESTAMP);
    assert.equal(d.RejectReason, 'document expired');
  });
});
