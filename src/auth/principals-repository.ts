import type { Kysely, Selectable } from 'kysely';
import { compileOnce } from '../db/compiled-query.js';
import type { Database, PrincipalsTable } from '../db/schema.js';
import { insertCustomer } from '../customers/index.js';

export type PrincipalRow = Selectable<PrincipalsTable>;

/** What the per-request check reads of a principal: its state and its TOTP secret, nothing more. */
export type PrincipalAuthState = Pick<PrincipalRow, 'customers_id' | 'totp_secret' | 'b_verified' | 'b_suppressed' | 'failed_attempts' | 'locked_until'>;

/** Thin queries over principals; rules live in auth-service.ts. */
export function findPrincipalByUsername(db: Kysely<Database>, username: string): Promise<PrincipalRow | undefined> {
  return db.selectFrom('principals').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

const PRINCIPAL_AUTH_COLUMNS = ['customers_id', 'totp_secret', 'b_verified', 'b_suppressed', 'failed_attempts', 'locked_until'] as const;

const principalAuthState = compileOnce((db, p: { customersId: number }) => db.selectFrom('principals').select(PRINCIPAL_AUTH_COLUMNS).where('customers_id', '=', p.customersId));

/** The principal's state as of now, read on every authenticated request (compiled once: it is the hottest query). */
export function findPrincipalAuthState(db: Kysely<Database>, customersId: number): Promise<PrincipalAuthState | undefined> {
  return principalAuthState.first(db, { customersId });
}

/** The states of several principals in one statement (concurrent requests' checks, coalesced). */
export async function findPrincipalAuthStates(db: Kysely<Database>, customersIds: readonly number[]): Promise<Map<number, PrincipalAuthState>> {
  const rows =
    customersIds.length === 1
      ? await principalAuthState.rows(db, { customersId: customersIds[0] as number })
      : await db.selectFrom('principals').select(PRINCIPAL_AUTH_COLUMNS).where('customers_id', 'in', customersIds).execute();
  return new Map(rows.map((r) => [r.customers_id, r]));
}

export function listPrincipals(db: Kysely<Database>): Promise<PrincipalRow[]> {
  return db.selectFrom('principals').selectAll().orderBy('customers_id').execute();
}

export interface NewPrincipal {
  readonly username: string;
  readonly passwordHash: string;
  readonly totpSecret: string;
  readonly verified: boolean;
  readonly dateAdded: string;
}

export async function insertPrincipal(tx: Kysely<Database>, p: NewPrincipal): Promise<number> {
  // A principal is a customer too (KYC accepted: it onboarded with Ibanera); the customers module owns that row.
  const customer = { id: await insertCustomer(tx, { kind: 'principal', managerCustomersId: null, name: p.username, kycStatus: 'Accepted', dateAdded: p.dateAdded }) };
  await tx
    .insertInto('principals')
    .values({
      customers_id: customer.id,
      username: p.username.toLowerCase(),
      password_hash: p.passwordHash,
      totp_secret: p.totpSecret,
      b_verified: p.verified ? 1 : 0,
      b_suppressed: 0,
      failed_attempts: 0,
      locked_until: null,
      last_login_otp_step: 0,
      date_added: p.dateAdded,
    })
    .execute();
  return customer.id;
}

/** Counts one failure; locks the principal when the count reaches `failuresMax`. Returns true if it locked. */
export async function recordAuthFailure(db: Kysely<Database>, customersId: number, failuresMax: number, lockedUntil: string): Promise<boolean> {
  const row = await db
    .updateTable('principals')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('customers_id', '=', customersId)
    .returning('failed_attempts')
    .executeTakeFirst();
  if (row === undefined || row.failed_attempts < failuresMax) return false;
  await db.updateTable('principals').set({ failed_attempts: 0, locked_until: lockedUntil }).where('customers_id', '=', customersId).execute();
  return true;
}

/**
 * Records a successful login with TOTP step `step`. The condition makes a code single-use for login
 * even when two logins race: only one of them moves the step forward.
 */
export async function recordLoginSuccess(db: Kysely<Database>, customersId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('principals')
    .set({ failed_attempts: 0, locked_until: null, last_login_otp_step: step })
    .where('customers_id', '=', customersId)
    .where('last_login_otp_step', '<', step)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function resetAuthFailures(db: Kysely<Database>, customersId: number): Promise<void> {
  await db.updateTable('principals').set({ failed_attempts: 0 }).where('customers_id', '=', customersId).execute();
}

/** Where a principal's callbacks go, and (when given) a new secret that signs them. */
export async function setCallbackTarget(db: Kysely<Database>, customersId: number, url: string, hashSecret: string | null): Promise<void> {
  await db
    .updateTable('principals')
    .set({ callback_url: url, ...(hashSecret === null ? {} : { callback_hash_secret: hashSecret }) })
    .where('customers_id', '=', customersId)
    .execute();
}

export async function updatePrincipalFlags(
  db: Kysely<Database>,
  username: string,
  flags: Partial<Pick<PrincipalRow, 'b_suppressed' | 'failed_attempts' | 'locked_until'>>,
): Promise<boolean> {
  const result = await db.updateTable('principals').set(flags).where('username', '=', username.toLowerCase()).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
