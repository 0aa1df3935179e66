import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkAmount, TRANSACTION_ITEM_KIND, type AccountsService, type CryptoService, type ScreeningService } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { emitTransactionCreated } from '../callbacks/index.js';
import { readTransaction, recordTransaction, type TransactionRow } from '../accounts/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { endPendingTransaction, findAsset } from '../accounts/index.js';
import { customersInScope } from '../customers/index.js';
import { payInDetails } from './pay-in-details.js';
import type { CryptoDepositBody, PayInBody, TransactionEnded } from './contract.js';
import { systemAccount } from '../ledger/index.js';

/** Sandbox-only drivers of state: money arriving by bank rail or chain, and pending transactions ending. */
export class SimulationsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly crypto: CryptoService,
    private readonly screening: ScreeningService,
  ) {}

  /**
   * Credits a fiat account through the rail's system account, posted at once; a deposit screening
   * flags is credited pending (in the total, not available) until its review. Returns the transaction id.
   */
  async payIn(principalId: number, input: PayInBody, ctx: WriteContext): Promise<number> {
    const account = await this.accounts.findAccount(principalId, input.DestinationAccountId, 'DestinationAccountId');
    const asset = await findAsset(this.database.reader, account.asset);
    if (asset === undefined || asset.asset_class !== 'Currency') throw new DomainError('Invalid', 'DestinationAccountId');
    const domestic = account.routing_number !== null;
    if ((input.TransferType === 'SWIFT') === domestic) throw new DomainError('Invalid', 'TransferType');
    const amount = checkAmount(input.Amount, asset.precision, 'Amount', asset.code);
    const dateTime = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const screened = await this.screening.check(tx, {
        customersId: account.customers_id,
        asset: asset.code,
        direction: 'in',
        amount,
        counterparty: { names: [input.Name] },
        dateTime,
      });
      const flagged = screened.outcome === 'flagged';
      const id = await recordTransaction(tx, this.database.dialect, {
        accountsId: account.id,
        customersId: account.customers_id,
        asset: asset.code,
        amount,
        description: `${asset.code} deposit`,
        transactionType: 'Deposit',
        rail: input.TransferType,
        systemAccount: systemAccount.rail(input.TransferType, asset.code),
        status: flagged ? 'Pending' : 'Completed',
        details: payInDetails(input, account, dateTime),
        dateTime,
      });
      await emitTransactionCreated(tx, await readTransaction(tx, id), asset.precision, dateTime, { flagged });
      if (screened.outcome === 'flagged')
        await this.screening.flag(tx, { kind: TRANSACTION_ITEM_KIND, itemId: id, customersId: account.customers_id, reasons: screened.reasons, dateTime });
      return id;
    });
  }

  /** An inbound on-chain deposit to the account's address: pending, then completed unless asked not to. */
  async cryptoDeposit(principalId: number, input: CryptoDepositBody, ctx: WriteContext): Promise<number> {
    const { account, asset, chain } = await this.crypto.findCryptoAccount(principalId, input.DestinationAccountId, 'DestinationAccountId');
    const amount = checkAmount(input.Amount, asset.precision, 'Amount', asset.code);
    const toAddress = (await this.crypto.depositAddress(principalId, account.id)).address;
    const dateTime = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const id = await recordTransaction(tx, this.database.dialect, {
        accountsId: account.id,
        customersId: account.customers_id,
        asset: asset.code,
        amount,
        description: `${asset.code} deposit`,
        transactionType: 'Deposit',
        rail: 'CRYPTO',
        systemAccount: systemAccount.chain(chain, asset.code),
        status: 'Pending',
        details: {
          walletTransferDetails: {
            fromWalletAddress: input.SourceAddress ?? null,
            toWalletAddress: toAddress,
            transactionHash: randomBytes(32).toString('hex'),
          },
        },
        dateTime,
      });
      await emitTransactionCreated(tx, await readTransaction(tx, id), asset.precision, dateTime);
      if (input.bComplete ?? true) await this.endLocked(tx, await this.pendingRow(tx, principalId, id), 'complete');
      return id;
    });
  }

  /** Completes a pending transaction. */
  async complete(principalId: number, transactionsId: number, ctx: WriteContext): Promise<TransactionEnded> {
    return runWrite(this.database, ctx, async (tx) => {
      await this.endLocked(tx, await this.pendingRow(tx, principalId, transactionsId), 'complete');
      return { transactionsId, rollbackTransactionId: null };
    });
  }

  /** Fails a pending transaction; an outbound one gets its funds back through a rollback transaction. */
  async fail(principalId: number, transactionsId: number, ctx: WriteContext): Promise<TransactionEnded> {
    return runWrite(this.database, ctx, async (tx) => {
      const rollbackTransactionId = await this.endLocked(tx, await this.pendingRow(tx, principalId, transactionsId), 'fail');
      return { transactionsId, rollbackTransactionId };
    });
  }

  private async pendingRow(tx: Kysely<Database>, principalId: number, transactionsId: number): Promise<TransactionRow> {
    const row = await tx.selectFrom('transactions').selectAll().where('id', '=', transactionsId).where('customers_id', 'in', customersInScope(tx, principalId)).executeTakeFirst();
    if (row === undefined) throw notFound('TransactionsId');
    if (row.status !== 'Pending') throw new DomainError('Transaction_Not_Pending', 'TransactionsId');
    return row;
  }

  private async endLocked(tx: Kysely<Database>, row: TransactionRow, outcome: 'complete' | 'fail'): Promise<number | null> {
    if (row.transaction_type === 'Fee') throw new DomainError('Invalid', 'TransactionsId');
    const ended = await endPendingTransaction(tx, this.database.dialect, row, outcome, isoTimestamp(this.clock.nowMs()));
    return ended.rollbackTransactionId;
  }
}
