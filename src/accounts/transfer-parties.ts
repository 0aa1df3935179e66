import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { assert } from '../shared/assert.js';
import type { AccountRow } from './account-views.js';
import { lockedAccountFromRow, type LockedAccount } from '../ledger/index.js';

/** An account a batch of transfers touches, within one of its principals' reach, read inside the batch's transaction. */
export type PartyAccount = AccountRow & {
  readonly kyc_status: string;
  /** The owner's manager (null for a principal's own account): with the owner, who may move its money. */
  readonly manager_customers_id: number | null;
};

/**
 * Where the ids of a batch's new transaction rows come from, so its rows are written once with
 * their links and details in place (no update after the insert). SQLite: the batch holds the write
 * lock, so the ids after the table's last (its AUTOINCREMENT sequence) are the ones an insert would
 * take. PostgreSQL: ids taken from the table's sequence in the parties' statement, once its balance
 * locks are held (so on each account ids still rise in the order rows are written, which orders the
 * rows of one instant); ones a refused transfer leaves unused are gaps, as a rolled-back insert's are.
 */
export class TransactionIds {
  private used = 0;

  constructor(private readonly take: (i: number) => number | undefined) {}

  next(): number {
    const id = this.take(this.used);
    this.used += 1;
    assert(id !== undefined, 'a reserved transaction id is left');
    return id;
  }
}

export interface TransferParties {
  /** The accounts by id (unknown ids are missing); whether the caller may use one is its check. */
  readonly accounts: ReadonlyMap<number, PartyAccount>;
  /** Their stored balances, locked for the rest of the batch's transaction. */
  readonly balances: ReadonlyMap<number, LockedAccount>;
  readonly transactionIds: TransactionIds;
  /**
   * SQLite only (the batch holds the write lock, so the counts stay as read until its own insert):
   * each account's stored row count and how many of its rows are later than `rowsAfter`, so new
   * rows' positions need no subquery. Null on PostgreSQL, where positions are read at insert, after
   * the balance locks.
   */
  readonly positions: ReadonlyMap<number, { readonly count: number; readonly later: number }> | null;
}

/**
 * The accounts of a batch of transfers with their owners' KYC status and manager, their balances
 * locked, and room for `idsToReserve` new transaction rows, in one statement inside the batch's
 * transaction.
 */
export async function readTransferParties(
  tx: Kysely<Database>,
  dialect: DialectName,
  accountIds: readonly number[],
  options: {
    readonly idsToReserve: number;
    readonly rowsAfter: string;
    /** The batch's principals: only accounts of their own or managed customers are read (and locked). */
    readonly principals: readonly number[];
  },
): Promise<TransferParties> {
  const ids = [...new Set(accountIds)];
  assert(ids.length > 0 && options.idsToReserve > 0 && options.principals.length > 0, 'a batch names accounts and writes rows');
  // The balances are locked as the ledger's lockBalances locks them (rows in account id order),
  // in this same statement: the batch's journals are checked against them.
  const base = tx
    .selectFrom('accounts as a')
    .innerJoin('customers as c', 'c.id', 'a.customers_id')
    .innerJoin('ledger_balances as b', 'b.accounts_id', 'a.id')
    .selectAll('a')
    .select(['c.kyc_status', 'c.manager_customers_id', 'b.posted', 'b.pending_in', 'b.pending_out', 'b.b_debits_must_not_exceed_credits'])
    .where('a.id', 'in', ids)
    // Another principal's account is neither read nor locked: to its batch it is an unknown id.
    .where((eb) => eb.or([eb('c.id', 'in', options.principals), eb('c.manager_customers_id', 'in', options.principals)]))
    .orderBy('a.id');
  if (dialect === 'postgres') {
    // The ids are taken only once every balance row is locked (the count reads the whole locked set
    // first): on each account, rows are written in the order their ids were taken, as an insert
    // taking its own ids under the lock would, so rows of one instant keep their id order there.
    const rows = await tx
      .with('locked', () => base.forUpdate('b'))
      .selectFrom('locked')
      .selectAll('locked')
      .select(
        sql<
          number[] | null
        >`(select array_agg(n order by n) from (select nextval(pg_get_serial_sequence('transactions', 'id')) as n from generate_series(1, ${options.idsToReserve}) where (select count(*) from locked) >= 0) as s)`.as(
          'reserved_ids',
        ),
      )
      .orderBy('locked.id')
      .execute();
    // No rows: no account known, so no transfer of the batch passes its checks or needs an id.
    const reserved = (rows[0]?.reserved_ids ?? []).map(Number);
    return {
      accounts: new Map(rows.map(({ reserved_ids: _, ...account }) => [account.id, account])),
      balances: new Map(rows.map((row) => [row.id, lockedAccountFromRow(row)])),
      transactionIds: new TransactionIds((i) => reserved[i]),
      positions: null,
    };
  }
  const rows = await base
    .select([
      sql<number>`(select count(*) from transactions t where t.accounts_id = a.id and t.date_time > ${options.rowsAfter})`.as('later_rows'),
      sql<number>`coalesce((select seq from sqlite_sequence where name = 'transactions'), (select max(id) from transactions), 0)`.as('last_transaction_id'),
    ])
    .execute();
  const last = rows[0]?.last_transaction_id;
  return {
    accounts: new Map(rows.map(({ later_rows: _l, last_transaction_id: _t, ...account }) => [account.id, account])),
    balances: new Map(rows.map((row) => [row.id, lockedAccountFromRow(row)])),
    transactionIds: new TransactionIds((i) => (last === undefined ? undefined : Number(last) + 1 + i)),
    positions: new Map(rows.map((r) => [r.id, { count: Number(r.transaction_count), later: Number(r.later_rows) }])),
  };
}
