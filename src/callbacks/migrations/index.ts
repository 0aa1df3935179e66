import type { Migration } from 'kysely';
import { callbackTargets } from './0019-callback-targets.js';

/** The callbacks module's migrations since the slices (its table itself is in the baseline's 0003). */
export function callbacksMigrations(): Record<string, Migration> {
  return { '0019-callback-targets': callbackTargets() };
}
