import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { applyEntries, assertBalanced, type EntryDraft, type StoredBalances } from './entries.js';
import { unitsFromColumn, unitsToColumn } from './money-column.js';
import { assert } from '../shared/assert.js';
import { DomainError } from '../shared/domain-error.js';

/** Stored balances stay below 10^20 (the NUMERIC(38,18) columns' range). */
export const BALANCE_LIMIT_UNITS = 10n ** 20n * 10n ** 18n;

export interface PostingDraft {
  readonly transactionsId: number;
  readonly kind: 'create' | 'complete' | 'fail' | 'cancel';
  /** True for the posting that ends a pending transaction; the database allows one per transaction. */
  readonly isOutcome: boolean;
  readonly dateTime: string;
  readonly entries: readonly EntryDraft[];
}

/**
 * Reads customer accounts' stored balances, locking the rows on PostgreSQL in id order (a fixed
 * order, so two transfers never deadlock). On SQLite the transaction already holds the write lock.
 */
export async function lockBalances(tx: Kysely<Database>, dialect: DialectName, ids: readonly number[]): Promise<Map<number, StoredBalances>> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const out = new Map<number, StoredBalances>();
  if (unique.length === 0) return out;
  let query = tx.selectFrom('accounts').select(['id', 'posted_balance', 'pending_in', 'pending_out']).where('id', 'in', unique).orderBy('id');
  // NO KEY UPDATE, not UPDATE: inserting a transaction row takes a KEY SHARE lock on its account
  // (the foreign key), which FOR UPDATE would conflict with — two writers on one account would
  // each hold KEY SHARE and wait for the other's: a deadlock.
  if (dialect === 'postgres') query = query.forNoKeyUpdate();
  for (const row of await query.execute()) {
    out.set(row.id, { posted: unitsFromColumn(row.posted_balance), pendingIn: unitsFromColumn(row.pending_in), pendingOut: unitsFromColumn(row.pending_out) });
  }
  return out;
}

/** What a batch of postings may take as already known (read under lock in the caller's transaction). */
export interface PostingOptions {
  /** Balances the caller read with `lockBalances` in this transaction and has not changed since. */
  readonly lockedBalances?: ReadonlyMap<number, StoredBalances>;
  /** New transaction rows per customer account, added to its `transaction_count` in the same UPDATE. */
  readonly newTransactions?: ReadonlyMap<number, number>;
}

/** Appends one balanced posting and its entries, and moves the stored balances with them. */
export function writePosting(tx: Kysely<Database>, dialect: DialectName, draft: PostingDraft): Promise<void> {
  return writePostings(tx, dialect, [draft]);
}

/**
 * Appends balanced postings written together (the legs of one use case): the postings, every
 * entry, and one UPDATE that moves each customer account's stored balances by the sum of its
 * entries (and counts its new transaction rows). New balances are computed, and checked against
 * the column range, before anything is written. SQLite: one statement per table. PostgreSQL: one
 * statement in all (the inserts as data-modifying CTEs), since there each statement is a round trip.
 */
export async function writePostings(tx: Kysely<Database>, dialect: DialectName, drafts: readonly PostingDraft[], options: PostingOptions = {}): Promise<void> {
  if (drafts.length === 0) return;
  for (const draft of drafts) assertBalanced(draft.entries);
  const customerIds = [...new Set(drafts.flatMap((d) => d.entries.flatMap((e) => (e.accountsId === null ? [] : [e.accountsId]))))].sort((a, b) => a - b);
  const known = options.lockedBalances;
  const balances = known !== undefined && customerIds.every((id) => known.has(id)) ? known : await lockBalances(tx, dialect, customerIds);
  const allEntries = drafts.flatMap((d) => d.entries);
  const moved: MovedBalances[] = customerIds.map((accountsId) => {
    const before = balances.get(accountsId);
    assert(before !== undefined, `account ${accountsId} exists`);
    const after = applyEntries(before, allEntries.filter((e) => e.accountsId === accountsId));
    // NUMERIC(38,18) holds less than 10^20: a balance that would not fit is refused, not a crash.
    if ([after.posted, after.pendingIn, after.pendingOut].some((b) => b >= BALANCE_LIMIT_UNITS || b <= -BALANCE_LIMIT_UNITS)) {
      throw new DomainError('Invalid', 'Amount');
    }
    return { accountsId, after, newTransactions: options.newTransactions?.get(accountsId) ?? 0 };
  });
  const oneTransactionEach = new Set(drafts.map((d) => d.transactionsId)).size === drafts.length;
  if (dialect === 'postgres' && oneTransactionEach && moved.length > 0) {
    await writeInOneStatement(tx, drafts, moved);
    return;
  }
  const postings = await tx
    .insertInto('postings')
    .values(drafts.map((d) => ({ transactions_id: d.transactionsId, kind: d.kind, outcome_key: outcomeKey(d), date_time: d.dateTime })))
    .returning(['id', 'transactions_id'])
    .execute();
  const postingIds = insertedIds(postings, drafts.map((d) => d.transactionsId), 'transactions_id');
  await tx
    .insertInto('ledger_entries')
    .values(
      drafts.flatMap((d, i) =>
        d.entries.map((e) => ({
          postings_id: postingIds[i] as number,
          accounts_id: e.accountsId,
          system_account: e.systemAccount,
          asset: e.asset,
          bucket: e.bucket,
          amount: unitsToColumn(e.amount),
        })),
      ),
    )
    .execute();
  if (moved.length > 0) await sql`update accounts set ${balanceAssignments('sqlite', moved)} where id in (${sql.join(moved.map((m) => m.accountsId))})`.execute(tx);
}

const outcomeKey = (d: PostingDraft) => (d.isOutcome ? 'outcome' : null);

interface MovedBalances {
  readonly accountsId: number;
  readonly after: StoredBalances;
  readonly newTransactions: number;
}

/**
 * PostgreSQL: the postings, their entries (matched to their posting by transaction: one posting per
 * transaction in the batch) and the balances in one statement, which is atomic on its own.
 */
async function writeInOneStatement(tx: Kysely<Database>, drafts: readonly PostingDraft[], moved: readonly MovedBalances[]): Promise<void> {
  const postings = sql.join(drafts.map((d) => sql`(${d.transactionsId}, ${d.kind}, ${outcomeKey(d)}, ${d.dateTime})`));
  // VALUES outside an INSERT take no types from a table: every value is cast to its column type.
  const entries = sql.join(
    drafts.flatMap((d) =>
      d.entries.map(
        (e) =>
          sql`(cast(${d.transactionsId} as bigint), cast(${e.accountsId} as bigint), cast(${e.systemAccount} as text), cast(${e.asset} as text), cast(${e.bucket} as text), cast(${unitsToColumn(e.amount)} as numeric))`,
      ),
    ),
  );
  await sql`
    with p as (
      insert into postings (transactions_id, kind, outcome_key, date_time) values ${postings}
      returning id, transactions_id
    ), e as (
      insert into ledger_entries (postings_id, accounts_id, system_account, asset, bucket, amount)
      select p.id, v.accounts_id, v.system_account, v.asset, v.bucket, v.amount
      from (values ${entries}) as v (transactions_id, accounts_id, system_account, asset, bucket, amount)
      join p on p.transactions_id = v.transactions_id
    )
    update accounts set ${balanceAssignments('postgres', moved)} where id in (${sql.join(moved.map((m) => m.accountsId))})`.execute(tx);
}

/** `posted_balance = case …, pending_in = …, pending_out = …[, transaction_count = …]` for the accounts moved. */
function balanceAssignments(dialect: DialectName, moved: readonly MovedBalances[]): RawBuilder<unknown> {
  // Parameters in a CASE have no type of their own: PostgreSQL is told their types.
  const money = (units: bigint) => (dialect === 'postgres' ? sql`cast(${unitsToColumn(units)} as numeric)` : sql`${unitsToColumn(units)}`);
  const byAccount = (value: (m: MovedBalances) => RawBuilder<unknown>) => sql`case ${sql.join(moved.map((m) => sql`when id = ${m.accountsId} then ${value(m)}`), sql` `)} end`;
  const assignments = [
    sql`posted_balance = ${byAccount((m) => money(m.after.posted))}`,
    sql`pending_in = ${byAccount((m) => money(m.after.pendingIn))}`,
    sql`pending_out = ${byAccount((m) => money(m.after.pendingOut))}`,
  ];
  if (moved.some((m) => m.newTransactions > 0)) {
    assignments.push(sql`transaction_count = transaction_count + ${byAccount((m) => sql`cast(${m.newTransactions} as integer)`)}`);
  }
  return sql.join(assignments);
}

/**
 * The ids of rows one multi-row INSERT created, in the order of its VALUES. RETURNING promises no
 * order, but both databases assign increasing ids within one statement, so the ids sorted ascending
 * are the rows in VALUES order; `column` (a value each row was given) confirms the match.
 */
export function insertedIds<K extends string>(rows: readonly ({ readonly id: number } & Record<K, number>)[], expected: readonly number[], column: K): number[] {
  assert(rows.length === expected.length, 'one returned row per inserted row');
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  return sorted.map((row, i) => {
    assert(row[column] === expected[i], `inserted rows come back in VALUES order (${column})`);
    return row.id;
  });
}
