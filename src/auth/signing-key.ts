import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { insertSettingOnce } from '../db/settings.js';

const SIGNING_KEY_SETTING = 'jwt_signing_key';

/**
 * The HS256 key: the configured one, or one made on first start and kept in the database so that
 * tokens survive restarts and several server processes on one database accept each other's tokens.
 */
export async function loadSigningKey(db: Kysely<Database>, configured: string | null): Promise<Buffer> {
  if (configured !== null) return Buffer.from(configured, 'utf8');
  const stored = await insertSettingOnce(db, SIGNING_KEY_SETTING, randomBytes(32).toString('base64'));
  return Buffer.from(stored, 'base64');
}
