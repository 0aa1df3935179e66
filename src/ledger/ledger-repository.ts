import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { applyEntries, assertBalanced, type EntryDraft, type StoredBalances } from './entries.js';
import { unitsFromColumn, unitsToColumn } from './money-column.js';
import { DomainError } from '../shared/domain-error.js';

/** Stored balances stay below 10^20 (the NUMERIC(38,18) columns' range). */
export const BALANCE_LIMIT_UNITS = 10n ** 20n * 10n ** 18n;

export interface PostingDraft {
  readonly transactionsId: number;
  readonly kind: 'create' | 'complete' | 'fail' | 'cancel';
  /** True for the posting that ends a pending transaction; the database allows one per transaction. */
  readonly isOutcome: boolean;
  readonly dateTime: string;
  readonly entries: readonly EntryDraft[];
}

/**
 * Reads customer accounts' stored balances, locking the rows on PostgreSQL in id order (a fixed
 * order, so two transfers never deadlock). On SQLite the transaction already holds the write lock.
 */
export async function lockBalances(tx: Kysely<Database>, dialect: DialectName, ids: readonly number[]): Promise<Map<number, StoredBalances>> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const out = new Map<number, StoredBalances>();
  if (unique.length === 0) return out;
  let query = tx.selectFrom('accounts').select(['id', 'posted_balance', 'pending_in', 'pending_out']).where('id', 'in', unique).orderBy('id');
  // NO KEY UPDATE, not UPDATE: inserting a transaction row takes a KEY SHARE lock on its account
  // (the foreign key), which FOR UPDATE would conflict with — two writers on one account would
  // each hold KEY SHARE and wait for the other's: a deadlock.
  if (dialect === 'postgres') query = query.forNoKeyUpdate();
  for (const row of await query.execute()) {
    out.set(row.id, { posted: unitsFromColumn(row.posted_balance), pendingIn: unitsFromColumn(row.pending_in), pendingOut: unitsFromColumn(row.pending_out) });
  }
  return out;
}

/** Appends one balanced posting and its entries, and moves the stored balances with them. */
export async function writePosting(tx: Kysely<Database>, dialect: DialectName, draft: PostingDraft): Promise<void> {
  assertBalanced(draft.entries);
  const customerIds = draft.entries.flatMap((e) => (e.accountsId === null ? [] : [e.accountsId]));
  const balances = await lockBalances(tx, dialect, customerIds);
  const posting = await tx
    .insertInto('postings')
    .values({ transactions_id: draft.transactionsId, kind: draft.kind, outcome_key: draft.isOutcome ? 'outcome' : null, date_time: draft.dateTime })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('ledger_entries')
    .values(
      draft.entries.map((e) => ({
        postings_id: posting.id,
        accounts_id: e.accountsId,
        system_account: e.systemAccount,
        asset: e.asset,
        bucket: e.bucket,
        amount: unitsToColumn(e.amount),
      })),
    )
    .execute();
  for (const [accountsId, before] of balances) {
    const after = applyEntries(before, draft.entries.filter((e) => e.accountsId === accountsId));
    // NUMERIC(38,18) holds less than 10^20: a balance that would not fit is refused, not a crash.
    if ([after.posted, after.pendingIn, after.pendingOut].some((b) => b >= BALANCE_LIMIT_UNITS || b <= -BALANCE_LIMIT_UNITS)) {
      throw new DomainError('Invalid', 'Amount');
    }
    await tx
      .updateTable('accounts')
      .set({ posted_balance: unitsToColumn(after.posted), pending_in: unitsToColumn(after.pendingIn), pending_out: unitsToColumn(after.pendingOut) })
      .where('id', '=', accountsId)
      .execute();
  }
}
