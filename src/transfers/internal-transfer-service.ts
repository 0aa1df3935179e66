import { checkAmount, findAsset, type AccountsService } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { linkLegs, recordTransactions } from '../accounts/index.js';
import { systemAccount } from '../ledger/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { DomainError } from '../shared/domain-error.js';
import type { InternalTransferBody, InternalTransferResult } from './contract.js';

export type InternalKind = 'fiat' | 'crypto';

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

  async transfer(principalId: number, kind: InternalKind, input: InternalTransferBody, ctx: WriteContext): Promise<InternalTransferResult> {
    const reference = input.Reference ?? null;
    const [source, destination] = await this.accounts.findAccountsWithKyc(principalId, [
      { id: input.SourceAccountId, fieldName: 'SourceAccountId' },
      { id: input.DestinationAccountId, fieldName: 'DestinationAccountId' },
    ]);
    assert(source !== undefined && destination !== undefined, 'both accounts found');
    if (source.id === destination.id || source.asset !== destination.asset) throw new DomainError('Invalid', 'DestinationAccountId');
    const asset = await findAsset(this.database.reader, source.asset);
    if (asset === undefined || asset.asset_class !== (kind === 'fiat' ? 'Currency' : 'Cryptocurrency')) throw new DomainError('Invalid', 'SourceAccountId');
    if (source.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'SourceAccountId');
    if (destination.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'DestinationAccountId');
    const amount = checkAmount(input.Amount, asset.precision, 'Amount');
    const dateTime = isoTimestamp(this.clock.nowMs());
    const description = reference ?? `Internal transfer ${source.id} to ${destination.id}`;
    const dialect = this.database.dialect;
    return runWrite(this.database, ctx, async (tx) => {
      // One journal of two legs (the clearing account's legs cancel and are not written); the
      // ledger refuses an overdraft of the source (Insufficient_Funds on Amount).
      const common = { asset: asset.code, description, transactionType: 'InternalTransfer', rail: 'INTERNAL', systemAccount: systemAccount.internal(asset.code), status: 'Completed' as const, details: {}, dateTime };
      const [debitId, creditId] = await recordTransactions(
        tx,
        dialect,
        [
          { ...common, accountsId: source.id, customersId: source.customers_id, amount: -amount },
          { ...common, accountsId: destination.id, customersId: destination.customers_id, amount },
        ],
      );
      assert(debitId !== undefined && creditId !== undefined, 'both legs recorded');
      const internal = { fromCustomerId: source.customers_id, fromAssetAccountId: source.id, toCustomerId: destination.customers_id, toAssetAccountId: destination.id };
      await linkLegs(
        tx,
        { transactionsId: debitId, accountsId: source.id, details: { internalTransferDetails: { complementaryTransactionId: creditId, ...internal }, reference } },
        { transactionsId: creditId, accountsId: destination.id, details: { internalTransferDetails: { complementaryTransactionId: debitId, ...internal }, reference } },
      );
      return {
        transactionsId: debitId,
        complementaryTransactionId: creditId,
        sourceAccountId: source.id,
        destinationAccountId: destination.id,
        asset: asset.code,
        amount: decimalLiteral(amount, asset.precision),
        reference,
        transactionStatus: 'Completed',
        dateTime,
      };
    });
  }
}
