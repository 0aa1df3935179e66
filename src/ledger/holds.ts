import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { Database, LedgerHoldsTable } from '../db/schema.js';
import { assert } from '../shared/assert.js';
import type { Selectable } from 'kysely';
import { legs, pendingBucket, type JournalDraft } from './journal.js';
import { writeJournals, type JournalOptions } from './journal-repository.js';
import { unitsFromColumn, unitsToColumn } from './money-column.js';

/**
 * Holds (TigerBeetle's pending transfers): an amount between a customer account and a system
 * account that is reserved, not yet posted. Negative reserves money leaving the account (its
 * available balance drops at once); positive is money on its way in (counted in the total, not
 * available). A hold ends once: captured in full or in part (the rest is released), voided, or
 * expired when its deadline passes.
 */
export type HoldRow = Selectable<LedgerHoldsTable>;

export interface HoldDraft {
  readonly accountsId: number;
  readonly systemAccount: string;
  readonly asset: string;
  /** Signed, from the account's side: negative reserves funds, positive is pending inbound. */
  readonly amount: bigint;
  /** When it is released if still pending; null for none (a bank rail settles it). */
  readonly deadline: string | null;
}

export interface PlacedHolds {
  readonly journalsId: number;
  readonly holdIds: number[];
}

/** Places holds in one journal (the account rule applies to the reserved amounts). */
export async function placeHolds(tx: Kysely<Database>, dialect: DialectName, drafts: readonly HoldDraft[], dateTime: string, options: JournalOptions = {}): Promise<PlacedHolds> {
  assert(drafts.length > 0 && drafts.every((h) => h.amount !== 0n), 'holds reserve an amount');
  const journal: JournalDraft = { kind: 'hold', dateTime, legs: drafts.flatMap((h) => legs(h.accountsId, h.systemAccount, h.asset, pendingBucket(h.amount), h.amount)) };
  const [journalsId] = await writeJournals(tx, dialect, [journal], options);
  assert(journalsId !== undefined, 'the hold journal was written');
  const rows = await tx
    .insertInto('ledger_holds')
    .values(
      drafts.map((h) => ({
        journals_id: journalsId,
        accounts_id: h.accountsId,
        system_account: h.systemAccount,
        asset: h.asset,
        amount: unitsToColumn(h.amount),
        captured_amount: unitsToColumn(0n),
        status: 'pending' as const,
        deadline: h.deadline,
        date_placed: dateTime,
        date_ended: null,
        ended_journals_id: null,
      })),
    )
    .returning('id')
    .execute();
  return { journalsId, holdIds: rows.map((r) => r.id).sort((a, b) => a - b) };
}

export type HoldEnd = 'captured' | 'voided' | 'expired';

/**
 * Ends a pending hold exactly once (its row is locked and read first: a second attempt, concurrent
 * or late, finds it ended and gets null). Capturing `amount` (default: all of it; same sign, at most the
 * hold) posts it and releases the rest; voiding or expiring releases it all. Returns the journal.
 */
export async function endHold(tx: Kysely<Database>, dialect: DialectName, holdId: number, end: HoldEnd, dateTime: string, captureAmount?: bigint): Promise<number | null> {
  // Locked (PostgreSQL; SQLite's transaction already holds the write lock), so of two requests
  // ending one hold the second waits, then sees it ended. Its account's balance is locked first:
  // every path takes a balance before the rows of that account it changes (see lockBalances).
  let query = tx.selectFrom('ledger_holds').selectAll().where('id', '=', holdId);
  if (dialect === 'postgres') {
    // One statement: the balance of the hold's account, found by the hold (the hold row itself is not locked by it).
    await tx
      .selectFrom('ledger_balances')
      .select('accounts_id')
      .where('accounts_id', '=', (eb) => eb.selectFrom('ledger_holds').select('accounts_id').where('id', '=', holdId))
      .forUpdate()
      .execute();
    query = query.forUpdate();
  }
  const hold = await query.executeTakeFirst();
  assert(hold !== undefined, `hold ${holdId} exists`);
  if (hold.status !== 'pending') return null;
  const amount = unitsFromColumn(hold.amount);
  const captured = end === 'captured' ? (captureAmount ?? amount) : 0n;
  assert(captured === 0n || captured > 0n === amount > 0n, 'a capture has the sign of its hold');
  assert((captured < 0n ? -captured : captured) <= (amount < 0n ? -amount : amount), 'a capture is at most its hold');
  const release = legs(hold.accounts_id, hold.system_account, hold.asset, pendingBucket(amount), -amount);
  const post = captured === 0n ? [] : legs(hold.accounts_id, hold.system_account, hold.asset, 'posted', captured);
  const [journalsId] = await writeJournals(tx, dialect, [{ kind: end === 'captured' ? 'capture' : end === 'voided' ? 'void' : 'expiry', dateTime, legs: [...release, ...post] }]);
  assert(journalsId !== undefined, 'the journal that ends the hold was written');
  await tx
    .updateTable('ledger_holds')
    .set({ status: end, captured_amount: unitsToColumn(captured), date_ended: dateTime, ended_journals_id: journalsId })
    .where('id', '=', holdId)
    .execute();
  return journalsId;
}

/** Pending holds whose deadline has passed, oldest first, at most `limit`. */
export async function findExpiredHolds(db: Kysely<Database>, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('ledger_holds')
    .select('id')
    .where('status', '=', 'pending')
    .where('deadline', 'is not', null)
    .where('deadline', '<', now)
    .orderBy('deadline')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A hold by id (inside the caller's transaction, to see its own writes). */
export function readHold(tx: Kysely<Database>, holdId: number): Promise<HoldRow> {
  return tx.selectFrom('ledger_holds').selectAll().where('id', '=', holdId).executeTakeFirstOrThrow();
}
