import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { markets } from './0014-markets.js';

/** The markets module's migrations. */
export function marketsMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0014-markets': markets(dialect) };
}
