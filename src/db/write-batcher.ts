import type { Kysely } from 'kysely';
import type { DatabaseHandle } from './open-database.js';
import type { Database } from './schema.js';
import { inTransaction } from './transaction.js';

/** One member's outcome in a batch: its result, or the refusal that wrote nothing of it. */
export type BatchOutcome<O> = { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: unknown };

export interface WriteBatcherSettings {
  /** Most members folded into one database transaction. 1 turns batching off. */
  readonly batchSizeMax: number;
  /** Most batches running at once (PostgreSQL: each on its own connection; SQLite runs one at a time). */
  readonly batchesInFlightMax: number;
}

export interface BatchedWrite<I, O> {
  /**
   * Writes every member in the one transaction `tx` with set-based statements, and answers one
   * outcome per member, in order. A member the rules refuse gets `{ ok: false }` and writes
   * nothing; anything thrown rolls the whole batch back, and each member then runs alone.
   */
  readonly batch: (tx: Kysely<Database>, members: readonly I[]) => Promise<BatchOutcome<O>[]>;
  /** The same write for one member, in its own transaction: a batch of one, and the fallback. */
  readonly single: (member: I) => Promise<O>;
  /**
   * Members with the same key must not share a batch (two requests with one idempotency key: the
   * second must see the first committed); null when a member has none.
   */
  readonly keyOf: (member: I) => string | null;
}

/** A batch's members: the ones it writes, and the ones whose key it already holds (run alone after it). */
interface Taken<I, O> {
  readonly now: Waiting<I, O>[];
  readonly later: Waiting<I, O>[];
}

interface Waiting<I, O> {
  readonly member: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Folds writes of one kind that arrive together into one database transaction, as TigerBeetle
 * batches transfers: a batch of N costs about the statements of one (a lock statement, one insert
 * per table) and one commit. Every caller is answered only after its batch committed, so an
 * acknowledged write is as durable as one written alone; members are checked in arrival order, each
 * against the balances the ones before it left, so the outcome of each is the one it would have had
 * alone in that order. Requests read from the sockets in one turn of the event loop join one batch.
 */
export class WriteBatcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private batches = 0;
  private members = 0;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly settings: WriteBatcherSettings,
    private readonly write: BatchedWrite<I, O>,
  ) {}

  /** Batches run so far and the members they carried: members ÷ batches is the folding. */
  get stats(): { readonly batches: number; readonly members: number } {
    return { batches: this.batches, members: this.members };
  }

  submit(member: I): Promise<O> {
    if (this.settings.batchSizeMax <= 1) return this.write.single(member);
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ member, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.inFlight >= this.inFlightMax()) return;
    if (this.handle.groupCommit !== null) {
      // SQLite: the group commit already starts its transaction on the next turn of the event loop
      // (after the sockets are read); the batch takes its members when that transaction runs, so
      // every request that reached this point by then joins it, and no second turn is waited for.
      this.launch();
      return;
    }
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // As many batches as the waiting members fill (each takes its members when it begins).
      const batches = Math.min(this.inFlightMax() - this.inFlight, Math.ceil(this.waiting.length / this.settings.batchSizeMax));
      for (let i = 0; i < batches; i++) this.launch();
    });
  }

  /** Starts one batch; it takes its members (up to the size limit) once its transaction has begun. */
  private launch(): void {
    this.inFlight += 1;
    void this.run().finally(() => {
      this.inFlight -= 1;
      this.schedule();
    });
  }

  private inFlightMax(): number {
    // better-sqlite3 runs one transaction at a time: a second batch would only wait behind the first.
    return this.handle.dialect === 'sqlite' ? 1 : Math.max(1, this.settings.batchesInFlightMax);
  }

  /** Members with a key already in the batch wait for it to commit and run alone after it. */
  private take(): Taken<I, O> {
    const seen = new Set<string>();
    const now: Waiting<I, O>[] = [];
    const later: Waiting<I, O>[] = [];
    for (const w of this.waiting.splice(0, this.settings.batchSizeMax)) {
      const key = this.write.keyOf(w.member);
      if (key !== null && seen.has(key)) later.push(w);
      else {
        if (key !== null) seen.add(key);
        now.push(w);
      }
    }
    return { now, later };
  }

  private async run(): Promise<void> {
    // Taken once: a PostgreSQL transaction run again after a deadlock writes the same members.
    let taken: Taken<I, O> | null = null;
    const takeOnce = (): Taken<I, O> => (taken ??= this.take());
    let outcomes: BatchOutcome<O>[];
    try {
      outcomes = await inTransaction(this.handle, async (tx) => {
        const { now } = takeOnce();
        // Another batch begun at the same time may have taken every member.
        return now.length === 0
          ? []
          : this.write.batch(
              tx,
              now.map((w) => w.member),
            );
      });
    } catch {
      // Nothing of the batch was written (or its transaction never began): each member runs
      // alone, and meets its own error.
      const { now, later } = takeOnce();
      await Promise.all(now.map((w) => this.alone(w)));
      for (const w of later) await this.alone(w);
      return;
    }
    const { now, later } = takeOnce();
    if (now.length > 0) {
      this.batches += 1;
      this.members += now.length;
    }
    now.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) w.reject(new Error('write batch lost an outcome'));
      else if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
    for (const w of later) await this.alone(w);
  }

  private async alone(w: Waiting<I, O>): Promise<void> {
    try {
      w.resolve(await this.write.single(w.member));
    } catch (error) {
      w.reject(error);
    }
  }
}
