import type { Kysely } from 'kysely';
import { dateRange } from '../accounts/index.js';
import { findCustomerInScope, type CustomerRow } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { placeHolds, systemAccount, unitsFromColumn, unitsToColumn } from '../ledger/index.js';
import {
  attachQuote,
  checkTradeLimits,
  claimQuote,
  customerAccount,
  cryptoTrade,
  findPair,
  insertQuote,
  latestQuoteOfExchange,
  latestQuotesOfExchanges,
  marketPairOf,
  type MarketPair,
  type MarketsService,
  type NewQuote,
  type QuoteRow,
} from '../markets/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { fractionDigitsOf, parseDecimal } from '../shared/decimal.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { say } from '../shared/error-messages.js';
import { numberOfPages, pageOffset, type Page, type PageRequest } from '../shared/paging.js';
import { emitExchangeStatus, type PairDigits } from './callbacks.js';
import type { BuyBody, ExchangeStatus, ExchangeType, ExchangeView, ListExchangesQuery, QuantityType, QuoteBody, QuoteView, SellBody } from './contract.js';
import { executeExchange, releaseExchange, type ExecutionContext } from './exchange-execution.js';
import { exchangeView, quoteView } from './exchange-views.js';
import { countExchanges, findExchange, findExchangeInScope, insertExchange, listExchanges, transitionExchange, type ExchangeRow } from './exchanges-repository.js';

export interface ExchangesSettings {
  readonly exchangeQuoteTtlSeconds: number;
  readonly accountsPerCustomerMax: number;
  readonly exchangeApprovalAbove: Readonly<Record<string, string>>;
}

/**
 * The seam for screening (the RFI module): called for each trade about to execute (a new buy, a
 * confirmed sell), inside its transaction. `rfi` holds the exchange in `AwaitingRfi` with its funds
 * reserved until `releaseFromRfi` or `rejectAfterRfi`. Without a screen every trade is clear.
 */
export type ExchangeScreen = (tx: Kysely<Database>, exchange: ExchangeRow, dateTime: string) => Promise<'clear' | 'rfi'>;

/** A trade request after validation: who, which pair, the amounts at the current price. */
interface PricedTrade {
  readonly customer: CustomerRow;
  readonly pair: MarketPair;
  readonly side: ExchangeType;
  readonly quantityType: QuantityType;
  readonly price: bigint;
  readonly baseAmount: bigint;
  readonly quoteAmount: bigint;
  readonly commission: bigint;
}

const HELD_STATES: readonly ExchangeStatus[] = ['WaitingForApproval', 'AwaitingRfi'];

/** Crypto exchanges: buy and sell crypto against the house at the operator's prices. */
export class ExchangesService {
  private screen: ExchangeScreen | null = null;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly markets: MarketsService,
    private readonly settings: ExchangesSettings,
  ) {}

  /** Installs the screening seam (the RFI module calls this when it is built). */
  setScreen(screen: ExchangeScreen | null): void {
    this.screen = screen;
  }

  private async customer(principalId: number, customersId: number | undefined): Promise<CustomerRow> {
    const customer = await findCustomerInScope(this.database.reader, principalId, customersId ?? principalId);
    if (customer === undefined) throw notFound('CustomersId');
    if (customer.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'CustomersId');
    return customer;
  }

  /** Validates a request and prices it now; nothing is written. */
  private async price(principalId: number, side: ExchangeType, input: BuyBody): Promise<PricedTrade> {
    const customer = await this.customer(principalId, input.CustomersId);
    const pair = await this.markets.tradablePair(input.AssetPair, 'crypto');
    const quantityType = input.QuantityType;
    const field = quantityType === 'Price' && input.Price !== undefined ? 'Price' : 'Amount';
    const requested = quantityType === 'Price' ? (input.Price ?? input.Amount) : input.Amount;
    if (requested === undefined || requested === 0n) throw new DomainError('Required', field);
    const decimals = quantityType === 'Amount' ? pair.baseDecimals : pair.quote.precision;
    const asset = quantityType === 'Amount' ? pair.base.code : pair.quote.code;
    if (requested < 0n) throw DomainError.because('Invalid', field, say.amountNegative(field));
    if (fractionDigitsOf(requested) > decimals)
      throw DomainError.because('Invalid', field, say.amountDecimals(field, fractionDigitsOf(requested), decimals, `${asset} on ${pair.name}`));
    const price = await this.markets.price(pair);
    const trade = cryptoTrade(side, quantityType, requested, price, {
      basePrecision: pair.baseDecimals,
      quotePrecision: pair.quote.precision,
      commissionPercentage: pair.commissionPercentage,
    });
    checkTradeLimits(pair, trade.baseAmount, trade.quoteAmount, field);
    return { customer, pair, side, quantityType, price, ...trade };
  }

  private digits(pair: MarketPair): PairDigits {
    return { base: pair.baseDecimals, quote: pair.quote.precision };
  }

  private quoteDraft(principalId: number, t: PricedTrade, nowMs: number, accounts: { source: number | null; destination: number | null }): NewQuote {
    const buy = t.side === 'Buy';
    return {
      kind: 'crypto',
      principal_customers_id: principalId,
      customers_id: t.customer.id,
      asset_pair: t.pair.name,
      exchange_type: t.side,
      source_asset: buy ? t.pair.quote.code : t.pair.base.code,
      destination_asset: buy ? t.pair.base.code : t.pair.quote.code,
      source_amount: unitsToColumn(buy ? t.quoteAmount : t.baseAmount),
      destination_amount: unitsToColumn(buy ? t.baseAmount : t.quoteAmount),
      base_amount: unitsToColumn(t.baseAmount),
      quote_amount: unitsToColumn(t.quoteAmount),
      price: unitsToColumn(t.price),
      commission_fee: unitsToColumn(t.commission),
      commission_asset: t.pair.quote.code,
      source_accounts_id: accounts.source,
      destination_accounts_id: accounts.destination,
      exchanges_id: null,
      expires_at: isoTimestamp(nowMs + this.settings.exchangeQuoteTtlSeconds * 1000),
      date_added: isoTimestamp(nowMs),
    };
  }

  /** A trade worth more than the operator's threshold for its quote asset waits for approval. */
  private needsApproval(pair: MarketPair, quoteAmount: bigint): boolean {
    const threshold = this.settings.exchangeApprovalAbove[pair.quote.code];
    if (threshold === undefined) return false;
    const parsed = parseDecimal(threshold);
    return parsed.ok && quoteAmount > parsed.units;
  }

  private executionContext(tx: Kysely<Database>, digits: PairDigits, dateTime: string): ExecutionContext {
    return { tx, dialect: this.database.dialect, dateTime, accountsPerCustomerMax: this.settings.accountsPerCustomerMax, digits };
  }

  /** A price for a trade, not binding (buy and sell price again when they are placed). */
  async quote(principalId: number, input: QuoteBody, ctx: WriteContext): Promise<QuoteView> {
    const t = await this.price(principalId, input.ExchangeType, input);
    const nowMs = this.clock.nowMs();
    const digits = this.digits(t.pair);
    return runWrite(this.database, ctx, async (tx) => quoteView(await insertQuote(tx, this.quoteDraft(principalId, t, nowMs, { source: null, destination: null })), digits));
  }

  /** A buy executes at once at the current price, unless it needs the operator's approval or an RFI (its funds are then held). */
  async buy(principalId: number, input: BuyBody, ctx: WriteContext): Promise<ExchangeView> {
    const t = await this.price(principalId, 'Buy', input);
    const source = await customerAccount(this.database.reader, t.customer.id, t.pair.quote.code);
    if (source === undefined) throw new DomainError('Insufficient_Funds', 'Amount');
    const nowMs = this.clock.nowMs();
    const dateTime = isoTimestamp(nowMs);
    const digits = this.digits(t.pair);
    return runWrite(this.database, ctx, async (tx) => {
      const quote = await insertQuote(tx, this.quoteDraft(principalId, t, nowMs, { source: source.id, destination: null }), 'used');
      const row = await insertExchange(tx, this.exchangeDraft(principalId, t, source.id, quote.id, dateTime, 'Pending'));
      await attachQuote(tx, quote.id, row.id);
      const exec = this.executionContext(tx, digits, dateTime);
      const rfi = this.screen === null ? 'clear' : await this.screen(tx, row, dateTime);
      if (rfi === 'rfi' || this.needsApproval(t.pair, t.quoteAmount)) {
        const status = rfi === 'rfi' ? 'AwaitingRfi' : 'WaitingForApproval';
        const held = await this.hold(exec, row, source.id, t.pair.quote.code, -(t.quoteAmount + t.commission), status);
        return exchangeView(held, digits, undefined);
      }
      const done = await executeExchange(exec, row, quote, ['Pending']);
      assert(done !== undefined, 'a new buy executes');
      return exchangeView(done, digits, undefined);
    });
  }

  private exchangeDraft(principalId: number, t: PricedTrade, sourceId: number, quotesId: number, dateTime: string, status: ExchangeStatus) {
    return {
      customers_id: t.customer.id,
      principal_customers_id: principalId,
      exchange_type: t.side,
      status,
      asset_pair: t.pair.name,
      base_asset: t.pair.base.code,
      quote_asset: t.pair.quote.code,
      quantity_type: t.quantityType,
      request_amount: unitsToColumn(t.baseAmount),
      request_price: unitsToColumn(t.quoteAmount),
      executed_amount: null,
      executed_price: null,
      commission_fee: unitsToColumn(t.commission),
      unit_price: unitsToColumn(t.price),
      source_accounts_id: sourceId,
      destination_accounts_id: null,
      from_transactions_id: null,
      to_transactions_id: null,
      fee_transactions_id: null,
      payout_transactions_id: null,
      holds_id: null,
      quotes_id: quotesId,
      payees_id: null,
      transfer_type: null,
      b_has_open_rfi: 0,
      date_added: dateTime,
      date_updated: dateTime,
    };
  }

  /** Reserves a waiting exchange's funds (the ledger refuses more than available) and records its new status. */
  private async hold(exec: ExecutionContext, row: ExchangeRow, accountsId: number, asset: string, amount: bigint, status: ExchangeStatus): Promise<ExchangeRow> {
    const placed = await placeHolds(exec.tx, exec.dialect, [{ accountsId, systemAccount: systemAccount.house(asset), asset, amount, deadline: null }], exec.dateTime, {
      insufficientFundsField: 'Amount',
    });
    const held = await transitionExchange(exec.tx, row.id, [row.status as ExchangeStatus], {
      status,
      holds_id: placed.holdIds[0] ?? null,
      b_has_open_rfi: status === 'AwaitingRfi' ? 1 : 0,
      date_updated: exec.dateTime,
    });
    assert(held !== undefined, 'a new exchange is held');
    await emitExchangeStatus(exec.tx, held, exec.digits, exec.dateTime);
    return held;
  }

  /** A sell holds the sold amount and waits for confirmation within its quote's life. */
  async sell(principalId: number, input: SellBody, ctx: WriteContext): Promise<ExchangeView> {
    // Reach first: another principal's payee is not found, whatever else the request says.
    if (input.PayeesId !== undefined) await this.payeeInScope(principalId, input.PayeesId);
    const t = await this.price(principalId, 'Sell', input);
    const db = this.database.reader;
    const source = await customerAccount(db, t.customer.id, t.pair.base.code);
    if (source === undefined) throw new DomainError('Insufficient_Funds', 'Amount');
    const payee = input.PayeesId === undefined ? undefined : await this.payee(t, input.PayeesId);
    const nowMs = this.clock.nowMs();
    const dateTime = isoTimestamp(nowMs);
    const digits = this.digits(t.pair);
    return runWrite(this.database, ctx, async (tx) => {
      const quote = await insertQuote(tx, this.quoteDraft(principalId, t, nowMs, { source: source.id, destination: null }));
      const draft = { ...this.exchangeDraft(principalId, t, source.id, quote.id, dateTime, 'Pending'), payees_id: payee?.id ?? null, transfer_type: payee?.transferType ?? null };
      const row = await insertExchange(tx, draft);
      await attachQuote(tx, quote.id, row.id);
      const held = await this.hold(this.executionContext(tx, digits, dateTime), row, source.id, t.pair.base.code, -t.baseAmount, 'WaitingForConfirmation');
      return exchangeView(held, digits, { ...quote, exchanges_id: row.id });
    });
  }

  private async payeeInScope(principalId: number, payeesId: number): Promise<void> {
    const payee = await this.database.reader.selectFrom('payees').select(['id', 'customers_id']).where('id', '=', payeesId).executeTakeFirst();
    if (payee === undefined || (await findCustomerInScope(this.database.reader, principalId, payee.customers_id)) === undefined) throw notFound('PayeesId');
  }

  /** The customer's saved bank payee, for a sell whose quote asset is a fiat currency. */
  private async payee(t: PricedTrade, payeesId: number): Promise<{ id: number; transferType: string }> {
    if (t.pair.quote.asset_class !== 'Currency') throw new DomainError('Invalid', 'PayeesId');
    const payee = await this.database.reader
      .selectFrom('payees')
      .select(['id', 'transfer_type'])
      .where('id', '=', payeesId)
      .where('customers_id', '=', t.customer.id)
      .where('b_deleted', '=', 0)
      .executeTakeFirst();
    if (payee === undefined) throw new DomainError('Invalid', 'PayeesId');
    return { id: payee.id, transferType: payee.transfer_type === 'WIRE' ? 'Wire' : payee.transfer_type };
  }

  private async exchangeInScope(principalId: number, id: number, fieldName: string): Promise<{ row: ExchangeRow; pair: MarketPair }> {
    const row = await findExchangeInScope(this.database.reader, principalId, id);
    if (row === undefined) throw notFound(fieldName);
    return { row, pair: await this.pairOf(this.database.reader, row) };
  }

  private async pairOf(db: Kysely<Database>, row: ExchangeRow): Promise<MarketPair> {
    const pairRow = await findPair(db, row.asset_pair);
    const pair = pairRow === undefined ? undefined : await marketPairOf(db, pairRow);
    assert(pair !== undefined, `the pair of exchange ${row.id} exists`);
    return pair;
  }

  /** A fresh quote for a waiting sell: its held amount at the current price. */
  async reviewQuote(principalId: number, exchangeId: number): Promise<QuoteView> {
    const { row, pair } = await this.exchangeInScope(principalId, exchangeId, 'ExchangeId');
    if (row.status !== 'WaitingForConfirmation') throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    if (pair.row.b_enabled !== 1) throw new DomainError('Invalid', 'AssetPair');
    const price = await this.markets.price(pair);
    const trade = cryptoTrade('Sell', 'Amount', unitsFromColumn(row.request_amount), price, {
      basePrecision: pair.baseDecimals,
      quotePrecision: pair.quote.precision,
      commissionPercentage: pair.commissionPercentage,
    });
    checkTradeLimits(pair, trade.baseAmount, trade.quoteAmount, 'ExchangeId');
    const customer = await findCustomerInScope(this.database.reader, principalId, row.customers_id);
    assert(customer !== undefined, 'the customer of an exchange in scope is in scope');
    const t: PricedTrade = { customer, pair, side: 'Sell', quantityType: 'Amount', price, ...trade };
    const draft = { ...this.quoteDraft(principalId, t, this.clock.nowMs(), { source: row.source_accounts_id, destination: null }), exchanges_id: row.id };
    const quote = await runWrite(this.database, {}, (tx) => insertQuote(tx, draft));
    return quoteView(quote, this.digits(pair));
  }

  /** Executes a waiting sell at its latest quote (Quote_Expired once that quote's life is over or it was used). */
  async confirmSell(principalId: number, exchangeId: number, ctx: WriteContext): Promise<ExchangeView> {
    const { row, pair } = await this.exchangeInScope(principalId, exchangeId, 'ExchangeId');
    if (row.status !== 'WaitingForConfirmation') throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    const quote = await latestQuoteOfExchange(this.database.reader, row.id);
    assert(quote !== undefined, `waiting sell ${row.id} has a quote`);
    const dateTime = isoTimestamp(this.clock.nowMs());
    const digits = this.digits(pair);
    return runWrite(this.database, ctx, async (tx) => {
      if (!(await claimQuote(tx, quote.id, dateTime))) throw new DomainError('Quote_Expired', 'ExchangeId');
      const exec = this.executionContext(tx, digits, dateTime);
      const rfi = this.screen === null ? 'clear' : await this.screen(tx, row, dateTime);
      if (rfi === 'rfi' || this.needsApproval(pair, unitsFromColumn(quote.quote_amount))) {
        const status = rfi === 'rfi' ? 'AwaitingRfi' : 'WaitingForApproval';
        const waiting = await transitionExchange(tx, row.id, ['WaitingForConfirmation'], {
          status,
          quotes_id: quote.id,
          b_has_open_rfi: status === 'AwaitingRfi' ? 1 : 0,
          date_updated: dateTime,
        });
        if (waiting === undefined) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
        await emitExchangeStatus(tx, waiting, digits, dateTime);
        return exchangeView(waiting, digits, undefined);
      }
      const done = await executeExchange(exec, row, quote, ['WaitingForConfirmation']);
      if (done === undefined) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
      return exchangeView(done, digits, undefined);
    });
  }

  /** Cancels a sell still waiting for confirmation; its hold is released. */
  async cancel(principalId: number, exchangeId: number, ctx: WriteContext): Promise<ExchangeView> {
    const { row, pair } = await this.exchangeInScope(principalId, exchangeId, 'ExchangeId');
    if (row.status !== 'WaitingForConfirmation') throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    const dateTime = isoTimestamp(this.clock.nowMs());
    const digits = this.digits(pair);
    return runWrite(this.database, ctx, async (tx) => {
      const done = await releaseExchange(this.executionContext(tx, digits, dateTime), row, ['WaitingForConfirmation'], 'Cancelled');
      if (done === undefined) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
      return exchangeView(done, digits, undefined);
    });
  }

  async get(principalId: number, id: number): Promise<ExchangeView> {
    const { row, pair } = await this.exchangeInScope(principalId, id, 'Id');
    return exchangeView(row, this.digits(pair), await latestQuoteOfExchange(this.database.reader, row.id));
  }

  async list(principalId: number, query: ListExchangesQuery, page: PageRequest): Promise<Page<ExchangeView>> {
    const db = this.database.reader;
    if (query.CustomersId !== undefined && (await findCustomerInScope(db, principalId, query.CustomersId)) === undefined) throw notFound('CustomersId');
    const range = dateRange(query.FromDate, query.ToDate);
    const filter = { ...(query.CustomersId === undefined ? {} : { customersId: query.CustomersId }), ...(query.Status === undefined ? {} : { status: query.Status }), ...range };
    const rows = await listExchanges(db, principalId, filter, { limit: page.pageSize, offset: pageOffset(page) });
    // Each pair read once, and the waiting sells' quotes in one statement: not three reads per row.
    const pairs = new Map<string, MarketPair>();
    for (const row of rows) if (!pairs.has(row.asset_pair)) pairs.set(row.asset_pair, await this.pairOf(db, row));
    const quotes = await latestQuotesOfExchanges(
      db,
      rows.filter((row) => row.status === 'WaitingForConfirmation').map((row) => row.id),
    );
    const items = rows.map((row) =>
      exchangeView(row, this.digits(pairs.get(row.asset_pair) as MarketPair), row.status === 'WaitingForConfirmation' ? quotes.get(row.id) : undefined),
    );
    const total = await countExchanges(db, principalId, filter);
    return { items, pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(total, page.pageSize) };
  }

  // The operator's decisions and the RFI seam: each in its own transaction, or in the caller's.

  /** The operator approves an exchange waiting for approval: it executes at its quote. */
  approve(exchangeId: number): Promise<ExchangeRow> {
    return this.decide(exchangeId, ['WaitingForApproval'], 'execute');
  }

  /** The operator rejects it: the hold is released. */
  reject(exchangeId: number): Promise<ExchangeRow> {
    return this.decide(exchangeId, ['WaitingForApproval'], 'Rejected');
  }

  private async decide(exchangeId: number, from: readonly ExchangeStatus[], outcome: 'execute' | 'Rejected'): Promise<ExchangeRow> {
    const dateTime = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, {}, async (tx) => {
      const done = outcome === 'execute' ? await this.releaseFromRfiOrApproval(tx, exchangeId, from, dateTime) : await this.endHeld(tx, exchangeId, from, 'Rejected', dateTime);
      return done;
    });
  }

  /** RFI seam: holds a waiting exchange (approval or confirmation) for an information request. */
  async holdForRfi(tx: Kysely<Database>, exchangeId: number, dateTime: string): Promise<ExchangeRow> {
    const row = await this.existing(tx, exchangeId);
    if (row.holds_id === null) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    const moved = await transitionExchange(tx, exchangeId, ['WaitingForApproval', 'WaitingForConfirmation'], { status: 'AwaitingRfi', b_has_open_rfi: 1, date_updated: dateTime });
    if (moved === undefined) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    await emitExchangeStatus(tx, moved, this.digits(await this.pairOf(tx, moved)), dateTime);
    return moved;
  }

  /** RFI seam: the request was accepted; the exchange executes at its quote. */
  releaseFromRfi(tx: Kysely<Database>, exchangeId: number, dateTime: string): Promise<ExchangeRow> {
    return this.releaseFromRfiOrApproval(tx, exchangeId, ['AwaitingRfi'], dateTime);
  }

  /** RFI seam: the request was rejected (or expired); the exchange is Rejected and its hold released. */
  rejectAfterRfi(tx: Kysely<Database>, exchangeId: number, dateTime: string): Promise<ExchangeRow> {
    return this.endHeld(tx, exchangeId, ['AwaitingRfi'], 'Rejected', dateTime);
  }

  private async existing(tx: Kysely<Database>, exchangeId: number): Promise<ExchangeRow> {
    const row = await findExchange(tx, exchangeId);
    if (row === undefined) throw notFound('ExchangeId');
    return row;
  }

  private async releaseFromRfiOrApproval(tx: Kysely<Database>, exchangeId: number, from: readonly ExchangeStatus[], dateTime: string): Promise<ExchangeRow> {
    const row = await this.existing(tx, exchangeId);
    if (!from.includes(row.status as ExchangeStatus) || !HELD_STATES.includes(row.status as ExchangeStatus)) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    const quote = await tx
      .selectFrom('trade_quotes')
      .selectAll()
      .where('id', '=', row.quotes_id ?? 0)
      .executeTakeFirst();
    assert(quote !== undefined, `exchange ${row.id} has its quote`);
    const done = await executeExchange(this.executionContext(tx, this.digits(await this.pairOf(tx, row)), dateTime), row, quote satisfies QuoteRow, from);
    if (done === undefined) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    return done;
  }

  private async endHeld(tx: Kysely<Database>, exchangeId: number, from: readonly ExchangeStatus[], status: 'Rejected', dateTime: string): Promise<ExchangeRow> {
    const row = await this.existing(tx, exchangeId);
    const done = await releaseExchange(this.executionContext(tx, this.digits(await this.pairOf(tx, row)), dateTime), row, from, status);
    if (done === undefined) throw new DomainError('Exchange_Not_Waiting', 'ExchangeId');
    return done;
  }
}
