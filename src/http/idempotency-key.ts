import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../shared/domain-error.js';

export const IDEMPOTENCY_KEY_LENGTH_MAX = 255;
/** Ibanera's documented header (a GUID the caller makes). */
export const IDEMPOTENCY_KEY_HEADER = 'IdempotencyKey';
/** Ours, from before we followed Ibanera's name; still accepted with the same meaning. */
export const IDEMPOTENCY_KEY_ALIAS_HEADER = 'Idempotency-Key';

/** The key a request carries, and the header it came in (errors name that header). */
export interface SentIdempotencyKey {
  readonly key: string;
  readonly header: typeof IDEMPOTENCY_KEY_HEADER | typeof IDEMPOTENCY_KEY_ALIAS_HEADER;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The request's idempotency key, from `IdempotencyKey` or its alias `Idempotency-Key` (both may
 * be sent if they agree), or undefined when neither is. 400 `Invalid` naming `Idempotency-Key`
 * when the two disagree; 400 `Invalid_Length` naming the header sent when the key is empty or
 * longer than IDEMPOTENCY_KEY_LENGTH_MAX.
 */
export function idempotencyKeyOf(request: FastifyRequest): SentIdempotencyKey | undefined {
  const documented = headerValue(request, IDEMPOTENCY_KEY_HEADER);
  const alias = headerValue(request, IDEMPOTENCY_KEY_ALIAS_HEADER);
  if (documented !== undefined && alias !== undefined && documented !== alias) throw new DomainError('Invalid', IDEMPOTENCY_KEY_ALIAS_HEADER);
  let sent: SentIdempotencyKey | undefined;
  if (documented !== undefined) sent = { key: documented, header: IDEMPOTENCY_KEY_HEADER };
  else if (alias !== undefined) sent = { key: alias, header: IDEMPOTENCY_KEY_ALIAS_HEADER };
  if (sent !== undefined && (sent.key.length === 0 || sent.key.length > IDEMPOTENCY_KEY_LENGTH_MAX)) throw new DomainError('Invalid_Length', sent.header);
  return sent;
}

const keyHeader = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: IDEMPOTENCY_KEY_LENGTH_MAX, description }));

/** The route's header schema (for the OpenAPI document) with both idempotency headers added. */
export function withIdempotencyHeaders(headers: unknown): TObject {
  const properties: TProperties = { ...((headers as TObject | undefined)?.properties ?? {}) };
  properties[IDEMPOTENCY_KEY_HEADER] = keyHeader(
    'Optional key (a GUID) that makes a retry safe: the same key and body get the first answer again (header `idempotent-replayed: true`); the same key with another request is 409 Idempotency_Key_Reused.',
  );
  properties[IDEMPOTENCY_KEY_ALIAS_HEADER] = keyHeader(`Alias of ${IDEMPOTENCY_KEY_HEADER} (ours); if both are sent they must be equal.`);
  return Type.Object(properties);
}
