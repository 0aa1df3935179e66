import { checkAmount, loadAssets, readTransferParties, recordPostedPairsEach, type AssetRow, type PartyAccount, type PostedPair, type TransferParties } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { inTransaction } from '../db/transaction.js';
import type { WriteContext } from '../db/unit-of-work.js';
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

/** In reach and not suppressed: an account money may leave or enter. */
function usableInReach(account: PartyAccount | undefined, principalId: number): account is PartyAccount {
  // The principal's own customer and the customers it manages (customersInScope).
  return account !== undefined && (account.customers_id === principalId || account.manager_customers_id === principalId) && account.b_suppressed === 0;
}

/** The owner of an account in reach must be a customer money may move for. */
function checkOwner(account: PartyAccount, fieldName: string): void {
  // A KYC rejection is final (docs/managees.md): the customer is closed, as good as gone.
  if (account.kyc_status === 'Rejected') throw new DomainError('User_Not_Found', fieldName);
  if (account.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', fieldName);
}

/** A transfer as the request gave it, before anything is read. */
interface RequestedTransfer {
  readonly principalId: number;
  readonly kind: InternalKind;
  readonly input: InternalTransferBody;
  readonly ctx: WriteContext;
  /** The assets by code, as read when the request arrived. */
  readonly assets: ReadonlyMap<string, AssetRow>;
}

/** An asset by code, matched case-insensitively as findAsset matches. */
function assetOf(assets: ReadonlyMap<string, AssetRow>, code: string): AssetRow | undefined {
  const wanted = code.toLowerCase();
  return assets.get(code) ?? [...assets.values()].find((a) => a.code.toLowerCase() === wanted);
}

/**
 * Moves money between two accounts of the same asset within the principal's reach, at once: two
 * linked transactions (debit and credit) in one database transaction. Transfers that arrive
 * together are one batch (db/write-batcher.ts): their parties are read, checked and written inside
 * the batch's transaction, so a request costs no statement of its own.
 */
export class InternalTransferService {
  private readonly batcher: WriteBatcher<RequestedTransfer, InternalTransferResult>;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
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

  async transfer(principalId: number, kind: InternalKind, input: InternalTransferBody, ctx: WriteContext): Promise<InternalTransferResult> {
    // The asset table (cached) is read before the batch, so a batch holding a pool connection never waits for another.
    const assets = await loadAssets(this.database.reader);
    return this.batcher.submit({ principalId, kind, input, ctx, assets });
  }

  /**
   * The two accounts and their asset, and the amount in units, or the documented code of the first
   * problem (docs/transfers.md). Reach is checked before anything the account holds, so the answer
   * for another principal's account is the answer for an unknown id: it says nothing about that account.
   */
  private check(t: RequestedTransfer, parties: TransferParties, dateTime: string): CheckedTransfer {
    const { input } = t;
    const source = parties.accounts.get(input.SourceAccountId);
    const destination = parties.accounts.get(input.DestinationAccountId);
    if (!usableInReach(source, t.principalId)) throw new DomainError('Invalid_Source_Account', 'SourceAccountId');
    if (!usableInReach(destination, t.principalId) || destination.id === source.id) throw new DomainError('Invalid_Destination_Account', 'DestinationAccountId');
    const asset = assetOf(t.assets, source.asset);
    if (asset === undefined || asset.asset_class !== ASSET_CLASS[t.kind]) throw new DomainError('Invalid_Asset', 'SourceAccountId');
    if (destination.asset !== source.asset) throw new DomainError('Invalid_Asset', 'DestinationAccountId');
    checkOwner(source, 'SourceAccountId');
    checkOwner(destination, 'DestinationAccountId');
    const amount = checkAmount(input.Amount, asset.precision, 'Amount', asset.code);
    const reference = input.Reference ?? null;
    return { source, destination, asset, amount, reference, dateTime, description: reference ?? `Internal transfer ${source.id} to ${destination.id}`, ctx: t.ctx };
  }

  /** One transfer in its own transaction (a batch of one, or a batch's fallback). */
  private async writeOne(t: RequestedTransfer): Promise<InternalTransferResult> {
    const [outcome] = await inTransaction(this.database, (tx) => this.writeBatch(tx, [t]));
    assert(outcome !== undefined, 'one outcome');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Transfers that arrived together, in one transaction: one statement reads every party, locks
   * their balances and reserves the new rows' ids (readTransferParties), then one journal insert,
   * one rows insert, one idempotency insert. Each is checked in order, against the balances the
   * ones before it left; a refused one writes nothing and gets its refusal.
   */
  private async writeBatch(tx: Kysely<Database>, requested: readonly RequestedTransfer[]): Promise<BatchOutcome<InternalTransferResult>[]> {
    // The rows written together share one instant (their accounts' order is by date, then id): the
    // batch's, which is no earlier than any member's request.
    const dateTime = isoTimestamp(this.clock.nowMs());
    const parties = await readTransferParties(
      tx,
      this.database.dialect,
      requested.flatMap((t) => [t.input.SourceAccountId, t.input.DestinationAccountId]),
      { idsToReserve: 2 * requested.length, rowsAfter: dateTime, principals: [...new Set(requested.map((t) => t.principalId))] },
    );
    const outcomes: BatchOutcome<InternalTransferResult>[] = [];
    const checked: { readonly at: number; readonly transfer: CheckedTransfer }[] = [];
    for (const [at, t] of requested.entries()) {
      try {
        checked.push({ at, transfer: this.check(t, parties, dateTime) });
      } catch (error) {
        // A refusal answers its member; anything else is the batch's failure.
        if (!(error instanceof DomainError)) throw error;
        outcomes[at] = { ok: false, error };
      }
    }
    const recorded = await recordPostedPairsEach(
      tx,
      this.database.dialect,
      parties,
      checked.map(({ transfer }) => pairOf(transfer)),
    );
    const replies: { record: NonNullable<WriteContext['idempotency']>; resultJson: string }[] = [];
    checked.forEach(({ at, transfer }, i) => {
      const ids = recorded[i];
      assert(ids !== undefined, 'one outcome per transfer');
      if (ids instanceof DomainError) {
        outcomes[at] = { ok: false, error: ids };
        return;
      }
      const value = resultOf(transfer, ...ids);
      outcomes[at] = { ok: true, value };
      if (transfer.ctx.idempotency !== undefined) replies.push({ record: transfer.ctx.idempotency, resultJson: stringifyExact(value) });
    });
    await recordIdempotentResults(tx, replies);
    return outcomes;
  }
}

/** A transfer whose parties and amount passed every check that needs no lock. */
interface CheckedTransfer {
  readonly source: PartyAccount;
  readonly destination: PartyAccount;
  readonly asset: AssetRow;
  readonly amount: bigint;
  readonly reference: string | null;
  readonly dateTime: string;
  readonly description: string;
  readonly ctx: WriteContext;
}

/** Its two rows (debit, credit): one journal of two legs, linked both ways. */
function pairOf(t: CheckedTransfer): PostedPair {
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
  const internal = { fromCustomerId: t.source.customers_id, fromAssetAccountId: t.source.id, toCustomerId: t.destination.customers_id, toAssetAccountId: t.destination.id };
  return {
    rows: [
      { ...common, accountsId: t.source.id, customersId: t.source.customers_id, amount: -t.amount },
      { ...common, accountsId: t.destination.id, customersId: t.destination.customers_id, amount: t.amount },
    ],
    principals: [t.source.manager_customers_id ?? t.source.customers_id, t.destination.manager_customers_id ?? t.destination.customers_id],
    details: (debitId, creditId) => [
      { internalTransferDetails: { complementaryTransactionId: creditId, ...internal }, reference: t.reference },
      { internalTransferDetails: { complementaryTransactionId: debitId, ...internal }, reference: t.reference },
    ],
  };
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
