import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { assert } from '../shared/assert.js';
import { DomainError } from '../shared/domain-error.js';
import { applyLegs, assertBalanced, breaksNoOverdraft, withoutCancellingSystemLegs, type JournalDraft, type LegDraft, type StoredBalances } from './journal.js';
import { unitsFromColumn, unitsToColumn } from './money-column.js';

/** Stored balances stay below 10^20 (the NUMERIC(38,18) columns' range). */
export const BALANCE_LIMIT_UNITS = 10n ** 20n * 10n ** 18n;

export interface LedgerAccountDraft {
  readonly accountsId: number;
  readonly asset: string;
  /** The account rule: available (posted + pending out) may never be lowered below zero. */
  readonly debitsMustNotExceedCredits: boolean;
}

/** Opens the ledger's side of an asset account: its rule and zero balances. */
export async function openLedgerAccount(tx: Kysely<Database>, draft: LedgerAccountDraft): Promise<void> {
  const zero = unitsToColumn(0n);
  await tx
    .insertInto('ledger_balances')
    .values({
      accounts_id: draft.accountsId,
      asset: draft.asset,
      b_debits_must_not_exceed_credits: draft.debitsMustNotExceedCredits ? 1 : 0,
      posted: zero,
      pending_in: zero,
      pending_out: zero,
    })
    .execute();
}

export interface LockedAccount extends StoredBalances {
  readonly debitsMustNotExceedCredits: boolean;
}

/**
 * Reads accounts' stored balances, locking the rows on PostgreSQL in id order (a fixed order, so
 * two writers never deadlock). On SQLite the transaction already holds the write lock.
 *
 * The lock order on PostgreSQL: an account's balance row first, then the rows of that account a
 * transaction changes (its transaction rows, its holds). A transfer batch holds its balances while
 * it renumbers its accounts' later transaction rows, so a path that changed a row first (ending a
 * pending transaction, claiming one for reversal, ending a hold) and locked the balance second met
 * it in a deadlock; those paths now lock the balance first.
 */
export async function lockBalances(tx: Kysely<Database>, dialect: DialectName, ids: readonly number[]): Promise<Map<number, LockedAccount>> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const out = new Map<number, LockedAccount>();
  if (unique.length === 0) return out;
  let query = tx
    .selectFrom('ledger_balances')
    .select(['accounts_id', 'posted', 'pending_in', 'pending_out', 'b_debits_must_not_exceed_credits'])
    .where('accounts_id', 'in', unique)
    .orderBy('accounts_id');
  if (dialect === 'postgres') query = query.forUpdate();
  for (const row of await query.execute()) out.set(row.accounts_id, lockedAccountFromRow(row));
  return out;
}

/** The stored columns of `ledger_balances` a lock reads. */
export interface LockedBalanceColumns {
  readonly posted: string;
  readonly pending_in: string;
  readonly pending_out: string;
  readonly b_debits_must_not_exceed_credits: number;
}

/**
 * An account's balances from a row its caller read under the same lock as lockBalances takes (in
 * one statement with what else it reads: on PostgreSQL `FOR UPDATE` of the `ledger_balances` rows,
 * in account id order; on SQLite inside the write transaction).
 */
export function lockedAccountFromRow(row: LockedBalanceColumns): LockedAccount {
  return {
    posted: unitsFromColumn(row.posted),
    pendingIn: unitsFromColumn(row.pending_in),
    pendingOut: unitsFromColumn(row.pending_out),
    debitsMustNotExceedCredits: row.b_debits_must_not_exceed_credits === 1,
  };
}

export interface JournalOptions {
  /** The request field an `Insufficient_Funds` refusal names (default `Amount`). */
  readonly insufficientFundsField?: string;
}

export interface JournalsEachOptions extends JournalOptions {
  /**
   * The balances of every account the journals touch, already locked by the caller's own statement
   * (see lockedAccountFromRow); without them, writeJournalsEach locks them itself.
   */
  readonly locked?: ReadonlyMap<number, LockedAccount>;
}

interface MovedBalances {
  readonly accountsId: number;
  readonly after: StoredBalances;
}

/**
 * Appends balanced journals written together (one use case) and moves the stored balances of the
 * customer accounts they touch. The ledger enforces its rules here, whatever the caller checked:
 * each journal balances per asset and bucket, an account with `debitsMustNotExceedCredits` is never
 * overdrawn (`Insufficient_Funds`), a balance never leaves the column's range (`Invalid`). All of it
 * is computed before anything is written. Returns the journals' ids in the order given.
 */
export async function writeJournals(tx: Kysely<Database>, dialect: DialectName, drafts: readonly JournalDraft[], options: JournalOptions = {}): Promise<number[]> {
  if (drafts.length === 0) return [];
  const journals = drafts.map((d) => ({ ...d, legs: withoutCancellingSystemLegs(d.legs) }));
  for (const journal of drafts) assertBalanced(journal);
  const allLegs = journals.flatMap((j) => j.legs);
  const locked = await lockBalances(tx, dialect, accountsOf(allLegs));
  const moved = moveBalances(locked, allLegs, options);
  if (moved instanceof DomainError) throw moved;
  return insertJournals(tx, dialect, journals, moved);
}

/**
 * Journals of independent use cases written together (a batch of transfers): each is checked on
 * its own, in the order given, against the balances the journals before it left, and one that
 * breaks a rule is left out (its slot holds the refusal) while the others are written. One lock
 * statement, one write; the caller's transaction commits them together.
 */
export async function writeJournalsEach(
  tx: Kysely<Database>,
  dialect: DialectName,
  drafts: readonly JournalDraft[],
  options: JournalsEachOptions = {},
): Promise<(number | DomainError)[]> {
  if (drafts.length === 0) return [];
  const journals = drafts.map((d) => ({ ...d, legs: withoutCancellingSystemLegs(d.legs) }));
  for (const journal of drafts) assertBalanced(journal);
  // Copied: the checks below move the balances journal by journal.
  const locked = options.locked === undefined ? await lockBalances(tx, dialect, accountsOf(journals.flatMap((j) => j.legs))) : new Map(options.locked);
  const outcomes: (DomainError | null)[] = journals.map((journal) => {
    const moved = moveBalances(locked, journal.legs, options);
    if (moved instanceof DomainError) return moved;
    // The next journal is checked against what this one leaves.
    for (const m of moved) locked.set(m.accountsId, { ...(locked.get(m.accountsId) as LockedAccount), ...m.after });
    return null;
  });
  const written = journals.filter((_, i) => outcomes[i] === null);
  const ids = written.length === 0 ? [] : await insertJournals(tx, dialect, written, finalBalances(locked, accountsOf(written.flatMap((j) => j.legs))));
  let next = 0;
  return outcomes.map((refusal) => refusal ?? (ids[next++] as number));
}

function accountsOf(journalLegs: readonly LegDraft[]): number[] {
  return [...new Set(journalLegs.flatMap((l) => (l.accountsId === null ? [] : [l.accountsId])))].sort((a, b) => a - b);
}

function finalBalances(locked: ReadonlyMap<number, LockedAccount>, ids: readonly number[]): MovedBalances[] {
  return ids.map((accountsId) => ({ accountsId, after: locked.get(accountsId) as LockedAccount }));
}

/** The balances `journalLegs` leave on the accounts they touch, or the rule they break. */
function moveBalances(locked: ReadonlyMap<number, LockedAccount>, journalLegs: readonly LegDraft[], options: JournalOptions): MovedBalances[] | DomainError {
  const moved: MovedBalances[] = [];
  for (const accountsId of accountsOf(journalLegs)) {
    const before = locked.get(accountsId);
    assert(before !== undefined, `ledger account ${accountsId} exists`);
    const after = applyLegs(
      before,
      journalLegs.filter((l) => l.accountsId === accountsId),
    );
    if (before.debitsMustNotExceedCredits && breaksNoOverdraft(before, after)) return new DomainError('Insufficient_Funds', options.insufficientFundsField ?? 'Amount');
    // NUMERIC(38,18) holds less than 10^20: a balance that would not fit is refused, not a crash.
    if ([after.posted, after.pendingIn, after.pendingOut].some((b) => b >= BALANCE_LIMIT_UNITS || b <= -BALANCE_LIMIT_UNITS)) return new DomainError('Invalid', 'Amount');
    moved.push({ accountsId, after });
  }
  return moved;
}

/** Writes checked journals, their legs and the balances they leave; returns the ids in the order given. */
async function insertJournals(tx: Kysely<Database>, dialect: DialectName, journals: readonly JournalDraft[], moved: readonly MovedBalances[]): Promise<number[]> {
  if (dialect === 'postgres') return writeJournalsInOneStatement(tx, journals, moved);
  const inserted = await tx
    .insertInto('ledger_journals')
    .values(journals.map((j) => ({ kind: j.kind, date_time: j.dateTime })))
    .returning('id')
    .execute();
  // Both databases assign increasing ids within one INSERT: sorted ids are the rows in VALUES order.
  const ids = inserted.map((r) => r.id).sort((a, b) => a - b);
  assert(ids.length === journals.length, 'one id per journal');
  const legRows = journals.flatMap((j, i) =>
    j.legs.map((l) => ({
      journals_id: ids[i] as number,
      accounts_id: l.accountsId,
      system_account: l.systemAccount,
      asset: l.asset,
      bucket: l.bucket,
      amount: unitsToColumn(l.amount),
    })),
  );
  if (legRows.length > 0) await tx.insertInto('ledger_legs').values(legRows).execute();
  if (moved.length > 0) await sql`update ledger_balances set ${balanceAssignments(dialect, moved)} where accounts_id in (${sql.join(moved.map((m) => m.accountsId))})`.execute(tx);
  return ids;
}

/**
 * PostgreSQL: the journals, their legs and the balances in one statement (each statement is a
 * round trip). The journals are inserted in the order given, so their ids ascend in that order;
 * each leg finds its journal by that position.
 */
async function writeJournalsInOneStatement(tx: Kysely<Database>, journals: readonly JournalDraft[], moved: readonly MovedBalances[]): Promise<number[]> {
  // VALUES outside an INSERT take no types from a table: every value is cast to its column type.
  const journalValues = sql.join(journals.map((j, i) => sql`(cast(${i + 1} as integer), cast(${j.kind} as text), cast(${j.dateTime} as text))`));
  const legCount = journals.reduce((n, j) => n + j.legs.length, 0);
  const legValues = sql.join(
    journals.flatMap((j, i) =>
      j.legs.map(
        (l) =>
          sql`(cast(${i + 1} as integer), cast(${l.accountsId} as bigint), cast(${l.systemAccount} as text), cast(${l.asset} as text), cast(${l.bucket} as text), cast(${unitsToColumn(l.amount)} as numeric))`,
      ),
    ),
  );
  const legInsert =
    legCount === 0
      ? sql``
      : sql`, l as (
      insert into ledger_legs (journals_id, accounts_id, system_account, asset, bucket, amount)
      select p.id, v.accounts_id, v.system_account, v.asset, v.bucket, v.amount
      from (values ${legValues}) as v (position, accounts_id, system_account, asset, bucket, amount) join p on p.position = v.position
    )`;
  const update =
    moved.length === 0
      ? sql``
      : sql`, u as (update ledger_balances set ${balanceAssignments('postgres', moved)} where accounts_id in (${sql.join(moved.map((m) => m.accountsId))}) returning 1)`;
  const result = await sql<{ id: number }>`
    with j as (
      insert into ledger_journals (kind, date_time)
      select v.kind, v.date_time from (values ${journalValues}) as v (position, kind, date_time) order by v.position
      returning id
    ),
    p as (select id, row_number() over (order by id) as position from j)${legInsert}${update}
    select id from p order by position`.execute(tx);
  const ids = result.rows.map((r) => Number(r.id));
  assert(ids.length === journals.length, 'one id per journal');
  return ids;
}

/** `posted = case …, pending_in = …, pending_out = …` for the accounts moved. */
function balanceAssignments(dialect: DialectName, moved: readonly MovedBalances[]): RawBuilder<unknown> {
  // Parameters in a CASE have no type of their own: PostgreSQL is told their types.
  const money = (units: bigint) => (dialect === 'postgres' ? sql`cast(${unitsToColumn(units)} as numeric)` : sql`${unitsToColumn(units)}`);
  const byAccount = (value: (m: MovedBalances) => RawBuilder<unknown>) =>
    sql`case ${sql.join(
      moved.map((m) => sql`when accounts_id = ${m.accountsId} then ${value(m)}`),
      sql` `,
    )} end`;
  return sql.join([
    sql`posted = ${byAccount((m) => money(m.after.posted))}`,
    sql`pending_in = ${byAccount((m) => money(m.after.pendingIn))}`,
    sql`pending_out = ${byAccount((m) => money(m.after.pendingOut))}`,
  ]);
}
