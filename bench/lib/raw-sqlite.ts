import BetterSqlite3 from 'better-sqlite3';
import { isoTimestamp } from '../../src/shared/clock.js';
import { detailsJson, TRANSACTION_COLUMNS, TRANSFER_UNITS, transactionValues, unitsFromColumn, unitsToColumn, type AccountInfo } from './posting-shape.js';
import { LatencyRecorder, type RunFigures } from './stats.js';

/**
 * The durable-write baseline without HTTP: one process, one connection, one transfer per
 * transaction (BEGIN IMMEDIATE … COMMIT), WAL with synchronous=FULL like the server, on the same
 * database file, on account pairs of its own. Its rate is one WAL fsync per transfer.
 */
export function rawSqliteTransfers(path: string, pairs: readonly (readonly [number, number])[], seconds: number): RunFigures {
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const info = new Map<number, AccountInfo>();
    const readAccount = db.prepare<[number], { id: number; customers_id: number; asset: string }>('select id, customers_id, asset from accounts where id = ?');
    for (const id of pairs.flat()) {
      const row = readAccount.get(id);
      if (row === undefined) throw new Error(`no account ${id}`);
      info.set(id, { id: row.id, customersId: row.customers_id, asset: row.asset });
    }
    const begin = db.prepare('begin immediate');
    const commit = db.prepare('commit');
    const rollback = db.prepare('rollback');
    const lock = db.prepare<[number, number], { id: number; posted_balance: string; pending_in: string; pending_out: string }>(
      'select id, posted_balance, pending_in, pending_out from accounts where id in (?, ?) order by id',
    );
    const insertTransaction = db.prepare(`insert into transactions (${TRANSACTION_COLUMNS}) values (${TRANSACTION_COLUMNS.split(',').map(() => '?').join(', ')})`);
    const linkTransaction = db.prepare(
      'update transactions set from_transactions_id = ?, from_accounts_id = ?, to_transactions_id = ?, to_accounts_id = ?, details_json = ? where id = ?',
    );
    const insertPosting = db.prepare("insert into postings (transactions_id, kind, outcome_key, date_time) values (?, 'create', null, ?)");
    const insertEntries = db.prepare(
      "insert into ledger_entries (postings_id, accounts_id, system_account, asset, bucket, amount) values (?, ?, null, ?, 'posted', ?), (?, null, ?, ?, 'posted', ?)",
    );
    // The server keeps a per-account transaction count when its schema has one; so does the baseline.
    const counted = (db.prepare("select count(*) as n from pragma_table_info('accounts') where name = 'transaction_count'").pluck().get() as number) > 0;
    const setPosted = db.prepare(`update accounts set posted_balance = ?${counted ? ', transaction_count = transaction_count + 1' : ''} where id = ?`);

    const transfer = (source: AccountInfo, destination: AccountInfo) => {
      const amount = TRANSFER_UNITS;
      const dateTime = isoTimestamp(Date.now());
      const balances = new Map(lock.all(Math.min(source.id, destination.id), Math.max(source.id, destination.id)).map((r) => [r.id, r]));
      const held = balances.get(source.id);
      const received = balances.get(destination.id);
      if (held === undefined || received === undefined) throw new Error('accounts vanished');
      if (unitsFromColumn(held.posted_balance) + unitsFromColumn(held.pending_out) < amount) throw new Error('raw baseline ran out of funds');
      const debitId = Number(insertTransaction.run(...transactionValues(source, source, destination, -amount, dateTime)).lastInsertRowid);
      const creditId = Number(insertTransaction.run(...transactionValues(destination, source, destination, amount, dateTime)).lastInsertRowid);
      linkTransaction.run(debitId, source.id, creditId, destination.id, detailsJson(creditId, source, destination), debitId);
      linkTransaction.run(debitId, source.id, creditId, destination.id, detailsJson(debitId, source, destination), creditId);
      const clearing = `internal:${source.asset}`;
      const debitPosting = Number(insertPosting.run(debitId, dateTime).lastInsertRowid);
      insertEntries.run(debitPosting, source.id, source.asset, unitsToColumn(-amount), debitPosting, clearing, source.asset, unitsToColumn(amount));
      const creditPosting = Number(insertPosting.run(creditId, dateTime).lastInsertRowid);
      insertEntries.run(creditPosting, destination.id, destination.asset, unitsToColumn(amount), creditPosting, clearing, destination.asset, unitsToColumn(-amount));
      setPosted.run(unitsToColumn(unitsFromColumn(held.posted_balance) - amount), source.id);
      setPosted.run(unitsToColumn(unitsFromColumn(received.posted_balance) + amount), destination.id);
    };

    const recorder = new LatencyRecorder();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let i = 0;
    while (performance.now() < deadline) {
      const pair = pairs[i++ % pairs.length];
      if (pair === undefined) throw new Error('no pairs');
      const t0 = performance.now();
      begin.run();
      try {
        transfer(info.get(pair[0]) as AccountInfo, info.get(pair[1]) as AccountInfo);
        commit.run();
      } catch (error) {
        rollback.run();
        throw error;
      }
      recorder.record(performance.now() - t0);
    }
    const elapsed = (performance.now() - started) / 1000;
    return { ok: recorder.size, failed: 0, seconds: elapsed, perSecond: recorder.size / elapsed, latency: recorder.summary() };
  } finally {
    db.close();
  }
}
