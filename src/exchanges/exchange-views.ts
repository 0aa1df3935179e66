import type { QuoteRow } from '../markets/index.js';
import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { formatCanonical } from '../shared/decimal.js';
import { RawJson } from '../shared/exact-json.js';
import type { PairDigits } from './callbacks.js';
import type { ExchangeStatus, ExchangeType, ExchangeView, QuantityType, QuoteView } from './contract.js';
import type { ExchangeRow } from './exchanges-repository.js';

const money = (text: string, digits: number) => decimalLiteral(unitsFromColumn(text), digits);
/** Prices may carry more decimals than the quote asset (the operator's price table allows 18). */
const rate = (text: string) => new RawJson(formatCanonical(unitsFromColumn(text)));

export function quoteView(q: QuoteRow, digits: PairDigits): QuoteView {
  return {
    quoteId: q.id,
    assetPair: q.asset_pair,
    exchangeType: q.exchange_type,
    price: rate(q.price),
    amount: money(q.base_amount, digits.base),
    total: money(q.quote_amount, digits.quote),
    commissionFee: money(q.commission_fee, digits.quote),
    expiresAt: q.expires_at,
  };
}

/** The exchange object (documented fields first); a waiting sell carries its current quote. */
export function exchangeView(row: ExchangeRow, digits: PairDigits, quote: QuoteRow | undefined): ExchangeView {
  return {
    id: row.id,
    exchangeType: row.exchange_type as ExchangeType,
    status: row.status as ExchangeStatus,
    fromTransactionsId: row.from_transactions_id,
    toTransactionsId: row.to_transactions_id,
    feeTransactionsId: row.fee_transactions_id,
    customersId: row.customers_id,
    assetPair: row.asset_pair,
    quantityType: row.quantity_type as QuantityType,
    requestAmount: money(row.request_amount, digits.base),
    requestPrice: money(row.request_price, digits.quote),
    executedAmount: row.executed_amount === null ? null : money(row.executed_amount, digits.base),
    executedPrice: row.executed_price === null ? null : money(row.executed_price, digits.quote),
    commissionFee: money(row.commission_fee, digits.quote),
    rate: rate(row.unit_price),
    payeesId: row.payees_id,
    transferType: row.transfer_type,
    payoutTransactionsId: row.payout_transactions_id,
    bHasOpenRfi: row.b_has_open_rfi === 1,
    fromCustomerAssetAccountId: row.source_accounts_id,
    toCustomerAssetAccountId: row.destination_accounts_id,
    quote: row.status === 'WaitingForConfirmation' && quote !== undefined ? quoteView(quote, digits) : null,
    dateAdded: row.date_added,
    dateUpdated: row.date_updated,
  };
}
