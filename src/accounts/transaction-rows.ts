import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { Database, TransactionsTable } from '../db/schema.js';
import { endHold, legs, placeHolds, unitsFromColumn, unitsToColumn, writeJournals, writeJournalsEach, type JournalOptions } from '../ledger/index.js';
import { DomainError } from '../shared/domain-error.js';
import { assert } from '../shared/assert.js';
import { placeRows, type Placement } from './transaction-positions.js';
import type { TransferParties } from './transfer-parties.js';

/**
 * The API's transaction rows (the view Ibanera shows: one row on one account, `bPending`,
 * `rollbackTransactionId`…) and the journal legs behind them. A row posted at once points at the
 * journal of its use case; a pending row points at its hold (and the hold's journal). Settling it
 * captures the hold; failing it captures the hold and credits the funds back through a rollback
 * row. Nothing is updated in place except a row's status, links and details.
 */
export type TransactionRow = Selectable<TransactionsTable>;

export interface NewTransaction {
  readonly accountsId: number;
  readonly customersId: number;
  readonly asset: string;
  /** Signed: negative for money leaving the account. */
  readonly amount: bigint;
  readonly description: string;
  readonly transactionType: string;
  readonly rail: string;
  /** The system account on the other side (from the ledger's registry, `systemAccount.*`). */
  readonly systemAccount: string;
  readonly status: 'Pending' | 'Completed';
  readonly details: Readonly<Record<string, unknown>>;
  readonly dateTime: string;
  readonly originalTransactionId?: number;
}

export async function recordTransaction(tx: Kysely<Database>, dialect: DialectName, t: NewTransaction, options: JournalOptions = {}): Promise<number> {
  const [id] = await recordTransactions(tx, dialect, [t], options);
  assert(id !== undefined, 'one transaction recorded');
  return id;
}

/**
 * Records the rows of one use case: the ones posted at once share one journal (an internal
 * transfer's two rows are one journal of two legs), the pending ones are holds placed by a second
 * one. The ledger checks the account rule, so an overdraft is refused here (`Insufficient_Funds`
 * on `options.insufficientFundsField`). Returns the new ids in the order given.
 */
export async function recordTransactions(tx: Kysely<Database>, dialect: DialectName, ts: readonly NewTransaction[], options: JournalOptions = {}): Promise<number[]> {
  if (ts.length === 0) return [];
  assert(
    ts.every((t) => t.amount !== 0n),
    'a transaction moves money',
  );
  const dateTime = (ts[0] as NewTransaction).dateTime;
  const posted = ts.filter((t) => t.status === 'Completed');
  const pending = ts.filter((t) => t.status === 'Pending');
  const journalOf = new Map<NewTransaction, { journalsId: number; holdsId: number | null }>();
  if (posted.length > 0) {
    const [journalsId] = await writeJournals(
      tx,
      dialect,
      [{ kind: 'posting', dateTime, legs: posted.flatMap((t) => legs(t.accountsId, t.systemAccount, t.asset, 'posted', t.amount)) }],
      options,
    );
    for (const t of posted) journalOf.set(t, { journalsId: journalsId as number, holdsId: null });
  }
  if (pending.length > 0) {
    const placed = await placeHolds(
      tx,
      dialect,
      pending.map((t) => ({ accountsId: t.accountsId, systemAccount: t.systemAccount, asset: t.asset, amount: t.amount, deadline: null })),
      dateTime,
      options,
    );
    pending.forEach((t, i) => journalOf.set(t, { journalsId: placed.journalsId, holdsId: placed.holdIds[i] as number }));
  }
  return insertRows(
    tx,
    dialect,
    ts.map((t) => transactionValues(t, journalOf.get(t) as { journalsId: number; holdsId: number | null })),
  );
}

/** A row as a use case gives it; its position, and its principal unless given, are found at insert. */
type NewRow = Omit<Insertable<TransactionsTable>, 'account_seq' | 'principal_customers_id'> & { readonly principal_customers_id?: number };

/** A transfer's two rows (from, to), posted at once as one journal and linked both ways. */
export interface PostedPair {
  readonly rows: readonly [NewTransaction, NewTransaction];
  /** Each row's principal (`coalesce(manager, owner)` of its customer), as the caller read it. */
  readonly principals: readonly [number, number];
  /** Each row's details, once both rows' ids are known. */
  readonly details: (fromId: number, toId: number) => readonly [Readonly<Record<string, unknown>>, Readonly<Record<string, unknown>>];
}

/**
 * Transfers of independent use cases written together (a batch of internal transfers): each pair
 * is one journal, checked in order against the balances the pairs before it left. A pair the ledger
 * refuses writes nothing and gets its refusal; the others get their two ids. The rows are written
 * once, with their ids (from `parties`), links and details in place, so no update follows.
 */
export async function recordPostedPairsEach(
  tx: Kysely<Database>,
  dialect: DialectName,
  parties: TransferParties,
  pairs: readonly PostedPair[],
  options: JournalOptions = {},
): Promise<(readonly [number, number] | DomainError)[]> {
  for (const pair of pairs)
    assert(
      pair.rows.every((t) => t.amount !== 0n && t.status === 'Completed'),
      'a posted pair moves money',
    );
  const journals = await writeJournalsEach(
    tx,
    dialect,
    pairs.map((pair) => ({
      kind: 'posting',
      dateTime: pair.rows[0].dateTime,
      legs: pair.rows.flatMap((t) => legs(t.accountsId, t.systemAccount, t.asset, 'posted', t.amount)),
    })),
    { ...options, locked: parties.balances },
  );
  const values: NewRow[] = [];
  const outcomes = pairs.map((pair, i): readonly [number, number] | DomainError => {
    const journalsId = journals[i] as number | DomainError;
    if (journalsId instanceof DomainError) return journalsId;
    const ids = [parties.transactionIds.next(), parties.transactionIds.next()] as const;
    const [from, to] = pair.rows;
    const details = pair.details(...ids);
    const links = { from_transactions_id: ids[0], from_accounts_id: from.accountsId, to_transactions_id: ids[1], to_accounts_id: to.accountsId };
    pair.rows.forEach((t, k) =>
      values.push({
        ...transactionValues(t, { journalsId, holdsId: null }),
        ...links,
        id: ids[k],
        details_json: JSON.stringify(details[k]),
        principal_customers_id: pair.principals[k],
      }),
    );
    return ids;
  });
  if (values.length > 0) {
    const inserted = await insertRows(tx, dialect, values, parties.positions);
    assert(
      inserted.every((id, i) => id === values[i]?.id),
      'the rows were written with their reserved ids',
    );
  }
  return outcomes;
}

/**
 * Inserts the rows, counts them on their accounts (`transaction_count`, for numberOfPages) and
 * places them in their accounts' order (`account_seq`, transaction-positions.ts): the rows after
 * theirs, if any, move up; each row gets its customer's principal. PostgreSQL: one statement (the count and the shift as data-modifying
 * CTEs, all reading the same snapshot from before it); SQLite: three, the insert first.
 */
async function insertRows(tx: Kysely<Database>, dialect: DialectName, values: readonly NewRow[], counted: TransferParties['positions'] = null): Promise<number[]> {
  const dateTime = (values[0] as { date_time: string }).date_time;
  assert(
    values.every((r) => r.date_time === dateTime),
    'the rows of one use case share one dateTime',
  );
  const perAccount = new Map<number, number>();
  for (const r of values) perAccount.set(r.accounts_id, (perAccount.get(r.accounts_id) ?? 0) + 1);
  const countCase = sql`case ${sql.join(
    [...perAccount].map(([id, n]) => sql`when id = ${id} then cast(${n} as integer)`),
    sql` `,
  )} end`;
  const countedIds = [...perAccount.keys()];
  const count = sql<number>`transaction_count + ${countCase}`;
  const known = counted === null ? null : countedPositions(values, counted);
  // With the counts read under the write lock, the later rows' shift is needed only when there are some.
  const shifts = counted === null || countedIds.some((id) => (counted.get(id)?.later ?? 0) > 0);
  // The SQL positions (and the shift) are built only when they are used.
  const placement = known === null || shifts ? placeRows(values, dateTime) : null;
  const placed = values.map((r, i) => ({
    ...r,
    account_seq: known === null ? (placement?.positions[i] as RawBuilder<number>) : (known[i] as number),
    principal_customers_id: r.principal_customers_id ?? sql<number>`(select coalesce(manager_customers_id, id) from customers where id = ${r.customers_id})`,
  }));
  let inserted: { id: number; accounts_id: number }[];
  if (dialect === 'postgres') {
    const rowsBack = await tx
      .with('t', (db) => db.insertInto('transactions').values(placed).returning(['id', 'accounts_id']))
      .with('c', (db) => db.updateTable('accounts').set({ transaction_count: count }).where('id', 'in', countedIds).returning('id'))
      .with('s', (db) =>
        db
          .updateTable('transactions')
          .set({ account_seq: (placement as Placement).shift })
          .where('accounts_id', 'in', countedIds)
          .where('date_time', '>', dateTime)
          .returning('id'),
      )
      .selectFrom('t')
      .select(['t.id', 't.accounts_id'])
      .execute();
    inserted = rowsBack.map((r) => ({ id: Number(r.id), accounts_id: Number(r.accounts_id) }));
  } else {
    // The positions read the counts and the later rows before this batch moves either.
    inserted = await tx.insertInto('transactions').values(placed).returning(['id', 'accounts_id']).execute();
    await tx.updateTable('accounts').set({ transaction_count: count }).where('id', 'in', countedIds).execute();
    if (placement !== null && shifts)
      await tx.updateTable('transactions').set({ account_seq: placement.shift }).where('accounts_id', 'in', countedIds).where('date_time', '>', dateTime).execute();
  }
  return insertedIds(
    inserted,
    values.map((r) => r.accounts_id),
  );
}

/** Each row's position from its account's count and later rows, read under the write lock (as placeRows computes in SQL). */
function countedPositions(values: readonly NewRow[], counted: NonNullable<TransferParties['positions']>): number[] {
  const rank = new Map<number, number>();
  return values.map((r) => {
    const n = (rank.get(r.accounts_id) ?? 0) + 1;
    rank.set(r.accounts_id, n);
    const account = counted.get(r.accounts_id);
    assert(account !== undefined, `the count of account ${r.accounts_id} was read`);
    return account.count + n - account.later;
  });
}

/**
 * The ids of rows one multi-row INSERT created, in the order of its VALUES. RETURNING promises no
 * order, but both databases assign increasing ids within one statement, so the ids sorted ascending
 * are the rows in VALUES order; each row's account confirms the match.
 */
function insertedIds(rows: readonly { id: number; accounts_id: number }[], accounts: readonly number[]): number[] {
  assert(rows.length === accounts.length, 'one returned row per inserted row');
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .map((row, i) => {
      assert(row.accounts_id === accounts[i], 'inserted rows come back in VALUES order');
      return row.id;
    });
}

/** The row of `t`, pointing at the journal (and hold) behind it. */
function transactionValues(t: NewTransaction, ledger: { journalsId: number; holdsId: number | null }): NewRow {
  const inbound = t.amount > 0n;
  return {
    accounts_id: t.accountsId,
    customers_id: t.customersId,
    asset: t.asset,
    amount: unitsToColumn(t.amount),
    description: t.description,
    transaction_type: t.transactionType,
    status: t.status,
    rail: t.rail,
    system_account: t.systemAccount,
    direction: inbound ? 'Inbound' : 'Outbound',
    from_transactions_id: null,
    from_accounts_id: inbound ? null : t.accountsId,
    to_transactions_id: null,
    to_accounts_id: inbound ? t.accountsId : null,
    rollback_transaction_id: null,
    original_transaction_id: t.originalTransactionId ?? null,
    fee_transaction_id: null,
    details_json: JSON.stringify(t.details),
    date_time: t.dateTime,
    date_completed: t.status === 'Completed' ? t.dateTime : null,
    journals_id: ledger.journalsId,
    holds_id: ledger.holdsId,
  };
}

/** Marks a pending transaction ended; false when another request ended it first. */
async function endPending(tx: Kysely<Database>, row: TransactionRow, status: 'Completed' | 'Failed' | 'Cancelled', dateTime: string): Promise<boolean> {
  const result = await tx.updateTable('transactions').set({ status, date_completed: dateTime }).where('id', '=', row.id).where('status', '=', 'Pending').executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Completes a pending transaction: its hold is captured in full. */
export async function completeTransaction(tx: Kysely<Database>, dialect: DialectName, row: TransactionRow, dateTime: string): Promise<boolean> {
  if (!(await endPending(tx, row, 'Completed', dateTime))) return false;
  assert(row.holds_id !== null, `pending transaction ${row.id} has a hold`);
  assert((await endHold(tx, dialect, row.holds_id, 'captured', dateTime)) !== null, `the hold of transaction ${row.id} was pending`);
  return true;
}

/**
 * Fails a pending transaction. Inbound: the hold is voided, nothing arrived. Outbound: the hold is
 * captured (the money was sent) and a rollback transaction brings the funds back, linked both ways,
 * so the account's history shows both legs. Returns the rollback id (null for inbound), or
 * undefined if already ended.
 */
export async function failTransaction(
  tx: Kysely<Database>,
  dialect: DialectName,
  row: TransactionRow,
  dateTime: string,
  status: 'Failed' | 'Cancelled' = 'Failed',
): Promise<number | null | undefined> {
  if (!(await endPending(tx, row, status, dateTime))) return undefined;
  assert(row.holds_id !== null, `pending transaction ${row.id} has a hold`);
  const amount = unitsFromColumn(row.amount);
  const outbound = amount < 0n;
  assert((await endHold(tx, dialect, row.holds_id, outbound ? 'captured' : 'voided', dateTime)) !== null, `the hold of transaction ${row.id} was pending`);
  if (!outbound) return null;
  const rollbackId = await recordTransaction(tx, dialect, {
    accountsId: row.accounts_id,
    customersId: row.customers_id,
    asset: row.asset,
    amount: -amount,
    description: `Rollback of transaction ${row.id}`,
    transactionType: 'Rollback',
    rail: row.rail,
    systemAccount: row.system_account,
    status: 'Completed',
    details: {},
    dateTime,
    originalTransactionId: row.id,
  });
  await tx.updateTable('transactions').set({ rollback_transaction_id: rollbackId }).where('id', '=', row.id).execute();
  return rollbackId;
}

/**
 * Claims a completed row for one reversal: of two concurrent claims only one passes the condition
 * (the other waits on the row lock, then sees it claimed); a later failure rolls the claim back.
 * The claim is a placeholder link that linkTransaction replaces with the reversal's id.
 */
export async function claimForReversal(tx: Kysely<Database>, id: number): Promise<boolean> {
  const claimed = await tx.updateTable('transactions').set({ rollback_transaction_id: -1 }).where('id', '=', id).where('rollback_transaction_id', 'is', null).executeTakeFirst();
  return claimed.numUpdatedRows === 1n;
}

/** A transaction row by id (inside the caller's transaction, to see its own writes). */
export function readTransaction(tx: Kysely<Database>, id: number): Promise<TransactionRow> {
  return tx.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export interface TransactionLinks {
  readonly fromTransactionsId?: number | null;
  readonly fromAccountsId?: number | null;
  readonly toTransactionsId?: number | null;
  readonly toAccountsId?: number | null;
  readonly feeTransactionId?: number | null;
  readonly rollbackTransactionId?: number | null;
  readonly originalTransactionId?: number | null;
}

/** Sets the links between transactions written together (the ids exist only after both inserts). */
export async function linkTransaction(tx: Kysely<Database>, id: number, links: TransactionLinks): Promise<void> {
  const set: Record<string, number | null> = {};
  if (links.fromTransactionsId !== undefined) set.from_transactions_id = links.fromTransactionsId;
  if (links.fromAccountsId !== undefined) set.from_accounts_id = links.fromAccountsId;
  if (links.toTransactionsId !== undefined) set.to_transactions_id = links.toTransactionsId;
  if (links.toAccountsId !== undefined) set.to_accounts_id = links.toAccountsId;
  if (links.feeTransactionId !== undefined) set.fee_transaction_id = links.feeTransactionId;
  if (links.rollbackTransactionId !== undefined) set.rollback_transaction_id = links.rollbackTransactionId;
  if (links.originalTransactionId !== undefined) set.original_transaction_id = links.originalTransactionId;
  if (Object.keys(set).length > 0) await tx.updateTable('transactions').set(set).where('id', '=', id).execute();
}

/** Replaces a transaction's rail details (written with the row, completed once linked ids exist). */
export async function setTransactionDetails(tx: Kysely<Database>, id: number, details: Readonly<Record<string, unknown>>): Promise<void> {
  await tx
    .updateTable('transactions')
    .set({ details_json: JSON.stringify(details) })
    .where('id', '=', id)
    .execute();
}

export interface Leg {
  readonly transactionsId: number;
  readonly accountsId: number;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Links a transfer's two rows both ways (from → to) and writes each row's details, in one UPDATE. */
export async function linkLegs(tx: Kysely<Database>, from: Leg, to: Leg): Promise<void> {
  await linkLegsEach(tx, [[from, to]]);
}

/** Links several transfers' rows (each pair from → to, both ways) and writes their details, in one UPDATE. */
export async function linkLegsEach(tx: Kysely<Database>, pairs: readonly (readonly [Leg, Leg])[]): Promise<void> {
  if (pairs.length === 0) return;
  const byRow = pairs.flatMap(([from, to]) => [
    { id: from.transactionsId, from, to, details: from.details },
    { id: to.transactionsId, from, to, details: to.details },
  ]);
  // Parameters in a CASE have no type of their own: PostgreSQL gets them as text and casts.
  const pick = (value: (row: (typeof byRow)[number]) => number | string) =>
    sql`case ${sql.join(
      byRow.map((row) => sql`when id = ${row.id} then ${value(row)}`),
      sql` `,
    )} end`;
  const idOf = (value: (row: (typeof byRow)[number]) => number) => sql<number>`cast(${pick(value)} as bigint)`;
  await tx
    .updateTable('transactions')
    .set({
      from_transactions_id: idOf((r) => r.from.transactionsId),
      from_accounts_id: idOf((r) => r.from.accountsId),
      to_transactions_id: idOf((r) => r.to.transactionsId),
      to_accounts_id: idOf((r) => r.to.accountsId),
      details_json: sql<string>`${pick((r) => JSON.stringify(r.details))}`,
    })
    .where(
      'id',
      'in',
      byRow.map((r) => r.id),
    )
    .execute();
}
