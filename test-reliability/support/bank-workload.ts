// The bank workload: concurrent clients moving money over real HTTP on a few hot accounts of one
// principal — pay-ins, crypto deposits, internal fiat and crypto transfers, crypto withdrawals,
// external ACH transfers, reversals of pay-ins, completions, failures and cancellations (sometimes
// two clients racing to end the same transaction), idempotent replays and reads. Every POST carries
// an Idempotency-Key and is retried with that same key after a transport failure. Only 2xx answers
// change the model (bank-model.ts); any answer the workload did not expect is recorded as a problem.
import { randomUUID } from 'node:crypto';
import { RawJson, stringifyExact } from '../../src/shared/exact-json.js';
import { formatDecimal } from '../../src/shared/decimal.js';
import { firstErrorCode, intOf, sendUntilAnswered, unitsOf, type Answer, type PrincipalCredentials } from './api-client.js';
import { minorUnit, PRECISION, BankModel, type Asset, type ExpectedTransaction, type Outcome, type PendingItem } from './bank-model.js';
import type { Prng } from './prng.js';
import { ExchangeSteps } from './bank-workload-exchanges.js';

export const PATHS = {
  createAccount: '/api/v2/customer/accounts/create',
  account: '/api/v1/customer/accounts/account',
  balances: '/api/v1/customer/accounts/balances',
  transactions: '/api/v1/customer/accounts/transactions',
  payIn: '/api/v1/customer/simulations/payins',
  cryptoDeposit: '/api/v1/customer/simulations/crypto-deposits',
  complete: '/api/v1/customer/simulations/transactions/complete',
  fail: '/api/v1/customer/simulations/transactions/fail',
  cancel: '/api/v1/customer/transactions/cancel',
  internalFiat: '/api/v1/customer/transfers/fiat/createinternaltransfer',
  internalCrypto: '/api/v1/customer/transfers/crypto/createinternaltransfer',
  withdraw: '/api/v1/customer/accounts/crypto/withdraw',
  external: '/api/v3/customer/transfers/fiat/createexternaltransfer',
  reverse: '/api/v1/customer/transfers/reverseinboundtransfer',
} as const;

/** BIP-173 test vector (testnet) and a valid ABA routing number (public sample values). */
const BTC_TESTNET_ADDRESS = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';
const ACH_PAYEE = { Name: 'Reliability Payee', AccountNumber: '123456789', RoutingNumber: '021000021', Type: 'Personal', CountryCode: 'USA' };

/** The hot accounts: few, so that clients collide on them. */
export const HOT_ACCOUNTS: readonly Asset[] = ['USD', 'USD', 'USD', 'EUR', 'EUR', 'BTC', 'BTC', 'BTC'];

type Kind = 'account' | 'payIn' | 'cryptoDeposit' | 'internal' | 'withdrawal' | 'external' | 'end' | 'race' | 'reversal' | 'replay' | 'read' | 'trade';

/** One POST the workload sends: retried with the same key until answered; `handle` applies a 2xx. */
export interface Request {
  readonly kind: Kind;
  readonly path: string;
  readonly bodyText: string;
  readonly key: string;
  /** The same request with another amount (for the Idempotency_Key_Reused check), when it has one. */
  readonly changedBodyText: string | null;
  /** 4xx message codes that are a legitimate answer (e.g. Insufficient_Funds). */
  readonly allowed: readonly string[];
  handle(answer: Answer, key: string): void;
  /** Called with any final answer (2xx or 4xx): race bookkeeping. */
  answered?(answer: Answer): void;
}

interface Acknowledged {
  readonly request: Request;
  readonly text: string;
}

export interface WorkloadFigures {
  operations: number;
  requests: number;
  attempts: number;
  transportFailures: number;
  serverErrors: number;
  acknowledged: number;
  rejected: Record<string, number>;
  byKind: Record<string, number>;
  races: number;
  replays: number;
  keyReuseRejected: number;
  reads: number;
  unanswered: number;
  drained: number;
}

const body = (fields: Record<string, unknown>) => stringifyExact(fields);
const literal = (asset: Asset, minor: bigint) => new RawJson(formatDecimal(minor * minorUnit(asset), PRECISION[asset]));
const details = (answer: Answer) => answer.body.details as Record<string, unknown>;

export class BankWorkload {
  readonly model = new BankModel();
  readonly figures: WorkloadFigures = {
    operations: 0,
    requests: 0,
    attempts: 0,
    transportFailures: 0,
    serverErrors: 0,
    acknowledged: 0,
    rejected: {},
    byKind: {},
    races: 0,
    replays: 0,
    keyReuseRejected: 0,
    reads: 0,
    unanswered: 0,
    drained: 0,
  };
  private readonly unresolved: Request[] = [];
  private readonly acknowledged: Acknowledged[] = [];
  private readonly racedItems: { item: PendingItem; answers: number }[] = [];
  private aborted = false;
  /** Buys, sells, confirmations, cancellations and FX conversions (bank-workload-exchanges.ts). */
  private readonly trades = new ExchangeSteps({ model: this.model, execute: (request) => this.execute(request) });

  constructor(
    private readonly baseUrl: () => string,
    private readonly principal: PrincipalCredentials,
    private readonly token: string,
    /** How long one request is retried before it is left for the drain. */
    private readonly requestBudgetMs: number,
    private readonly rng: Prng,
  ) {}

  /** Opens the hot accounts (also through idempotent POSTs). */
  async openAccounts(): Promise<void> {
    for (const [i, asset] of HOT_ACCOUNTS.entries()) {
      await this.execute({
        kind: 'account',
        path: PATHS.createAccount,
        bodyText: body({ CustomersId: this.principal.customersId, Name: `hot ${asset} ${i}`, Asset: asset }),
        key: randomUUID(),
        changedBodyText: null,
        allowed: [],
        handle: (answer) => {
          const account = (details(answer).accounts as Record<string, unknown>[])[0];
          const id = intOf(account?.id, 'account id');
          this.model.accounts.set(id, { id, asset, posted: 0n, pendingIn: 0n, pendingOut: 0n });
        },
      });
    }
    if (this.unresolved.length > 0 || this.model.accounts.size !== HOT_ACCOUNTS.length) throw new Error(`could not open the hot accounts: ${this.model.problems.join('; ')}`);
  }

  /** Runs `clients` concurrent clients until `stop()` holds or `opsMax` operations were started. */
  async run(clients: number, stop: () => boolean, opsMax: number): Promise<void> {
    const loops = Array.from({ length: clients }, () => this.clientLoop(this.rng.fork(), stop, opsMax));
    await Promise.all(loops);
  }

  /** Sends every unanswered request again (same key) until answered or `budgetMs` has passed. */
  async drain(budgetMs: number): Promise<void> {
    const deadline = Date.now() + budgetMs;
    while (this.unresolved.length > 0 && Date.now() < deadline && !this.aborted) {
      const request = this.unresolved.shift() as Request;
      this.figures.drained++;
      await this.execute(request, Math.max(1_000, deadline - Date.now()));
    }
    if (this.unresolved.length > 0) this.model.problem(`${this.unresolved.length} requests never answered (first: ${this.unresolved[0]?.kind} ${this.unresolved[0]?.key})`);
    for (const { item, answers } of this.racedItems) {
      if (answers === 2 && item.endings === 0) this.model.problem(`two concurrent endings of transaction ${item.txId}: neither succeeded`);
    }
  }

  /** Stops every retry loop at once (the test failed and is cleaning up). */
  abort(): void {
    this.aborted = true;
  }

  get unresolvedCount(): number {
    return this.unresolved.length;
  }

  private async clientLoop(rng: Prng, stop: () => boolean, opsMax: number): Promise<void> {
    while (!stop() && !this.aborted && this.figures.operations < opsMax) {
      this.figures.operations++;
      try {
        await this.step(rng);
      } catch (error) {
        this.model.problem(`client error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  private async step(rng: Prng): Promise<void> {
    const kind = rng.weighted<Kind>([
      [14, 'payIn'],
      [10, 'cryptoDeposit'],
      [22, 'internal'],
      [10, 'withdrawal'],
      [7, 'external'],
      [16, 'end'],
      [4, 'race'],
      [4, 'reversal'],
      [3, 'replay'],
      [4, 'read'],
      [12, 'trade'],
    ]);
    switch (kind) {
      case 'payIn':
        return void (await this.execute(this.payIn(rng)));
      case 'cryptoDeposit':
        return void (await this.execute(this.cryptoDeposit(rng)));
      case 'internal':
        return void (await this.execute(this.internal(rng)));
      case 'withdrawal':
        return void (await this.execute(this.withdrawal(rng)));
      case 'external':
        return void (await this.execute(this.external(rng)));
      case 'end':
      case 'race':
        return this.end(rng, kind === 'race');
      case 'reversal':
        return this.reversal(rng);
      case 'replay':
        return this.replay(rng);
      case 'read':
        return this.read(rng);
      case 'trade':
        return this.trades.step(rng);
      case 'account':
        return;
    }
  }

  private pickAccount(rng: Prng, asset: Asset): number {
    return rng.pick(this.model.accountsOf(asset)).id;
  }

  private payIn(rng: Prng): Request {
    const asset: Asset = rng.chance(0.7) ? 'USD' : 'EUR';
    const accountsId = this.pickAccount(rng, asset);
    const minor = rng.bigint(100n, 200_000n);
    const transferType = asset === 'EUR' ? 'SWIFT' : rng.pick(['ACH', 'WIRE']);
    const make = (m: bigint) => body({ DestinationAccountId: accountsId, TransferType: transferType, Amount: literal(asset, m), Reference: 'reliability' });
    return {
      kind: 'payIn',
      path: PATHS.payIn,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: [],
      handle: (answer, key) => this.model.payIn(key, intOf(answer.body.id, 'pay-in id'), accountsId, minor * minorUnit(asset)),
    };
  }

  private cryptoDeposit(rng: Prng): Request {
    const accountsId = this.pickAccount(rng, 'BTC');
    const minor = rng.bigint(100_000n, 50_000_000n);
    const complete = rng.chance(0.5);
    const make = (m: bigint) => body({ DestinationAccountId: accountsId, Amount: literal('BTC', m), bComplete: complete });
    return {
      kind: 'cryptoDeposit',
      path: PATHS.cryptoDeposit,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: [],
      handle: (answer, key) => this.model.cryptoDeposit(key, intOf(answer.body.id, 'deposit id'), accountsId, minor * minorUnit('BTC'), complete),
    };
  }

  private internal(rng: Prng): Request {
    const asset = rng.weighted<Asset>([
      [5, 'USD'],
      [2, 'EUR'],
      [3, 'BTC'],
    ]);
    const accounts = this.model.accountsOf(asset);
    const source = rng.pick(accounts).id;
    const destination = rng.pick(accounts.filter((a) => a.id !== source)).id;
    const typical = asset === 'BTC' ? 40_000_000n : 150_000n;
    // Now and then far more than any balance: Insufficient_Funds, and nothing may move.
    const minor = rng.chance(0.1) ? typical * 1_000n : rng.bigint(1n, typical);
    const make = (m: bigint) => body({ SourceAccountId: source, DestinationAccountId: destination, Amount: literal(asset, m), Reference: 'reliability' });
    return {
      kind: 'internal',
      path: asset === 'BTC' ? PATHS.internalCrypto : PATHS.internalFiat,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: ['Insufficient_Funds'],
      handle: (answer, key) => {
        const d = details(answer);
        this.model.internalTransfer(key, intOf(d.transactionsId, 'debit id'), intOf(d.complementaryTransactionId, 'credit id'), source, destination, minor * minorUnit(asset));
      },
    };
  }

  private withdrawal(rng: Prng): Request {
    const accountsId = this.pickAccount(rng, 'BTC');
    const minor = rng.chance(0.1) ? 100_000_000_000n : rng.bigint(1_000n, 30_000_000n);
    const make = (m: bigint) => body({ accountsId, amount: literal('BTC', m), destinationAddress: BTC_TESTNET_ADDRESS });
    return {
      kind: 'withdrawal',
      path: PATHS.withdraw,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: ['Insufficient_Funds'],
      handle: (answer, key) => this.model.withdrawal(key, intOf(details(answer).id, 'withdrawal id'), accountsId, minor * minorUnit('BTC')),
    };
  }

  private external(rng: Prng): Request {
    const accountsId = this.pickAccount(rng, 'USD');
    const minor = rng.chance(0.1) ? 100_000_000n : rng.bigint(1n, 80_000n);
    const make = (m: bigint) => body({ SourceAccountId: accountsId, TransferType: 'ACH', Payee: ACH_PAYEE, Amount: literal('USD', m), Reference: 'reliability' });
    return {
      kind: 'external',
      path: PATHS.external,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: ['Insufficient_Funds'],
      handle: (answer, key) => {
        const d = details(answer);
        const feeTxId = d.feeTransactionId === null ? null : intOf(d.feeTransactionId, 'fee id');
        this.model.externalTransfer(key, intOf(d.transactionsId, 'transfer id'), feeTxId, accountsId, minor * minorUnit('USD'), unitsOf(d.feeAmount, 'feeAmount'));
      },
    };
  }

  private endRequest(item: PendingItem, outcome: Outcome, raced: boolean): Request {
    const path = outcome === 'complete' ? PATHS.complete : outcome === 'fail' ? PATHS.fail : PATHS.cancel;
    const bodyText = outcome === 'cancel' ? body({ TransactionsId: item.txId, CustomersId: this.principal.customersId }) : body({ TransactionsId: item.txId });
    return {
      kind: raced ? 'race' : 'end',
      path,
      bodyText,
      changedBodyText: null,
      key: randomUUID(),
      // Of two concurrent endings the loser learns that the transaction already ended.
      allowed: raced ? ['Transaction_Not_Pending', 'Transaction_Not_Cancellable'] : [],
      handle: (answer, key) => {
        const rollback = details(answer).rollbackTransactionId;
        this.model.ended(key, item, outcome, rollback === null || rollback === undefined ? null : intOf(rollback, 'rollback id'));
      },
    };
  }

  private async end(rng: Prng, raced: boolean): Promise<void> {
    const pool = this.model.unclaimed;
    if (pool.length === 0) return void (await this.execute(this.payIn(rng)));
    const item = pool.splice(rng.int(0, pool.length - 1), 1)[0] as PendingItem;
    const outcomes: Outcome[] = item.kind === 'external' ? ['complete', 'fail', 'cancel'] : ['complete', 'fail'];
    if (!raced) return void (await this.execute(this.endRequest(item, rng.pick(outcomes), false)));
    this.figures.races++;
    const race = { item, answers: 0 };
    this.racedItems.push(race);
    const contenders = [this.endRequest(item, rng.pick(outcomes), true), this.endRequest(item, rng.pick(outcomes), true)].map((r) => ({
      ...r,
      answered: () => {
        race.answers++;
      },
    }));
    await Promise.all(contenders.map((r) => this.execute(r)));
  }

  private async reversal(rng: Prng): Promise<void> {
    const pool = this.model.reversible;
    if (pool.length === 0) return void (await this.execute(this.payIn(rng)));
    const deposit = pool.splice(rng.int(0, pool.length - 1), 1)[0] as ExpectedTransaction;
    const make = (raced: boolean): Request => ({
      kind: 'reversal',
      path: PATHS.reverse,
      bodyText: body({ TransactionsId: deposit.id, ReasonCode: 'CUST', Notes: 'reliability' }),
      changedBodyText: null,
      key: randomUUID(),
      allowed: raced ? ['Insufficient_Funds', 'Transaction_Not_Reversible'] : ['Insufficient_Funds'],
      handle: (answer, key) => this.model.reversal(key, intOf(details(answer).transactionsId, 'reversal id'), deposit),
    });
    // Sometimes two clients reverse the same deposit at once: at most one may succeed.
    if (rng.chance(0.3)) await Promise.all([this.execute(make(true)), this.execute(make(true))]);
    else await this.execute(make(false));
  }

  /** Sends an acknowledged request again: the same key and body answer the same bytes; another body is 409. */
  private async replay(rng: Prng): Promise<void> {
    if (this.acknowledged.length === 0) return;
    const earlier = rng.pick(this.acknowledged);
    const changed = earlier.request.changedBodyText !== null && rng.chance(0.3);
    const outcome = await sendUntilAnswered(
      this.baseUrl,
      'POST',
      earlier.request.path,
      {
        token: this.token,
        sharedSecret: this.principal.sharedSecret,
        bodyText: changed ? (earlier.request.changedBodyText as string) : earlier.request.bodyText,
        idempotencyKey: earlier.request.key,
      },
      this.requestBudgetMs,
      () => rng.next(),
      () => this.aborted,
    );
    this.count(outcome);
    const answer = outcome.answer;
    if (answer === null || answer.status >= 500) return; // a replay changes nothing: no need to drain it
    if (changed) {
      this.figures.keyReuseRejected++;
      if (answer.status !== 409 || firstErrorCode(answer) !== 'Idempotency_Key_Reused')
        this.model.problem(`key ${earlier.request.key} reused with another body: ${answer.status} ${answer.text}`);
      return;
    }
    this.figures.replays++;
    if (answer.status !== 200 || !answer.replayed || answer.text !== earlier.text) {
      this.model.problem(
        `replay of ${earlier.request.kind} ${earlier.request.key}: ${answer.status} replayed=${answer.replayed}\n  first: ${earlier.text}\n  again: ${answer.text}`,
      );
    }
  }

  private async read(rng: Prng): Promise<void> {
    const accountsId = rng.pick([...this.model.accounts.keys()]);
    const path = rng.pick([PATHS.balances, `${PATHS.account}?Id=${accountsId}`, `${PATHS.transactions}?AccountsId=${accountsId}&PageSize=20`]);
    const outcome = await sendUntilAnswered(
      this.baseUrl,
      'GET',
      path,
      { token: this.token, sharedSecret: this.principal.sharedSecret },
      this.requestBudgetMs,
      () => rng.next(),
      () => this.aborted,
    );
    this.count(outcome);
    this.figures.reads++;
    if (outcome.answer !== null && outcome.answer.status !== 200) this.model.problem(`GET ${path}: ${outcome.answer.status} ${outcome.answer.text}`);
  }

  private count(outcome: { attempts: number; transportFailures: number; serverErrors: number }): void {
    this.figures.requests++;
    this.figures.attempts += outcome.attempts;
    this.figures.transportFailures += outcome.transportFailures;
    this.figures.serverErrors += outcome.serverErrors;
  }

  /** Sends one request until answered; applies a 2xx to the model, checks a 4xx is expected. */
  private async execute(request: Request, budgetMs = this.requestBudgetMs): Promise<void> {
    this.figures.byKind[request.kind] = (this.figures.byKind[request.kind] ?? 0) + 1;
    const outcome = await sendUntilAnswered(
      this.baseUrl,
      'POST',
      request.path,
      { token: this.token, sharedSecret: this.principal.sharedSecret, bodyText: request.bodyText, idempotencyKey: request.key },
      budgetMs,
      () => this.rng.next(),
      () => this.aborted,
    );
    this.count(outcome);
    const answer = outcome.answer;
    if (outcome.serverErrors > 0) this.model.problem(`${request.kind} ${request.key}: ${outcome.serverErrors} answer(s) 5xx, last ${answer?.status} ${answer?.text.slice(0, 300)}`);
    if (answer === null || answer.status >= 500) {
      this.figures.unanswered++;
      this.unresolved.push(request);
      return;
    }
    request.answered?.(answer);
    if (answer.status >= 200 && answer.status < 300) {
      if (answer.body.status !== '1') this.model.problem(`${request.kind}: 2xx without status "1": ${answer.text}`);
      this.figures.acknowledged++;
      this.model.acknowledgedKeys.add(request.key);
      try {
        request.handle(answer, request.key);
      } catch (error) {
        this.model.problem(`${request.kind} ${request.key}: cannot read the answer ${answer.text}: ${String(error)}`);
      }
      this.acknowledged.push({ request, text: answer.text });
      if (this.acknowledged.length > 2_000) this.acknowledged.splice(0, 1_000);
      return;
    }
    const code = firstErrorCode(answer);
    this.figures.rejected[code] = (this.figures.rejected[code] ?? 0) + 1;
    if (!request.allowed.includes(code)) this.model.problem(`${request.kind} ${request.key}: unexpected ${answer.status} ${answer.text}\n  request: ${request.bodyText}`);
  }
}
