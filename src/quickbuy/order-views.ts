import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { formatCanonical } from '../shared/decimal.js';
import { RawJson } from '../shared/exact-json.js';
import { stateOf, type OrderRow } from './orders-repository.js';
import { zulu } from './quickbuy-callbacks.js';

export interface Digits {
  readonly fiat: number;
  readonly crypto: number;
}

const money = (column: string | null, digits: number): RawJson | null => (column === null ? null : decimalLiteral(unitsFromColumn(column), digits));

export const paymentUrl = (baseUrl: string, orderId: string) => `${baseUrl}/quickbuy/pay/${orderId}`;

/** An order as QuickBuy Pro's get and list answer it (documented fields first, then ours). */
export function proOrderView(row: OrderRow, nowIso: string, digits: Digits, baseUrl: string) {
  const client = JSON.parse(row.client_json) as Record<string, string | undefined>;
  return {
    id: row.id,
    status: stateOf(row, nowIso),
    client: { UserReference: row.client_reference, first: client.first ?? null, last: client.last ?? null, email: client.email ?? null, phone: client.phone ?? null },
    fiat: { amount: money(row.fiat_amount, digits.fiat), currency: row.fiat_currency, PaymentCardLast4Digits: row.card_last4 },
    crypto: { asset: row.crypto_asset, amount: money(row.crypto_amount, digits.crypto), txHash: row.tx_hash },
    PaymentURL: paymentUrl(baseUrl, row.id),
    redirectURL: row.redirect_url,
    DateCreated: zulu(row.date_created),
    DateExpires: zulu(row.date_expires),
    DateCaptured: zulu(row.date_captured),
    DateTransfered: zulu(row.date_transferred),
  };
}

/** An order as the Quick Buy API's submit, list and get answer it. */
export function apiOrderView(row: OrderRow, nowIso: string, digits: Digits) {
  return {
    id: row.id,
    customersId: Number(row.customers_id),
    source: row.source,
    status: stateOf(row, nowIso),
    assetPair: row.asset_pair,
    fiatAmount: money(row.fiat_amount, digits.fiat),
    fiatCurrency: row.fiat_currency,
    cryptoAsset: row.crypto_asset,
    cryptoAmount: money(row.crypto_amount, digits.crypto),
    price: row.price === null ? null : new RawJson(formatCanonical(unitsFromColumn(row.price))),
    commissionFee: money(row.commission, digits.fiat),
    cardLast4: row.card_last4,
    cardId: row.cards_id === null ? null : Number(row.cards_id),
    chargeTransactionId: row.charge_transactions_id === null ? null : Number(row.charge_transactions_id),
    deliveryTransactionId: row.delivery_transactions_id === null ? null : Number(row.delivery_transactions_id),
    txHash: row.tx_hash,
    dateCreated: row.date_created,
    datePaid: row.date_paid,
    dateCaptured: row.date_captured,
    dateTransferred: row.date_transferred,
  };
}
