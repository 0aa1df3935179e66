import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/open-database.js';
import { failure, success } from './envelope.js';

/** /health: the process answers. /ready: and its database answers too (for load balancers). */
export function healthRoutes(app: FastifyInstance, database: DatabaseHandle): void {
  app.get('/health', { schema: { tags: ['Operations'], summary: 'Liveness' } }, () => success({ status: 'ok' }));
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
