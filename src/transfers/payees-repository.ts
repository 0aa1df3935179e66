import type { Kysely, Selectable } from 'kysely';
import type { Database, PayeesTable } from '../db/schema.js';
import type { PayeeDetails } from './payee-rules.js';

export type PayeeRow = Selectable<PayeesTable>;

export function payeeColumns(p: PayeeDetails) {
  return {
    payee_type: p.payeeType,
    transfer_type: p.transferType,
    name: p.name,
    account_name: p.accountName,
    account_number: p.accountNumber,
    routing_number: p.routingNumber,
    swift_code: p.swiftCode,
    intermediary_bic: p.intermediaryBic,
    iban: p.iban,
    country_code: p.countryCode,
    address_line1: p.addressLine1,
    town_city: p.townCity,
    postcode: p.postcode,
    state: p.state,
  };
}

export async function insertPayee(tx: Kysely<Database>, customersId: number, accountsId: number | null, p: PayeeDetails, dateAdded: string, verified = false): Promise<PayeeRow> {
  return tx
    .insertInto('payees')
    .values({ customers_id: customersId, customer_asset_accounts_id: accountsId, ...payeeColumns(p), b_deleted: 0, date_added: dateAdded, b_verified: verified ? 1 : 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A live payee of a customer in the principal's reach. */
export function findPayeeInScope(db: Kysely<Database>, principalId: number, payeesId: number): Promise<PayeeRow | undefined> {
  return db
    .selectFrom('payees')
    .selectAll()
    .where('id', '=', payeesId)
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

export function payeeDetailsOf(row: PayeeRow): PayeeDetails {
  return {
    transferType: row.transfer_type,
    payeeType: row.payee_type,
    name: row.name,
    accountName: row.account_name,
    accountNumber: row.account_number,
    routingNumber: row.routing_number,
    swiftCode: row.swift_code,
    intermediaryBic: row.intermediary_bic,
    iban: row.iban,
    countryCode: row.country_code,
    addressLine1: row.address_line1,
    townCity: row.town_city,
    postcode: row.postcode,
    state: row.state,
  };
}

export function payeeView(row: PayeeRow) {
  return {
    id: row.id,
    customersId: row.customers_id,
    customerAssetAccountsId: row.customer_asset_accounts_id,
    ...payeeDetailsOf(row),
    dateAdded: row.date_added,
    bVerified: row.b_verified === 1,
  };
}
