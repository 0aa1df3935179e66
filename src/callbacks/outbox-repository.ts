import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { CallbacksTable, Database } from '../db/schema.js';
import { stringifyExact } from '../shared/exact-json.js';
import type { CallbackType } from './callback-types.js';

export type CallbackRow = Selectable<CallbacksTable>;

/**
 * Writes a callback into the outbox, inside the caller's transaction, for the principal that
 * manages the customer (itself for its own accounts). Nothing is written when that principal has
 * no callback URL. Returns the callback id (the `Id` the receiver sees on every attempt).
 */
export async function enqueueCallback(
  tx: Kysely<Database>,
  event: { customersId: number; type: CallbackType; data: Record<string, unknown>; dateCreated: string },
): Promise<string | null> {
  const customer = await tx.selectFrom('customers').select(['id', 'manager_customers_id']).where('id', '=', event.customersId).executeTakeFirst();
  if (customer === undefined) return null;
  const principalId = customer.manager_customers_id ?? customer.id;
  const principal = await tx.selectFrom('principals').select('callback_url').where('customers_id', '=', principalId).executeTakeFirst();
  if (principal?.callback_url === null || principal?.callback_url === undefined) return null;
  const id = randomUUID();
  await tx
    .insertInto('callbacks')
    .values({
      id,
      principal_customers_id: principalId,
      type: event.type,
      body: stringifyExact({ Id: id, Type: event.type, Data: event.data }),
      status: 'pending',
      attempts: 0,
      next_attempt_at: event.dateCreated,
      claimed_until: null,
      date_created: event.dateCreated,
      date_delivered: null,
      last_error: null,
    })
    .execute();
  return id;
}

/** A callback with its own target and signature (QuickBuy): the exact body, where it goes, how it is signed. */
export interface TargetedCallback {
  readonly principalCustomersId: number;
  readonly type: CallbackType;
  /** The exact body sent (compact JSON); it is not wrapped in `{Id, Type, Data}`. */
  readonly body: string;
  readonly targetUrl: string;
  readonly signatureHeader: string;
  /** A source registered with `registerSecretSource`, and the reference it finds the secret by. */
  readonly secretSource: string;
  readonly secretRef: string;
  readonly dateCreated: string;
}

/** Writes a targeted callback into the outbox, inside the caller's transaction; returns its id. */
export async function enqueueTargetedCallback(tx: Kysely<Database>, c: TargetedCallback): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('callbacks')
    .values({
      id,
      principal_customers_id: c.principalCustomersId,
      type: c.type,
      body: c.body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: c.dateCreated,
      claimed_until: null,
      date_created: c.dateCreated,
      date_delivered: null,
      last_error: null,
      target_url: c.targetUrl,
      signature_header: c.signatureHeader,
      secret_source: c.secretSource,
      secret_ref: c.secretRef,
    })
    .execute();
  return id;
}

/**
 * Claims up to `limit` due callbacks until `claimedUntil`. On PostgreSQL `FOR UPDATE SKIP LOCKED`
 * lets several server processes claim side by side without ever taking the same row; on SQLite
 * the write transaction is exclusive. A claim that outlives a crashed worker simply expires.
 */
export async function claimDueCallbacks(tx: Kysely<Database>, dialect: DialectName, now: string, claimedUntil: string, limit: number): Promise<CallbackRow[]> {
  let due = tx
    .selectFrom('callbacks')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const ids = (await due.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  return tx.updateTable('callbacks').set({ claimed_until: claimedUntil }).where('id', 'in', ids).returningAll().execute();
}

export interface AttemptRecord {
  readonly attemptedAt: string;
  readonly url: string;
  readonly httpStatus: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

/**
 * Logs one attempt and moves the callback on: delivered, retried at `nextAttemptAt`, or failed
 * (null). A callback already delivered stays delivered whatever a replay's attempt gives.
 */
export async function recordAttempt(tx: Kysely<Database>, callback: CallbackRow, attempt: AttemptRecord, delivered: boolean, nextAttemptAt: string | null): Promise<void> {
  {
    await tx
      .insertInto('callback_attempts')
      .values({
        callbacks_id: callback.id,
        attempted_at: attempt.attemptedAt,
        url: attempt.url,
        http_status: attempt.httpStatus,
        latency_ms: attempt.latencyMs,
        error: attempt.error,
      })
      .execute();
    if (callback.status === 'delivered' && !delivered) {
      await tx
        .updateTable('callbacks')
        .set({ attempts: (eb) => eb('attempts', '+', 1), last_error: attempt.error })
        .where('id', '=', callback.id)
        .execute();
      return;
    }
    const status = delivered ? 'delivered' : nextAttemptAt === null ? 'failed' : 'pending';
    await tx
      .updateTable('callbacks')
      .set({
        status,
        attempts: (eb) => eb('attempts', '+', 1),
        claimed_until: null,
        next_attempt_at: nextAttemptAt ?? attempt.attemptedAt,
        date_delivered: delivered ? attempt.attemptedAt : callback.date_delivered,
        last_error: delivered ? null : (attempt.error ?? `HTTP ${attempt.httpStatus ?? '?'}`),
      })
      .where('id', '=', callback.id)
      .execute();
  }
}

export function listCallbacks(db: Kysely<Database>, status: CallbackRow['status'] | null, limit: number) {
  let query = db.selectFrom('callbacks').selectAll().orderBy('date_created', 'desc').limit(limit);
  if (status !== null) query = query.where('status', '=', status);
  return query.execute();
}

export function listAttempts(db: Kysely<Database>, callbacksId: string) {
  return db.selectFrom('callback_attempts').selectAll().where('callbacks_id', '=', callbacksId).orderBy('id').execute();
}

/** Sends a callback again (same Id and body): back to pending, due now. */
export async function requeueCallback(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('callbacks').set({ status: 'pending', next_attempt_at: now, claimed_until: null }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
