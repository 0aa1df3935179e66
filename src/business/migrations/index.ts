import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { businesses } from './0012-businesses.js';

/** The business module's migrations. */
export function businessMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0012-businesses': businesses(dialect) };
}
