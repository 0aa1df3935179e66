import pino from 'pino';
import { buildApp } from '../app.js';
import { CallbackWorker } from '../callbacks/index.js';
import { HoldExpiryWorker } from '../ledger/index.js';
import type { Config } from '../config/config.js';
import { IdempotencyCleanup } from '../db/idempotency-cleanup.js';
import { holdExpiredHandlers } from '../modules.js';
import { openRuntime } from '../runtime.js';
import { describeDemoCredentials, ensureDemoPrincipal } from './demo-principal.js';
import type { CliIo } from './io.js';
import { readPackageVersion } from './package-version.js';
import { RfiExpiryWorker } from '../rfis/index.js';

/** Log lines are held until this many bytes wait, then written with one write(2)... */
export const LOG_BUFFER_BYTES = 4096;
/** ...or until this long has passed, so a quiet server's lines still show promptly. */
export const LOG_FLUSH_INTERVAL_MS = 1000;

/**
 * `serve`: migrate, start listening, delivering callbacks and removing expired idempotency keys,
 * and stop gracefully on SIGTERM/SIGINT (finish in-flight requests, stop the workers, then close
 * the database), within SHUTDOWN_TIMEOUT_MS.
 */
export async function serveCommand(config: Config, io: CliIo): Promise<void> {
  const runtime = await openRuntime(config, io.cwd);
  // The log is buffered and written asynchronously (many lines share one write(2), off the event
  // loop); pino writes what is left when the process exits (after SIGTERM or SIGINT too). A SIGKILL
  // may lose the last second of lines; the ledger is never in the log.
  const logStream = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_INTERVAL_MS });
  const app = await buildApp({ ...runtime, version: readPackageVersion(), logStream });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await runtime.close();
    throw error;
  }
  if (config.mode === 'sandbox' && config.demoPrincipal) {
    const demo = await ensureDemoPrincipal(runtime);
    if (demo !== null) io.stdout(`${await describeDemoCredentials(demo)}\n`);
  }
  const callbacks = new CallbackWorker(runtime.database, runtime.clock, config, app.log);
  callbacks.start();
  const holdExpiry = new HoldExpiryWorker(
    runtime.database,
    runtime.clock,
    config.holdExpiryIntervalMs,
    (error) => app.log.error({ err: error }, 'hold expiry failed'),
    holdExpiredHandlers(),
  );
  holdExpiry.start();
  const idempotencyCleanup = new IdempotencyCleanup(runtime.database, runtime.clock, config, app.log);
  idempotencyCleanup.start();
  const rfiExpiry = new RfiExpiryWorker(runtime.database, runtime.clock, runtime.rfis, config.rfiExpiryIntervalMs, (error) =>
    app.log.error({ err: error }, 'information request expiry failed'),
  );
  rfiExpiry.start();
  runtime.quickbuySettlement.start((error) => app.log.error({ err: error }, 'quickbuy settlement failed'));
  io.stdout(`ibanera-server listening on ${address} (mode ${config.mode}, database ${runtime.database.dialect})\n`);
  io.stdout(`Customer Portal: ${address}/portal\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      io.stderr('shutdown timed out; exiting\n');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app
      .close()
      .then(() => Promise.all([callbacks.stop(), holdExpiry.stop(), idempotencyCleanup.stop(), rfiExpiry.stop(), runtime.quickbuySettlement.stop()]))
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
