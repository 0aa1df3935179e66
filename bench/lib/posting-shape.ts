import { unitsFromColumn, unitsToColumn } from '../../src/ledger/index.js';
import { TRANSFER_AMOUNT } from './api.js';

/**
 * The rows one internal transfer writes, exactly as the server writes them
 * (src/transfers/internal-transfer-service.ts): one journal of two `posted` legs (the debit and the
 * credit; the clearing account's legs cancel and are not written), both stored balances moved in
 * the ledger's `ledger_balances`, a debit and a credit transaction row pointing at the journal and
 * linked both ways, each account's stored transaction count bumped. The raw baselines write these
 * rows with the fewest statements.
 */
export interface AccountInfo {
  readonly id: number;
  readonly customersId: number;
  /** The customer's principal (itself, or its manager): `transactions.principal_customers_id`. */
  readonly principalId: number;
  readonly asset: string;
}

/** How a baseline reads an account's AccountInfo and its stored transaction count (the next row's position is count + 1). */
export const ACCOUNT_INFO_SQL =
  'select a.id, a.customers_id, coalesce(c.manager_customers_id, c.id) as principal_id, a.asset, a.transaction_count from accounts a join customers c on c.id = a.customers_id';

export const TRANSFER_UNITS = unitsFromColumn(TRANSFER_AMOUNT);

export const TRANSACTION_COLUMNS =
  'accounts_id, customers_id, asset, amount, description, transaction_type, status, rail, system_account, direction, from_transactions_id, from_accounts_id, to_transactions_id, to_accounts_id, rollback_transaction_id, original_transaction_id, fee_transaction_id, details_json, date_time, date_completed, journals_id, holds_id, principal_customers_id, account_seq';

/**
 * Values of one leg's transaction row, in TRANSACTION_COLUMNS order, before the links are known.
 * `accountSeq`: the row's position on its account; a baseline's rows are the newest on their own
 * accounts, so it is the account's count so far + 1 (the baseline keeps the counts itself).
 */
export function transactionValues(
  account: AccountInfo,
  source: AccountInfo,
  destination: AccountInfo,
  amount: bigint,
  dateTime: string,
  journalsId: number,
  accountSeq: number,
): unknown[] {
  const inbound = amount > 0n;
  return [
    account.id,
    account.customersId,
    account.asset,
    unitsToColumn(amount),
    `Internal transfer ${source.id} to ${destination.id}`,
    'InternalTransfer',
    'Completed',
    'INTERNAL',
    `internal:${account.asset}`,
    inbound ? 'Inbound' : 'Outbound',
    null,
    inbound ? null : account.id,
    null,
    inbound ? account.id : null,
    null,
    null,
    null,
    '{}',
    dateTime,
    dateTime,
    journalsId,
    null,
    account.principalId,
    accountSeq,
  ];
}

export function detailsJson(complementaryTransactionId: number, source: AccountInfo, destination: AccountInfo): string {
  return JSON.stringify({
    internalTransferDetails: {
      complementaryTransactionId,
      fromCustomerId: source.customersId,
      fromAssetAccountId: source.id,
      toCustomerId: destination.customersId,
      toAssetAccountId: destination.id,
    },
    reference: null,
  });
}

export { unitsFromColumn, unitsToColumn };
