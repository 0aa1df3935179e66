import type { DatabaseHandle } from '../db/open-database.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { findExpiredRfis } from './rfis-repository.js';
import type { RfisService } from './rfis-service.js';

/** Requests expired per sweep; the next sweep takes the rest. */
export const RFI_EXPIRY_BATCH_SIZE = 100;

/**
 * Expires waiting requests past their expiryDate (each in its own transaction with its held
 * item's rejection and callbacks, so one failure does not block the rest). Returns how many.
 */
export async function expireDueRfis(database: DatabaseHandle, clock: Clock, rfis: RfisService, limit = RFI_EXPIRY_BATCH_SIZE): Promise<number> {
  let expired = 0;
  for (const id of await findExpiredRfis(database.reader, isoTimestamp(clock.nowMs()), limit)) {
    if (await rfis.expireOne(id)) expired += 1;
  }
  return expired;
}

/** Runs the expiry sweep every `intervalMs` until stopped (started by `serve`). */
export class RfiExpiryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly rfis: RfisService,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => expireDueRfis(this.database, this.clock, this.rfis).then(() => undefined, this.onError));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
