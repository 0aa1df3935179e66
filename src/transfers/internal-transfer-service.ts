import { checkAmount, findAsset, findCustomerInScope, type AccountRow, type AccountsService } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { apiBalances, linkTransaction, lockBalances, recordTransaction, setTransactionDetails } from '../ledger/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { DomainError } from '../shared/domain-error.js';

export interface InternalTransferInput {
  readonly sourceAccountId: number;
  readonly destinationAccountId: number;
  readonly amount: bigint;
  readonly reference: string | null;
}

export type InternalKind = 'fiat' | 'crypto';

/** The clearing account between two customer accounts of one asset; it always returns to zero. */
export const internalClearingAccount = (asset: string) => `internal:${asset}`;

/**
 * Moves money between two accounts of the same asset within the principal's reach, at once: two
 * linked transactions (debit and credit) in one database transaction, accounts locked in id order.
 */
export class InternalTransferService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
  ) {}

  private async checkCustomer(principalId: number, account: AccountRow, fieldName: string): Promise<void> {
    const customer = await findCustomerInScope(this.database.db, principalId, account.customers_id);
    if (customer?.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', fieldName);
  }

  async transfer(principalId: number, kind: InternalKind, input: InternalTransferInput, ctx: WriteContext) {
    const source = await this.accounts.findAccount(principalId, input.sourceAccountId, 'SourceAccountId');
    const destination = await this.accounts.findAccount(principalId, input.destinationAccountId, 'DestinationAccountId');
    if (source.id === destination.id || source.asset !== destination.asset) throw new DomainError('Invalid', 'DestinationAccountId');
    const asset = await findAsset(this.database.db, source.asset);
    if (asset === undefined || asset.asset_class !== (kind === 'fiat' ? 'Currency' : 'Cryptocurrency')) throw new DomainError('Invalid', 'SourceAccountId');
    await this.checkCustomer(principalId, source, 'SourceAccountId');
    await this.checkCustomer(principalId, destination, 'DestinationAccountId');
    const amount = checkAmount(input.amount, asset.precision, 'Amount');
    const dateTime = isoTimestamp(this.clock.nowMs());
    const description = input.reference ?? `Internal transfer ${source.id} to ${destination.id}`;
    const dialect = this.database.dialect;
    return runWrite(this.database, ctx, async (tx) => {
      const balances = await lockBalances(tx, dialect, [source.id, destination.id]);
      const held = balances.get(source.id);
      if (held === undefined || apiBalances(held).availableBalance < amount) throw new DomainError('Insufficient_Funds', 'Amount');
      const common = { asset: asset.code, description, transactionType: 'InternalTransfer', rail: 'INTERNAL', systemAccount: internalClearingAccount(asset.code), status: 'Completed' as const, details: {}, dateTime };
      const debitId = await recordTransaction(tx, dialect, { ...common, accountsId: source.id, customersId: source.customers_id, amount: -amount });
      const creditId = await recordTransaction(tx, dialect, { ...common, accountsId: destination.id, customersId: destination.customers_id, amount });
      const route = { fromAccountsId: source.id, toAccountsId: destination.id };
      await linkTransaction(tx, debitId, { ...route, fromTransactionsId: debitId, toTransactionsId: creditId });
      await linkTransaction(tx, creditId, { ...route, fromTransactionsId: debitId, toTransactionsId: creditId });
      const internal = { fromCustomerId: source.customers_id, fromAssetAccountId: source.id, toCustomerId: destination.customers_id, toAssetAccountId: destination.id };
      await setTransactionDetails(tx, debitId, { internalTransferDetails: { complementaryTransactionId: creditId, ...internal }, reference: input.reference });
      await setTransactionDetails(tx, creditId, { internalTransferDetails: { complementaryTransactionId: debitId, ...internal }, reference: input.reference });
      return {
        transactionsId: debitId,
        complementaryTransactionId: creditId,
        sourceAccountId: source.id,
        destinationAccountId: destination.id,
        asset: asset.code,
        amount: decimalLiteral(amount, asset.precision),
        reference: input.reference,
        transactionStatus: 'Completed',
        dateTime,
      };
    });
  }
}
