import type { Selectable } from 'kysely';
import type { CustomersTable, ManageesTable } from '../db/schema.js';

export type ManageeRow = Selectable<ManageesTable>;

/** One line of the managees list. */
export function manageeListItemView(managee: ManageeRow, customer: Pick<Selectable<CustomersTable>, 'name' | 'kyc_status' | 'date_added'>) {
  return {
    id: managee.customers_id,
    name: customer.name,
    firstName: managee.first_name,
    lastName: managee.last_name,
    emailAddress: managee.email_address,
    dateAdded: customer.date_added,
    verificationStatus: customer.kyc_status,
    bJumioCompleted: managee.date_jumio_completed !== null,
    manageesReference: managee.managees_reference,
    customersReference: `CST${managee.customers_id}`,
  };
}
