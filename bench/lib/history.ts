import BetterSqlite3 from 'better-sqlite3';
import { unitsFromColumn, unitsToColumn } from '../../src/ledger/index.js';
import { median } from './stats.js';

const TRANSACTION_COPY_COLUMNS =
  'accounts_id, customers_id, principal_customers_id, asset, amount, description, transaction_type, status, rail, system_account, direction, from_transactions_id, from_accounts_id, to_transactions_id, to_accounts_id, rollback_transaction_id, original_transaction_id, fee_transaction_id, details_json';

/**
 * Grows an account's history directly in the database, in one transaction, by copying a template
 * transaction the server itself wrote (a pay-in): per copy one transaction row, its `create` posting
 * and the posting's two entries, with fresh ids and a timestamp one second apart (row k of the
 * history at `t0Seconds + k`); the account's stored balance moves by the copies' sum, so
 * `ibanera-server verify` still passes. Returns the seconds it took.
 */
export function seedHistory(path: string, accountId: number, templateTransactionId: number, copies: number, firstIndex: number, t0Seconds: number): number {
  if (copies <= 0) return 0;
  const started = performance.now();
  const db = new BetterSqlite3(path);
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -262144');
    const template = db.prepare<[number], { amount: string; accounts_id: number }>('select amount, accounts_id from transactions where id = ?').get(templateTransactionId);
    if (template?.accounts_id !== accountId) throw new Error('template transaction is not on the account');
    const journal = db.prepare<[number], { id: number }>('select journals_id as id from transactions where id = ?').get(templateTransactionId);
    if (journal === undefined) throw new Error('template has no journal');
    const stamp = "strftime('%Y-%m-%dT%H:%M:%f+00:00', @t0 + @first + i, 'unixepoch')";
    const seq = 'with recursive seq(i) as (select 1 union all select i + 1 from seq where i < @copies)';
    db.exec('begin immediate');
    try {
      const max = (table: string) => db.prepare<[], { m: number | null }>(`select max(id) as m from ${table}`).get()?.m ?? 0;
      const params = {
        copies,
        first: firstIndex,
        t0: t0Seconds,
        template: templateTransactionId,
        journal: journal.id,
        tx: max('transactions'),
        jo: max('ledger_journals'),
        le: max('ledger_legs'),
      };
      db.prepare(
        `${seq} insert into transactions (id, ${TRANSACTION_COPY_COLUMNS}, date_time, date_completed, journals_id, holds_id)
         select @tx + i, ${TRANSACTION_COPY_COLUMNS}, ${stamp}, ${stamp}, @jo + i, null from seq, transactions where transactions.id = @template`,
      ).run(params);
      db.prepare(
        `${seq} insert into ledger_journals (id, kind, date_time)
         select @jo + i, kind, ${stamp} from seq, ledger_journals where ledger_journals.id = @journal`,
      ).run(params);
      db.prepare(
        `${seq} insert into ledger_legs (id, journals_id, accounts_id, system_account, asset, bucket, amount)
         select @le + 2 * (i - 1) + e.k, @jo + i, e.accounts_id, e.system_account, e.asset, e.bucket, e.amount
         from seq, (select row_number() over (order by id) as k, * from ledger_legs where journals_id = @journal) e`,
      ).run(params);
      const balance = db.prepare<[number], { posted: string }>('select posted from ledger_balances where accounts_id = ?').get(accountId);
      if (balance === undefined) throw new Error('account vanished');
      const after = unitsFromColumn(balance.posted) + BigInt(copies) * unitsFromColumn(template.amount);
      db.prepare('update ledger_balances set posted = ? where accounts_id = ?').run(unitsToColumn(after), accountId);
      // The stored per-account transaction count stays equal to the rows (verify checks it).
      db.prepare('update accounts set transaction_count = transaction_count + ? where id = ?').run(copies, accountId);
      // The copies land before the template in date_time order: the account's positions are numbered again, as migration 0021 does.
      db.prepare(
        `update transactions set account_seq = r.n
         from (select id, row_number() over (order by date_time, id) as n from transactions where accounts_id = @account) as r
         where transactions.id = r.id`,
      ).run({ account: accountId });
      db.exec('commit');
    } catch (error) {
      db.exec('rollback');
      throw error;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

export interface QueryTimings {
  readonly countMs: number;
  readonly firstPageMs: number;
  readonly page50Ms: number;
  readonly midOffset: number;
  readonly midOffsetMs: number;
  readonly midKeysetMs: number;
  /** The same page by stored positions (`account_seq` range), as the list endpoint reads it. */
  readonly midPositionMs: number;
}

/**
 * The list endpoint's SQL, timed alone (median of repeated runs, no HTTP) to attribute its cost:
 * the `count(*)` behind numberOfPages, the page at OFFSET 0 and 490, a page at OFFSET n/2, and the
 * same page found by keyset (`(date_time, id) < cursor`) and by stored positions (the endpoint's way since
 * migration 0021), both costing the same at any depth.
 */
export function timeListQueries(path: string, accountId: number, budgetMs: number): QueryTimings {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const count = db.prepare('select count(*) as n from transactions where accounts_id = ?').pluck();
    const page = db.prepare('select * from transactions where accounts_id = ? order by date_time desc, id desc limit ? offset ?');
    const keyset = db.prepare('select * from transactions where accounts_id = ? and (date_time, id) < (?, ?) order by date_time desc, id desc limit ?');
    const positions = db.prepare('select * from transactions where accounts_id = ? and account_seq >= ? and account_seq <= ? order by date_time desc, id desc');
    const n = count.get(accountId) as number;
    const midOffset = Math.floor(n / 2);
    const cursor = db
      .prepare<[number, number], { date_time: string; id: number }>(
        'select date_time, id from transactions where accounts_id = ? order by date_time desc, id desc limit 1 offset ?',
      )
      .get(accountId, midOffset - 1);
    if (cursor === undefined) throw new Error('history too short');
    const time = (run: () => unknown) => {
      const samples: number[] = [];
      const deadline = performance.now() + budgetMs;
      do {
        const t0 = performance.now();
        run();
        samples.push(performance.now() - t0);
      } while (samples.length < 200 && (samples.length < 3 || performance.now() < deadline));
      return median(samples);
    };
    return {
      countMs: time(() => count.get(accountId)),
      firstPageMs: time(() => page.all(accountId, 10, 0)),
      page50Ms: time(() => page.all(accountId, 10, 490)),
      midOffset,
      midOffsetMs: time(() => page.all(accountId, 10, midOffset)),
      midKeysetMs: time(() => keyset.all(accountId, cursor.date_time, cursor.id, 10)),
      midPositionMs: time(() => positions.all(accountId, n - midOffset - 9, n - midOffset)),
    };
  } finally {
    db.close();
  }
}
