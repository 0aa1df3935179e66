import countries from 'i18n-iso-countries';
import { customersInScope, findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { lastFour, luhnValid, normalizePan } from '../shared/card-number.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound, type FieldError } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, type PageRequest } from '../shared/paging.js';
import type { CardVault } from '../vault/index.js';
import { cardPayeeContext, cardPayeeCount, cardPayeeView, findCardPayeeInScope, insertCardPayee } from './card-payees-repository.js';
import type { CreateCardPayeeBody } from './contract.js';

export interface CardPayeesSettings {
  readonly cardPayeesPerCustomerMax: number;
}

/** How far ahead an expiry date may be. */
const EXPIRY_YEARS_AHEAD_MAX = 20;

function countryAlpha3(text: string | undefined): string | null {
  const code = (text ?? 'USA').trim().toUpperCase();
  if (!/^[A-Z]{2,3}$/.test(code) || !countries.isValid(code)) return null;
  return code.length === 3 ? code : (countries.alpha2ToAlpha3(code) ?? null);
}

/**
 * Visa Direct card payees: a customer's debit card that payouts are pushed to. The number is checked
 * by Luhn, sealed by the vault (AES-256-GCM, bound to its row's context) and never shown again:
 * answers carry the last four digits. The expiry date must not have passed on the server's clock.
 */
export class CardPayeesService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly vault: CardVault,
    private readonly settings: CardPayeesSettings,
  ) {}

  private checkCard(input: CreateCardPayeeBody, today: string): { pan: string; country: string; name: string } {
    const errors: FieldError[] = [];
    const pan = normalizePan(input.CardNumber);
    if (!luhnValid(pan)) errors.push({ fieldName: 'CardNumber', messageCode: 'Invalid' });
    const name = input.Name.trim();
    if (name === '') errors.push({ fieldName: 'Name', messageCode: 'Required' });
    const monthOk = input.ExpiryMonth >= 1 && input.ExpiryMonth <= 12;
    if (!monthOk) errors.push({ fieldName: 'ExpiryMonth', messageCode: 'Invalid' });
    const expiry = `${String(input.ExpiryYear).padStart(4, '0')}-${String(input.ExpiryMonth).padStart(2, '0')}`;
    // A card is good through the last day of its expiry month; no card is issued for more than 20 years.
    const thisYear = Number(today.slice(0, 4));
    if (input.ExpiryYear > thisYear + EXPIRY_YEARS_AHEAD_MAX || (monthOk && expiry < today.slice(0, 7)) || input.ExpiryYear < thisYear) {
      errors.push({ fieldName: 'ExpiryYear', messageCode: 'Invalid' });
    }
    const country = countryAlpha3(input.CountryCode);
    if (country === null) errors.push({ fieldName: 'CountryCode', messageCode: 'Invalid' });
    if (errors.length > 0 || country === null) throw DomainError.of(errors);
    return { pan, country, name };
  }

  async create(principalId: number, input: CreateCardPayeeBody, ctx: WriteContext) {
    const customer = await findCustomerInScope(this.database.reader, principalId, input.CustomersId);
    if (customer === undefined) throw notFound('CustomersId');
    const dateAdded = isoTimestamp(this.clock.nowMs());
    const { pan, country, name } = this.checkCard(input, dateAdded);
    return runWrite(this.database, ctx, async (tx) => {
      if ((await cardPayeeCount(tx, customer.id)) >= this.settings.cardPayeesPerCustomerMax) throw new DomainError('Payee_Limit_Reached', 'CustomersId');
      const row = await insertCardPayee(tx, {
        customersId: customer.id,
        name,
        cardSealed: this.vault.seal(pan, cardPayeeContext(customer.id, dateAdded)),
        lastFour: lastFour(pan),
        expiryMonth: input.ExpiryMonth,
        expiryYear: input.ExpiryYear,
        countryCode: country,
        dateAdded,
      });
      return cardPayeeView(row);
    });
  }

  async get(principalId: number, cardPayeesId: number) {
    const row = await findCardPayeeInScope(this.database.reader, principalId, cardPayeesId);
    if (row === undefined) throw notFound('Id');
    return cardPayeeView(row);
  }

  async list(principalId: number, customersId: number | undefined, page: PageRequest) {
    const db = this.database.reader;
    if (customersId !== undefined && (await findCustomerInScope(db, principalId, customersId)) === undefined) throw notFound('CustomersId');
    let query = db.selectFrom('card_payees').where('b_deleted', '=', 0);
    query = customersId === undefined ? query.where('customers_id', 'in', customersInScope(db, principalId)) : query.where('customers_id', '=', customersId);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('id').limit(page.pageSize).offset(pageOffset(page)).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(cardPayeeView), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(Number(count.n), page.pageSize) };
  }
}
