import { checkAmount, findAsset, type AccountRow, type AccountsService, type AssetRow } from '../accounts/index.js';
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

/** The asset class each path moves: fiat currencies on one, cryptocurrencies on the other. */
const ASSET_CLASS: Record<InternalKind, AssetRow['asset_class']> = { fiat: 'Currency', crypto: 'Cryptocurrency' };

type AccountWithKyc = AccountRow & { kyc_status: string };

/** In reach and not suppressed: an account money may leave or enter. */
const isUsable = (account: AccountWithKyc | undefined): account is AccountWithKyc => account !== undefined && account.b_suppressed === 0;

/** The owner of an account in reach must be a customer money may move for. */
function checkOwner(account: AccountWithKyc, fieldName: string): void {
  // A KYC rejection is final (docs/managees.md): the customer is closed, as good as gone.
  if (account.kyc_status === 'Rejected') throw new DomainError('User_Not_Found', fieldName);
  if (account.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', fieldName);
}

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

  /**
   * The two accounts and their asset, or the documented code of the first problem (docs/transfers.md).
   * Reach is checked before anything the account holds, so the answer for another principal's
   * account is the answer for an unknown id: it says nothing about that account.
   */
  private async parties(principalId: number, kind: InternalKind, input: InternalTransferBody): Promise<{ source: AccountWithKyc; destination: AccountWithKyc; asset: AssetRow }> {
    const [source, destination] = await this.accounts.findAccountsWithKyc(principalId, [input.SourceAccountId, input.DestinationAccountId]);
    if (!isUsable(source)) throw new DomainError('Invalid_Source_Account', 'SourceAccountId');
    if (!isUsable(destination) || destination.id === source.id) throw new DomainError('Invalid_Destination_Account', 'DestinationAccountId');
    const asset = await findAsset(this.database.reader, source.asset);
    if (asset === undefined || asset.asset_class !== ASSET_CLASS[kind]) throw new DomainError('Invalid_Asset', 'SourceAccountId');
    if (destination.asset !== source.asset) throw new DomainError('Invalid_Asset', 'DestinationAccountId');
    checkOwner(source, 'SourceAccountId');
    checkOwner(destination, 'DestinationAccountId');
    return { source, destination, asset };
  }

  async transfer(principalId: number, kind: InternalKind, input: InternalTransferBody, ctx: WriteContext): Promise<InternalTransferResult> {
    const reference = input.Reference ?? null;
    const { source, destination, asset } = await this.parties(principalId, kind, input);
    const amount = checkAmount(input.Amount, asset.precision, 'Amount', asset.code);
    const dateTime = isoTimestamp(this.clock.nowMs());
    const description = reference ?? `Internal transfer ${source.id} to ${destination.id}`;
    const dialect = this.database.dialect;
    return runWrite(this.database, ctx, async (tx) => {
      // One journal of two legs (the clearing account's legs cancel and are not written); the
      // ledger refuses an overdraft of the source (Insufficient_Funds on Amount).
      const common = {
        asset: asset.code,
        description,
        transactionType: 'InternalTransfer',
        rail: 'INTERNAL',
        systemAccount: systemAccount.internal(asset.code),
        status: 'Completed' as const,
        details: {},
        dateTime,
      };
      const [debitId, creditId] = await recordTransactions(tx, dialect, [
        { ...common, accountsId: source.id, customersId: source.customers_id, amount: -amount },
        { ...common, accountsId: destination.id, customersId: destination.customers_id, amount },
      ]);
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
