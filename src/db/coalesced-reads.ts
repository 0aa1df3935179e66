/**
 * Reads by key that arrive together share one statement: keys asked for while the event loop reads
 * its sockets are collected, and one `readMany` is sent for all of them once that turn ends
 * (setImmediate). On PostgreSQL each statement is a round trip, so ten concurrent requests of one
 * principal cost one read instead of ten. It is not a cache: every caller's statement is sent after
 * the caller asked, so it sees every change committed before that (a read already on its way is
 * never shared with a later caller).
 */
export class CoalescedReads<K, R> {
  private waiting = new Map<K, { resolve(row: R | undefined): void; reject(error: unknown): void }[]>();
  private scheduled = false;

  /** `readMany` answers the rows found, by key; at most `keysMax` keys go in one statement. */
  constructor(
    private readonly readMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, R>>,
    private readonly keysMax: number,
  ) {}

  read(key: K): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      const callers = this.waiting.get(key);
      if (callers === undefined) this.waiting.set(key, [{ resolve, reject }]);
      else callers.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = [...this.waiting];
    this.waiting = new Map();
    for (let i = 0; i < all.length; i += this.keysMax) {
      const group = all.slice(i, i + this.keysMax);
      this.readMany(group.map(([key]) => key)).then(
        (rows) => {
          for (const [key, callers] of group) for (const caller of callers) caller.resolve(rows.get(key));
        },
        (error: unknown) => {
          for (const [, callers] of group) for (const caller of callers) caller.reject(error);
        },
      );
    }
  }
}
