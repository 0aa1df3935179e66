import type { TransactionRow } from '../accounts/index.js';
import { unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';

type Data = Record<string, unknown>;

interface StoredDetails {
  reference?: string | null;
  achTransferDetails?: { originatorRoutingNumber?: string; originatorName?: string };
  wireTransferDetails?: { senderRoutingNumber?: string; senderName?: string; imad?: string };
  externalTransferDetails?: { senderAccountNumber?: string; senderName?: string };
  walletTransferDetails?: { fromWalletAddress?: string | null; toWalletAddress?: string | null; transactionHash?: string | null };
}

const amountOf = (row: TransactionRow, digits: number) => decimalLiteral(unitsFromColumn(row.amount), digits);
const details = (row: TransactionRow) => JSON.parse(row.details_json) as StoredDetails;

/** FIAT_DEPOSIT_RECEIVED (spec §5), PascalCase as Ibanera sends it; `flagged`: held for compliance review. */
export function fiatDepositReceived(row: TransactionRow, digits: number, flagged = false): Data {
  const d = details(row);
  return {
    AccountsId: row.accounts_id,
    TransactionsId: row.id,
    OriginalTransactionsId: row.original_transaction_id,
    Reference: d.reference ?? null,
    SenderDetails: {
      RoutingNumber: d.achTransferDetails?.originatorRoutingNumber ?? d.wireTransferDetails?.senderRoutingNumber ?? null,
      AccountNumber: d.externalTransferDetails?.senderAccountNumber ?? null,
      Name: d.achTransferDetails?.originatorName ?? d.wireTransferDetails?.senderName ?? d.externalTransferDetails?.senderName ?? null,
      AddressLine1: null,
      AddressLine2: null,
      AddressLine3: null,
    },
    Amount: amountOf(row, digits),
    Imad: d.wireTransferDetails?.imad ?? null,
    Date: row.date_time,
    bReversal: row.original_transaction_id !== null,
    bFlagged: flagged,
  };
}

/** Status of an on-chain transfer as the crypto callbacks name it. */
export function cryptoStatusOf(row: TransactionRow): 'Pending' | 'Completed' | 'Failed' {
  return row.status === 'Pending' ? 'Pending' : row.status === 'Completed' ? 'Completed' : 'Failed';
}

/** CRYPTO_DEPOSIT_* / CRYPTO_WITHDRAWAL_* data (spec §5). */
export function cryptoTransfer(row: TransactionRow, digits: number): Data {
  const wallet = details(row).walletTransferDetails ?? {};
  const inbound = row.direction === 'Inbound';
  const amount = unitsFromColumn(row.amount);
  return {
    AccountsId: row.accounts_id,
    TransactionsId: row.id,
    SourceAccountsId: inbound ? null : row.accounts_id,
    DestinationAccountsId: inbound ? row.accounts_id : null,
    TransactionHash: wallet.transactionHash ?? null,
    SourceAddress: wallet.fromWalletAddress ?? null,
    DestinationAddress: wallet.toWalletAddress ?? null,
    Amount: { Asset: row.asset, Amount: decimalLiteral(amount < 0n ? -amount : amount, digits) },
    NetworkFee: { Asset: row.asset, Amount: decimalLiteral(0n, digits) },
    Status: cryptoStatusOf(row),
  };
}

/** TRANSACTION_STATUS_UPDATED for a pending outbound transaction that completed or failed (spec §5). */
export function transactionStatusUpdated(row: TransactionRow, digits: number): Data {
  return {
    Id: row.id,
    AccountsId: row.accounts_id,
    FromTransactionsId: row.from_transactions_id,
    FromAccountsId: row.from_accounts_id,
    ToTransactionsId: row.to_transactions_id,
    ToAccountsId: row.to_accounts_id,
    RollbackTransactionsId: row.rollback_transaction_id,
    Amount: amountOf(row, digits),
    Description: row.description,
    DateTime: row.date_time,
    bPending: row.status === 'Pending',
    bCompleted: row.status === 'Completed',
    bRejected: row.status === 'Failed' || row.status === 'Cancelled',
  };
}
