import { unitsFromColumn } from '../ledger/index.js';
import { formatCanonical, formatDecimal } from '../shared/decimal.js';
import type { OrderRow } from './orders-repository.js';
import type { PageView } from './payment-service.js';
import type { PricedPurchase } from './pricing.js';

/** Seconds after the card is processed before the page goes to the merchant's redirectURL (QBP-CRE). */
export const REDIRECT_DELAY_SECONDS = 5;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Headers of every page: a strict policy (only this server's own CSS and script), no caching, no referrer. */
export function pageHeaders(frameOrigin: string | null): Record<string, string> {
  const ancestors = frameOrigin === null ? "'none'" : frameOrigin;
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${ancestors}`,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...(frameOrigin === null ? { 'x-frame-options': 'DENY' } : {}),
  };
}

const money = (column: string, digits: number) => formatDecimal(unitsFromColumn(column), digits);

function layout(title: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/quickbuy/assets/pay.css">${extraHead}</head>
<body><main>${body}</main><footer>QuickBuy · secured payment page</footer><script src="/quickbuy/assets/pay.js"></script></body></html>
`;
}

const MESSAGES: Readonly<Record<string, string>> = {
  Invalid_Card_Number: 'The card number is not valid. Check it and try again.',
  Card_Expired: 'This card has expired. Use another card.',
  Card_Declined: 'The card was declined. Try another card.',
  Card_Insufficient_Funds: 'The card has insufficient funds. Try another card.',
  Form_Token_Invalid: 'This form was already submitted or is too old. Please enter the card again.',
  Trade_Amount_Out_Of_Range: 'This amount is outside what can be bought now.',
  Trade_Price_Out_Of_Range: 'This amount is outside what can be bought now.',
  Price_Unavailable: 'Prices are not available right now. Try again later.',
  Service_Unavailable: 'Card payments are not available on this server.',
};

/** A buyer-facing sentence for an error code (the field named for plain input errors). */
export function messageFor(code: string, fieldName: string): string {
  return MESSAGES[code] ?? `Please check the field ${fieldName || 'values'}.`;
}

function estimateHtml(estimate: PricedPurchase | null): string {
  if (estimate === null) return '<div class="buys">The price is not available right now.</div>';
  const base = estimate.pair.base.code;
  return `<div class="buys">You receive about <strong data-crypto>${escapeHtml(formatDecimal(estimate.cryptoAmount, estimate.pair.baseDecimals))} ${escapeHtml(base)}</strong><br>
<span class="muted">at ${escapeHtml(formatCanonical(estimate.price))} USD per ${escapeHtml(base)}, commission ${escapeHtml(formatDecimal(estimate.commission, 2))} USD included</span></div>`;
}

export function cardFieldsHtml(): string {
  return `<label for="HolderName">Name on card</label><input id="HolderName" name="HolderName" autocomplete="cc-name" required maxlength="100">
<label for="CardNumber">Card number</label><input id="CardNumber" name="CardNumber" inputmode="numeric" autocomplete="cc-number" required maxlength="23">
<div class="row"><div><label for="ExpiryMonth">Month</label><input id="ExpiryMonth" name="ExpiryMonth" inputmode="numeric" autocomplete="cc-exp-month" placeholder="MM" required maxlength="2"></div>
<div><label for="ExpiryYear">Year</label><input id="ExpiryYear" name="ExpiryYear" inputmode="numeric" autocomplete="cc-exp-year" placeholder="YYYY" required maxlength="4"></div>
<div><label for="Cvc">CVC</label><input id="Cvc" name="Cvc" inputmode="numeric" autocomplete="cc-csc" required maxlength="4"></div></div>`;
}

const sandboxNote = (sandbox: boolean) =>
  sandbox
    ? '<p class="sandbox">Sandbox: <code>4242 4242 4242 4242</code> succeeds, <code>4000 0000 0000 0002</code> is declined, <code>4000 0000 0000 9995</code> lacks funds.</p>'
    : '';

function header(order: OrderRow): string {
  return `<h1>Buy ${escapeHtml(order.crypto_asset)}</h1><div class="muted">Order <span data-order-id>${escapeHtml(order.id)}</span></div>
<div class="amount" data-amount>${escapeHtml(money(order.fiat_amount, 2))} ${escapeHtml(order.fiat_currency)}</div>`;
}

function resultHtml(order: OrderRow, parentOrigin: string | null): { body: string; head: string } {
  const redirect = order.redirect_url;
  const head = redirect === null ? '' : `<meta http-equiv="refresh" content="${REDIRECT_DELAY_SECONDS};url=${escapeHtml(redirect)}">`;
  const crypto =
    order.crypto_amount === null
      ? ''
      : ` for <strong>${escapeHtml(formatDecimal(unitsFromColumn(order.crypto_amount), 18).replace(/\.?0+$/, ''))} ${escapeHtml(order.crypto_asset)}</strong>`;
  const then =
    redirect === null
      ? ''
      : `<p>You will be taken back to the merchant in <span data-countdown="${REDIRECT_DELAY_SECONDS}">${REDIRECT_DELAY_SECONDS}</span> seconds. <a href="${escapeHtml(redirect)}">Continue now</a></p>`;
  const body = `${header(order)}<div class="ok" data-result="paid" data-order="${escapeHtml(order.id)}"${parentOrigin === null ? '' : ` data-parent-origin="${escapeHtml(parentOrigin)}"`}>
Payment accepted${crypto}. Card ending ${escapeHtml(order.card_last4 ?? '')}.</div><p class="muted">Status: <span data-state>${escapeHtml(order.state)}</span></p>${then}`;
  return { body, head };
}

/** The page of an order as the payment service sees it. */
export function renderPage(view: PageView, sandbox: boolean): { status: number; html: string } {
  switch (view.kind) {
    case 'missing':
      return {
        status: 404,
        html: layout(
          'Payment not found',
          '<h1>Payment not found</h1><div class="closed" data-result="missing">This payment does not exist or was cancelled by the merchant.</div>',
        ),
      };
    case 'closed': {
      const why = view.reason === 'EXPIRED' ? 'This payment has expired. Ask the merchant for a new one.' : 'Too many card attempts: this payment cannot be paid any more.';
      return {
        status: 410,
        html: layout('Payment closed', `${header(view.order)}<div class="closed" data-result="${view.reason === 'EXPIRED' ? 'expired' : 'attempts'}">${why}</div>`),
      };
    }
    case 'paid': {
      const r = resultHtml(view.order, view.order.frame_origin);
      return { status: 200, html: layout('Payment accepted', r.body, r.head) };
    }
    case 'form': {
      const error = view.error === null ? '' : `<div class="error" data-error>${escapeHtml(view.error)}</div>`;
      const body = `${header(view.order)}${estimateHtml(view.estimate)}${error}
<form method="post" action="/quickbuy/pay/${escapeHtml(view.order.id)}" data-pay autocomplete="on">
<input type="hidden" name="token" value="${escapeHtml(view.token)}">${cardFieldsHtml()}
<button type="submit">Pay ${escapeHtml(money(view.order.fiat_amount, 2))} ${escapeHtml(view.order.fiat_currency)}</button></form>${sandboxNote(sandbox)}`;
      return { status: view.error === null ? 200 : 402, html: layout('Pay', body) };
    }
  }
}

/** The widget's form: the buyer chooses the amount (USD) and enters a card. */
export function renderWidgetForm(p: { token: string; asset: string; error: string | null; sandbox: boolean; amount?: string }): string {
  const error = p.error === null ? '' : `<div class="error" data-error>${escapeHtml(p.error)}</div>`;
  const body = `<h1>Buy ${escapeHtml(p.asset)}</h1><div class="muted">Pay by card in USD</div>${error}
<form method="post" action="/quickbuy/widget/pay" data-pay autocomplete="on"><input type="hidden" name="token" value="${escapeHtml(p.token)}">
<label for="Amount">Amount (USD)</label><input id="Amount" name="Amount" inputmode="decimal" required maxlength="15" value="${escapeHtml(p.amount ?? '')}">
${cardFieldsHtml()}<button type="submit">Pay</button></form>${sandboxNote(p.sandbox)}`;
  return layout('QuickBuy', body);
}

export function renderWidgetResult(order: OrderRow): string {
  const r = resultHtml({ ...order, redirect_url: null }, order.frame_origin);
  return layout('Payment accepted', r.body);
}

export function renderRefusal(title: string, text: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><div class="closed" data-result="refused">${escapeHtml(text)}</div>`);
}
