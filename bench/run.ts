/**
 * `npm run bench [-- --quick]` (`node --import tsx bench/run.ts`): starts the server as a child process on fresh databases it seeds
 * itself, drives it from this process over 127.0.0.1, measures every figure beside a baseline taken
 * in the same run, and writes docs/benchmarks.md. Options:
 *   --quick               short runs and a 100k history (under two minutes on 2 cores)
 *   --connections N       keep-alive connections / raw clients (default 10, the server's pool size)
 *   --server tsx|dist     how to start the server (default: dist/ when it is newer than src/, else tsx)
 *   --no-postgres         skip the PostgreSQL figure
 *   --phases LIST         run only some of read,mixed,write,postgres,history,exchanges (default all)
 *   --workers N           the server's process count compared with 1 (WORKERS=N, default 2; 1: not compared)
 *   --out FILE            where the report goes (default docs/benchmarks.md)
 * BENCH_SERVER_NODE_OPTIONS adds Node flags to the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof");
 * BENCH_SERVER_ENV adds server configuration, comma-separated (e.g. "TRANSFER_BATCH_SIZE_MAX=1"), for experiments.
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) names the base database; a fresh
 * database is created beside it and dropped at the end. Child processes, temp files and databases
 * are removed at the end, on failure and on SIGINT/SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ApiSession, cli, createPrincipal, fundedPairs, TRANSFER_PATH, transferBody } from './lib/api.js';
import { CpuMeter, errorLines, freePort, killAllChildren, PeakMemory, spawnChild, stopAllChildren, waitUntilReady, type Child } from './lib/children.js';
import { cardAuthorizationBodies, CARD_AUTHORIZATION_PATH } from './lib/cards.js';
import { seedHistory, timeListQueries } from './lib/history.js';
import { runLoad, type LoadFigures } from './lib/load.js';
import { machineInfo } from './lib/machine.js';
import { rawPgTransfers } from './lib/raw-pg.js';
import { rawSqliteTransfers } from './lib/raw-sqlite.js';
import { countStatements } from './lib/statements.js';
import {
  renderReport,
  type HistoryPhase,
  type HistorySize,
  type MixedPhase,
  type Outcome,
  type PostgresPhase,
  type ReadPhase,
  type Settings,
  type WritePhase,
} from './lib/report.js';
import { runMixedLoad } from './lib/mixed.js';
import type { ReaperState } from './reaper.js';
import { exchangePhase } from './lib/exchanges.js';

const ROOT = resolve(import.meta.dirname, '..');
const FUNDING = '1000000.00';
const HISTORY_AMOUNT = '1.00';
/** How long a server may take to answer /health after its start (a wait, not a measurement). */
const SERVER_START_TIMEOUT_MS = 120_000;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    connections: { type: 'string', default: '10' },
    server: { type: 'string' },
    'no-postgres': { type: 'boolean', default: false },
    phases: { type: 'string', default: 'read,mixed,write,postgres,history,exchanges' },
    workers: { type: 'string', default: '2' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
  strict: true,
});

const connections = Number(args.connections);
if (!Number.isInteger(connections) || connections < 1 || connections > 50) throw new Error('--connections: 1 to 50');
const workers = Number(args.workers);
if (!Number.isInteger(workers) || workers < 1 || workers > 8) throw new Error('--workers: 1 to 8');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** dist/ only when built after the last change in src/ (others edit src/ while this runs). */
function serverCommand(): { args: string[]; label: string } {
  const dist = join(ROOT, 'dist', 'main.js');
  let useDist = args.server === 'dist';
  if (args.server === undefined) {
    try {
      useDist = statSync(dist).mtimeMs >= newestMtime(join(ROOT, 'src'));
    } catch {
      useDist = false;
    }
  } else if (args.server !== 'tsx' && args.server !== 'dist') {
    throw new Error('--server: tsx or dist');
  }
  return useDist
    ? { args: ['dist/main.js', 'serve'], label: 'node dist/main.js serve' }
    : { args: ['--import', 'tsx', 'src/main.ts', 'serve'], label: 'node --import tsx src/main.ts serve' };
}

const server = serverCommand();
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const settings: Settings = args.quick
  ? {
      quick: true,
      connections,
      warmupSeconds: 1,
      readSeconds: 3,
      readRounds: 1,
      writeSeconds: 3,
      transferRounds: 1,
      historySeconds: 2,
      historySmall: 1_000,
      historyBig: 100_000,
      logLevel: 'info',
      postgresUrl,
      serverLaunch: server.label,
      workers,
    }
  : {
      quick: false,
      connections,
      warmupSeconds: 2,
      readSeconds: 10,
      readRounds: 3,
      writeSeconds: 10,
      transferRounds: 3,
      historySeconds: 8,
      historySmall: 1_000,
      historyBig: 1_000_000,
      logLevel: 'info',
      postgresUrl,
      serverLaunch: server.label,
      workers,
    };

// ---- cleanup -------------------------------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), 'ibanera-bench-'));
const postgresDatabases = new Set<string>();

// A detached watchdog cleans up after this process if it is killed outright (bench/reaper.ts).
const stateFile = join(tmp, 'reaper-state.json');
const reaperChildren: ReaperState['children'][number][] = [];
function saveReaperState(): void {
  const state: ReaperState = { tmp, children: reaperChildren, postgresUrl, databases: [...postgresDatabases] };
  writeFileSync(stateFile, JSON.stringify(state));
}
saveReaperState();
spawn(process.execPath, ['--import', 'tsx', 'bench/reaper.ts', String(process.pid), stateFile], { cwd: ROOT, detached: true, stdio: 'ignore' }).unref();
function recordChild(child: Child, marker: string): void {
  reaperChildren.push({ pid: child.pid, marker });
  saveReaperState();
}

function requireLoopback(url: string): URL {
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) throw new Error(`benchmarks run on loopback only, not ${parsed.hostname}`);
  return parsed;
}

async function dropPostgresDatabases(): Promise<void> {
  if (postgresDatabases.size === 0) return;
  const admin = new pg.Client({ connectionString: postgresUrl });
  try {
    await admin.connect();
    for (const name of postgresDatabases) {
      await admin.query(`drop database if exists "${name}" with (force)`);
      postgresDatabases.delete(name);
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Set once cleanup has begun (end of run, failure or signal); later callers wait for the same cleanup. */
let cleanedUp = false;
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleanedUp = true;
  cleaning ??= (async () => {
    await stopAllChildren().catch(() => killAllChildren());
    await dropPostgresDatabases().catch((error: unknown) => process.stderr.write(`could not drop benchmark databases: ${String(error)}\n`));
    rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

// Anything thrown outside the phases: kill the children by pid, then clean up as far as possible.
const emergency = (error: unknown) => {
  if (cleanedUp) return; // errors of connections that the cleanup itself is cutting
  process.stderr.write(`benchmark crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  killAllChildren();
  void cleanup().finally(() => process.exit(1));
};
process.on('uncaughtException', emergency);
process.on('unhandledRejection', emergency);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping\n`);
    killAllChildren();
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- helpers -------------------------------------------------------------------------------

const log = (text: string) => process.stdout.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);
const t0 = performance.now();

/** Every server's log file (stdout), read back for error lines when a phase fails. */
const serverLogs: string[] = [];

interface RunningServer {
  readonly child: Child;
  readonly baseUrl: string;
}

interface SqliteSetup {
  readonly server: RunningServer;
  readonly reader: ApiSession;
  readonly mover: ApiSession;
  readonly rawOwner: ApiSession;
}

let sqliteSetup: SqliteSetup | null = null;

/** The server as a child process; `processes` above 1 sets WORKERS (N HTTP processes on one port). */
/** BENCH_SERVER_ENV: `NAME=value,NAME=value`, added to every server's environment. */
function serverEnvOverrides(): Record<string, string> {
  const pairs = (process.env.BENCH_SERVER_ENV ?? '').split(',').filter((p) => p.trim() !== '');
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`BENCH_SERVER_ENV: ${pair} is not NAME=value`);
      return [pair.slice(0, at).trim(), pair.slice(at + 1)];
    }),
  );
}

async function startServer(name: string, databaseUrl: string, logLevel = settings.logLevel, processes = 1): Promise<RunningServer> {
  const port = await freePort();
  const env = {
    ...(processes > 1 ? { WORKERS: String(processes) } : {}),
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmp,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    MODE: 'sandbox',
    LOG_LEVEL: logLevel,
    DEMO_PRINCIPAL: 'false',
    ...serverEnvOverrides(),
  };
  const nodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter((o) => o !== '');
  const logFile = join(tmp, `server-${port}.log`);
  const child = spawnChild(name, process.execPath, [...nodeOptions, ...server.args], env, ROOT, logFile);
  serverLogs.push(logFile);
  recordChild(child, server.args.join(' '));
  const baseUrl = `http://127.0.0.1:${port}`;
  // A group of WORKERS=N processes compiles the server N + 1 times: on a busy 2-core machine that takes a while.
  await waitUntilReady(child, `${baseUrl}/health`, SERVER_START_TIMEOUT_MS);
  return { child, baseUrl };
}

async function startBare(bodyFile: string): Promise<RunningServer> {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', PORT: String(port), BARE_BODY_FILE: bodyFile };
  const child = spawnChild('bare server', process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], env, ROOT);
  recordChild(child, 'bench/bare-server.ts');
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, `${baseUrl}/bare`);
  return { child, baseUrl };
}

/** The fair read baseline (bench/fair-read-server.ts) on the server's SQLite file. */
async function startFair(databasePath: string): Promise<RunningServer> {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', PORT: String(port), DATABASE_PATH: databasePath, OTP_DRIFT_STEPS: '1' };
  const child = spawnChild('fair read server', process.execPath, ['--import', 'tsx', 'bench/fair-read-server.ts'], env, ROOT);
  recordChild(child, 'bench/fair-read-server.ts');
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, `${baseUrl}/health`);
  return { child, baseUrl };
}

/** Warm-up (discarded), then the measured run; the `otp` header is computed just before each. */
async function measure(
  label: string,
  target: RunningServer,
  session: ApiSession,
  method: 'GET' | 'POST',
  path: string,
  seconds: number,
  { bodies, concurrency = connections, warm = true }: { bodies?: readonly string[]; concurrency?: number; warm?: boolean } = {},
): Promise<LoadFigures> {
  const options = { baseUrl: target.baseUrl, method, path, connections: concurrency, ...(bodies === undefined ? {} : { bodies }) };
  if (warm) await runLoad({ ...options, headers: session.headers(), seconds: settings.warmupSeconds });
  const cpu = new CpuMeter(target.child.pid);
  const measured = await runLoad({ ...options, headers: session.headers(), seconds });
  const figures = { ...measured, cpu: cpu.finish(measured.ok) };
  log(
    `${label}: ${figures.perSecond.toFixed(0)} req/s, p50 ${figures.latency.p50Ms.toFixed(2)} ms, p99 ${figures.latency.p99Ms.toFixed(2)} ms, server ${figures.cpu.msPerRequest.toFixed(2)} CPU ms/req (${figures.cpu.cores.toFixed(2)} cores), machine ${(figures.cpu.machineBusy * 100).toFixed(0)}% busy${figures.failed > 0 ? `, ${figures.failed} FAILED` : ''}`,
  );
  if (figures.ok === 0) throw new Error(`${label}: no successful request`);
  return figures;
}

async function verify(databaseUrl: string): Promise<string> {
  const started = performance.now();
  try {
    await cli(databaseUrl, ['verify']);
    return `passed (${((performance.now() - started) / 1000).toFixed(1)} s)`;
  } catch (error) {
    return `FAILED: ${error instanceof Error ? error.message.slice(0, 500) : String(error)}`;
  }
}

async function attempt<T>(name: string, work: () => Promise<T>): Promise<Outcome<T>> {
  if (cleanedUp) return { ok: false, error: 'interrupted' };
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (cleanedUp) return { ok: false, error: 'interrupted' };
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const serverErrors = serverLogs.flatMap((file) => errorLines(file));
    if (serverErrors.length > 0) log(`server error log lines:\n${serverErrors.join('\n')}`);
    await stopAllChildren().catch(() => killAllChildren());
    sqliteSetup = null;
    return { ok: false, error: error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error) };
  }
}

// ---- phases --------------------------------------------------------------------------------

const sqliteTransfersPath = join(tmp, 'transfers.sqlite');
const sqliteTransfersUrl = `sqlite:${sqliteTransfersPath}`;

/** The SQLite server of phases 1 and 2 and its three principals (reads, server transfers, raw transfers). */
async function ensureSqliteSetup(): Promise<SqliteSetup> {
  if (sqliteSetup !== null) return sqliteSetup;
  const reader = await createPrincipal(sqliteTransfersUrl, 'reader');
  const mover = await createPrincipal(sqliteTransfersUrl, 'mover');
  const rawOwner = await createPrincipal(sqliteTransfersUrl, 'raw');
  const running = await startServer('server (SQLite)', sqliteTransfersUrl);
  const readerSession = await ApiSession.login(running.baseUrl, reader);
  for (let i = 0; i < READER_ACCOUNTS; i++) await readerSession.payIn(await readerSession.createAccount(`Reader ${i}`), '100.10');
  sqliteSetup = {
    server: running,
    reader: readerSession,
    mover: await ApiSession.login(running.baseUrl, mover),
    rawOwner: await ApiSession.login(running.baseUrl, rawOwner),
  };
  return sqliteSetup;
}

const LIST_ACCOUNTS_PATH = '/api/v1/customer/accounts/list-accounts';
const READER_ACCOUNTS = 2;

/** The raw bytes a GET answers, with the session's headers. */
async function bodyOf(baseUrl: string, session: ApiSession, path: string): Promise<string> {
  const response = await fetch(new URL(path, baseUrl), { headers: session.headers() });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${baseUrl}${path}: ${response.status} ${text}`);
  return text;
}

/** Where two bodies first differ, for the log. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at byte ${i}: server …${a.slice(Math.max(0, i - 40), i + 40)}… fair …${b.slice(Math.max(0, i - 40), i + 40)}…`;
}

interface ReadRound {
  readonly bare: LoadFigures;
  readonly fair: LoadFigures;
  readonly server: LoadFigures;
  readonly quiet: LoadFigures | null;
  readonly multi: LoadFigures | null;
}

/**
 * 1: list-accounts (full auth) against the fair baseline (the same work by hand on a bare Fastify,
 * same database file) and the empty bare route (same bytes as a constant), same generator; and the
 * server with WORKERS=N beside the one-process server.
 */
async function readPhase(): Promise<ReadPhase> {
  const { server: sqliteServer, reader: session } = await ensureSqliteSetup();
  const body = await bodyOf(sqliteServer.baseUrl, session, LIST_ACCOUNTS_PATH);
  const bodyFile = join(tmp, 'bare-body.json');
  writeFileSync(bodyFile, body);
  log(`setup done; server: ${server.label}`);

  const bare = await startBare(bodyFile);
  const fair = await startFair(sqliteTransfersPath);
  const fairBody = await bodyOf(fair.baseUrl, session, LIST_ACCOUNTS_PATH);
  const identical = fairBody === body;
  log(
    `list-accounts body: server ${Buffer.byteLength(body)} bytes, fair baseline ${Buffer.byteLength(fairBody)} bytes, ${identical ? 'identical' : `different ${firstDifference(body, fairBody)}`}`,
  );
  const quiet = settings.quick ? null : await startServer('server (SQLite, LOG_LEVEL=warn)', sqliteTransfersUrl, 'warn');
  const multi = settings.workers > 1 ? await startServer(`server (SQLite, WORKERS=${settings.workers})`, sqliteTransfersUrl, settings.logLevel, settings.workers) : null;
  // The runs alternate round by round; the ratio is taken within a round (close in time, under the same
  // background load) and the round with the median server ÷ fair ratio is reported.
  const rounds: ReadRound[] = [];
  const memory = new PeakMemory(sqliteServer.child.pid);
  const multiMemory = multi === null ? null : new PeakMemory(multi.child.pid);
  for (let round = 1; round <= settings.readRounds; round++) {
    const tag = settings.readRounds > 1 ? ` (round ${round}/${settings.readRounds})` : '';
    const read = (label: string, target: RunningServer, path = LIST_ACCOUNTS_PATH) => measure(`${label}${tag}`, target, session, 'GET', path, settings.readSeconds);
    rounds.push({
      bare: await read('bare route', bare, '/bare'),
      fair: await read('fair baseline', fair),
      server: await read('list-accounts', sqliteServer),
      quiet: quiet === null ? null : await read('list-accounts, LOG_LEVEL=warn', quiet),
      multi: multi === null ? null : await read(`list-accounts, WORKERS=${settings.workers}`, multi),
    });
  }
  const peak = memory.finish();
  const multiPeak = multiMemory?.finish() ?? null;
  await Promise.all([bare.child.stop(), fair.child.stop(), quiet?.child.stop(), multi?.child.stop()]);
  const share = (r: ReadRound) => r.server.perSecond / r.fair.perSecond;
  const median = [...rounds].sort((a, b) => share(a) - share(b))[Math.floor((rounds.length - 1) / 2)];
  if (median === undefined) throw new Error('no read rounds');
  if (rounds.length > 1) log(`read rounds, server/fair: ${rounds.map((r) => share(r).toFixed(3)).join(', ')}; reporting the median round`);
  return {
    bare: median.bare,
    fair: median.fair,
    server: median.server,
    serverQuietLog: median.quiet,
    serverWorkers: median.multi,
    bodyBytes: Buffer.byteLength(body),
    fairBodyBytes: Buffer.byteLength(fairBody),
    bodiesIdentical: identical,
    accounts: READER_ACCOUNTS,
    roundRatios: rounds.map(share),
    memory: peak,
    workersMemory: multiPeak,
  };
}

/**
 * 1b: the mixed workload on the same SQLite server: each connection cycles four list-accounts reads
 * and one internal transfer on its own account pair (80 % / 20 % of the requests).
 */
async function mixedPhase(): Promise<MixedPhase> {
  const { server: sqliteServer, reader, mover } = await ensureSqliteSetup();
  const pairs = await fundedPairs(mover, 'Mixed', connections, FUNDING);
  // Reads as the reader (its two accounts, as in phase 1), transfers as the mover (whose pairs they are).
  const options = {
    baseUrl: sqliteServer.baseUrl,
    readPath: LIST_ACCOUNTS_PATH,
    writePath: TRANSFER_PATH,
    writeBodies: pairs.map(([a, b]) => transferBody(a, b)),
    readsPerWrite: 4,
    connections,
  };
  await runMixedLoad({ ...options, readHeaders: reader.headers(), writeHeaders: mover.headers(), seconds: settings.warmupSeconds });
  const memory = new PeakMemory(sqliteServer.child.pid);
  const cpu = new CpuMeter(sqliteServer.child.pid);
  const figures = await runMixedLoad({ ...options, readHeaders: reader.headers(), writeHeaders: mover.headers(), seconds: settings.writeSeconds });
  const used = cpu.finish(figures.ok);
  const peak = memory.finish();
  log(
    `mixed 80/20: ${figures.perSecond.toFixed(0)} req/s (reads ${figures.reads.perSecond.toFixed(0)}/s p99 ${figures.reads.latency.p99Ms.toFixed(2)} ms, transfers ${figures.transfers.perSecond.toFixed(0)}/s p99 ${figures.transfers.latency.p99Ms.toFixed(2)} ms), ${used.msPerRequest.toFixed(2)} CPU ms/req, peak ${peak.peakMiB.toFixed(0)} MiB${figures.failed > 0 ? `, ${figures.failed} FAILED` : ''}`,
  );
  if (figures.reads.ok === 0 || figures.transfers.ok === 0) throw new Error('mixed: a kind had no successful request');
  return { figures, cpu: used, memory: peak, readsPerWrite: options.readsPerWrite };
}

/**
 * The raw baseline and the server's transfers, alternating for settings.transferRounds rounds: the
 * ratio is taken within a round (close in time, under the same background load and disk), and the
 * round with the median server ÷ raw ratio is reported, as the read phase does.
 */
async function transferRounds(
  label: string,
  rawRun: () => Promise<WritePhase['raw']>,
  serverRun: (tag: string) => Promise<LoadFigures>,
): Promise<{ raw: WritePhase['raw']; server: LoadFigures; roundRatios: number[] }> {
  const rounds: { raw: WritePhase['raw']; server: LoadFigures }[] = [];
  for (let round = 1; round <= settings.transferRounds; round++) {
    const tag = settings.transferRounds > 1 ? ` (round ${round}/${settings.transferRounds})` : '';
    const raw = await rawRun();
    rounds.push({ raw, server: await serverRun(tag) });
  }
  const share = (r: (typeof rounds)[number]) => r.server.perSecond / r.raw.perSecond;
  const median = [...rounds].sort((a, b) => share(a) - share(b))[Math.floor((rounds.length - 1) / 2)];
  if (median === undefined) throw new Error(`no ${label} transfer rounds`);
  if (rounds.length > 1) log(`${label} transfer rounds, server/raw: ${rounds.map((r) => share(r).toFixed(3)).join(', ')}; reporting the median round`);
  return { ...median, roundRatios: rounds.map(share) };
}

/** 2: durable transfers on SQLite against raw single commits on the same file. */
async function writePhase(): Promise<WritePhase> {
  const { server: sqliteServer, mover: moverSession, rawOwner: rawPairsPrincipal } = await ensureSqliteSetup();
  const serverPairs = await fundedPairs(moverSession, 'Mover', connections, FUNDING);
  const rawPairs = await fundedPairs(rawPairsPrincipal, 'Raw', connections, FUNDING);
  const memory = new PeakMemory(sqliteServer.child.pid);
  const {
    raw,
    server: figures,
    roundRatios,
  } = await transferRounds(
    'SQLite',
    async () => {
      const rawCpu = new CpuMeter(null);
      const rawRun = rawSqliteTransfers(sqliteTransfersPath, rawPairs, settings.writeSeconds);
      const raw = { ...rawRun, cpu: rawCpu.finish(rawRun.ok) };
      log(
        `raw SQLite: ${raw.perSecond.toFixed(0)} commits/s, p50 ${raw.latency.p50Ms.toFixed(2)} ms, p99 ${raw.latency.p99Ms.toFixed(2)} ms, ${raw.cpu.msPerRequest.toFixed(2)} CPU ms each`,
      );
      return raw;
    },
    (tag) =>
      measure(`SQLite transfers${tag}`, sqliteServer, moverSession, 'POST', TRANSFER_PATH, settings.writeSeconds, {
        bodies: serverPairs.map(([s, d]) => transferBody(s, d)),
      }),
  );
  const peak = memory.finish();
  const [firstPair] = serverPairs;
  if (firstPair === undefined) throw new Error('no pairs');
  const single = await measure('SQLite transfers, 1 connection', sqliteServer, moverSession, 'POST', TRANSFER_PATH, settings.writeSeconds, {
    bodies: [transferBody(...firstPair)],
    concurrency: 1,
  });
  // Cards: authorizations through the simulation endpoint, beside the transfers of this same run.
  const cardBodies = await cardAuthorizationBodies(moverSession, connections, FUNDING);
  const cards = await measure('card authorizations', sqliteServer, moverSession, 'POST', CARD_AUTHORIZATION_PATH, settings.writeSeconds, { bodies: cardBodies });
  await sqliteServer.child.stop();
  sqliteSetup = null;
  const verified = await verify(sqliteTransfersUrl);
  log(`verify: ${verified}`);
  return { raw, server: figures, roundRatios, serverSingle: single, cards, memory: peak, verify: verified };
}

/** 3: the same on PostgreSQL, against raw pg clients at the same concurrency. */
async function postgresPhase(): Promise<PostgresPhase> {
  if (args['no-postgres']) throw new Error('skipped (--no-postgres)');
  const base = requireLoopback(postgresUrl);
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  const name = `ibanera_bench_${process.pid}_${Date.now()}`;
  let version: string;
  try {
    await admin.connect();
    version = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v.split(' ')[0] ?? '?';
    postgresDatabases.add(name);
    saveReaperState();
    await admin.query(`create database "${name}"`);
  } catch (error) {
    throw new Error(`PostgreSQL at ${base.host} unavailable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const mover = await createPrincipal(databaseUrl, 'mover');
  const rawOwner = await createPrincipal(databaseUrl, 'raw');
  const running = await startServer('server (PostgreSQL)', databaseUrl);
  const session = await ApiSession.login(running.baseUrl, mover);
  const rawSession = await ApiSession.login(running.baseUrl, rawOwner);
  const serverPairs = await fundedPairs(session, 'Mover', connections, FUNDING);
  const rawPairs = await fundedPairs(rawSession, 'Raw', connections, FUNDING);
  // Warm the raw clients' path too (first statements plan, caches fill), then measure.
  await rawPgTransfers(databaseUrl, rawPairs, settings.warmupSeconds);
  const memory = new PeakMemory(running.child.pid);
  const {
    raw,
    server: figures,
    roundRatios,
  } = await transferRounds(
    'PostgreSQL',
    async () => {
      const rawCpu = new CpuMeter(null);
      const rawRun = await rawPgTransfers(databaseUrl, rawPairs, settings.writeSeconds);
      const raw = { ...rawRun, cpu: rawCpu.finish(rawRun.ok) };
      log(
        `raw pg: ${raw.perSecond.toFixed(0)} transactions/s, p50 ${raw.latency.p50Ms.toFixed(2)} ms, p99 ${raw.latency.p99Ms.toFixed(2)} ms, machine ${(raw.cpu.machineBusy * 100).toFixed(0)}% busy`,
      );
      return raw;
    },
    (tag) =>
      measure(`PostgreSQL transfers${tag}`, running, session, 'POST', TRANSFER_PATH, settings.writeSeconds, {
        bodies: serverPairs.map(([s, d]) => transferBody(s, d)),
      }),
  );
  const peak = memory.finish();
  await running.child.stop();
  // The same transfers through WORKERS=N HTTP processes on the same database and pool size each.
  let multi: PostgresPhase['workers'] = null;
  if (settings.workers > 1) {
    const group = await startServer(`server (PostgreSQL, WORKERS=${settings.workers})`, databaseUrl, settings.logLevel, settings.workers);
    const groupMemory = new PeakMemory(group.child.pid);
    const groupFigures = await measure(`PostgreSQL transfers, WORKERS=${settings.workers}`, group, session, 'POST', TRANSFER_PATH, settings.writeSeconds, {
      bodies: serverPairs.map(([s, d]) => transferBody(s, d)),
    });
    multi = { server: groupFigures, memory: groupMemory.finish() };
    await group.child.stop();
  }
  const verified = await verify(databaseUrl);
  log(`verify: ${verified}`);
  const statements = await countStatements(databaseUrl, connections);
  log(
    `PostgreSQL statements: list-accounts ${statements.listAccounts}, transactions list ${statements.transactionsList}, transfer ${statements.transfer}; ${statements.concurrentTransfers} concurrent transfers, ${statements.commits} commits, ${statements.concurrentStatements} statements`,
  );
  await dropPostgresDatabases();
  return { version: `PostgreSQL ${version}`, raw, server: figures, roundRatios, memory: peak, workers: multi, verify: verified, statements };
}

/** 4: list pages and balances on one account at a small and a big history. */
async function historyPhase(): Promise<HistoryPhase> {
  const path = join(tmp, 'history.sqlite');
  const databaseUrl = `sqlite:${path}`;
  const owner = await createPrincipal(databaseUrl, 'history');
  const running = await startServer('server (SQLite, history)', databaseUrl);
  const session = await ApiSession.login(running.baseUrl, owner);
  const account = await session.createAccount('History');
  await session.payIn(account, HISTORY_AMOUNT);
  const list = (await session.call('GET', `/api/v1/customer/accounts/transactions?AccountsId=${account}`)) as { id: number }[];
  const template = list[0]?.id;
  if (template === undefined) throw new Error('the pay-in is not listed');
  // Row k of the seeded history is at t0 + k s, all before the template pay-in.
  const t0Seconds = Math.floor(Date.now() / 1000) - settings.historyBig - 3600;
  const sizes: HistorySize[] = [];
  const paths = {
    firstPage: `/api/v1/customer/accounts/transactions?AccountsId=${account}`,
    page50: `/api/v1/customer/accounts/transactions?AccountsId=${account}&PageNumber=50&PageSize=10`,
    balances: '/api/v1/customer/accounts/balances',
  };
  // A fresh server process runs its first requests slower (JIT, heap growth): warm every endpoint first,
  // or whichever is measured first at the small size looks slower than it is.
  for (const warm of Object.values(paths))
    await runLoad({ baseUrl: running.baseUrl, method: 'GET', path: warm, connections, headers: session.headers(), seconds: settings.warmupSeconds });
  let have = 1;
  for (const target of [settings.historySmall, settings.historyBig]) {
    const seedSeconds = seedHistory(path, account, template, target - have, have - 1, t0Seconds);
    have = target;
    log(`history at ${target} transactions (seeded in ${seedSeconds.toFixed(1)} s)`);
    const memory = new PeakMemory(running.child.pid);
    const firstPage = await measure(`  first page @${target}`, running, session, 'GET', paths.firstPage, settings.historySeconds);
    const page50 = await measure(`  page 50 @${target}`, running, session, 'GET', paths.page50, settings.historySeconds);
    const balances = await measure(`  balances @${target}`, running, session, 'GET', paths.balances, settings.historySeconds);
    const middlePage = Math.floor(target / 2 / 10) + 1;
    const middle = await measure(`  page ${middlePage} @${target}`, running, session, 'GET', `${paths.firstPage}&PageNumber=${middlePage}&PageSize=10`, settings.historySeconds, {
      warm: false,
    });
    const peak = memory.finish();
    const sql = timeListQueries(path, account, settings.quick ? 300 : 1000);
    log(
      `  SQL @${target}: count ${sql.countMs.toFixed(2)} ms, offset 490 ${sql.page50Ms.toFixed(2)} ms, offset n/2 ${sql.midOffsetMs.toFixed(2)} ms, keyset ${sql.midKeysetMs.toFixed(2)} ms, positions ${sql.midPositionMs.toFixed(2)} ms`,
    );
    sizes.push({ transactions: target, seedSeconds, firstPage, page50, balances, middle, middlePage, sql, memory: peak });
  }
  await running.child.stop();
  const verified = await verify(databaseUrl);
  log(`verify: ${verified}`);
  const [small, big] = sizes as [HistorySize, HistorySize];
  return { small, big, verify: verified };
}

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  log(`mode ${settings.quick ? 'quick' : 'full'}, ${connections} connections, temp dir ${tmp}`);
  const machine = machineInfo(tmp);
  const selected = new Set(args.phases.split(','));
  const phase = async <T>(key: string, name: string, work: () => Promise<T>): Promise<Outcome<T>> =>
    selected.has(key) ? attempt(name, work) : { ok: false, error: `skipped (not in --phases ${args.phases})` };
  const sqliteStatements = await attempt('statement census', async () => {
    const counts = await countStatements(`sqlite:${join(tmp, 'statements.sqlite')}`, connections);
    log(
      `SQLite statements: list-accounts ${counts.listAccounts} (${counts.preparedOnRepeat} prepared when repeated), transactions list ${counts.transactionsList}${counts.transactionsListCounts ? ' (with count(*))' : ''}, transfer ${counts.transfer}; ${counts.concurrentTransfers} concurrent transfers, ${counts.commits} commits, ${counts.concurrentStatements} statements`,
    );
    return counts;
  });
  const read = await phase('read', 'read phase', readPhase);
  const mixed = await phase('mixed', 'mixed phase', mixedPhase);
  const write = await phase('write', 'SQLite write phase', writePhase);
  const postgres = await phase('postgres', 'PostgreSQL phase', postgresPhase);
  const history = await phase('history', 'history phase', historyPhase);
  const exchangesUrl = `sqlite:${join(tmp, 'exchanges.sqlite')}`;
  const exchanges = await phase('exchanges', 'exchanges phase', () =>
    exchangePhase({ databaseUrl: exchangesUrl, connections, seconds: settings.writeSeconds, startServer, measure, verify }),
  );
  const results = {
    settings,
    machine,
    startedAt,
    totalSeconds: (performance.now() - t0) / 1000,
    loadAverage: [loadAtStart, loadavg()[0] ?? 0] as const,
    read,
    mixed,
    write,
    postgres,
    history,
    sqliteStatements,
    exchanges,
  };
  // An interrupted run never overwrites the report.
  if (cleanedUp) return 130;
  const out = resolve(ROOT, args.out);
  writeFileSync(out, renderReport(results));
  log(`wrote ${out}`);
  const failedPhases = [sqliteStatements, read, mixed, write, postgres, history, exchanges].filter((o) => !o.ok && !o.error.startsWith('skipped')).length;
  return failedPhases === 0 ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await cleanup();
}
process.exit(exitCode);
