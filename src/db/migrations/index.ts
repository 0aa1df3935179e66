import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import { foundation } from './0001-foundation.js';
import { ledger } from './0002-ledger.js';
import { callbacks } from './0003-callbacks.js';
import { managees } from './0004-managees.js';
import { transfers } from './0005-transfers.js';
import { idempotencyExpiry } from './0007-idempotency-expiry.js';

/**
 * The migrations shipped before the module slices, in order, and those of db/'s own table
 * (`idempotency_keys`, which no module owns). Names sort in the order they must run; never rename
 * or edit a shipped one. A module's new migrations live in its own migrations/ folder.
 */
export function baselineMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-foundation': foundation(dialect),
    '0002-ledger': ledger(dialect),
    '0003-callbacks': callbacks(dialect),
    '0004-managees': managees(dialect),
    '0005-transfers': transfers(dialect),
    // 0006 is left to the ledger module's own migrations.
    '0007-idempotency-expiry': idempotencyExpiry(dialect),
  };
}
