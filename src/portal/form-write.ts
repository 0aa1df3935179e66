import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findIdempotentResult, idempotencyExpiredBefore, STORED_RESULT_JSON_LIMITS } from '../db/idempotency-repository.js';
import { NO_WRITE_CONTEXT, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { JsonNumber, parseExactJson, stringifyExact } from '../shared/exact-json.js';

const NONCE_PATTERN = /^[0-9a-f]{32}$/;

/**
 * A money movement's form carries a one-time id (made when the review page was drawn); it is the
 * write's idempotency key, so a second submission (a double click, a reload) gets the first
 * answer instead of a second transfer. The same machinery as the API's `IdempotencyKey`.
 */
export class FormWrites {
  constructor(
    private readonly reader: Kysely<Database>,
    private readonly clock: Clock,
    private readonly keyTtlHours: number,
  ) {}

  private record(customersId: number, nonce: string, path: string, fields: unknown) {
    const nowMs = this.clock.nowMs();
    return {
      customersId,
      key: `portal-${nonce}`,
      requestHash: createHash('sha256')
        .update(`POST ${path} ${stringifyExact(fields)}`)
        .digest('hex'),
      dateAdded: isoTimestamp(nowMs),
      expiredBefore: idempotencyExpiredBefore(nowMs, this.keyTtlHours),
    };
  }

  /** The stored answer of an earlier submission of this form, if any. */
  async earlier(customersId: number, nonce: string | undefined, path: string, fields: unknown): Promise<unknown> {
    if (nonce === undefined || !NONCE_PATTERN.test(nonce)) return undefined;
    const record = this.record(customersId, nonce, path, fields);
    const stored = await findIdempotentResult(this.reader, customersId, record.key, record.expiredBefore);
    if (stored === undefined) return undefined;
    if (stored.requestHash !== record.requestHash) throw new DomainError('Idempotency_Key_Reused', 'form');
    return parseExactJson(stored.resultJson, STORED_RESULT_JSON_LIMITS);
  }

  /** Runs the use case with the form's id as its idempotency key; a concurrent twin's answer wins. */
  async run(customersId: number, nonce: string | undefined, path: string, fields: unknown, work: (write: WriteContext) => Promise<unknown>): Promise<unknown> {
    if (nonce === undefined || !NONCE_PATTERN.test(nonce)) return work(NO_WRITE_CONTEXT);
    try {
      return await work({ idempotency: this.record(customersId, nonce, path, fields) });
    } catch (error) {
      const winner = await this.earlier(customersId, nonce, path, fields);
      if (winner !== undefined) return winner;
      throw error;
    }
  }
}

/** A numeric field of a live or a stored (exact JSON) result. */
export function resultId(result: unknown, key: string): number {
  const value = (result as Record<string, unknown>)[key];
  const id = value instanceof JsonNumber ? Number(value.text) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error(`a result has a numeric ${key}`);
  return id;
}
