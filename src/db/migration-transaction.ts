import { sql, type Kysely } from 'kysely';
import type { DialectName } from './dialect.js';

/**
 * A migration's `up` that runs in one transaction on both databases. Kysely's migrator runs each
 * migration in a transaction on PostgreSQL, but not on SQLite (its adapter claims no transactional
 * DDL, which SQLite in fact has), so a data migration stopped part-way there would stay half done.
 */
export function inOneTransaction(dialect: DialectName, up: (db: Kysely<unknown>) => Promise<void>): (db: Kysely<unknown>) => Promise<void> {
  if (dialect === 'postgres') return up;
  return async (db) => {
    await sql`begin immediate`.execute(db);
    try {
      await up(db);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  };
}
