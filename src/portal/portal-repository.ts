import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { customersInScope } from '../customers/index.js';
import { unitsFromColumn } from '../ledger/index.js';

/**
 * The portal's reads of other modules' tables (read-joins only; every write goes through the owning
 * module's services). Each query is scoped by the principal or by a row the caller has already
 * checked is within its reach.
 */

export interface BalancePoint {
  readonly dateTime: string;
  /** The posted balance after this journal, in units (18 decimals). */
  readonly units: bigint;
}

/**
 * An account's posted balance over time, from the ledger: its stored balance now, walked back over
 * its last `pointsMax` posted legs (exact bigint arithmetic), oldest first. An account with fewer
 * legs starts from zero; the last point is now, at the stored balance.
 */
export async function balanceHistory(db: Kysely<Database>, accountsId: number, pointsMax: number, nowIso: string): Promise<BalancePoint[]> {
  const [balance, legs] = await Promise.all([
    db.selectFrom('ledger_balances').select('posted').where('accounts_id', '=', accountsId).executeTakeFirst(),
    db
      .selectFrom('ledger_legs as l')
      .innerJoin('ledger_journals as j', 'j.id', 'l.journals_id')
      .select(['l.amount', 'j.date_time'])
      .where('l.accounts_id', '=', accountsId)
      .where('l.bucket', '=', 'posted')
      .orderBy('l.id', 'desc')
      .limit(pointsMax)
      .execute(),
  ]);
  let after = balance === undefined ? 0n : unitsFromColumn(balance.posted);
  const points: BalancePoint[] = [];
  for (const leg of legs) {
    points.push({ dateTime: leg.date_time, units: after });
    after -= unitsFromColumn(leg.amount);
  }
  if (legs.length > 0 && legs.length < pointsMax) points.push({ dateTime: (legs[legs.length - 1] as { date_time: string }).date_time, units: after });
  points.reverse();
  // The balance now closes the line, so the chart runs up to the present.
  const last = points[points.length - 1];
  if (last !== undefined) points.push({ dateTime: nowIso, units: last.units });
  return points;
}

/** The ledger legs behind one transaction row: its journal's, and the journal that ended its hold. */
export async function legsOfTransaction(db: Kysely<Database>, transactionsId: number) {
  const row = await db.selectFrom('transactions').select(['journals_id', 'holds_id']).where('id', '=', transactionsId).executeTakeFirst();
  if (row === undefined) return [];
  const hold = row.holds_id === null ? undefined : await db.selectFrom('ledger_holds').select(['ended_journals_id', 'status']).where('id', '=', row.holds_id).executeTakeFirst();
  const journals = [row.journals_id, ...(hold?.ended_journals_id == null ? [] : [hold.ended_journals_id])];
  return db
    .selectFrom('ledger_legs as l')
    .innerJoin('ledger_journals as j', 'j.id', 'l.journals_id')
    .select(['l.id', 'l.journals_id', 'j.kind', 'j.date_time', 'l.accounts_id', 'l.system_account', 'l.asset', 'l.bucket', 'l.amount'])
    .where('l.journals_id', 'in', journals)
    .orderBy('l.id')
    .execute();
}

/** The principal's callback target (the secret itself is never shown again after it is made). */
export function callbackTarget(db: Kysely<Database>, customersId: number) {
  return db.selectFrom('principals').select(['username', 'callback_url', 'callback_hash_secret']).where('customers_id', '=', customersId).executeTakeFirst();
}

/** The principal's callbacks, newest first; with `transactionsId`, only those about that transaction. */
export function callbacksOf(db: Kysely<Database>, customersId: number, limit: number, offset: number, transactionsId?: number) {
  let query = db.selectFrom('callbacks').selectAll().where('principal_customers_id', '=', customersId);
  if (transactionsId !== undefined) {
    // Every transaction callback names its row as `TransactionsId` in the compact body.
    query = query.where((eb) => eb.or([eb('body', 'like', `%"TransactionsId":${transactionsId},%`), eb('body', 'like', `%"TransactionsId":${transactionsId}}%`)]));
  }
  return query.orderBy('date_created', 'desc').orderBy('id').limit(limit).offset(offset).execute();
}

export function callbackOf(db: Kysely<Database>, customersId: number, id: string) {
  return db.selectFrom('callbacks').selectAll().where('id', '=', id).where('principal_customers_id', '=', customersId).executeTakeFirst();
}

/** Pending transactions within the principal's reach (the sandbox page's complete/fail buttons). */
export function pendingTransactions(db: Kysely<Database>, principalId: number, limit: number) {
  return db
    .selectFrom('transactions')
    .select(['id', 'accounts_id', 'asset', 'amount', 'description', 'date_time'])
    .where('customers_id', 'in', customersInScope(db, principalId))
    .where('status', '=', 'Pending')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
