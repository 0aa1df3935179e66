import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Queued {
  readonly work: (tx: Kysely<Database>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit for SQLite: write transactions that arrive while a commit is in flight are run
 * together in the next database transaction, each inside its own SAVEPOINT (so one failing use
 * case rolls back alone), and the group is committed with one fsync. Every caller is answered
 * only after that commit, so an acknowledged write is always durable (synchronous=FULL), while
 * the fsync cost is shared by everything that arrived together.
 */
export class SqliteGroupCommit {
  private readonly queue: Queued[] = [];
  private draining = false;
  private groupsCommitted = 0;
  private writesCommitted = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly groupSizeMax: number,
  ) {}

  /** Groups committed so far, and the writes they carried (failed members included): writes ÷ groups is the sharing. */
  get stats(): { readonly groups: number; readonly writes: number } {
    return { groups: this.groupsCommitted, writes: this.writesCommitted };
  }

  run<T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) this.scheduleDrain();
    });
  }

  /**
   * better-sqlite3 is synchronous, so a group runs (and fsyncs) without yielding to the event loop:
   * nothing new can join a group once it started. Starting it on the next turn of the loop instead
   * (setImmediate, after the poll phase) lets every request read from the sockets in the same turn
   * reach its write first, so requests that arrive together share one commit.
   */
  private scheduleDrain(): void {
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.groupSizeMax);
        let outcomes: Outcome[];
        try {
          outcomes = await this.db.connection().execute((conn) => runGroup(conn, group));
          this.groupsCommitted += 1;
          this.writesCommitted += group.length;
        } catch (error) {
          outcomes = group.map(() => ({ ok: false, error }));
        }
        group.forEach((item, i) => {
          const outcome = outcomes[i] ?? { ok: false, error: new Error('group commit lost an outcome') };
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(outcome.error);
        });
      }
    } finally {
      this.draining = false;
    }
  }
}

async function runGroup(conn: Kysely<Database>, group: readonly Queued[]): Promise<Outcome[]> {
  await sql`begin immediate`.execute(conn);
  const outcomes: Outcome[] = [];
  try {
    for (const item of group) {
      await sql`savepoint group_member`.execute(conn);
      try {
        const value = await item.work(conn);
        await sql`release group_member`.execute(conn);
        outcomes.push({ ok: true, value });
      } catch (error) {
        await sql`rollback to group_member`.execute(conn);
        await sql`release group_member`.execute(conn);
        outcomes.push({ ok: false, error });
      }
    }
    await sql`commit`.execute(conn);
    return outcomes;
  } catch (error) {
    await sql`rollback`.execute(conn).catch(() => undefined);
    throw error;
  }
}
