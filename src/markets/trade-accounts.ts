import type { Kysely } from 'kysely';
import { openAccount, type AccountRow, type AssetRow } from '../accounts/index.js';
import type { DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * The account a trade uses for a customer and an asset: the customer's oldest usable (not
 * suppressed) account in that asset. A trade names no accounts (crypto exchanges) or may leave
 * the destination out (FX), so this is the rule (docs/exchanges.md).
 */
export function customerAccount(db: Kysely<Database>, customersId: number, asset: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('customers_id', '=', customersId)
    .where('asset', '=', asset)
    .where('b_suppressed', '=', 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The customer's account in the asset, opened inside the trade's transaction when missing (a
 * customer gets an account in a currency by exchanging into it), within the account limit.
 */
export async function ensureAccount(
  tx: Kysely<Database>,
  dialect: DialectName,
  customersId: number,
  asset: AssetRow,
  accountsPerCustomerMax: number,
  dateTime: string,
): Promise<AccountRow> {
  const existing = await customerAccount(tx, customersId, asset.code);
  if (existing !== undefined) return existing;
  // Two first trades into one asset at once must not open two accounts: on PostgreSQL the customer
  // row is locked (as accounts/create locks it) and the account looked for again; SQLite runs one
  // write transaction at a time.
  if (dialect === 'postgres') {
    await tx.selectFrom('customers').select('id').where('id', '=', customersId).forNoKeyUpdate().execute();
    const opened = await customerAccount(tx, customersId, asset.code);
    if (opened !== undefined) return opened;
  }
  const count = await tx
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', '=', customersId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= accountsPerCustomerMax) throw new DomainError('Account_Limit_Reached', 'CustomersId');
  return openAccount(tx, { customersId, name: `${asset.code} Account`, asset, dateAdded: dateTime });
}
