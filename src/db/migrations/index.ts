import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import { foundation } from './0001-foundation.js';
import { ledger } from './0002-ledger.js';
import { callbacks } from './0003-callbacks.js';
import { managees } from './0004-managees.js';
import { transfers } from './0005-transfers.js';

/**
 * The migrations shipped before the module slices, in order. Names sort in the order they must run;
 * never rename or edit a shipped one. New migrations live in their module's migrations/ folder.
 */
export function baselineMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-foundation': foundation(dialect),
    '0002-ledger': ledger(dialect),
    '0003-callbacks': callbacks(dialect),
    '0004-managees': managees(dialect),
    '0005-transfers': transfers(dialect),
  };
}
