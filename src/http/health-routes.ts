import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/open-database.js';
import { failure, success } from './envelope.js';

/**
 * /health: the process answers, and which of the WORKERS processes it is (`worker` 1…`workers`).
 * /ready: and its database answers too (for load balancers).
 */
export function healthRoutes(app: FastifyInstance, database: DatabaseHandle, role: { readonly index: number; readonly count: number }): void {
  const health = { status: 'ok', worker: role.index, workers: role.count };
  app.get('/health', { schema: { tags: ['Operations'], summary: 'Liveness' } }, () => success(health));
  app.get('/ready', { schema: { tags: ['Operations'], summary: 'Readiness: the database answers' } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return success({ status: 'ready', database: database.dialect });
    } catch (error) {
      request.log.warn({ err: error }, 'database not ready');
      return reply.code(503).send(failure([{ fieldName: 'database', messageCode: 'Service_Unavailable' }]));
    }
  });
}
