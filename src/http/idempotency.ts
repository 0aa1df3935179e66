import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface } from 'fastify';
import type { Kysely } from 'kysely';
import { findIdempotentResult, idempotencyExpiredBefore, STORED_RESULT_JSON_LIMITS, type IdempotencyRecord, type StoredIdempotentResult } from '../db/idempotency-repository.js';
import { NO_WRITE_CONTEXT, type WriteContext } from '../db/unit-of-work.js';
import type { Database } from '../db/schema.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { JsonNumber, parseExactJson, stringifyExact } from '../shared/exact-json.js';
import { success, successWithoutDetails } from './envelope.js';
import { idempotencyKeyOf, withIdempotencyHeaders, type SentIdempotencyKey } from './idempotency-key.js';
import { multipartFormOf } from './multipart.js';
import type { ContractTypeProvider, RouteScope } from './type-provider.js';

export const IDEMPOTENCY_REPLAY_HEADER = 'idempotent-replayed';

/** Where idempotent routes look stored answers up, and how long a key lives. */
export interface IdempotencySettings {
  readonly reader: Kysely<Database>;
  readonly clock: Clock;
  readonly keyTtlHours: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by installIdempotency; read by idempotentPost when it registers a route. */
    idempotency: IdempotencySettings;
  }
}

export function installIdempotency(app: FastifyInstance, settings: IdempotencySettings): void {
  app.decorate('idempotency', settings);
}

/**
 * How a use case's result becomes Ibanera's envelope. Declared rather than computed, so that the
 * first answer and a replay (rendered from the stored result) are the same bytes.
 */
export type ResultEnvelope =
  /** `details` is the result; the envelope `id` is the result's numeric field named `id` (0 without one). */
  | { readonly details: 'result'; readonly id?: string }
  /** The result is the id, and there are no `details` (the pay-in simulation's answer). */
  | { readonly details: 'none'; readonly id: 'result' }
  /** QuickBuy Pro's own envelope: `{success: true, details: result}`. */
  | { readonly details: 'pro' };

/** What a handler must return for the envelope `E` to be rendered from its result. */
type ResultFor<E extends ResultEnvelope> = E extends { readonly details: 'none' }
  ? number
  : E extends { readonly id: infer K extends string }
    ? { readonly [P in K]: number }
    : unknown;

/** An id from a live result (a number) or from a stored one (an exact JSON literal). */
function envelopeId(value: unknown): number {
  const id = value instanceof JsonNumber ? Number(value.text) : value;
  assert(typeof id === 'number' && Number.isSafeInteger(id), 'an envelope id is a whole number');
  return id;
}

function renderEnvelope(shape: ResultEnvelope, result: unknown): unknown {
  if (shape.details === 'pro') return { success: true, details: result };
  if (shape.details === 'none') return successWithoutDetails(envelopeId(result));
  return success(result, shape.id === undefined ? 0 : envelopeId((result as Record<string, unknown>)[shape.id]));
}

type RequestOf<S extends FastifySchema> = FastifyRequest<RouteGenericInterface, RawServerDefault, RawRequestDefaultExpression, S, ContractTypeProvider>;

export interface IdempotentPostOptions<S extends FastifySchema, E extends ResultEnvelope> {
  readonly schema: S;
  readonly bodyLimit?: number;
  readonly envelope: E;
  /**
   * What else the request's hash covers beyond its bound body: a multipart route's form (text fields
   * and files, which the bound body does not hold), so the same key with another form is 409.
   */
  readonly requestDigest?: (request: FastifyRequest) => string;
  /**
   * Whose keys these are, when the route is not authenticated by a login (QuickBuy Pro's API key
   * names its principal); `request.principalCustomersId` by default.
   */
  readonly ownerOf?: (request: FastifyRequest) => number;
}

/**
 * Registers a POST route that honours `IdempotencyKey` (or its alias `Idempotency-Key`). The
 * handler calls its use case with the WriteContext it is given and returns the result; `envelope`
 * says how that result is answered. With a key, the result is stored in the use case's own
 * transaction; the same key and body (per principal, until the key expires) get that answer
 * again, marked `idempotent-replayed: true`; the same key with another request is 409
 * `Idempotency_Key_Reused`. Refused requests store nothing. The header is checked before the body.
 */
export function idempotentPost<S extends FastifySchema, const E extends ResultEnvelope>(
  app: RouteScope,
  path: string,
  options: IdempotentPostOptions<S, E>,
  handler: (request: RequestOf<S>, write: WriteContext) => Promise<ResultFor<E>>,
): void {
  const settings = app.idempotency as IdempotencySettings | undefined;
  assert(settings !== undefined, 'installIdempotency ran before the routes were registered');
  const shape: ResultEnvelope = options.envelope;
  app.post(
    path,
    {
      schema: { ...options.schema, headers: withIdempotencyHeaders(options.schema.headers) } as FastifySchema,
      ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
      preValidation: async (request) => {
        idempotencyKeyOf(request);
      },
    },
    (request, reply) => answer(request as unknown as RequestOf<S>, reply, settings, shape, handler, options.requestDigest, options.ownerOf),
  );
}

async function answer<S extends FastifySchema>(
  request: RequestOf<S>,
  reply: FastifyReply,
  settings: IdempotencySettings,
  shape: ResultEnvelope,
  handler: (request: RequestOf<S>, write: WriteContext) => Promise<unknown>,
  requestDigest?: (request: FastifyRequest) => string,
  ownerOf?: (request: FastifyRequest) => number,
): Promise<FastifyReply> {
  const sent = idempotencyKeyOf(request);
  if (sent === undefined) return reply.send(renderEnvelope(shape, await handler(request, NO_WRITE_CONTEXT)));
  const nowMs = settings.clock.nowMs();
  const record: IdempotencyRecord = {
    customersId: ownerOf?.(request) ?? request.principalCustomersId,
    key: sent.key,
    requestHash: requestHashOf(request, requestDigest?.(request) ?? ''),
    dateAdded: isoTimestamp(nowMs),
    expiredBefore: idempotencyExpiredBefore(nowMs, settings.keyTtlHours),
  };
  const stored = () => findIdempotentResult(settings.reader, record.customersId, record.key, record.expiredBefore);
  const earlier = await stored();
  if (earlier !== undefined) return replay(reply, sent, earlier, record.requestHash, shape);
  let result: unknown;
  try {
    result = await handler(request, { idempotency: record });
  } catch (error) {
    // A concurrent request with the same key committed first (we then failed on its key, or on the
    // state it left, e.g. the balance it spent): answer as it did.
    const winner = await stored();
    if (winner !== undefined) return replay(reply, sent, winner, record.requestHash, shape);
    throw error;
  }
  return reply.send(renderEnvelope(shape, result));
}

/**
 * The same request spelled differently (key case, a string amount) binds to the same body, so hashes
 * the same. A multipart upload's files count too (field, name and a SHA-256 of the bytes), so the
 * same key with another file is a different request; `digest` is what a route adds of its own.
 */
function requestHashOf(request: FastifyRequest, digest: string): string {
  const hash = createHash('sha256').update(`${request.method} ${request.routeOptions.url ?? ''} ${stringifyExact(request.body ?? null)}${digest === '' ? '' : ` ${digest}`}`);
  for (const file of multipartFormOf(request)?.files ?? []) {
    hash.update(` ${JSON.stringify([file.fieldName, file.fileName, createHash('sha256').update(file.bytes).digest('hex')])}`);
  }
  return hash.digest('hex');
}

function replay(reply: FastifyReply, sent: SentIdempotencyKey, stored: StoredIdempotentResult, requestHash: string, shape: ResultEnvelope): FastifyReply {
  if (stored.requestHash !== requestHash) throw new DomainError('Idempotency_Key_Reused', sent.header);
  const result = parseExactJson(stored.resultJson, STORED_RESULT_JSON_LIMITS);
  return reply.header(IDEMPOTENCY_REPLAY_HEADER, 'true').send(renderEnvelope(shape, result));
}
