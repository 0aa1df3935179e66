// Internal transfers that arrive together are written in one database transaction (docs/transfers.md,
// "Batching"). These bursts are sent at once, so they share batches; each transfer must still get
// the answer it would have had alone, in arrival order: the funds run out exactly where they should,
// a refused one writes nothing, idempotency keys replay and conflict as they do alone, and the
// ledger verifies afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLedgerSound, assertOk, balancesOf, errorCodes, transactionDetail } from './helpers/accounts-helpers.js';
import { achOk, internalTransfer, simulate, type InternalResult } from './helpers/transfers-helpers.js';
import { createWorld, type World } from './helpers/world.js';
import { sql } from 'kysely';
import { recordTransaction } from '../src/accounts/index.js';
import type { DatabaseHandle } from '../src/db/open-database.js';
import { inTransaction, type Tx } from '../src/db/transaction.js';
import { isoTimestamp } from '../src/shared/clock.js';
import { lockBalances, systemAccount } from '../src/ledger/index.js';
import { testDatabaseDialect } from './helpers/test-database.js';

const PLAN = {
  source: { asset: 'USD', payIn: '10.00' },
  other: { asset: 'USD', payIn: '5.00' },
  sink: { asset: 'USD' },
  euros: { asset: 'EUR', payIn: '1.00' },
  waiting: { asset: 'USD', payIn: '1.00' },
  locked: { asset: 'USD' },
  settling: { asset: 'USD', payIn: '2.00' },
} as const;

const OTHER_PLAN = { own: { asset: 'USD', payIn: '4.00' }, sink: { asset: 'USD' } } as const;

describe('internal transfers in batches', () => {
  let world: World<{ accounts: typeof PLAN; other: { accounts: typeof OTHER_PLAN } }>;
  const stats = () => world.server.runtime.internalTransfers.batchStats;

  before(async () => {
    world = await createWorld({ accounts: PLAN, other: { accounts: OTHER_PLAN } });
  });
  after(() => world.server.close());

  test('a burst shares batches, and eight 3.00 transfers from 10.00: three pass, five are refused', async () => {
    const { api, accounts } = world;
    const before = stats();
    const answers = await Promise.all(Array.from({ length: 8 }, () => internalTransfer(api, accounts.source, accounts.sink, '3.00')));
    const after = stats();
    assert.ok(after.batches > before.batches, 'at least one batch of more than one transfer ran');
    assert.ok(after.members - before.members >= 2, 'a batch carried several transfers');
    const accepted = answers.filter((r) => r.statusCode === 200);
    const refused = answers.filter((r) => r.statusCode !== 200);
    assert.equal(accepted.length, 3);
    // Concurrent requests have no order among them: whichever three come first pass, the rest find too little.
    for (const r of refused) assert.deepEqual(errorCodes(r), ['Amount:Insufficient_Funds']);
    const ids = accepted.map((r) => assertOk(r).details as InternalResult);
    assert.equal(new Set(ids.map((d) => d.transactionsId)).size, 3, 'three distinct debits');
    for (const d of ids) {
      const internal = (await transactionDetail(api, d.transactionsId)).internalTransferDetails as Record<string, unknown> | null;
      assert.equal(internal?.complementaryTransactionId, d.complementaryTransactionId, 'each debit links to its own credit');
    }
    assert.equal((await balancesOf(api, accounts.source)).available, '1.00');
    assert.equal((await balancesOf(api, accounts.sink)).available, '9.00');
    await assertLedgerSound(world.server);
  });

  test('a refused member of a batch writes nothing, its neighbours are written', async () => {
    const { api, accounts } = world;
    const answers = await Promise.all([
      internalTransfer(api, accounts.other, accounts.sink, '1.00'),
      internalTransfer(api, accounts.other, accounts.sink, '100.00'),
      internalTransfer(api, accounts.other, accounts.sink, '2.00'),
      internalTransfer(api, accounts.euros, accounts.sink, '1.00'),
    ]);
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [200, 400, 200, 400],
    );
    assert.deepEqual(errorCodes(answers[1] as never), ['Amount:Insufficient_Funds']);
    assert.deepEqual(errorCodes(answers[3] as never), ['DestinationAccountId:Invalid_Asset']);
    assert.equal((await balancesOf(api, accounts.other)).available, '2.00');
    assert.equal((await balancesOf(api, accounts.sink)).available, '12.00');
    await assertLedgerSound(world.server);
  });

  test('two principals in one burst: each moves its own money, and one naming the other’s account gets the answer for an unknown id', async () => {
    const { api, accounts, other } = world;
    const before = stats();
    const answers = await Promise.all([
      internalTransfer(other.api, other.accounts.own, other.accounts.sink, '1.50'),
      internalTransfer(api, other.accounts.own, accounts.sink, '1.00'),
      internalTransfer(api, accounts.other, other.accounts.sink, '1.00'),
      internalTransfer(other.api, other.accounts.own, other.accounts.sink, '0.50'),
    ]);
    assert.ok(stats().members - before.members >= 2, 'the burst shared a batch');
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [200, 400, 400, 200],
    );
    assert.deepEqual(errorCodes(answers[1] as never), ['SourceAccountId:Invalid_Source_Account']);
    assert.deepEqual(errorCodes(answers[2] as never), ['DestinationAccountId:Invalid_Destination_Account']);
    assert.equal((await balancesOf(other.api, other.accounts.own)).available, '2.00');
    assert.equal((await balancesOf(other.api, other.accounts.sink)).available, '2.00');
    await assertLedgerSound(world.server);
  });

  test(
    'a batch that waits for a balance lock writes its rows after the holder’s, in id order (rows of one instant keep their positions)',
    { skip: testDatabaseDialect() === 'sqlite' ? 'PostgreSQL only (SQLite batches hold the one write lock before they read)' : false },
    async () => {
      const { api, accounts, server } = world;
      const handle = server.runtime.database;
      // One instant for every row: their order on the account is their id order alone.
      server.clock.hold();
      try {
        // Another writer holds the destination's balance lock, and writes a row there while the batch waits for it.
        const holder = holdBalance(handle, accounts.locked, async (tx) => {
          await recordTransaction(tx, handle.dialect, {
            accountsId: accounts.locked,
            customersId: world.principal.customersId,
            asset: 'USD',
            amount: 10n ** 16n, // 0.01
            description: 'held row',
            transactionType: 'Deposit',
            rail: 'ACH',
            systemAccount: systemAccount.rail('ACH', 'USD'),
            status: 'Completed',
            details: {},
            dateTime: isoTimestamp(server.clock.nowMs()),
          });
        });
        await holder.held;
        const transfer = internalTransfer(api, accounts.waiting, accounts.locked, '0.01');
        // Wait until the batch's statement is waiting for the lock.
        await untilALockIsAwaited(handle);
        holder.letGo();
        await holder.done;
        assert.equal((await transfer).statusCode, 200);
        await assertLedgerSound(server);
      } finally {
        server.clock.release();
      }
    },
  );

  test(
    'ending a pending transaction takes its account’s balance before its row: a batch holding the balance renumbers the row without waiting (no deadlock)',
    { skip: testDatabaseDialect() === 'sqlite' ? 'PostgreSQL only (SQLite runs one write transaction at a time)' : false },
    async () => {
      const { api, accounts, server } = world;
      const handle = server.runtime.database;
      const pending = await achOk(api, accounts.settling, '1.00');
      // As a transfer batch does: the account's balance locked, then the account's later rows renumbered.
      // The row must not be locked by the settlement waiting meanwhile: a lock wait here fails at once.
      const holder = holdBalance(handle, accounts.settling, async (tx) => {
        await sql`set local lock_timeout = '300ms'`.execute(tx);
        await sql`update transactions set account_seq = account_seq where id = ${pending.transactionsId}`.execute(tx);
      });
      await holder.held;
      const settlement = simulate(api, 'complete', pending.transactionsId);
      // Wait until the settlement is waiting for a lock (the balance, once it takes that first).
      await untilALockIsAwaited(handle);
      holder.letGo();
      await holder.done;
      const answer = await settlement;
      assert.equal(answer.statusCode, 200, answer.body);
      assert.equal((await transactionDetail(api, pending.transactionsId)).transactionStatus, 'Completed');
      await assertLedgerSound(server);
    },
  );

  test('one idempotency key sent twice in one burst moves money once; another body with it is 409', async () => {
    const { api, accounts } = world;
    const key = { IdempotencyKey: `batch-${Date.now()}` };
    const other = { IdempotencyKey: `batch-other-${Date.now()}` };
    const answers = await Promise.all([
      internalTransfer(api, accounts.sink, accounts.other, '1.00', { headers: key }),
      internalTransfer(api, accounts.sink, accounts.other, '1.00', { headers: key }),
      internalTransfer(api, accounts.sink, accounts.other, '0.50', { headers: other }),
      internalTransfer(api, accounts.sink, accounts.other, '0.25'),
    ]);
    for (const r of answers) assert.equal(r.statusCode, 200, r.body);
    const [a, b] = answers.slice(0, 2).map((r) => assertOk(r).details as InternalResult) as [InternalResult, InternalResult];
    assert.equal(b.transactionsId, a.transactionsId, 'the replay answers the first transfer');
    assert.deepEqual(
      answers
        .slice(0, 2)
        .map((r) => r.headers['idempotent-replayed'] ?? 'false')
        .sort(),
      ['false', 'true'],
    );
    const reused = await internalTransfer(api, accounts.sink, accounts.other, '0.75', { headers: key });
    assert.equal(reused.statusCode, 409);
    assert.deepEqual(errorCodes(reused), ['IdempotencyKey:Idempotency_Key_Reused']);
    assert.equal((await balancesOf(api, accounts.other)).available, '3.75');
    assert.equal((await balancesOf(api, accounts.sink)).available, '10.25');
    await assertLedgerSound(world.server);
  });

  test('two bodies under one key at once: one is written, the other is 409', async () => {
    const { api, accounts } = world;
    const key = { IdempotencyKey: `batch-race-${Date.now()}` };
    const answers = await Promise.all([
      internalTransfer(api, accounts.sink, accounts.other, '0.10', { headers: key }),
      internalTransfer(api, accounts.sink, accounts.other, '0.20', { headers: key }),
    ]);
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409]);
    const won = assertOk(answers.find((r) => r.statusCode === 200) as never).details as { amount: unknown };
    const moved = Number(String(won.amount)) === 0.1 ? ['3.85', '10.15'] : ['3.95', '10.05'];
    assert.equal((await balancesOf(api, accounts.other)).available, moved[0]);
    assert.equal((await balancesOf(api, accounts.sink)).available, moved[1]);
    await assertLedgerSound(world.server);
  });
});

/**
 * A transaction that locks `accountsId`'s balance, waits until `letGo`, then runs `then` and commits:
 * another writer holding the lock while the code under test arrives.
 */
function holdBalance(handle: DatabaseHandle, accountsId: number, then: (tx: Tx) => Promise<void>): { held: Promise<void>; letGo: () => void; done: Promise<void> } {
  let lockHeld!: () => void;
  const held = new Promise<void>((resolve) => (lockHeld = resolve));
  let letGo!: () => void;
  const released = new Promise<void>((resolve) => (letGo = resolve));
  const done = inTransaction(handle, async (tx) => {
    await lockBalances(tx, handle.dialect, [accountsId]);
    lockHeld();
    await released;
    await then(tx);
  });
  return { held, letGo, done };
}

/** Until some statement of this database waits for a lock (PostgreSQL), at most about 2 s. */
async function untilALockIsAwaited(handle: DatabaseHandle): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(handle.db);
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
