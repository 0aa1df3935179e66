import BetterSqlite3 from 'better-sqlite3';
import { isoTimestamp } from '../../src/shared/clock.js';
import { ACCOUNT_INFO_SQL, detailsJson, TRANSACTION_COLUMNS, TRANSFER_UNITS, transactionValues, unitsFromColumn, unitsToColumn, type AccountInfo } from './posting-shape.js';
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
    const positions = new Map<number, number>();
    const readAccount = db.prepare<[number], { id: number; customers_id: number; principal_id: number; asset: string; transaction_count: number }>(
      `${ACCOUNT_INFO_SQL} where a.id = ?`,
    );
    for (const id of pairs.flat()) {
      const row = readAccount.get(id);
      if (row === undefined) throw new Error(`no account ${id}`);
      info.set(id, { id: row.id, customersId: row.customers_id, principalId: row.principal_id, asset: row.asset });
      positions.set(id, row.transaction_count);
    }
    const begin = db.prepare('begin immediate');
    const commit = db.prepare('commit');
    const rollback = db.prepare('rollback');
    const lock = db.prepare<[number, number], { id: number; posted: string; pending_in: string; pending_out: string }>(
      'select accounts_id as id, posted, pending_in, pending_out from ledger_balances where accounts_id in (?, ?) order by accounts_id',
    );
    const insertTransaction = db.prepare(
      `insert into transactions (${TRANSACTION_COLUMNS}) values (${TRANSACTION_COLUMNS.split(',')
        .map(() => '?')
        .join(', ')})`,
    );
    const linkTransaction = db.prepare(
      'update transactions set from_transactions_id = ?, from_accounts_id = ?, to_transactions_id = ?, to_accounts_id = ?, details_json = ? where id = ?',
    );
    const insertJournal = db.prepare("insert into ledger_journals (kind, date_time) values ('posting', ?)");
    const insertLegs = db.prepare(
      "insert into ledger_legs (journals_id, accounts_id, system_account, asset, bucket, amount) values (?, ?, null, ?, 'posted', ?), (?, ?, null, ?, 'posted', ?)",
    );
    const setPosted = db.prepare('update ledger_balances set posted = ? where accounts_id = ?');
    const count = db.prepare('update accounts set transaction_count = transaction_count + 1 where id = ?');

    const transfer = (source: AccountInfo, destination: AccountInfo) => {
      const amount = TRANSFER_UNITS;
      const dateTime = isoTimestamp(Date.now());
      const balances = new Map(lock.all(Math.min(source.id, destination.id), Math.max(source.id, destination.id)).map((r) => [r.id, r]));
      const held = balances.get(source.id);
      const received = balances.get(destination.id);
      if (held === undefined || received === undefined) throw new Error('accounts vanished');
      if (unitsFromColumn(held.posted) + unitsFromColumn(held.pending_out) < amount) throw new Error('raw baseline ran out of funds');
      const journalId = Number(insertJournal.run(dateTime).lastInsertRowid);
      insertLegs.run(journalId, source.id, source.asset, unitsToColumn(-amount), journalId, destination.id, destination.asset, unitsToColumn(amount));
      setPosted.run(unitsToColumn(unitsFromColumn(held.posted) - amount), source.id);
      setPosted.run(unitsToColumn(unitsFromColumn(received.posted) + amount), destination.id);
      const debitSeq = (positions.get(source.id) ?? 0) + 1;
      const creditSeq = (positions.get(destination.id) ?? 0) + 1;
      const debitId = Number(insertTransaction.run(...transactionValues(source, source, destination, -amount, dateTime, journalId, debitSeq)).lastInsertRowid);
      const creditId = Number(insertTransaction.run(...transactionValues(destination, source, destination, amount, dateTime, journalId, creditSeq)).lastInsertRowid);
      positions.set(source.id, debitSeq);
      positions.set(destination.id, creditSeq);
      count.run(source.id);
      count.run(destination.id);
      linkTransaction.run(debitId, source.id, creditId, destination.id, detailsJson(creditId, source, destination), debitId);
      linkTransaction.run(debitId, source.id, creditId, destination.id, detailsJson(debitId, source, destination), creditId);
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
