import pg from 'pg';
import { isoTimestamp } from '../../src/shared/clock.js';
import { ACCOUNT_INFO_SQL, detailsJson, TRANSACTION_COLUMNS, TRANSFER_UNITS, transactionValues, unitsFromColumn, unitsToColumn, type AccountInfo } from './posting-shape.js';
import { LatencyRecorder, type RunFigures } from './stats.js';

const placeholders = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ');
const COLUMN_COUNT = TRANSACTION_COLUMNS.split(',').length;
const INSERT_TWO = `insert into transactions (${TRANSACTION_COLUMNS}) values (${placeholders(COLUMN_COUNT)}), (${placeholders(COLUMN_COUNT, COLUMN_COUNT + 1)}) returning id`;

/**
 * The PostgreSQL baseline: `pairs.length` pg clients in this process, each moving money on its own
 * account pair, one transfer per transaction: BEGIN; lock both balance rows FOR UPDATE in id order;
 * insert the journal, its two legs and both balances in one statement; insert both transaction rows
 * and count them in one statement; link them; COMMIT. The same rows as the server, with the fewest
 * round trips (6), and no HTTP.
 */
export async function rawPgTransfers(url: string, pairs: readonly (readonly [number, number])[], seconds: number): Promise<RunFigures> {
  const clients = pairs.map(() => new pg.Client({ connectionString: url }));
  // A connection cut under us (the run being stopped) fails its query; the idle-client event is not news.
  for (const client of clients) client.on('error', () => undefined);
  try {
    await Promise.all(clients.map((c) => c.connect()));
    const first = clients[0];
    if (first === undefined) throw new Error('no pairs');
    const info = new Map<number, AccountInfo>();
    const positions = new Map<number, number>();
    const rows = await first.query<{ id: string; customers_id: string; principal_id: string; asset: string; transaction_count: string }>(
      `${ACCOUNT_INFO_SQL} where a.id = any($1::bigint[])`,
      [pairs.flat()],
    );
    for (const r of rows.rows) {
      info.set(Number(r.id), { id: Number(r.id), customersId: Number(r.customers_id), principalId: Number(r.principal_id), asset: r.asset });
      positions.set(Number(r.id), Number(r.transaction_count));
    }

    const recorder = new LatencyRecorder();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async (client: pg.Client, pair: readonly [number, number]) => {
      const source = info.get(pair[0]);
      const destination = info.get(pair[1]);
      if (source === undefined || destination === undefined) throw new Error('unknown account');
      const amount = TRANSFER_UNITS;
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const dateTime = isoTimestamp(Date.now());
        await client.query('begin');
        try {
          const locked = await client.query<{ id: string; posted: string; pending_out: string }>(
            'select accounts_id as id, posted, pending_in, pending_out from ledger_balances where accounts_id = any($1::bigint[]) order by accounts_id for update',
            [[source.id, destination.id]],
          );
          const balances = new Map(locked.rows.map((r) => [Number(r.id), r]));
          const held = balances.get(source.id);
          const received = balances.get(destination.id);
          if (held === undefined || received === undefined) throw new Error('accounts vanished');
          if (unitsFromColumn(held.posted) + unitsFromColumn(held.pending_out) < amount) throw new Error('raw baseline ran out of funds');
          const journal = await client.query<{ id: string }>(
            `with j as (insert into ledger_journals (kind, date_time) values ('posting', $1) returning id),
             l as (insert into ledger_legs (journals_id, accounts_id, system_account, asset, bucket, amount)
                   select j.id, v.a, null, $2, 'posted', v.m::numeric from j, (values ($3::bigint, $4), ($5::bigint, $6)) as v(a, m)),
             u as (update ledger_balances set posted = v.b::numeric from (values ($3::bigint, $7), ($5::bigint, $8)) as v(a, b) where ledger_balances.accounts_id = v.a returning 1)
             select id from j`,
            [
              dateTime,
              source.asset,
              source.id,
              unitsToColumn(-amount),
              destination.id,
              unitsToColumn(amount),
              unitsToColumn(unitsFromColumn(held.posted) - amount),
              unitsToColumn(unitsFromColumn(received.posted) + amount),
            ],
          );
          const journalId = Number(journal.rows[0]?.id);
          // Each client owns its pair: the positions it counts are the accounts' own.
          const debitSeq = (positions.get(source.id) ?? 0) + 1;
          const creditSeq = (positions.get(destination.id) ?? 0) + 1;
          const ids = await client.query<{ id: string }>(
            `with t as (${INSERT_TWO}), c as (update accounts set transaction_count = transaction_count + 1 where id in ($${2 * COLUMN_COUNT + 1}::bigint, $${2 * COLUMN_COUNT + 2}::bigint) returning 1) select id from t order by id`,
            [
              ...transactionValues(source, source, destination, -amount, dateTime, journalId, debitSeq),
              ...transactionValues(destination, source, destination, amount, dateTime, journalId, creditSeq),
              source.id,
              destination.id,
            ],
          );
          const debitId = Number(ids.rows[0]?.id);
          const creditId = Number(ids.rows[1]?.id);
          await client.query(
            'update transactions set from_transactions_id = $1, from_accounts_id = $2, to_transactions_id = $3, to_accounts_id = $4, details_json = case when id = $1 then $5 else $6 end where id in ($1, $3)',
            [debitId, source.id, creditId, destination.id, detailsJson(creditId, source, destination), detailsJson(debitId, source, destination)],
          );
          await client.query('commit');
          positions.set(source.id, debitSeq);
          positions.set(destination.id, creditSeq);
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
        recorder.record(performance.now() - t0);
      }
    };
    await Promise.all(clients.map((c, i) => worker(c, pairs[i] as readonly [number, number])));
    const elapsed = (performance.now() - started) / 1000;
    return { ok: recorder.size, failed: 0, seconds: elapsed, perSecond: recorder.size / elapsed, latency: recorder.summary() };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
