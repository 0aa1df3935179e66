import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { unitsFromColumn, verifyLedger, type LedgerVerifyOptions } from '../ledger/index.js';
import { formatCanonical } from '../shared/decimal.js';

const ROWS_BATCH_SIZE = 10_000;

/**
 * The accounts module's invariants over the API's transaction rows and the journal legs behind
 * them: each account's stored `transaction_count`; the rows posted at once add up to their journal's
 * legs on their account; a row created pending has a hold of its amount on its account, whose state
 * is the row's (pending ⇔ pending; completed ⇔ captured in full; failed or cancelled ⇔ captured when
 * outbound, voided when inbound); each account's rows, in `date_time, id` order, at the positions
 * 1 … n (`account_seq`, which pages use); each row belongs to its account's customer (which lists
 * across accounts count by) and names that customer's principal (which they walk).
 */
export async function verifyTransactionRows(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const expected = new Map<string, bigint>();
  const counted = new Map<number, number>();
  let lastId = 0;
  for (;;) {
    const batch = await db
      .selectFrom('transactions')
      .select(['id', 'accounts_id', 'amount', 'journals_id', 'holds_id', 'status'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(ROWS_BATCH_SIZE)
      .execute();
    for (const t of batch) {
      counted.set(t.accounts_id, (counted.get(t.accounts_id) ?? 0) + 1);
      if (t.holds_id !== null) continue;
      if (t.status !== 'Completed') problems.push(`transaction ${t.id} is ${t.status} without a hold`);
      const key = `${t.journals_id}/${t.accounts_id}`;
      expected.set(key, (expected.get(key) ?? 0n) + unitsFromColumn(t.amount));
    }
    if (batch.length < ROWS_BATCH_SIZE) break;
    lastId = (batch[batch.length - 1] as { id: number }).id;
  }
  for (const a of await db.selectFrom('accounts').select(['id', 'transaction_count']).execute()) {
    const n = counted.get(a.id) ?? 0;
    if (Number(a.transaction_count) !== n) problems.push(`account ${a.id}: stored transaction_count ${a.transaction_count} but it has ${n} transactions`);
  }
  problems.push(...(await verifyPositions(db)));
  problems.push(...(await verifyOwners(db)));
  problems.push(...(await verifyPostedRows(db, expected)));
  problems.push(...(await verifyHeldRows(db)));
  return problems;
}

const PROBLEMS_SHOWN_MAX = 20;

/** Each account's rows in `date_time, id` order have the positions 1, 2, … (transaction-positions.ts). */
async function verifyPositions(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ id: number; accounts_id: number; account_seq: number; n: number }>`
    select id, accounts_id, account_seq, n from (
      select id, accounts_id, account_seq, row_number() over (partition by accounts_id order by date_time, id) as n from transactions
    ) as r where account_seq <> n order by id limit ${PROBLEMS_SHOWN_MAX}`.execute(db);
  return rows.map((r) => `transaction ${r.id} is at position ${r.account_seq} on account ${r.accounts_id} but is number ${r.n} in its order`);
}

/** A row's customer is its account's customer, and its principal that customer's principal. */
async function verifyOwners(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('transactions as t')
    .innerJoin('accounts as a', 'a.id', 't.accounts_id')
    .innerJoin('customers as c', 'c.id', 't.customers_id')
    .select(['t.id', 't.customers_id', 't.principal_customers_id', 'a.customers_id as owner', 'c.id as customer', 'c.manager_customers_id'])
    .where((eb) => eb.or([eb('t.customers_id', '<>', eb.ref('a.customers_id')), eb('t.principal_customers_id', '<>', eb.fn.coalesce('c.manager_customers_id', 'c.id'))]))
    .orderBy('t.id')
    .limit(PROBLEMS_SHOWN_MAX)
    .execute();
  return rows.map((r) =>
    r.customers_id !== r.owner
      ? `transaction ${r.id} names customer ${r.customers_id} but its account belongs to ${r.owner}`
      : `transaction ${r.id} names principal ${r.principal_customers_id} but its customer's principal is ${r.manager_customers_id ?? r.customer}`,
  );
}

/** Rows posted at once, summed per journal and account, equal that journal's posted legs there. */
async function verifyPostedRows(db: Kysely<Database>, expected: ReadonlyMap<string, bigint>): Promise<string[]> {
  const legs = new Map<string, bigint>();
  let lastId = 0;
  for (;;) {
    const batch = await db
      .selectFrom('ledger_legs')
      .select(['id', 'journals_id', 'accounts_id', 'amount'])
      .where('id', '>', lastId)
      .where('bucket', '=', 'posted')
      .where('accounts_id', 'is not', null)
      .orderBy('id')
      .limit(ROWS_BATCH_SIZE)
      .execute();
    for (const l of batch) {
      const key = `${l.journals_id}/${l.accounts_id}`;
      if (expected.has(key)) legs.set(key, (legs.get(key) ?? 0n) + unitsFromColumn(l.amount));
    }
    if (batch.length < ROWS_BATCH_SIZE) break;
    lastId = (batch[batch.length - 1] as { id: number }).id;
  }
  const problems: string[] = [];
  for (const [key, amount] of expected) {
    const moved = legs.get(key) ?? 0n;
    if (moved !== amount) problems.push(`journal/account ${key}: its transaction rows add up to ${formatCanonical(amount)} but its legs to ${formatCanonical(moved)}`);
  }
  return problems;
}

const HOLD_STATE_OF_ROW: Readonly<Record<string, (direction: string) => string>> = {
  Pending: () => 'pending',
  Completed: () => 'captured',
  Failed: (direction) => (direction === 'Outbound' ? 'captured' : 'voided'),
  Cancelled: (direction) => (direction === 'Outbound' ? 'captured' : 'voided'),
};

/** A row created pending and its hold agree on account, amount and state. */
async function verifyHeldRows(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db
    .selectFrom('transactions as t')
    .leftJoin('ledger_holds as h', 'h.id', 't.holds_id')
    .select([
      't.id',
      't.status',
      't.direction',
      't.amount',
      't.accounts_id',
      'h.id as hold_id',
      'h.status as hold_status',
      'h.amount as hold_amount',
      'h.captured_amount',
      'h.accounts_id as hold_account',
    ])
    .where('t.holds_id', 'is not', null)
    .execute();
  for (const r of rows) {
    if (r.hold_id === null) {
      problems.push(`transaction ${r.id} points at a missing hold`);
      continue;
    }
    const amount = unitsFromColumn(r.amount);
    if (r.hold_account !== r.accounts_id || unitsFromColumn(r.hold_amount ?? '0') !== amount)
      problems.push(`transaction ${r.id} and its hold ${r.hold_id} differ in account or amount`);
    const state = HOLD_STATE_OF_ROW[r.status]?.(r.direction);
    if (state !== r.hold_status) problems.push(`transaction ${r.id} is ${r.status} but its hold ${r.hold_id} is ${r.hold_status ?? '?'}`);
    if (r.hold_status === 'captured' && unitsFromColumn(r.captured_amount ?? '0') !== amount) problems.push(`transaction ${r.id}'s hold ${r.hold_id} was captured in part`);
  }
  return problems;
}

/** Every invariant of the books: the ledger's, then the transaction rows' over it. */
export async function verifyBooks(db: Kysely<Database>, options: LedgerVerifyOptions): Promise<string[]> {
  return [...(await verifyLedger(db, options)), ...(await verifyTransactionRows(db))];
}
