import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyTypeProvider, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';

/**
 * Fastify's types for a route come from its TypeBox schemas (Static), so each request shape is
 * spelled once, in the module's contract.ts: the binder (request-binder.ts) produces exactly that
 * type (amounts as bigint, ids as numbers). Answers are typed by the handler's own value.
 */
export interface ContractTypeProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  readonly serializer: unknown;
}

/** The Fastify instance a module's routes.ts registers its routes on. */
export type RouteScope = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ContractTypeProvider>;
