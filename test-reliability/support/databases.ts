// Fresh databases for one test: a SQLite file in a temp folder, or a new PostgreSQL database on the
// local server (dropped afterwards). Plus an in-process handle on the same database for the checks,
// opened through the server's own runtime (so its column conversions are the server's).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { REPO_ROOT } from './children.js';

export type Dialect = 'sqlite' | 'postgres';

export interface ScratchDatabase {
  readonly dialect: Dialect;
  readonly url: string;
  drop(): Promise<void>;
}

export function freshSqlite(): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'ibanera-reliability-'));
  return { dialect: 'sqlite', url: `sqlite:${join(dir, 'bank.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Null when PostgreSQL answers at `baseUrl`, else why not (the test then skips its PostgreSQL part). */
export async function postgresUnreachable(baseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function freshPostgres(baseUrl: string): Promise<ScratchDatabase> {
  const name = `ibanera_rel_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The server's runtime on `url`, in this process: for reading the database in the checks. */
export function openInspector(url: string): Promise<Runtime> {
  return openRuntime(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO_PRINCIPAL: 'false' }), REPO_ROOT);
}

/** Runs a CLI command in this process (`runCli`, as main.ts does); throws unless it exits 0. */
export async function cliInProcess(url: string, args: readonly string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env: { DATABASE_URL: url, LOG_LEVEL: 'silent' }, cwd: REPO_ROOT, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`ibanera-server ${args.join(' ')} exited ${String(code)}: ${stderr}`);
  return stdout;
}
