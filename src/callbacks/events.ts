import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TransactionRow } from '../accounts/index.js';
import { enqueueCallback } from './outbox-repository.js';
import { cryptoTransfer, fiatDepositReceived, transactionStatusUpdated } from './payloads.js';

/**
 * The callbacks each state change produces, written to the outbox inside the change's own
 * transaction (so a change that rolls back sends nothing, and a committed one is never lost).
 */
export async function emitTransactionCreated(tx: Kysely<Database>, row: TransactionRow, digits: number, now: string, options: { flagged?: boolean } = {}): Promise<void> {
  if (row.rail === 'CRYPTO') {
    const type = row.direction === 'Inbound' ? 'CRYPTO_DEPOSIT_CREATED' : 'CRYPTO_WITHDRAWAL_CREATED';
    await enqueueCallback(tx, { customersId: row.customers_id, type, data: cryptoTransfer(row, digits), dateCreated: now });
    return;
  }
  if (row.direction === 'Inbound' && row.transaction_type === 'Deposit') {
    await enqueueCallback(tx, { customersId: row.customers_id, type: 'FIAT_DEPOSIT_RECEIVED', data: fiatDepositReceived(row, digits, options.flagged ?? false), dateCreated: now });
  }
}

/** A pending transaction ended (row read after the change): crypto status update, and for outbound ones the status callback. */
export async function emitTransactionEnded(tx: Kysely<Database>, row: TransactionRow, digits: number, now: string): Promise<void> {
  if (row.rail === 'CRYPTO') {
    const type = row.direction === 'Inbound' ? 'CRYPTO_DEPOSIT_UPDATED' : 'CRYPTO_WITHDRAWAL_UPDATED';
    await enqueueCallback(tx, { customersId: row.customers_id, type, data: cryptoTransfer(row, digits), dateCreated: now });
  }
  if (row.direction === 'Outbound') {
    await enqueueCallback(tx, { customersId: row.customers_id, type: 'TRANSACTION_STATUS_UPDATED', data: transactionStatusUpdated(row, digits), dateCreated: now });
  }
}
