import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { emitTransactionEnded } from '../callbacks/index.js';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { completeTransaction, failTransaction, readTransaction, setTransactionDetails, type TransactionRow } from './transaction-rows.js';
import { lockBalances } from '../ledger/index.js';
import { DomainError } from '../shared/domain-error.js';
import { findAsset } from './assets-repository.js';
import { isUnderReview } from './screening-service.js';

export type Outcome = 'complete' | 'fail' | 'cancel';

async function endOne(tx: Kysely<Database>, dialect: DialectName, row: TransactionRow, outcome: Outcome, dateTime: string): Promise<number | null | undefined> {
  if (outcome === 'complete') return (await completeTransaction(tx, dialect, row, dateTime)) ? null : undefined;
  return failTransaction(tx, dialect, row, dateTime, outcome === 'fail' ? 'Failed' : 'Cancelled');
}

/** A completed on-chain withdrawal was broadcast: it now has a transaction hash (simulated). */
async function recordBroadcast(tx: Kysely<Database>, row: TransactionRow): Promise<void> {
  const details = JSON.parse(row.details_json) as { walletTransferDetails?: Record<string, unknown> };
  const wallet = { ...(details.walletTransferDetails ?? {}), transactionHash: randomBytes(32).toString('hex') };
  await setTransactionDetails(tx, row.id, { ...details, walletTransferDetails: wallet });
}

/**
 * Ends a pending transaction exactly once (completed, failed or cancelled), together with its fee
 * transaction, inside the caller's database transaction, and writes its callbacks to the outbox.
 * A failed or cancelled outbound transfer gets its funds and its fee back through rollbacks.
 */
export async function endPendingTransaction(
  tx: Kysely<Database>,
  dialect: DialectName,
  row: TransactionRow,
  outcome: Outcome,
  dateTime: string,
): Promise<{ rollbackTransactionId: number | null }> {
  // A transaction held for compliance review ends only by the review's decision (which first marks it decided).
  if (await isUnderReview(tx, 'transaction', row.id)) throw new DomainError('Transaction_Under_Review', 'TransactionsId');
  // The account's balance before its row: a transfer batch holds the balance while it renumbers the
  // account's later rows, so taking the row first and the balance second met it in a deadlock.
  if (dialect === 'postgres') await lockBalances(tx, dialect, [row.accounts_id]);
  const rollback = await endOne(tx, dialect, row, outcome, dateTime);
  if (rollback === undefined) throw new DomainError('Transaction_Not_Pending', 'TransactionsId');
  if (outcome === 'complete' && row.rail === 'CRYPTO' && row.direction === 'Outbound') await recordBroadcast(tx, row);
  if (row.fee_transaction_id !== null) {
    const fee = await readTransaction(tx, row.fee_transaction_id);
    if (fee.status === 'Pending') await endOne(tx, dialect, fee, outcome, dateTime);
  }
  const asset = await findAsset(tx, row.asset);
  await emitTransactionEnded(tx, await readTransaction(tx, row.id), asset?.precision ?? 18, dateTime);
  return { rollbackTransactionId: rollback };
}
