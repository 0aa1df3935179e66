import type { Kysely, Selectable } from 'kysely';
import type { Database, PortalSessionsTable } from '../db/schema.js';

export type SessionRow = Selectable<PortalSessionsTable>;

export async function insertSession(db: Kysely<Database>, row: SessionRow): Promise<void> {
  await db.insertInto('portal_sessions').values(row).execute();
}

export function findSession(db: Kysely<Database>, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('portal_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, id: string, lastSeenAt: string): Promise<void> {
  await db.updateTable('portal_sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
}

/** Moves the session's last used TOTP step forward; false when `step` is not newer (the code was used already). */
export async function useOtpStep(db: Kysely<Database>, id: string, step: number): Promise<boolean> {
  const result = await db.updateTable('portal_sessions').set({ last_otp_step: step }).where('id', '=', id).where('last_otp_step', '<', step).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('portal_sessions').where('id', '=', id).execute();
}

/** Sessions past either timeout, removed at each sign-in so the table stays small. */
export async function deleteSessionsBefore(db: Kysely<Database>, lastSeenBefore: string, createdBefore: string): Promise<void> {
  await db
    .deleteFrom('portal_sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', lastSeenBefore), eb('date_created', '<', createdBefore)]))
    .execute();
}
