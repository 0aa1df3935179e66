import type { Kysely, Selectable } from 'kysely';
import type { Database, ScreeningFlagsTable } from '../db/schema.js';
import { assert } from '../shared/assert.js';
import type { RawJson } from '../shared/exact-json.js';
import { DomainError } from '../shared/domain-error.js';
import { screenTransaction, type ScreeningInput, type ScreeningOutcome } from './screening-rules.js';

export type ScreeningFlagRow = Selectable<ScreeningFlagsTable>;

/** What a review decides about a held item. */
export type ReviewDecision = 'release' | 'reject';

/** What compliance shows of a held item (the RFI list's `orderType` and `name`, and links). */
export interface FlaggedItemSummary {
  readonly customersId: number;
  /** `OUT` (money leaving), `IN` (money arriving), or the owner's own word (an exchange). */
  readonly orderType: string;
  readonly description: string;
  /** The amount moved (positive, exact) and its asset. */
  readonly amount: RawJson | null;
  readonly asset: string | null;
  readonly transactionsId: number | null;
  readonly exchangeId: number | null;
  /** Whether the item is still waiting (pending) and so may be held for review now. */
  readonly bHoldable: boolean;
}

/**
 * How the module owning a kind of item releases or rejects it. Each call runs inside the
 * decision's database transaction, writes the ledger change and the item's own callbacks, and
 * returns the refund transaction (reject of money already reserved) when there is one.
 */
export interface FlaggedItemHandler {
  release(tx: Kysely<Database>, itemId: number, dateTime: string): Promise<void>;
  reject(tx: Kysely<Database>, itemId: number, dateTime: string): Promise<{ rollbackTransactionId: number | null }>;
  summary(db: Kysely<Database>, itemId: number): Promise<FlaggedItemSummary | undefined>;
}

/** Called inside the transaction that flagged an item (the RFI module opens its request there). */
export type FlagListener = (tx: Kysely<Database>, flag: ScreeningFlagRow) => Promise<void>;

export interface FlaggedItem {
  readonly kind: string;
  readonly itemId: number;
  readonly customersId: number;
  readonly reasons: readonly string[];
  readonly dateTime: string;
}

/**
 * Screening: the block list and the flagging rules, the record of held items, and the registry of
 * item kinds. Modules built later register their kind (`registerKind('exchange', …)`) and their
 * listeners (`onFlagged`) when their services are built, so nothing here imports them.
 */
export class ScreeningService {
  private readonly kinds = new Map<string, FlaggedItemHandler>();
  private readonly listeners: FlagListener[] = [];

  check(db: Kysely<Database>, input: ScreeningInput): Promise<ScreeningOutcome> {
    return screenTransaction(db, input);
  }

  registerKind(kind: string, handler: FlaggedItemHandler): void {
    assert(!this.kinds.has(kind), `item kind ${kind} is registered once`);
    this.kinds.set(kind, handler);
  }

  handlerOf(kind: string): FlaggedItemHandler | undefined {
    return this.kinds.get(kind);
  }

  onFlagged(listener: FlagListener): void {
    this.listeners.push(listener);
  }

  /** Records the item as held for review (inside the caller's transaction) and tells the listeners. */
  async flag(tx: Kysely<Database>, item: FlaggedItem): Promise<ScreeningFlagRow> {
    assert(this.kinds.has(item.kind), `item kind ${item.kind} has a handler`);
    const flag = await tx
      .insertInto('screening_flags')
      .values({
        item_kind: item.kind,
        item_id: item.itemId,
        customers_id: item.customersId,
        reasons: JSON.stringify(item.reasons),
        status: 'PendingReview',
        date_flagged: item.dateTime,
        date_decided: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const listener of this.listeners) await listener(tx, flag);
    return flag;
  }

  findFlag(db: Kysely<Database>, kind: string, itemId: number): Promise<ScreeningFlagRow | undefined> {
    return db.selectFrom('screening_flags').selectAll().where('item_kind', '=', kind).where('item_id', '=', itemId).executeTakeFirst();
  }

  /**
   * Decides a held item once (the status change is conditional: of two decisions one wins, the
   * other gets `Review_Not_Pending`), then lets its owner release or reject it, all in `tx`.
   */
  async decide(tx: Kysely<Database>, flagId: number, decision: ReviewDecision, dateTime: string): Promise<{ rollbackTransactionId: number | null }> {
    const flag = await tx.selectFrom('screening_flags').selectAll().where('id', '=', flagId).executeTakeFirst();
    assert(flag !== undefined, `screening flag ${flagId} exists`);
    const updated = await tx
      .updateTable('screening_flags')
      .set({ status: decision === 'release' ? 'Released' : 'Rejected', date_decided: dateTime })
      .where('id', '=', flagId)
      .where('status', '=', 'PendingReview')
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new DomainError('Review_Not_Pending', 'Id');
    const handler = this.kinds.get(flag.item_kind);
    assert(handler !== undefined, `item kind ${flag.item_kind} has a handler`);
    if (decision === 'release') {
      await handler.release(tx, Number(flag.item_id), dateTime);
      return { rollbackTransactionId: null };
    }
    return handler.reject(tx, Number(flag.item_id), dateTime);
  }
}

/** Whether an item is held for review now (settling it any other way is refused meanwhile). */
export async function isUnderReview(db: Kysely<Database>, kind: string, itemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('screening_flags')
    .select('id')
    .where('item_kind', '=', kind)
    .where('item_id', '=', itemId)
    .where('status', '=', 'PendingReview')
    .executeTakeFirst();
  return row !== undefined;
}
