import type { Clock } from '../shared/clock.js';
import { deleteExpiredIdempotencyRecords, idempotencyExpiredBefore } from './idempotency-repository.js';
import type { DatabaseHandle } from './open-database.js';
import { inTransaction } from './transaction.js';

export interface IdempotencyCleanupSettings {
  readonly idempotencyKeyTtlHours: number;
  readonly idempotencyCleanupIntervalMs: number;
  /** Records one delete statement (one short transaction) removes at most. */
  readonly idempotencyCleanupBatchSize: number;
}

export interface CleanupLog {
  error(object: object, message: string): void;
}

/**
 * Deletes every record expired at `nowMs`, a batch at a time, each batch its own transaction so
 * requests keep writing in between. `keepGoing` is asked between batches (a shutdown stops early).
 * Returns how many records were removed.
 */
export async function removeExpiredIdempotencyKeys(
  database: DatabaseHandle,
  nowMs: number,
  settings: IdempotencyCleanupSettings,
  keepGoing: () => boolean = () => true,
): Promise<number> {
  const expiredBefore = idempotencyExpiredBefore(nowMs, settings.idempotencyKeyTtlHours);
  const batchSize = settings.idempotencyCleanupBatchSize;
  let removed = 0;
  for (;;) {
    const deleted = await inTransaction(database, (tx) => deleteExpiredIdempotencyRecords(tx, expiredBefore, batchSize));
    removed += deleted;
    if (deleted < batchSize || !keepGoing()) return removed;
  }
}

/** The server's periodic cleanup of expired idempotency records (every IDEMPOTENCY_CLEANUP_INTERVAL_MS). */
export class IdempotencyCleanup {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Set by stop(): no new pass, and the current one ends after its batch. */
  private stopRequested = false;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly settings: IdempotencyCleanupSettings,
    private readonly log: CleanupLog,
  ) {}

  /** Runs a first pass at once, then one every interval. */
  start(): void {
    this.stopRequested = false;
    this.schedule(0);
  }

  /** No pass starts after this; one in progress stops after its current batch. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: removes what has expired by now. Returns how many records were removed. */
  runOnce(): Promise<number> {
    return removeExpiredIdempotencyKeys(this.database, this.clock.nowMs(), this.settings, () => !this.stopRequested);
  }

  private schedule(delayMs: number): void {
    if (this.stopRequested) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().catch((error: unknown) => {
        this.log.error({ err: error }, 'idempotency cleanup pass failed');
        return 0;
      });
      void this.running.then(() => this.schedule(this.settings.idempotencyCleanupIntervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
