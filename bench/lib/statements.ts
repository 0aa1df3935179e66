import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { injectFetch } from '../../test/helpers/inject-fetch.js';
import { ApiSession, createPrincipal, TRANSFER_PATH, transferBody, type Principal } from './api.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime } from '../../src/runtime.js';

export interface StatementCounts {
  /** SQL statements one authenticated list-accounts request issues. */
  readonly listAccounts: number;
  /** Statements prepared by a repeated list-accounts request: 0 when prepared statements are reused. */
  readonly preparedOnRepeat: number;
  /** SQL statements of one account's transaction list (first page), and whether one of them counts rows. */
  readonly transactionsList: number;
  readonly transactionsListCounts: boolean;
  /** SQL statements one internal transfer request issues (BEGIN/COMMIT/SAVEPOINT included). */
  readonly transfer: number;
  /** Concurrent transfers sent at once, the COMMITs they took (fewer: group commit, batching) and all their statements. */
  readonly concurrentTransfers: number;
  readonly commits: number;
  readonly concurrentStatements: number;
}

type Recorder = (sql: string, prepared?: boolean) => void;

type Method = (this: { source?: string }, ...args: unknown[]) => unknown;

/**
 * Counts every statement the process executes: better-sqlite3 statements at run/all/get/iterate
 * (prepared ones may be cached and reused, so preparing is not executing) and Database.exec;
 * pg at Client.query (one per statement).
 */
function instrument(record: Recorder): () => void {
  const probe = new BetterSqlite3(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, Method>;
  probe.close();
  const databaseProto = BetterSqlite3.prototype as unknown as Record<string, Method>;
  const pgProto = pg.Client.prototype as unknown as Record<string, Method>;
  const originals: [Record<string, Method>, string, Method][] = [];
  const wrap = (proto: Record<string, Method>, name: string, sqlOf: (self: { source?: string }, args: unknown[]) => string) => {
    const original = proto[name];
    if (original === undefined) return;
    originals.push([proto, name, original]);
    proto[name] = function (this: { source?: string }, ...args: unknown[]) {
      record(sqlOf(this, args));
      return original.apply(this, args);
    };
  };
  for (const name of ['run', 'all', 'get', 'iterate']) wrap(statementProto, name, (self) => self.source ?? '');
  wrap(databaseProto, 'exec', (_self, args) => String(args[0]));
  const prepare = databaseProto.prepare;
  if (prepare !== undefined) {
    originals.push([databaseProto, 'prepare', prepare]);
    databaseProto.prepare = function (this: { source?: string }, ...args: unknown[]) {
      record(String(args[0]), true);
      return prepare.apply(this, args);
    };
  }
  wrap(pgProto, 'query', (_self, args) => {
    const first = args[0];
    return typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
  });
  return () => {
    for (const [proto, name, original] of originals) proto[name] = original;
  };
}

/**
 * Runs the server's own app in this process (Fastify inject, no network) on `databaseUrl` and
 * counts the SQL statements of one list-accounts and one transfer request, then sends
 * `concurrent` transfers at once and counts their COMMITs. Not timed: the count explains the CPU figures.
 */
export async function countStatements(databaseUrl: string, concurrent: number): Promise<StatementCounts> {
  const principal: Principal = await createPrincipal(databaseUrl, 'counter');
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', MODE: 'sandbox', DEMO_PRINCIPAL: 'false' });
  const runtime = await openRuntime(config, process.cwd());
  const app = await buildApp({ ...runtime, version: 'bench' });
  try {
    // Set-up through the SDK (over the app in process); the counted requests are sent as the load
    // sends them: the session's headers, no IdempotencyKey.
    const session = await ApiSession.login('http://bench-statements.invalid', principal, injectFetch(app));
    const call = async (method: 'GET' | 'POST', url: string, payload?: string) => {
      const response = await app.inject({
        method,
        url,
        headers: { ...session.headers(), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { payload }),
      });
      if (response.statusCode !== 200) throw new Error(`${method} ${url}: ${response.body}`);
    };
    const pairs: [number, number][] = [];
    for (let i = 0; i < concurrent; i++) {
      const from = await session.createAccount(`from ${i}`);
      const to = await session.createAccount(`to ${i}`);
      await session.payIn(from, '100');
      pairs.push([from, to]);
    }
    const statements: string[] = [];
    let prepared = 0;
    const restore = instrument((source, preparing = false) => {
      if (preparing) prepared++;
      else statements.push(source);
    });
    try {
      await call('GET', '/api/v1/customer/accounts/list-accounts');
      const listAccounts = statements.length;
      prepared = 0;
      await call('GET', '/api/v1/customer/accounts/list-accounts');
      const preparedOnRepeat = prepared;
      statements.length = 0;
      const [first] = pairs;
      if (first === undefined) throw new Error('no pairs');
      await call('GET', `/api/v1/customer/accounts/transactions?AccountsId=${first[0]}`);
      const transactionsList = statements.length;
      const transactionsListCounts = statements.some((sql) => /\bcount\s*\(/i.test(sql));
      statements.length = 0;
      await call('POST', TRANSFER_PATH, transferBody(first[0], first[1]));
      const transfer = statements.length;
      statements.length = 0;
      await Promise.all(pairs.map(([s, d]) => call('POST', TRANSFER_PATH, transferBody(s, d))));
      const commits = statements.filter((s) => /^\s*commit\b/i.test(s)).length;
      return {
        listAccounts,
        preparedOnRepeat,
        transactionsList,
        transactionsListCounts,
        transfer,
        concurrentTransfers: pairs.length,
        commits,
        concurrentStatements: statements.length,
      };
    } finally {
      restore();
    }
  } finally {
    await app.close();
    await runtime.close();
  }
}
