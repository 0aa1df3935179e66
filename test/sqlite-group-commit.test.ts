// SQLite group commit and the read-only reader connection, through the real app (inject) on a
// real database file: writes sent together share one commit, a failing member rolls back alone,
// every caller is answered only after the commit, and reads never write.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from './helpers/test-server.js';
import { testDatabaseDialect } from './helpers/test-database.js';
import { assertLedgerSound, balancesOf, errorCodes, type Api } from './helpers/accounts-helpers.js';
import { fundedAccount, internalTransfer } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

async function transactionCount(server: TestServer): Promise<number> {
  const row = await server.runtime.database.db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('SQLite group commit', { skip: testDatabaseDialect() === 'postgres' ? 'SQLite only (PostgreSQL commits each transaction on its own connection)' : false }, () => {
  let server: TestServer;
  let api: Api;

  before(async () => {
    // The group commit is what these tests drive, with internal transfers as its writes: each
    // transfer is its own write here (test/transfers-batching.test.ts covers transfers folded together).
    ({ server, api } = await createWorld({ env: { TRANSFER_BATCH_SIZE_MAX: '1' } }));
  });
  after(async () => {
    await server.close();
  });

  const groupCommit = () => {
    const gc = server.runtime.database.groupCommit;
    assert.ok(gc !== null, 'a SQLite database has a group commit');
    return gc;
  };

  test('ten transfers sent together share one commit, and each answer comes after it', async () => {
    const sources: number[] = [];
    const destinations: number[] = [];
    for (let i = 0; i < 10; i++) {
      sources.push(await fundedAccount(api, 'USD', '10.00', `source ${i}`));
      destinations.push(await fundedAccount(api, 'USD', '0', `destination ${i}`));
    }
    const before = groupCommit().stats;
    const responses = await Promise.all(sources.map((source, i) => internalTransfer(api, source, destinations[i] ?? 0, '1.25')));
    const afterStats = groupCommit().stats;
    for (const response of responses) assert.equal(response.statusCode, 200, response.body);
    assert.equal(afterStats.writes - before.writes, 10);
    assert.equal(afterStats.groups - before.groups, 1, `10 writes took ${afterStats.groups - before.groups} commits`);
    // Answered after the commit: the reader connection (another connection) already sees every leg.
    for (let i = 0; i < 10; i++) {
      assert.equal((await balancesOf(api, sources[i] ?? 0)).total, '8.75');
      assert.equal((await balancesOf(api, destinations[i] ?? 0)).total, '1.25');
    }
    await assertLedgerSound(server);
  });

  test('a member that fails rolls back alone; the others in its group commit', async () => {
    const rich = await fundedAccount(api, 'USD', '5.00', 'rich');
    const poor = await fundedAccount(api, 'USD', '1.00', 'poor');
    const sink = await fundedAccount(api, 'USD', '0', 'sink');
    const before = groupCommit().stats;
    const [first, overdraw, second] = await Promise.all([
      internalTransfer(api, rich, sink, '2.00'),
      internalTransfer(api, poor, sink, '1.01'),
      internalTransfer(api, rich, sink, '3.00'),
    ]);
    assert.equal(groupCommit().stats.groups - before.groups, 1);
    assert.equal(first?.statusCode, 200, first?.body);
    assert.equal(second?.statusCode, 200, second?.body);
    assert.ok(overdraw !== undefined);
    assert.deepEqual(errorCodes(overdraw), ['Amount:Insufficient_Funds']);
    assert.equal((await balancesOf(api, rich)).total, '0.00');
    assert.equal((await balancesOf(api, poor)).total, '1.00');
    assert.equal((await balancesOf(api, sink)).total, '5.00');
    await assertLedgerSound(server);
  });

  test('a member that fails after writing (a raced Idempotency-Key) leaves none of its rows behind', async () => {
    const source = await fundedAccount(api, 'USD', '10.00', 'raced source');
    const destination = await fundedAccount(api, 'USD', '0', 'raced destination');
    const before = groupCommit().stats;
    const transactionsBefore = await transactionCount(server);
    // Same key, same body, sent together: both pass the replay lookup, both write in one group;
    // the second fails on the key's primary key after its ledger rows and must roll back alone.
    const headers = { 'idempotency-key': 'raced-in-one-group' };
    const [first, second] = await Promise.all([internalTransfer(api, source, destination, '4.00', { headers }), internalTransfer(api, source, destination, '4.00', { headers })]);
    assert.equal(groupCommit().stats.groups - before.groups, 1);
    assert.equal(first?.statusCode, 200, first?.body);
    assert.equal(second?.statusCode, 200, second?.body);
    assert.equal(second?.body, first?.body, "the loser replays the winner's answer");
    assert.equal((await balancesOf(api, source)).total, '6.00');
    assert.equal((await balancesOf(api, destination)).total, '4.00');
    assert.equal((await transactionCount(server)) - transactionsBefore, 2, 'one transfer: two legs');
    await assertLedgerSound(server);
  });

  test('the reader connection refuses writes at once instead of waiting for the write lock', async () => {
    const { reader, db } = server.runtime.database;
    assert.notEqual(reader, db, 'a database file gets its own read connection');
    const started = performance.now();
    await assert.rejects(reader.insertInto('settings').values({ key: 'reader-write', value: 'x' }).execute(), /readonly/i);
    assert.ok(performance.now() - started < 1000, 'refused without waiting for busy_timeout');
    const written = await db.selectFrom('settings').select('key').where('key', '=', 'reader-write').execute();
    assert.deepEqual(written, []);
  });
});
