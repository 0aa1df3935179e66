import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { endHold, findExpiredHolds } from './holds.js';

/** Holds released per sweep; the next sweep takes the rest. */
export const HOLD_EXPIRY_BATCH_SIZE = 100;

/** How long past its deadline `verify` lets a pending hold wait for the sweep: three sweeps, at least a minute. */
export function holdExpiryGraceMs(holdExpiryIntervalMs: number): number {
  return Math.max(60_000, 3 * holdExpiryIntervalMs);
}

/**
 * What a module does when a hold expires, inside the expiry's own transaction (so the module's rows
 * and the ledger never disagree): each handler looks the hold up among its own rows and ignores the
 * rest. Modules declare theirs in their module.ts; the manifest hands them to the sweep, so the
 * ledger imports no module.
 */
export type HoldExpiredHandler = (tx: Kysely<Database>, holdId: number, dateTime: string) => Promise<void>;

/**
 * Releases pending holds whose deadline has passed (each in its own transaction, so one failure
 * does not block the rest) and calls `onExpired` for each. A hold captured or voided meanwhile is
 * skipped. Returns how many expired.
 */
export async function releaseExpiredHolds(handle: DatabaseHandle, clock: Clock, limit = HOLD_EXPIRY_BATCH_SIZE, onExpired: readonly HoldExpiredHandler[] = []): Promise<number> {
  const now = isoTimestamp(clock.nowMs());
  let released = 0;
  for (const holdId of await findExpiredHolds(handle.reader, now, limit)) {
    const journal = await inTransaction(handle, async (tx) => {
      const ended = await endHold(tx, handle.dialect, holdId, 'expired', now);
      if (ended !== null) for (const handler of onExpired) await handler(tx, holdId, now);
      return ended;
    });
    if (journal !== null) released += 1;
  }
  return released;
}

/** Runs the expiry sweep every `intervalMs` until stopped (started by `serve`). */
export class HoldExpiryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly onExpired: readonly HoldExpiredHandler[] = [],
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => releaseExpiredHolds(this.handle, this.clock, HOLD_EXPIRY_BATCH_SIZE, this.onExpired).then(() => undefined, this.onError));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
