import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { envelopeOf, ErrorEnvelope } from '../shared/contract-envelope.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { failure, success } from './envelope.js';

/**
 * /health: the process answers, and which of the WORKERS processes it is (`worker` 1…`workers`).
 * /ready: and its database answers too (for load balancers).
 */
export function healthRoutes(app: FastifyInstance, database: DatabaseHandle, role: { readonly index: number; readonly count: number }): void {
  const health = { status: 'ok' as const, worker: role.index, workers: role.count };
  const live = { 200: envelopeOf(Type.Object({ status: Type.String({ enum: ['ok'] }), worker: Type.Integer({ minimum: 1 }), workers: Type.Integer({ minimum: 1 }) })) };
  app.get('/health', { schema: { tags: ['Operations'], summary: 'Liveness, and which of the WORKERS processes answered', response: live } }, () => success(health));
  const ready = { 200: envelopeOf(Type.Object({ status: Type.String({ enum: ['ready'] }), database: Type.String({ enum: ['sqlite', 'postgres'] }) })), 503: ErrorEnvelope };
  app.get('/ready', { schema: { tags: ['Operations'], summary: 'Readiness: the database answers', response: ready } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return success({ status: 'ready', database: database.dialect });
    } catch (error) {
      request.log.warn({ err: error }, 'database not ready');
      return reply.code(503).send(failure([{ fieldName: 'database', messageCode: 'Service_Unavailable' }]));
    }
  });
}
