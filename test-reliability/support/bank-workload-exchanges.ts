// The bank workload's trades (issue #12): market buys, sells held and then confirmed or cancelled
// (sometimes a confirmation racing a cancellation or a second confirmation), and FX conversions
// (a quote, then one or two racing executions), all on the principal's hot accounts. Each trade
// moves money between the customer and the house (and its revenue); the model follows the
// acknowledged answers exactly, the house included (BankModel.house), so the checks can say that
// per asset customers + house = money in − money out.
import { randomUUID } from 'node:crypto';
import { stringifyExact } from '../../src/shared/exact-json.js';
import { RawJson } from '../../src/shared/exact-json.js';
import { formatDecimal } from '../../src/shared/decimal.js';
import { intOf, unitsOf, type Answer } from './api-client.js';
import { minorUnit, PRECISION, type Asset, type BankModel, type ExpectedTransaction } from './bank-model.js';
import type { Request } from './bank-workload.js';
import type { Prng } from './prng.js';

export const EXCHANGE_PATHS = {
  buy: '/api/v1/customer/crypto-exchanges/buy',
  sell: '/api/v1/customer/crypto-exchanges/sell',
  confirm: '/api/v1/customer/crypto-exchanges/confirmsell',
  cancel: '/api/v1/customer/crypto-exchanges/cancel',
  fxQuote: '/api/v1/customer/foreign-exchanges/quote',
  fxExecute: '/api/v1/customer/foreign-exchanges/execute',
} as const;

/** What the workload lends its trade steps. */
export interface TradeContext {
  readonly model: BankModel;
  execute(request: Request): Promise<void>;
}

interface WaitingSell {
  readonly exchangeId: number;
  readonly sourceId: number;
  readonly base: bigint;
  /** Its quote expired: only a cancellation can end it. */
  expired: boolean;
  endings: number;
}

const body = (fields: Record<string, unknown>) => stringifyExact(fields);
const details = (answer: Answer) => answer.body.details as Record<string, unknown>;
const literal = (asset: Asset, minor: bigint) => new RawJson(formatDecimal(minor * minorUnit(asset), PRECISION[asset]));

export class ExchangeSteps {
  private readonly waiting: WaitingSell[] = [];
  /** Buys held for compliance review (AwaitingRfi): their funds stay reserved. */
  heldBuys = 0;
  /** Confirmed sells held for review or approval: their funds stay reserved. */
  heldSells = 0;

  constructor(private readonly ctx: TradeContext) {}

  async step(rng: Prng): Promise<void> {
    const kind = rng.weighted<'buy' | 'sell' | 'end' | 'fx'>([
      [4, 'buy'],
      [3, 'sell'],
      [4, 'end'],
      [3, 'fx'],
    ]);
    if (kind === 'buy') return this.ctx.execute(this.buy(rng));
    if (kind === 'sell') return this.ctx.execute(this.sell(rng));
    if (kind === 'fx') return this.fx(rng);
    return this.end(rng);
  }

  private get model(): BankModel {
    return this.ctx.model;
  }

  private house(asset: string, amount: bigint): void {
    const a = asset as Asset;
    this.model.house.set(a, (this.model.house.get(a) ?? 0n) + amount);
  }

  private row(key: string, id: unknown, accountsId: number, amount: bigint, type: ExpectedTransaction['type']): void {
    if (id === null || id === undefined) return;
    this.model.addTransaction({ id: intOf(id, `${type} id`), accountsId, amount, type, status: 'Completed', createBucket: 'posted', key });
  }

  private buy(rng: Prng): Request {
    const quote: Asset = rng.chance(0.7) ? 'USD' : 'EUR';
    // Now and then far more than any balance (but under the approval threshold): Insufficient_Funds.
    const minor = rng.chance(0.1) ? 300_000_000n : rng.bigint(10_000n, 1_000_000n);
    const make = (m: bigint) => body({ AssetPair: `BTC/${quote}`, QuantityType: 'Amount', Amount: literal('BTC', m) });
    return {
      kind: 'trade',
      path: EXCHANGE_PATHS.buy,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: ['Insufficient_Funds'],
      handle: (answer, key) => {
        const d = details(answer);
        if (d.status === 'AwaitingRfi') {
          // Held for compliance review (a USD buy at or above the review workload's threshold): its
          // value and commission are reserved, nothing has moved; the review never decides it, so
          // it stays held. Its callbacks: EXCHANGE_STATUS_UPDATED and INFORMATION_REQUESTED.
          const source = this.model.account(intOf(d.fromCustomerAssetAccountId, 'source'));
          source.pendingOut -= unitsOf(d.requestPrice, 'requestPrice') + unitsOf(d.commissionFee, 'commissionFee');
          this.heldBuys += 1;
          this.model.expectedCallbacks += 2;
          return;
        }
        if (d.status !== 'Completed') this.model.problem(`buy ${key} answered ${String(d.status)}`);
        const source = this.model.account(intOf(d.fromCustomerAssetAccountId, 'source'));
        const destination = this.model.account(intOf(d.toCustomerAssetAccountId, 'destination'));
        const base = unitsOf(d.executedAmount, 'executedAmount');
        const value = unitsOf(d.executedPrice, 'executedPrice');
        const commission = unitsOf(d.commissionFee, 'commissionFee');
        if (base !== minor * minorUnit('BTC')) this.model.problem(`buy ${key}: executed ${base}, asked ${minor} satoshi`);
        source.posted -= value + commission;
        destination.posted += base;
        this.house(source.asset, value + commission);
        this.house('BTC', -base);
        this.row(key, d.fromTransactionsId, source.id, -value, 'AssetExchange');
        this.row(key, d.toTransactionsId, destination.id, base, 'AssetExchange');
        if (commission > 0n) this.row(key, d.feeTransactionsId, source.id, -commission, 'Fee');
        this.model.expectedCallbacks += 1;
      },
    };
  }

  private sell(rng: Prng): Request {
    const quote: Asset = rng.chance(0.7) ? 'USD' : 'EUR';
    const minor = rng.chance(0.1) ? 10_000_000_000n : rng.bigint(10_000n, 500_000n);
    const make = (m: bigint) => body({ AssetPair: `BTC/${quote}`, QuantityType: 'Amount', Amount: literal('BTC', m) });
    return {
      kind: 'trade',
      path: EXCHANGE_PATHS.sell,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: ['Insufficient_Funds', 'Trade_Amount_Out_Of_Range'],
      handle: (answer, key) => {
        const d = details(answer);
        if (d.status !== 'WaitingForConfirmation') this.model.problem(`sell ${key} answered ${String(d.status)}`);
        const source = this.model.account(intOf(d.fromCustomerAssetAccountId, 'source'));
        const base = unitsOf(d.requestAmount, 'requestAmount');
        source.pendingOut -= base;
        this.waiting.push({ exchangeId: intOf(d.id, 'exchange id'), sourceId: source.id, base, expired: false, endings: 0 });
        this.model.expectedCallbacks += 1;
      },
    };
  }

  private confirm(sell: WaitingSell, raced: boolean): Request {
    return {
      kind: 'trade',
      path: EXCHANGE_PATHS.confirm,
      bodyText: body({ ExchangeId: sell.exchangeId }),
      changedBodyText: null,
      key: randomUUID(),
      allowed: raced ? ['Quote_Expired', 'Exchange_Not_Waiting'] : ['Quote_Expired'],
      answered: (answer) => {
        if (answer.status === 400 && !raced && sell.endings === 0) {
          sell.expired = true;
          this.waiting.push(sell);
        }
      },
      handle: (answer, key) => {
        const d = details(answer);
        if (!this.ended(sell, key)) return;
        if (d.status === 'AwaitingRfi' || d.status === 'WaitingForApproval') {
          // A large sell: held for compliance review (the review workload's BTC threshold) or for the
          // operator's approval (EXCHANGE_APPROVAL_ABOVE). Its hold stays, nothing moves, and neither
          // workload decides it. Callbacks: EXCHANGE_STATUS_UPDATED (and INFORMATION_REQUESTED).
          this.heldSells += 1;
          this.model.expectedCallbacks += d.status === 'AwaitingRfi' ? 2 : 1;
          return;
        }
        if (d.status !== 'Completed') this.model.problem(`confirmation ${key} answered ${String(d.status)}`);
        const source = this.model.account(sell.sourceId);
        const destination = this.model.account(intOf(d.toCustomerAssetAccountId, 'destination'));
        const gross = unitsOf(d.executedPrice, 'executedPrice');
        const commission = unitsOf(d.commissionFee, 'commissionFee');
        source.pendingOut += sell.base;
        source.posted -= sell.base;
        destination.posted += gross - commission;
        this.house('BTC', sell.base);
        this.house(destination.asset, commission - gross);
        this.row(key, d.fromTransactionsId, source.id, -sell.base, 'AssetExchange');
        this.row(key, d.toTransactionsId, destination.id, gross, 'AssetExchange');
        if (commission > 0n) this.row(key, d.feeTransactionsId, destination.id, -commission, 'Fee');
        this.model.expectedCallbacks += 1;
      },
    };
  }

  private cancel(sell: WaitingSell, raced: boolean): Request {
    return {
      kind: 'trade',
      path: EXCHANGE_PATHS.cancel,
      bodyText: body({ ExchangeId: sell.exchangeId }),
      changedBodyText: null,
      key: randomUUID(),
      allowed: raced ? ['Exchange_Not_Waiting'] : [],
      handle: (_answer, key) => {
        if (!this.ended(sell, key)) return;
        this.model.account(sell.sourceId).pendingOut += sell.base;
        this.model.expectedCallbacks += 1;
      },
    };
  }

  private ended(sell: WaitingSell, key: string): boolean {
    sell.endings += 1;
    if (sell.endings > 1) this.model.problem(`exchange ${sell.exchangeId} ended twice (${key})`);
    return sell.endings === 1;
  }

  /** Ends a waiting sell: confirm, cancel, or two at once (exactly one may win). */
  private async end(rng: Prng): Promise<void> {
    if (this.waiting.length === 0) return this.ctx.execute(this.sell(rng));
    const sell = this.waiting.splice(rng.int(0, this.waiting.length - 1), 1)[0] as WaitingSell;
    if (sell.expired) return this.ctx.execute(this.cancel(sell, false));
    if (rng.chance(0.25)) {
      const other = rng.chance(0.5) ? this.confirm(sell, true) : this.cancel(sell, true);
      await Promise.all([this.ctx.execute(this.confirm(sell, true)), this.ctx.execute(other)]);
      return;
    }
    return this.ctx.execute(rng.chance(0.8) ? this.confirm(sell, false) : this.cancel(sell, false));
  }

  /** An FX quote, then its execution (sometimes two at once: one trade). */
  private async fx(rng: Prng): Promise<void> {
    const [from, to]: [Asset, Asset] = rng.chance(0.6) ? ['USD', 'EUR'] : ['EUR', 'USD'];
    const minor = rng.chance(0.05) ? 90_000_000n : rng.bigint(100n, 50_000n);
    let quoteId: number | null = null;
    const make = (m: bigint) => body({ SourceCurrency: from, DestinationCurrency: to, SourceAmount: literal(from, m) });
    await this.ctx.execute({
      kind: 'trade',
      path: EXCHANGE_PATHS.fxQuote,
      bodyText: make(minor),
      changedBodyText: make(minor + 1n),
      key: randomUUID(),
      allowed: ['Trade_Amount_Out_Of_Range'],
      handle: (answer) => {
        quoteId = intOf(details(answer).id, 'quote id');
      },
    });
    if (quoteId === null) return;
    const id: number = quoteId;
    let executions = 0;
    const execute = (raced: boolean): Request => ({
      kind: 'trade',
      path: EXCHANGE_PATHS.fxExecute,
      bodyText: body({ QuoteId: id }),
      changedBodyText: null,
      key: randomUUID(),
      allowed: raced ? ['Insufficient_Funds', 'Quote_Expired'] : ['Insufficient_Funds'],
      handle: (answer, key) => {
        executions += 1;
        if (executions > 1) return this.model.problem(`FX quote ${id} executed twice (${key})`);
        const d = details(answer);
        const source = this.model.account(intOf(d.sourceAccountId, 'source'));
        const destination = this.model.account(intOf(d.destinationAccountId, 'destination'));
        const paid = unitsOf(d.sourceAmount, 'sourceAmount');
        const net = unitsOf(d.destinationAmount, 'destinationAmount');
        const fee = unitsOf(d.fee, 'fee');
        source.posted -= paid;
        destination.posted += net;
        this.house(source.asset, paid);
        this.house(destination.asset, -net);
        this.row(key, d.fromTransactionsId, source.id, -paid, 'ForeignExchange');
        this.row(key, d.toTransactionsId, destination.id, net + fee, 'ForeignExchange');
        if (fee > 0n) this.row(key, d.feeTransactionId, destination.id, -fee, 'Fee');
      },
    });
    if (rng.chance(0.25)) await Promise.all([this.ctx.execute(execute(true)), this.ctx.execute(execute(true))]);
    else await this.ctx.execute(execute(false));
  }
}
