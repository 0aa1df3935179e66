import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/transaction.js';
import { stringifyExact } from '../shared/exact-json.js';

/**
 * Managee rows for modules that onboard a managee of their own kind (business onboarding): the
 * customer row and the managee row, in the caller's transaction, Pending, as create-managee makes
 * them. The KYC (KYB) decision, its callback and the accounts opened on acceptance stay the
 * ManageesService's (`decideKyc`), so there is one lifecycle.
 */
export const MANAGEE_KIND_BUSINESS = 'Business';

export interface NewManagee {
  readonly managerCustomersId: number;
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly emailAddress: string;
  readonly phoneNumber: string;
  /** YYYY-MM-DD; '' for a business (it has a date of incorporation instead, given at verification). */
  readonly dateOfBirth: string;
  readonly nationalityIso: string;
  readonly addressCountryIso: string;
  readonly reference: string | null;
  /** `customerType` names the kind (MANAGEE_KIND_BUSINESS); the rest is the onboarding answers. */
  readonly profile: Readonly<Record<string, unknown>>;
  readonly dateAdded: string;
}

/** Inserts the customer and managee rows of a new Pending managee; returns its customer id. */
export async function insertManagee(tx: Tx, m: NewManagee): Promise<number> {
  const customer = await tx
    .insertInto('customers')
    .values({ kind: 'managee', manager_customers_id: m.managerCustomersId, name: m.name, kyc_status: 'Pending', date_added: m.dateAdded })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('managees')
    .values({
      customers_id: customer.id,
      manager_customers_id: m.managerCustomersId,
      first_name: m.firstName,
      last_name: m.lastName,
      email_address: m.emailAddress,
      phone_number: m.phoneNumber,
      date_of_birth: m.dateOfBirth,
      nationality_iso: m.nationalityIso,
      address_country_iso: m.addressCountryIso,
      managees_reference: m.reference,
      profile_json: stringifyExact(m.profile),
      verification_token: randomBytes(16).toString('hex'),
    })
    .execute();
  return customer.id;
}

/**
 * The managee's verification was handed in (a business's KYB submission: the step a person's
 * identity check is): it now awaits the compliance decision. False when it was already handed in
 * or decided.
 */
export async function markVerificationSubmitted(tx: Tx, manageesId: number, dateIso: string): Promise<boolean> {
  const pending = await tx.selectFrom('customers').select('id').where('id', '=', manageesId).where('kyc_status', '=', 'Pending').executeTakeFirst();
  if (pending === undefined) return false;
  const updated = await tx
    .updateTable('managees')
    .set({ date_jumio_completed: dateIso })
    .where('customers_id', '=', manageesId)
    .where('date_jumio_completed', 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

/** Whether a managee's profile names it a business (then its verification is the KYB submission, not an identity check). */
export function isBusinessProfile(profileJson: string): boolean {
  try {
    return (JSON.parse(profileJson) as { customerType?: unknown }).customerType === MANAGEE_KIND_BUSINESS;
  } catch {
    return false;
  }
}
