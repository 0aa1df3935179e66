// The data migration 0006-ledger-journals, before and after, on both databases: a database at the
// baseline schema (0001–0005) is filled with the rows the earlier ledger wrote (postings, entries,
// balances on accounts), then migrated. Every balance, journal and leg survives, each transaction
// created pending gets its hold in the right state, `verify` is clean, and money still moves.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { completeTransaction, readTransaction, verifyBooks } from '../src/accounts/index.js';
import { parseDatabaseUrl } from '../src/db/database-target.js';
import { allMigrations, migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js';
import { inOneTransaction } from '../src/db/migration-transaction.js';
import { inTransaction } from '../src/db/transaction.js';
import { unitsFromColumn } from '../src/ledger/index.js';
import { accountsMigrations } from '../src/accounts/migrations/index.js';
import { ledgerMigrations } from '../src/ledger/migrations/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

const T0 = '2026-11-20T10:00:00.000Z';
/** One whole unit at the ledger's scale (18 decimals); amounts are compared exactly, as bigint. */
const UNIT = 10n ** 18n;
const units = (text: string | undefined): bigint => unitsFromColumn(text ?? 'NaN');
const T1 = '2026-11-20T11:00:00.000Z';

interface OldTransaction {
  readonly id: number;
  readonly amount: string;
  readonly type: string;
  readonly status: string;
  /** The create posting's account bucket. */
  readonly bucket: 'posted' | 'pending_in' | 'pending_out';
  readonly system: string;
  /** The outcome posting, if the transaction ended: its kind and its account entries. */
  readonly outcome?: { readonly kind: 'complete' | 'fail'; readonly entries: readonly (readonly [string, string])[] };
}

// Account 3001: +100 deposit; -30 withdrawal pending; +20 deposit pending; -5 transfer failed (and its
// +5 rollback); +7 deposit failed; -12 withdrawal completed. Posted 100 - 5 + 5 - 12 = 88.
const OLD: readonly OldTransaction[] = [
  { id: 5001, amount: '100', type: 'Deposit', status: 'Completed', bucket: 'posted', system: 'rail:ACH:USD' },
  { id: 5002, amount: '-30', type: 'Withdrawal', status: 'Pending', bucket: 'pending_out', system: 'rail:WIRE:USD' },
  { id: 5003, amount: '20', type: 'Deposit', status: 'Pending', bucket: 'pending_in', system: 'rail:WIRE:USD' },
  {
    id: 5004,
    amount: '-5',
    type: 'ExternalTransfer',
    status: 'Failed',
    bucket: 'pending_out',
    system: 'rail:ACH:USD',
    outcome: {
      kind: 'fail',
      entries: [
        ['pending_out', '5'],
        ['posted', '-5'],
      ],
    },
  },
  { id: 5005, amount: '5', type: 'Rollback', status: 'Completed', bucket: 'posted', system: 'rail:ACH:USD' },
  { id: 5006, amount: '7', type: 'Deposit', status: 'Failed', bucket: 'pending_in', system: 'rail:WIRE:USD', outcome: { kind: 'fail', entries: [['pending_in', '-7']] } },
  {
    id: 5007,
    amount: '-12',
    type: 'ExternalTransfer',
    status: 'Completed',
    bucket: 'pending_out',
    system: 'rail:ACH:USD',
    outcome: {
      kind: 'complete',
      entries: [
        ['pending_out', '12'],
        ['posted', '-12'],
      ],
    },
  },
];

describe('migration 0006-ledger-journals: before and after', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  before(async () => {
    database = await createTestDatabase();
    handle = openDatabase(parseDatabaseUrl(database.url, process.cwd()), { poolSizeMax: 2, busyTimeoutMs: 5000, groupCommitSizeMax: 1 });
    // The schema before the ledger journals: every migration up to 0005.
    const before = new Migrator({ db: handle.db, provider: { getMigrations: () => Promise.resolve(allMigrations(handle.dialect, [ledgerMigrations])) } });
    const result = await before.migrateTo('0005-transfers');
    assert.equal(result.error, undefined);
    await fillBaseline(handle);
    // With the accounts module's migrations too: verify checks the rows' positions (0021), numbered here from the old rows.
    await migrateToLatest(handle, [ledgerMigrations, accountsMigrations]);
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  test('balances move to the ledger unchanged, with the no-overdraft rule', async () => {
    const rows = await handle.db.selectFrom('ledger_balances').selectAll().execute();
    assert.equal(rows.length, 1);
    const [b] = rows;
    assert.deepEqual(
      [units(b?.posted), units(b?.pending_in), units(b?.pending_out), b?.b_debits_must_not_exceed_credits, b?.asset],
      [88n * UNIT, 20n * UNIT, -30n * UNIT, 1, 'USD'],
    );
    const columns = await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'accounts'`
      .execute(handle.db)
      .catch(async () => sql<{ name: string }>`select name from pragma_table_info('accounts')`.execute(handle.db));
    assert.ok(!columns.rows.some((c) => c.name === 'posted_balance'), 'accounts no longer stores balances');
  });

  test('postings become journals and entries legs (same ids); each transaction points at its journal', async () => {
    const journals = await handle.db.selectFrom('ledger_journals').select(['id', 'kind']).orderBy('id').execute();
    assert.equal(journals.length, OLD.length + OLD.filter((t) => t.outcome !== undefined).length);
    const legs = await handle.db.selectFrom('ledger_legs').select(['id']).execute();
    assert.equal(legs.length, OLD.length * 2 + OLD.reduce((n, t) => n + (t.outcome?.entries.length ?? 0) * 2, 0));
    for (const t of OLD) {
      const row = await handle.db.selectFrom('transactions').select(['journals_id']).where('id', '=', t.id).executeTakeFirstOrThrow();
      assert.equal(row.journals_id, 9000 + t.id - 5000, `transaction ${t.id} points at its create posting's journal`);
    }
  });

  test('each transaction created pending has a hold in its state', async () => {
    const holds = await handle.db
      .selectFrom('transactions as t')
      .innerJoin('ledger_holds as h', 'h.id', 't.holds_id')
      .select(['t.id', 'h.status', 'h.amount', 'h.captured_amount'])
      .orderBy('t.id')
      .execute();
    assert.deepEqual(
      holds.map((h) => [h.id, h.status, units(h.amount) / UNIT, units(h.captured_amount) / UNIT]),
      [
        [5002, 'pending', -30n, 0n],
        [5003, 'pending', 20n, 0n],
        [5004, 'captured', -5n, -5n],
        [5006, 'voided', 7n, 0n],
        [5007, 'captured', -12n, -12n],
      ],
    );
    const posted = await handle.db.selectFrom('transactions').select('id').where('holds_id', 'is', null).orderBy('id').execute();
    assert.deepEqual(
      posted.map((r) => r.id),
      [5001, 5005],
    );
  });

  test('verify is clean after the migration, and a migrated pending transaction still settles', async () => {
    const now = '2026-12-01T00:00:00.000Z';
    assert.deepEqual(await verifyBooks(handle.db, { now, holdExpiryGraceMs: 60_000 }), []);
    await inTransaction(handle, async (tx) => assert.equal(await completeTransaction(tx, handle.dialect, await readTransaction(tx, 5002), now), true));
    const b = await handle.db.selectFrom('ledger_balances').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([units(b.posted), units(b.pending_out)], [58n * UNIT, 0n]);
    assert.deepEqual(await verifyBooks(handle.db, { now, holdExpiryGraceMs: 60_000 }), []);
  });
});

describe('a data migration that fails part-way leaves nothing behind', () => {
  test('SQLite: the migration runs in one transaction (PostgreSQL: the migrator already does that)', async (t) => {
    const database = await createTestDatabase();
    const handle = openDatabase(parseDatabaseUrl(database.url, process.cwd()), { poolSizeMax: 2, busyTimeoutMs: 5000, groupCommitSizeMax: 1 });
    try {
      if (handle.dialect !== 'sqlite') return t.skip('PostgreSQL runs every migration in a transaction');
      const up = inOneTransaction(handle.dialect, async (db) => {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        await sql`insert into half_done (id) values (1)`.execute(db);
        throw new Error('stopped part-way');
      });
      await assert.rejects(up(handle.db as never), /stopped part-way/);
      const tables = await sql<{ name: string }>`select name from sqlite_master where name = 'half_done'`.execute(handle.db);
      assert.deepEqual(tables.rows, []);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});

/** The rows the ledger before 0006 wrote for OLD, by hand (raw SQL against the baseline schema). */
async function fillBaseline(handle: DatabaseHandle): Promise<void> {
  const db = handle.db;
  await sql`insert into customers (id, kind, manager_customers_id, name, kyc_status, date_added) values (2001, 'principal', null, 'Old Principal', 'Accepted', ${T0})`.execute(db);
  await sql`insert into accounts (id, customers_id, name, asset, routing_number, account_number, swift_code, b_suppressed, posted_balance, pending_in, pending_out, transaction_count, date_added)
    values (3001, 2001, 'USD', 'USD', '123456789', '100000003001', null, 0, '88', '20', '-30', ${OLD.length}, ${T0})`.execute(db);
  let posting = 9000;
  let entry = 20000;
  for (const t of OLD) {
    const direction = t.amount.startsWith('-') ? 'Outbound' : 'Inbound';
    await sql`insert into transactions (id, accounts_id, customers_id, asset, amount, description, transaction_type, status, rail, system_account, direction, details_json, date_time, date_completed)
      values (${t.id}, 3001, 2001, 'USD', ${t.amount}, ${t.type}, ${t.type}, ${t.status}, 'ACH', ${t.system}, ${direction}, '{}', ${T0}, ${t.status === 'Pending' ? null : T1})`.execute(
      db,
    );
    posting = 9000 + t.id - 5000;
    await sql`insert into postings (id, transactions_id, kind, outcome_key, date_time) values (${posting}, ${t.id}, 'create', null, ${T0})`.execute(db);
    const negated = t.amount.startsWith('-') ? t.amount.slice(1) : `-${t.amount}`;
    await sql`insert into ledger_entries (id, postings_id, accounts_id, system_account, asset, bucket, amount) values (${++entry}, ${posting}, 3001, null, 'USD', ${t.bucket}, ${t.amount}), (${++entry}, ${posting}, null, ${t.system}, 'USD', ${t.bucket}, ${negated})`.execute(
      db,
    );
  }
  let outcome = 9500;
  for (const t of OLD) {
    if (t.outcome === undefined) continue;
    await sql`insert into postings (id, transactions_id, kind, outcome_key, date_time) values (${++outcome}, ${t.id}, ${t.outcome.kind}, 'outcome', ${T1})`.execute(db);
    for (const [bucket, amount] of t.outcome.entries) {
      const negated = amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
      await sql`insert into ledger_entries (id, postings_id, accounts_id, system_account, asset, bucket, amount) values (${++entry}, ${outcome}, 3001, null, 'USD', ${bucket}, ${amount}), (${++entry}, ${outcome}, null, ${t.system}, 'USD', ${bucket}, ${negated})`.execute(
        db,
      );
    }
  }
}
