import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { portalSessions } from './0008-portal-sessions.js';

/** The portal's migrations. */
export function portalMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0008-portal-sessions': portalSessions(dialect) };
}
