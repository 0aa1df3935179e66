import { randomBytes } from 'node:crypto';
import { ibaneraSignature, listAttempts } from '../../callbacks/index.js';
import { html, type SafeHtml } from '../html.js';
import { DomainError } from '../../shared/domain-error.js';
import { callbacksOf, callbackTarget, pendingTransactions } from '../portal-repository.js';
import { unitsFromColumn } from '../../ledger/index.js';
import { formatCanonical } from '../../shared/decimal.js';
import { amountText } from '../html.js';
import { csrfField, notice, optionList, type Content, type View } from './view.js';
import { accountChoices } from './move-money.js';

/** Rows on one page of the payees, managees and deliveries lists. */
export const LIST_PAGE_SIZE = 25;

export const newNonce = () => randomBytes(16).toString('hex');

export async function payeesPage(view: View, message?: string): Promise<Content> {
  const list = await view.deps.payees.list(view.principalId, undefined, { pageNumber: 1, pageSize: view.config.pageSizeMax });
  const rows = list.items.map(
    (p) =>
      html`<tr>
        <td>${p.id}</td>
        <td>${p.name}</td>
        <td>${p.payeeType}</td>
        <td>${p.transferType}</td>
        <td>${p.accountNumber ?? p.iban ?? '—'}</td>
        <td>${p.routingNumber ?? p.swiftCode ?? '—'}</td>
        <td>
          <form method="post" action="/portal/payees/delete">
            ${csrfField(view)}<input type="hidden" name="PayeesId" value="${p.id}" /><button type="submit" aria-label="Delete payee ${p.name}">Delete</button>
          </form>
          <a href="/portal/payees/${p.id}/edit" aria-label="Edit payee ${p.name}">Edit</a>
        </td>
      </tr>`,
  );
  const body = html`${message === undefined ? '' : notice(message)}
    <div class="scroll">
      <table>
        <caption>
          Saved payees
        </caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Rail</th>
            <th scope="col">Account / IBAN</th>
            <th scope="col">Routing / SWIFT</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    <h2>Add a payee</h2>
    <form method="post" action="/portal/payees/create" class="stack">
      ${csrfField(view)}<input type="hidden" name="CustomersId" value="${view.principalId}" /> <label for="n-type">Rail</label>
      <select id="n-type" name="TransferType">
        ${optionList([
          { value: 'ACH', label: 'ACH' },
          { value: 'WIRE', label: 'Wire' },
          { value: 'SWIFT', label: 'SWIFT' },
        ])}
      </select>
      <label for="n-name">Name</label> <input id="n-name" name="Name" maxlength="140" required /> <label for="n-ptype">Type</label>
      <select id="n-ptype" name="Type">
        ${optionList([
          { value: 'Personal', label: 'Personal' },
          { value: 'Company', label: 'Company' },
        ])}
      </select>
      <label for="n-acct">Account number</label> <input id="n-acct" name="AccountNumber" maxlength="34" /> <label for="n-routing">Routing number</label>
      <input id="n-routing" name="RoutingNumber" maxlength="9" /> <label for="n-swift">SWIFT code</label> <input id="n-swift" name="SwiftCode" maxlength="11" />
      <label for="n-iban">IBAN</label> <input id="n-iban" name="Iban" maxlength="42" /> <label for="n-country">Country</label>
      <input id="n-country" name="CountryCode" maxlength="3" /> <label for="n-addr">Address</label> <input id="n-addr" name="AddressLine1" maxlength="140" />
      <label for="n-town">Town or city</label> <input id="n-town" name="TownCity" maxlength="100" /> <label for="n-post">Postcode</label>
      <input id="n-post" name="Postcode" maxlength="20" /> <button type="submit">Save payee</button>
    </form>`;
  return { title: 'Payees', section: 'payees', body };
}

export async function manageesPage(view: View): Promise<Content> {
  const list = await view.deps.managees.list(view.principalId, { pageNumber: 1, pageSize: view.config.pageSizeMax });
  const sections = [];
  for (const m of list.items) {
    const accounts =
      m.verificationStatus === 'Accepted'
        ? (await view.deps.accounts.listAccounts(view.principalId, { customersId: m.id }, { pageNumber: 1, pageSize: view.config.pageSizeMax })).items
        : [];
    const accountList = accounts.map(
      (a) => html`<li><a href="/portal/accounts/${a.id}">#${a.id} ${a.name}</a> · ${a.asset} · total <span class="num">${amountText(a.totalBalance)}</span></li>`,
    );
    sections.push(
      html`<section class="card" aria-labelledby="managee-${m.id}">
        <h2 id="managee-${m.id}">${m.name} <small>#${m.id} · ${m.customersReference}</small></h2>
        <dl class="fields">
          <div>
            <dt>KYC</dt>
            <dd data-field="kyc">${m.verificationStatus}</dd>
          </div>
          <div>
            <dt>Identity check</dt>
            <dd>${m.bJumioCompleted ? 'completed' : 'not yet'}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>${m.emailAddress}</dd>
          </div>
          <div>
            <dt>Your reference</dt>
            <dd>${m.manageesReference ?? '—'}</dd>
          </div>
        </dl>
        ${
          accounts.length === 0
            ? html`<p>No accounts.</p>`
            : html`<ul>
                ${accountList}
              </ul>`
        }
      </section>`,
    );
  }
  const body = html`${list.items.length === 0 ? html`<p>No managees yet. Onboard one through the API (<code>POST /api/v1/customer/managees/create</code>).</p>` : html`<div class="cards">${sections}</div>`}`;
  return { title: 'Managees', section: 'managees', body };
}

export async function developersPage(view: View, options: { newSecret?: string; message?: string; page: number }): Promise<Content> {
  const target = await callbackTarget(view.reader, view.principalId);
  const offset = (options.page - 1) * LIST_PAGE_SIZE;
  const callbacks = await callbacksOf(view.reader, view.principalId, LIST_PAGE_SIZE + 1, offset);
  const shown = callbacks.slice(0, LIST_PAGE_SIZE);
  const rows = [];
  for (const c of shown) {
    const attempts = await listAttempts(view.reader, c.id);
    const signature = target?.callback_hash_secret == null ? '—' : ibaneraSignature(c.body, target.callback_hash_secret);
    rows.push(
      html`<details class="delivery" data-callback="${c.id}">
        <summary>
          <span>${c.type}</span> · <span data-field="status">${c.status}</span> · <span data-field="attempts">${attempts.length}</span> attempts · ${c.date_created}
        </summary>
        <dl class="fields">
          <div>
            <dt>Id</dt>
            <dd>${c.id}</dd>
          </div>
          <div>
            <dt>webhook-signature (current secret)</dt>
            <dd><code>${signature}</code></dd>
          </div>
          <div>
            <dt>Last error</dt>
            <dd>${c.last_error ?? '—'}</dd>
          </div>
        </dl>
        <pre class="payload" tabindex="0" aria-label="Payload">${c.body}</pre>
        <table>
          <caption>
            Attempts
          </caption>
          <thead>
            <tr>
              <th scope="col">At</th>
              <th scope="col">URL</th>
              <th scope="col">HTTP</th>
              <th scope="col">ms</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            ${attempts.map(
              (a) =>
                html`<tr>
                  <td>${a.attempted_at}</td>
                  <td>${a.url}</td>
                  <td>${a.http_status ?? '—'}</td>
                  <td>${a.latency_ms}</td>
                  <td>${a.error ?? 'ok'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <form method="post" action="/portal/developers/replay">${csrfField(view)}<input type="hidden" name="id" value="${c.id}" /><button type="submit">Replay</button></form>
      </details>`,
    );
  }
  const pager = html`<nav class="pager" aria-label="Delivery pages">
    ${options.page > 1 ? html`<a href="/portal/developers?page=${options.page - 1}#deliveries">Newer</a>` : ''}
    ${callbacks.length > LIST_PAGE_SIZE ? html`<a href="/portal/developers?page=${options.page + 1}#deliveries">Older</a>` : ''}
  </nav>`;
  const body = html`${options.message === undefined ? '' : notice(options.message)}
    ${
      options.newSecret === undefined
        ? ''
        : html`<div class="secret" role="status">
            <p>Your new hash secret (shown once: keep it to verify <code>webhook-signature</code>):</p>
            <p><code data-field="secret">${options.newSecret}</code></p>
          </div>`
    }
    <section aria-labelledby="cb-h">
      <h2 id="cb-h">Callback URL</h2>
      <form method="post" action="/portal/developers/callback-url" class="stack">
        ${csrfField(view)} <label for="cb-url">Where callbacks are sent</label>
        <input id="cb-url" name="url" type="url" maxlength="2048" required value="${target?.callback_url ?? ''}" /> <button type="submit">Save URL</button>
      </form>
      <form method="post" action="/portal/developers/rotate-secret">
        ${csrfField(view)}
        <p>Hash secret: ${target?.callback_hash_secret == null ? 'none yet (saving a URL makes one)' : 'set'}.</p>
        <button type="submit" ${target?.callback_url == null ? html` disabled` : ''}>Rotate the hash secret</button>
      </form>
    </section>
    <section aria-labelledby="deliveries">
      <h2 id="deliveries" tabindex="-1">Deliveries</h2>
      ${shown.length === 0 ? html`<p>No callbacks yet.</p>` : rows}${pager}
    </section>`;
  return { title: 'Developers', section: 'developers', body };
}

export async function sandboxPage(view: View, message?: string): Promise<Content> {
  const choices = await accountChoices(view);
  const fiat = optionList(choices.filter((c) => !c.assetClassCrypto).map((c) => ({ value: c.id, label: c.label })));
  const crypto = optionList(choices.filter((c) => c.assetClassCrypto).map((c) => ({ value: c.id, label: c.label })));
  const pending = await pendingTransactions(view.reader, view.principalId, LIST_PAGE_SIZE);
  const managees = await view.deps.managees.list(view.principalId, { pageNumber: 1, pageSize: LIST_PAGE_SIZE });
  const pendingRows = pending.map(
    (t) =>
      html`<tr>
        <td><a href="/portal/transactions/${t.id}">${t.id}</a></td>
        <td>${t.description}</td>
        <td class="num">${formatCanonical(unitsFromColumn(t.amount))} ${t.asset}</td>
        <td>
          <form method="post" action="/portal/sandbox/complete" class="inline">
            ${csrfField(view)}<input type="hidden" name="TransactionsId" value="${t.id}" /><button type="submit">Complete</button>
          </form>
          <form method="post" action="/portal/sandbox/fail" class="inline">
            ${csrfField(view)}<input type="hidden" name="TransactionsId" value="${t.id}" /><button type="submit">Fail</button>
          </form>
        </td>
      </tr>`,
  );
  const kycRows = managees.items
    .filter((m) => m.verificationStatus === 'Pending')
    .map(
      (m) =>
        html`<tr>
          <td>${m.id}</td>
          <td>${m.name}</td>
          <td>${m.bJumioCompleted ? 'completed' : 'not yet'}</td>
          <td>
            ${
              m.bJumioCompleted
                ? html`<form method="post" action="/portal/sandbox/kyc" class="inline">
                      ${csrfField(view)}<input type="hidden" name="ManageesId" value="${m.id}" /><input type="hidden" name="decision" value="Accepted" /><button type="submit">
                        Accept
                      </button>
                    </form>
                    <form method="post" action="/portal/sandbox/kyc" class="inline">
                      ${csrfField(view)}<input type="hidden" name="ManageesId" value="${m.id}" /><input type="hidden" name="decision" value="Rejected" /><button type="submit">
                        Reject
                      </button>
                    </form>`
                : html`<form method="post" action="/portal/sandbox/identity-check" class="inline">
                    ${csrfField(view)}<input type="hidden" name="ManageesId" value="${m.id}" /><button type="submit">Complete identity check</button>
                  </form>`
            }
          </td>
        </tr>`,
    );
  const body = html`${message === undefined ? '' : notice(message)}
    <p>Sandbox only: these drive the same simulations as <code>/api/v1/customer/simulations/…</code>.</p>
    <section aria-labelledby="payin-h">
      <h2 id="payin-h">Pay-in</h2>
      <form method="post" action="/portal/sandbox/pay-in" class="stack">
        ${csrfField(view)} <label for="s-acct">To account</label>
        <select id="s-acct" name="DestinationAccountId" required>
          ${fiat}
        </select>
        <label for="s-type">Rail</label>
        <select id="s-type" name="TransferType">
          ${optionList([
            { value: 'ACH', label: 'ACH' },
            { value: 'WIRE', label: 'Wire' },
            { value: 'SWIFT', label: 'SWIFT (accounts abroad)' },
          ])}
        </select>
        <label for="s-amount">Amount</label> <input id="s-amount" name="Amount" inputmode="decimal" required /> <label for="s-name">Sender name (optional)</label>
        <input id="s-name" name="Name" maxlength="100" /> <button type="submit">Simulate pay-in</button>
      </form>
    </section>
    <section aria-labelledby="deposit-h">
      <h2 id="deposit-h">Crypto deposit</h2>
      <form method="post" action="/portal/sandbox/crypto-deposit" class="stack">
        ${csrfField(view)} <label for="d-acct">To account</label>
        <select id="d-acct" name="DestinationAccountId" required>
          ${crypto}
        </select>
        <label for="d-amount">Amount</label> <input id="d-amount" name="Amount" inputmode="decimal" required />
        <label class="check"><input type="checkbox" name="bComplete" value="false" /> Leave it pending</label>
        <button type="submit">Simulate deposit</button>
      </form>
    </section>
    <section aria-labelledby="pending-h">
      <h2 id="pending-h">Pending transactions</h2>
      ${
        pending.length === 0
          ? html`<p>None pending.</p>`
          : html`<div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Id</th>
                    <th scope="col">Description</th>
                    <th scope="col" class="num">Amount</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  ${pendingRows}
                </tbody>
              </table>
            </div>`
      }
    </section>
    <section aria-labelledby="kyc-h">
      <h2 id="kyc-h">KYC decisions</h2>
      ${
        kycRows.length === 0
          ? html`<p>No managee awaits a decision.</p>`
          : html`<div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Id</th>
                    <th scope="col">Name</th>
                    <th scope="col">Identity check</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  ${kycRows}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  return { title: 'Sandbox', section: 'sandbox', body };
}

/** A saved payee's edit form, filled with its current values (or the values just typed, after a refusal); saved by the API's payees/edit. */
export async function editPayeePage(view: View, payeesId: number, typed?: Readonly<Record<string, string>>, problemHtml?: SafeHtml): Promise<Content> {
  const list = await view.deps.payees.list(view.principalId, undefined, { pageNumber: 1, pageSize: view.config.pageSizeMax });
  const p = list.items.find((x) => x.id === payeesId);
  if (p === undefined) throw new DomainError('Not_Found', 'PayeesId');
  const current: Record<string, string> = {
    TransferType: p.transferType,
    Type: p.payeeType,
    Name: p.name,
    AccountName: p.accountName ?? '',
    AccountNumber: p.accountNumber ?? '',
    RoutingNumber: p.routingNumber ?? '',
    SwiftCode: p.swiftCode ?? '',
    IntermediaryBic: p.intermediaryBic ?? '',
    Iban: p.iban ?? '',
    CountryCode: p.countryCode,
    AddressLine1: p.addressLine1 ?? '',
    TownCity: p.townCity ?? '',
    Postcode: p.postcode ?? '',
    State: p.state ?? '',
  };
  const value = (name: string) => typed?.[name] ?? current[name] ?? '';
  const input = (name: string, label: string, maxLength: number) =>
    html`<label for="e-${name}">${label}</label> <input id="e-${name}" name="${name}" maxlength="${maxLength}" value="${value(name)}" />`;
  const body = html`${problemHtml ?? ''}
    <form method="post" action="/portal/payees/${p.id}/edit" class="stack">
      ${csrfField(view)} <label for="e-TransferType">Rail</label>
      <select id="e-TransferType" name="TransferType">
        ${optionList(
          [
            { value: 'ACH', label: 'ACH' },
            { value: 'WIRE', label: 'Wire' },
            { value: 'SWIFT', label: 'SWIFT' },
          ],
          value('TransferType'),
        )}
      </select>
      <label for="e-Type">Type</label>
      <select id="e-Type" name="Type">
        ${optionList(
          [
            { value: 'Personal', label: 'Personal' },
            { value: 'Company', label: 'Company' },
          ],
          value('Type'),
        )}
      </select>
      ${input('Name', 'Name', 140)} ${input('AccountName', 'Account name', 140)} ${input('AccountNumber', 'Account number', 34)} ${input('RoutingNumber', 'Routing number', 9)}
      ${input('SwiftCode', 'SWIFT code', 11)} ${input('IntermediaryBic', 'Intermediary BIC', 11)} ${input('Iban', 'IBAN', 42)} ${input('CountryCode', 'Country', 3)}
      ${input('AddressLine1', 'Address', 140)} ${input('TownCity', 'Town or city', 100)} ${input('Postcode', 'Postcode', 20)} ${input('State', 'State', 100)}
      <button type="submit">Save changes</button> <a href="/portal/payees">Cancel</a>
    </form>`;
  return { title: `Edit payee #${p.id}`, section: 'payees', body };
}
