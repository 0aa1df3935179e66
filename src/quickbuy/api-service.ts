import countries from 'i18n-iso-countries';
import { findAsset } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { storeDocument, type StoredDocument } from '../documents/index.js';
import { unitsToColumn } from '../ledger/index.js';
import type { MarketsService } from '../markets/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { formatCanonical } from '../shared/decimal.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { RawJson } from '../shared/exact-json.js';
import { DomainError } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, type Page, type PageRequest } from '../shared/paging.js';
import type { CardVault } from '../vault/index.js';
import { checkCard, declineCode, type CheckedCard } from './card-rules.js';
import { countCards, deleteCard, findCard, insertCard, listCards, openPan, type SavedCardRow } from './cards-repository.js';
import type { CreateCustomerBody, QuoteBody, SubmitBody } from './contract.js';
import { apiOrderView, type Digits } from './order-views.js';
import { findOrder, insertOrder, listOrders } from './orders-repository.js';
import type { PaymentService } from './payment-service.js';
import { pricePurchase, QUICKBUY_CURRENCY } from './pricing.js';
import { findCustomerInScope } from '../customers/index.js';
import { findQuickbuyCustomer, insertQuickbuyCustomer, type QuickbuyCustomerRow } from './quickbuy-customers.js';

type Buyer = Pick<QuickbuyCustomerRow, 'customers_id' | 'reference' | 'first_name' | 'last_name' | 'email_address'>;

export interface ApiSettings {
  readonly quickbuyCardsPerCustomerMax: number;
  readonly quickbuyCardAttemptsMax: number;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ()-]{7,20}$/;
/** How long a Quick Buy API order may wait for its card (the submit charges at once, so briefly). */
const API_ORDER_TIMEOUT_MS = 10 * 60_000;
const CARD_FIELDS = { number: 'Card.CardNumber', month: 'Card.ExpiryMonth', year: 'Card.ExpiryYear', cvc: 'Card.Cvc', holder: 'Card.HolderName' };

function customerView(row: QuickbuyCustomerRow, kycStatus: string) {
  return {
    customersId: Number(row.customers_id),
    firstName: row.first_name,
    lastName: row.last_name,
    emailAddress: row.email_address,
    phoneNumber: row.phone_number,
    countryISO: row.country_iso,
    reference: row.reference,
    verificationStatus: kycStatus,
    addDate: row.date_added,
  };
}

export function savedCardView(row: SavedCardRow) {
  return {
    id: Number(row.id),
    customersId: Number(row.customers_id),
    last4: row.last4,
    maskedNumber: `**** **** **** ${row.last4}`,
    brand: row.brand,
    expiryMonth: row.expiry_month,
    expiryYear: row.expiry_year,
    holderName: row.holder_name,
    addDate: row.date_added,
  };
}

/** The Quick Buy API: QuickBuy customers, their saved cards, pairs, quotes and card purchases. */
export class QuickBuyApiService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly markets: MarketsService,
    private readonly vault: CardVault,
    private readonly payments: PaymentService,
    private readonly settings: ApiSettings,
  ) {}

  /**
   * A buyer in the principal's reach: a QuickBuy customer, or the principal or one of its managees
   * (they may buy with a card too); another principal's customer is not found.
   */
  async customer(principalId: number, customersId: number | undefined, fieldName = 'CustomersId'): Promise<Buyer> {
    if (customersId === undefined) throw new DomainError('Required', fieldName);
    const customer = await findCustomerInScope(this.database.reader, principalId, customersId);
    if (customer === undefined) throw new DomainError('Not_Found', fieldName);
    const row = await findQuickbuyCustomer(this.database.reader, principalId, customersId);
    return {
      customers_id: Number(customer.id),
      reference: row?.reference ?? null,
      first_name: row?.first_name ?? customer.name,
      last_name: row?.last_name ?? '',
      email_address: row?.email_address ?? '',
    };
  }

  async createCustomer(principalId: number, input: CreateCustomerBody, ctx: WriteContext) {
    if (!EMAIL.test(input.EmailAddress)) throw new DomainError('Invalid', 'EmailAddress');
    if (input.PhoneNumber !== undefined && !PHONE.test(input.PhoneNumber)) throw new DomainError('Invalid', 'PhoneNumber');
    const code = input.CountryISO.trim().toUpperCase();
    const country = /^[A-Z]{2,3}$/.test(code) && countries.isValid(code) ? (code.length === 3 ? code : countries.alpha2ToAlpha3(code)) : undefined;
    if (country === undefined) throw new DomainError('Invalid', 'CountryISO');
    const nowIso = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const row = await insertQuickbuyCustomer(tx, {
        principalId,
        firstName: input.FirstName,
        lastName: input.LastName,
        emailAddress: input.EmailAddress,
        phoneNumber: input.PhoneNumber ?? null,
        countryIso: country,
        reference: input.Reference ?? null,
        dateAdded: nowIso,
      });
      return customerView(row, 'Pending');
    });
  }

  /** Documents for external KYC, kept by the documents module (purpose `quickbuy`). */
  async uploadDocuments(
    principalId: number,
    customersId: number,
    documentType: string | null,
    files: readonly { fieldName: string; fileName: string; declaredContentType: string; bytes: Buffer }[],
    ctx: WriteContext,
  ): Promise<StoredDocument[]> {
    const customer = await this.customer(principalId, customersId);
    if (files.length === 0) throw new DomainError('Required', 'Document');
    const nowIso = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const stored: StoredDocument[] = [];
      for (const file of files) {
        stored.push(
          await storeDocument(tx, nowIso, {
            customersId: customer.customers_id,
            purpose: 'quickbuy',
            subjectId: customer.customers_id,
            documentType,
            fileName: file.fileName,
            declaredContentType: file.declaredContentType,
            bytes: file.bytes,
            fieldName: file.fieldName,
          }),
        );
      }
      return stored;
    });
  }

  async listCards(principalId: number, customersId: number, page: PageRequest): Promise<Page<ReturnType<typeof savedCardView>>> {
    const customer = await this.customer(principalId, customersId);
    const rows = await listCards(this.database.reader, customer.customers_id, page.pageSize, pageOffset(page));
    const total = await countCards(this.database.reader, customer.customers_id);
    return { items: rows.map(savedCardView), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(total, page.pageSize) };
  }

  async getCard(principalId: number, id: number) {
    const row = await findCard(this.database.reader, principalId, id);
    if (row === undefined) throw new DomainError('Not_Found', 'Id');
    return savedCardView(row);
  }

  async deleteCard(principalId: number, id: number, ctx: WriteContext) {
    const row = await findCard(this.database.reader, principalId, id);
    if (row === undefined) throw new DomainError('Not_Found', 'Id');
    return runWrite(this.database, ctx, async (tx) => {
      if (!(await deleteCard(tx, row.id))) throw new DomainError('Not_Found', 'Id');
      return { id: Number(row.id), bDeleted: true };
    });
  }

  /** Crypto pairs against USD (what a card can buy), from the markets module. */
  async availablePairs(page: PageRequest) {
    const all = await this.markets.pairs('crypto', { pageNumber: 1, pageSize: 10_000 });
    const usd = all.items.filter((p) => p.quoteAsset === QUICKBUY_CURRENCY);
    const items = usd.slice(pageOffset(page), pageOffset(page) + page.pageSize);
    return { items, pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(usd.length, page.pageSize) };
  }

  private async usd() {
    const usd = await findAsset(this.database.reader, QUICKBUY_CURRENCY);
    assert(usd !== undefined, 'USD exists');
    return usd;
  }

  /** A quote: not binding; the purchase is priced again when the card is charged. */
  async quote(principalId: number, input: QuoteBody, ctx: WriteContext) {
    if (input.CustomersId !== undefined) await this.customer(principalId, input.CustomersId);
    const usd = await this.usd();
    if (input.Amount === 0n) throw new DomainError('Required', 'Amount');
    if (input.Amount < 0n || input.Amount % 10n ** BigInt(18 - usd.precision) !== 0n) throw new DomainError('Invalid', 'Amount');
    const p = await pricePurchase(this.markets, input.AssetPair, input.Amount, { pair: 'AssetPair', amount: 'Amount' });
    // Nothing is written; with an IdempotencyKey the answer is kept and replayed like any POST's.
    const view = {
      assetPair: p.pair.name,
      price: new RawJson(formatCanonical(p.price)),
      amount: decimalLiteral(p.total, usd.precision),
      currency: QUICKBUY_CURRENCY,
      cryptoAsset: p.pair.base.code,
      cryptoAmount: decimalLiteral(p.cryptoAmount, p.pair.baseDecimals),
      commissionFee: decimalLiteral(p.commission, usd.precision),
      dateQuoted: isoTimestamp(this.clock.nowMs()),
    };
    return runWrite(this.database, ctx, () => Promise.resolve(view));
  }

  /**
   * A purchase with a saved card or new card details: the order is made and charged in one
   * transaction (a decline is an error and writes nothing); capture and delivery follow (the
   * settlement worker), each its own journal.
   */
  async submit(principalId: number, input: SubmitBody, ctx: WriteContext) {
    const customer = await this.customer(principalId, input.CustomersId);
    if ((input.CardId === undefined) === (input.Card === undefined)) throw new DomainError(input.CardId === undefined ? 'Required' : 'Invalid', 'Card');
    const nowMs = this.clock.nowMs();
    const nowIso = isoTimestamp(nowMs);
    let saved: SavedCardRow | undefined;
    let card: CheckedCard;
    if (input.CardId !== undefined) {
      saved = await findCard(this.database.reader, principalId, input.CardId);
      if (saved === undefined || saved.customers_id !== customer.customers_id) throw new DomainError('Not_Found', 'CardId');
      card = checkCard({ number: openPan(this.vault, saved), expiryMonth: saved.expiry_month, expiryYear: saved.expiry_year, cvc: null, holderName: saved.holder_name }, nowMs, {
        ...CARD_FIELDS,
        number: 'CardId',
        month: 'CardId',
        year: 'CardId',
      });
    } else {
      const c = input.Card as NonNullable<SubmitBody['Card']>;
      card = checkCard({ number: c.CardNumber, expiryMonth: c.ExpiryMonth, expiryYear: c.ExpiryYear, cvc: c.Cvc, holderName: c.HolderName }, nowMs, CARD_FIELDS);
    }
    const usd = await this.usd();
    if (input.Amount === 0n) throw new DomainError('Required', 'Amount');
    if (input.Amount < 0n || input.Amount % 10n ** BigInt(18 - usd.precision) !== 0n) throw new DomainError('Invalid', 'Amount');
    const priced = await pricePurchase(this.markets, input.AssetPair, input.Amount, { pair: 'AssetPair', amount: 'Amount' });
    return runWrite(this.database, ctx, async (tx) => {
      const cardsId =
        saved !== undefined
          ? saved.id
          : input.bSaveCard === true
            ? (await insertCard(tx, this.vault, customer.customers_id, card, nowIso, this.settings.quickbuyCardsPerCustomerMax)).id
            : null;
      const order = await insertOrder(tx, {
        principal_customers_id: principalId,
        api_keys_id: null,
        source: 'api',
        customers_id: customer.customers_id,
        client_reference: customer.reference ?? String(customer.customers_id),
        client_json: JSON.stringify({ first: customer.first_name, last: customer.last_name, email: customer.email_address }),
        fiat_amount: unitsToColumn(input.Amount),
        fiat_currency: QUICKBUY_CURRENCY,
        asset_pair: priced.pair.name,
        crypto_asset: priced.pair.base.code,
        redirect_url: null,
        frame_origin: null,
        date_created: nowIso,
        date_expires: isoTimestamp(nowMs + API_ORDER_TIMEOUT_MS),
      });
      const decline = await this.payments.charge(tx, order, card, cardsId, nowMs);
      // A decline is the answer; the transaction rolls back, so nothing of it is kept.
      if (decline !== null)
        throw new DomainError(decline === 'Card_Declined' ? declineCode('declined') : declineCode('insufficient_funds'), input.CardId !== undefined ? 'CardId' : 'Card.CardNumber');
      const paid = await findOrder(tx, order.id);
      assert(paid !== undefined, 'the order just made exists');
      return apiOrderView(paid, nowIso, { fiat: usd.precision, crypto: priced.pair.baseDecimals });
    });
  }

  private async digitsOf(asset: string): Promise<Digits> {
    const crypto = await findAsset(this.database.reader, asset);
    return { fiat: (await this.usd()).precision, crypto: crypto?.precision ?? 18 };
  }

  async listOrders(principalId: number, customersId: number | undefined, page: PageRequest) {
    if (customersId !== undefined) await this.customer(principalId, customersId);
    const nowIso = isoTimestamp(this.clock.nowMs());
    const rows = await listOrders(this.database.reader, { principalId, nowIso, customersId }, page.pageSize + 1, pageOffset(page));
    const items = await Promise.all(rows.slice(0, page.pageSize).map(async (r) => apiOrderView(r, nowIso, await this.digitsOf(r.crypto_asset))));
    // numberOfPages without counting: the page after this one exists when a row more came back.
    return { items, pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: page.pageNumber + (rows.length > page.pageSize ? 1 : 0) };
  }

  async getOrder(principalId: number, id: string) {
    const order = await findOrder(this.database.reader, id, principalId);
    if (order === undefined) throw new DomainError('Not_Found', 'Id');
    return apiOrderView(order, isoTimestamp(this.clock.nowMs()), await this.digitsOf(order.crypto_asset));
  }
}
