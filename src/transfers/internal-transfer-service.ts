import { checkAmount, findAsset, type AccountRow, type AccountsService, type AssetRow } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { linkLegs, linkLegsEach, recordPostedTransactionsEach, recordTransactions, type Leg, type NewTransaction } from '../accounts/index.js';
import { recordIdempotentResults } from '../db/idempotency-repository.js';
import type { Database } from '../db/schema.js';
import { WriteBatcher, type BatchOutcome, type WriteBatcherSettings } from '../db/write-batcher.js';
import { stringifyExact } from '../shared/exact-json.js';
import type { Kysely } from 'kysely';
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
  private readonly batcher: WriteBatcher<CheckedTransfer, InternalTransferResult>;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    batching: WriteBatcherSettings,
  ) {
    this.batcher = new WriteBatcher(database, batching, {
      batch: (tx, batch) => this.writeBatch(tx, batch),
      single: (t) => this.writeOne(t),
      keyOf: (t) => (t.ctx.idempotency === undefined ? null : `${t.ctx.idempotency.customersId} ${t.ctx.idempotency.key}`),
    });
  }

  /** Batches written so far and the transfers they carried (for the benchmark's census). */
  get batchStats(): { readonly batches: number; readonly members: number } {
    return this.batcher.stats;
  }

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
    return this.batcher.submit({
      source,
      destination,
      asset,
      amount,
      reference,
      dateTime: isoTimestamp(this.clock.nowMs()),
      description: reference ?? `Internal transfer ${source.id} to ${destination.id}`,
      ctx,
    });
  }

  /** One transfer in its own transaction (a batch of one, or a batch's fallback). */
  private writeOne(t: CheckedTransfer): Promise<InternalTransferResult> {
    const dialect = this.database.dialect;
    return runWrite(this.database, t.ctx, async (tx) => {
      // One journal of two legs (the clearing account's legs cancel and are not written); the
      // ledger refuses an overdraft of the source (Insufficient_Funds on Amount).
      const [debitId, creditId] = await recordTransactions(tx, dialect, rowsOf(t));
      assert(debitId !== undefined && creditId !== undefined, 'both legs recorded');
      await linkLegs(tx, ...legsOf(t, debitId, creditId));
      return resultOf(t, debitId, creditId);
    });
  }

  /**
   * Transfers that arrived together, in one transaction: one lock statement, one journal insert,
   * one rows insert, one link update, one idempotency insert. Each is checked in order against the
   * balances the ones before it left; a refused one writes nothing and gets its refusal.
   */
  private async writeBatch(tx: Kysely<Database>, submitted: readonly CheckedTransfer[]): Promise<BatchOutcome<InternalTransferResult>[]> {
    // The rows written together share one instant (their accounts' order is by date, then id): the
    // batch's, which is no earlier than any member's request.
    const dateTime = isoTimestamp(this.clock.nowMs());
    const batch = submitted.map((t) => ({ ...t, dateTime }));
    const recorded = await recordPostedTransactionsEach(tx, this.database.dialect, batch.map(rowsOf));
    const outcomes = batch.map((t, i): BatchOutcome<InternalTransferResult> => {
      const ids = recorded[i];
      assert(ids !== undefined, 'one outcome per transfer');
      if (ids instanceof DomainError) return { ok: false, error: ids };
      const [debitId, creditId] = ids;
      assert(debitId !== undefined && creditId !== undefined, 'both legs recorded');
      return { ok: true, value: resultOf(t, debitId, creditId) };
    });
    await linkLegsEach(
      tx,
      batch.flatMap((t, i) => {
        const outcome = outcomes[i];
        return outcome?.ok === true ? [legsOf(t, outcome.value.transactionsId, outcome.value.complementaryTransactionId)] : [];
      }),
    );
    await recordIdempotentResults(
      tx,
      batch.flatMap((t, i) => {
        const outcome = outcomes[i];
        return outcome?.ok === true && t.ctx.idempotency !== undefined ? [{ record: t.ctx.idempotency, resultJson: stringifyExact(outcome.value) }] : [];
      }),
    );
    return outcomes;
  }
}

/** A transfer whose parties and amount passed every check that needs no lock. */
interface CheckedTransfer {
  readonly source: AccountWithKyc;
  readonly destination: AccountWithKyc;
  readonly asset: AssetRow;
  readonly amount: bigint;
  readonly reference: string | null;
  readonly dateTime: string;
  readonly description: string;
  readonly ctx: WriteContext;
}

/** Its two rows (debit, credit): one journal of two legs. */
function rowsOf(t: CheckedTransfer): NewTransaction[] {
  const common = {
    asset: t.asset.code,
    description: t.description,
    transactionType: 'InternalTransfer',
    rail: 'INTERNAL',
    systemAccount: systemAccount.internal(t.asset.code),
    status: 'Completed' as const,
    details: {},
    dateTime: t.dateTime,
  };
  return [
    { ...common, accountsId: t.source.id, customersId: t.source.customers_id, amount: -t.amount },
    { ...common, accountsId: t.destination.id, customersId: t.destination.customers_id, amount: t.amount },
  ];
}

function legsOf(t: CheckedTransfer, debitId: number, creditId: number): [Leg, Leg] {
  const internal = { fromCustomerId: t.source.customers_id, fromAssetAccountId: t.source.id, toCustomerId: t.destination.customers_id, toAssetAccountId: t.destination.id };
  return [
    { transactionsId: debitId, accountsId: t.source.id, details: { internalTransferDetails: { complementaryTransactionId: creditId, ...internal }, reference: t.reference } },
    { transactionsId: creditId, accountsId: t.destination.id, details: { internalTransferDetails: { complementaryTransactionId: debitId, ...internal }, reference: t.reference } },
  ];
}

function resultOf(t: CheckedTransfer, debitId: number, creditId: number): InternalTransferResult {
  return {
    transactionsId: debitId,
    complementaryTransactionId: creditId,
    sourceAccountId: t.source.id,
    destinationAccountId: t.destination.id,
    asset: t.asset.code,
    amount: decimalLiteral(t.amount, t.asset.precision),
    reference: t.reference,
    transactionStatus: 'Completed',
    dateTime: t.dateTime,
  };
}
