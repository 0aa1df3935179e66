import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database for one test server: a SQLite file in a temp folder by default, or a
 * new PostgreSQL database when TEST_DATABASE_URL is a postgres:// URL (dropped afterwards).
 */
export interface TestDatabase {
  readonly url: string;
  readonly dialect: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

export function testDatabaseDialect(): 'sqlite' | 'postgres' {
  return (process.env.TEST_DATABASE_URL ?? '').startsWith('postgres') ? 'postgres' : 'sqlite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL ?? '';
  if (!base.startsWith('postgres')) {
    const dir = mkdtempSync(join(tmpdir(), 'ibanera-test-'));
    return { url: `sqlite:${join(dir, 'test.sqlite')}`, dialect: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ibanera_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: await adminUrl(base) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect: 'postgres',
    drop: async () => {
      const client = new pg.Client({ connectionString: await adminUrl(base) });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

let admin: Promise<string> | undefined;

/**
 * Where test databases are created from: TEST_DATABASE_URL itself, or, when the database it names
 * does not exist (yet), the server's `postgres` maintenance database, so no set-up step is needed.
 */
function adminUrl(base: string): Promise<string> {
  admin ??= (async () => {
    const probe = new pg.Client({ connectionString: base });
    try {
      await probe.connect();
      await probe.end();
      return base;
    } catch (error) {
      await probe.end().catch(() => undefined);
      if ((error as { code?: string }).code !== '3D000') throw error;
      const url = new URL(base);
      url.pathname = '/postgres';
      return url.toString();
    }
  })();
  return admin;
}
