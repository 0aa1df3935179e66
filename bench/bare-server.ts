/**
 * The read baseline: a bare Fastify server (no logger, no hooks, no database) whose one route
 * answers a constant JSON body, by default the very bytes the real list-accounts answered.
 * Run as its own process: `node --import tsx bench/bare-server.ts` with PORT and BARE_BODY_FILE.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? '0');
const bodyFile = process.env.BARE_BODY_FILE;
const body = bodyFile === undefined || bodyFile === '' ? '{"id":0,"details":[],"status":"1","errors":[]}' : readFileSync(bodyFile, 'utf8');

const app = Fastify({ logger: false });
app.get('/bare', (_request, reply) => {
  void reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ port, host: '127.0.0.1' });

const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
