import type { Kysely, Selectable } from 'kysely';
import { findAsset, type AccountRow, type AssetRow } from '../accounts/index.js';
import { findCustomerInScope, type CustomerRow } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database, FxExchangesTable } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { apiBalances, unitsFromColumn, unitsToColumn } from '../ledger/index.js';
import {
  checkTradeLimits,
  claimQuote,
  customerAccount,
  ensureAccount,
  findPairBetween,
  findQuote,
  fxConversion,
  insertQuote,
  marketPairOf,
  settleTrade,
  type MarketPair,
  type MarketsService,
  type QuoteRow,
} from '../markets/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { formatCanonical, fractionDigitsOf } from '../shared/decimal.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { say } from '../shared/error-messages.js';
import { RawJson } from '../shared/exact-json.js';
import { numberOfPages, pageOffset, type Page, type PageRequest } from '../shared/paging.js';
import type { AccountDetails, AccountDetailsQuery, FxExchangeView, FxListQuery, FxQuote, FxQuoteBody } from './contract.js';

export interface FxSettings {
  readonly fxQuoteTtlSeconds: number;
  readonly accountsPerCustomerMax: number;
}

type FxRow = Selectable<FxExchangesTable>;

const money = (units: bigint, digits: number) => decimalLiteral(units, digits);
const rate = (text: string) => new RawJson(formatCanonical(unitsFromColumn(text)));

/** Foreign exchange: fiat to fiat against the house, by a binding quote executed within its life. */
export class FxService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly markets: MarketsService,
    private readonly settings: FxSettings,
  ) {}

  private async customer(principalId: number, input: { CustomerId?: number | undefined; CustomersId?: number | undefined }, requireKyc: boolean): Promise<CustomerRow> {
    const field = input.CustomerId !== undefined ? 'CustomerId' : 'CustomersId';
    const customer = await findCustomerInScope(this.database.reader, principalId, input.CustomerId ?? input.CustomersId ?? principalId);
    if (customer === undefined) throw notFound(field);
    if (requireKyc && customer.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', field);
    return customer;
  }

  /** Two fiat currencies with an enabled FX pair between them; crypto, unknown or disabled: Invalid. */
  private async currencies(source: string, destination: string): Promise<{ from: AssetRow; to: AssetRow; pair: MarketPair }> {
    const db = this.database.reader;
    const from = await findAsset(db, source.trim());
    if (from === undefined || from.asset_class !== 'Currency' || from.b_enabled !== 1) throw new DomainError('Invalid', 'SourceCurrency');
    const to = await findAsset(db, destination.trim());
    if (to === undefined || to.asset_class !== 'Currency' || to.b_enabled !== 1 || to.code === from.code) throw new DomainError('Invalid', 'DestinationCurrency');
    const row = await findPairBetween(db, from.code, to.code);
    const pair = row === undefined || row.kind !== 'fx' || row.b_enabled !== 1 ? undefined : await marketPairOf(db, row);
    if (pair === undefined) throw new DomainError('Invalid', 'DestinationCurrency');
    return { from, to, pair };
  }

  async accountDetails(principalId: number, query: AccountDetailsQuery): Promise<AccountDetails> {
    const customer = await this.customer(principalId, query, false);
    const { from, to } = await this.currencies(query.SourceCurrency, query.DestinationCurrency);
    const accounts = async (asset: string) => {
      const rows = await this.database.reader
        .selectFrom('accounts as a')
        .innerJoin('ledger_balances as b', 'b.accounts_id', 'a.id')
        .select(['a.id', 'a.name', 'a.asset', 'b.posted', 'b.pending_in', 'b.pending_out'])
        .where('a.customers_id', '=', customer.id)
        .where('a.asset', '=', asset)
        .where('a.b_suppressed', '=', 0)
        .orderBy('a.id')
        .execute();
      const digits = asset === from.code ? from.precision : to.precision;
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        asset: r.asset,
        availableBalance: money(
          apiBalances({ posted: unitsFromColumn(r.posted), pendingIn: unitsFromColumn(r.pending_in), pendingOut: unitsFromColumn(r.pending_out) }).availableBalance,
          digits,
        ),
      }));
    };
    return {
      customersId: customer.id,
      assetExchangeType: query.AssetExchangeType ?? 'Sell',
      sourceAccounts: await accounts(from.code),
      destinationAccounts: await accounts(to.code),
    };
  }

  private async accountInScope(principalId: number, id: number, field: string): Promise<AccountRow> {
    const account = await this.database.reader.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (account === undefined || (await findCustomerInScope(this.database.reader, principalId, account.customers_id)) === undefined) throw notFound(field);
    return account;
  }

  private async ownAccount(principalId: number, customer: CustomerRow, id: number | undefined, asset: AssetRow, field: string): Promise<AccountRow | undefined> {
    if (id === undefined) return customerAccount(this.database.reader, customer.id, asset.code);
    const account = await this.accountInScope(principalId, id, field);
    if (account.customers_id !== customer.id || account.asset !== asset.code || account.b_suppressed !== 0) throw new DomainError('Invalid', field);
    return account;
  }

  /** A binding quote for FX_QUOTE_TTL_SECONDS. */
  async quote(principalId: number, input: FxQuoteBody, ctx: WriteContext): Promise<FxQuote> {
    const customer = await this.customer(principalId, input, true);
    // Reach first: another principal's account is not found, whatever else the request says.
    for (const [id, field] of [
      [input.SourceAccountId, 'SourceAccountId'],
      [input.DestinationAccountId, 'DestinationAccountId'],
    ] as const)
      if (id !== undefined) await this.accountInScope(principalId, id, field);
    const { from, to, pair } = await this.currencies(input.SourceCurrency, input.DestinationCurrency);
    if (input.SourceAmount !== undefined && input.DestinationAmount !== undefined) throw new DomainError('Invalid', 'DestinationAmount');
    const given = input.SourceAmount ?? input.DestinationAmount;
    const field = input.SourceAmount !== undefined ? 'SourceAmount' : 'DestinationAmount';
    if (given === undefined || given === 0n) throw new DomainError('Required', input.DestinationAmount === undefined ? 'SourceAmount' : 'DestinationAmount');
    const asset = field === 'SourceAmount' ? from : to;
    const decimalsMax = Math.min(asset.precision, pair.row.max_decimal_precision);
    if (given < 0n) throw DomainError.because('Invalid', field, say.amountNegative(field));
    if (fractionDigitsOf(given) > decimalsMax) throw DomainError.because('Invalid', field, say.amountDecimals(field, fractionDigitsOf(given), decimalsMax, asset.code));
    const source = await this.ownAccount(principalId, customer, input.SourceAccountId, from, 'SourceAccountId');
    if (source === undefined) throw new DomainError('Insufficient_Funds', field);
    const destination = await this.ownAccount(principalId, customer, input.DestinationAccountId, to, 'DestinationAccountId');
    const price = await this.markets.price(pair);
    const sourceIsBase = pair.base.code === from.code;
    const c = fxConversion(field === 'SourceAmount' ? { source: given } : { destination: given }, price, sourceIsBase, from.precision, to.precision, pair.commissionPercentage);
    if (c.destinationAmount <= 0n) throw new DomainError('Trade_Amount_Out_Of_Range', field);
    checkTradeLimits(pair, sourceIsBase ? c.sourceAmount : c.grossAmount, sourceIsBase ? c.grossAmount : c.sourceAmount, field);
    const nowMs = this.clock.nowMs();
    return runWrite(this.database, ctx, async (tx) => {
      const row = await insertQuote(tx, {
        kind: 'fx',
        principal_customers_id: principalId,
        customers_id: customer.id,
        asset_pair: pair.name,
        exchange_type: sourceIsBase ? 'Sell' : 'Buy',
        source_asset: from.code,
        destination_asset: to.code,
        source_amount: unitsToColumn(c.sourceAmount),
        destination_amount: unitsToColumn(c.grossAmount),
        base_amount: unitsToColumn(sourceIsBase ? c.sourceAmount : c.grossAmount),
        quote_amount: unitsToColumn(sourceIsBase ? c.grossAmount : c.sourceAmount),
        price: unitsToColumn(price),
        commission_fee: unitsToColumn(c.fee),
        commission_asset: to.code,
        source_accounts_id: source.id,
        destination_accounts_id: destination?.id ?? null,
        exchanges_id: null,
        expires_at: isoTimestamp(nowMs + this.settings.fxQuoteTtlSeconds * 1000),
        date_added: isoTimestamp(nowMs),
      });
      return this.quoteView(row, from.precision, to.precision);
    });
  }

  private quoteView(q: QuoteRow, fromDigits: number, toDigits: number): FxQuote {
    const fee = unitsFromColumn(q.commission_fee);
    return {
      id: q.id,
      customersId: q.customers_id,
      customerId: q.customers_id,
      assetPair: q.asset_pair,
      sourceAsset: q.source_asset,
      destinationAsset: q.destination_asset,
      sourceAmount: money(unitsFromColumn(q.source_amount), fromDigits),
      destinationAmount: money(unitsFromColumn(q.destination_amount) - fee, toDigits),
      rate: rate(q.price),
      fee: money(fee, toDigits),
      sourceAccountId: q.source_accounts_id ?? 0,
      destinationAccountId: q.destination_accounts_id,
      expiresAt: q.expires_at,
    };
  }

  /** Executes a quote once, within its life: one journal, two linked transactions and a fee transaction. */
  async execute(principalId: number, quoteId: number, ctx: WriteContext): Promise<FxExchangeView> {
    const db = this.database.reader;
    const quote = await findQuote(db, principalId, quoteId, 'fx');
    if (quote === undefined) throw notFound('QuoteId');
    const [from, to] = await Promise.all([findAsset(db, quote.source_asset), findAsset(db, quote.destination_asset)]);
    assert(from !== undefined && to !== undefined && quote.source_accounts_id !== null, 'an FX quote names its assets and source account');
    const dateTime = isoTimestamp(this.clock.nowMs());
    const dialect = this.database.dialect;
    return runWrite(this.database, ctx, async (tx) => {
      if (!(await claimQuote(tx, quote.id, dateTime))) throw new DomainError('Quote_Expired', 'QuoteId');
      const source = await tx
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', quote.source_accounts_id as number)
        .executeTakeFirstOrThrow();
      const destination =
        quote.destination_accounts_id === null
          ? await ensureAccount(tx, this.database.dialect, quote.customers_id, to, this.settings.accountsPerCustomerMax, dateTime)
          : await tx.selectFrom('accounts').selectAll().where('id', '=', quote.destination_accounts_id).executeTakeFirstOrThrow();
      const fee = unitsFromColumn(quote.commission_fee);
      const text = (t: string) => formatCanonical(unitsFromColumn(t));
      const settled = await settleTrade(tx, dialect, {
        source: { account: source, amount: unitsFromColumn(quote.source_amount) },
        destination: { account: destination, amount: unitsFromColumn(quote.destination_amount) },
        commission: { amount: fee, onSource: false },
        description: `FX ${text(quote.source_amount)} ${quote.source_asset} to ${quote.destination_asset} at ${text(quote.price)} (quote ${quote.id})`,
        transactionType: 'ForeignExchange',
        rail: 'FX',
        dateTime,
        insufficientFundsField: 'QuoteId',
        details: (ids) => ({
          assetExchangeId: quote.id,
          assetExchangeType: 'FX',
          customerId: quote.customers_id,
          assetExchangeStatus: 'Completed',
          ...ids,
          fromAsset: quote.source_asset,
          toAsset: quote.destination_asset,
          fromAssetClass: 'Currency',
          toAssetClass: 'Currency',
          fromAssetRequestedAmount: text(quote.source_amount),
          toAssetRequestedAmount: text(quote.destination_amount),
          toAssetExecutedAmount: text(quote.destination_amount),
          executedPrice: text(quote.price),
          commissionFee: formatCanonical(fee),
          payeesId: null,
          fromCustomerAssetAccountId: source.id,
          toCustomerAssetAccountId: destination.id,
        }),
      });
      const row = await insertFxExchange(tx, {
        quotes_id: quote.id,
        customers_id: quote.customers_id,
        principal_customers_id: principalId,
        source_asset: quote.source_asset,
        destination_asset: quote.destination_asset,
        source_amount: quote.source_amount,
        destination_amount: unitsToColumn(unitsFromColumn(quote.destination_amount) - fee),
        rate: quote.price,
        fee: quote.commission_fee,
        source_accounts_id: source.id,
        destination_accounts_id: destination.id,
        from_transactions_id: settled.fromTransactionsId,
        to_transactions_id: settled.toTransactionsId,
        fee_transactions_id: settled.feeTransactionId,
        date_added: dateTime,
      });
      return fxView(row, from.precision, to.precision);
    });
  }

  async list(principalId: number, query: FxListQuery, page: PageRequest): Promise<Page<FxExchangeView>> {
    const db = this.database.reader;
    const customersId = query.CustomerId ?? query.CustomersId;
    if (customersId !== undefined && (await findCustomerInScope(db, principalId, customersId)) === undefined)
      throw notFound(query.CustomerId !== undefined ? 'CustomerId' : 'CustomersId');
    let q = db.selectFrom('fx_exchanges').where('principal_customers_id', '=', principalId);
    if (customersId !== undefined) q = q.where('customers_id', '=', customersId);
    const rows = await q.selectAll().orderBy('id', 'desc').limit(page.pageSize).offset(pageOffset(page)).execute();
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const items: FxExchangeView[] = [];
    for (const r of rows) {
      const [from, to] = await Promise.all([findAsset(db, r.source_asset), findAsset(db, r.destination_asset)]);
      items.push(fxView(r, from?.precision ?? 2, to?.precision ?? 2));
    }
    return { items, pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(total, page.pageSize) };
  }
}

function insertFxExchange(tx: Kysely<Database>, row: Omit<FxRow, 'id'>): Promise<FxRow> {
  return tx.insertInto('fx_exchanges').values(row).returningAll().executeTakeFirstOrThrow();
}

function fxView(r: FxRow, fromDigits: number, toDigits: number): FxExchangeView {
  return {
    id: r.id,
    quoteId: r.quotes_id,
    customersId: r.customers_id,
    customerId: r.customers_id,
    sourceAsset: r.source_asset,
    destinationAsset: r.destination_asset,
    sourceAmount: money(unitsFromColumn(r.source_amount), fromDigits),
    destinationAmount: money(unitsFromColumn(r.destination_amount), toDigits),
    rate: rate(r.rate),
    fee: money(unitsFromColumn(r.fee), toDigits),
    sourceAccountId: r.source_accounts_id,
    destinationAccountId: r.destination_accounts_id,
    fromTransactionsId: r.from_transactions_id,
    toTransactionsId: r.to_transactions_id,
    feeTransactionId: r.fee_transactions_id,
    dateTime: r.date_added,
  };
}
