import type { LoadFigures } from './load.js';
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
  readonly historySeconds: number;
  readonly historySmall: number;
  readonly historyBig: number;
  readonly logLevel: string;
  readonly postgresUrl: string;
  readonly serverLaunch: string;
}

export interface Memory {
  readonly peakMiB: number;
  readonly source: string;
}

export interface ReadPhase {
  readonly bare: LoadFigures;
  readonly server: LoadFigures;
  /** The server at LOG_LEVEL=warn (full mode only). */
  readonly serverQuietLog: LoadFigures | null;
  readonly bodyBytes: number;
  readonly accounts: number;
  /** server ÷ bare of every round (the rows show the median round). */
  readonly roundRatios: readonly number[];
}

export interface WritePhase {
  readonly raw: RunFigures;
  readonly server: LoadFigures;
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
  readonly memory: Memory;
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
  'CPU ms/req: CPU time (user + system, from /proc) of the server process per completed request; for the raw rows, of the benchmark process running the raw client. Machine busy: all CPUs, including the load generator, PostgreSQL and anything else running.';

function failed(title: string, outcome: { error: string }): string {
  return `## ${title}\n\nNot measured in this run: ${outcome.error}\n`;
}

function logText(p: ReadPhase): string {
  if (p.serverQuietLog === null) return '';
  const gain = p.serverQuietLog.perSecond / p.server.perSecond - 1;
  return gain > 0.05
    ? ` The access-log line written for every request at \`info\` costs ${(gain * 100).toFixed(0)}% of throughput (LOG_LEVEL=warn: ${ratio(p.serverQuietLog.perSecond / p.bare.perSecond)} of bare).`
    : ` Per-request logging is not what limits it (LOG_LEVEL=warn: ${ratio(p.serverQuietLog.perSecond / p.bare.perSecond)} of bare, within noise).`;
}

function readSection(r: Results, p: ReadPhase): string {
  const s = r.settings;
  const share = p.server.perSecond / p.bare.perSecond;
  const statements = r.sqliteStatements.ok
    ? ` It issues ${r.sqliteStatements.value.listAccounts} SQL statements per request, each built and compiled by Kysely${preparedText(r.sqliteStatements.value)}.`
    : '';
  const serverCpu = p.server.cpu?.msPerRequest ?? Number.NaN;
  const bareCpu = p.bare.cpu?.msPerRequest ?? Number.NaN;
  return `## 1. Authenticated read

\`GET /api/v1/customer/accounts/list-accounts\` (JWT verified and the \`otp\` header checked against the
principal's TOTP secret on every request, principal row read, ${p.accounts} accounts listed) against a bare
Fastify route in its own process (\`bench/bare-server.ts\`: no logger, no hooks, no database) that answers the
same ${p.bodyBytes} bytes as a constant. ${s.connections} keep-alive connections, ${s.readSeconds} s each after ${s.warmupSeconds} s of warm-up${s.readRounds > 1 ? `; the three runs alternate for ${s.readRounds} rounds and the rows show the round with the median server ÷ bare ratio (all rounds: ${p.roundRatios.map(ratio).join(', ')})` : ''}.

${LOAD_HEADER}
${loadRow('bare Fastify route (baseline)', p.bare, null)}
${loadRow(`server, LOG_LEVEL=${s.logLevel} (default)`, p.server, p.bare)}
${p.serverQuietLog === null ? '| server, LOG_LEVEL=warn | not measured in quick mode | | | | | | | |' : loadRow('server, LOG_LEVEL=warn (no per-request log lines)', p.serverQuietLog, p.bare)}

${CPU_NOTE}

Target ≥ 0.6 of the bare route: ${ratio(share)} → ${met(share >= 0.6)}.${share >= 0.6 ? '' : ` Cause: the server spends ${ms(serverCpu)} CPU ms per request against ${ms(bareCpu)} for the bare route (${ratio(serverCpu / bareCpu)}), all of it on one Node thread (the server process used ${(p.server.cpu?.cores ?? Number.NaN).toFixed(2)} cores).${statements}${logText(p)} The bare route is an empty Fastify handler: 0.6 of its rate (${int(0.6 * p.bare.perSecond)} req/s) leaves about ${ms(bareCpu / 0.6)} CPU ms per request, less than the authenticated request's fixed work (Fastify's hooks and body-less routing, the JWT's HMAC-SHA256, the TOTP's HMAC-SHA1, the principal and account reads through Kysely and better-sqlite3, exact-JSON serialization of every amount, two log lines). A CPU profile of this request (\`node --cpu-prof\`, taken on 2026-12-01, not by this run) splits it as: Node's HTTP layer and Fastify about two fifths, SQL (Kysely building the queries, SQLite running them) under a third, the rest logging, JSON and the two HMACs. Closing the gap would take running several server processes (SO_REUSEPORT or a cluster) on a machine with more cores than this one's ${r.machine.cores}.`}
`;
}

const RAW_SQLITE_STATEMENTS = 13;
const RAW_PG_STATEMENTS = 8;

function preparedText(st: StatementCounts): string {
  return st.preparedOnRepeat === 0 ? ' (prepared statements are reused)' : ' and prepared anew by better-sqlite3 (no statement cache)';
}

function groupCommitText(st: StatementCounts): string {
  return `${st.concurrentTransfers} transfers sent at once took ${st.commits} ${st.commits === 1 ? 'commit' : 'commits'} (counted at the driver, server code run in-process)`;
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
        : ` It issues ${st.transfer} SQL statements per transfer (raw: ${RAW_SQLITE_STATEMENTS}), every one built and compiled by Kysely${preparedText(st)}, plus HTTP, JSON, JWT + TOTP and request logging, all on one Node thread.`;
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
        ? `Commits are shared (group commit): ${groupCommitText(st)}, so the fsync is not paid per transfer; the ceiling is the CPU above. The raw baseline pays a whole commit per transfer yet needs no HTTP, JSON, authentication or query building: on this disk a commit costs less than the server's per-request CPU, so sharing commits cannot make up the difference. On a disk with slower fsync (the raw rate falls, the server's shared commits barely move) the same code comes closer to the target; closing it here would take spreading the HTTP work over several processes that feed one writer.`
        : `**No effective group commit**: ${groupCommitText(st)}. Every transfer pays its own \`BEGIN IMMEDIATE … COMMIT\` and fsync, so throughput cannot exceed the raw single-commit rate. All SQL, the reads before the transaction (principal, accounts, asset, customer scope) included, goes through the one Kysely SQLite connection, which a write holds until its commit: concurrent requests wait on that connection one statement at a time instead of arriving together at the commit.`,
    );
  }
  causes.push(
    `better-sqlite3 is synchronous: each statement, and each commit's fsync, blocks the event loop, so no other request (not even a read) progresses meanwhile. With ${s.connections} requests in flight each waits for the others: ${ms(serviceMs)} ms per transfer × ${s.connections} ≈ ${ms(serviceMs * s.connections)} ms, against the p99 of ${ms(p.server.latency.p99Ms)} ms. Alone (1 connection) a transfer takes ${ms(p.serverSingle.latency.p50Ms)} ms at p50 and ${ms(p.serverSingle.latency.p99Ms)} ms at p99 (raw commit: ${ms(p.raw.latency.p50Ms)} / ${ms(p.raw.latency.p99Ms)} ms).`,
  );
  return `## 2. Durable money movement, SQLite (WAL, synchronous=FULL)

\`POST /api/v1/customer/transfers/fiat/createinternaltransfer\` (${s.connections} connections, each on its own funded
account pair) against the raw database doing the same posting without HTTP: one better-sqlite3 connection,
one transfer per \`BEGIN IMMEDIATE … COMMIT\` (\`bench/lib/raw-sqlite.ts\`: lock-read both balances, two
transaction rows linked both ways, two postings, four entries, both balances written), same file, same
pragmas, one transfer at a time. ${s.writeSeconds} s each.

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
  return `not round trips: a transfer takes ${st.transfer} statements, as many as the raw client's ${RAW_PG_STATEMENTS}, the two reads before the transaction (principal, both accounts with their owners' KYC) included; inside it, the postings, their entries and both balances are one statement. It is CPU: the server spends ${ms(serverCpu)} CPU ms per transfer (HTTP, JSON, JWT + TOTP, the request log, Kysely building each query, the pg protocol) against the raw client's ${ms(rawCpu)}, on a machine whose ${r.machine.cores} cores also run the PostgreSQL backends and the load generator (machine busy ${busy}): every CPU ms the server uses is taken from PostgreSQL. On a machine where the database has its own cores, the server's ${ms(serverCpu)} ms per transfer on one thread would allow about ${int(1000 / serverCpu)} transfers/s per server process.`;
}

function postgresSection(r: Results, p: PostgresPhase): string {
  const s = r.settings;
  const share = p.server.perSecond / p.raw.perSecond;
  return `## 3. Durable money movement, PostgreSQL

The same transfer on ${p.version}, fresh database on 127.0.0.1, server pool of 10 connections, ${s.connections} HTTP
connections; baseline: ${s.connections} raw \`pg\` clients in one process, each on its own account pair, doing the same
posting in single transactions (\`bench/lib/raw-pg.ts\`: BEGIN; both rows \`FOR UPDATE\` in id order; both
transactions; their links; both postings; four entries; both balances; COMMIT: ${RAW_PG_STATEMENTS} round trips). ${s.writeSeconds} s each.

${LOAD_HEADER.replace('req/s', 'transfers/s')}
${loadRow(`raw pg, ${s.connections} clients (baseline)`, p.raw, null)}
${loadRow(`server over HTTP, ${s.connections} connections`, p.server, p.raw)}

${CPU_NOTE}

Target ≥ 0.8 of raw: ${ratio(share)} → ${met(share >= 0.8)}.${share >= 0.8 ? '' : ` Cause: ${pgCause(r, p)}`}
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

function memorySection(r: Results): string {
  const rows: string[] = [];
  if (r.write.ok) rows.push(`| 2. SQLite transfers | ${mib(r.write.value.memory.peakMiB)} | ${r.write.value.memory.source} |`);
  if (r.postgres.ok) rows.push(`| 3. PostgreSQL transfers | ${mib(r.postgres.value.memory.peakMiB)} | ${r.postgres.value.memory.source} |`);
  if (r.history.ok) {
    const h = r.history.value;
    rows.push(`| 4. history, ${int(h.small.transactions)} transactions | ${mib(h.small.memory.peakMiB)} | ${h.small.memory.source} |`);
    rows.push(`| 4. history, ${int(h.big.transactions)} transactions | ${mib(h.big.memory.peakMiB)} | ${h.big.memory.source} |`);
  }
  return `## 5. Peak memory of the server process

Resident set of the server's own process (not its children), per phase.

| phase | peak RSS MiB | how |
|---|---:|---|
${rows.join('\n')}
`;
}

function summary(r: Results): string {
  const rows: string[] = [];
  const line = (what: string, value: string, baseline: string, share: string, target: string, ok: boolean) =>
    rows.push(`| ${what} | ${value} | ${baseline} | ${share} | ${target} | ${met(ok)} |`);
  if (r.read.ok) {
    const p = r.read.value;
    line(
      '1. list-accounts req/s (p99)',
      `${int(p.server.perSecond)} (${ms(p.server.latency.p99Ms)} ms)`,
      `bare route ${int(p.bare.perSecond)} (${ms(p.bare.latency.p99Ms)} ms)`,
      ratio(p.server.perSecond / p.bare.perSecond),
      '≥ 0.6×',
      p.server.perSecond / p.bare.perSecond >= 0.6,
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
      '≥ 0.8×',
      share >= 0.8,
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
  return `| figure | measured | baseline, same run | ratio | target | |\n|---|---|---|---:|---|---|\n${rows.join('\n')}\n`;
}

export function renderReport(r: Results): string {
  const s = r.settings;
  const m = r.machine;
  const sections = [
    r.read.ok ? readSection(r, r.read.value) : failed('1. Authenticated read', r.read),
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
| server | \`${s.serverLaunch}\`, a child process, MODE=sandbox, LOG_LEVEL=${s.logLevel} with stdout (the request log) to a file, fresh databases seeded by the benchmark |
| load | autocannon 7 in the benchmark's own process, ${s.connections} keep-alive connections on 127.0.0.1, latency of every response recorded at µs resolution |
| commit | ${m.commit} |
| 1-min load average | ${r.loadAverage[0].toFixed(2)} at start, ${r.loadAverage[1].toFixed(2)} at end |
${r.loadAverage[0] > m.cores / 2 || r.loadAverage[1] > m.cores / 2 ? `\n**Other processes were busy on this machine during the run** (load average above); figures are noisier and lower than on an idle machine, and the "machine busy" column shows how much CPU was taken.\n` : ''}
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
- Durations are fixed and short (${s.quick ? 'quick' : 'full'} mode: ${s.readSeconds} s per read run × ${s.readRounds} rounds, ${s.writeSeconds} s per write figure, ${s.historySeconds} s per history figure);
  the history sizes are ${int(s.historySmall)} and ${int(s.historyBig)} transactions.
`;
}
