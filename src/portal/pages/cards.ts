import { html, valueText, type SafeHtml } from '../html.js';
import { LIST_PAGE_SIZE } from './lists.js';
import { accountChoices } from './move-money.js';
import { csrfField, notice, optionList, type Content, type View } from './view.js';

const shown = (message: SafeHtml | string | undefined) => (typeof message === 'string' ? notice(message) : (message ?? ''));

/** The cards within reach with their balances (the API's card balances); the number only as its last four digits. */
export async function cardsPage(view: View, message?: SafeHtml | string): Promise<Content> {
  const list = await view.deps.cardReads.balances(view.principalId, {}, { pageNumber: 1, pageSize: view.config.pageSizeMax });
  const rows = list.items.map(
    (c) =>
      html`<tr>
        <td><a href="/portal/cards/${c.id}">•••• ${c.cardLast4}</a></td>
        <td>${c.cardHolderName}</td>
        <td>${c.currency}</td>
        <td data-field="status">${c.status}</td>
        <td class="num">${valueText(c.totalBalance)}</td>
        <td class="num" data-field="available">${valueText(c.availableBalance)}</td>
        <td class="num">${valueText(c.pendingBalance)}</td>
      </tr>`,
  );
  const body = html`${shown(message)}
    <div class="scroll">
      <table>
        <caption>
          Cards
        </caption>
        <thead>
          <tr>
            <th scope="col">Card</th>
            <th scope="col">Holder</th>
            <th scope="col">Currency</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
            <th scope="col">Available</th>
            <th scope="col">Pending</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan="7">No cards.</td>
                </tr>`
              : rows
          }
        </tbody>
      </table>
    </div>`;
  return { title: 'Cards', section: 'cards', body };
}

/** One card: balances, state, activate or deactivate, top up from an account (fee shown at review), its transactions. */
export async function cardPage(view: View, id: number, message?: SafeHtml | string): Promise<Content> {
  const card = await view.deps.cardReads.details(view.principalId, { CardsId: id });
  const transactions = await view.deps.cardReads.transactions(view.principalId, { CardsId: id }, { pageNumber: 1, pageSize: LIST_PAGE_SIZE });
  const accounts = (await accountChoices(view)).filter((a) => a.label.includes('(USD)'));
  const active = card.status === 'Active';
  const rows = transactions.items.map(
    (t) =>
      html`<tr>
        <td>${t.dateTime}</td>
        <td>${t.transactionType}</td>
        <td>${t.description}</td>
        <td>${t.status}</td>
        <td class="num" data-field="tx-amount">${valueText(t.amount)}</td>
      </tr>`,
  );
  const body = html`${shown(message)}
    <dl class="fields review">
      ${(
        [
          ['Card', `•••• ${card.cardLast4}`, 'last4'],
          ['Holder', card.cardHolderName, 'holder'],
          ['Status', card.status, 'status'],
          ['Approval', card.approvalStatus, 'approval'],
          ['Total', `${valueText(card.totalBalance)} ${card.currency}`, 'total'],
          ['Available', `${valueText(card.availableBalance)} ${card.currency}`, 'available'],
          ['Pending', `${valueText(card.pendingBalance)} ${card.currency}`, 'pending'],
        ] as const
      ).map(
        ([label, value, key]) =>
          html`<div>
            <dt>${label}</dt>
            <dd data-field="${key}">${value}</dd>
          </div>`,
      )}
    </dl>
    <form method="post" action="/portal/cards/${card.id}/${active ? 'deactivate' : 'activate'}">
      ${csrfField(view)}<button type="submit">${active ? 'Deactivate the card' : 'Activate the card'}</button>
    </form>
    <h2>Top up from an account</h2>
    <form method="post" action="/portal/cards/${card.id}/topup/review" class="stack">
      ${csrfField(view)}
      <label for="t-acct">From account</label>
      <select id="t-acct" name="CustomerAssetAccountId">
        ${optionList(accounts.map((a) => ({ value: a.id, label: a.label })))}
      </select>
      <label for="t-amount">Amount (USD, the fee included)</label> <input id="t-amount" name="amount" inputmode="decimal" maxlength="40" required />
      <label for="t-ref">Reference</label> <input id="t-ref" name="reference" maxlength="140" />
      <button type="submit">Review</button>
    </form>
    <div class="scroll">
      <table>
        <caption>
          Card transactions
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
            <th scope="col">Status</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan="5">No transactions yet.</td>
                </tr>`
              : rows
          }
        </tbody>
      </table>
    </div>
    <p><a href="/portal/cards">All cards</a></p>`;
  return { title: `Card •••• ${card.cardLast4}`, section: 'cards', body };
}

/** A top-up's review: the card transfer service's own checks and fee, then confirmed with a fresh code. */
export function topUpReviewPage(
  view: View,
  cardId: number,
  quote: { amount: unknown; feeAmount: unknown; netAmount: unknown },
  fields: Readonly<Record<string, string>>,
  nonce: string,
  problemHtml?: SafeHtml,
): Content {
  const hidden = Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`);
  const body = html`${problemHtml ?? ''}
    <dl class="fields review">
      <div>
        <dt>From account</dt>
        <dd>#${fields.CustomerAssetAccountId ?? ''}</dd>
      </div>
      <div>
        <dt>Amount</dt>
        <dd data-field="amount">${valueText(quote.amount)} USD</dd>
      </div>
      <div>
        <dt>Fee</dt>
        <dd data-field="fee">${valueText(quote.feeAmount)} USD</dd>
      </div>
      <div>
        <dt>The card receives</dt>
        <dd data-field="net">${valueText(quote.netAmount)} USD</dd>
      </div>
    </dl>
    <form method="post" action="/portal/cards/${cardId}/topup/confirm" class="stack">
      ${csrfField(view)}<input type="hidden" name="_nonce" value="${nonce}" />${hidden}
      <label for="otp">Authenticator code (a fresh one, to confirm)</label>
      <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus />
      <button type="submit">Top up</button> <a href="/portal/cards/${cardId}">Cancel</a>
    </form>`;
  return { title: 'Review the top-up', section: 'cards', body };
}
