import { loadAssets } from '../../accounts/index.js';
import { isoTimestamp } from '../../shared/clock.js';
import { formatDecimal } from '../../shared/decimal.js';
import { amountText, html, scriptJson, type SafeHtml } from '../html.js';
import { balanceHistory, type BalancePoint } from '../portal-repository.js';
import { csrfField, notice, optionList, type Content, type View } from './view.js';

/** How many recent transactions the overview lists. */
const RECENT_TRANSACTIONS = 10;
/** Rows of the chart's table alternative (the newest points). */
const CHART_TABLE_ROWS = 10;

type TransactionItem = { id: number; accountsId: number; amount: unknown; description: string; dateTime: string; bPending: boolean };

export function transactionTable(items: readonly TransactionItem[], caption: string): SafeHtml {
  if (items.length === 0) return html`<p>No transactions yet.</p>`;
  const rows = items.map(
    (t) =>
      html`<tr>
        <td><a href="/portal/transactions/${t.id}">${t.id}</a></td>
        <td>${t.dateTime}</td>
        <td><a href="/portal/accounts/${t.accountsId}">${t.accountsId}</a></td>
        <td>${t.description}</td>
        <td class="num">${amountText(t.amount)}</td>
        <td>${t.bPending ? 'Pending' : 'Posted'}</td>
      </tr>`,
  );
  return html`<div class="scroll">
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Id</th>
          <th scope="col">Date</th>
          <th scope="col">Account</th>
          <th scope="col">Description</th>
          <th scope="col" class="num">Amount</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/**
 * A balance chart: the points as exact decimal strings in an inert JSON block (the script plots
 * them; the tooltip shows the strings as they are), with a table of the newest points beside it for
 * screen readers and for browsers without scripts.
 */
export function balanceChart(label: string, asset: string, points: readonly BalancePoint[], precision: number): SafeHtml {
  if (points.length === 0) return html`<p>No posted movements yet.</p>`;
  const values = points.map((p) => formatDecimal(p.units, precision));
  const data = { label: `${label} (${asset})`, t: points.map((p) => Math.floor(Date.parse(p.dateTime) / 1000)), v: values };
  const newest = points
    .slice(-CHART_TABLE_ROWS)
    .reverse()
    .map(
      (p) =>
        html`<tr>
          <td>${p.dateTime}</td>
          <td class="num">${formatDecimal(p.units, precision)}</td>
        </tr>`,
    );
  return html`<figure class="chart">
    <div class="chart-canvas" role="img" aria-label="Posted balance of ${label} over time; the table below lists the newest points"></div>
    <script type="application/json" class="chart-data">
      ${scriptJson(data)}
    </script>
    <figcaption>Posted balance over time (from the ledger)</figcaption>
    <details>
      <summary>Newest points as a table</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">After the journal of</th>
            <th scope="col" class="num">Posted balance</th>
          </tr>
        </thead>
        <tbody>
          ${newest}
        </tbody>
      </table>
    </details>
  </figure>`;
}

export async function overviewPage(view: View, message?: string): Promise<Content> {
  const { deps, principalId, config } = view;
  const [accounts, recent, assets] = await Promise.all([
    deps.accounts.listAccounts(principalId, {}, { pageNumber: 1, pageSize: config.pageSizeMax }),
    deps.transactions.list(principalId, {}, { pageNumber: 1, pageSize: RECENT_TRANSACTIONS }),
    loadAssets(view.reader),
  ]);
  const cards: SafeHtml[] = [];
  const nowIso = isoTimestamp(view.nowMs());
  for (const a of accounts.items) {
    const precision = assets.get(a.asset)?.precision ?? 18;
    const points = await balanceHistory(view.reader, a.id, config.portalChartPointsMax, nowIso);
    cards.push(
      html`<section class="card" aria-labelledby="account-${a.id}">
        <h2 id="account-${a.id}"><a href="/portal/accounts/${a.id}">${a.name}</a> <small>${a.asset} · #${a.id}</small></h2>
        <dl class="balances">
          <div>
            <dt>Total</dt>
            <dd data-balance="total">${amountText(a.totalBalance)}</dd>
          </div>
          <div>
            <dt>Available</dt>
            <dd data-balance="available">${amountText(a.availableBalance)}</dd>
          </div>
          <div>
            <dt>Pending</dt>
            <dd data-balance="pending">${amountText(a.pendingBalance)}</dd>
          </div>
        </dl>
        ${balanceChart(a.name, a.asset, points, precision)}
      </section>`,
    );
  }
  const enabled = [...assets.values()].filter((a) => a.b_enabled === 1);
  const openForm = html`<section aria-labelledby="open-h">
    <h2 id="open-h">Open an account</h2>
    <form method="post" action="/portal/accounts/open" class="stack">
      ${csrfField(view)}<input type="hidden" name="CustomersId" value="${principalId}" /> <label for="o-asset">Asset</label>
      <select id="o-asset" name="Asset">
        ${optionList(enabled.map((a) => ({ value: a.code, label: `${a.code} · ${a.display_name}` })))}
      </select>
      <label for="o-name">Name</label> <input id="o-name" name="Name" maxlength="100" required /> <button type="submit">Open account</button>
    </form>
  </section>`;
  const body = html`${message === undefined ? '' : notice(message)}${cards.length === 0 ? html`<p>You have no accounts yet: open one below.</p>` : html`<div class="cards">${cards}</div>`}
    <h2>Recent activity</h2>
    ${transactionTable(recent.items as unknown as TransactionItem[], 'The newest transactions of you and your managees')} ${openForm}`;
  return { title: 'Overview', section: 'overview', body };
}
