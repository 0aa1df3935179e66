import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './open-database.js';
import type { Database } from './schema.js';

export type Tx = Kysely<Database>;

/**
 * Runs `work` in one database transaction: everything it writes commits together or not at all.
 * SQLite takes the write lock up front (BEGIN IMMEDIATE) so a transaction never fails half way
 * when another process (the CLI) writes at the same time, and shares commits between writes that
 * arrive together (group commit); PostgreSQL relies on row locks.
 */
export async function inTransaction<T>(handle: DatabaseHandle, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (handle.dialect === 'postgres') return withDeadlockRetries(() => handle.db.transaction().execute(work));
  if (handle.groupCommit !== null) return handle.groupCommit.run(work);
  return handle.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * How many times a PostgreSQL transaction that lost a deadlock is run again. Every path locks an
 * account's balance before the rows of that account it changes (see lockBalances), which removed
 * the cycles the reliability bank workload met (94 in 90 s, once four in a row for one request);
 * the retries stay for a cycle no test has found yet.
 */
export const POSTGRES_DEADLOCK_RETRIES_MAX = 8;

/** PostgreSQL's SQLSTATE for a transaction aborted to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK_DETECTED;
}

async function withDeadlockRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= POSTGRES_DEADLOCK_RETRIES_MAX) throw error;
      // A short random pause, so the two transactions do not meet again in the same step.
      await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 5 * (attempt + 1)));
    }
  }
}
