import pg from 'pg';
import { isoTimestamp } from '../../src/shared/clock.js';
import { detailsJson, TRANSACTION_COLUMNS, TRANSFER_UNITS, transactionValues, unitsFromColumn, unitsToColumn, type AccountInfo } from './posting-shape.js';
import { LatencyRecorder, type RunFigures } from './stats.js';

const placeholders = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ');
const COLUMN_COUNT = TRANSACTION_COLUMNS.split(',').length;
const INSERT_TWO = `insert into transactions (${TRANSACTION_COLUMNS}) values (${placeholders(COLUMN_COUNT)}), (${placeholders(COLUMN_COUNT, COLUMN_COUNT + 1)}) returning id`;

/**
 * The PostgreSQL baseline: `pairs.length` pg clients in this process, each moving money on its own
 * account pair, one transfer per transaction: BEGIN; lock both rows FOR UPDATE in id order; insert
 * both transactions; link them; insert both postings and the four entries; write both balances;
 * COMMIT. The same rows as the server, with the fewest round trips (8), and no HTTP.
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
    const rows = await first.query<{ id: string; customers_id: string; asset: string }>('select id, customers_id, asset from accounts where id = any($1::bigint[])', [pairs.flat()]);
    for (const r of rows.rows) info.set(Number(r.id), { id: Number(r.id), customersId: Number(r.customers_id), asset: r.asset });

    // The server keeps a per-account transaction count when its schema has one; so does the baseline.
    const counted =
      (await first.query("select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'accounts' and column_name = 'transaction_count'")).rowCount === 1;
    const countSet = counted ? ', transaction_count = accounts.transaction_count + 1' : '';
    const recorder = new LatencyRecorder();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async (client: pg.Client, pair: readonly [number, number]) => {
      const source = info.get(pair[0]);
      const destination = info.get(pair[1]);
      if (source === undefined || destination === undefined) throw new Error('unknown account');
      const amount = TRANSFER_UNITS;
      const clearing = `internal:${source.asset}`;
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const dateTime = isoTimestamp(Date.now());
        await client.query('begin');
        try {
          const locked = await client.query<{ id: string; posted_balance: string; pending_out: string }>(
            'select id, posted_balance, pending_in, pending_out from accounts where id = any($1::bigint[]) order by id for update',
            [[source.id, destination.id]],
          );
          const balances = new Map(locked.rows.map((r) => [Number(r.id), r]));
          const held = balances.get(source.id);
          const received = balances.get(destination.id);
          if (held === undefined || received === undefined) throw new Error('accounts vanished');
          if (unitsFromColumn(held.posted_balance) + unitsFromColumn(held.pending_out) < amount) throw new Error('raw baseline ran out of funds');
          const ids = await client.query<{ id: string }>(INSERT_TWO, [
            ...transactionValues(source, source, destination, -amount, dateTime),
            ...transactionValues(destination, source, destination, amount, dateTime),
          ]);
          const debitId = Number(ids.rows[0]?.id);
          const creditId = Number(ids.rows[1]?.id);
          await client.query(
            'update transactions set from_transactions_id = $1, from_accounts_id = $2, to_transactions_id = $3, to_accounts_id = $4, details_json = case when id = $1 then $5 else $6 end where id in ($1, $3)',
            [debitId, source.id, creditId, destination.id, detailsJson(creditId, source, destination), detailsJson(debitId, source, destination)],
          );
          const postings = await client.query<{ id: string; transactions_id: string }>(
            "insert into postings (transactions_id, kind, outcome_key, date_time) values ($1, 'create', null, $3), ($2, 'create', null, $3) returning id, transactions_id",
            [debitId, creditId, dateTime],
          );
          const postingOf = new Map(postings.rows.map((r) => [Number(r.transactions_id), Number(r.id)]));
          await client.query(
            "insert into ledger_entries (postings_id, accounts_id, system_account, asset, bucket, amount) values ($1, $3, null, $5, 'posted', $6), ($1, null, $7, $5, 'posted', $8), ($2, $4, null, $5, 'posted', $8), ($2, null, $7, $5, 'posted', $6)",
            [postingOf.get(debitId), postingOf.get(creditId), source.id, destination.id, source.asset, unitsToColumn(-amount), clearing, unitsToColumn(amount)],
          );
          await client.query(`update accounts set posted_balance = v.balance::numeric${countSet} from (values ($1::bigint, $2), ($3::bigint, $4)) as v(id, balance) where accounts.id = v.id`, [
            source.id,
            unitsToColumn(unitsFromColumn(held.posted_balance) - amount),
            destination.id,
            unitsToColumn(unitsFromColumn(received.posted_balance) + amount),
          ]);
          await client.query('commit');
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
