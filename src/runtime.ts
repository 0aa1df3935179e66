import type { Config } from './config/config.js';
import { parseDatabaseUrl } from './db/database-target.js';
import { migrateToLatest, type MigrationSource } from './db/migrate.js';
import { openDatabase, type DatabaseHandle } from './db/open-database.js';
import { buildServices, MODULES, type Services } from './modules.js';
import { systemClock, type Clock } from './shared/clock.js';

/** Everything a command needs: the database (migrated) and every module's services over it. */
export type Runtime = Services & {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  /** The working directory the configuration's relative paths are resolved against. */
  readonly cwd: string;
  close(): Promise<void>;
};

export const DATABASE_POOL_SIZE_MAX = 10;
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
export const SQLITE_GROUP_COMMIT_SIZE_MAX = 64;

export async function openRuntime(config: Config, cwd: string, clock: Clock = systemClock): Promise<Runtime> {
  const database = openDatabase(parseDatabaseUrl(config.databaseUrl, cwd), {
    poolSizeMax: DATABASE_POOL_SIZE_MAX,
    busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
    groupCommitSizeMax: SQLITE_GROUP_COMMIT_SIZE_MAX,
  });
  try {
    await migrateToLatest(database, moduleMigrations());
    const services = await buildServices({ config, database, clock, cwd });
    return { ...services, config, database, clock, cwd, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function moduleMigrations(): MigrationSource[] {
  return MODULES.flatMap((m): MigrationSource[] => ('migrations' in m && m.migrations !== undefined ? [m.migrations.bind(m)] : []));
}
