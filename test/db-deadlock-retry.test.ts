// Two PostgreSQL transactions that lock two rows in opposite orders deadlock; PostgreSQL aborts one
// of them. inTransaction runs the aborted one again (it wrote nothing), so both use cases complete
// and each write is there exactly once. SQLite serializes writers: no deadlock to meet.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { parseDatabaseUrl } from '../src/db/database-target.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js';
import { inTransaction } from '../src/db/transaction.js';
import { createTestDatabase, testDatabaseDialect, type TestDatabase } from './helpers/test-database.js';

describe('deadlock retry', { skip: testDatabaseDialect() === 'sqlite' ? 'PostgreSQL only (SQLite runs one writer at a time)' : false }, () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  const ids: number[] = [];

  before(async () => {
    database = await createTestDatabase();
    handle = openDatabase(parseDatabaseUrl(database.url, process.cwd()), { poolSizeMax: 4, busyTimeoutMs: 5000, groupCommitSizeMax: 1 });
    await migrateToLatest(handle);
    for (const name of ['left', 'right']) {
      const row = await handle.db
        .insertInto('customers')
        .values({ kind: 'principal', name, manager_customers_id: null, kyc_status: 'Accepted', date_added: '2026-01-01T00:00:00.000+00:00' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(Number(row.id));
    }
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  test('of two transactions that lock in opposite orders, the one PostgreSQL aborts runs again, and both complete', async () => {
    const [left, right] = ids as [number, number];
    let runs = 0;
    // Both hold their first row before either asks for its second: a deadlock every time they meet.
    let firstLocks = 0;
    let release: () => void = () => undefined;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const rename = (first: number, second: number, name: string) =>
      inTransaction(handle, async (tx) => {
        runs += 1;
        await sql`select id from customers where id = ${first} for update`.execute(tx);
        if (++firstLocks === 2) release();
        await bothHoldOne;
        await sql`update customers set name = ${name} where id = ${second}`.execute(tx);
        await sql`update customers set name = ${name} where id = ${first}`.execute(tx);
        return name;
      });
    const outcomes = await Promise.allSettled([rename(left, right, 'A'), rename(right, left, 'B')]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled'],
      JSON.stringify(outcomes),
    );
    assert.ok(runs >= 3, `the aborted transaction ran again (${runs} runs)`);
    const names = await handle.db.selectFrom('customers').select('name').where('id', 'in', ids).execute();
    // The retried one ran last, alone: it renamed both rows.
    assert.equal(new Set(names.map((n) => n.name)).size, 1, JSON.stringify(names));
  });
});
