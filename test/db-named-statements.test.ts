// PostgreSQL parses a named statement once per connection: the server names each distinct data
// statement text (up to a limit) so a hot path's statements are not parsed on every run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { parseDatabaseUrl } from '../src/db/database-target.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js';
import { NamedStatements } from '../src/db/postgres-named-statements.js';
import { createTestDatabase, testDatabaseDialect, type TestDatabase } from './helpers/test-database.js';

describe('named statements: which texts get a name', () => {
  test('the same text keeps its name; DDL, transaction control, long texts and texts past the limit go unnamed', () => {
    const named = new NamedStatements(2, 40);
    const first = named.nameOf('select 1 from accounts where id = $1');
    assert.ok(first !== undefined);
    assert.equal(named.nameOf('select 1 from accounts where id = $1'), first);
    assert.equal(named.nameOf('begin'), undefined);
    assert.equal(named.nameOf('create table x (id integer)'), undefined);
    assert.equal(named.nameOf(`select ${'1, '.repeat(30)}1`), undefined, 'longer than the length limit');
    const second = named.nameOf('update accounts set name = $1');
    assert.ok(second !== undefined && second !== first);
    assert.equal(named.nameOf('delete from accounts where id = $1'), undefined, 'past the count limit');
    assert.equal(named.size, 2);
  });
});

describe('named statements on PostgreSQL', { skip: testDatabaseDialect() === 'sqlite' ? 'PostgreSQL only (SQLite keeps its own prepared statements)' : false }, () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  before(async () => {
    database = await createTestDatabase();
    handle = openDatabase(parseDatabaseUrl(database.url, process.cwd()), { poolSizeMax: 1, busyTimeoutMs: 5000, groupCommitSizeMax: 1 });
    await migrateToLatest(handle);
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  test('a statement run twice on a connection is prepared there once, under one name, and answers each run with its own values', async () => {
    const query = (id: number) => handle.db.selectFrom('customers').select('id').where('id', '=', id);
    const text = query(0).compile().sql;
    assert.deepEqual(await query(-1).execute(), []);
    assert.deepEqual(await query(-2).execute(), []);
    const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(handle.db);
    const mine = prepared.rows.filter((r) => r.statement === text);
    assert.equal(mine.length, 1, `one prepared statement for ${text}: ${JSON.stringify(prepared.rows)}`);
    assert.match(mine[0]?.name ?? '', /^k\d+$/);
    // The query of pg_prepared_statements is itself a data statement: named too.
    assert.ok(prepared.rows.some((r) => r.statement.includes('pg_prepared_statements')));
  });

  test('an error in a transaction leaves the connection usable, and its named statements run again after it', async () => {
    const customer = await handle.db
      .insertInto('customers')
      .values({ kind: 'principal', name: 'named', manager_customers_id: null, kyc_status: 'Accepted', date_added: '2026-01-01T00:00:00.000+00:00' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await assert.rejects(
      handle.db.transaction().execute(async (tx) => {
        await tx.selectFrom('customers').select('id').where('id', '=', customer.id).execute();
        await sql`select 1 / 0`.execute(tx);
      }),
      /division by zero/,
    );
    const again = await handle.db.selectFrom('customers').select('id').where('id', '=', customer.id).execute();
    assert.deepEqual(again, [{ id: customer.id }]);
  });
});
