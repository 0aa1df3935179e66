import type { Kysely } from 'kysely';
import { isoTimestamp } from '../shared/clock.js';
import type { JsonLimits } from '../shared/exact-json.js';
import type { Database } from './schema.js';

/**
 * Limits for reading a stored result back. It is our own output, written from a request that passed
 * the body limits, so these only bound the work of a corrupted row.
 */
export const STORED_RESULT_JSON_LIMITS: JsonLimits = { depthMax: 256, stringLengthMax: 64 * 1024 * 1024, keysMax: 1_000_000 };

/** What a write records beside its own rows when the request carried an idempotency key. */
export interface IdempotencyRecord {
  readonly customersId: number;
  readonly key: string;
  /** Hash of the request (method, route, exact body): the same key with another request is refused. */
  readonly requestHash: string;
  readonly dateAdded: string;
  /** A record of this key added before this instant has expired: this request replaces it. */
  readonly expiredBefore: string;
}

/** A key's stored answer: the request it answered and the use case's result (exact JSON). */
export interface StoredIdempotentResult {
  readonly requestHash: string;
  readonly resultJson: string;
}

const HOUR_MS = 3_600_000;

/** The instant before which a record added has expired, for a key lifetime of `keyTtlHours`. */
export function idempotencyExpiredBefore(nowMs: number, keyTtlHours: number): string {
  return isoTimestamp(nowMs - keyTtlHours * HOUR_MS);
}

/** The key's stored answer if it has not expired (an expired one is as good as absent). */
export function findIdempotentResult(db: Kysely<Database>, customersId: number, key: string, expiredBefore: string): Promise<StoredIdempotentResult | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash as requestHash', 'result as resultJson'])
    .where('customers_id', '=', customersId)
    .where('idempotency_key', '=', key)
    .where('date_added', '>=', expiredBefore)
    .executeTakeFirst();
}

/**
 * Stores the key's answer inside the use case's transaction. An expired record of the key is
 * replaced; a live one (a concurrent request with the same key committed first) makes the insert
 * fail on the primary key, which rolls the whole use case back.
 */
export function recordIdempotentResult(tx: Kysely<Database>, record: IdempotencyRecord, resultJson: string): Promise<void> {
  return recordIdempotentResults(tx, [{ record, resultJson }]);
}

/**
 * Stores the answers of several use cases committed together (a batch). As recordIdempotentResult,
 * each: an expired record of its key is replaced; a live one fails the insert, and the batch with it.
 */
export async function recordIdempotentResults(tx: Kysely<Database>, entries: readonly { readonly record: IdempotencyRecord; readonly resultJson: string }[]): Promise<void> {
  if (entries.length === 0) return;
  await tx
    .deleteFrom('idempotency_keys')
    .where((eb) =>
      eb.or(
        entries.map(({ record }) => eb.and([eb('customers_id', '=', record.customersId), eb('idempotency_key', '=', record.key), eb('date_added', '<', record.expiredBefore)])),
      ),
    )
    .execute();
  await tx
    .insertInto('idempotency_keys')
    .values(
      entries.map(({ record, resultJson }) => ({
        customers_id: record.customersId,
        idempotency_key: record.key,
        request_hash: record.requestHash,
        result: resultJson,
        date_added: record.dateAdded,
      })),
    )
    .execute();
}

/** Deletes at most `batchSizeMax` records added before `expiredBefore`, oldest first. Returns how many. */
export async function deleteExpiredIdempotencyRecords(db: Kysely<Database>, expiredBefore: string, batchSizeMax: number): Promise<number> {
  const deleted = await db
    .deleteFrom('idempotency_keys')
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple('customers_id', 'idempotency_key'),
        'in',
        selectFrom('idempotency_keys as expired')
          .select(['expired.customers_id', 'expired.idempotency_key'])
          .where('expired.date_added', '<', expiredBefore)
          .orderBy('expired.date_added')
          .limit(batchSizeMax)
          .$asTuple('customers_id', 'idempotency_key'),
      ),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
