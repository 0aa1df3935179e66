import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { formatCanonical } from '../shared/decimal.js';
import { unitsFromColumn } from './money-column.js';

export const VERIFY_BATCH_SIZE = 10_000;

type Sums = Map<string, bigint>;

function add(sums: Sums, key: string, amount: bigint): void {
  sums.set(key, (sums.get(key) ?? 0n) + amount);
}

/**
 * Checks the ledger's invariants and returns every violation found (empty when sound):
 * each posting balances per asset and bucket; all entries balance per asset; every stored
 * balance equals the sum of its account's entries; a pending transaction has no outcome and an
 * ended one that started pending has exactly one. Sums are exact (bigint), read in batches.
 */
export async function verifyLedger(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const perPosting: Sums = new Map();
  const perAsset: Sums = new Map();
  const perAccount: Sums = new Map();
  let lastId = 0;
  for (;;) {
    const batch = await db.selectFrom('ledger_entries').selectAll().where('id', '>', lastId).orderBy('id').limit(VERIFY_BATCH_SIZE).execute();
    for (const e of batch) {
      const amount = unitsFromColumn(e.amount);
      add(perPosting, `${e.postings_id}/${e.asset}/${e.bucket}`, amount);
      add(perAsset, e.asset, amount);
      if (e.accounts_id !== null) add(perAccount, `${e.accounts_id}/${e.bucket}`, amount);
    }
    if (batch.length < VERIFY_BATCH_SIZE) break;
    lastId = (batch[batch.length - 1] as { id: number }).id;
  }
  for (const [key, sum] of perPosting) if (sum !== 0n) problems.push(`posting ${key} does not balance: ${formatCanonical(sum)}`);
  for (const [asset, sum] of perAsset) if (sum !== 0n) problems.push(`asset ${asset}: debits and credits differ by ${formatCanonical(sum)}`);

  const accounts = await db.selectFrom('accounts').select(['id', 'posted_balance', 'pending_in', 'pending_out', 'transaction_count']).execute();
  const counted = new Map(
    (await db.selectFrom('transactions').select(['accounts_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('accounts_id').execute()).map((r) => [r.accounts_id, Number(r.n)]),
  );
  for (const a of accounts) {
    const expected = counted.get(a.id) ?? 0;
    if (Number(a.transaction_count) !== expected) problems.push(`account ${a.id}: stored transaction_count ${a.transaction_count} but it has ${expected} transactions`);
  }
  for (const a of accounts) {
    const stored = { posted: a.posted_balance, pending_in: a.pending_in, pending_out: a.pending_out };
    for (const [bucket, text] of Object.entries(stored)) {
      const expected = perAccount.get(`${a.id}/${bucket}`) ?? 0n;
      const actual = unitsFromColumn(text);
      if (expected !== actual) problems.push(`account ${a.id}: stored ${bucket} ${formatCanonical(actual)} but entries sum to ${formatCanonical(expected)}`);
    }
  }
  problems.push(...(await verifyOutcomes(db)));
  return problems;
}

async function verifyOutcomes(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db
    .selectFrom('transactions as t')
    .leftJoin('postings as p', (join) => join.onRef('p.transactions_id', '=', 't.id').on('p.outcome_key', 'is not', null))
    .select(['t.id', 't.status', 't.date_completed', 't.date_time', (eb) => eb.fn.count<number>('p.id').as('outcomes')])
    .groupBy(['t.id', 't.status', 't.date_completed', 't.date_time'])
    .execute();
  for (const r of rows) {
    const outcomes = Number(r.outcomes);
    if (r.status === 'Pending' && outcomes !== 0) problems.push(`transaction ${r.id} is pending but has an outcome posting`);
    if (outcomes > 1) problems.push(`transaction ${r.id} has ${outcomes} outcomes`);
    if (r.status !== 'Pending' && r.status !== 'Completed' && outcomes !== 1) problems.push(`transaction ${r.id} is ${r.status} without an outcome posting`);
  }
  return problems;
}
