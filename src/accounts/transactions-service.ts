import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { notFound } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, totalFromShortPage, type PageRequest } from '../shared/paging.js';
import type { AccountsService } from './accounts-service.js';
import { digitsOf, type AccountRow } from './account-views.js';
import { pagePositions, positionSpan } from './transaction-positions.js';
import type { TransactionRow } from './transaction-rows.js';
import { loadAssets } from './assets-repository.js';
import { customersInScope } from '../customers/index.js';
import { dateRange } from './date-filter.js';
import { transactionDetailView, transactionListItemView } from './transaction-views.js';
import { TRANSACTION_ITEM_KIND } from './flagged-transactions.js';
import { isUnderReview } from './screening-service.js';

type DateRange = ReturnType<typeof dateRange>;

interface ListedRows {
  readonly rows: readonly TransactionRow[];
  readonly total: number;
}

/** The transactions on the accounts of the principal and its managees, from the accounts' stored counts. */
async function storedCountInScope(db: Kysely<Database>, principalId: number): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.sum<number | string | null>('transaction_count').as('n'))
    .where('customers_id', 'in', customersInScope(db, principalId))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

export interface TransactionFilter {
  readonly accountsId?: number;
  readonly fromDate?: string;
  readonly toDate?: string;
}

/** Transactions as the API shows them: lists (newest first) and the detail object. */
export class TransactionsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly accounts: AccountsService,
  ) {}

  async list(principalId: number, filter: TransactionFilter, page: PageRequest) {
    const range = dateRange(filter.fromDate, filter.toDate);
    const account = filter.accountsId === undefined ? null : await this.accounts.findAccount(principalId, filter.accountsId, 'AccountsId');
    const [{ rows, total }, assets] = await Promise.all([
      account === null ? this.acrossAccounts(principalId, range, page) : this.onAccount(account, range, page),
      loadAssets(this.database.reader),
    ]);
    return {
      items: rows.map((r) => transactionListItemView(r, digitsOf(assets, r.asset))),
      pageNumber: page.pageNumber,
      pageSize: page.pageSize,
      numberOfPages: numberOfPages(total, page.pageSize),
    };
  }

  /** One account: its page is a range of positions (transaction-positions.ts), as cheap at page 50,000 as at page 1; no count. */
  private async onAccount(account: AccountRow, range: DateRange, page: PageRequest): Promise<ListedRows> {
    const db = this.database.reader;
    const span = await positionSpan(db, account, range);
    const positions = span === null ? null : pagePositions(span, page);
    const total = span === null ? 0 : span.last - span.first + 1;
    if (positions === null) return { rows: [], total };
    const rows = await db
      .selectFrom('transactions')
      .selectAll()
      .where('accounts_id', '=', account.id)
      .where('account_seq', '>=', positions.low)
      .where('account_seq', '<=', positions.high)
      .orderBy('date_time', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return { rows, total };
  }

  /**
   * Every account within reach (the principal's and its managees'): the rows of the principal in
   * order on one index, OFFSET stepping over ids only (the index holds them), then the page's rows;
   * numberOfPages from the accounts' stored counts unless a date range asks for a count.
   */
  private async acrossAccounts(principalId: number, range: DateRange, page: PageRequest): Promise<ListedRows> {
    const db = this.database.reader;
    let query = db.selectFrom('transactions').where('principal_customers_id', '=', principalId);
    if (range.from !== null) query = query.where('date_time', '>=', range.from);
    if (range.toExclusive !== null) query = query.where('date_time', '<', range.toExclusive);
    const ids = query.select('id').orderBy('date_time', 'desc').orderBy('id', 'desc').limit(page.pageSize).offset(pageOffset(page));
    const rows = await db.selectFrom('transactions').selectAll().where('id', 'in', ids).orderBy('date_time', 'desc').orderBy('id', 'desc').execute();
    // A short page proves the total; otherwise the stored counts (every row is on an account of its own customer, verify checks it) or, in a date range, a count.
    const total =
      totalFromShortPage(page, rows.length) ??
      (range.from === null && range.toExclusive === null
        ? await storedCountInScope(db, principalId)
        : Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
    return { rows, total };
  }

  async get(principalId: number, transactionsId: number) {
    const db = this.database.reader;
    const row = await db.selectFrom('transactions').selectAll().where('id', '=', transactionsId).where('customers_id', 'in', customersInScope(db, principalId)).executeTakeFirst();
    if (row === undefined) throw notFound('Id');
    const fee = row.fee_transaction_id === null ? undefined : await db.selectFrom('transactions').selectAll().where('id', '=', row.fee_transaction_id).executeTakeFirst();
    const assets = await loadAssets(db);
    const view = transactionDetailView(row, assets.get(row.asset), fee);
    // Held for compliance review: still pending (bPending), shown as such.
    const held = row.status === 'Pending' && (await isUnderReview(db, TRANSACTION_ITEM_KIND, row.id));
    return held ? { ...view, transactionStatus: 'PendingReview' as const } : view;
  }
}
