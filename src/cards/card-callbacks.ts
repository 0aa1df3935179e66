import type { Kysely } from 'kysely';
import { enqueueCallback } from '../callbacks/index.js';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';
import { usd } from './card-views.js';
import type { CardTransactionRow } from './cards-repository.js';
import type { Approval } from './contract.js';

/**
 * The Cards module's callbacks, written to the outbox in the change's own transaction. No card
 * number, CVC or PIN is ever part of one.
 */
export async function emitCardApproval(tx: Kysely<Database>, customersId: number, approval: Approval, now: string): Promise<void> {
  await enqueueCallback(tx, { customersId, type: 'MANAGEE_CARD_APPROVAL_UPDATED', data: { ...approval }, dateCreated: now });
}

/**
 * TRANSACTION_STATUS_UPDATED for a card purchase that ended (row read after the change): settled
 * by a capture (bCompleted), or released by a reversal or expiry (bRejected). The fields are the
 * documented ones; `CardsId` is ours, and `AccountsId` is null (a card is not an asset account).
 */
export async function emitCardTransactionEnded(tx: Kysely<Database>, row: CardTransactionRow, now: string): Promise<void> {
  await enqueueCallback(tx, {
    customersId: row.customers_id,
    type: 'TRANSACTION_STATUS_UPDATED',
    data: {
      Id: row.id,
      AccountsId: null,
      CardsId: row.cards_id,
      FromTransactionsId: row.id,
      FromAccountsId: null,
      ToTransactionsId: null,
      ToAccountsId: null,
      RollbackTransactionsId: null,
      Amount: usd(unitsFromColumn(row.amount)),
      Description: row.description,
      DateTime: row.date_time,
      bPending: row.b_pending === 1,
      bCompleted: row.status === 'Settled',
      bRejected: row.status === 'Reversed' || row.status === 'Expired',
    },
    dateCreated: now,
  });
}
