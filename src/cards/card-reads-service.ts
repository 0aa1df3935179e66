import { customersInScope, findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DAY_MS } from './card-rules.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, type Page, type PageRequest } from '../shared/paging.js';
import { JsonNumber, parseExactJson, RawJson } from '../shared/exact-json.js';
import { STORED_RESULT_JSON_LIMITS } from '../db/idempotency-repository.js';
import { parseIsoInstant } from '../shared/iso-date.js';
import { cardIdOf, customerIdOf, type CardIdSpellings, type CustomerIdSpellings } from './card-ids.js';
import { sixMonthsBefore } from './card-rules.js';
import type { CardSealer } from './card-sealer.js';
import { cardBalanceItemView, cardDetailsView, cardTransactionView, customersReference, listedCardView, pascalCardView } from './card-views.js';
import { cardInScope, sealContext } from './cards-service.js';
import { countCardsInScope, countCardTransactions, listCardsOf, pageCardsInScope, pageCardTransactions } from './cards-repository.js';
import { REVIEW_SOURCE_OF_FUNDS } from './compliance-fields.js';
import type { CardTransactionsQuery } from './contract.js';

/** The documents a card customer is asked for (reviewcreatecard): by kind of customer. */
export const CARD_DOCUMENT_TYPES = { business: 'Corporate Authorization Document', personal: 'Tax Document' } as const;

/** Which document types a customer has uploaded for cards (the documents module answers). */
export type UploadedCardDocuments = (customersId: number) => Promise<readonly string[]>;

/** Reading cards: lists, details, balances, transactions, the review page and sensitive details. */
export class CardReadsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly sealer: CardSealer,
    private readonly uploadedDocuments: UploadedCardDocuments,
  ) {}

  /** byuser/list: the principal and its managees that hold cards, a page of customers. */
  async listByUser(principalId: number, page: PageRequest): Promise<Page<ReturnType<typeof customerCardsView>>> {
    const db = this.database.reader;
    const holders = db.selectFrom('cards').select('customers_id').where('customers_id', 'in', customersInScope(db, principalId)).distinct();
    const total = Number(
      (
        await db
          .selectFrom(holders.as('h'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const ids = (await holders.orderBy('customers_id').offset(pageOffset(page)).limit(page.pageSize).execute()).map((r) => r.customers_id);
    const cards = await listCardsOf(db, ids);
    const items = ids.map((id) =>
      customerCardsView(
        id,
        cards.filter((c) => c.customers_id === id),
      ),
    );
    return { items, pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(total, page.pageSize) };
  }

  /** byuser: one customer's cards (PascalCase, as documented). */
  async byUser(principalId: number, query: CustomerIdSpellings) {
    const customersId = customerIdOf(query, true) as number;
    const customer = await findCustomerInScope(this.database.reader, principalId, customersId);
    if (customer === undefined) throw notFound('CustomersId');
    const cards = await listCardsOf(this.database.reader, [customer.id]);
    return { CustomersId: customer.id, CustomersReference: customersReference(customer.id), Cards: cards.map(pascalCardView) };
  }

  async details(principalId: number, query: CardIdSpellings) {
    const cardsId = cardIdOf(query, 'CardId');
    return cardDetailsView(await cardInScope(this.database.reader, principalId, cardsId, 'CardId'));
  }

  /**
   * The only answer with the card number, CVC and expiry: opened from the vault, and every read
   * recorded (card, principal, time; never the values) in the same transaction as the answer.
   */
  async sensitiveDetails(principalId: number, query: CardIdSpellings) {
    const cardsId = cardIdOf(query, 'CardId');
    const card = await cardInScope(this.database.reader, principalId, cardsId, 'CardId');
    const context = sealContext(card.id);
    const values = {
      cardNumber: this.sealer.open(card.number_sealed, context),
      cvc: this.sealer.open(card.cvc_sealed, context),
      expiryDate: this.sealer.open(card.expiry_sealed, context),
    };
    const now = isoTimestamp(this.clock.nowMs());
    const ctx: WriteContext = {};
    const accounts = await runWrite(this.database, ctx, async (tx) => {
      await tx.insertInto('card_sensitive_reads').values({ cards_id: card.id, principal_customers_id: principalId, date_time: now }).execute();
      if (card.funding_accounts_id === null) return [];
      return tx.selectFrom('accounts').select(['id', 'account_number', 'routing_number']).where('id', '=', card.funding_accounts_id).execute();
    });
    return {
      cardHolderName: card.card_holder_name,
      expiryDate: values.expiryDate,
      cardNumber: values.cardNumber,
      cvc: values.cvc,
      accounts: accounts.map((a) => ({
        id: a.id,
        accountNumber: a.account_number,
        routingNumber: a.routing_number,
        reference: a.account_number === null ? null : `REF${a.id}`,
        bankName: null,
        bankAddress: null,
        productDisplayName: 'Top-up card funding account',
        productAddress: null,
      })),
    };
  }

  /** balances: every card in reach (or one customer's), a page. */
  async balances(principalId: number, query: CustomerIdSpellings, page: PageRequest): Promise<Page<ReturnType<typeof cardBalanceItemView>>> {
    const db = this.database.reader;
    const customersId = customerIdOf(query, false);
    if (customersId !== undefined && (await findCustomerInScope(db, principalId, customersId)) === undefined) throw notFound('CustomersId');
    const [rows, total] = await Promise.all([pageCardsInScope(db, principalId, customersId, pageOffset(page), page.pageSize), countCardsInScope(db, principalId, customersId)]);
    return { items: rows.map(cardBalanceItemView), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(total, page.pageSize) };
  }

  /** transactions: a card's rows, newest first, optionally between fromDate and toDate. */
  async transactions(principalId: number, query: CardTransactionsQuery, page: PageRequest): Promise<Page<ReturnType<typeof cardTransactionView>>> {
    const cardsId = cardIdOf(query, 'CardsId');
    await cardInScope(this.database.reader, principalId, cardsId, 'CardsId');
    const filter = { cardsId, ...cardDateRange(query.fromDate, query.toDate) };
    const db = this.database.reader;
    const [rows, total] = await Promise.all([pageCardTransactions(db, filter, pageOffset(page), page.pageSize), countCardTransactions(db, filter)]);
    return { items: rows.map(cardTransactionView), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(total, page.pageSize) };
  }

  /**
   * reviewcreatecard: the review details last given (the customer's newest card with some, else
   * the managee's onboarding answers), the source-of-funds vocabulary, and the documents still
   * missing (left out once uploaded, as documented).
   */
  async reviewDetails(principalId: number, query: CustomerIdSpellings) {
    const customersId = customerIdOf(query, true) as number;
    const db = this.database.reader;
    const customer = await findCustomerInScope(db, principalId, customersId);
    if (customer === undefined) throw notFound('CustomersId');
    const business = customer.kind === 'principal';
    const personal = await this.lastPersonalReview(customer.id);
    const required = business ? CARD_DOCUMENT_TYPES.business : CARD_DOCUMENT_TYPES.personal;
    const uploaded = await this.uploadedDocuments(customer.id);
    return {
      personalReviewDetails: personal,
      types: { sourceOfFunds: [...REVIEW_SOURCE_OF_FUNDS] },
      ...(uploaded.includes(required) ? {} : { requiredDocuments: [required] }),
      bReviewDetailsRequired: customer.date_added < sixMonthsBefore(this.clock.nowMs()),
    };
  }

  private async lastPersonalReview(customersId: number) {
    const db = this.database.reader;
    const empty = {
      sourceOfFunds: [] as string[],
      estimatedGrossAnnualIncome: null,
      estimatedNetWorth: null,
      activelyEmployed: null,
      employedCompanyName: null,
      employedJobTitle: null,
    };
    const rows = await db.selectFrom('cards').select('review_json').where('customers_id', '=', customersId).orderBy('id', 'desc').limit(20).execute();
    for (const row of rows) {
      const review = JSON.parse(row.review_json) as { personalReviewDetails?: Record<string, unknown> | null };
      if (review.personalReviewDetails !== null && review.personalReviewDetails !== undefined) return { ...empty, ...storedReview(review.personalReviewDetails) };
    }
    const managee = await db.selectFrom('managees').select('profile_json').where('customers_id', '=', customersId).executeTakeFirst();
    if (managee === undefined) return empty;
    // Exactly: a profile written with stringifyExact may hold amounts as number literals.
    const p = parseExactJson(managee.profile_json, STORED_RESULT_JSON_LIMITS) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      sourceOfFunds: Array.isArray(p.SourceFundsTypes) ? p.SourceFundsTypes.filter((v): v is string => typeof v === 'string') : [],
      estimatedGrossAnnualIncome: decimalOrNull(p.EstimatedGrossAnnualIncome),
      estimatedNetWorth: decimalOrNull(p.EstimatedNetWorth),
      activelyEmployed: typeof p.bActivelyEmployed === 'boolean' ? p.bActivelyEmployed : null,
      employedCompanyName: text(p.EmployedCompanyName),
      employedJobTitle: text(p.EmployedJobTitle),
    };
  }
}

function customerCardsView(customersId: number, cards: Parameters<typeof listedCardView>[0][]) {
  return { customersId, customersReference: customersReference(customersId), cards: cards.map(listedCardView) };
}

/** A stored decimal (text or an exact number literal) as an exact literal. */
function decimalOrNull(v: unknown): RawJson | null {
  if (v instanceof JsonNumber && /^-?\d+(\.\d+)?$/.test(v.text)) return new RawJson(v.text);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return new RawJson(v);
  return null;
}

function storedReview(r: Record<string, unknown>) {
  return {
    sourceOfFunds: Array.isArray(r.sourceOfFunds) ? r.sourceOfFunds.filter((v): v is string => typeof v === 'string') : [],
    estimatedGrossAnnualIncome: decimalOrNull(r.estimatedGrossAnnualIncome),
    estimatedNetWorth: decimalOrNull(r.estimatedNetWorth),
    activelyEmployed: typeof r.activelyEmployed === 'boolean' ? r.activelyEmployed : null,
    employedCompanyName: typeof r.employedCompanyName === 'string' ? r.employedCompanyName : null,
    employedJobTitle: typeof r.employedJobTitle === 'string' ? r.employedJobTitle : null,
  };
}

/** fromDate/toDate as a half-open range; a date without a time covers the whole day (as the accounts' filter). */
function cardDateRange(fromDate: string | undefined, toDate: string | undefined): { fromDate: string | null; toExclusive: string | null } {
  const from = fromDate === undefined ? null : parseIsoInstant(fromDate);
  if (from === null && fromDate !== undefined) throw new DomainError('Invalid', 'fromDate');
  const to = toDate === undefined ? null : parseIsoInstant(toDate);
  if (to === null && toDate !== undefined) throw new DomainError('Invalid', 'toDate');
  const toExclusive = to === null ? null : to.ms + (to.dateOnly ? DAY_MS : 1);
  if (from !== null && toExclusive !== null && from.ms >= toExclusive) throw new DomainError('Invalid', 'fromDate');
  return { fromDate: from === null ? null : isoTimestamp(from.ms), toExclusive: toExclusive === null ? null : isoTimestamp(toExclusive) };
}
