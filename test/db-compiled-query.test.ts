// A query compiled once answers exactly as the same query built anew, on the test database's dialect.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { compileOnce } from '../src/db/compiled-query.js';
import { parseDatabaseUrl } from '../src/db/database-target.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

let database: TestDatabase;
let handle: DatabaseHandle;

before(async () => {
  database = await createTestDatabase();
  handle = openDatabase(parseDatabaseUrl(database.url, process.cwd()), { poolSizeMax: 2, busyTimeoutMs: 5000, groupCommitSizeMax: 1 });
  await migrateToLatest(handle);
  const row = (kind: 'principal' | 'managee', name: string, manager: number | null) => ({
    kind,
    name,
    manager_customers_id: manager,
    kyc_status: 'Accepted',
    date_added: '2026-01-01T00:00:00.000+00:00',
  });
  const first = await handle.db
    .insertInto('customers')
    .values(row('principal', 'alpha', null))
    .returning('id')
    .executeTakeFirstOrThrow();
  await handle.db
    .insertInto('customers')
    .values([row('managee', 'beta', first.id), row('managee', 'alpha', first.id), row('principal', 'alpha', null), row('managee', 'gamma', first.id + 3)])
    .execute();
});

after(async () => {
  await handle.close();
  await database.drop();
});

type Params = { name: string; id: number; limit: number; offset: number };

/** Values in an order unlike the builder's, one used twice, a constant among them. */
function build(db: DatabaseHandle['db'], p: Params) {
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'kind'])
    .where('kyc_status', '=', 'Accepted')
    .where((eb) => eb.or([eb('id', '=', p.id), eb('manager_customers_id', '=', p.id)]))
    .where('name', '<>', p.name)
    .orderBy('id')
    .limit(p.limit)
    .offset(p.offset);
}

const compiled = compileOnce(build);

test('each run fills its own values into the compiled statement, as the builder would', async () => {
  const ids = (await handle.db.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => r.id);
  const cases: Params[] = [];
  for (const id of ids)
    for (const name of ['alpha', 'beta', 'nobody'])
      for (const [limit, offset] of [
        [10, 0],
        [1, 1],
        [2, 0],
      ] as const)
        cases.push({ name, id, limit, offset });
  let nonEmpty = 0;
  for (const params of cases) {
    const expected = await build(handle.db, params).execute();
    if (expected.length > 0) nonEmpty++;
    assert.deepEqual(await compiled.rows(handle.db, params), expected, JSON.stringify(params));
    assert.deepEqual(await compiled.first(handle.db, params), expected[0], JSON.stringify(params));
  }
  assert.ok(nonEmpty > 10, `cases with rows: ${nonEmpty}`);
});

test('inside a transaction too', async () => {
  const first = (await handle.db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const params = { name: 'zzz', id: first, limit: 10, offset: 0 };
  const rows = await handle.db.transaction().execute((tx) => compiled.rows(tx, params));
  assert.deepEqual(rows, await build(handle.db, params).execute());
  assert.equal(rows.length, 3);
});

test('a placeholder Kysely would not send as a parameter is refused, not run', async () => {
  const inlined = compileOnce((db, p: { label: string }) => db.selectFrom('customers').select(sql.lit(p.label).as('label')));
  await assert.rejects(inlined.rows(handle.db, { label: 'x' }));
});

test('a missing value is refused, not sent as NULL', async () => {
  await assert.rejects(compiled.rows(handle.db, { name: 'alpha', id: 1, limit: 1 } as Params), /no value for offset/);
});
