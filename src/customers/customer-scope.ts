import type { Kysely, Selectable } from 'kysely';
import type { CustomersTable, Database } from '../db/schema.js';

export type CustomerRow = Selectable<CustomersTable>;

/**
 * A principal reaches itself and the customers it manages, nothing else. Every query that takes
 * an id from a request goes through these, so a foreign id is simply "not found".
 */
export function findCustomerInScope(db: Kysely<Database>, principalId: number, customersId: number): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customersId)
    .where((eb) => eb.or([eb('id', '=', principalId), eb('manager_customers_id', '=', principalId)]))
    .executeTakeFirst();
}

/** Ids of every customer in the principal's reach, as a subquery. */
export function customersInScope(db: Kysely<Database>, principalId: number) {
  return db
    .selectFrom('customers')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', principalId), eb('manager_customers_id', '=', principalId)]));
}

export interface NewCustomer {
  readonly kind: 'principal' | 'managee';
  readonly managerCustomersId: number | null;
  readonly name: string;
  readonly kycStatus: string;
  readonly dateAdded: string;
}

/** Inserts a customer row (a principal, or a managee under its manager); returns its id. */
export async function insertCustomer(tx: Kysely<Database>, c: NewCustomer): Promise<number> {
  const row = await tx
    .insertInto('customers')
    .values({ kind: c.kind, manager_customers_id: c.managerCustomersId, name: c.name, kyc_status: c.kycStatus, date_added: c.dateAdded })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
