import type { Kysely } from 'kysely';
import { enqueueTargetedCallback } from '../callbacks/index.js';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { stringifyExact } from '../shared/exact-json.js';
import type { OrderRow } from './orders-repository.js';

export const QUICKBUY_SIGNATURE_HEADER = 'Quickbuy-Signature';
export const QUICKBUY_SECRET_SOURCE = 'quickbuy-key';

/** QuickBuy's timestamps as its callbacks show them: ISO 8601 in UTC with `Z`. */
export const zulu = (iso: string | null): string | null => (iso === null ? null : new Date(Date.parse(iso)).toISOString());

const amount = (column: string | null, digits: number) => (column === null ? null : decimalLiteral(unitsFromColumn(column), digits));

/**
 * The documented bodies (QBP-CAP, QBP-XFR): `CAPTURED` once the card payment is captured,
 * `COMPLETED` once the crypto is delivered (with `crypto.txHash` and `DateTransfered`, sic).
 */
export function callbackBody(order: OrderRow, status: 'CAPTURED' | 'COMPLETED', digits: { fiat: number; crypto: number }): string {
  const client = JSON.parse(order.client_json) as { email?: string };
  return stringifyExact({
    OrderID: order.id,
    status,
    client: { UserReference: order.client_reference, email: client.email ?? null },
    fiat: { amount: amount(order.fiat_amount, digits.fiat), currency: order.fiat_currency, PaymentCardLast4Digits: order.card_last4 },
    crypto: { asset: order.crypto_asset, amount: amount(order.crypto_amount, digits.crypto), ...(status === 'COMPLETED' ? { txHash: order.tx_hash } : {}) },
    DateCreated: zulu(order.date_created),
    DateCaptured: zulu(order.date_captured),
    ...(status === 'COMPLETED' ? { DateTransfered: zulu(order.date_transferred) } : {}),
  });
}

/** Queues the callback in the step's own transaction when the order's key has a callback URL. */
export async function emitOrderCallback(
  tx: Kysely<Database>,
  order: OrderRow,
  status: 'CAPTURED' | 'COMPLETED',
  digits: { fiat: number; crypto: number },
  nowIso: string,
): Promise<void> {
  if (order.api_keys_id === null) return;
  const key = await tx.selectFrom('quickbuy_api_keys').select(['callback_url']).where('id', '=', order.api_keys_id).executeTakeFirst();
  if (key?.callback_url === null || key?.callback_url === undefined) return;
  await enqueueTargetedCallback(tx, {
    principalCustomersId: order.principal_customers_id,
    type: status === 'CAPTURED' ? 'QUICKBUY_CAPTURED' : 'QUICKBUY_COMPLETED',
    body: callbackBody(order, status, digits),
    targetUrl: key.callback_url,
    signatureHeader: QUICKBUY_SIGNATURE_HEADER,
    secretSource: QUICKBUY_SECRET_SOURCE,
    secretRef: order.api_keys_id,
    dateCreated: nowIso,
  });
}
