// The compliance review part of the bank workload: flagging rules hold a share of the external
// transfers, crypto withdrawals and USD pay-ins (an amount threshold per asset), and a 'review' operation decides
// held items through the sandbox at random — accepted (the item settles) or rejected (refunded by a
// rollback), sometimes by two clients at once (exactly one decision may win). Held items never
// enter the pool the 'end' operations draw from: only the review ends them. The model (bank-model.ts)
// is moved exactly as a completion or a failure would move it.
import { randomUUID } from 'node:crypto';
import { stringifyExact } from '../../src/shared/exact-json.js';
import { intOf, type Answer } from './api-client.js';
import type { BankModel, PendingItem } from './bank-model.js';
import { cliInProcess } from './databases.js';
import type { Prng } from './prng.js';

const PATHS = {
  open: '/api/v1/customer/simulations/informationrequests',
  decide: '/api/v1/customer/simulations/informationrequests/decide',
} as const;

/** At or above these an external transfer (USD) or a withdrawal (BTC) is held: about a third and a sixth of them. */
export const REVIEW_THRESHOLDS = { USD: { text: '500.00', minor: 50_000n }, BTC: { text: '0.25', minor: 25_000_000n } } as const;

/** The part of the workload's request the review sends (see bank-workload.ts). */
export interface ReviewRequest {
  readonly kind: 'review';
  readonly path: string;
  readonly bodyText: string;
  readonly key: string;
  readonly changedBodyText: null;
  readonly allowed: readonly string[];
  handle(answer: Answer, key: string): void;
  answered?(answer: Answer): void;
}

export interface ReviewFigures {
  held: number;
  accepted: number;
  rejected: number;
  races: number;
}

export class BankReview {
  readonly figures: ReviewFigures = { held: 0, accepted: 0, rejected: 0, races: 0 };
  /** Held items not yet being decided. */
  private readonly held: PendingItem[] = [];
  private readonly raced: { item: PendingItem; answers: number }[] = [];

  private constructor(private readonly model: BankModel) {}

  /** Adds the flagging rules (operator CLI) and returns the review part of the workload. */
  static async enable(databaseUrl: string, model: BankModel): Promise<BankReview> {
    await cliInProcess(databaseUrl, ['screening', 'rules', 'add', '--amount-at-least', REVIEW_THRESHOLDS.USD.text, '--asset', 'USD']);
    await cliInProcess(databaseUrl, ['screening', 'rules', 'add', '--amount-at-least', REVIEW_THRESHOLDS.BTC.text, '--asset', 'BTC']);
    return new BankReview(model);
  }

  /** Whether a withdrawal of `minor` satoshis is held (the BTC rule). */
  withdrawalHeld(minor: bigint): boolean {
    return minor >= REVIEW_THRESHOLDS.BTC.minor;
  }

  /**
   * An acknowledged USD pay-in at or above the threshold was credited pending (in the total, not
   * available) and held: the model, which counted it posted, is moved back to pending_in.
   */
  payInCreated(asset: string, minor: bigint, txId: number): void {
    if (asset !== 'USD' || minor < REVIEW_THRESHOLDS.USD.minor) return;
    const tx = this.model.transactions.get(txId);
    const r = this.model.reversible.findIndex((t) => t.id === txId);
    if (tx === undefined || r < 0) return this.model.problem(`held pay-in ${txId} is not in the model`);
    this.model.reversible.splice(r, 1);
    const account = this.model.account(tx.accountsId);
    account.posted -= tx.amount;
    account.pendingIn += tx.amount;
    this.model.moneyIn.set('USD', (this.model.moneyIn.get('USD') ?? 0n) - tx.amount);
    this.model.transactions.set(txId, { ...tx, status: 'Pending', createBucket: 'pending_in' });
    this.held.push({ kind: 'deposit', txId, accountsId: tx.accountsId, amount: tx.amount, feeTxId: null, fee: 0n, endings: 0 });
    this.figures.held++;
  }

  /** An acknowledged transfer or withdrawal: a held one leaves the pool of items the rail ends. */
  created(held: boolean, txId: number): void {
    if (!held) return;
    const i = this.model.unclaimed.findIndex((item) => item.txId === txId);
    if (i < 0) return this.model.problem(`held transaction ${txId} is not pending in the model`);
    this.held.push(...this.model.unclaimed.splice(i, 1));
    this.figures.held++;
  }

  /** One review: find the item's request, then accept or reject it (sometimes two clients at once). */
  async step(rng: Prng, execute: (request: ReviewRequest) => Promise<void>): Promise<void> {
    if (this.held.length === 0) return;
    const item = this.held.splice(rng.int(0, this.held.length - 1), 1)[0] as PendingItem;
    let rfiId: number | null = null;
    await execute(this.request(stringifyExact({ TransactionsId: item.txId }), PATHS.open, [], (answer) => (rfiId = intOf(answer.body.id, 'information request id'))));
    if (rfiId === null) return void this.held.push(item);
    const id: number = rfiId;
    const decide = (raced: boolean) => {
      const accept = rng.chance(0.5);
      return this.request(stringifyExact({ Id: id, Decision: accept ? 'Accepted' : 'Rejected' }), PATHS.decide, raced ? ['Review_Not_Pending'] : [], (answer, key) => {
        const rollback = (answer.body.details as { rollbackTransactionId?: unknown }).rollbackTransactionId;
        this.figures[accept ? 'accepted' : 'rejected']++;
        this.model.ended(key, item, accept ? 'complete' : 'fail', rollback === null || rollback === undefined ? null : intOf(rollback, 'rollback id'));
      });
    };
    if (!rng.chance(0.2)) return execute(decide(false));
    this.figures.races++;
    const race = { item, answers: 0 };
    this.raced.push(race);
    await Promise.all([decide(true), decide(true)].map((r) => execute({ ...r, answered: () => void race.answers++ })));
  }

  /** After the drain: every raced decision had exactly one winner. Held items still undecided stay pending (the model says so). */
  finish(): void {
    for (const { item, answers } of this.raced)
      if (answers === 2 && item.endings !== 1) this.model.problem(`two concurrent decisions on transaction ${item.txId}: ${item.endings} won`);
  }

  private request(bodyText: string, path: string, allowed: readonly string[], handle: ReviewRequest['handle']): ReviewRequest {
    return { kind: 'review', path, bodyText, key: randomUUID(), changedBodyText: null, allowed, handle };
  }
}
