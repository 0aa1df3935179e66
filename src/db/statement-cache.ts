import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 behind Kysely prepares every query anew; the same few dozen statements run over
 * and over, so prepared statements are kept (least recently used out past `sizeMax`). Safe because
 * the one connection runs one statement at a time and a statement is re-run, never shared mid-use.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, sizeMax: number): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql) as unknown as SqliteStatement;
      cache.set(sql, statement);
      if (cache.size > sizeMax) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
