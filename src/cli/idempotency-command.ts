import { removeExpiredIdempotencyKeys } from '../db/idempotency-cleanup.js';
import type { Runtime } from '../runtime.js';
import { CliError, type CliIo } from './io.js';

export const IDEMPOTENCY_USAGE = `ibanera-server idempotency <command>
  cleanup    remove the idempotency keys older than IDEMPOTENCY_KEY_TTL_HOURS (the server also does it every IDEMPOTENCY_CLEANUP_INTERVAL_MS)`;

/** `idempotency cleanup`: removes expired idempotency records now and prints how many. */
export async function idempotencyCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  if (args.length !== 1 || args[0] !== 'cleanup') throw new CliError(IDEMPOTENCY_USAGE, 2);
  const removed = await removeExpiredIdempotencyKeys(runtime.database, runtime.clock.nowMs(), runtime.config);
  io.stdout(`removed ${removed} expired idempotency key${removed === 1 ? '' : 's'} (older than ${runtime.config.idempotencyKeyTtlHours} hours)\n`);
}
