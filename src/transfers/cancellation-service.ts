import { endPendingTransaction, isCancellable, isUnderReview, TRANSACTION_ITEM_KIND } from '../accounts/index.js';
import { customersInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import type { TransactionRow } from '../accounts/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';

/**
 * Cancels a pending outbound bank transfer: exactly once (the status change is conditional, so of
 * two concurrent cancellations one wins), returning its funds and its fee through rollbacks.
 */
export class CancellationService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
  ) {}

  private async find(principalId: number, transactionsId: number, customersId: number | undefined): Promise<TransactionRow> {
    const db = this.database.reader;
    let query = db.selectFrom('transactions').selectAll().where('id', '=', transactionsId).where('customers_id', 'in', customersInScope(db, principalId));
    if (customersId !== undefined) query = query.where('customers_id', '=', customersId);
    const row = await query.executeTakeFirst();
    if (row === undefined) throw notFound('TransactionsId');
    return row;
  }

  async check(principalId: number, transactionsId: number, customersId: number | undefined) {
    const row = await this.find(principalId, transactionsId, customersId);
    // A transfer held for compliance review ends only by the review's decision.
    return { transactionsId, bCancellable: isCancellable(row) && !(await isUnderReview(this.database.reader, TRANSACTION_ITEM_KIND, row.id)) };
  }

  async cancel(principalId: number, transactionsId: number, customersId: number | undefined, ctx: WriteContext) {
    const row = await this.find(principalId, transactionsId, customersId);
    if (!isCancellable(row)) throw new DomainError('Transaction_Not_Cancellable', 'TransactionsId');
    const dateTime = isoTimestamp(this.clock.nowMs());
    try {
      return await runWrite(this.database, ctx, async (tx) => {
        const ended = await endPendingTransaction(tx, this.database.dialect, row, 'cancel', dateTime);
        const request = await tx
          .insertInto('cancellation_requests')
          .values({ transactions_id: row.id, customers_id: row.customers_id, date_added: dateTime })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { transactionsId: row.id, cancellationRequestsCode: `CR${request.id}`, rollbackTransactionId: ended.rollbackTransactionId };
      });
    } catch (error) {
      if (error instanceof DomainError && error.messageCode === 'Transaction_Not_Pending') throw new DomainError('Transaction_Not_Cancellable', 'TransactionsId');
      throw error;
    }
  }
}
