import { Migrator, type MigrationResultSet } from 'kysely';
import { allMigrations } from './migrations/index.js';
import type { DatabaseHandle } from './open-database.js';

/**
 * Brings the schema up to date. Safe to run from several processes at once: Kysely's migrator
 * takes a lock (an advisory lock on PostgreSQL, a lock row on SQLite) around the run.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<readonly string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: () => Promise.resolve(allMigrations(handle.dialect)) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    throw new Error(`migration failed: ${String(result.error instanceof Error ? result.error.message : result.error)}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}
