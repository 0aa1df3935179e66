import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { stringifyExact } from '../shared/exact-json.js';

export const IDEMPOTENCY_KEY_LENGTH_MAX = 255;
export const IDEMPOTENCY_REPLAY_HEADER = 'idempotent-replayed';

interface StoredAnswer {
  request_hash: string;
  response_status: number;
  response_body: string;
}

function findAnswer(db: Kysely<Database>, customersId: number, key: string): Promise<StoredAnswer | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body'])
    .where('customers_id', '=', customersId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

function replay(reply: FastifyReply, answer: StoredAnswer, requestHash: string): FastifyReply {
  if (answer.request_hash !== requestHash) throw new DomainError('Idempotency_Key_Reused', 'Idempotency-Key');
  return reply.code(answer.response_status).header(IDEMPOTENCY_REPLAY_HEADER, 'true').type('application/json; charset=utf-8').send(answer.response_body);
}

/**
 * Runs a POST use case under an optional `Idempotency-Key` (our addition, opt-in): the first answer
 * is stored in the use case's own transaction; the same key and body get that answer again, the
 * same key with another body gets 409 `Idempotency_Key_Reused`. Keys are per principal.
 */
export async function idempotent<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Kysely<Database>,
  clock: Clock,
  work: (ctx: WriteContext) => Promise<T>,
  envelope: (result: T) => unknown,
): Promise<FastifyReply> {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) return reply.send(envelope(await work({})));
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_LENGTH_MAX) throw new DomainError('Invalid_Length', 'Idempotency-Key');
  const customersId = request.principalCustomersId;
  const requestHash = createHash('sha256').update(`${request.method} ${request.routeOptions.url ?? ''} ${stringifyExact(request.body ?? null)}`).digest('hex');
  const earlier = await findAnswer(db, customersId, key);
  if (earlier !== undefined) return replay(reply, earlier, requestHash);
  try {
    const result = await work({
      idempotency: {
        customersId,
        key,
        requestHash,
        dateAdded: isoTimestamp(clock.nowMs()),
        render: (r) => ({ status: 200, body: stringifyExact(envelope(r as T)) }),
      },
    });
    return reply.send(envelope(result));
  } catch (error) {
    // A concurrent request with the same key committed first (we then failed on its key, or on the
    // state it left, e.g. the balance it spent): answer as it did.
    const winner = await findAnswer(db, customersId, key);
    if (winner !== undefined) return replay(reply, winner, requestHash);
    throw error;
  }
}
