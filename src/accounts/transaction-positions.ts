import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PageRequest } from '../shared/paging.js';
import { pageOffset } from '../shared/paging.js';

/**
 * A transaction row's position on its account (`account_seq`). Invariant, checked by `verify`: an
 * account's rows, in `date_time, id` order, have the positions 1 … transaction_count. Page N of an
 * account's list (newest first) is then a range of positions, which the index finds at any depth,
 * where OFFSET would step over every row before it.
 *
 * Insertion keeps it: a new row's id is above every id already on its account (the writer holds the
 * account's ledger balance lock, see lockBalances, before rows are inserted), so it goes after the
 * rows at or before its date_time and before the rows after it (a row back-dated, or a request whose
 * clock reading lost the race for the lock); those later rows move up by one.
 */

/** The positions of a batch's rows on their accounts, and the shift of the rows they land before. */
export interface Placement {
  /** `account_seq` of each new row, in the batch's order (SQL read at insert, before the count moves). */
  readonly positions: readonly RawBuilder<number>[];
  /** `account_seq + …` for the existing rows after `dateTime` on the batch's accounts. */
  readonly shift: RawBuilder<number>;
}

/** The batch's rows all carry one `dateTime` (one use case, one "now"). */
export function placeRows(rows: readonly { readonly accounts_id: number }[], dateTime: string): Placement {
  const onAccount = new Map<number, number>();
  const positions = rows.map((r) => {
    const rank = (onAccount.get(r.accounts_id) ?? 0) + 1;
    onAccount.set(r.accounts_id, rank);
    // Rows after dateTime on the account are counted before this statement's own rows exist (they carry dateTime itself).
    return sql<number>`(select transaction_count from accounts where id = ${r.accounts_id}) + ${rank} - (select count(*) from transactions where accounts_id = ${r.accounts_id} and date_time > ${dateTime})`;
  });
  const byAccount = sql.join(
    [...onAccount].map(([id, n]) => sql`when accounts_id = ${id} then cast(${n} as bigint)`),
    sql` `,
  );
  return { positions, shift: sql<number>`account_seq + case ${byAccount} end` };
}

/** The positions an account's list covers: all of them, or those of the rows in a date range; null when none. */
export interface PositionSpan {
  readonly first: number;
  readonly last: number;
}

export async function positionSpan(
  db: Kysely<Database>,
  account: { readonly id: number; readonly transaction_count: number },
  range: { readonly from: string | null; readonly toExclusive: string | null },
): Promise<PositionSpan | null> {
  if (range.from === null && range.toExclusive === null) return account.transaction_count > 0 ? { first: 1, last: Number(account.transaction_count) } : null;
  const { from, toExclusive } = range;
  // Rows in a date range are consecutive positions: the first at or after `from`, the last before `to`.
  const row = await db
    .selectNoFrom((eb) => [
      (from === null
        ? eb.val(1)
        : eb.selectFrom('transactions').select('account_seq').where('accounts_id', '=', account.id).where('date_time', '>=', from).orderBy('date_time').orderBy('id').limit(1)
      ).as('first'),
      (toExclusive === null
        ? eb.selectFrom('accounts').select('transaction_count').where('id', '=', account.id)
        : eb
            .selectFrom('transactions')
            .select('account_seq')
            .where('accounts_id', '=', account.id)
            .where('date_time', '<', toExclusive)
            .orderBy('date_time', 'desc')
            .orderBy('id', 'desc')
            .limit(1)
      ).as('last'),
    ])
    .executeTakeFirstOrThrow();
  if (row.first === null || row.last === null) return null;
  const span = { first: Number(row.first), last: Number(row.last) };
  return span.last >= span.first ? span : null;
}

/** The positions of page N (newest first) within a span: [low, high], or null past the end. */
export function pagePositions(span: PositionSpan, page: PageRequest): { low: number; high: number } | null {
  const high = span.last - pageOffset(page);
  const low = Math.max(span.first, high - page.pageSize + 1);
  return high >= low ? { low, high } : null;
}
