import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from './database-target.js';
import { SqliteGroupCommit } from './group-commit.js';
import { withStatementCache } from './statement-cache.js';
import { NamedStatements, withNamedStatements } from './postgres-named-statements.js';

/** Prepared SQLite statements kept for reuse (the server runs a few dozen distinct ones). */
export const SQLITE_STATEMENT_CACHE_SIZE = 500;
/**
 * Distinct statement texts a process sends to PostgreSQL as named prepared statements (each
 * connection prepares the ones it runs); texts past this many go unnamed, parsed on every run.
 */
export const POSTGRES_NAMED_STATEMENTS_MAX = 1000;
/** Longest statement text (characters) sent named; a longer one (a large batch's) is parsed each time. */
export const POSTGRES_NAMED_STATEMENT_LENGTH_MAX = 8000;
import type { DialectName } from './dialect.js';
import type { Database } from './schema.js';

export interface DatabaseHandle {
  /** Every write, and reads that must see the caller's own transaction. */
  readonly db: Kysely<Database>;
  /**
   * Reads outside a transaction. On a SQLite file it is a second, read-only connection: under WAL it
   * sees the last commit and never waits for the writer, so requests keep reading while a group of
   * writes is open (see group-commit.ts). Elsewhere it is `db` itself.
   */
  readonly reader: Kysely<Database>;
  readonly dialect: DialectName;
  /** SQLite only: write transactions share commits (see group-commit.ts). */
  readonly groupCommit: SqliteGroupCommit | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly poolSizeMax: number;
  readonly busyTimeoutMs: number;
  /** Most write transactions one SQLite commit may carry. */
  readonly groupCommitSizeMax: number;
}

// PostgreSQL returns int8 as strings; our ids stay far below 2^53, so numbers are exact.
// NUMERIC stays a string (the default): money never becomes a JavaScript number.
pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => Number(text));

export function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions): DatabaseHandle {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: options.poolSizeMax });
    // An idle client that errors (server restart) must not crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: withNamedStatements(pool, new NamedStatements(POSTGRES_NAMED_STATEMENTS_MAX, POSTGRES_NAMED_STATEMENT_LENGTH_MAX)) }),
    });
    return { db, reader: db, dialect: 'postgres', groupCommit: null, close: () => db.destroy() };
  }
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  const sqlite = new BetterSqlite3(target.path);
  // WAL lets readers run beside the writer; synchronous=FULL makes each commit survive a power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, SQLITE_STATEMENT_CACHE_SIZE) }) });
  // An in-memory database exists only on its own connection: it reads through the writer.
  const reader = target.path === ':memory:' ? db : openSqliteReader(target.path, options.busyTimeoutMs);
  return {
    db,
    reader,
    dialect: 'sqlite',
    groupCommit: new SqliteGroupCommit(db, options.groupCommitSizeMax),
    close: async () => {
      if (reader !== db) await reader.destroy();
      await db.destroy();
    },
  };
}

/**
 * The read-only connection: a write through it fails at once (SQLITE_READONLY) instead of waiting
 * for the write lock, which the writer connection of this same thread may hold.
 */
function openSqliteReader(path: string, busyTimeoutMs: number): Kysely<Database> {
  const sqlite = new BetterSqlite3(path, { readonly: true });
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, SQLITE_STATEMENT_CACHE_SIZE) }) });
}
