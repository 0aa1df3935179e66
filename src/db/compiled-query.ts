import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { assert } from '../shared/assert.js';
import type { Database } from './schema.js';

/** Stands for one named parameter while the query is built; never sent to a database. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** The compiled SQL and, for each of its parameters, the name it takes its value from or the query's own constant. */
interface Template {
  readonly compiled: CompiledQuery;
  readonly slots: readonly (Placeholder | { readonly constant: unknown })[];
}

/** A query compiled once per database and run again with new values (see `compileOnce`). */
export interface CompiledRead<P, R> {
  /** Every row. */
  rows(db: Kysely<Database>, params: P): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Kysely<Database>, params: P): Promise<R | undefined>;
}

/**
 * A hot query that Kysely builds and compiles once per database instead of on every call: for a
 * short indexed read, building and compiling the statement costs more CPU than SQLite spends
 * running it. `build` receives `p`, whose every property is a placeholder for the named parameter;
 * compiling puts each placeholder where Kysely puts that value (its parameters follow the builder,
 * so `$2` or the second `?` may be any of them), and each run fills those places with the values
 * given, leaving the query's own constants as they were compiled.
 *
 * Only for queries whose shape does not depend on the values: a placeholder cannot stand for a
 * list (`in` with an array) or decide whether a `where` is there; make one query per shape.
 */
export function compileOnce<P extends Record<string, unknown>, R>(build: (db: Kysely<Database>, p: Readonly<P>) => Compilable<R>): CompiledRead<P, R> {
  const templates = new WeakMap<Kysely<Database>, Template>();
  const templateFor = (db: Kysely<Database>): Template => {
    let template = templates.get(db);
    if (template === undefined) {
      template = compileTemplate(db, build);
      templates.set(db, template);
    }
    return template;
  };
  const run = async (db: Kysely<Database>, params: P): Promise<R[]> => {
    const { compiled, slots } = templateFor(db);
    const parameters = slots.map((slot) => {
      if (!(slot instanceof Placeholder)) return slot.constant;
      const value = params[slot.name];
      assert(value !== undefined, `compiled query: no value for ${slot.name}`);
      return value;
    });
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
  return {
    rows: run,
    first: async (db, params) => (await run(db, params))[0],
  };
}

function compileTemplate<P>(db: Kysely<Database>, build: (db: Kysely<Database>, p: Readonly<P>) => Compilable<unknown>): Template {
  const placeholders = new Map<string, Placeholder>();
  const p = new Proxy({} as Readonly<P>, {
    get(_target, name) {
      assert(typeof name === 'string', 'compiled query: parameter names are strings');
      let placeholder = placeholders.get(name);
      if (placeholder === undefined) {
        placeholder = new Placeholder(name);
        placeholders.set(name, placeholder);
      }
      return placeholder;
    },
  });
  const compiled = build(db, p).compile();
  const slots = compiled.parameters.map((value) => (value instanceof Placeholder ? value : { constant: value }));
  // A placeholder Kysely did not turn into a parameter (a list, an inlined value) would be wrong SQL.
  for (const placeholder of placeholders.values()) {
    assert(slots.includes(placeholder), `compiled query: ${placeholder.name} is not a parameter of ${compiled.sql}`);
  }
  return { compiled, slots };
}
