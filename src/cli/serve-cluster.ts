import cluster, { type Worker } from 'node:cluster';
import { CONFIG_VARIABLES, type Config } from '../config/config.js';
import { openRuntime } from '../runtime.js';
import { describeDemoCredentials, ensureDemoPrincipal } from './demo-principal.js';
import type { CliIo } from './io.js';

/** What a worker tells the primary once it listens (its background jobs, if any, started). */
export const LISTENING_MESSAGE_KIND = 'ibanera-server:listening';
export interface ListeningMessage {
  readonly kind: typeof LISTENING_MESSAGE_KIND;
  readonly address: string;
  readonly dialect: string;
}

/** How long past SHUTDOWN_TIMEOUT_MS (each worker's own limit) the primary waits before it kills them. */
export const CLUSTER_SHUTDOWN_MARGIN_MS = 2_000;

/**
 * `serve` with WORKERS=N above 1: this process (the primary) brings the database up to date once
 * (migrations, the stored signing and card-data keys, the demo principal), then forks N workers
 * with node:cluster; each runs `serve` and they share the one listening port (the primary accepts
 * connections and hands them out in turn). It answers no request itself.
 *
 * A worker that dies while the group is not stopping stops the whole group with exit code 1:
 * restarting it here would hide a crash from the supervisor (systemd, Docker, Kubernetes) that
 * already restarts the server, and background jobs run in worker 1 only. SIGTERM or SIGINT stops
 * every worker gracefully; the primary exits 0 when all of them stopped cleanly.
 */
export async function serveCluster(config: Config, io: CliIo): Promise<void> {
  await prepareDatabase(config, io);
  const env = workerEnv(io.env);
  const workers = new Map<number, Worker>();
  let listening = 0;
  let stopping = false;
  let failed = false;

  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      io.stderr('workers did not stop in time; killing them\n');
      failed = true;
      for (const worker of workers.values()) worker.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + CLUSTER_SHUTDOWN_MARGIN_MS);
    timer.unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    workers.delete(worker.id);
    if (!stopping) {
      io.stderr(`worker ${worker.id} (pid ${worker.process.pid ?? '?'}) exited unexpectedly (${signal ?? `code ${code}`}); stopping the others\n`);
      failed = true;
      stopAll();
    } else if (code !== 0) {
      failed = true;
    }
    if (workers.size === 0) process.exit(failed ? 1 : 0);
  });
  cluster.on('message', (_worker, message: unknown) => {
    if (!isListeningMessage(message)) return;
    listening += 1;
    if (listening !== config.workers) return;
    io.stdout(`ibanera-server listening on ${message.address} (mode ${config.mode}, database ${message.dialect}, ${config.workers} workers)\n`);
    io.stdout(`Customer Portal: ${message.address}/portal\n`);
  });
  for (let i = 0; i < config.workers; i++) {
    const worker = cluster.fork(env);
    workers.set(worker.id, worker);
  }
  process.once('SIGTERM', stopAll);
  process.once('SIGINT', stopAll);
}

/** Migrations and the settings made on first start, once, so that no two workers race to make them. */
async function prepareDatabase(config: Config, io: CliIo): Promise<void> {
  const runtime = await openRuntime(config, io.cwd);
  try {
    if (config.mode === 'sandbox' && config.demoPrincipal) {
      const demo = await ensureDemoPrincipal(runtime);
      if (demo !== null) io.stdout(`${await describeDemoCredentials(demo)}\n`);
    }
  } finally {
    await runtime.close();
  }
}

/**
 * The workers' environment: exactly the configuration this `serve` was given (a variable it was
 * not given is set empty, which means its default), over the process's own environment.
 */
function workerEnv(env: CliIo['env']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(CONFIG_VARIABLES)) out[name] = env[name] ?? '';
  return out;
}

function isListeningMessage(message: unknown): message is ListeningMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === LISTENING_MESSAGE_KIND;
}
