import { assert } from '../shared/assert.js';

/**
 * Ledger entries are the legs of a posting. Every posting pairs its legs in the same bucket with
 * opposite signs, so per asset and per bucket the entries of a posting sum to zero.
 * Buckets: `posted` (settled money), `pending_in` (inbound not yet settled, ≥ 0 on a customer
 * account), `pending_out` (outbound held, ≤ 0 on a customer account).
 */
export type Bucket = 'posted' | 'pending_in' | 'pending_out';

export interface EntryDraft {
  /** A customer asset account, or null for a system account. */
  readonly accountsId: number | null;
  /** A system account code such as `rail:ACH:USD` or `chain:bitcoin:BTC`, or null. */
  readonly systemAccount: string | null;
  readonly asset: string;
  readonly bucket: Bucket;
  readonly amount: bigint;
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

export function assertBalanced(entries: readonly EntryDraft[]): void {
  const sums = new Map<string, bigint>();
  for (const e of entries) {
    assert((e.accountsId === null) !== (e.systemAccount === null), 'an entry names exactly one account');
    const key = `${e.asset}/${e.bucket}`;
    sums.set(key, (sums.get(key) ?? 0n) + e.amount);
  }
  for (const [key, sum] of sums) assert(sum === 0n, `posting unbalanced for ${key}: ${sum}`);
}

export function applyEntries(balances: StoredBalances, entries: readonly EntryDraft[]): StoredBalances {
  let { posted, pendingIn, pendingOut } = balances;
  for (const e of entries) {
    if (e.bucket === 'posted') posted += e.amount;
    else if (e.bucket === 'pending_in') pendingIn += e.amount;
    else pendingOut += e.amount;
  }
  assert(pendingIn >= 0n && pendingOut <= 0n, 'pending buckets keep their sign');
  return { posted, pendingIn, pendingOut };
}

/** Two legs moving `amount` into `accountsId` from `systemAccount` in one bucket (negative moves out). */
export function legs(accountsId: number, systemAccount: string, asset: string, bucket: Bucket, amount: bigint): EntryDraft[] {
  return [
    { accountsId, systemAccount: null, asset, bucket, amount },
    { accountsId: null, systemAccount, asset, bucket, amount: -amount },
  ];
}

/** The bucket a pending transaction of this signed amount holds its money in. */
export function pendingBucket(amount: bigint): Bucket {
  return amount >= 0n ? 'pending_in' : 'pending_out';
}
