// What the bank workload expects the database to hold, built only from acknowledged (2xx) answers:
// every account's three balances, every transaction the answers named (with its type, amount and
// final status), money in and out per asset, and how many callbacks and idempotency records exist.
// The checks compare the database with this, exactly.

export type Asset = 'USD' | 'EUR' | 'BTC';
export const PRECISION: Readonly<Record<Asset, number>> = { USD: 2, EUR: 2, BTC: 8 };
export const ASSETS: readonly Asset[] = ['USD', 'EUR', 'BTC'];

/** Units (scale 18) of one minor unit of `asset` (a cent, a satoshi). */
export function minorUnit(asset: Asset): bigint {
  return 10n ** BigInt(18 - PRECISION[asset]);
}

export interface AccountState {
  readonly id: number;
  readonly asset: Asset;
  posted: bigint;
  pendingIn: bigint;
  pendingOut: bigint;
}

export type TxStatus = 'Pending' | 'Completed' | 'Failed' | 'Cancelled';
export type Bucket = 'posted' | 'pending_in' | 'pending_out';

export interface ExpectedTransaction {
  readonly id: number;
  readonly accountsId: number;
  /** Signed, scale 18. */
  readonly amount: bigint;
  readonly type: 'Deposit' | 'InternalTransfer' | 'Withdrawal' | 'ExternalTransfer' | 'Fee' | 'Rollback' | 'Reversal' | 'AssetExchange' | 'ForeignExchange';
  status: TxStatus;
  /** The bucket of the customer leg of its first posting. */
  readonly createBucket: Bucket;
  /** The operation (idempotency key) whose answer named it. */
  readonly key: string;
}

/** A pending transaction the workload may end (complete, fail, cancel). */
export interface PendingItem {
  readonly kind: 'deposit' | 'withdrawal' | 'external';
  readonly txId: number;
  readonly accountsId: number;
  /** Positive, scale 18. */
  readonly amount: bigint;
  readonly feeTxId: number | null;
  readonly fee: bigint;
  /** Acknowledged endings (a race must have exactly one). */
  endings: number;
}

export type Outcome = 'complete' | 'fail' | 'cancel';

export class BankModel {
  readonly accounts = new Map<number, AccountState>();
  readonly transactions = new Map<number, ExpectedTransaction>();
  readonly moneyIn = new Map<Asset, bigint>(ASSETS.map((a) => [a, 0n]));
  readonly moneyOut = new Map<Asset, bigint>(ASSETS.map((a) => [a, 0n]));
  /** What trades moved to the house and its revenue, per asset (negative: the house paid out). */
  readonly house = new Map<Asset, bigint>(ASSETS.map((a) => [a, 0n]));
  /** Pending transactions nobody has claimed yet (a client takes one out to end it). */
  readonly unclaimed: PendingItem[] = [];
  /** Completed pay-ins not yet claimed for a reversal. */
  readonly reversible: ExpectedTransaction[] = [];
  /** Fee transactions that failed or were cancelled: each has a rollback the answer does not name. */
  readonly feeRollbacksOf: number[] = [];
  /** Idempotency keys answered 2xx (each must be stored exactly once). */
  readonly acknowledgedKeys = new Set<string>();
  expectedCallbacks = 0;
  readonly problems: string[] = [];

  problem(text: string): void {
    if (this.problems.length < 200) this.problems.push(text);
  }

  account(id: number): AccountState {
    const account = this.accounts.get(id);
    if (account === undefined) throw new Error(`unknown account ${id}`);
    return account;
  }

  accountsOf(asset: Asset): AccountState[] {
    return [...this.accounts.values()].filter((a) => a.asset === asset);
  }

  addTransaction(tx: ExpectedTransaction): void {
    if (this.transactions.has(tx.id)) this.problem(`transaction id ${tx.id} named by two acknowledged answers (${this.transactions.get(tx.id)?.key} and ${tx.key})`);
    this.transactions.set(tx.id, tx);
  }

  private add(map: Map<Asset, bigint>, asset: Asset, amount: bigint): void {
    map.set(asset, (map.get(asset) ?? 0n) + amount);
  }

  payIn(key: string, txId: number, accountsId: number, amount: bigint): void {
    const account = this.account(accountsId);
    account.posted += amount;
    this.add(this.moneyIn, account.asset, amount);
    const tx: ExpectedTransaction = { id: txId, accountsId, amount, type: 'Deposit', status: 'Completed', createBucket: 'posted', key };
    this.addTransaction(tx);
    this.reversible.push(tx);
    this.expectedCallbacks += 1; // FIAT_DEPOSIT_RECEIVED
  }

  cryptoDeposit(key: string, txId: number, accountsId: number, amount: bigint, completed: boolean): void {
    const account = this.account(accountsId);
    // Created pending (pending_in), then completed in the same database transaction when asked.
    this.addTransaction({ id: txId, accountsId, amount, type: 'Deposit', status: completed ? 'Completed' : 'Pending', createBucket: 'pending_in', key });
    if (completed) {
      account.posted += amount;
      this.add(this.moneyIn, account.asset, amount);
      this.expectedCallbacks += 2; // CRYPTO_DEPOSIT_CREATED, CRYPTO_DEPOSIT_UPDATED
    } else {
      account.pendingIn += amount;
      this.unclaimed.push({ kind: 'deposit', txId, accountsId, amount, feeTxId: null, fee: 0n, endings: 0 });
      this.expectedCallbacks += 1;
    }
  }

  internalTransfer(key: string, debitId: number, creditId: number, sourceId: number, destinationId: number, amount: bigint): void {
    this.account(sourceId).posted -= amount;
    this.account(destinationId).posted += amount;
    this.addTransaction({ id: debitId, accountsId: sourceId, amount: -amount, type: 'InternalTransfer', status: 'Completed', createBucket: 'posted', key });
    this.addTransaction({ id: creditId, accountsId: destinationId, amount, type: 'InternalTransfer', status: 'Completed', createBucket: 'posted', key });
  }

  withdrawal(key: string, txId: number, accountsId: number, amount: bigint): void {
    this.account(accountsId).pendingOut -= amount;
    this.addTransaction({ id: txId, accountsId, amount: -amount, type: 'Withdrawal', status: 'Pending', createBucket: 'pending_out', key });
    this.unclaimed.push({ kind: 'withdrawal', txId, accountsId, amount, feeTxId: null, fee: 0n, endings: 0 });
    this.expectedCallbacks += 1; // CRYPTO_WITHDRAWAL_CREATED
  }

  externalTransfer(key: string, txId: number, feeTxId: number | null, accountsId: number, amount: bigint, fee: bigint): void {
    this.account(accountsId).pendingOut -= amount + fee;
    this.addTransaction({ id: txId, accountsId, amount: -amount, type: 'ExternalTransfer', status: 'Pending', createBucket: 'pending_out', key });
    if (feeTxId !== null) this.addTransaction({ id: feeTxId, accountsId, amount: -fee, type: 'Fee', status: 'Pending', createBucket: 'pending_out', key });
    this.unclaimed.push({ kind: 'external', txId, accountsId, amount, feeTxId, fee, endings: 0 });
  }

  reversal(key: string, reversalId: number, deposit: ExpectedTransaction): void {
    const account = this.account(deposit.accountsId);
    account.posted -= deposit.amount;
    this.add(this.moneyOut, account.asset, deposit.amount);
    this.addTransaction({ id: reversalId, accountsId: deposit.accountsId, amount: -deposit.amount, type: 'Reversal', status: 'Completed', createBucket: 'posted', key });
  }

  /** A pending transaction ended (the acknowledged winner); `rollbackId` from the answer. */
  ended(key: string, item: PendingItem, outcome: Outcome, rollbackId: number | null): void {
    item.endings += 1;
    if (item.endings > 1) {
      this.problem(`transaction ${item.txId} ended twice (acknowledged ${item.endings} times)`);
      return;
    }
    const account = this.account(item.accountsId);
    const status: TxStatus = outcome === 'complete' ? 'Completed' : outcome === 'fail' ? 'Failed' : 'Cancelled';
    const tx = this.transactions.get(item.txId);
    if (tx !== undefined) tx.status = status;
    if (item.kind === 'deposit') {
      account.pendingIn -= item.amount;
      if (outcome === 'complete') {
        account.posted += item.amount;
        this.add(this.moneyIn, account.asset, item.amount);
      }
      this.expectedCallbacks += 1; // CRYPTO_DEPOSIT_UPDATED
      return;
    }
    const total = item.amount + item.fee;
    account.pendingOut += total;
    const fee = item.feeTxId === null ? undefined : this.transactions.get(item.feeTxId);
    if (fee !== undefined) fee.status = status;
    if (outcome === 'complete') {
      account.posted -= total;
      this.add(this.moneyOut, account.asset, total);
    } else {
      if (rollbackId === null) this.problem(`${key}: a ${outcome} of ${item.txId} named no rollback transaction`);
      else this.addTransaction({ id: rollbackId, accountsId: item.accountsId, amount: item.amount, type: 'Rollback', status: 'Completed', createBucket: 'posted', key });
      if (item.feeTxId !== null) this.feeRollbacksOf.push(item.feeTxId);
    }
    // CRYPTO_WITHDRAWAL_UPDATED + TRANSACTION_STATUS_UPDATED, or TRANSACTION_STATUS_UPDATED alone.
    this.expectedCallbacks += item.kind === 'withdrawal' ? 2 : 1;
  }

  /** Rows the transactions table must hold: every named one plus the unnamed fee rollbacks. */
  get expectedTransactionCount(): number {
    return this.transactions.size + this.feeRollbacksOf.length;
  }
}
