import type { DatabaseHandle } from '../db/open-database.js';
import { notFound } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, totalFromShortPage, type PageRequest } from '../shared/paging.js';
import type { AccountsService } from './accounts-service.js';
import { digitsOf } from './account-views.js';
import { loadAssets } from './assets-repository.js';
import { customersInScope } from '../customers/index.js';
import { dateRange } from './date-filter.js';
import { transactionDetailView, transactionListItemView } from './transaction-views.js';
import { TRANSACTION_ITEM_KIND } from './flagged-transactions.js';
import { isUnderReview } from './screening-service.js';

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
    const db = this.database.reader;
    const range = dateRange(filter.fromDate, filter.toDate);
    const account = filter.accountsId === undefined ? null : await this.accounts.findAccount(principalId, filter.accountsId, 'AccountsId');
    let query = db.selectFrom('transactions');
    query = filter.accountsId !== undefined ? query.where('accounts_id', '=', filter.accountsId) : query.where('customers_id', 'in', customersInScope(db, principalId));
    if (range.from !== null) query = query.where('date_time', '>=', range.from);
    if (range.toExclusive !== null) query = query.where('date_time', '<', range.toExclusive);
    // One account's whole history: its stored count, no counting scan on every page.
    const stored = account !== null && range.from === null && range.toExclusive === null ? Number(account.transaction_count) : null;
    const [rows, assets] = await Promise.all([
      query.selectAll().orderBy('date_time', 'desc').orderBy('id', 'desc').limit(page.pageSize).offset(pageOffset(page)).execute(),
      loadAssets(db),
    ]);
    // Otherwise a short page proves the total; only a full page (or one past the end) is counted.
    const total = stored ?? totalFromShortPage(page, rows.length) ?? Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      items: rows.map((r) => transactionListItemView(r, digitsOf(assets, r.asset))),
      pageNumber: page.pageNumber,
      pageSize: page.pageSize,
      numberOfPages: numberOfPages(total, page.pageSize),
    };
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
