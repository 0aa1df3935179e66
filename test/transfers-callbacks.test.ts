// TRANSACTION_STATUS_UPDATED for external transfers, delivered to a real local receiver: one per
// ending (completion, failure, cancellation), none when a transfer is created, none for its fee,
// none for internal transfers; exact Amount literals and the rollback link (spec §5).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonNumber } from '../src/shared/exact-json.js';
import type { TestServer } from './helpers/test-server.js';
import { assertOk, createAccount, type Api } from './helpers/accounts-helpers.js';
import type { CallbackReceiver } from './helpers/callbacks-receiver.js';
import { assertWireFormat, driveUntil, type ParsedCallback } from './helpers/callbacks-helpers.js';
import { achOk, cancel, externalOk, fundedAccount, internalOk, simulateOk, swiftPayee } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

const DATA_KEYS = [
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
];

function num(value: unknown): string {
  assert.ok(value instanceof JsonNumber, `expected a JSON number, got ${JSON.stringify(value)}`);
  return value.text;
}

describe('transfer callbacks: TRANSACTION_STATUS_UPDATED', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;
  let alice: Api;
  let secret: string;
  let usd: number;

  /** Runs `action`, drives the worker until `count` callbacks arrived, checks nothing else is due; returns them checked. */
  async function deliveries(count: number, action: () => Promise<void>): Promise<ParsedCallback[]> {
    const from = receiver.requests.length;
    await action();
    if (count > 0) await driveUntil(server.callbacks, () => receiver.requests.length >= from + count);
    assert.equal(await server.callbacks.runOnce(), 0, 'nothing more due');
    const requests = receiver.requests.slice(from);
    assert.equal(requests.length, count, requests.map((r) => r.rawBody).join('\n'));
    return requests.map((r) => assertWireFormat(r, secret, server.clock.nowMs()));
  }

  function assertStatusUpdate(callback: ParsedCallback, expected: { id: number; amount: string; completed: boolean; rejected: boolean; rollback: number | null }): void {
    assert.equal(callback.Type, 'TRANSACTION_STATUS_UPDATED');
    const d = callback.Data;
    assert.deepEqual(Object.keys(d).sort(), [...DATA_KEYS].sort());
    assert.equal(num(d.Id), String(expected.id));
    assert.equal(num(d.AccountsId), String(usd));
    assert.equal(num(d.FromAccountsId), String(usd));
    assert.equal(d.ToAccountsId, null);
    assert.equal(num(d.Amount), expected.amount, 'negative for outbound');
    assert.equal(d.bPending, false);
    assert.equal(d.bCompleted, expected.completed);
    assert.equal(d.bRejected, expected.rejected);
    if (expected.rollback === null) assert.equal(d.RollbackTransactionsId, null);
    else assert.equal(num(d.RollbackTransactionsId), String(expected.rollback));
    assert.equal(typeof d.Description, 'string');
    assert.equal(typeof d.DateTime, 'string');
  }

  before(async () => {
    ({
      server,
      receiver,
      callbackSecret: secret,
      api: alice,
      accounts: { usd },
    } = await createWorld({
      env: { CALLBACK_RETRY_INITIAL_MS: '20' },
      callbackPath: '/transfers/hook',
      accounts: { usd: { asset: 'USD', payIn: '1000' } },
    }));
    // The pay-in's FIAT_DEPOSIT_RECEIVED is not what these tests are about: deliver it now.
    await driveUntil(server.callbacks, () => receiver.requests.length >= 1);
  });
  after(async () => {
    await server?.close();
    await receiver?.close();
  });

  test('creating an external transfer (and its fee) or an internal transfer sends nothing', async () => {
    const other = await createAccount(alice, 'USD', 'other');
    await deliveries(0, async () => {
      await achOk(alice, usd, '1');
      await internalOk(alice, usd, other, '1');
    });
  });

  test('completion: bCompleted, no rollback, one callback (none for the fee)', async () => {
    let id = 0;
    const [callback] = await deliveries(1, async () => {
      id = (await achOk(alice, usd, '12.34')).transactionsId;
      await simulateOk(alice, 'complete', id);
    });
    assertStatusUpdate(callback as ParsedCallback, { id, amount: '-12.34', completed: true, rejected: false, rollback: null });
  });

  test('failure: bRejected with the rollback transaction', async () => {
    let id = 0;
    let rollback: number | null = null;
    const [callback] = await deliveries(1, async () => {
      id = (await externalOk(alice, { SourceAccountId: usd, TransferType: 'Wire', Payee: { Name: 'W', AccountNumber: '123456', RoutingNumber: '021000021' } }, '20'))
        .transactionsId;
      rollback = (await simulateOk(alice, 'fail', id)).rollbackTransactionId;
    });
    assert.equal(typeof rollback, 'number');
    assertStatusUpdate(callback as ParsedCallback, { id, amount: '-20.00', completed: false, rejected: true, rollback });
  });

  test('cancellation: bRejected with the rollback transaction; a refused second cancel sends nothing', async () => {
    let id = 0;
    let rollback: number | null = null;
    const [callback] = await deliveries(1, async () => {
      id = (await achOk(alice, usd, '5.5')).transactionsId;
      rollback = (assertOk(await cancel(alice, id)).details as { rollbackTransactionId: number }).rollbackTransactionId;
    });
    assertStatusUpdate(callback as ParsedCallback, { id, amount: '-5.50', completed: false, rejected: true, rollback });
    await deliveries(0, async () => {
      assert.equal((await cancel(alice, id)).statusCode, 400);
    });
  });

  test('a SWIFT transfer from a EUR account reports its own account and amount', async () => {
    let eur = 0;
    const [deposit] = await deliveries(1, async () => {
      eur = await fundedAccount(alice, 'EUR', '100');
    });
    assert.equal(deposit?.Type, 'FIAT_DEPOSIT_RECEIVED');
    let id = 0;
    const [callback] = await deliveries(1, async () => {
      id = (await externalOk(alice, { SourceAccountId: eur, TransferType: 'SWIFT', Payee: swiftPayee(), PurposeCode: 'PUC001' }, '7')).transactionsId;
      await simulateOk(alice, 'complete', id);
    });
    const d = (callback as ParsedCallback).Data;
    assert.equal(num(d.Id), String(id));
    assert.equal(num(d.AccountsId), String(eur));
    assert.equal(num(d.Amount), '-7.00');
    assert.equal(d.bCompleted, true);
  });
});
