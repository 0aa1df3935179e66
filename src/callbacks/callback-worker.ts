import { setMaxListeners } from 'node:events';
import type { DatabaseHandle } from '../db/open-database.js';
import { inTransaction } from '../db/transaction.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { retryDelayMs } from './backoff.js';
import { checkCallbackUrl } from './callback-url.js';
import { deliverOnce, type DeliveryResult } from './deliver.js';
import { claimDueCallbacks, recordAttempt, type CallbackRow } from './outbox-repository.js';
import { secretSource } from './secret-sources.js';
import { ibaneraSignature, signatureHeaders } from './signing.js';

export interface CallbackSettings {
  readonly mode: 'sandbox' | 'production';
  readonly callbackTimeoutMs: number;
  readonly callbackRetryInitialMs: number;
  readonly callbackRetryWindowMs: number;
  readonly callbackPollIntervalMs: number;
  readonly callbackBatchSize: number;
}

export interface WorkerLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** Extra time a claim lasts beyond the request timeout, so a slow attempt is never sent twice at once. */
const CLAIM_SLACK_MS_MAX = 5000;

/**
 * Sends the outbox: claims due callbacks, POSTs each (signed), logs every attempt, and schedules
 * retries with backoff until the retry window has passed. Runs in the server process, never inside
 * a request or a ledger transaction.
 */
export class CallbackWorker {
  private timer: NodeJS.Timeout | null = null;
  /** Aborted by stop(): in-flight attempts end at once instead of holding up a shutdown. */
  private stopping: AbortController;
  private running: Promise<number> | null = null;
  private stopped = true;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly settings: CallbackSettings,
    private readonly log: WorkerLog,
  ) {
    this.stopping = this.newStopSignal();
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.stopping.abort();
    await this.running;
    // Ready for a later start() or runOnce() (tests drive a stopped worker by hand).
    this.stopping = this.newStopSignal();
  }

  private newStopSignal(): AbortController {
    const controller = new AbortController();
    // Every in-flight attempt listens to it; a pass has at most a batch of them.
    setMaxListeners(this.settings.callbackBatchSize + 10, controller.signal);
    return controller;
  }

  /** One pass: claim what is due and attempt each. Returns how many were attempted. */
  async runOnce(): Promise<number> {
    const nowMs = this.clock.nowMs();
    const claimed = await inTransaction(this.database, (tx) =>
      claimDueCallbacks(
        tx,
        this.database.dialect,
        isoTimestamp(nowMs),
        isoTimestamp(nowMs + this.settings.callbackTimeoutMs + Math.min(CLAIM_SLACK_MS_MAX, this.settings.callbackTimeoutMs)),
        this.settings.callbackBatchSize,
      ),
    );
    await Promise.all(claimed.map((callback) => this.attempt(callback)));
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().catch((error: unknown) => {
        this.log.error({ err: error }, 'callback worker pass failed');
        return 0;
      });
      void this.running.then((count) => this.schedule(count === this.settings.callbackBatchSize ? 0 : this.settings.callbackPollIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  /** Where a callback goes and its signature headers, or why it cannot be sent. */
  private async destination(callback: CallbackRow, attemptedAtMs: number): Promise<{ url: string | null; headers: Record<string, string> | null; reason: string }> {
    if (callback.target_url !== null && callback.secret_source !== null && callback.secret_ref !== null && callback.signature_header !== null) {
      const source = secretSource(this.database.db, callback.secret_source);
      const secret = source === undefined ? null : await source(this.database.db, callback.secret_ref);
      if (secret === null) return { url: callback.target_url, headers: null, reason: 'the signing secret is gone (revoked key)' };
      return { url: callback.target_url, headers: { [callback.signature_header]: ibaneraSignature(callback.body, secret) }, reason: '' };
    }
    const principal = await this.database.db
      .selectFrom('principals')
      .select(['callback_url', 'callback_hash_secret'])
      .where('customers_id', '=', callback.principal_customers_id)
      .executeTakeFirst();
    const url = principal?.callback_url ?? null;
    const secret = principal?.callback_hash_secret ?? null;
    if (url === null || secret === null) return { url, headers: null, reason: 'no callback URL configured' };
    return { url, headers: signatureHeaders(callback.id, callback.body, secret, attemptedAtMs), reason: '' };
  }

  private async attempt(callback: CallbackRow): Promise<void> {
    const attemptedAtMs = this.clock.nowMs();
    const target = await this.destination(callback, attemptedAtMs);
    const url = target.url;
    let result: DeliveryResult;
    if (url === null || target.headers === null) {
      result = { httpStatus: null, latencyMs: 0, error: target.reason };
    } else {
      const check = await checkCallbackUrl(url, this.settings.mode);
      result = check.ok
        ? await deliverOnce(check.url, callback.body, target.headers, {
            timeoutMs: this.settings.callbackTimeoutMs,
            pinnedAddress: check.address,
            signal: this.stopping.signal,
          })
        : { httpStatus: null, latencyMs: 0, error: `callback URL refused: ${check.reason}` };
    }
    const delivered = result.error === null;
    // An attempt cut short by a shutdown is retried at once by the next process, without backoff.
    const nextMs = this.stopping.signal.aborted ? attemptedAtMs : attemptedAtMs + retryDelayMs(callback.attempts + 1, this.settings.callbackRetryInitialMs);
    const windowEndMs = Date.parse(callback.date_created) + this.settings.callbackRetryWindowMs;
    const nextAttemptAt = delivered || nextMs > windowEndMs ? null : isoTimestamp(nextMs);
    if (!delivered) this.log.warn({ callbackId: callback.id, type: callback.type, error: result.error, retryAt: nextAttemptAt }, 'callback attempt failed');
    await inTransaction(this.database, (tx) =>
      recordAttempt(
        tx,
        callback,
        { attemptedAt: isoTimestamp(attemptedAtMs), url: url ?? '', httpStatus: result.httpStatus, latencyMs: result.latencyMs, error: result.error },
        delivered,
        nextAttemptAt,
      ),
    );
  }
}
