import type { Kysely } from 'kysely';
import { compileOnce } from '../db/compiled-query.js';
import type { Database } from '../db/schema.js';
import { customersInScope } from '../customers/index.js';

/**
 * The account reads behind get, balances and list-accounts: every authenticated client polls them,
 * so each is compiled once (see db/compiled-query.ts), one query per shape. Rows come with the
 * ledger's stored balances beside them; scoped by owner.
 */

/** Accounts (`a`) with the ledger's stored balances beside them. */
function withBalances(db: Kysely<Database>) {
  return db.selectFrom('accounts as a').innerJoin('ledger_balances as b', 'b.accounts_id', 'a.id').selectAll('a').select(['b.posted', 'b.pending_in', 'b.pending_out']);
}

/** One account, when it is within the principal's reach. */
export const accountInScope = compileOnce((db, p: { accountsId: number; principalId: number }) =>
  withBalances(db).where('a.id', '=', p.accountsId).where('a.customers_id', 'in', customersInScope(db, p.principalId)),
);

/** Every account of one customer, by id. */
export const customerAccounts = compileOnce((db, p: { customersId: number }) => withBalances(db).where('a.customers_id', '=', p.customersId).orderBy('a.id'));

/** One page of a customer's accounts, by id. */
export const customerAccountsPage = compileOnce((db, p: { customersId: number; limit: number; offset: number }) =>
  withBalances(db).where('a.customers_id', '=', p.customersId).orderBy('a.id').limit(p.limit).offset(p.offset),
);

/** One page of a customer's accounts in one asset, by id. */
export const customerAssetAccountsPage = compileOnce((db, p: { customersId: number; asset: string; limit: number; offset: number }) =>
  withBalances(db).where('a.customers_id', '=', p.customersId).where('a.asset', '=', p.asset).orderBy('a.id').limit(p.limit).offset(p.offset),
);

/** Up to two accounts within the principal's reach (a transfer's source and destination), with their owners' KYC status. */
export const twoAccountsWithKyc = compileOnce((db, p: { first: number; second: number; principalId: number }) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('customers as c', 'c.id', 'a.customers_id')
    .selectAll('a')
    .select('c.kyc_status')
    .where((eb) => eb.or([eb('a.id', '=', p.first), eb('a.id', '=', p.second)]))
    .where('a.customers_id', 'in', customersInScope(db, p.principalId)),
);

const accountCount = compileOnce((db, p: { customersId: number }) =>
  db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('customers_id', '=', p.customersId),
);

const assetAccountCount = compileOnce((db, p: { customersId: number; asset: string }) =>
  db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('customers_id', '=', p.customersId)
    .where('asset', '=', p.asset),
);

/** How many accounts a customer has (in one asset, when given). */
export async function countCustomerAccounts(db: Kysely<Database>, customersId: number, asset: string | null): Promise<number> {
  const row = asset === null ? await accountCount.first(db, { customersId }) : await assetAccountCount.first(db, { customersId, asset });
  return Number(row?.n ?? 0);
}
