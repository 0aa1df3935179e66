import type { Kysely } from 'kysely';
import { stringifyExact } from '../shared/exact-json.js';
import { recordIdempotentResult, type IdempotencyRecord } from './idempotency-repository.js';
import type { DatabaseHandle } from './open-database.js';
import type { Database } from './schema.js';
import { inTransaction } from './transaction.js';

export type { IdempotencyRecord } from './idempotency-repository.js';

export interface WriteContext {
  /** Present when the request carried an idempotency key: its record commits with the write. */
  readonly idempotency?: IdempotencyRecord;
}

export const NO_WRITE_CONTEXT: WriteContext = {};

/**
 * One write use case = one database transaction: its ledger rows and the idempotency record
 * commit together or not at all. A concurrent request with the same key fails on the primary
 * key and rolls back, and the edge then replays the winner's answer.
 * `work` must return the use case's final result: that value, stored as exact JSON (decimals and
 * RawJson literals kept), is what an idempotent replay answers from.
 */
export async function runWrite<T>(handle: DatabaseHandle, ctx: WriteContext, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return inTransaction(handle, async (tx) => {
    const result = await work(tx);
    if (ctx.idempotency !== undefined) await recordIdempotentResult(tx, ctx.idempotency, stringifyExact(result));
    return result;
  });
}
