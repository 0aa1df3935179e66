import type { PostgresPool } from 'kysely';
import type pg from 'pg';

/**
 * Statements sent to PostgreSQL as named prepared statements: PostgreSQL parses (and, after a few
 * runs, plans) each distinct text once per connection instead of on every run, which is most of what
 * a short indexed statement costs it. Kysely's driver sends every query unnamed; this pool wrapper
 * gives each distinct text of a data statement a name (the same text, the same name, in every
 * connection of the process) until `namesMax` texts are named; later texts, texts longer than
 * `textLengthMax` characters (a large batch's statement: each prepared statement holds memory in
 * every PostgreSQL connection that ran it) and anything else (DDL, BEGIN, COMMIT) go unnamed as before. pg prepares a name on a connection the first time it
 * sends it there, and skips the parse afterwards.
 */
export class NamedStatements {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly namesMax: number,
    private readonly textLengthMax: number,
  ) {}

  /** Distinct statement texts named so far. */
  get size(): number {
    return this.names.size;
  }

  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.namesMax || text.length > this.textLengthMax || !DATA_STATEMENT.test(text)) return known;
    const name = `k${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

/** Statements that read or write rows (what a request runs); DDL and transaction control stay unnamed. */
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

const WRAPPED = Symbol('named statements');

/** A pool for Kysely's PostgresDialect whose clients send data statements named (see NamedStatements). */
export function withNamedStatements(pool: pg.Pool, named: NamedStatements): PostgresPool {
  return {
    end: () => pool.end(),
    connect: async () => {
      const client = (await pool.connect()) as pg.PoolClient & { [WRAPPED]?: true };
      if (client[WRAPPED] !== true) {
        // The class's own query, looked up on each call (so whatever wraps the prototype still sees every statement).
        const query = (...args: unknown[]) => (Object.getPrototypeOf(client) as { query: (...a: unknown[]) => unknown }).query.apply(client, args);
        client[WRAPPED] = true;
        (client as { query: unknown }).query = (first: unknown, ...rest: unknown[]) => {
          if (typeof first === 'string' && Array.isArray(rest[0]) && rest.length === 1) {
            const name = named.nameOf(first);
            if (name !== undefined) return query({ name, text: first, values: rest[0] });
          }
          return query(first, ...rest);
        };
      }
      return client;
    },
  };
}
