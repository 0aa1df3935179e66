import type { Kysely } from 'kysely';
import type { DatabaseHandle } from './open-database.js';
import type { Database } from './schema.js';
import { inTransaction } from './transaction.js';

/** What a write must record beside its own rows: the idempotency key's answer, when one was sent. */
export interface IdempotencyRecord {
  readonly customersId: number;
  readonly key: string;
  readonly requestHash: string;
  readonly dateAdded: string;
  /** Turns the use case's result into the stored answer (status and body) to replay later. */
  render(result: unknown): { status: number; body: string };
}

export interface WriteContext {
  readonly idempotency?: IdempotencyRecord;
}

export const NO_WRITE_CONTEXT: WriteContext = {};

/**
 * One write use case = one database transaction: its ledger rows and the idempotency record
 * commit together or not at all. A concurrent request with the same key fails on the primary
 * key and rolls back, and the edge then replays the winner's answer.
 * `work` must return the use case's final answer: that value is what an idempotent replay renders.
 */
export async function runWrite<T>(handle: DatabaseHandle, ctx: WriteContext, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return inTransaction(handle, async (tx) => {
    const result = await work(tx);
    const record = ctx.idempotency;
    if (record !== undefined) {
      const answer = record.render(result);
      await tx
        .insertInto('idempotency_keys')
        .values({
          customers_id: record.customersId,
          idempotency_key: record.key,
          request_hash: record.requestHash,
          response_status: answer.status,
          response_body: answer.body,
          date_added: record.dateAdded,
        })
        .execute();
    }
    return result;
  });
}
