import type { Kysely, Selectable } from 'kysely';
import type { CryptoWalletsTable, Database } from '../db/schema.js';

export type WalletRow = Selectable<CryptoWalletsTable>;

/** One customer's wallet names are unique in any case and spacing at the ends. */
export function walletNameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** A wallet of a customer in the principal's reach. */
export function findWalletInScope(db: Kysely<Database>, principalId: number, walletId: number): Promise<WalletRow | undefined> {
  return db
    .selectFrom('crypto_wallets')
    .selectAll()
    .where('id', '=', walletId)
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

export async function walletNameTaken(db: Kysely<Database>, customersId: number, name: string, exceptWalletId: number | null): Promise<boolean> {
  let query = db.selectFrom('crypto_wallets').select('id').where('customers_id', '=', customersId).where('name_key', '=', walletNameKey(name));
  if (exceptWalletId !== null) query = query.where('id', '!=', exceptWalletId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function walletCount(db: Kysely<Database>, customersId: number): Promise<number> {
  const row = await db
    .selectFrom('crypto_wallets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', '=', customersId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewWallet {
  readonly customersId: number;
  readonly asset: string;
  readonly name: string;
  readonly address: string;
  readonly dateAdded: string;
}

export function insertWallet(tx: Kysely<Database>, w: NewWallet): Promise<WalletRow> {
  return tx
    .insertInto('crypto_wallets')
    .values({ customers_id: w.customersId, asset: w.asset, name: w.name.trim(), name_key: walletNameKey(w.name), address: w.address, date_added: w.dateAdded })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateWallet(tx: Kysely<Database>, walletId: number, name: string, address: string): Promise<WalletRow> {
  return tx
    .updateTable('crypto_wallets')
    .set({ name: name.trim(), name_key: walletNameKey(name), address })
    .where('id', '=', walletId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteWallet(tx: Kysely<Database>, walletId: number): Promise<boolean> {
  const result = await tx.deleteFrom('crypto_wallets').where('id', '=', walletId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

export function walletView(row: WalletRow) {
  return { id: row.id, customersId: row.customers_id, asset: row.asset, name: row.name, address: row.address, dateAdded: row.date_added };
}
