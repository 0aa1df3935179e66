import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { portalSessions } from './0009-portal-sessions.js';

/** The portal's migrations. */
export function portalMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0009-portal-sessions': portalSessions(dialect) };
}
