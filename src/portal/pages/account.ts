import { DomainError } from '../../shared/domain-error.js';
import { csvLine, numberCell, textCell } from '../csv.js';
import { amountText, html } from '../html.js';
import { transactionTable } from './overview.js';
import { notice, type Content, type View } from './view.js';

export const ACCOUNT_PAGE_SIZE = 25;

export interface AccountQuery {
  readonly from?: string;
  readonly to?: string;
  readonly page: number;
}

/** `from` and `to` as the API's FromDate and ToDate take them (a date covers its whole day). */
function filterOf(accountsId: number, q: AccountQuery) {
  return { accountsId, ...(q.from === undefined ? {} : { fromDate: q.from }), ...(q.to === undefined ? {} : { toDate: q.to }) };
}

function query(q: AccountQuery, page: number): string {
  const params = new URLSearchParams();
  if (q.from !== undefined) params.set('from', q.from);
  if (q.to !== undefined) params.set('to', q.to);
  if (page !== 1) params.set('page', String(page));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export async function accountPage(view: View, accountsId: number, q: AccountQuery): Promise<Content> {
  const account = await view.deps.accounts.getAccount(view.principalId, accountsId);
  const list = await view.deps.transactions.list(view.principalId, filterOf(accountsId, q), { pageNumber: q.page, pageSize: ACCOUNT_PAGE_SIZE });
  const base = `/portal/accounts/${accountsId}`;
  const pager = html`<nav class="pager" aria-label="Pages">
    ${q.page > 1 ? html`<a href="${base}${query(q, q.page - 1)}" rel="prev">Previous page</a>` : ''}
    <span>Page ${list.pageNumber} of ${list.numberOfPages}</span> ${q.page < list.numberOfPages ? html`<a href="${base}${query(q, q.page + 1)}" rel="next">Next page</a>` : ''}
  </nav>`;
  const bank =
    account.accountNumber === null
      ? ''
      : html`<div>
            <dt>Account number</dt>
            <dd>${account.accountNumber}</dd>
          </div>
          <div>
            <dt>Routing number</dt>
            <dd>${account.routingNumber ?? '—'}</dd>
          </div>
          <div>
            <dt>SWIFT</dt>
            <dd>${account.swiftCode ?? '—'}</dd>
          </div>
          <div>
            <dt>Reference</dt>
            <dd>${account.reference ?? '—'}</dd>
          </div>`;
  const body = html`<dl class="balances">
      <div>
        <dt>Asset</dt>
        <dd>${account.asset}</dd>
      </div>
      <div>
        <dt>Total</dt>
        <dd data-balance="total">${amountText(account.totalBalance)}</dd>
      </div>
      <div>
        <dt>Available</dt>
        <dd data-balance="available">${amountText(account.availableBalance)}</dd>
      </div>
      <div>
        <dt>Pending</dt>
        <dd data-balance="pending">${amountText(account.pendingBalance)}</dd>
      </div>
      ${bank}
    </dl>
    <form method="get" action="${base}" class="filters">
      <fieldset>
        <legend>Filter by date</legend>
        <label for="from">From</label> <input type="date" id="from" name="from" value="${q.from ?? ''}" /> <label for="to">To (inclusive)</label>
        <input type="date" id="to" name="to" value="${q.to ?? ''}" /> <button type="submit">Apply</button> <a href="${base}">Clear</a>
      </fieldset>
    </form>
    <p><a href="${base}/export.csv${query(q, 1)}" download>Export these transactions as CSV</a></p>
    ${list.items.length === 0 && q.page > 1 ? notice('No transactions on this page.') : ''}
    ${transactionTable(list.items as never, `Transactions of ${account.name}, newest first`)} ${pager}`;
  return { title: `${account.name} (${account.asset})`, section: 'overview', body };
}

export const CSV_HEADER = ['id', 'dateTime', 'description', 'amount', 'asset', 'pending', 'fromAccountsId', 'toAccountsId'];

/** Every transaction of the account in the filter, newest first, read page by page through the API's service. */
export async function accountCsv(view: View, accountsId: number, q: AccountQuery): Promise<{ fileName: string; text: string }> {
  const account = await view.deps.accounts.getAccount(view.principalId, accountsId);
  const pageSize = view.config.pageSizeMax;
  const rowsMax = view.config.portalCsvRowsMax;
  let text = csvLine(CSV_HEADER);
  let rows = 0;
  for (let page = 1; ; page++) {
    const list = await view.deps.transactions.list(view.principalId, filterOf(accountsId, q), { pageNumber: page, pageSize });
    for (const t of list.items) {
      if (rows >= rowsMax) throw new DomainError('Invalid_Length', 'PORTAL_CSV_ROWS_MAX');
      rows += 1;
      text += csvLine([
        String(t.id),
        textCell(t.dateTime),
        textCell(t.description),
        numberCell(amountText(t.amount)),
        textCell(account.asset),
        String(t.bPending),
        t.fromAccountsId === null ? '' : String(t.fromAccountsId),
        t.toAccountsId === null ? '' : String(t.toAccountsId),
      ]);
    }
    if (page >= list.numberOfPages) break;
  }
  return { fileName: `account-${accountsId}-transactions.csv`, text };
}
