import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Small server-wide values (keys, demo credentials) kept in the database so every process sees them. */
export async function readSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Inserts unless present; returns the value that is stored afterwards (first writer wins). */
export async function insertSettingOnce(db: Kysely<Database>, key: string, value: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await readSetting(db, key)) ?? value;
}
