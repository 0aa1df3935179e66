import { findAsset, isEligibleForReversal } from '../accounts/index.js';
import { customersInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { claimForReversal, linkTransaction, recordTransaction, type TransactionRow } from '../accounts/index.js';
import { lockBalances, unitsFromColumn } from '../ledger/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import type { Reversed, ReverseBody } from './contract.js';

/** Why a customer sends an inbound transfer back (our list; Ibanera's was not captured). */
export const REVERSAL_REASONS = [
  { code: 'DUPL', description: 'Duplicate payment' },
  { code: 'FRAD', description: 'Fraudulent origin' },
  { code: 'CUST', description: 'Requested by the customer' },
  { code: 'UNKN', description: 'Unknown sender' },
  { code: 'AM09', description: 'Wrong amount' },
] as const;

/**
 * Returns a completed inbound bank deposit to its sender: an outbound transaction of the same amount
 * on the same rail, posted at once, linked both ways (the deposit's rollbackTransactionId and the
 * reversal's originalTransactionId). A deposit is reversed once; the money must still be available.
 */
export class ReversalService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
  ) {}

  private async find(principalId: number, transactionsId: number): Promise<TransactionRow> {
    const db = this.database.reader;
    const row = await db.selectFrom('transactions').selectAll().where('id', '=', transactionsId).where('customers_id', 'in', customersInScope(db, principalId)).executeTakeFirst();
    if (row === undefined) throw notFound('TransactionsId');
    return row;
  }

  async details(principalId: number, transactionsId: number) {
    const row = await this.find(principalId, transactionsId);
    return { transactionsId: row.id, bEligibleForReversal: isEligibleForReversal(row), reasons: REVERSAL_REASONS };
  }

  async reverse(principalId: number, input: ReverseBody, ctx: WriteContext): Promise<Reversed> {
    const row = await this.find(principalId, input.TransactionsId);
    if (!isEligibleForReversal(row)) throw new DomainError('Transaction_Not_Reversible', 'TransactionsId');
    const reason = REVERSAL_REASONS.find((r) => r.code === input.ReasonCode.toUpperCase());
    if (reason === undefined) throw new DomainError('Invalid', 'ReasonCode');
    const amount = unitsFromColumn(row.amount);
    const asset = await findAsset(this.database.reader, row.asset);
    const digits = asset?.precision ?? 18;
    const dateTime = isoTimestamp(this.clock.nowMs());
    const dialect = this.database.dialect;
    return runWrite(this.database, ctx, async (tx) => {
      // Claims the deposit before the funds check, so of two concurrent reversals one is refused as
      // already reversed rather than both racing for the funds; the ledger refuses an overdraft.
      // The account's balance is locked before its row is claimed (the order every path keeps).
      if (dialect === 'postgres') await lockBalances(tx, dialect, [row.accounts_id]);
      if (!(await claimForReversal(tx, row.id))) throw new DomainError('Transaction_Not_Reversible', 'TransactionsId');
      const reversalId = await recordTransaction(
        tx,
        dialect,
        {
          accountsId: row.accounts_id,
          customersId: row.customers_id,
          asset: row.asset,
          amount: -amount,
          description: `Reversal of transaction ${row.id}: ${reason.description}`,
          transactionType: 'Reversal',
          rail: row.rail,
          systemAccount: row.system_account,
          status: 'Completed',
          details: { reversal: { reasonCode: reason.code, notes: input.Notes ?? null } },
          dateTime,
          originalTransactionId: row.id,
        },
        { insufficientFundsField: 'TransactionsId' },
      );
      await linkTransaction(tx, row.id, { rollbackTransactionId: reversalId });
      return {
        transactionsId: reversalId,
        originalTransactionId: row.id,
        amount: decimalLiteral(-amount, digits),
        reasonCode: reason.code,
        transactionStatus: 'Completed',
        dateTime,
      };
    });
  }
}
