import type { TransactionRow } from './transaction-rows.js';
import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { RawJson } from '../shared/exact-json.js';
import type { AssetRow } from './assets-repository.js';

/** Rail details kept with a transaction, one sub-object per kind, named as the detail view names them. */
export interface TransactionDetails {
  achTransferDetails?: Record<string, unknown>;
  wireTransferDetails?: Record<string, unknown>;
  externalTransferDetails?: Record<string, unknown>;
  walletTransferDetails?: Record<string, unknown>;
  internalTransferDetails?: Record<string, unknown>;
  bookTransferDetails?: Record<string, unknown>;
  assetExchangeTransferDetails?: Record<string, unknown>;
}

const FIAT_RAILS = new Set(['ACH', 'WIRE', 'SWIFT']);

/** The amounts of an exchange's details, kept as exact decimal text, written as number literals (as Ibanera's example does). */
const EXCHANGE_AMOUNT_FIELDS = [
  'requestAmount',
  'requestPrice',
  'executedAmount',
  'executedPrice',
  'fromAssetRequestedAmount',
  'toAssetRequestedAmount',
  'toAssetExecutedAmount',
  'commissionFee',
] as const;
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function exchangeDetailsView(details: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (details === undefined) return null;
  const out: Record<string, unknown> = { ...details };
  for (const field of EXCHANGE_AMOUNT_FIELDS) {
    const value = out[field];
    if (typeof value === 'string' && DECIMAL_TEXT.test(value)) out[field] = new RawJson(value);
  }
  return out;
}

export function parseDetails(row: TransactionRow): TransactionDetails {
  return JSON.parse(row.details_json) as TransactionDetails;
}

/** Pending outbound fiat transfers can be cancelled (issue #6 adds the endpoint); nothing else can. */
export function isCancellable(row: TransactionRow): boolean {
  return row.status === 'Pending' && row.direction === 'Outbound' && FIAT_RAILS.has(row.rail);
}

/** A completed inbound bank deposit that has not been returned may be reversed. */
export function isEligibleForReversal(row: TransactionRow): boolean {
  return row.status === 'Completed' && row.direction === 'Inbound' && row.transaction_type === 'Deposit' && FIAT_RAILS.has(row.rail) && row.rollback_transaction_id === null;
}

export function transactionListItemView(row: TransactionRow, digits: number) {
  return {
    id: row.id,
    accountsId: row.accounts_id,
    fromTransactionsId: row.from_transactions_id,
    fromAccountsId: row.from_accounts_id,
    toTransactionsId: row.to_transactions_id,
    toAccountsId: row.to_accounts_id,
    amount: decimalLiteral(unitsFromColumn(row.amount), digits),
    description: row.description,
    dateTime: row.date_time,
    bPending: row.status === 'Pending',
    bCancellable: isCancellable(row),
  };
}

/** The full detail object: the schema's superset, with the sub-object that fits filled in, the rest null. */
export function transactionDetailView(row: TransactionRow, asset: AssetRow | undefined, fee: TransactionRow | undefined) {
  const digits = asset?.precision ?? 18;
  const details = parseDetails(row);
  return {
    transactionId: row.id,
    customerId: row.customers_id,
    assetAccountId: row.accounts_id,
    assetClass: asset?.asset_class ?? 'Currency',
    asset: row.asset,
    amount: decimalLiteral(unitsFromColumn(row.amount), digits),
    description: row.description,
    timestamp: row.date_time,
    transactionStatus: row.status,
    rollbackTransactionId: row.rollback_transaction_id,
    originalTransactionId: row.original_transaction_id,
    transactionType: row.transaction_type,
    feeTransactionId: row.fee_transaction_id,
    feeTransactionAmount: fee === undefined ? null : decimalLiteral(unitsFromColumn(fee.amount), digits),
    bEligibleForReversal: isEligibleForReversal(row),
    assetExchangeTransferDetails: exchangeDetailsView(details.assetExchangeTransferDetails),
    achTransferDetails: details.achTransferDetails ?? null,
    wireTransferDetails: details.wireTransferDetails ?? null,
    bookTransferDetails: details.bookTransferDetails ?? null,
    internalTransferDetails: details.internalTransferDetails ?? null,
    walletTransferDetails: details.walletTransferDetails ?? null,
    externalTransferDetails:
      details.externalTransferDetails === undefined
        ? null
        : { ...details.externalTransferDetails, completedAt: details.externalTransferDetails.completedAt ?? (row.status === 'Completed' ? row.date_completed : null) },
  };
}
