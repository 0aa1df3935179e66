import type { Kysely, Selectable } from 'kysely';
import { insertCustomer } from '../customers/index.js';
import type { Database, QuickbuyCustomersTable } from '../db/schema.js';

export type QuickbuyCustomerRow = Selectable<QuickbuyCustomersTable>;

export interface NewQuickbuyCustomer {
  readonly principalId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly emailAddress: string;
  readonly phoneNumber: string | null;
  readonly countryIso: string | null;
  readonly reference: string | null;
  readonly dateAdded: string;
}

/**
 * A QuickBuy-only customer: a managee of the principal (its `customers` row, written by the
 * customers module) in KYC `Pending`, so what it buys stays in its accounts until it is verified;
 * the onboarding data is QuickBuy's own row.
 */
export async function insertQuickbuyCustomer(tx: Kysely<Database>, c: NewQuickbuyCustomer): Promise<QuickbuyCustomerRow> {
  const customersId = await insertCustomer(tx, {
    kind: 'managee',
    managerCustomersId: c.principalId,
    name: `${c.firstName} ${c.lastName}`,
    kycStatus: 'Pending',
    dateAdded: c.dateAdded,
  });
  return tx
    .insertInto('quickbuy_customers')
    .values({
      customers_id: customersId,
      principal_customers_id: c.principalId,
      first_name: c.firstName,
      last_name: c.lastName,
      email_address: c.emailAddress,
      phone_number: c.phoneNumber,
      country_iso: c.countryIso,
      reference: c.reference,
      date_added: c.dateAdded,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findQuickbuyCustomer(db: Kysely<Database>, principalId: number, customersId: number): Promise<QuickbuyCustomerRow | undefined> {
  return db.selectFrom('quickbuy_customers').selectAll().where('customers_id', '=', customersId).where('principal_customers_id', '=', principalId).executeTakeFirst();
}

export function findByReference(db: Kysely<Database>, principalId: number, reference: string): Promise<QuickbuyCustomerRow | undefined> {
  return db
    .selectFrom('quickbuy_customers')
    .selectAll()
    .where('principal_customers_id', '=', principalId)
    .where('reference', '=', reference)
    .orderBy('customers_id')
    .limit(1)
    .executeTakeFirst();
}

/** The buyer a Pro or widget order's `client.reference` names, made on its first order. */
export async function customerForReference(tx: Kysely<Database>, c: NewQuickbuyCustomer & { reference: string }): Promise<QuickbuyCustomerRow> {
  return (await findByReference(tx, c.principalId, c.reference)) ?? insertQuickbuyCustomer(tx, c);
}

export function listQuickbuyCustomerIds(db: Kysely<Database>, principalId: number) {
  return db.selectFrom('quickbuy_customers').select('customers_id').where('principal_customers_id', '=', principalId);
}
