import cluster from 'node:cluster';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { buildApp, type ServerProcessRole } from '../app.js';
import { CallbackWorker } from '../callbacks/index.js';
import { HoldExpiryWorker } from '../ledger/index.js';
import type { Config } from '../config/config.js';
import { IdempotencyCleanup } from '../db/idempotency-cleanup.js';
import { holdExpiredHandlers } from '../modules.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { describeDemoCredentials, ensureDemoPrincipal } from './demo-principal.js';
import type { CliIo } from './io.js';
import { readPackageVersion } from './package-version.js';
import { RfiExpiryWorker } from '../rfis/index.js';
import { LISTENING_MESSAGE_KIND, serveCluster, type ListeningMessage } from './serve-cluster.js';

/** Log lines are held until this many bytes wait, then written with one write(2)... */
export const LOG_BUFFER_BYTES = 4096;
/** ...or until this long has passed, so a quiet server's lines still show promptly. */
export const LOG_FLUSH_INTERVAL_MS = 1000;

/**
 * `serve`: migrate, start listening, delivering callbacks and removing expired idempotency keys,
 * and stop gracefully on SIGTERM/SIGINT (finish in-flight requests, stop the workers, then close
 * the database), within SHUTDOWN_TIMEOUT_MS. With WORKERS=N above 1 this process becomes the
 * primary of N HTTP processes (see serve-cluster.ts); each of them runs this function again.
 */
export async function serveCommand(config: Config, io: CliIo): Promise<void> {
  if (config.workers > 1 && cluster.isPrimary) return serveCluster(config, io);
  const worker = cluster.worker;
  if (worker === undefined) return serveProcess(config, io, { index: 1, count: 1 });
  try {
    await serveProcess(config, io, { index: worker.id, count: config.workers });
  } catch (error) {
    // The channel to the primary keeps a worker alive: one that cannot serve must exit, so the
    // primary sees it and stops the group. The error is printed first, by the command line.
    setImmediate(() => process.exit(1));
    throw error;
  }
}

/** One HTTP process: the whole server when it runs alone, or worker `role.index` of `role.count`. */
async function serveProcess(config: Config, io: CliIo, role: ServerProcessRole): Promise<void> {
  const runtime = await openRuntime(config, io.cwd);
  // The log is buffered and written asynchronously (many lines share one write(2), off the event
  // loop); pino writes what is left when the process exits (after SIGTERM or SIGINT too). A SIGKILL
  // may lose the last second of lines; the ledger is never in the log.
  const logStream = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_INTERVAL_MS });
  const app = await buildApp({ ...runtime, version: readPackageVersion(), logStream, role });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await runtime.close();
    throw error;
  }
  const alone = role.count === 1;
  // In a group the primary made the demo principal before starting the workers.
  if (alone && config.mode === 'sandbox' && config.demoPrincipal) {
    const demo = await ensureDemoPrincipal(runtime);
    if (demo !== null) io.stdout(`${await describeDemoCredentials(demo)}\n`);
  }
  // Background jobs are safe side by side (several servers may share one database), but one
  // process running them is enough: the others would only poll the same tables again.
  const stopJobs = role.index === 1 ? startBackgroundJobs(runtime, app.log) : () => Promise.resolve();
  if (alone) {
    io.stdout(`ibanera-server listening on ${address} (mode ${config.mode}, database ${runtime.database.dialect})\n`);
    io.stdout(`Customer Portal: ${address}/portal\n`);
  } else {
    const message: ListeningMessage = { kind: LISTENING_MESSAGE_KIND, address, dialect: runtime.database.dialect };
    process.send?.(message);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, worker: role.index }, 'shutting down');
    const timer = setTimeout(() => {
      io.stderr('shutdown timed out; exiting\n');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app
      .close()
      .then(stopJobs)
      .then(() => runtime.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        io.stderr(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** Starts callback delivery and the sweeps (holds, idempotency keys, information requests, QuickBuy); returns their stop. */
function startBackgroundJobs(runtime: Runtime, log: FastifyBaseLogger): () => Promise<void> {
  const { config } = runtime;
  const callbacks = new CallbackWorker(runtime.database, runtime.clock, config, log);
  callbacks.start();
  const holdExpiry = new HoldExpiryWorker(
    runtime.database,
    runtime.clock,
    config.holdExpiryIntervalMs,
    (error) => log.error({ err: error }, 'hold expiry failed'),
    holdExpiredHandlers(),
  );
  holdExpiry.start();
  const idempotencyCleanup = new IdempotencyCleanup(runtime.database, runtime.clock, config, log);
  idempotencyCleanup.start();
  const rfiExpiry = new RfiExpiryWorker(runtime.database, runtime.clock, runtime.rfis, config.rfiExpiryIntervalMs, (error) =>
    log.error({ err: error }, 'information request expiry failed'),
  );
  rfiExpiry.start();
  runtime.quickbuySettlement.start((error) => log.error({ err: error }, 'quickbuy settlement failed'));
  return async () => {
    await Promise.all([callbacks.stop(), holdExpiry.stop(), idempotencyCleanup.stop(), rfiExpiry.stop(), runtime.quickbuySettlement.stop()]);
  };
}
