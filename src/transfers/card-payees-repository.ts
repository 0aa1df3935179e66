import type { Kysely, Selectable } from 'kysely';
import type { CardPayeesTable, Database } from '../db/schema.js';

export type CardPayeeRow = Selectable<CardPayeesTable>;

/** The vault's context for a card payee's number: a sealed value opens only for its own row. */
export function cardPayeeContext(customersId: number, dateAdded: string): string {
  return `card-payee:${customersId}:${dateAdded}:pan`;
}

/** A live card payee of a customer in the principal's reach. */
export function findCardPayeeInScope(db: Kysely<Database>, principalId: number, cardPayeesId: number): Promise<CardPayeeRow | undefined> {
  return db
    .selectFrom('card_payees')
    .selectAll()
    .where('id', '=', cardPayeesId)
    .where('b_deleted', '=', 0)
    .where(
      'customers_id',
      'in',
      db
        .selectFrom('customers')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', principalId), eb('manager_customers_id', '=', principalId)])),
    )
    .executeTakeFirst();
}

export async function cardPayeeCount(db: Kysely<Database>, customersId: number): Promise<number> {
  const row = await db
    .selectFrom('card_payees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', '=', customersId)
    .where('b_deleted', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewCardPayee {
  readonly customersId: number;
  readonly name: string;
  readonly cardSealed: string;
  readonly lastFour: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly countryCode: string;
  readonly dateAdded: string;
}

export function insertCardPayee(tx: Kysely<Database>, p: NewCardPayee): Promise<CardPayeeRow> {
  return tx
    .insertInto('card_payees')
    .values({
      customers_id: p.customersId,
      name: p.name,
      card_sealed: p.cardSealed,
      last_four: p.lastFour,
      expiry_month: p.expiryMonth,
      expiry_year: p.expiryYear,
      country_code: p.countryCode,
      b_deleted: 0,
      date_added: p.dateAdded,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** What an answer shows of a card payee: never the number, only its last four digits. */
export function cardPayeeView(row: CardPayeeRow) {
  return {
    id: row.id,
    customersId: row.customers_id,
    name: row.name,
    cardLastFour: row.last_four,
    maskedCardNumber: `**** **** **** ${row.last_four}`,
    expiryMonth: row.expiry_month,
    expiryYear: row.expiry_year,
    countryCode: row.country_code,
    dateAdded: row.date_added,
  };
}
