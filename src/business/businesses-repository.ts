import type { Kysely, Selectable } from 'kysely';
import type { BusinessesTable, Database } from '../db/schema.js';

export type BusinessRow = Selectable<BusinessesTable>;

/** A business with its KYC state and decision dates (read-joined from customers' tables). */
export type BusinessState = BusinessRow & {
  kyc_status: string;
  date_accepted: string | null;
  date_rejected: string | null;
  reject_reason: string | null;
};

/** One of the principal's businesses (another principal's is not found). */
export function findBusinessInScope(db: Kysely<Database>, principalId: number, customersId: number): Promise<BusinessState | undefined> {
  return db
    .selectFrom('businesses as b')
    .innerJoin('customers as c', 'c.id', 'b.customers_id')
    .innerJoin('managees as m', 'm.customers_id', 'b.customers_id')
    .selectAll('b')
    .select(['c.kyc_status', 'm.date_accepted', 'm.date_rejected', 'm.reject_reason'])
    .where('b.customers_id', '=', customersId)
    .where('b.manager_customers_id', '=', principalId)
    .executeTakeFirst();
}

export async function businessCount(db: Kysely<Database>, principalId: number): Promise<number> {
  const row = await db
    .selectFrom('businesses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('manager_customers_id', '=', principalId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether an e-mail is already someone's username: a principal's, or another business user's. */
export async function usernameTaken(db: Kysely<Database>, emailKey: string): Promise<boolean> {
  const [principal, business] = await Promise.all([
    db.selectFrom('principals').select('customers_id').where('username', '=', emailKey).executeTakeFirst(),
    db.selectFrom('businesses').select('customers_id').where('email_key', '=', emailKey).executeTakeFirst(),
  ]);
  return principal !== undefined || business !== undefined;
}

export type BusinessVerificationState = 'Not Submitted' | 'Under Review' | 'Accepted' | 'Rejected';

export function verificationStateOf(b: BusinessState): BusinessVerificationState {
  if (b.kyc_status === 'Accepted') return 'Accepted';
  if (b.kyc_status === 'Rejected') return 'Rejected';
  return b.date_submitted === null ? 'Not Submitted' : 'Under Review';
}
