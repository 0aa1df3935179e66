import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { Database, TransactionsTable } from '../db/schema.js';
import { assert } from '../shared/assert.js';
import { legs, pendingBucket, type StoredBalances } from './entries.js';
import { insertedIds, writePosting, writePostings, type PostingDraft } from './ledger-repository.js';
import { unitsFromColumn, unitsToColumn } from './money-column.js';

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
  readonly systemAccount: string;
  readonly status: 'Pending' | 'Completed';
  readonly details: Readonly<Record<string, unknown>>;
  readonly dateTime: string;
  readonly originalTransactionId?: number;
}

/**
 * The ledger's use cases, each run inside the caller's database transaction: record a transaction
 * (posted at once, or pending), settle a pending one, or fail it (funds come back through a linked
 * rollback transaction). Every state change is one balanced posting; nothing is ever updated in place
 * except the transaction's status and links.
 */
export async function recordTransaction(tx: Kysely<Database>, dialect: DialectName, t: NewTransaction): Promise<number> {
  const [id] = await recordTransactions(tx, dialect, [t]);
  assert(id !== undefined, 'one transaction recorded');
  return id;
}

/**
 * Records transactions written together (the legs of one transfer) with one statement per table:
 * their rows, one posting each, every entry, and one UPDATE of the balances. `lockedBalances`: the
 * accounts' balances the caller already read with `lockBalances` in this transaction.
 * Returns the new ids in the order given.
 */
export async function recordTransactions(
  tx: Kysely<Database>,
  dialect: DialectName,
  ts: readonly NewTransaction[],
  lockedBalances?: ReadonlyMap<number, StoredBalances>,
): Promise<number[]> {
  if (ts.length === 0) return [];
  for (const t of ts) assert(t.amount !== 0n, 'a transaction moves money');
  const rows = await tx
    .insertInto('transactions')
    .values(ts.map(transactionValues))
    .returning(['id', 'accounts_id'])
    .execute();
  const ids = insertedIds(rows, ts.map((t) => t.accountsId), 'accounts_id');
  const newTransactions = new Map<number, number>();
  for (const t of ts) newTransactions.set(t.accountsId, (newTransactions.get(t.accountsId) ?? 0) + 1);
  const drafts: PostingDraft[] = ts.map((t, i) => ({
    transactionsId: ids[i] as number,
    kind: 'create',
    isOutcome: false,
    dateTime: t.dateTime,
    entries: legs(t.accountsId, t.systemAccount, t.asset, t.status === 'Completed' ? 'posted' : pendingBucket(t.amount), t.amount),
  }));
  await writePostings(tx, dialect, drafts, { newTransactions, ...(lockedBalances === undefined ? {} : { lockedBalances }) });
  return ids;
}

function transactionValues(t: NewTransaction): Insertable<TransactionsTable> {
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
  };
}

/** Marks a pending transaction ended; false when another request ended it first. */
async function endPending(tx: Kysely<Database>, row: TransactionRow, status: 'Completed' | 'Failed' | 'Cancelled', dateTime: string): Promise<boolean> {
  const result = await tx
    .updateTable('transactions')
    .set({ status, date_completed: dateTime })
    .where('id', '=', row.id)
    .where('status', '=', 'Pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Completes a pending transaction: its hold is released and the amount posted. */
export async function completeTransaction(tx: Kysely<Database>, dialect: DialectName, row: TransactionRow, dateTime: string): Promise<boolean> {
  if (!(await endPending(tx, row, 'Completed', dateTime))) return false;
  const amount = unitsFromColumn(row.amount);
  await writePosting(tx, dialect, {
    transactionsId: row.id,
    kind: 'complete',
    isOutcome: true,
    dateTime,
    entries: [
      ...legs(row.accounts_id, row.system_account, row.asset, pendingBucket(amount), -amount),
      ...legs(row.accounts_id, row.system_account, row.asset, 'posted', amount),
    ],
  });
  return true;
}

/**
 * Fails a pending transaction. Inbound: the hold is released, nothing arrived. Outbound: the hold is
 * posted as sent and a rollback transaction brings the funds back, linked both ways, so the account's
 * history shows both legs. Returns the rollback id (null for inbound), or undefined if already ended.
 */
export async function failTransaction(
  tx: Kysely<Database>,
  dialect: DialectName,
  row: TransactionRow,
  dateTime: string,
  status: 'Failed' | 'Cancelled' = 'Failed',
): Promise<number | null | undefined> {
  if (!(await endPending(tx, row, status, dateTime))) return undefined;
  const amount = unitsFromColumn(row.amount);
  const release = legs(row.accounts_id, row.system_account, row.asset, pendingBucket(amount), -amount);
  const outbound = amount < 0n;
  await writePosting(tx, dialect, {
    transactionsId: row.id,
    kind: status === 'Failed' ? 'fail' : 'cancel',
    isOutcome: true,
    dateTime,
    entries: outbound ? [...release, ...legs(row.accounts_id, row.system_account, row.asset, 'posted', amount)] : release,
  });
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
  await tx.updateTable('transactions').set({ details_json: JSON.stringify(details) }).where('id', '=', id).execute();
}

export interface Leg {
  readonly transactionsId: number;
  readonly accountsId: number;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Links a transfer's two legs both ways (from → to) and writes each leg's details, in one UPDATE. */
export async function linkLegs(tx: Kysely<Database>, from: Leg, to: Leg): Promise<void> {
  await tx
    .updateTable('transactions')
    .set({
      from_transactions_id: from.transactionsId,
      from_accounts_id: from.accountsId,
      to_transactions_id: to.transactionsId,
      to_accounts_id: to.accountsId,
      details_json: sql<string>`case when id = ${from.transactionsId} then ${JSON.stringify(from.details)} else ${JSON.stringify(to.details)} end`,
    })
    .where('id', 'in', [from.transactionsId, to.transactionsId])
    .execute();
}
