import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { informationRequests } from './0017-information-requests.js';

/** The rfis module's migrations. */
export function rfisMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0017-information-requests': informationRequests(dialect) };
}
