// Transaction pages at any depth: an account's page N is a range of stored positions (account_seq), so
// every page must equal the naive answer (all rows, date_time desc then id desc, sliced at
// (N-1)·size). The history here is made hard on purpose: rows sharing one date_time (ties go by id),
// rows back-dated before others (they move the later rows up), a batch of two rows on one account,
// date filters, lists across accounts and managees; and migration 0021 numbers the rows of a database
// written before it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql, type Kysely } from 'kysely';
import { recordTransactions, type NewTransaction } from '../src/accounts/index.js';
import { parseDatabaseUrl } from '../src/db/database-target.js';
import { allMigrations, migrateToLatest, type MigrationSource } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open-database.js';
import type { Database } from '../src/db/schema.js';
import { inTransaction } from '../src/db/transaction.js';
import { systemAccount } from '../src/ledger/index.js';
import { MODULES } from '../src/modules.js';
import { isoTimestamp } from '../src/shared/clock.js';
import { assertLedgerSound, assertOk, PATHS, payIn, type Api } from './helpers/accounts-helpers.js';
import { acceptedManagee } from './helpers/managees-helpers.js';
import { createTestDatabase } from './helpers/test-database.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;

/** The naive list: every row in reach, newest first, ties by id (descending). */
async function naiveIds(db: Kysely<Database>, where: { accountsId?: number; customers?: readonly number[]; from?: string; toExclusive?: string }): Promise<number[]> {
  let query = db.selectFrom('transactions').select('id');
  if (where.accountsId !== undefined) query = query.where('accounts_id', '=', where.accountsId);
  if (where.customers !== undefined) query = query.where('customers_id', 'in', where.customers);
  if (where.from !== undefined) query = query.where('date_time', '>=', where.from);
  if (where.toExclusive !== undefined) query = query.where('date_time', '<', where.toExclusive);
  return (await query.orderBy('date_time', 'desc').orderBy('id', 'desc').execute()).map((r) => r.id);
}

/** Every page of the list at `size` (and one past the end) equals the naive slice, with numberOfPages. */
async function assertEveryPage(api: Api, query: string, expected: readonly number[], size: number): Promise<void> {
  const pages = Math.max(1, Math.ceil(expected.length / size));
  for (let n = 1; n <= pages + 1; n++) {
    const body = assertOk(await api.get(`${PATHS.transactions}?${query === '' ? '' : `${query}&`}PageSize=${size}&PageNumber=${n}`));
    const ids = (body.details as Item[]).map((i) => i.id as number);
    assert.deepEqual(ids, expected.slice((n - 1) * size, n * size), `${query} page ${n} of size ${size}`);
    assert.equal(body.numberOfPages, pages, `${query} numberOfPages at size ${size}`);
    assert.equal(body.pageNumber, n);
  }
}

const at = (ms: number) => isoTimestamp(ms);

describe('transaction pages equal the naive order at every depth', () => {
  let server: TestServer;
  let alice: Api;
  let usd: number;
  let eur: number;
  let db: Kysely<Database>;
  /** The instant of the shared date_time of the held-clock pay-ins. */
  let tiedAt = '';

  /** Rows written as a use case would, but at a chosen (past) date_time, in one batch. */
  async function backdated(rows: readonly { accountsId: number; asset: string; amount: bigint }[], dateTime: string): Promise<number[]> {
    return inTransaction(server.runtime.database, (tx) =>
      recordTransactions(
        tx,
        server.runtime.database.dialect,
        rows.map((r): NewTransaction => ({
          accountsId: r.accountsId,
          customersId: alice.principal.customersId,
          asset: r.asset,
          amount: r.amount,
          description: 'back-dated deposit',
          transactionType: 'Deposit',
          rail: 'ACH',
          systemAccount: systemAccount.rail('ACH', r.asset),
          status: 'Completed',
          details: {},
          dateTime,
        })),
      ),
    );
  }

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD' }, eur: { asset: 'EUR' } } });
    ({
      server,
      api: alice,
      accounts: { usd, eur },
    } = world);
    db = server.runtime.database.db;
    const unit = 10n ** 18n;
    for (let i = 1; i <= 6; i++) await payIn(alice, usd, `${i}.00`);
    // Four pay-ins at one instant: ties in date_time, ordered by id.
    server.clock.hold();
    for (let i = 1; i <= 4; i++) await payIn(alice, usd, `1${i}.00`);
    for (let i = 1; i <= 3; i++) await payIn(alice, eur, `2${i}.00`, 'SWIFT');
    server.clock.release();
    for (let i = 1; i <= 5; i++) await payIn(alice, usd, `3${i}.00`);
    const first = await db.selectFrom('transactions').select(['date_time']).where('accounts_id', '=', usd).orderBy('id').executeTakeFirstOrThrow();
    // The held instant: the 7th row on the account (the first of the four).
    tiedAt = (await db.selectFrom('transactions').select('date_time').where('accounts_id', '=', usd).orderBy('id').offset(6).limit(1).executeTakeFirstOrThrow()).date_time;
    const t0 = Date.parse(first.date_time);
    // Back-dated rows: before everything, tied with the held instant (after its rows, by id), a batch of two on one account in the middle.
    await backdated([{ accountsId: usd, asset: 'USD', amount: 7n * unit }], at(t0 - 86_400_000));
    await backdated([{ accountsId: usd, asset: 'USD', amount: 8n * unit }], tiedAt);
    await backdated(
      [
        { accountsId: usd, asset: 'USD', amount: 9n * unit },
        { accountsId: usd, asset: 'USD', amount: 10n * unit },
        { accountsId: eur, asset: 'EUR', amount: 11n * unit },
      ],
      at(Date.parse(tiedAt) - 1),
    );
  });
  after(async () => {
    await server?.close();
  });

  test('the history really has ties and back-dated rows (the order is not the insertion order)', async () => {
    const ids = await naiveIds(db, { accountsId: usd });
    assert.equal(ids.length, 6 + 4 + 5 + 4);
    assert.notDeepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'newest first is not id order',
    );
    const tied = await db.selectFrom('transactions').select('id').where('accounts_id', '=', usd).where('date_time', '=', tiedAt).execute();
    assert.equal(tied.length, 5, 'four pay-ins and one back-dated row share one date_time');
  });

  test("every page of one account's list, at several page sizes, equals the naive slice", async () => {
    const expected = await naiveIds(db, { accountsId: usd });
    for (const size of [1, 2, 3, 7, 19, 20]) await assertEveryPage(alice, `AccountsId=${usd}`, expected, size);
    await assertEveryPage(alice, `AccountsId=${eur}`, await naiveIds(db, { accountsId: eur }), 2);
  });

  test('date filters on one account: the rows in range, paged and counted the same', async () => {
    const firstRow = await db.selectFrom('transactions').select('date_time').where('accounts_id', '=', usd).orderBy('date_time').orderBy('id').executeTakeFirstOrThrow();
    const t = Date.parse(tiedAt);
    const cases = [
      { query: `FromDate=${encodeURIComponent(tiedAt)}`, from: tiedAt },
      { query: `ToDate=${encodeURIComponent(tiedAt)}`, toExclusive: at(t + 1) },
      { query: `FromDate=${encodeURIComponent(at(t - 1))}&ToDate=${encodeURIComponent(tiedAt)}`, from: at(t - 1), toExclusive: at(t + 1) },
      { query: `ToDate=${encodeURIComponent(firstRow.date_time)}`, toExclusive: at(Date.parse(firstRow.date_time) + 1) },
      // Nothing in range: one empty page.
      { query: `ToDate=${encodeURIComponent(at(Date.parse(firstRow.date_time) - 1000))}`, toExclusive: at(Date.parse(firstRow.date_time) - 999) },
      { query: `FromDate=${encodeURIComponent(at(Date.now() + 10 * 365 * 86_400_000))}`, from: at(Date.now() + 10 * 365 * 86_400_000) },
    ];
    for (const c of cases) {
      const expected = await naiveIds(db, {
        accountsId: usd,
        ...(c.from === undefined ? {} : { from: c.from }),
        ...(c.toExclusive === undefined ? {} : { toExclusive: c.toExclusive }),
      });
      for (const size of [1, 3, 4]) await assertEveryPage(alice, `AccountsId=${usd}&${c.query}`, expected, size);
    }
  });

  test('across accounts (and a managee): pages by the naive order, numberOfPages from the stored counts', async () => {
    const { accountsIds } = await acceptedManagee(alice);
    for (const [i, account] of accountsIds.entries()) {
      const { asset } = await db.selectFrom('accounts').select('asset').where('id', '=', account).executeTakeFirstOrThrow();
      await payIn(alice, account, `4${i}.00`, asset === 'USD' ? 'ACH' : 'SWIFT');
    }
    const customers = (
      await db
        .selectFrom('customers')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', alice.principal.customersId), eb('manager_customers_id', '=', alice.principal.customersId)]))
        .execute()
    ).map((r) => r.id);
    const expected = await naiveIds(db, { customers });
    assert.ok(expected.length > 20);
    for (const size of [1, 4, 10]) await assertEveryPage(alice, '', expected, size);
    const t = Date.parse(tiedAt);
    const ranged = await naiveIds(db, { customers, from: at(t - 1) });
    await assertEveryPage(alice, `FromDate=${encodeURIComponent(at(t - 1))}`, ranged, 3);
  });

  test('concurrent writers on one account, each back-dated differently, still leave every page right', async () => {
    const t = Date.parse(tiedAt);
    const unit = 10n ** 18n;
    // Each request read its clock before the others took the account's lock: the positions must follow date_time, not commit order.
    await Promise.all(Array.from({ length: 12 }, (_, i) => backdated([{ accountsId: usd, asset: 'USD', amount: BigInt(i + 1) * unit }], at(t - 5000 + ((i * 7919) % 12) * 400))));
    const expected = await naiveIds(db, { accountsId: usd });
    for (const size of [1, 5]) await assertEveryPage(alice, `AccountsId=${usd}`, expected, size);
  });

  test('the books verify, positions included', async () => {
    await assertLedgerSound(server);
  });
});

function moduleMigrations(): MigrationSource[] {
  return MODULES.flatMap((m): MigrationSource[] => ('migrations' in m && m.migrations !== undefined ? [m.migrations.bind(m)] : []));
}

describe('migration 0021-transaction-order fills in the rows already there', () => {
  test('positions per account in date_time, id order whatever the ids; each row its principal', async () => {
    const database = await createTestDatabase();
    const handle = openDatabase(parseDatabaseUrl(database.url, process.cwd()), { poolSizeMax: 2, busyTimeoutMs: 5000, groupCommitSizeMax: 1 });
    try {
      const migrations = allMigrations(handle.dialect, moduleMigrations());
      const names = Object.keys(migrations).sort();
      const previous = names[names.indexOf('0021-transaction-order') - 1];
      assert.ok(previous !== undefined);
      const migrated = await new Migrator({ db: handle.db, provider: { getMigrations: () => Promise.resolve(migrations) } }).migrateTo(previous);
      assert.equal(migrated.error, undefined);
      const d = '2026-01-01T00:00:00.000+00:00';
      // 2001 a principal, 2002 its managee, 2003 another principal; accounts 3001 (2001), 3002 (2002), 3003 (2003).
      await sql`insert into customers (id, kind, manager_customers_id, name, kyc_status, date_added)
        values (2001, 'principal', null, 'Old', 'Accepted', ${d}), (2002, 'managee', 2001, 'Managee', 'Accepted', ${d}), (2003, 'principal', null, 'Other', 'Accepted', ${d})`.execute(
        handle.db,
      );
      for (const [id, customer, count] of [
        [3001, 2001, 3],
        [3002, 2002, 3],
        [3003, 2003, 1],
      ] as const)
        await sql`insert into accounts (id, customers_id, name, asset, b_suppressed, transaction_count, date_added) values (${id}, ${customer}, 'old', 'USD', 0, ${count}, ${d})`.execute(
          handle.db,
        );
      // [id, account, customer, minute]: ids out of date order, a tie (5002 and 5005 at minute 5).
      const rows: readonly (readonly [number, number, number, number])[] = [
        [5001, 3001, 2001, 9],
        [5002, 3001, 2001, 5],
        [5003, 3002, 2002, 1],
        [5004, 3002, 2002, 0],
        [5005, 3001, 2001, 5],
        [5006, 3002, 2002, 7],
        [5007, 3003, 2003, 2],
      ];
      for (const [id, account, customer, minute] of rows)
        await sql`insert into transactions (id, accounts_id, customers_id, asset, amount, description, transaction_type, status, rail, system_account, direction, details_json, date_time, journals_id)
          values (${id}, ${account}, ${customer}, 'USD', '1', 'old', 'Deposit', 'Completed', 'ACH', 'rail:ACH:USD', 'Inbound', '{}', ${`2026-01-01T00:0${minute}:00.000+00:00`}, 1)`.execute(
          handle.db,
        );
      await migrateToLatest(handle, moduleMigrations());
      const after = await handle.db.selectFrom('transactions').select(['id', 'account_seq', 'principal_customers_id']).orderBy('id').execute();
      assert.deepEqual(
        after.map((r) => [r.id, Number(r.account_seq), Number(r.principal_customers_id)]),
        [
          [5001, 3, 2001],
          [5002, 1, 2001],
          [5003, 2, 2001],
          [5004, 1, 2001],
          [5005, 2, 2001],
          [5006, 3, 2001],
          [5007, 1, 2003],
        ],
      );
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
