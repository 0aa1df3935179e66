import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { DialectName } from './dialect.js';
import { baselineMigrations } from './migrations/index.js';
import type { DatabaseHandle } from './open-database.js';

/** A module's migrations for a dialect (see ApiModule.migrations). */
export type MigrationSource = (dialect: DialectName) => Record<string, Migration>;

/**
 * The baseline (the migrations shipped before the module slices, which created tables of several
 * modules) and then every module's own, in one order by name. Names and their 4-digit numbers are
 * global: two modules never ship the same one (the next migration takes the next free number).
 */
export function allMigrations(dialect: DialectName, sources: readonly MigrationSource[]): Record<string, Migration> {
  const all: Record<string, Migration> = { ...baselineMigrations(dialect) };
  for (const source of sources) {
    for (const [name, migration] of Object.entries(source(dialect))) {
      if (name in all) throw new Error(`two migrations are named ${name}`);
      all[name] = migration;
    }
  }
  // One number per migration, so the order is the order they were written in, never an accident of
  // two modules picking the same number (Kysely refuses a migration named before one already run).
  const numbers = new Map<string, string>();
  for (const name of Object.keys(all)) {
    const number = name.slice(0, 4);
    const other = numbers.get(number);
    if (other !== undefined) throw new Error(`migrations ${other} and ${name} share the number ${number}`);
    numbers.set(number, name);
  }
  return all;
}

/**
 * Brings the schema up to date. Safe to run from several processes at once: Kysely's migrator
 * takes a lock (an advisory lock on PostgreSQL, a lock row on SQLite) around the run.
 */
export async function migrateToLatest(handle: DatabaseHandle, sources: readonly MigrationSource[] = []): Promise<readonly string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: () => Promise.resolve(allMigrations(handle.dialect, sources)) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    throw new Error(`migration failed: ${String(result.error instanceof Error ? result.error.message : result.error)}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}
