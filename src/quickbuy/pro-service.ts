import { findAsset } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { inTransaction } from '../db/transaction.js';
import { NO_WRITE_CONTEXT, runWrite, type WriteContext } from '../db/unit-of-work.js';
import { unitsToColumn } from '../ledger/index.js';
import type { MarketsService } from '../markets/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { authenticateApiKey, type ApiKeyRow } from './api-keys.js';
import type { OrderIdQuery, ProCreateBody, ProListQuery } from './contract.js';
import { paymentUrl, proOrderView, type Digits } from './order-views.js';
import { findOrder, insertOrder, listOrders, markDeleted, stateOf } from './orders-repository.js';
import { pricePurchase, proPair, QUICKBUY_CURRENCY } from './pricing.js';
import { customerForReference } from './quickbuy-customers.js';
import { zulu } from './quickbuy-callbacks.js';

export interface ProSettings {
  readonly publicBaseUrl: string;
  readonly quickbuyProAsset: string;
  readonly mode: 'sandbox' | 'production';
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ()-]{7,20}$/;

/** An HTTPS URL with a host and no credentials; null when it is not one. */
export function checkRedirectUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.toString();
}

/** QuickBuy Pro: payments a merchant creates with its API key, and their hosted pages. */
export class ProService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly markets: MarketsService,
    private readonly settings: ProSettings,
  ) {}

  authenticate(bearer: string | undefined, apiKeyHeader: string | undefined): Promise<ApiKeyRow> {
    const fromBearer = bearer?.startsWith('Bearer ') === true ? bearer.slice('Bearer '.length).trim() : undefined;
    return authenticateApiKey(this.database.reader, apiKeyHeader ?? fromBearer);
  }

  private async digits(): Promise<Digits> {
    const [fiat, crypto] = await Promise.all([findAsset(this.database.reader, QUICKBUY_CURRENCY), findAsset(this.database.reader, this.settings.quickbuyProAsset)]);
    assert(fiat !== undefined && crypto !== undefined, 'the QuickBuy assets exist');
    return { fiat: fiat.precision, crypto: crypto.precision };
  }

  async create(key: ApiKeyRow, body: ProCreateBody, write: WriteContext = NO_WRITE_CONTEXT) {
    const { client, payment } = body;
    if (!EMAIL.test(client.email)) throw new DomainError('Invalid', 'client.email');
    if (client.phone !== undefined && !PHONE.test(client.phone)) throw new DomainError('Invalid', 'client.phone');
    if (payment.currency.toUpperCase() !== QUICKBUY_CURRENCY) throw new DomainError('Invalid', 'payment.currency');
    const redirect = body.redirectURL === undefined ? null : checkRedirectUrl(body.redirectURL);
    if (body.redirectURL !== undefined && redirect === null) throw new DomainError('Invalid', 'redirectURL');
    const digits = await this.digits();
    if (payment.amount <= 0n) throw new DomainError(payment.amount === 0n ? 'Required' : 'Invalid', 'payment.amount');
    if (payment.amount % 10n ** BigInt(18 - digits.fiat) !== 0n) throw new DomainError('Invalid', 'payment.amount');
    const pair = proPair(this.settings.quickbuyProAsset);
    // The amount must buy something within the pair's limits now, so the page can be paid.
    await pricePurchase(this.markets, pair, payment.amount, { pair: 'payment.currency', amount: 'payment.amount' });
    const nowMs = this.clock.nowMs();
    const nowIso = isoTimestamp(nowMs);
    return runWrite(this.database, write, async (tx) => {
      const buyer = await customerForReference(tx, {
        principalId: key.principal_customers_id,
        firstName: client.first,
        lastName: client.last,
        emailAddress: client.email,
        phoneNumber: client.phone ?? null,
        countryIso: null,
        reference: client.reference,
        dateAdded: nowIso,
      });
      const order = await insertOrder(tx, {
        principal_customers_id: key.principal_customers_id,
        api_keys_id: key.id,
        source: 'pro',
        customers_id: buyer.customers_id,
        client_reference: client.reference,
        client_json: JSON.stringify({ first: client.first, last: client.last, email: client.email, phone: client.phone ?? null }),
        fiat_amount: unitsToColumn(payment.amount),
        fiat_currency: QUICKBUY_CURRENCY,
        asset_pair: pair,
        crypto_asset: this.settings.quickbuyProAsset,
        redirect_url: redirect,
        frame_origin: null,
        date_created: nowIso,
        date_expires: isoTimestamp(nowMs + payment.timeoutMin * 60_000),
      });
      // The answer is made in the transaction: with an IdempotencyKey it is stored with the order.
      const view = proOrderView(order, nowIso, digits, this.settings.publicBaseUrl);
      return {
        id: order.id,
        UserReference: order.client_reference,
        Amount: view.fiat.amount,
        Currency: order.fiat_currency,
        CryptoAsset: order.crypto_asset,
        status: 'NOT_STARTED',
        PaymentURL: paymentUrl(this.settings.publicBaseUrl, order.id),
        redirectURL: order.redirect_url,
        DateCreated: zulu(order.date_created),
        DateExpires: zulu(order.date_expires),
      };
    });
  }

  async get(key: ApiKeyRow, query: OrderIdQuery) {
    const order = await findOrder(this.database.reader, query.OrderID, key.principal_customers_id);
    if (order === undefined) throw new DomainError('Not_Found', 'OrderID');
    return proOrderView(order, isoTimestamp(this.clock.nowMs()), await this.digits(), this.settings.publicBaseUrl);
  }

  async list(key: ApiKeyRow, query: ProListQuery) {
    const nowIso = isoTimestamp(this.clock.nowMs());
    const pageSize = query.PageSize ?? 10;
    const pageNumber = query.PageNumber ?? 1;
    const rows = await listOrders(
      this.database.reader,
      { principalId: key.principal_customers_id, nowIso, state: query.State, hideExpired: query.HideExpired },
      pageSize,
      (pageNumber - 1) * pageSize,
    );
    const digits = await this.digits();
    return { items: rows.map((r) => proOrderView(r, nowIso, digits, this.settings.publicBaseUrl)), pageSize, pageNumber };
  }

  /** Deletes an order still NOT_STARTED; its page stops working. */
  async delete(key: ApiKeyRow, query: OrderIdQuery): Promise<string> {
    const nowIso = isoTimestamp(this.clock.nowMs());
    return inTransaction(this.database, async (tx) => {
      const order = await findOrder(tx, query.OrderID, key.principal_customers_id);
      if (order === undefined) throw new DomainError('Not_Found', 'OrderID');
      const state = stateOf(order, nowIso);
      if (state !== 'NOT_STARTED' || !(await markDeleted(tx, order.id, key.principal_customers_id, nowIso))) throw new DomainError('Order_Not_Deletable', 'OrderID');
      return order.id;
    });
  }
}
