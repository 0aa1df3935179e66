// 0007-idempotency-expiry on a database that already holds idempotency records in the old form (the
// rendered HTTP answer): each becomes the use case's result, the old columns go, an index on
// date_added appears, and a retry of such a request still gets the first answer's exact bytes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql, type Kysely } from 'kysely';
import { parseDatabaseUrl } from '../src/db/database-target.js';
import { allMigrations, type MigrationSource } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open-database.js';
import type { Database } from '../src/db/schema.js';
import { MODULES } from '../src/modules.js';
import { isoTimestamp } from '../src/shared/clock.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { createTestDatabase } from './helpers/test-database.js';
import { assertOk, newApi, PATHS, type Api } from './helpers/accounts-helpers.js';
import { fundedAccount, TRANSFER_PATHS } from './helpers/transfers-helpers.js';

const MIGRATION = '0007-idempotency-expiry';

/** Answers as the server stored them before 0007 (written by stringifyExact), one of each envelope shape. */
const OLD_ANSWERS = {
  'old-pay-in': '{"id":5123,"status":"1","errors":[]}',
  'old-transfer':
    '{"id":5200,"details":{"transactionsId":5200,"complementaryTransactionId":5201,"sourceAccountId":3001,"destinationAccountId":3002,"asset":"USD","amount":12.30,"reference":"rent \\"May\\" é","transactionStatus":"Completed","dateTime":"2026-01-01T00:00:00.000+00:00"},"status":"1","errors":[]}',
  'old-account': '{"id":0,"details":{"accounts":[{"id":3001,"asset":"BTC","balance":0.00000000}]},"status":"1","errors":[]}',
} as const;

/** The results 0007 must extract from them (exact literals kept). */
const RESULTS = {
  'old-pay-in': '5123',
  'old-transfer':
    '{"transactionsId":5200,"complementaryTransactionId":5201,"sourceAccountId":3001,"destinationAccountId":3002,"asset":"USD","amount":12.30,"reference":"rent \\"May\\" é","transactionStatus":"Completed","dateTime":"2026-01-01T00:00:00.000+00:00"}',
  'old-account': '{"accounts":[{"id":3001,"asset":"BTC","balance":0.00000000}]}',
};

function moduleMigrations(): MigrationSource[] {
  return MODULES.flatMap((m): MigrationSource[] => ('migrations' in m && m.migrations !== undefined ? [m.migrations.bind(m)] : []));
}

describe(`${MIGRATION} converts stored answers into results`, () => {
  let server: TestServer;
  let alice: Api;

  before(async () => {
    const database = await createTestDatabase();
    const handle = openDatabase(parseDatabaseUrl(database.url, process.cwd()), { poolSizeMax: 2, busyTimeoutMs: 5000, groupCommitSizeMax: 8 });
    try {
      const migrations = allMigrations(handle.dialect, moduleMigrations());
      const names = Object.keys(migrations).sort();
      const previous = names[names.indexOf(MIGRATION) - 1];
      assert.ok(previous !== undefined);
      const migrated = await new Migrator({ db: handle.db, provider: { getMigrations: () => Promise.resolve(migrations) } }).migrateTo(previous);
      assert.equal(migrated.error, undefined);
      const dateAdded = isoTimestamp(Date.now());
      for (const [key, body] of Object.entries(OLD_ANSWERS)) {
        await sql`insert into idempotency_keys (customers_id, idempotency_key, request_hash, response_status, response_body, date_added)
                  values (${1}, ${key}, ${'from before'}, ${200}, ${body}, ${dateAdded})`.execute(handle.db);
      }
    } finally {
      await handle.close();
    }
    // Starting the server runs the remaining migrations, 0007 among them.
    server = await startTestServer({}, database);
    alice = await newApi(server);
  });
  after(async () => {
    await server?.close();
  });

  test('each record holds the result; response_status and response_body are gone; date_added is indexed', async () => {
    const db = server.runtime.database.db;
    const rows = await db.selectFrom('idempotency_keys').select(['idempotency_key', 'result']).where('customers_id', '=', 1).orderBy('idempotency_key').execute();
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.idempotency_key, r.result])), RESULTS);
    const table = (await db.introspection.getTables()).find((t) => t.name === 'idempotency_keys');
    assert.deepEqual(table?.columns.map((c) => c.name).sort(), ['customers_id', 'date_added', 'idempotency_key', 'request_hash', 'result']);
    assert.deepEqual(await indexesOf(db, server.runtime.database.dialect), ['idempotency_keys_date_added_idx']);
  });

  test('a retry of a request answered before the upgrade gets the very same bytes', async () => {
    const source = await fundedAccount(alice, 'USD', '50', 'source');
    const destination = await fundedAccount(alice, 'USD', '0', 'destination');
    const payIn = `{"DestinationAccountId":${destination},"TransferType":"ACH","Amount":1}`;
    const transfer = `{"SourceAccountId":${source},"DestinationAccountId":${destination},"Amount":12.30}`;
    // The old records answered these very requests: give them the request hash and principal the
    // server computes for them now (learnt from the same request sent with another key).
    const account = `{"CustomersId":${alice.principal.customersId},"Name":"coins","Asset":"BTC"}`;
    const requests = [
      ['old-pay-in', PATHS.payIns, payIn],
      ['old-transfer', TRANSFER_PATHS.internalFiat, transfer],
      ['old-account', PATHS.create, account],
    ] as const;
    for (const [key, path, body] of requests) await adoptOldRecord(key, path, body);
    for (const [key, path, body] of requests) {
      const retry = await alice.postRaw(path, body, { IdempotencyKey: key });
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.equal(retry.body, OLD_ANSWERS[key]);
    }
  });

  async function adoptOldRecord(key: string, path: string, body: string): Promise<void> {
    const learnKey = `learn-${key}`;
    assertOk(await alice.postRaw(path, body, { IdempotencyKey: learnKey }));
    const db = server.runtime.database.db;
    const learnt = await db.selectFrom('idempotency_keys').select('request_hash').where('idempotency_key', '=', learnKey).executeTakeFirstOrThrow();
    await db.updateTable('idempotency_keys').set({ customers_id: alice.principal.customersId, request_hash: learnt.request_hash }).where('idempotency_key', '=', key).execute();
  }
});

async function indexesOf(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const query =
    dialect === 'postgres'
      ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'idempotency_keys' and indexname not like '%_pk'`
      : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'idempotency_keys' and name not like 'sqlite_autoindex%'`;
  return (await query.execute(db)).rows.map((r) => r.name);
}
