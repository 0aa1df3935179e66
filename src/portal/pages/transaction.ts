import { RawJson } from '../../shared/exact-json.js';
import { loadAssets } from '../../accounts/index.js';
import { unitsFromColumn } from '../../ledger/index.js';
import { formatDecimal } from '../../shared/decimal.js';
import { html, valueText, type SafeHtml } from '../html.js';
import { callbacksOf, legsOfTransaction } from '../portal-repository.js';
import { notice, type Content, type View } from './view.js';

/** Callbacks listed on a transaction's page at most. */
const CALLBACKS_SHOWN_MAX = 50;

/** Every field of an object, in the service's order; sub-objects nested. */
export function fieldList(value: Record<string, unknown>): SafeHtml {
  const rows = Object.entries(value).map(([key, v]) => {
    const inner = v !== null && typeof v === 'object' && !(v instanceof RawJson) && !Array.isArray(v) ? fieldList(v as Record<string, unknown>) : html`${valueText(v)}`;
    return html`<div>
      <dt>${key}</dt>
      <dd data-field="${key}">${inner}</dd>
    </div>`;
  });
  return html`<dl class="fields">${rows}</dl>`;
}

export async function transactionPage(view: View, transactionsId: number, created: boolean): Promise<Content> {
  const detail = await view.deps.transactions.get(view.principalId, transactionsId);
  const [legs, callbacks, assets] = await Promise.all([
    legsOfTransaction(view.reader, transactionsId),
    callbacksOf(view.reader, view.principalId, CALLBACKS_SHOWN_MAX, 0, transactionsId),
    loadAssets(view.reader),
  ]);
  const legRows = legs.map((l) => {
    const digits = assets.get(l.asset)?.precision ?? 18;
    const account = l.accounts_id === null ? html`system: ${l.system_account ?? ''}` : html`<a href="/portal/accounts/${l.accounts_id}">account ${l.accounts_id}</a>`;
    return html`<tr>
      <td>${l.journals_id}</td>
      <td>${l.kind}</td>
      <td>${l.date_time}</td>
      <td>${account}</td>
      <td>${l.bucket}</td>
      <td class="num">${formatDecimal(unitsFromColumn(l.amount), digits)}</td>
      <td>${l.asset}</td>
    </tr>`;
  });
  const callbackRows = callbacks.map(
    (c) =>
      html`<tr>
        <td><a href="/portal/developers?callback=${c.id}#deliveries">${c.id}</a></td>
        <td>${c.type}</td>
        <td>${c.status}</td>
        <td>${c.attempts}</td>
        <td>${c.date_created}</td>
      </tr>`,
  );
  const body = html`${created ? notice('Done: the transaction below was created.') : ''}
    <h2>Details (as <code>transactions/get</code> answers)</h2>
    ${fieldList(detail as unknown as Record<string, unknown>)}
    <h2>Ledger legs</h2>
    <div class="scroll">
      <table>
        <caption>
          The journal legs behind this transaction (each journal sums to zero per asset and bucket)
        </caption>
        <thead>
          <tr>
            <th scope="col">Journal</th>
            <th scope="col">Kind</th>
            <th scope="col">Date</th>
            <th scope="col">Account</th>
            <th scope="col">Bucket</th>
            <th scope="col" class="num">Amount</th>
            <th scope="col">Asset</th>
          </tr>
        </thead>
        <tbody>
          ${legRows}
        </tbody>
      </table>
    </div>
    <h2>Callbacks</h2>
    ${
      callbacks.length === 0
        ? html`<p>No callback about this transaction (none is sent without a callback URL).</p>`
        : html`<div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                ${callbackRows}
              </tbody>
            </table>
          </div>`
    }`;
  return { title: `Transaction ${transactionsId}`, section: 'overview', body };
}
