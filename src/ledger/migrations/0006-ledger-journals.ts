import { sql, type Kysely, type Migration } from 'kysely';
import { autoIncrementId, idColumnType, moneyColumnType, type DialectName } from '../../db/dialect.js';
import { inOneTransaction } from '../../db/migration-transaction.js';
import { unitsToColumn } from '../money-column.js';

/**
 * The ledger stops knowing the API's transactions (docs/ledger.md):
 * - postings become journals (`ledger_journals`, same ids) and their entries legs (`ledger_legs`,
 *   same ids); a journal no longer points at a transaction, the transaction points at its journal
 *   (`transactions.journals_id`);
 * - the stored balances move from `accounts` to the ledger's `ledger_balances`, with the account
 *   rule `b_debits_must_not_exceed_credits` (set for every existing account: none may be overdrawn);
 * - every transaction that was created pending gets its hold (`ledger_holds`): still pending, or
 *   ended as its outcome posting did (completed, or an outbound failure/cancellation: captured; an
 *   inbound failure: voided), and `transactions.holds_id` points at it.
 * Data is copied, nothing is recomputed: `verify` holds before and after (tested).
 */
export function ledgerJournals(dialect: DialectName): Migration {
  const id = idColumnType(dialect);
  const money = moneyColumnType(dialect);
  const autoId = autoIncrementId(dialect);
  return {
    // One transaction on both databases: a crash part-way leaves the old shape whole.
    up: inOneTransaction(dialect, async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('ledger_journals')
        .addColumn('id', id, autoId)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date_time', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into ledger_journals (id, kind, date_time) select id, kind, date_time from postings`.execute(db);

      await db.schema
        .createTable('ledger_legs')
        .addColumn('id', id, autoId)
        .addColumn('journals_id', id, (c) => c.notNull().references('ledger_journals.id'))
        .addColumn('accounts_id', id)
        .addColumn('system_account', 'text')
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .execute();
      await sql`insert into ledger_legs (id, journals_id, accounts_id, system_account, asset, bucket, amount)
        select id, postings_id, accounts_id, system_account, asset, bucket, amount from ledger_entries`.execute(db);
      await db.schema.createIndex('ledger_legs_account_idx').on('ledger_legs').columns(['accounts_id']).execute();

      await db.schema
        .createTable('ledger_balances')
        .addColumn('accounts_id', id, (c) => c.primaryKey())
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('b_debits_must_not_exceed_credits', 'integer', (c) => c.notNull())
        .addColumn('posted', money, (c) => c.notNull())
        .addColumn('pending_in', money, (c) => c.notNull())
        .addColumn('pending_out', money, (c) => c.notNull())
        .execute();
      await sql`insert into ledger_balances (accounts_id, asset, b_debits_must_not_exceed_credits, posted, pending_in, pending_out)
        select id, asset, 1, posted_balance, pending_in, pending_out from accounts`.execute(db);

      await db.schema
        .createTable('ledger_holds')
        .addColumn('id', id, autoId)
        .addColumn('journals_id', id, (c) => c.notNull().references('ledger_journals.id'))
        .addColumn('accounts_id', id, (c) => c.notNull())
        .addColumn('system_account', 'text', (c) => c.notNull())
        .addColumn('asset', 'text', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('captured_amount', money, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addColumn('date_placed', 'text', (c) => c.notNull())
        .addColumn('date_ended', 'text')
        .addColumn('ended_journals_id', id)
        .execute();
      // The expiry sweep looks for pending holds past their deadline.
      await db.schema.createIndex('ledger_holds_pending_idx').on('ledger_holds').columns(['status', 'deadline']).execute();

      await db.schema.alterTable('transactions').addColumn('journals_id', id).execute();
      await db.schema.alterTable('transactions').addColumn('holds_id', id).execute();
      await sql`update transactions set journals_id = (select p.id from postings p where p.transactions_id = transactions.id and p.kind = 'create')`.execute(db);
      await migrateHolds(db);

      if (dialect === 'postgres') {
        for (const table of ['ledger_journals', 'ledger_legs']) {
          await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
        }
      }
      await db.schema.dropTable('ledger_entries').execute();
      await db.schema.dropTable('postings').execute();
      for (const column of ['posted_balance', 'pending_in', 'pending_out']) await db.schema.alterTable('accounts').dropColumn(column).execute();
    }),
  };
}

/** One hold per transaction created pending, in the state its outcome posting (if any) left it. */
async function migrateHolds(db: Kysely<unknown>): Promise<void> {
  const zero = unitsToColumn(0n);
  await sql`
    insert into ledger_holds (journals_id, accounts_id, system_account, asset, amount, captured_amount, status, deadline, date_placed, date_ended, ended_journals_id)
    select t.journals_id, t.accounts_id, t.system_account, t.asset, t.amount,
      case when o.id is null then ${zero} when o.kind = 'complete' or t.direction = 'Outbound' then t.amount else ${zero} end,
      case when o.id is null then 'pending' when o.kind = 'complete' or t.direction = 'Outbound' then 'captured' else 'voided' end,
      null, t.date_time, o.date_time, o.id
    from transactions t
    join ledger_legs l on l.journals_id = t.journals_id and l.accounts_id = t.accounts_id and l.bucket <> 'posted'
    left join postings o on o.transactions_id = t.id and o.outcome_key is not null`.execute(db);
  await sql`update transactions set holds_id = (select h.id from ledger_holds h where h.journals_id = transactions.journals_id and h.accounts_id = transactions.accounts_id)
    where exists (select 1 from ledger_holds h where h.journals_id = transactions.journals_id and h.accounts_id = transactions.accounts_id)`.execute(db);
}
