import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkAmount, findAsset } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { unitsFromColumn, unitsToColumn } from '../ledger/index.js';
import type { MarketsService } from '../markets/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { parseDecimal } from '../shared/decimal.js';
import { DomainError } from '../shared/domain-error.js';
import type { CardVault } from '../vault/index.js';
import { allowedOrigins, findLiveKey, keySecret, type ApiKeyRow } from './api-keys.js';
import { checkCard, declineCode, sandboxOutcome, type CardDetails, type CheckedCard } from './card-rules.js';
import { issueFormToken, useFormToken } from './form-tokens.js';
import { messageFor } from './page.js';
import { findOrder, insertOrder, markPaid, recordDecline, stateOf, type OrderRow } from './orders-repository.js';
import { pricePurchase, proPair, QUICKBUY_CURRENCY, type PricedPurchase } from './pricing.js';
import { customerForReference } from './quickbuy-customers.js';

export interface PaymentSettings {
  readonly mode: 'sandbox' | 'production';
  readonly quickbuyCaptureDelaySeconds: number;
  readonly quickbuyCardAttemptsMax: number;
  readonly quickbuyWidgetTokenTtlSeconds: number;
  readonly quickbuyProAsset: string;
}

/** Names of the form fields the page and the widget post (also the `fieldName` of their errors). */
export const FORM_FIELDS = { number: 'CardNumber', month: 'ExpiryMonth', year: 'ExpiryYear', cvc: 'Cvc', holder: 'HolderName' } as const;

export type PaymentForm = Readonly<Record<string, string | undefined>>;

/** What the page shows for an order. */
export type PageView =
  | { readonly kind: 'form'; readonly order: OrderRow; readonly estimate: PricedPurchase | null; readonly token: string; readonly error: string | null }
  | { readonly kind: 'paid'; readonly order: OrderRow }
  | { readonly kind: 'closed'; readonly order: OrderRow; readonly reason: 'EXPIRED' | 'ATTEMPTS' }
  | { readonly kind: 'missing' };

/** A widget the merchant's page opened, after its token and origin were checked. */
export interface WidgetSession {
  readonly key: ApiKeyRow;
  readonly customerReference: string;
  readonly origin: string;
}

export const WIDGET_CUSTOMER_LENGTH_MAX = 75;

/** The card details of a form, as typed (numbers parsed strictly). */
export function cardFromForm(form: PaymentForm): CardDetails {
  const int = (text: string | undefined, field: string) => {
    if (text === undefined || text.trim() === '') throw new DomainError('Required', field);
    if (!/^\d{1,4}$/.test(text.trim())) throw new DomainError('Invalid', field);
    return Number(text.trim());
  };
  const number = form.CardNumber;
  if (number === undefined || number.trim() === '') throw new DomainError('Required', FORM_FIELDS.number);
  const cvc = form.Cvc;
  if (cvc === undefined || cvc === '') throw new DomainError('Required', FORM_FIELDS.cvc);
  return { number, expiryMonth: int(form.ExpiryMonth, FORM_FIELDS.month), expiryYear: int(form.ExpiryYear, FORM_FIELDS.year), cvc, holderName: form.HolderName ?? '' };
}

/**
 * The card payment flow of the hosted page, the widget and the Quick Buy API's submit: checks the
 * card, asks the (simulated) card network, prices the purchase with the markets module and marks
 * the order paid, all in one transaction with the form's one-use token.
 */
export class PaymentService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly markets: MarketsService,
    private readonly vault: CardVault,
    private readonly settings: PaymentSettings,
  ) {}

  private async estimate(order: OrderRow): Promise<PricedPurchase | null> {
    try {
      return await pricePurchase(this.markets, order.asset_pair, unitsFromColumn(order.fiat_amount), { pair: 'AssetPair', amount: 'Amount' });
    } catch {
      return null;
    }
  }

  /** The page of an order: its form (with a fresh token), its result, or why it cannot be paid. */
  async page(orderId: string, error: string | null = null): Promise<PageView> {
    const order = await findOrder(this.database.reader, orderId);
    if (order === undefined) return { kind: 'missing' };
    return this.viewOf(order, error);
  }

  private async viewOf(order: OrderRow, error: string | null): Promise<PageView> {
    const nowIso = isoTimestamp(this.clock.nowMs());
    const state = stateOf(order, nowIso);
    if (state === 'DELETED') return { kind: 'missing' };
    if (state === 'EXPIRED') return { kind: 'closed', order, reason: 'EXPIRED' };
    if (state !== 'NOT_STARTED') return { kind: 'paid', order };
    if (order.card_attempts >= this.settings.quickbuyCardAttemptsMax) return { kind: 'closed', order, reason: 'ATTEMPTS' };
    const token = await inTransaction(this.database, (tx) => issueFormToken(tx, { ordersId: order.id }, nowIso));
    return { kind: 'form', order, estimate: await this.estimate(order), token, error };
  }

  /**
   * A card submitted on an order's page. Bad input and a used token change nothing (an error);
   * a decline uses the token and one attempt and shows the form again; an approval marks the order
   * paid (PENDING) and shows the result.
   */
  async payOnPage(orderId: string, form: PaymentForm): Promise<PageView> {
    const nowMs = this.clock.nowMs();
    const nowIso = isoTimestamp(nowMs);
    const card = cardFromForm(form);
    const outcome = await inTransaction(this.database, async (tx) => {
      const token = await useFormToken(tx, form.token, nowMs, nowIso);
      const order = await findOrder(tx, orderId);
      if (order === undefined || token.orders_id !== order.id) throw new DomainError('Form_Token_Invalid', 'token');
      return this.charge(tx, order, checkCard(card, nowMs, FORM_FIELDS), null, nowMs);
    });
    const order = await findOrder(this.database.reader, orderId);
    if (order === undefined) return { kind: 'missing' };
    return outcome === null ? { kind: 'paid', order } : this.viewOf(order, messageFor(outcome, ''));
  }

  /**
   * Charges a checked card for an order inside `tx`: null when approved (the order is PENDING),
   * else the decline's code (recorded; the order stays payable until its attempts run out).
   * An order that cannot be paid is `Order_Not_Payable`.
   */
  async charge(tx: Kysely<Database>, order: OrderRow, card: CheckedCard, cardsId: number | null, nowMs: number): Promise<string | null> {
    const nowIso = isoTimestamp(nowMs);
    if (stateOf(order, nowIso) !== 'NOT_STARTED' || order.card_attempts >= this.settings.quickbuyCardAttemptsMax) throw new DomainError('Order_Not_Payable', 'OrderID');
    // No card processor is connected outside the sandbox: nothing is charged, nothing written.
    if (this.settings.mode !== 'sandbox') throw new DomainError('Service_Unavailable', 'Card');
    const outcome = sandboxOutcome(card.pan);
    if (outcome !== 'approved') {
      await recordDecline(tx, order.id, declineCode(outcome));
      return declineCode(outcome);
    }
    const priced = await pricePurchase(this.markets, order.asset_pair, unitsFromColumn(order.fiat_amount), { pair: 'AssetPair', amount: 'Amount' });
    const paid = await markPaid(tx, order.id, nowIso, {
      card_last4: card.last4,
      cards_id: cardsId,
      price: unitsToColumn(priced.price),
      crypto_amount: unitsToColumn(priced.cryptoAmount),
      commission: unitsToColumn(priced.commission),
      next_step_at: isoTimestamp(nowMs + this.settings.quickbuyCaptureDelaySeconds * 1000),
    });
    if (!paid) throw new DomainError('Order_Not_Payable', 'OrderID');
    return null;
  }

  /**
   * Checks a widget's parameters: a live key, a signature token that is HMAC-SHA256 (hex) over
   * `<customerId>.<timestamp>` with the key's secret, compared in constant time, with a timestamp
   * (Unix seconds) within QUICKBUY_WIDGET_TOKEN_TTL_SECONDS of now, and an embedding origin on
   * the key's whitelist (the `origin` parameter, and the Referer's origin when the browser sends one).
   */
  async openWidget(p: {
    key?: string | undefined;
    customer?: string | undefined;
    timestamp?: string | undefined;
    token?: string | undefined;
    origin?: string | undefined;
    referer?: string | undefined;
  }): Promise<WidgetSession> {
    const key = p.key === undefined ? undefined : await findLiveKey(this.database.reader, p.key);
    if (key === undefined) throw new DomainError('Api_Key_Invalid', 'key');
    const customer = p.customer ?? '';
    if (customer.length < 1 || customer.length > WIDGET_CUSTOMER_LENGTH_MAX || [...customer].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20))
      throw new DomainError('Invalid_Length', 'customer');
    const origin = p.origin ?? '';
    const whitelist = allowedOrigins(key);
    if (!whitelist.includes(origin)) throw new DomainError('Origin_Not_Allowed', 'origin');
    if (p.referer !== undefined && p.referer !== '') {
      let refererOrigin: string | null = null;
      try {
        refererOrigin = new URL(p.referer).origin;
      } catch {
        refererOrigin = null;
      }
      if (refererOrigin === null || !whitelist.includes(refererOrigin)) throw new DomainError('Origin_Not_Allowed', 'origin');
    }
    const timestamp = p.timestamp ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(this.clock.nowMs() / 1000 - Number(timestamp)) > this.settings.quickbuyWidgetTokenTtlSeconds)
      throw new DomainError('Widget_Token_Invalid', 'token');
    const expected = createHmac('sha256', keySecret(this.vault, key)).update(`${customer}.${timestamp}`, 'utf8').digest();
    const given = /^[0-9a-f]{64}$/i.test(p.token ?? '') ? Buffer.from(p.token as string, 'hex') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DomainError('Widget_Token_Invalid', 'token');
    return { key, customerReference: customer, origin };
  }

  /** A fresh form token for an opened widget. */
  widgetToken(session: WidgetSession): Promise<string> {
    const nowIso = isoTimestamp(this.clock.nowMs());
    return inTransaction(this.database, (tx) =>
      issueFormToken(tx, { apiKeysId: session.key.id, customerReference: session.customerReference, frameOrigin: session.origin }, nowIso),
    );
  }

  /**
   * A widget's submission: the token names the key, the buyer and the origin it was issued for;
   * the order is made (the buyer's chosen amount) and charged in the same transaction. A decline
   * leaves the order NOT_STARTED (it expires), and the widget shows its form again.
   */
  async payWidget(form: PaymentForm): Promise<{ order: OrderRow | null; decline: string | null; frameOrigin: string; keyId: string; customer: string }> {
    const nowMs = this.clock.nowMs();
    const nowIso = isoTimestamp(nowMs);
    const card = cardFromForm(form);
    const usd = await findAsset(this.database.reader, QUICKBUY_CURRENCY);
    if (usd === undefined) throw new DomainError('Invalid', 'Amount');
    const amountText = form.Amount ?? '';
    if (amountText === '') throw new DomainError('Required', 'Amount');
    const parsed = /^\d{1,15}(\.\d{1,18})?$/.test(amountText) ? parseDecimal(amountText) : null;
    if (parsed === null || !parsed.ok) throw new DomainError('Invalid', 'Amount');
    const total = checkAmount(parsed.units, usd.precision, 'Amount');
    const checked = checkCard(card, nowMs, FORM_FIELDS);
    return inTransaction(this.database, async (tx) => {
      const token = await useFormToken(tx, form.token, nowMs, nowIso);
      if (token.api_keys_id === null || token.customer_reference === null || token.frame_origin === null) throw new DomainError('Form_Token_Invalid', 'token');
      const key = await findLiveKey(tx, token.api_keys_id);
      if (key === undefined) throw new DomainError('Api_Key_Invalid', 'key');
      const pair = proPair(this.settings.quickbuyProAsset);
      await pricePurchase(this.markets, pair, total, { pair: 'AssetPair', amount: 'Amount' });
      const [first, ...rest] = checked.holderName.split(/\s+/);
      const buyer = await customerForReference(tx, {
        principalId: key.principal_customers_id,
        firstName: first ?? checked.holderName,
        lastName: rest.join(' ') || (first ?? ''),
        emailAddress: '',
        phoneNumber: null,
        countryIso: null,
        reference: token.customer_reference,
        dateAdded: nowIso,
      });
      const order = await insertOrder(tx, {
        principal_customers_id: key.principal_customers_id,
        api_keys_id: key.id,
        source: 'widget',
        customers_id: buyer.customers_id,
        client_reference: token.customer_reference,
        client_json: JSON.stringify({ first: buyer.first_name, last: buyer.last_name }),
        fiat_amount: unitsToColumn(total),
        fiat_currency: QUICKBUY_CURRENCY,
        asset_pair: pair,
        crypto_asset: this.settings.quickbuyProAsset,
        redirect_url: null,
        frame_origin: token.frame_origin,
        date_created: nowIso,
        date_expires: isoTimestamp(nowMs + 10 * 60_000),
      });
      const decline = await this.charge(tx, order, checked, null, nowMs);
      const after = await findOrder(tx, order.id);
      return { order: after ?? null, decline, frameOrigin: token.frame_origin, keyId: key.id, customer: token.customer_reference };
    });
  }
}
