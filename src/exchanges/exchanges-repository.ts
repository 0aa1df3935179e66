import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ExchangesTable } from '../db/schema.js';
import type { ExchangeStatus } from './contract.js';

export type ExchangeRow = Selectable<ExchangesTable>;

export async function insertExchange(tx: Kysely<Database>, row: Omit<Insertable<ExchangesTable>, 'id'>): Promise<ExchangeRow> {
  return tx.insertInto('exchanges').values(row).returningAll().executeTakeFirstOrThrow();
}

/** An exchange within the principal's reach (its own or its managees'). */
export function findExchangeInScope(db: Kysely<Database>, principalId: number, id: number): Promise<ExchangeRow | undefined> {
  return db.selectFrom('exchanges').selectAll().where('id', '=', id).where('principal_customers_id', '=', principalId).executeTakeFirst();
}

export function findExchange(db: Kysely<Database>, id: number): Promise<ExchangeRow | undefined> {
  return db.selectFrom('exchanges').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves an exchange from one of `from` to a new status with its other changes, in one conditional
 * UPDATE: of two concurrent moves only one matches (the other waits on the row lock, then finds the
 * status changed). Returns the row after the change, or undefined when it was not in `from`.
 */
export async function transitionExchange(
  tx: Kysely<Database>,
  id: number,
  from: readonly ExchangeStatus[],
  changes: Updateable<ExchangesTable> & { status: ExchangeStatus; date_updated: string },
): Promise<ExchangeRow | undefined> {
  return tx
    .updateTable('exchanges')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
}

export interface ExchangeFilter {
  readonly customersId?: number;
  readonly status?: ExchangeStatus;
  readonly from: string | null;
  readonly toExclusive: string | null;
}

function filtered(db: Kysely<Database>, principalId: number, f: ExchangeFilter) {
  let query = db.selectFrom('exchanges').where('principal_customers_id', '=', principalId);
  if (f.customersId !== undefined) query = query.where('customers_id', '=', f.customersId);
  if (f.status !== undefined) query = query.where('status', '=', f.status);
  if (f.from !== null) query = query.where('date_added', '>=', f.from);
  if (f.toExclusive !== null) query = query.where('date_added', '<', f.toExclusive);
  return query;
}

/** Newest first. */
export function listExchanges(db: Kysely<Database>, principalId: number, f: ExchangeFilter, page: { limit: number; offset: number }): Promise<ExchangeRow[]> {
  return filtered(db, principalId, f).selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function countExchanges(db: Kysely<Database>, principalId: number, f: ExchangeFilter): Promise<number> {
  const row = await filtered(db, principalId, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Exchanges waiting for the operator (the CLI's list). */
export function listWaitingForApproval(db: Kysely<Database>): Promise<ExchangeRow[]> {
  return db.selectFrom('exchanges').selectAll().where('status', '=', 'WaitingForApproval').orderBy('id').execute();
}
