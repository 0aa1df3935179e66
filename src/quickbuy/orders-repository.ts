import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, QuickbuyOrdersTable } from '../db/schema.js';

export type OrderRow = Selectable<QuickbuyOrdersTable>;
export type NewOrder = Omit<Insertable<QuickbuyOrdersTable>, 'id' | 'state' | 'card_attempts'>;

/** The states a query answers (`DELETED` orders are gone: not found). */
export const ORDER_STATES = ['NOT_STARTED', 'PENDING', 'CAPTURED', 'COMPLETE', 'EXPIRED'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_ID = /^[0-9a-f]{24}$/;

/** Order ids are 24 lower-case hex digits, as QuickBuy Pro's (MongoDB ObjectId style). */
export function newOrderId(): string {
  return randomBytes(12).toString('hex');
}

/** The state a query shows: an order never paid is `EXPIRED` from its deadline on (server clock). */
export function stateOf(row: OrderRow, nowIso: string): OrderState | 'DELETED' {
  if (row.state === 'NOT_STARTED' && row.date_expires <= nowIso) return 'EXPIRED';
  return row.state;
}

export async function insertOrder(tx: Kysely<Database>, order: NewOrder): Promise<OrderRow> {
  return tx
    .insertInto('quickbuy_orders')
    .values({ ...order, id: newOrderId(), state: 'NOT_STARTED', card_attempts: 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An order by id, not deleted; with `principalId`, only within that principal's orders. */
export function findOrder(db: Kysely<Database>, id: string, principalId?: number): Promise<OrderRow | undefined> {
  if (!ORDER_ID.test(id)) return Promise.resolve(undefined);
  let query = db.selectFrom('quickbuy_orders').selectAll().where('id', '=', id).where('state', '!=', 'DELETED');
  if (principalId !== undefined) query = query.where('principal_customers_id', '=', principalId);
  return query.executeTakeFirst();
}

export interface OrderFilter {
  readonly principalId: number;
  readonly nowIso: string;
  readonly state?: OrderState | undefined;
  readonly hideExpired?: boolean | undefined;
  readonly customersId?: number | undefined;
}

/** Orders newest first, one page (and one row more, to know whether another page follows). */
export function listOrders(db: Kysely<Database>, f: OrderFilter, limit: number, offset: number): Promise<OrderRow[]> {
  let query = db.selectFrom('quickbuy_orders').selectAll().where('principal_customers_id', '=', f.principalId).where('state', '!=', 'DELETED');
  if (f.customersId !== undefined) query = query.where('customers_id', '=', f.customersId);
  if (f.state === 'EXPIRED') query = query.where('state', '=', 'NOT_STARTED').where('date_expires', '<=', f.nowIso);
  else if (f.state === 'NOT_STARTED') query = query.where('state', '=', 'NOT_STARTED').where('date_expires', '>', f.nowIso);
  else if (f.state !== undefined) query = query.where('state', '=', f.state);
  if (f.hideExpired === true && f.state !== 'EXPIRED') query = query.where((eb) => eb.or([eb('state', '!=', 'NOT_STARTED'), eb('date_expires', '>', f.nowIso)]));
  return query.orderBy('date_created', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

/** NOT_STARTED → PENDING, only if still unpaid and not expired; false when another request (or the clock) won. */
export async function markPaid(
  tx: Kysely<Database>,
  id: string,
  nowIso: string,
  values: Partial<Pick<OrderRow, 'card_last4' | 'cards_id' | 'price' | 'crypto_amount' | 'commission' | 'next_step_at'>>,
): Promise<boolean> {
  const result = await tx
    .updateTable('quickbuy_orders')
    .set({ ...values, state: 'PENDING', date_paid: nowIso, card_attempts: (eb) => eb('card_attempts', '+', 1), last_decline: null })
    .where('id', '=', id)
    .where('state', '=', 'NOT_STARTED')
    .where('date_expires', '>', nowIso)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function recordDecline(tx: Kysely<Database>, id: string, reason: string): Promise<void> {
  await tx
    .updateTable('quickbuy_orders')
    .set({ card_attempts: (eb) => eb('card_attempts', '+', 1), last_decline: reason })
    .where('id', '=', id)
    .where('state', '=', 'NOT_STARTED')
    .execute();
}

/** Deletes an order still NOT_STARTED (expired ones included: they can never be paid). */
export async function markDeleted(tx: Kysely<Database>, id: string, principalId: number, nowIso: string): Promise<boolean> {
  const result = await tx
    .updateTable('quickbuy_orders')
    .set({ state: 'DELETED', date_deleted: nowIso })
    .where('id', '=', id)
    .where('principal_customers_id', '=', principalId)
    .where('state', '=', 'NOT_STARTED')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Orders in `state` whose next step is due. */
export function dueOrders(db: Kysely<Database>, state: 'PENDING' | 'CAPTURED', nowIso: string, limit: number): Promise<OrderRow[]> {
  return db.selectFrom('quickbuy_orders').selectAll().where('state', '=', state).where('next_step_at', '<=', nowIso).orderBy('next_step_at').limit(limit).execute();
}

/** Moves an order from one state to the next, once (a conditional UPDATE: a second worker matches nothing). */
export async function advance(tx: Kysely<Database>, id: string, from: 'PENDING' | 'CAPTURED', values: Partial<OrderRow> & { state: 'CAPTURED' | 'COMPLETE' }): Promise<boolean> {
  const result = await tx.updateTable('quickbuy_orders').set(values).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
