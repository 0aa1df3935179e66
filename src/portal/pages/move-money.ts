import type { ExternalTransferBody, InternalTransferBody } from '../../transfers/index.js';
import { PURPOSE_CODES } from '../../transfers/index.js';
import { formatCanonical } from '../../shared/decimal.js';
import { amountText, html, type SafeHtml } from '../html.js';
import { csrfField, optionList, type Content, type View } from './view.js';

/** Managees whose accounts the move-money lists offer, at most (the API takes any id within reach). */
const MANAGEES_LISTED_MAX = 50;

export interface AccountChoice {
  readonly id: number;
  readonly label: string;
  readonly assetClassCrypto: boolean;
}

/** The principal's accounts and its managees' (the ones money may move between). */
export async function accountChoices(view: View): Promise<AccountChoice[]> {
  const { deps, principalId, config } = view;
  const page = { pageNumber: 1, pageSize: config.pageSizeMax };
  const own = await deps.accounts.listAccounts(principalId, {}, page);
  const managees = await deps.managees.list(principalId, { pageNumber: 1, pageSize: MANAGEES_LISTED_MAX });
  const choices: AccountChoice[] = own.items.map((a) => ({
    id: a.id,
    label: `#${a.id} ${a.name} (${a.asset}) · available ${amountText(a.availableBalance)}`,
    assetClassCrypto: a.accountNumber === null,
  }));
  for (const m of managees.items) {
    if (m.verificationStatus !== 'Accepted') continue;
    const theirs = await deps.accounts.listAccounts(principalId, { customersId: m.id }, page);
    for (const a of theirs.items) choices.push({ id: a.id, label: `#${a.id} ${m.name}: ${a.name} (${a.asset})`, assetClassCrypto: a.accountNumber === null });
  }
  return choices;
}

const amountInput = (id: string, value = '') =>
  html`<label for="${id}">Amount</label>
    <input id="${id}" name="Amount" value="${value}" inputmode="decimal" autocomplete="off" required pattern="[0-9]+([.][0-9]+)?" aria-describedby="${id}-hint" />
    <small id="${id}-hint">A decimal with a dot, no more decimals than the asset has.</small>`;

/** What was typed into one of the forms, drawn again after its review was refused. */
export interface TypedMove {
  readonly fields: Readonly<Record<string, string>>;
  readonly problem: SafeHtml;
}

export async function moveMoneyPage(view: View, typed?: TypedMove): Promise<Content> {
  /** A field's typed value, in the form it was typed into only. */
  const v = (kind: string, name: string) => (typed !== undefined && typed.fields.kind === kind ? (typed.fields[name] ?? '') : '');
  const choices = await accountChoices(view);
  const options = (selected: string) =>
    optionList(
      choices.map((c) => ({ value: c.id, label: c.label })),
      selected,
    );
  const payees = await view.deps.payees.list(view.principalId, undefined, { pageNumber: 1, pageSize: view.config.pageSizeMax });
  const payeeOptions = (selected: string) =>
    optionList(
      [{ value: '', label: 'A new payee (below)' }, ...payees.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.transferType} · ${p.accountNumber ?? p.iban ?? ''}` }))],
      selected,
    );
  const purposeOptions = (selected: string) =>
    optionList([{ value: '', label: '(none)' }, ...PURPOSE_CODES.map((p) => ({ value: p.code, label: `${p.code} ${p.description}` }))], selected);
  const body = html`${typed?.problem ?? ''}
    <p>Each movement is reviewed first (with its fee), then confirmed with a fresh authenticator code.</p>
    <section aria-labelledby="internal-h">
      <h2 id="internal-h">Internal transfer</h2>
      <form method="post" action="/portal/move/review" class="stack">
        ${csrfField(view)}<input type="hidden" name="kind" value="internal" /> <label for="i-src">From</label>
        <select id="i-src" name="SourceAccountId" required>
          ${options(v('internal', 'SourceAccountId'))}
        </select>
        <label for="i-dst">To</label>
        <select id="i-dst" name="DestinationAccountId" required>
          ${options(v('internal', 'DestinationAccountId'))}
        </select>
        ${amountInput('i-amount', v('internal', 'Amount'))}
        <label for="i-ref">Reference (optional)</label> <input id="i-ref" name="Reference" value="${v('internal', 'Reference')}" maxlength="140" />
        <button type="submit">Review</button>
      </form>
    </section>
    <section aria-labelledby="external-h">
      <h2 id="external-h">External transfer (ACH, Wire, SWIFT)</h2>
      <form method="post" action="/portal/move/review" class="stack">
        ${csrfField(view)}<input type="hidden" name="kind" value="external" /> <label for="e-src">From</label>
        <select id="e-src" name="SourceAccountId" required>
          ${options(v('external', 'SourceAccountId'))}
        </select>
        <label for="e-type">Rail</label>
        <select id="e-type" name="TransferType">
          ${optionList(
            [
              { value: 'ACH', label: 'ACH' },
              { value: 'Wire', label: 'Wire' },
              { value: 'SWIFT', label: 'SWIFT' },
            ],
            v('external', 'TransferType'),
          )}
        </select>
        <label for="e-payee">Payee</label>
        <select id="e-payee" name="PayeesId">
          ${payeeOptions(v('external', 'PayeesId'))}
        </select>
        <fieldset>
          <legend>New payee (when no saved payee is chosen)</legend>
          <label for="p-name">Name</label> <input id="p-name" name="Payee.Name" value="${v('external', 'Payee.Name')}" maxlength="140" /> <label for="p-type">Type</label>
          <select id="p-type" name="Payee.Type">
            ${optionList(
              [
                { value: 'Personal', label: 'Personal' },
                { value: 'Company', label: 'Company' },
              ],
              v('external', 'Payee.Type'),
            )}
          </select>
          <label for="p-acct">Account number</label> <input id="p-acct" name="Payee.AccountNumber" value="${v('external', 'Payee.AccountNumber')}" maxlength="34" />
          <label for="p-routing">Routing number (ACH, Wire)</label>
          <input id="p-routing" name="Payee.RoutingNumber" value="${v('external', 'Payee.RoutingNumber')}" maxlength="9" /> <label for="p-swift">SWIFT code (SWIFT)</label>
          <input id="p-swift" name="Payee.SwiftCode" value="${v('external', 'Payee.SwiftCode')}" maxlength="11" /> <label for="p-iban">IBAN (SWIFT)</label>
          <input id="p-iban" name="Payee.Iban" value="${v('external', 'Payee.Iban')}" maxlength="42" /> <label for="p-country">Country (ISO code)</label>
          <input id="p-country" name="Payee.CountryCode" value="${v('external', 'Payee.CountryCode')}" maxlength="3" /> <label for="p-addr">Address</label>
          <input id="p-addr" name="Payee.AddressLine1" value="${v('external', 'Payee.AddressLine1')}" maxlength="140" /> <label for="p-town">Town or city</label>
          <input id="p-town" name="Payee.TownCity" value="${v('external', 'Payee.TownCity')}" maxlength="100" /> <label for="p-post">Postcode</label>
          <input id="p-post" name="Payee.Postcode" value="${v('external', 'Payee.Postcode')}" maxlength="20" /> <label for="p-state">State</label>
          <input id="p-state" name="Payee.State" value="${v('external', 'Payee.State')}" maxlength="100" />
          <label class="check"><input type="checkbox" name="bSavePayee" value="true" ${v('external', 'bSavePayee') === 'true' ? html` checked` : ''} /> Save this payee</label>
        </fieldset>
        ${amountInput('e-amount', v('external', 'Amount'))}
        <label for="e-ref">Reference (optional)</label> <input id="e-ref" name="Reference" value="${v('external', 'Reference')}" maxlength="140" />
        <label for="e-purpose">Purpose code (required for SWIFT)</label>
        <select id="e-purpose" name="PurposeCode">
          ${purposeOptions(v('external', 'PurposeCode'))}
        </select>
        <button type="submit">Review</button>
      </form>
    </section>
    <section aria-labelledby="crypto-h">
      <h2 id="crypto-h">Crypto withdrawal</h2>
      <form method="post" action="/portal/move/review" class="stack">
        ${csrfField(view)}<input type="hidden" name="kind" value="crypto" /> <label for="c-src">From</label>
        <select id="c-src" name="accountsId" required>
          ${optionList(
            choices.filter((c) => c.assetClassCrypto).map((c) => ({ value: c.id, label: c.label })),
            v('crypto', 'accountsId'),
          )}
        </select>
        <label for="c-addr">Destination address</label>
        <input id="c-addr" name="destinationAddress" value="${v('crypto', 'destinationAddress')}" required maxlength="128" autocomplete="off" spellcheck="false" />
        <label for="c-amount">Amount</label> <input id="c-amount" name="amount" value="${v('crypto', 'amount')}" inputmode="decimal" autocomplete="off" required />
        <button type="submit">Review</button>
      </form>
    </section>`;
  return { title: 'Move money', section: 'move', body };
}

/** What the review shows and what the confirm form carries again (the same fields, unchanged). */
export interface Review {
  readonly kind: 'internal' | 'external' | 'crypto';
  readonly summary: readonly [string, string][];
  readonly fee: string;
  readonly asset: string;
  /** The submitted fields, sent again by the confirm form. */
  readonly fields: Readonly<Record<string, string>>;
  /** An internal transfer's path: the source account's asset class decides (fiat or crypto). */
  readonly internalKind?: 'fiat' | 'crypto';
}

export function internalReview(body: InternalTransferBody, source: { asset: string; availableBalance: unknown }, destinationLabel: string, fields: Record<string, string>): Review {
  return {
    kind: 'internal',
    summary: [
      ['From account', `#${body.SourceAccountId} (available ${amountText(source.availableBalance)} ${source.asset})`],
      ['To account', destinationLabel],
      ['Amount', formatCanonical(body.Amount)],
      ['Reference', body.Reference ?? '—'],
    ],
    fee: '0',
    asset: source.asset,
    fields,
  };
}

export function externalReview(
  body: ExternalTransferBody,
  quote: { transferType: string; amount: unknown; feeAmount: unknown; asset: string },
  fields: Record<string, string>,
): Review {
  return {
    kind: 'external',
    summary: [
      ['From account', `#${body.SourceAccountId}`],
      ['Rail', quote.transferType],
      ['Payee', body.PayeesId !== undefined ? `saved payee #${body.PayeesId}` : (body.Payee?.Name ?? '')],
      ['Amount', amountText(quote.amount)],
      ['Reference', body.Reference ?? '—'],
    ],
    fee: amountText(quote.feeAmount),
    asset: quote.asset,
    fields,
  };
}

export function reviewPage(view: View, review: Review, nonce: string, problemHtml?: SafeHtml): Content {
  const hidden = Object.entries(review.fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`);
  const body = html`${problemHtml ?? ''}
    <dl class="fields review">
      ${review.summary.map(
        ([k, v]) =>
          html`<div>
            <dt>${k}</dt>
            <dd>${v}</dd>
          </div>`,
      )}
      <div>
        <dt>Fee</dt>
        <dd data-field="fee">${review.fee} ${review.asset}</dd>
      </div>
    </dl>
    <form method="post" action="/portal/move/confirm" class="stack">
      ${csrfField(view)}<input type="hidden" name="_nonce" value="${nonce}" />${hidden} <label for="otp">Authenticator code (a fresh one, to confirm)</label>
      <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus /> <button type="submit">Confirm</button>
      <a href="/portal/move">Cancel</a>
    </form>`;
  return { title: 'Review and confirm', section: 'move', body };
}
