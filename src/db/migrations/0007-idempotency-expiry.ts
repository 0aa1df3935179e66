import type { Kysely, Migration } from 'kysely';
import { parseExactJson, stringifyExact } from '../../shared/exact-json.js';
import type { DialectName } from '../dialect.js';
import { inOneTransaction } from '../migration-transaction.js';
import { STORED_RESULT_JSON_LIMITS } from '../idempotency-repository.js';

/** Older records converted per round trip. */
const CONVERSION_BATCH_SIZE = 500;

/**
 * Idempotency keys expire: an index to find (and delete) records by `date_added`. A record now
 * stores the use case's result (`result`, exact JSON) instead of the rendered HTTP answer, so the
 * database no longer holds HTTP envelopes: older records are converted (an answer with `details`
 * held the result there; one without held it in `id`), and `response_status`/`response_body` go.
 */
export function idempotencyExpiry(dialect: DialectName): Migration {
  return {
    up: inOneTransaction(dialect, upgrade),
  };
}

async function upgrade(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('idempotency_keys_date_added_idx').on('idempotency_keys').columns(['date_added']).execute();
  await db.schema.alterTable('idempotency_keys').addColumn('result', 'text').execute();
  await convertOlderRecords(db);
  await db.schema.alterTable('idempotency_keys').dropColumn('response_status').execute();
  await db.schema.alterTable('idempotency_keys').dropColumn('response_body').execute();
}

interface OlderRecord {
  customers_id: number;
  idempotency_key: string;
  response_body: string;
}

async function convertOlderRecords(db: Kysely<unknown>): Promise<void> {
  const table = db as unknown as Kysely<{ idempotency_keys: OlderRecord & { result: string | null } }>;
  for (;;) {
    const batch = await table
      .selectFrom('idempotency_keys')
      .select(['customers_id', 'idempotency_key', 'response_body'])
      .where('result', 'is', null)
      .limit(CONVERSION_BATCH_SIZE)
      .execute();
    for (const row of batch) {
      await table
        .updateTable('idempotency_keys')
        .set({ result: resultOfAnswer(row.response_body) })
        .where('customers_id', '=', row.customers_id)
        .where('idempotency_key', '=', row.idempotency_key)
        .execute();
    }
    if (batch.length < CONVERSION_BATCH_SIZE) return;
  }
}

/** The result an answer was rendered from: `details` when the answer had them, else its `id`. */
function resultOfAnswer(responseBody: string): string {
  const envelope = parseExactJson(responseBody, STORED_RESULT_JSON_LIMITS) as Record<string, unknown>;
  return stringifyExact(Object.hasOwn(envelope, 'details') ? envelope.details : envelope.id);
}
