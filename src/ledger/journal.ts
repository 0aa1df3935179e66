import { assert } from '../shared/assert.js';

/**
 * A journal is one use case's movement of money: a balanced set of legs, over one or more assets,
 * each asset (and each bucket) balanced on its own. Buckets: `posted` (settled money), `pending_in`
 * (inbound not yet settled, ≥ 0 on a customer account), `pending_out` (reserved by a hold, ≤ 0).
 * A leg names exactly one account: a customer asset account (by id) or a system account (by code).
 */
export type Bucket = 'posted' | 'pending_in' | 'pending_out';

export interface LegDraft {
  /** A customer asset account, or null for a system account. */
  readonly accountsId: number | null;
  /** A system account code from the registry (system-accounts.ts), or null. */
  readonly systemAccount: string | null;
  readonly asset: string;
  readonly bucket: Bucket;
  /** Signed: positive credits the account. */
  readonly amount: bigint;
}

export interface JournalDraft {
  /** What the journal records, e.g. `transfer`, `hold`, `capture`, `void`, `expiry`. */
  readonly kind: string;
  readonly dateTime: string;
  readonly legs: readonly LegDraft[];
}

export interface StoredBalances {
  readonly posted: bigint;
  readonly pendingIn: bigint;
  readonly pendingOut: bigint;
}

export interface ApiBalances {
  readonly totalBalance: bigint;
  readonly availableBalance: bigint;
  readonly pendingBalance: bigint;
}

/** The balance rule (docs/ledger.md): pending = signed pending sum; total = posted + pending; available = total − pending in. */
export function apiBalances(b: StoredBalances): ApiBalances {
  const pendingBalance = b.pendingIn + b.pendingOut;
  const totalBalance = b.posted + pendingBalance;
  return { totalBalance, availableBalance: totalBalance - b.pendingIn, pendingBalance };
}

/** A bug, not an outcome: every journal the code builds balances per asset and bucket. */
export function assertBalanced(journal: JournalDraft): void {
  const sums = new Map<string, bigint>();
  assert(journal.legs.length > 0, 'a journal has legs');
  for (const leg of journal.legs) {
    assert((leg.accountsId === null) !== (leg.systemAccount === null), 'a leg names exactly one account');
    const key = `${leg.asset}/${leg.bucket}`;
    sums.set(key, (sums.get(key) ?? 0n) + leg.amount);
  }
  for (const [key, sum] of sums) assert(sum === 0n, `journal ${journal.kind} unbalanced for ${key}: ${sum}`);
}

export function applyLegs(balances: StoredBalances, legs: readonly LegDraft[]): StoredBalances {
  let { posted, pendingIn, pendingOut } = balances;
  for (const leg of legs) {
    if (leg.bucket === 'posted') posted += leg.amount;
    else if (leg.bucket === 'pending_in') pendingIn += leg.amount;
    else pendingOut += leg.amount;
  }
  assert(pendingIn >= 0n && pendingOut <= 0n, 'pending buckets keep their sign');
  return { posted, pendingIn, pendingOut };
}

/**
 * The account rule `debits_must_not_exceed_credits` (TigerBeetle's name): money that is posted or
 * reserved never exceeds what the account holds, i.e. available (posted + pending out) stays ≥ 0.
 * A journal that leaves it negative is refused unless it did not lower it (a credit to an account
 * already short is allowed).
 */
export function breaksNoOverdraft(before: StoredBalances, after: StoredBalances): boolean {
  const available = (b: StoredBalances) => b.posted + b.pendingOut;
  return available(after) < 0n && available(after) < available(before);
}

/** Two legs moving `amount` into `accountsId` from `systemAccount` in one bucket (negative moves out). */
export function legs(accountsId: number, systemAccount: string, asset: string, bucket: Bucket, amount: bigint): LegDraft[] {
  return [
    { accountsId, systemAccount: null, asset, bucket, amount },
    { accountsId: null, systemAccount, asset, bucket, amount: -amount },
  ];
}

/** The bucket a pending amount of this sign is held in. */
export function pendingBucket(amount: bigint): Bucket {
  return amount >= 0n ? 'pending_in' : 'pending_out';
}

/**
 * Legs on one system account that cancel within a journal are dropped (an internal transfer's
 * clearing legs): the journal still balances, and writes only what moves.
 */
export function withoutCancellingSystemLegs(journalLegs: readonly LegDraft[]): LegDraft[] {
  const sums = new Map<string, bigint>();
  const keyOf = (l: LegDraft) => `${l.systemAccount ?? ''}/${l.asset}/${l.bucket}`;
  for (const l of journalLegs) if (l.systemAccount !== null) sums.set(keyOf(l), (sums.get(keyOf(l)) ?? 0n) + l.amount);
  return journalLegs.filter((l) => l.systemAccount === null || sums.get(keyOf(l)) !== 0n);
}
