import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { cardsTables } from './0013-cards.js';

/** The Cards module's migrations. */
export function cardsMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0013-cards': cardsTables(dialect) };
}
