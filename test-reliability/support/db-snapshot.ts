// A fingerprint of the whole database: every table's row count and a SHA-256 of its rows (sorted,
// so the order a query returns them in does not matter). Two equal snapshots mean nothing was
// written. The principal's authentication counters are left out: counting a failed OTP towards the
// lockout is the one write a rejected request is meant to make.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/** Columns a rejected request may change by design (lockout bookkeeping), per table. */
const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  principals: ['failed_attempts', 'locked_until', 'last_login_otp_step'],
};

export interface Snapshot {
  readonly counts: Readonly<Record<string, number>>;
  readonly digests: Readonly<Record<string, string>>;
  readonly digest: string;
}

export async function tableNames(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).sort();
}

export async function snapshot(db: Kysely<unknown>, tables: readonly string[]): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  const digests: Record<string, string> = {};
  const hash = createHash('sha256');
  for (const table of tables) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    const rows = result.rows.map((row) => {
      const kept = Object.entries(row).filter(([column]) => !volatile.includes(column));
      return JSON.stringify(kept, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v));
    });
    rows.sort();
    counts[table] = rows.length;
    digests[table] = createHash('sha256').update(rows.join('\u0001')).digest('hex');
    hash.update(`${table}:${digests[table]};`);
  }
  return { counts, digests, digest: hash.digest('hex') };
}

/** What differs between two snapshots, for a failure message. */
export function describeChange(before: Snapshot, after: Snapshot): string {
  const changed = Object.keys(after.digests).filter((t) => before.digests[t] !== after.digests[t]);
  return `changed: ${changed.map((t) => `${t} (rows ${before.counts[t] ?? 0}→${after.counts[t] ?? 0})`).join(', ')}`;
}
