import type { CpuFigures } from './children.js';
import type { LoadFigures } from './load.js';
import type { MixedFigures } from './mixed.js';
import { exchangeSection, type ExchangePhase } from './exchanges.js';
import { cardAuthorizationsParagraph } from './cards.js';
import type { MachineInfo } from './machine.js';
import type { QueryTimings } from './history.js';
import type { StatementCounts } from './statements.js';
import type { RunFigures } from './stats.js';

export interface Settings {
  readonly quick: boolean;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly readSeconds: number;
  /** Alternating rounds of the three read figures; the median round (by server ÷ bare) is reported. */
  readonly readRounds: number;
  readonly writeSeconds: number;
  /** Rounds of raw-then-server transfer runs (phases 2 and 3); the median round is reported. */
  readonly transferRounds: number;
  readonly historySeconds: number;
  readonly historySmall: number;
  readonly historyBig: number;
  readonly logLevel: string;
  readonly postgresUrl: string;
  readonly serverLaunch: string;
  /** The server's process count (WORKERS) compared with one process; 1: not compared. */
  readonly workers: number;
}

export interface Memory {
  readonly peakMiB: number;
  readonly source: string;
  /** Processes added up (the server and its cluster workers). */
  readonly processes?: number;
}

export interface ReadPhase {
  /** The empty bare route: a constant body, no auth, no database (bench/bare-server.ts). */
  readonly bare: LoadFigures;
  /** The same work by hand on a bare Fastify (bench/fair-read-server.ts): the target's baseline. */
  readonly fair: LoadFigures;
  readonly server: LoadFigures;
  /** The server at LOG_LEVEL=warn (full mode only). */
  readonly serverQuietLog: LoadFigures | null;
  /** The server with WORKERS=settings.workers (null when not compared). */
  readonly serverWorkers: LoadFigures | null;
  readonly bodyBytes: number;
  readonly fairBodyBytes: number;
  readonly bodiesIdentical: boolean;
  readonly accounts: number;
  /** server ÷ fair of every round (the rows show the median round). */
  readonly roundRatios: readonly number[];
  /** Peak RSS of the one-process server over all read rounds, and of the WORKERS=N group. */
  readonly memory: Memory;
  readonly workersMemory: Memory | null;
}

export interface MixedPhase {
  readonly figures: MixedFigures;
  readonly cpu: CpuFigures;
  readonly memory: Memory;
  /** Reads per transfer in each connection's cycle (4: 80 % / 20 %). */
  readonly readsPerWrite: number;
}

export interface WritePhase {
  readonly raw: RunFigures;
  readonly server: LoadFigures;
  /** server ÷ raw of every round (the rows show the median round). */
  readonly roundRatios: readonly number[];
  /** The same transfers one at a time (one connection): service time without queueing. */
  readonly serverSingle: LoadFigures;
  /** Card authorizations through the simulation endpoint on the same server, right after (bench/lib/cards.ts). */
  readonly cards?: LoadFigures;
  readonly memory: Memory;
  readonly verify: string;
}

export interface PostgresPhase {
  readonly version: string;
  readonly raw: RunFigures;
  readonly server: LoadFigures;
  /** server ÷ raw of every round (the rows show the median round). */
  readonly roundRatios: readonly number[];
  readonly memory: Memory;
  /** The same transfers through WORKERS=settings.workers processes (null when not compared). */
  readonly workers: { readonly server: LoadFigures; readonly memory: Memory } | null;
  readonly verify: string;
  readonly statements: StatementCounts;
}

export interface HistorySize {
  readonly transactions: number;
  readonly seedSeconds: number;
  readonly firstPage: LoadFigures;
  readonly page50: LoadFigures;
  readonly balances: LoadFigures;
  /** The page in the middle of the history (OFFSET ≈ n/2), to show what OFFSET paging costs. */
  readonly middle: LoadFigures;
  readonly middlePage: number;
  readonly sql: QueryTimings;
  readonly memory: Memory;
}

export interface HistoryPhase {
  readonly small: HistorySize;
  readonly big: HistorySize;
  readonly verify: string;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface Results {
  readonly settings: Settings;
  readonly machine: MachineInfo;
  readonly startedAt: Date;
  readonly totalSeconds: number;
  /** 1-minute load average when the run started and when it ended (other processes show here). */
  readonly loadAverage: readonly [number, number];
  readonly read: Outcome<ReadPhase>;
  readonly mixed: Outcome<MixedPhase>;
  readonly write: Outcome<WritePhase>;
  readonly postgres: Outcome<PostgresPhase>;
  readonly history: Outcome<HistoryPhase>;
  /** What the server's code sends to SQLite per request (in-process census, not timed). */
  readonly sqliteStatements: Outcome<StatementCounts>;
  /** Market buys beside internal transfers (bench/lib/exchanges.ts). */
  readonly exchanges?: Outcome<ExchangePhase>;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number) => (!Number.isFinite(n) ? 'n/a' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const ratio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');
const mib = (n: number) => n.toFixed(0);
const processes = (n: number | undefined) => (n === undefined ? '? processes' : n === 1 ? '1 process' : `${n} processes: the primary and ${n - 1} workers`);
const met = (ok: boolean) => (ok ? '**met**' : '**missed**');
const failures = (f: LoadFigures) => (f.failed === 0 ? '' : ` (${f.failed} failed: ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts)`);

function loadRow(label: string, f: RunFigures, baseline: RunFigures | null): string {
  const vs = baseline === null ? 'baseline' : ratio(f.perSecond / baseline.perSecond);
  const failed = 'non2xx' in f ? failures(f as LoadFigures) : '';
  const cpu = f.cpu === undefined ? 'n/a | n/a' : `${ms(f.cpu.msPerRequest)} | ${(f.cpu.machineBusy * 100).toFixed(0)}%`;
  return `| ${label} | ${int(f.perSecond)}${failed} | ${ms(f.latency.p50Ms)} | ${ms(f.latency.p99Ms)} | ${ms(f.latency.maxMs)} | ${int(f.ok)} | ${cpu} | ${vs} |`;
}

const LOAD_HEADER = '| | req/s | p50 ms | p99 ms | max ms | requests | CPU ms/req | machine busy | vs baseline |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|';
const CPU_NOTE =
  'CPU ms/req: CPU time (user + system, from /proc) of the server process per completed request, with WORKERS=N the sum over the primary and its workers; for the raw rows, of the benchmark process running the raw client. Machine busy: all CPUs, including the load generator, PostgreSQL and anything else running.';

function failed(title: string, outcome: { error: string }): string {
  return `## ${title}\n\nNot measured in this run: ${outcome.error}\n`;
}

/** The read and PostgreSQL targets, and the memory one (issue #19). */
export const READ_TARGET = 0.8;
export const POSTGRES_TARGET = 0.8;
export const RSS_TARGET_MIB = 250;

function logText(p: ReadPhase): string {
  if (p.serverQuietLog === null) return '';
  const gain = p.serverQuietLog.perSecond / p.server.perSecond - 1;
  return gain > 0.05
    ? ` The access-log line written for every request at \`info\` costs ${(gain * 100).toFixed(0)}% of throughput (LOG_LEVEL=warn: ${ratio(p.serverQuietLog.perSecond / p.fair.perSecond)} of the fair baseline).`
    : ` Per-request logging is not what limits it (LOG_LEVEL=warn: ${ratio(p.serverQuietLog.perSecond / p.fair.perSecond)} of the fair baseline, within noise).`;
}

function readCause(r: Results, p: ReadPhase): string {
  const serverCpu = p.server.cpu?.msPerRequest ?? Number.NaN;
  const fairCpu = p.fair.cpu?.msPerRequest ?? Number.NaN;
  const bareCpu = p.bare.cpu?.msPerRequest ?? Number.NaN;
  const statements = r.sqliteStatements.ok
    ? ` It issues ${r.sqliteStatements.value.listAccounts} SQL statements per request${preparedText(r.sqliteStatements.value)}; the fair baseline 2 (principal, accounts page) and the assets table at most every 5 s.`
    : '';
  return ` Cause: the server spends ${ms(serverCpu)} CPU ms per request against ${ms(fairCpu)} for the same work done by hand (${ratio(serverCpu / fairCpu)}; the empty route: ${ms(bareCpu)}), on one Node thread (${(p.server.cpu?.cores ?? Number.NaN).toFixed(2)} cores used). The difference, ${ms(serverCpu - fairCpu)} CPU ms per request, is what the server's layers add on top of the work: Fastify's hooks, schema validation and serializer, the auth hook, the service and repository calls, Kysely, the request log.${statements}${logText(p)} A CPU profile of the server under this load (\`BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR"\`) shows which.`;
}

function readSection(r: Results, p: ReadPhase): string {
  const s = r.settings;
  const share = p.server.perSecond / p.fair.perSecond;
  const bytes = p.bodiesIdentical
    ? `byte for byte the server's answer (${p.bodyBytes} bytes)`
    : `${p.fairBodyBytes} bytes against the server's ${p.bodyBytes} (**not identical**: the run's log shows where they differ)`;
  const multi = p.serverWorkers;
  return `## 1. Authenticated read

\`GET /api/v1/customer/accounts/list-accounts\` (JWT verified and the \`otp\` header checked against the
principal's TOTP secret on every request, principal row read, ${p.accounts} accounts listed with their balances) against two
references, each a bare Fastify (no logger, no hooks, no schemas) in its own process:

- **fair baseline** (the target's): \`bench/fair-read-server.ts\` does the same work without the server's layers, on the
  same SQLite file: the HS256 JWT checked with \`node:crypto\` against the server's own signing key (the
  \`jwt_signing_key\` setting the server keeps in the database), the principal row read and its state checked
  (suppressed, verified, locked), the TOTP (HMAC-SHA1, 30 s, ±1 step) checked, the accounts joined with
  \`ledger_balances\` read (first page of 10, the assets table cached 5 s as the server caches it), all through
  prepared better-sqlite3 statements on a read-only connection, and the envelope written with \`JSON.stringify\`
  and the balances as exact decimal literals from bigint units. Its answer is ${bytes}. It handles only
  this request (the principal's own accounts, default page); it validates no query string and answers any
  failure with a bare 401.
- **empty bare route** (a floor, not a target): \`bench/bare-server.ts\` answers the server's ${p.bodyBytes} bytes as a
  constant: no auth, no database.

${s.connections} keep-alive connections, ${s.readSeconds} s each after ${s.warmupSeconds} s of warm-up${s.readRounds > 1 ? `; the runs alternate for ${s.readRounds} rounds and the rows show the round with the median server ÷ fair ratio (all rounds: ${p.roundRatios.map(ratio).join(', ')})` : ''}. The last column compares with the fair baseline.

${LOAD_HEADER}
${loadRow('fair baseline: the same work, bare Fastify (baseline)', p.fair, null)}
${loadRow('empty bare route (constant body)', p.bare, p.fair)}
${loadRow(`server, LOG_LEVEL=${s.logLevel} (default)`, p.server, p.fair)}
${p.serverQuietLog === null ? '| server, LOG_LEVEL=warn | not measured in quick mode | | | | | | | |' : loadRow('server, LOG_LEVEL=warn (no per-request log lines)', p.serverQuietLog, p.fair)}
${multi === null ? '' : `${loadRow(`server, WORKERS=${s.workers} (${processes(multi.cpu?.processes)} measured)`, multi, p.fair)}\n`}
${CPU_NOTE}

Against the empty route the server runs at ${ratio(p.server.perSecond / p.bare.perSecond)} and the fair baseline at ${ratio(p.fair.perSecond / p.bare.perSecond)}: what the work itself costs.
${multi === null ? '' : `With WORKERS=${s.workers} the server runs at ${ratio(multi.perSecond / p.server.perSecond)} of one process (${ms(multi.cpu?.msPerRequest ?? Number.NaN)} CPU ms/req summed over ${processes(multi.cpu?.processes)}, on ${r.machine.cores} cores that also run the load generator). A server that ignores WORKERS shows 1 process here.\n`}
Target ≥ ${READ_TARGET} of the fair baseline: ${ratio(share)} → ${met(share >= READ_TARGET)}.${share >= READ_TARGET ? '' : readCause(r, p)}
`;
}

function mixedSection(r: Results, p: MixedPhase): string {
  const s = r.settings;
  const f = p.figures;
  const readShare = f.reads.ok / Math.max(1, f.ok);
  const kindRow = (label: string, k: MixedFigures['reads']) =>
    `| ${label} | ${int(k.perSecond)} | ${ms(k.latency.p50Ms)} | ${ms(k.latency.p99Ms)} | ${ms(k.latency.maxMs)} | ${int(k.ok)}${k.failed > 0 ? ` (${k.failed} failed)` : ''} |`;
  const read = r.read.ok ? r.read.value.server : null;
  const write = r.write.ok ? r.write.value.server : null;
  // If the two kinds only shared the server's time, the mix would run at the weighted harmonic mean.
  const timeShared = read !== null && write !== null ? 1 / (readShare / read.perSecond + (1 - readShare) / write.perSecond) : Number.NaN;
  return `## 1b. Mixed workload, SQLite

The server of sections 1 and 2, ${s.connections} keep-alive connections in one autocannon run, each cycling ${p.readsPerWrite} \`list-accounts\`
reads (the reader's ${r.read.ok ? r.read.value.accounts : 2} accounts) and one internal transfer on its own account pair, each connection starting
its cycle at another step (\`bench/lib/mixed.ts\`): ${((p.readsPerWrite / (p.readsPerWrite + 1)) * 100).toFixed(0)} % reads and ${(100 / (p.readsPerWrite + 1)).toFixed(0)} % transfers by request count (measured: ${(readShare * 100).toFixed(1)} % reads). ${s.writeSeconds} s after ${s.warmupSeconds} s of warm-up.

| | req/s | p50 ms | p99 ms | max ms | requests |
|---|---:|---:|---:|---:|---:|
| all${f.failed > 0 ? ` (${f.failed} failed)` : ''} | ${int(f.perSecond)} | | | | ${int(f.ok)} |
${kindRow('list-accounts', f.reads)}
${kindRow('internal transfers', f.transfers)}

Server CPU ${ms(p.cpu.msPerRequest)} ms per request (${p.cpu.cores.toFixed(2)} cores; machine ${(p.cpu.machineBusy * 100).toFixed(0)}% busy); peak RSS ${mib(p.memory.peakMiB)} MiB.
${Number.isFinite(timeShared) ? `Reference, same run: were reads (${int(read?.perSecond ?? Number.NaN)}/s alone, section 1) and transfers (${int(write?.perSecond ?? Number.NaN)}/s alone, section 2) only to share the server's time, this mix would run at ${int(timeShared)} req/s; measured ${ratio(f.perSecond / timeShared)} of that.` : 'No time-shared reference: sections 1 or 2 were not measured.'}
No target: reported beside the others.
`;
}

const RAW_SQLITE_STATEMENTS = 13;
const RAW_PG_STATEMENTS = 8;

/**
 * Where a batched SQLite transfer's time goes, from a CPU profile and a per-statement timing taken by
 * hand on 2026-12-01 (commit 6c1264d, the machine otherwise idle), not by this run.
 */
const SQLITE_TRANSFER_PROFILE =
  "**Where the time goes** (`node --cpu-prof` of the server under this load, and every better-sqlite3 statement timed in process; quick runs taken by hand on 2026-12-01, not by this run): the server thread is busy about 96 % of the time, half of it inside better-sqlite3. Per batch (about 6 transfers at 10 connections: a batch takes every transfer the server holds when its transaction begins): the COMMIT with its fsync 0.47 ms, `BEGIN IMMEDIATE` under 10 µs (96 % of them), the parties statement (accounts, KYC, balances, positions, ids) 0.06 ms, the insert of the transaction rows 0.13 ms (five indexes on `transactions`), legs, journals, balances and counts 0.1 ms; per request, the principal 10 µs. The other half is HTTP parsing and Fastify, body binding and validation, building the batch's statements in Kysely (about 8 %), JSON and logging, garbage collection (2 %).";

/** Fewer indexes on `transactions` (2026-12-01, by hand, not kept): measured, no gain in the ratio. */
const SQLITE_FEWER_INDEXES_TRIED =
  '**Fewer indexes on `transactions`, tried and measured** (by hand on 2026-12-01). With two of its four secondary indexes dropped (by customer and by principal, each with the time), three alternating quick runs gave the server 2,138, 2,430 and 2,196 transfers/s against 2,060, 1,966 and 2,336 with them, but the raw baseline writes the same table and gained as much (3,249–3,377 against 2,959–3,199 commits/s): server ÷ raw 0.66, 0.72 and 0.66 without them against 0.70, 0.65 and 0.73 with them. The one by principal serves the lists across accounts; the one by customer may have had no reader since those lists moved to the principal (noted for a later change: dropping it does not move the ratio).';

/** The batch inserts built without Kysely (2026-12-01, by hand, not kept): measured, no gain. */
const SQLITE_INSERTS_WITHOUT_KYSELY_TRIED =
  "**The batch's inserts built without Kysely, tried and measured** (by hand on 2026-12-01; the code was not kept). The journals, legs and transaction rows of a batch were sent as one INSERT each, with the text built once per table, columns and row count (the same string each time, so the statement cache finds it by a hash already computed). Three alternating quick runs each: 0.58, 0.49 and 0.48 CPU ms per transfer with Kysely against 0.53, 0.50 and 0.52 without, which is no difference within the noise. Kysely's share of the thread (about 10 % in the profile) is mostly the other statements and its own execution path, not the inserts.";

/** The writer-thread experiment (2026-12-01, by hand, not kept): measured, and why it lost. */
const SQLITE_WRITER_THREAD_TRIED =
  '**A writer thread, tried and measured** (quick runs of this phase by hand on 2026-12-01, each beside its own raw run; the code was not kept). The writable connection went to a `worker_threads` thread and the HTTP thread kept the read-only one. Inline, the server did 2,517–2,840 transfers/s against raw 3,320–3,689.\n' +
  "  - Every statement sent as a message and awaited: 1,838/s (card authorizations 680/s against 2,359/s inline). Each of a batch's ten statements waits for a turn of the busy event loop.\n" +
  '  - Statements inside a transaction answered synchronously (`Atomics.wait` with `receiveMessageOnPort`, as synckit does) and only the COMMIT asynchronous, so the fsync leaves the HTTP thread: 1,706–2,031/s. A hand-off costs 50–70 µs when the other thread sleeps and 4–10 µs when it spins, and spinning takes the core that the load generator and the HTTP thread need (1.4 cores used for fewer transfers).\n' +
  "  - The upper bound of taking the fsync off the thread: with no fsync at all (`synchronous=NORMAL`, not durable, never shipped) the same quick run did 2,909/s against 2,726/s with FULL, +7 %. Batches already share one fsync among about ten transfers, so the fsync is not where the thread's time goes.";

function preparedText(st: StatementCounts): string {
  return st.preparedOnRepeat === 0 ? ' (prepared statements are reused)' : ' and prepared anew by better-sqlite3 (no statement cache)';
}

function groupCommitText(st: StatementCounts): string {
  return `${st.concurrentTransfers} transfers sent at once took ${st.commits} ${st.commits === 1 ? 'commit' : 'commits'} and ${st.concurrentStatements} statements, authentication included (counted at the driver, server code run in-process; one transfer alone takes ${st.transfer})`;
}

/**
 * The raw commit rate as a budget for one server thread, against the fair read baseline of this same
 * run: a transfer does all of the read's work (HTTP, the JWT and TOTP checks, the principal and
 * accounts read, the envelope) and then a durable write.
 */
function budgetText(r: Results, p: WritePhase): string | null {
  if (!r.read.ok) return null;
  const fair = r.read.value.fair;
  const fairCpu = fair.cpu?.msPerRequest ?? Number.NaN;
  const serverCpu = p.server.cpu?.msPerRequest ?? Number.NaN;
  const budgetMs = 1000 / p.raw.perSecond;
  if (!Number.isFinite(fairCpu) || !Number.isFinite(serverCpu)) return null;
  const left = budgetMs - fairCpu;
  const verdict =
    left <= 0
      ? `less than the fair read baseline alone costs (${ms(fairCpu)} CPU ms per request in section 1: bare Fastify, the same JWT, TOTP and two indexed reads, no write). No single-threaded HTTP server that does a read's work before its write reaches the raw single-commit rate on this disk, however its write is built`
      : `of which the fair read baseline's work (${ms(fairCpu)} CPU ms per request in section 1: bare Fastify, the same JWT, TOTP and two indexed reads) leaves ${ms(left)} ms for the body, the checks, the batch's share of its statements and its commit; the server's transfer costs ${ms(serverCpu)} CPU ms in all, ${ms(serverCpu - fairCpu)} above the fair read`;
  return `**The budget**: at the raw rate (${int(p.raw.perSecond)}/s) one thread has ${ms(budgetMs)} ms per transfer, ${verdict}. The server's thread is the limit (it does HTTP, validation and SQLite's synchronous statements and fsync, one after another); more processes do not help SQLite (one writer: with \`WORKERS=2\` the processes take the write lock in turn, measured 818 transfers/s at p99 83 ms against 1,460/s for one process, by hand on 2026-12-01).`;
}

function writeSection(r: Results, p: WritePhase): string {
  const s = r.settings;
  const share = p.server.perSecond / p.raw.perSecond;
  const commitMs = 1000 / p.raw.perSecond;
  const serviceMs = 1000 / p.server.perSecond;
  const serverCpu = p.server.cpu?.msPerRequest ?? Number.NaN;
  const st = r.sqliteStatements.ok ? r.sqliteStatements.value : null;
  const causes: string[] = [];
  if (serverCpu > commitMs) {
    const statements =
      st === null
        ? ''
        : ` A transfer alone issues ${st.transfer} SQL statements (raw: ${RAW_SQLITE_STATEMENTS}); ${st.concurrentTransfers} sent together take ${st.concurrentStatements} in all (${(st.concurrentStatements / st.concurrentTransfers).toFixed(1)} each: the principal read per request, the batch's statements shared), plus HTTP, JSON, JWT + TOTP and request logging, all on one Node thread.`;
    const cores = p.server.cpu?.cores ?? Number.NaN;
    const waiting =
      cores < 0.9
        ? ` The server process averaged ${cores.toFixed(2)} of a core: the rest of the time its one thread was blocked in fsync or waiting for a CPU (machine busy ${((p.server.cpu?.machineBusy ?? Number.NaN) * 100).toFixed(0)}%).`
        : '';
    causes.push(
      `**CPU per transfer**: the server spends ${ms(serverCpu)} CPU ms per transfer, more than a whole raw commit (${ms(commitMs)} ms, fsync included; the raw client used ${ms(p.raw.cpu?.msPerRequest ?? Number.NaN)} CPU ms).${statements}${waiting}`,
    );
  }
  if (st !== null) {
    causes.push(
      st.commits < st.concurrentTransfers
        ? `Commits and statements are shared (transfers that arrive together are one batch, written with set-based statements inside the group commit): ${groupCommitText(st)}, so neither the fsync nor the write statements are paid per transfer; the ceiling is the CPU above. The raw baseline pays a whole commit per transfer yet needs no HTTP, JSON, authentication or query building: on this disk a commit costs less than the server's per-request CPU, so sharing commits cannot make up the difference. On a disk with slower fsync (the raw rate falls, the server's shared commits barely move) the same code comes closer to the target.`
        : `**No effective group commit**: ${groupCommitText(st)}. Every transfer pays its own \`BEGIN IMMEDIATE … COMMIT\` and fsync, so throughput cannot exceed the raw single-commit rate. All SQL, the reads before the transaction (principal, accounts, asset, customer scope) included, goes through the one Kysely SQLite connection, which a write holds until its commit: concurrent requests wait on that connection one statement at a time instead of arriving together at the commit.`,
    );
  }
  const budget = budgetText(r, p);
  if (budget !== null) causes.push(budget);
  causes.push(SQLITE_TRANSFER_PROFILE);
  causes.push(SQLITE_WRITER_THREAD_TRIED);
  causes.push(SQLITE_INSERTS_WITHOUT_KYSELY_TRIED);
  causes.push(SQLITE_FEWER_INDEXES_TRIED);
  causes.push(
    `better-sqlite3 is synchronous: each statement, and each commit's fsync, blocks the event loop, so no other request (not even a read) progresses meanwhile. With ${s.connections} requests in flight each waits for the others: ${ms(serviceMs)} ms per transfer × ${s.connections} ≈ ${ms(serviceMs * s.connections)} ms, against the p99 of ${ms(p.server.latency.p99Ms)} ms. Alone (1 connection) a transfer takes ${ms(p.serverSingle.latency.p50Ms)} ms at p50 and ${ms(p.serverSingle.latency.p99Ms)} ms at p99 (raw commit: ${ms(p.raw.latency.p50Ms)} / ${ms(p.raw.latency.p99Ms)} ms).`,
  );
  return `## 2. Durable money movement, SQLite (WAL, synchronous=FULL)

\`POST /api/v1/customer/transfers/fiat/createinternaltransfer\` (${s.connections} connections, each on its own funded
account pair) against the raw database doing the same posting without HTTP: one better-sqlite3 connection,
one transfer per \`BEGIN IMMEDIATE … COMMIT\` (\`bench/lib/raw-sqlite.ts\`: lock-read both balances, two
transaction rows linked both ways, two postings, four entries, both balances written), same file, same
pragmas, one transfer at a time. ${s.writeSeconds} s each${transferRoundsText(s, p.roundRatios)}.

${LOAD_HEADER.replace('req/s', 'transfers/s')}
${loadRow('raw better-sqlite3, one commit at a time (baseline)', p.raw, null)}
${loadRow(`server over HTTP, ${s.connections} connections`, p.server, p.raw)}
${loadRow('server over HTTP, 1 connection (no queueing)', p.serverSingle, p.raw)}

${CPU_NOTE}

${p.cards === undefined ? '' : `${cardAuthorizationsParagraph(p.cards, p.server, s.connections)}\n`}Target ≥ the raw single-commit rate and p99 < 20 ms: ${ratio(share)} of raw → ${met(share >= 1)}; p99 ${ms(p.server.latency.p99Ms)} ms → ${met(p.server.latency.p99Ms < 20)}.

Gap and cause:
${causes.map((c) => `- ${c}`).join('\n')}

Ledger check after the run (\`ibanera-server verify\`, raw and server rows alike): ${p.verify}.
`;
}

function pgCause(r: Results, p: PostgresPhase): string {
  const st = p.statements;
  const serverCpu = p.server.cpu?.msPerRequest ?? Number.NaN;
  const rawCpu = p.raw.cpu?.msPerRequest ?? Number.NaN;
  const busy = `${((p.server.cpu?.machineBusy ?? Number.NaN) * 100).toFixed(0)}%`;
  if (st.transfer > RAW_PG_STATEMENTS) {
    return `${st.transfer} statements per transfer, each a round trip (raw: ${RAW_PG_STATEMENTS}), most of them inside the transaction while it holds both row locks and a pool connection; ${ms(serverCpu)} CPU ms of the server per transfer, on a machine whose ${r.machine.cores} cores also run PostgreSQL and the load generator (machine busy ${busy}).`;
  }
  const cores = p.server.cpu?.cores ?? Number.NaN;
  const folded = `${st.concurrentTransfers} transfers sent together take ${st.concurrentStatements} statements and ${st.commits} commits (one alone: ${st.transfer}; raw: ${RAW_PG_STATEMENTS} each)`;
  if (cores < 0.9) {
    return `not the server's CPU alone: it used ${cores.toFixed(2)} of a core (${ms(serverCpu)} CPU ms per transfer against the raw client's ${ms(rawCpu)}), and the rest of the time its requests waited for PostgreSQL. Transfers are batched: ${folded}. No statement runs per request before the batch but the principal's lookup, which the requests that arrive together share; a batch is \`BEGIN\`, one statement that reads the parties, locks their balances and reserves the rows' ids, one for the journals, legs and balances, one for the transaction rows and counts (and one for the idempotency records when keys are sent), \`COMMIT\`, each a named prepared statement parsed once per connection. The batches run one after another (\`TRANSFER_BATCHES_IN_FLIGHT_MAX=1\`; 2 measured the same within noise on this machine), so each round trip's latency is paid by the whole batch. On ${r.machine.cores} cores shared by PostgreSQL's backends, the load generator and the server (machine busy ${busy}), what is left is the server's CPU per transfer (HTTP, JSON, JWT and TOTP, Kysely building the batch's statements, the pg protocol: \`writev\` on the loopback socket alone was a quarter of the server's busy time in a profile taken by hand) and the batch's four round trips; the journals and the transaction rows in one statement (their ids reserved with the parties) would take one more off.`;
  }
  return `CPU: ${folded}, yet the server spends ${ms(serverCpu)} CPU ms per transfer (HTTP, JSON, JWT + TOTP, the request log, Kysely building each query, the pg protocol) against the raw client's ${ms(rawCpu)}, on a machine whose ${r.machine.cores} cores also run the PostgreSQL backends and the load generator (machine busy ${busy}): every CPU ms the server uses is taken from PostgreSQL. On a machine where the database has its own cores, the server's ${ms(serverCpu)} ms per transfer on one thread would allow about ${int(1000 / serverCpu)} transfers/s per server process.`;
}

/** How the raw and server runs alternated, and every round's ratio (the rows show the median round). */
function transferRoundsText(s: Settings, roundRatios: readonly number[]): string {
  if (s.transferRounds <= 1) return '';
  return `; the raw and server runs alternate for ${s.transferRounds} rounds (the disk's fsync and the machine's background load vary from minute to minute, and a ratio is taken within one round) and the rows show the round with the median server ÷ raw ratio (all rounds: ${roundRatios.map(ratio).join(', ')})`;
}

function postgresSection(r: Results, p: PostgresPhase): string {
  const s = r.settings;
  const share = p.server.perSecond / p.raw.perSecond;
  return `## 3. Durable money movement, PostgreSQL

The same transfer on ${p.version}, fresh database on 127.0.0.1, server pool of 10 connections, ${s.connections} HTTP
connections; baseline: ${s.connections} raw \`pg\` clients in one process, each on its own account pair, doing the same
posting in single transactions (\`bench/lib/raw-pg.ts\`: BEGIN; both rows \`FOR UPDATE\` in id order; both
transactions; their links; both postings; four entries; both balances; COMMIT: ${RAW_PG_STATEMENTS} round trips). ${s.writeSeconds} s each${transferRoundsText(s, p.roundRatios)}.

${LOAD_HEADER.replace('req/s', 'transfers/s')}
${loadRow(`raw pg, ${s.connections} clients (baseline)`, p.raw, null)}
${loadRow(`server over HTTP, ${s.connections} connections`, p.server, p.raw)}
${
  p.workers === null
    ? ''
    : `${loadRow(`server over HTTP, WORKERS=${s.workers} (${processes(p.workers.server.cpu?.processes)} measured)`, p.workers.server, p.raw)}
`
}
${CPU_NOTE}
${
  p.workers === null
    ? ''
    : `
WORKERS=${s.workers}: a fresh server group on the same database and account pairs, right after, each HTTP process with its own pool of 10; ${ratio(p.workers.server.perSecond / p.server.perSecond)} of one process. A server that ignores WORKERS shows 1 process here.
`
}
Target ≥ ${POSTGRES_TARGET} of raw (one process): ${ratio(share)} → ${met(share >= POSTGRES_TARGET)}.${share >= POSTGRES_TARGET ? '' : ` Cause: ${pgCause(r, p)}`}
PostgreSQL flushes concurrent commits together, so both sides get group commit from the database.

Ledger check after the run: ${p.verify}.
`;
}

function historyRow(label: string, small: LoadFigures, big: LoadFigures, target = true): { row: string; latencyRatio: number } {
  const meanRatio = big.latency.meanMs / small.latency.meanMs;
  const cpu = (f: LoadFigures) => ms(f.cpu?.msPerRequest ?? Number.NaN);
  return {
    latencyRatio: meanRatio,
    row: `| ${label} | ${int(small.perSecond)}${failures(small)} | ${ms(small.latency.meanMs)} | ${ms(small.latency.p99Ms)} | ${cpu(small)} | ${int(big.perSecond)}${failures(big)} | ${ms(big.latency.meanMs)} | ${ms(big.latency.p99Ms)} | ${cpu(big)} | ${ratio(meanRatio)} | ${target ? met(meanRatio <= 1.5) : 'none: O(offset) by design'} |`,
  };
}

function historySection(r: Results, p: HistoryPhase): string {
  const s = r.settings;
  const { small, big } = p;
  const n = (size: HistorySize) => int(size.transactions);
  const first = historyRow('transactions, first page (PageSize 10)', small.firstPage, big.firstPage);
  const deep = historyRow('transactions, PageNumber=50, PageSize=10', small.page50, big.page50);
  const balances = historyRow('balances', small.balances, big.balances);
  const middle = historyRow(`transactions, middle page (PageNumber ${int(small.middlePage)} / ${int(big.middlePage)})`, small.middle, big.middle);
  const countShare = big.sql.countMs / (big.sql.countMs + big.sql.page50Ms);
  const census = r.sqliteStatements.ok ? r.sqliteStatements.value : null;
  const causes: string[] = [];
  const missed = first.latencyRatio > 1.5 || deep.latencyRatio > 1.5;
  if (census?.transactionsListCounts === true) {
    causes.push(
      `${missed ? 'Cause: e' : 'E'}very list request runs a \`count(*)\` for \`numberOfPages\` (${census.transactionsList} statements per list request), which walks every index entry of the account: ${ms(small.sql.countMs)} ms at ${n(small)} transactions, ${ms(big.sql.countMs)} ms at ${n(big)} (${ratio(big.sql.countMs / small.sql.countMs)}), ${(countShare * 100).toFixed(0)}% of the page-50 SQL time at ${n(big)}; the page itself stays cheap (${ms(big.sql.firstPageMs)} ms first page, ${ms(big.sql.page50Ms)} ms at OFFSET 490).`,
    );
  } else if (census !== null) {
    causes.push(
      `The list request issues no \`count(*)\` (${census.transactionsList} statements; \`numberOfPages\` comes from a stored per-account count), which would cost ${ms(small.sql.countMs)} ms at ${n(small)} and ${ms(big.sql.countMs)} ms at ${n(big)} transactions.${missed ? ' The growth left comes from elsewhere (the SQL below is flat up to OFFSET 490).' : ''}`,
    );
  }
  causes.push(
    `A page is a range of stored positions (\`account_seq\`, migration 0021), not an OFFSET: at ${n(big)} transactions the middle page (the rows at OFFSET ${int(big.sql.midOffset)}) takes ${ms(big.middle.latency.meanMs)} ms over HTTP against ${ms(big.firstPage.latency.meanMs)} ms for the first page; in SQL alone the position query takes ${ms(big.sql.midPositionMs)} ms where OFFSET would take ${ms(big.sql.midOffsetMs)} ms (keyset by \`(date_time, id) < cursor\`: ${ms(big.sql.midKeysetMs)} ms).`,
  );
  return `## 4. Cost as history grows (SQLite)

One account's history seeded directly in the database in the server's own shape (a pay-in the server wrote,
copied: transaction row + \`create\` posting + two entries, stored balance moved to match; \`bench/lib/history.ts\`),
first to ${n(small)} then to ${n(big)} transactions, with the server running. ${s.connections} connections, ${s.historySeconds} s per figure.
Latency is compared on the mean (with the server saturated it is connections ÷ throughput; p99 shown beside it).
Seeding took ${small.seedSeconds.toFixed(1)} s and ${big.seedSeconds.toFixed(1)} s.

| endpoint | ${n(small)}: req/s | mean ms | p99 ms | CPU ms/req | ${n(big)}: req/s | mean ms | p99 ms | CPU ms/req | latency ratio | target ≤ 1.5× |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
${first.row}
${deep.row}
${balances.row}
${middle.row}

${causes.join('\n\n')}

The list endpoint's SQL alone (better-sqlite3, no HTTP, median ms):

| query | ${n(small)} | ${n(big)} |
|---|---:|---:|
| \`count(*)\` of the account's rows (numberOfPages without a stored count) | ${ms(small.sql.countMs)} | ${ms(big.sql.countMs)} |
| page, OFFSET 0 | ${ms(small.sql.firstPageMs)} | ${ms(big.sql.firstPageMs)} |
| page, OFFSET 490 | ${ms(small.sql.page50Ms)} | ${ms(big.sql.page50Ms)} |
| page, OFFSET n/2 (${int(small.sql.midOffset)} / ${int(big.sql.midOffset)}) | ${ms(small.sql.midOffsetMs)} | ${ms(big.sql.midOffsetMs)} |
| same page by keyset | ${ms(small.sql.midKeysetMs)} | ${ms(big.sql.midKeysetMs)} |
| same page by stored positions (the endpoint's query) | ${ms(small.sql.midPositionMs)} | ${ms(big.sql.midPositionMs)} |

Ledger check at ${n(big)} transactions: ${p.verify}.
`;
}

/** Peak RSS of every phase measured under load, one process and WORKERS=N apart. */
function memoryRows(r: Results): { phase: string; memory: Memory; group: boolean }[] {
  const rows: { phase: string; memory: Memory; group: boolean }[] = [];
  const w = r.settings.workers;
  if (r.read.ok) {
    rows.push({ phase: '1. list-accounts, all read rounds', memory: r.read.value.memory, group: false });
    const m = r.read.value.workersMemory;
    if (m !== null) rows.push({ phase: `1. list-accounts, WORKERS=${w}`, memory: m, group: true });
  }
  if (r.mixed.ok) rows.push({ phase: '1b. mixed 80/20', memory: r.mixed.value.memory, group: false });
  if (r.write.ok) rows.push({ phase: '2. SQLite transfers', memory: r.write.value.memory, group: false });
  if (r.postgres.ok) {
    rows.push({ phase: '3. PostgreSQL transfers', memory: r.postgres.value.memory, group: false });
    const m = r.postgres.value.workers;
    if (m !== null) rows.push({ phase: `3. PostgreSQL transfers, WORKERS=${w}`, memory: m.memory, group: true });
  }
  if (r.history.ok) {
    const h = r.history.value;
    rows.push({ phase: `4. history, ${int(h.small.transactions)} transactions`, memory: h.small.memory, group: false });
    rows.push({ phase: `4. history, ${int(h.big.transactions)} transactions`, memory: h.big.memory, group: false });
  }
  return rows;
}

/** The largest one-process peak under load (the target's figure), or null when none was measured. */
function peakUnderLoad(r: Results): { phase: string; memory: Memory } | null {
  let best: { phase: string; memory: Memory } | null = null;
  for (const row of memoryRows(r)) if (!row.group && (best === null || row.memory.peakMiB > best.memory.peakMiB)) best = row;
  return best;
}

function memorySection(r: Results): string {
  const rows = memoryRows(r).map((row) => `| ${row.phase} | ${mib(row.memory.peakMiB)} | ${row.memory.processes ?? 1} | ${row.memory.source} |`);
  const peak = peakUnderLoad(r);
  return `## 6. Server memory under load

Resident set of the server per phase: its own process (not the benchmark's), with WORKERS=N the primary and its
workers added up (sampled together; each process holds its own heap, so the sum grows with N).

| phase | peak RSS MiB | processes | how |
|---|---:|---:|---|
${rows.join('\n')}

${peak === null ? 'No phase measured.' : `Target < ${RSS_TARGET_MIB} MiB for the one-process server under load: peak ${mib(peak.memory.peakMiB)} MiB (${peak.phase}) → ${met(peak.memory.peakMiB < RSS_TARGET_MIB)}.`}
`;
}

function summary(r: Results): string {
  const rows: string[] = [];
  /** ok null: a figure reported without a target. */
  const line = (what: string, value: string, baseline: string, share: string, target: string, ok: boolean | null) =>
    rows.push(`| ${what} | ${value} | ${baseline} | ${share} | ${target} | ${ok === null ? 'reported' : met(ok)} |`);
  const perSecond = (f: RunFigures) => `${int(f.perSecond)} (${ms(f.latency.p99Ms)} ms)`;
  const w = r.settings.workers;
  if (r.read.ok) {
    const p = r.read.value;
    const share = p.server.perSecond / p.fair.perSecond;
    line(
      '1. list-accounts req/s (p99)',
      perSecond(p.server),
      `fair baseline (same work, bare Fastify) ${perSecond(p.fair)}`,
      ratio(share),
      `≥ ${READ_TARGET}×`,
      share >= READ_TARGET,
    );
    line('1. list-accounts req/s', int(p.server.perSecond), `empty bare route ${perSecond(p.bare)}`, ratio(p.server.perSecond / p.bare.perSecond), 'none (a floor)', null);
    if (p.serverWorkers !== null)
      line(
        `1. list-accounts req/s, WORKERS=${w} (${processes(p.serverWorkers.cpu?.processes)})`,
        perSecond(p.serverWorkers),
        `fair baseline ${int(p.fair.perSecond)}; 1 process ${int(p.server.perSecond)} (${ratio(p.serverWorkers.perSecond / p.server.perSecond)})`,
        ratio(p.serverWorkers.perSecond / p.fair.perSecond),
        'none',
        null,
      );
  }
  if (r.mixed.ok) {
    const f = r.mixed.value.figures;
    line(
      '1b. mixed 80 % reads / 20 % transfers req/s',
      `${int(f.perSecond)} (reads p99 ${ms(f.reads.latency.p99Ms)} ms, transfers p99 ${ms(f.transfers.latency.p99Ms)} ms)`,
      'see section 1b',
      '',
      'none',
      null,
    );
  }
  if (r.write.ok) {
    const p = r.write.value;
    const share = p.server.perSecond / p.raw.perSecond;
    line(
      '2. SQLite transfers/s (p99)',
      `${int(p.server.perSecond)} (${ms(p.server.latency.p99Ms)} ms)`,
      `raw single commits ${int(p.raw.perSecond)} (${ms(p.raw.latency.p99Ms)} ms)`,
      ratio(share),
      '≥ 1×, p99 < 20 ms',
      share >= 1 && p.server.latency.p99Ms < 20,
    );
  }
  if (r.postgres.ok) {
    const p = r.postgres.value;
    const share = p.server.perSecond / p.raw.perSecond;
    line(
      '3. PostgreSQL transfers/s (p99)',
      `${int(p.server.perSecond)} (${ms(p.server.latency.p99Ms)} ms)`,
      `raw pg ${int(p.raw.perSecond)} (${ms(p.raw.latency.p99Ms)} ms)`,
      ratio(share),
      `≥ ${POSTGRES_TARGET}×`,
      share >= POSTGRES_TARGET,
    );
    if (p.workers !== null)
      line(
        `3. PostgreSQL transfers/s, WORKERS=${w} (${processes(p.workers.server.cpu?.processes)})`,
        perSecond(p.workers.server),
        `raw pg ${int(p.raw.perSecond)}; 1 process ${int(p.server.perSecond)} (${ratio(p.workers.server.perSecond / p.server.perSecond)})`,
        ratio(p.workers.server.perSecond / p.raw.perSecond),
        'none',
        null,
      );
  }
  if (r.history.ok) {
    const h = r.history.value;
    for (const [label, pick] of [
      ['first page', (x: HistorySize) => x.firstPage],
      ['page 50', (x: HistorySize) => x.page50],
      ['balances', (x: HistorySize) => x.balances],
    ] as const) {
      const big = pick(h.big);
      const small = pick(h.small);
      const share = big.latency.meanMs / small.latency.meanMs;
      line(
        `4. ${label}, mean latency at ${int(h.big.transactions)}`,
        `${ms(big.latency.meanMs)} ms`,
        `${ms(small.latency.meanMs)} ms at ${int(h.small.transactions)}`,
        ratio(share),
        '≤ 1.5×',
        share <= 1.5,
      );
    }
  }
  const peak = peakUnderLoad(r);
  if (peak !== null)
    line('6. server peak RSS under load', `${mib(peak.memory.peakMiB)} MiB (${peak.phase})`, '', '', `< ${RSS_TARGET_MIB} MiB`, peak.memory.peakMiB < RSS_TARGET_MIB);
  return `| figure | measured | baseline, same run | ratio | target | |\n|---|---|---|---:|---|---|\n${rows.join('\n')}\n`;
}

export function renderReport(r: Results): string {
  const s = r.settings;
  const m = r.machine;
  const sections = [
    r.read.ok ? readSection(r, r.read.value) : failed('1. Authenticated read', r.read),
    r.mixed.ok ? mixedSection(r, r.mixed.value) : failed('1b. Mixed workload, SQLite', r.mixed),
    r.write.ok ? writeSection(r, r.write.value) : failed('2. Durable money movement, SQLite', r.write),
    r.postgres.ok ? postgresSection(r, r.postgres.value) : failed('3. Durable money movement, PostgreSQL', r.postgres),
    r.history.ok ? historySection(r, r.history.value) : failed('4. Cost as history grows', r.history),
    ...(r.exchanges === undefined ? [] : [r.exchanges.ok ? exchangeSection(r.exchanges.value) : failed('5. Market buys (crypto exchanges), SQLite', r.exchanges)]),
    memorySection(r),
  ];
  return `# Benchmarks

Written by \`npm run bench${s.quick ? ' -- --quick' : ''}\` (\`bench/run.ts\`); do not edit by hand. Every figure stands beside a baseline
measured in the same run on the same machine. Mode **${s.quick ? 'quick' : 'full'}**, ${r.startedAt.toISOString()}, ${r.totalSeconds.toFixed(0)} s in all.

| machine | |
|---|---|
| CPU | ${m.cores} cores, ${m.cpuModel} |
| memory | ${m.memoryGiB.toFixed(1)} GiB |
| kernel | Linux ${m.kernel} |
| Node.js | ${m.node} |
| SQLite | ${m.sqlite} (better-sqlite3); database files on ${m.tmpFilesystem} |
| PostgreSQL | ${r.postgres.ok ? r.postgres.value.version : 'not measured'} |
| server | \`${s.serverLaunch}\`, a child process, MODE=sandbox, LOG_LEVEL=${s.logLevel} with stdout (the request log) to a file, fresh databases seeded by the benchmark${s.workers > 1 ? `; the rows marked WORKERS=${s.workers} start it with that environment variable (N HTTP processes on one port)` : ''} |
| load | autocannon 7 in the benchmark's own process, ${s.connections} keep-alive connections on 127.0.0.1, latency of every response recorded at µs resolution |
| commit | ${m.commit} |
| 1-min load average | ${r.loadAverage[0].toFixed(2)} at start, ${r.loadAverage[1].toFixed(2)} at end (the end includes the benchmark's own load) |
${r.loadAverage[0] > m.cores / 2 ? `\n**Other processes were busy on this machine when the run began** (load average at start above); figures are noisier and lower than on an idle machine, and the "machine busy" column shows how much CPU was taken.\n` : ''}
## Summary

${summary(r)}
${sections.join('\n')}
## Method

- Principals are created with the server's own CLI (\`runCli\`), accounts and pay-ins through its HTTP API, logins
  with real TOTP codes (\`totpCodeAt\`/\`totpStepAt\`); each load run sends one \`otp\` computed just before it
  (valid ≥ 30 s with OTP_DRIFT_STEPS=1), so every request passes the full JWT + TOTP check.
- Only 2xx responses count; the request count and any failures are in the tables.
- On a ${m.cores}-core machine the load generator and the server share the CPUs: absolute numbers are lower than on
  a dedicated box; the ratios (same run, same generator) are the figures to watch.
- Durations are fixed and short (${s.quick ? 'quick' : 'full'} mode: ${s.readSeconds} s per read run × ${s.readRounds} rounds, ${s.writeSeconds} s per write figure (× ${s.transferRounds} rounds for the transfers against their raw baselines), ${s.historySeconds} s per history figure);
  the history sizes are ${int(s.historySmall)} and ${int(s.historyBig)} transactions.
`;
}
