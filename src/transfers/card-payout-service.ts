import { checkAmount, findAsset, linkTransaction, recordTransactions, type AccountsService } from '../accounts/index.js';
import { findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { systemAccount } from '../ledger/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { findCardPayeeInScope } from './card-payees-repository.js';
import { findPayeeInScope } from './payees-repository.js';
import type { ExternalTransferBody, ExternalTransferResult } from './contract.js';
import { transferFee } from './fee-schedule.js';

/** The rail of a push to a card payee; also its fee-schedule row (none by default). */
export const VISA_DIRECT_RAIL = 'VISA_DIRECT';

/** `VisaDirect`, `Visa Direct`, `VISA_DIRECT` (any case) name the card-payee payout. */
export function isVisaDirect(transferType: string): boolean {
  return transferType.replace(/[\s_-]/g, '').toUpperCase() === 'VISADIRECT';
}

/**
 * A payout to a card payee (Visa Direct push to its debit card): an external transfer of its own
 * type. A pending outbound transaction on the card network holding the amount (and a pending fee
 * when the operator's fee schedule has a VISA_DIRECT row), settled or failed like any pending
 * transfer (simulations). USD only: Visa Direct pushes settle in dollars here.
 */
export class CardPayoutService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
  ) {}

  /**
   * A bank-rail transfer (ACH, Wire, SWIFT) naming a card payee: another principal's is not found
   * (as every foreign id), one's own is Invalid (card payees are paid by VisaDirect only).
   */
  async refuseOnBankRail(principalId: number, input: ExternalTransferBody): Promise<void> {
    if (input.CardPayeesId === undefined) return;
    if ((await findCardPayeeInScope(this.database.reader, principalId, input.CardPayeesId)) === undefined) throw notFound('CardPayeesId');
    throw new DomainError('Invalid', 'CardPayeesId');
  }

  async transfer(principalId: number, input: ExternalTransferBody, ctx: WriteContext): Promise<ExternalTransferResult> {
    const db = this.database.reader;
    if (input.PayeesId !== undefined) {
      // A bank payee cannot receive a card push: foreign is not found, one's own is Invalid.
      if ((await findPayeeInScope(db, principalId, input.PayeesId)) === undefined) throw notFound('PayeesId');
      throw new DomainError('Invalid', 'PayeesId');
    }
    const source = await this.accounts.findAccount(principalId, input.SourceAccountId, 'SourceAccountId');
    const asset = await findAsset(db, source.asset);
    if (asset?.code !== 'USD') throw new DomainError('Invalid', 'SourceAccountId');
    if ((await findCustomerInScope(db, principalId, source.customers_id))?.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'SourceAccountId');
    if (input.CardPayeesId === undefined) throw new DomainError('Required', 'CardPayeesId');
    const payee = await findCardPayeeInScope(db, principalId, input.CardPayeesId);
    if (payee === undefined) throw notFound('CardPayeesId');
    const amount = checkAmount(input.Amount, asset.precision, 'Amount');
    const fee = await transferFee(db, VISA_DIRECT_RAIL, asset.code, asset.precision);
    const dateTime = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const common = {
        accountsId: source.id,
        customersId: source.customers_id,
        asset: asset.code,
        status: 'Pending' as const,
        dateTime,
        systemAccount: systemAccount.cardNetwork(asset.code),
      };
      const transfer = {
        ...common,
        amount: -amount,
        description: input.Reference ?? `Visa Direct payout to ${payee.name} (card ending ${payee.last_four})`,
        transactionType: 'ExternalTransfer',
        rail: VISA_DIRECT_RAIL,
        details: {
          externalTransferDetails: {
            paymentType: 'VisaDirect',
            transferType: 'VisaDirect',
            direction: 'Outbound',
            senderAccountNumber: source.account_number,
            senderName: source.name,
            receiverName: payee.name,
            beneficiaryName: payee.name,
            receiverCardLastFour: payee.last_four,
            reference: input.Reference ?? null,
            completedAt: null,
          },
          cardPayeesId: payee.id,
        },
      };
      const feeRow = {
        ...common,
        amount: -fee,
        description: 'Visa Direct payout fee',
        transactionType: 'Fee',
        rail: 'FEE',
        systemAccount: systemAccount.fees(asset.code),
        details: {},
      };
      const [transferId, feeTransactionId = null] = await recordTransactions(tx, this.database.dialect, fee > 0n ? [transfer, feeRow] : [transfer]);
      if (transferId === undefined) throw new Error('the payout row was recorded');
      if (feeTransactionId !== null) {
        await linkTransaction(tx, transferId, { feeTransactionId });
        await linkTransaction(tx, feeTransactionId, { originalTransactionId: transferId });
      }
      return {
        transactionsId: transferId,
        feeTransactionId,
        payeesId: payee.id,
        transferType: 'VisaDirect',
        amount: decimalLiteral(amount, asset.precision),
        feeAmount: decimalLiteral(fee, asset.precision),
        transactionStatus: 'Pending',
        dateTime,
      };
    });
  }
}
