import { emitTransactionCreated } from '../callbacks/index.js';
import { checkAmount, findAsset, readTransaction, recordTransaction, type AccountsService } from '../accounts/index.js';
import { findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { systemAccount } from '../ledger/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { ONE } from '../shared/decimal.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import type { AchPullBody, AchPullResult } from './contract.js';
import { findPayeeInScope } from './payees-repository.js';

export interface AchPullSettings {
  /** The most one pull may draw, in whole units of the account's currency. */
  readonly achPullAmountMaxUsd: number;
}

/**
 * Pulls funds by ACH from a customer's own linked bank account (a saved ACH payee marked verified)
 * into one of its USD accounts: a pending inbound deposit on the ACH rail. It settles when the bank
 * settles it (in sandbox: the complete simulation) or fails (the hold is voided); once completed it
 * is an ordinary inbound ACH deposit, so the existing reversal can return it.
 */
export class AchPullService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly settings: AchPullSettings,
  ) {}

  async pull(principalId: number, input: AchPullBody, ctx: WriteContext): Promise<AchPullResult> {
    const db = this.database.reader;
    const payee = await findPayeeInScope(db, principalId, input.PayeesId);
    if (payee === undefined) throw notFound('PayeesId');
    // Both ids are looked up before any other rule, so another principal's account is "not found" too.
    const account = await this.accounts.findAccount(principalId, input.DestinationAccountId, 'DestinationAccountId');
    if (payee.transfer_type !== 'ACH') throw new DomainError('Invalid', 'PayeesId');
    if (payee.b_verified !== 1) throw new DomainError('Payee_Not_Verified', 'PayeesId');
    const asset = await findAsset(db, account.asset);
    // ACH is a US rail: only into a domestic (routing-numbered) USD account of the payee's own customer.
    if (asset?.code !== 'USD' || account.routing_number === null || account.customers_id !== payee.customers_id) throw new DomainError('Invalid', 'DestinationAccountId');
    if ((await findCustomerInScope(db, principalId, account.customers_id))?.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'DestinationAccountId');
    const amount = checkAmount(input.Amount, asset.precision, 'Amount');
    if (amount > BigInt(this.settings.achPullAmountMaxUsd) * ONE) {
      throw DomainError.because('Invalid', 'Amount', `Amount is above the most one ACH pull may draw (ACH_PULL_AMOUNT_MAX_USD: ${this.settings.achPullAmountMaxUsd}.00 USD).`);
    }
    const dateTime = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const id = await recordTransaction(tx, this.database.dialect, {
        accountsId: account.id,
        customersId: account.customers_id,
        asset: asset.code,
        amount,
        description: `ACH pull from ${payee.name}`,
        transactionType: 'Deposit',
        rail: 'ACH',
        systemAccount: systemAccount.rail('ACH', asset.code),
        status: 'Pending',
        details: {
          achTransferDetails: {
            direction: 'Inbound',
            bAchPull: true,
            payeesId: payee.id,
            senderName: payee.account_name ?? payee.name,
            senderAccountNumber: payee.account_number,
            senderRoutingNumber: payee.routing_number,
            receiverAccountNumber: account.account_number,
            receiverRoutingNumber: account.routing_number,
            imad: null,
          },
        },
        dateTime,
      });
      await emitTransactionCreated(tx, await readTransaction(tx, id), asset.precision, dateTime);
      return { transactionsId: id, payeesId: payee.id, destinationAccountId: account.id, amount: decimalLiteral(amount, asset.precision), transactionStatus: 'Pending', dateTime };
    });
  }
}
