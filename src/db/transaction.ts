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
  if (handle.dialect === 'postgres') return handle.db.transaction().execute(work);
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
