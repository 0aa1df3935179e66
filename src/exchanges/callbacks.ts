import type { Kysely } from 'kysely';
import { enqueueCallback } from '../callbacks/index.js';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import type { ExchangeRow } from './exchanges-repository.js';

/** Decimal places of the two assets of an exchange's pair. */
export interface PairDigits {
  readonly base: number;
  readonly quote: number;
}

const amount = (text: string | null, digits: number) => (text === null ? null : decimalLiteral(unitsFromColumn(text), digits));

/**
 * EXCHANGE_STATUS_UPDATED (spec §5) with the documented fields, PascalCase; `ExchangeType` as text
 * (`Buy`/`Sell`, the API's spelling; the docs' example shows 0). `ManageesId` is the customer when it
 * is a managee, else null; `CustomersId` is ours.
 */
export function exchangeStatusUpdated(row: ExchangeRow, digits: PairDigits): Record<string, unknown> {
  return {
    Id: row.id,
    ExchangeType: row.exchange_type,
    Status: row.status,
    FromTransactionsId: row.from_transactions_id,
    ToTransactionsId: row.to_transactions_id,
    CustomersId: row.customers_id,
    ManageesId: row.customers_id === row.principal_customers_id ? null : row.customers_id,
    AssetPair: row.asset_pair,
    RequestAmount: amount(row.request_amount, digits.base),
    RequestPrice: amount(row.request_price, digits.quote),
    ExecutedAmount: amount(row.executed_amount, digits.base),
    ExecutedPrice: amount(row.executed_price, digits.quote),
    CommissionFee: amount(row.commission_fee, digits.quote),
    PayeesId: row.payees_id,
    TransferType: row.transfer_type,
    bHasOpenRfi: row.b_has_open_rfi === 1,
    FromCustomerAssetAccountId: row.source_accounts_id,
    ToCustomerAssetAccountId: row.destination_accounts_id,
  };
}

/** Every status change of an exchange writes its callback to the outbox, in the change's transaction. */
export async function emitExchangeStatus(tx: Kysely<Database>, row: ExchangeRow, digits: PairDigits, now: string): Promise<void> {
  await enqueueCallback(tx, { customersId: row.customers_id, type: 'EXCHANGE_STATUS_UPDATED', data: exchangeStatusUpdated(row, digits), dateCreated: now });
}
