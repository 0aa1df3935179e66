import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Column types that differ between the two databases, chosen in one place. */
export function idColumnType(dialect: DialectName): ColumnDataType {
  return dialect === 'postgres' ? 'bigint' : 'integer';
}

/** Exact money: NUMERIC(38,18) on PostgreSQL, text on SQLite (SQLite's REAL would round). */
export function moneyColumnType(dialect: DialectName): ColumnDataType | Expression<unknown> {
  return dialect === 'postgres' ? sql`numeric(38, 18)` : 'text';
}

/**
 * Makes auto-increment ids start after `after`, so ids look like Ibanera's (four digits and up)
 * and no id is 0, which the API uses for "unused".
 */
export async function startIdsAfter(db: Kysely<unknown>, dialect: DialectName, table: string, after: number): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${after})`.execute(db);
  } else {
    await sql`insert into sqlite_sequence (name, seq) values (${table}, ${after})`.execute(db);
  }
}

/** An auto-increment primary key column (identity on PostgreSQL, AUTOINCREMENT on SQLite, so ids are never reused). */
export function autoIncrementId(dialect: DialectName): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
}
