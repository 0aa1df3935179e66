import { html, valueText, type SafeHtml } from '../html.js';
import { LIST_PAGE_SIZE } from './lists.js';
import { csrfField, notice, optionList, type Content, type View } from './view.js';

const otpInput = html`<label for="otp">Authenticator code (a fresh one, to confirm)</label>
  <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required />`;

const hiddenFields = (fields: Readonly<Record<string, string>>) => Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`);

function facts(rows: readonly [string, unknown, string?][]): SafeHtml {
  return html`<dl class="fields review">
    ${rows.map(
      ([label, value, key]) =>
        html`<div>
          <dt>${label}</dt>
          <dd ${key === undefined ? '' : html`data-field="${key}"`}>${valueText(value)}</dd>
        </div>`,
    )}
  </dl>`;
}

/** Crypto exchanges: the buy or sell form (priced first) and the principal's exchanges, newest first. */
export async function exchangesPage(view: View, message?: SafeHtml | string): Promise<Content> {
  const [pairs, list] = await Promise.all([
    view.deps.markets.pairs('crypto', { pageNumber: 1, pageSize: view.config.pageSizeMax }),
    view.deps.exchanges.list(view.principalId, {}, { pageNumber: 1, pageSize: LIST_PAGE_SIZE }),
  ]);
  const rows = list.items.map(
    (e) =>
      html`<tr>
        <td><a href="/portal/exchanges/${e.id}">#${e.id}</a></td>
        <td>${e.exchangeType}</td>
        <td>${e.assetPair}</td>
        <td data-field="status">${e.status}</td>
        <td class="num">${valueText(e.executedAmount ?? e.requestAmount)}</td>
        <td class="num">${valueText(e.executedPrice ?? e.requestPrice)}</td>
        <td class="num">${valueText(e.commissionFee)}</td>
      </tr>`,
  );
  const body = html`${typeof message === 'string' ? notice(message) : (message ?? '')}
    <h2>Buy or sell</h2>
    <form method="post" action="/portal/exchanges/quote" class="stack">
      ${csrfField(view)}
      <label for="x-type">Buy or sell</label>
      <select id="x-type" name="ExchangeType">
        ${optionList([
          { value: 'Buy', label: 'Buy' },
          { value: 'Sell', label: 'Sell' },
        ])}
      </select>
      <label for="x-pair">Pair</label>
      <select id="x-pair" name="AssetPair">
        ${optionList(pairs.items.map((p) => ({ value: p.assetPair, label: `${p.assetPair} (fee ${valueText(p.commissionFeePercentage)} %)` })))}
      </select>
      <label for="x-qty">Quantity is</label>
      <select id="x-qty" name="QuantityType">
        ${optionList([
          { value: 'Amount', label: 'an amount of the base asset' },
          { value: 'Price', label: 'a value in the quote asset' },
        ])}
      </select>
      <label for="x-amount">Amount</label> <input id="x-amount" name="Amount" inputmode="decimal" maxlength="40" />
      <label for="x-price">Value (with "a value in the quote asset")</label> <input id="x-price" name="Price" inputmode="decimal" maxlength="40" />
      <button type="submit">Get a quote</button>
    </form>
    <div class="scroll">
      <table>
        <caption>
          Exchanges
        </caption>
        <thead>
          <tr>
            <th scope="col">Exchange</th>
            <th scope="col">Type</th>
            <th scope="col">Pair</th>
            <th scope="col">Status</th>
            <th scope="col">Amount</th>
            <th scope="col">Value</th>
            <th scope="col">Fee</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan="7">No exchanges yet.</td>
                </tr>`
              : rows
          }
        </tbody>
      </table>
    </div>`;
  return { title: 'Exchanges', section: 'exchanges', body };
}

interface QuoteLike {
  readonly assetPair: string;
  readonly exchangeType: string;
  readonly price: unknown;
  readonly amount: unknown;
  readonly total: unknown;
  readonly commissionFee: unknown;
  readonly expiresAt: string;
}

const quoteFacts = (q: QuoteLike) =>
  facts([
    ['Pair', q.assetPair],
    ['Type', q.exchangeType],
    ['Price', q.price, 'price'],
    ['Amount', q.amount, 'amount'],
    ['Value', q.total, 'total'],
    ['Fee', q.commissionFee, 'fee'],
    ['Quote good until', q.expiresAt],
  ]);

/** The quote of a buy or a sell (the exchanges service's own pricing), and the form that places it with a fresh code. */
export function exchangeQuotePage(view: View, quote: QuoteLike, fields: Readonly<Record<string, string>>, nonce: string, problemHtml?: SafeHtml): Content {
  const sell = fields.ExchangeType === 'Sell';
  const body = html`${problemHtml ?? ''} ${quoteFacts(quote)}
    <p>
      ${sell ? 'Placing the sell holds the amount; you then confirm it (at the price of that moment) or cancel it.' : 'The buy executes at the price of the moment you confirm.'}
    </p>
    <form method="post" action="/portal/exchanges/place" class="stack">
      ${csrfField(view)}<input type="hidden" name="_nonce" value="${nonce}" />${hiddenFields(fields)} ${otpInput} <button type="submit">${sell ? 'Place the sell' : 'Buy'}</button>
      <a href="/portal/exchanges">Cancel</a>
    </form>`;
  return { title: 'Review the quote', section: 'exchanges', body };
}

/** One exchange; a sell waiting for confirmation shows a fresh quote, confirm (fresh code) and cancel. */
export async function exchangePage(view: View, id: number, nonce: string, message?: SafeHtml | string): Promise<Content> {
  const e = await view.deps.exchanges.get(view.principalId, id);
  const waiting = e.status === 'WaitingForConfirmation';
  const quote = waiting ? await view.deps.exchanges.reviewQuote(view.principalId, id) : undefined;
  const body = html`${typeof message === 'string' ? notice(message) : (message ?? '')}
    ${facts([
      ['Type', e.exchangeType],
      ['Pair', e.assetPair],
      ['Status', e.status, 'status'],
      ['Requested amount', e.requestAmount],
      ['Requested value', e.requestPrice],
      ['Executed amount', e.executedAmount, 'executedAmount'],
      ['Executed value', e.executedPrice, 'executedPrice'],
      ['Fee', e.commissionFee, 'fee'],
      ['Rate', e.rate],
    ])}
    <p>
      ${[e.fromTransactionsId, e.toTransactionsId, e.feeTransactionsId]
        .filter((t): t is number => t !== null)
        .map((t) => html`<a href="/portal/transactions/${t}">Transaction #${t}</a> `)}
    </p>
    ${
      quote === undefined
        ? ''
        : html`<h2>Confirm or cancel this sell</h2>
            ${quoteFacts(quote)}
            <form method="post" action="/portal/exchanges/${e.id}/confirm" class="stack">
              ${csrfField(view)}<input type="hidden" name="_nonce" value="${nonce}" /> ${otpInput}
              <button type="submit">Confirm the sell</button>
            </form>
            <form method="post" action="/portal/exchanges/${e.id}/cancel">${csrfField(view)}<button type="submit">Cancel the sell</button></form>`
    }
    <p><a href="/portal/exchanges">All exchanges</a></p>`;
  return { title: `Exchange #${e.id}`, section: 'exchanges', body };
}

/** FX: the quote form (the FX service's own pricing) and the principal's FX exchanges. */
export async function fxPage(view: View, message?: SafeHtml | string): Promise<Content> {
  const list = await view.deps.fx.list(view.principalId, {}, { pageNumber: 1, pageSize: LIST_PAGE_SIZE });
  const rows = list.items.map(
    (x) =>
      html`<tr>
        <td>#${x.id}</td>
        <td>${x.sourceAsset} → ${x.destinationAsset}</td>
        <td class="num">${valueText(x.sourceAmount)}</td>
        <td class="num" data-field="destinationAmount">${valueText(x.destinationAmount)}</td>
        <td class="num">${valueText(x.rate)}</td>
        <td class="num">${valueText(x.fee)}</td>
      </tr>`,
  );
  const body = html`${typeof message === 'string' ? notice(message) : (message ?? '')}
    <h2>Exchange currency</h2>
    <form method="post" action="/portal/fx/quote" class="stack">
      ${csrfField(view)}
      <label for="f-src">From currency</label> <input id="f-src" name="SourceCurrency" maxlength="12" required /> <label for="f-dst">To currency</label>
      <input id="f-dst" name="DestinationCurrency" maxlength="12" required /> <label for="f-samt">Amount to sell (or leave empty)</label>
      <input id="f-samt" name="SourceAmount" inputmode="decimal" maxlength="40" /> <label for="f-damt">Amount to receive (or leave empty)</label>
      <input id="f-damt" name="DestinationAmount" inputmode="decimal" maxlength="40" />
      <button type="submit">Get a quote</button>
    </form>
    <div class="scroll">
      <table>
        <caption>
          FX exchanges
        </caption>
        <thead>
          <tr>
            <th scope="col">Exchange</th>
            <th scope="col">Currencies</th>
            <th scope="col">Sold</th>
            <th scope="col">Received</th>
            <th scope="col">Rate</th>
            <th scope="col">Fee</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr>
                  <td colspan="6">No FX exchanges yet.</td>
                </tr>`
              : rows
          }
        </tbody>
      </table>
    </div>`;
  return { title: 'FX', section: 'fx', body };
}

interface FxQuoteLike {
  readonly id: number;
  readonly assetPair: string;
  readonly sourceAsset: string;
  readonly destinationAsset: string;
  readonly sourceAmount: unknown;
  readonly destinationAmount: unknown;
  readonly rate: unknown;
  readonly fee: unknown;
  readonly sourceAccountId: number;
  readonly destinationAccountId: number | null;
  readonly expiresAt?: string;
}

export function fxQuotePage(view: View, quote: FxQuoteLike, nonce: string, problemHtml?: SafeHtml): Content {
  const body = html`${problemHtml ?? ''}
    ${facts([
      ['Pair', quote.assetPair],
      ['You sell', `${valueText(quote.sourceAmount)} ${quote.sourceAsset}`, 'sourceAmount'],
      ['You receive', `${valueText(quote.destinationAmount)} ${quote.destinationAsset}`, 'destinationAmount'],
      ['Rate', quote.rate, 'rate'],
      ['Fee', `${valueText(quote.fee)} ${quote.destinationAsset}`, 'fee'],
      ['From account', `#${quote.sourceAccountId}`],
      ['To account', quote.destinationAccountId === null ? 'a new account, opened now' : `#${quote.destinationAccountId}`],
      ['Quote good until', quote.expiresAt],
    ])}
    <form method="post" action="/portal/fx/execute" class="stack">
      ${csrfField(view)}<input type="hidden" name="_nonce" value="${nonce}" /><input type="hidden" name="QuoteId" value="${quote.id}" /> ${otpInput}
      <button type="submit">Exchange</button> <a href="/portal/fx">Cancel</a>
    </form>`;
  return { title: 'Review the FX quote', section: 'fx', body };
}
