import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** `*` in the asset column blocks an address for every asset. */
export const ANY_ASSET = '*';

/**
 * Addresses compare in a canonical form: hex (0x…) and bech32 addresses are case-insensitive, so
 * they are kept in lower case; base58 addresses are case-sensitive and kept as given.
 */
export function canonicalAddress(address: string): string {
  const trimmed = address.trim();
  return /^0x/i.test(trimmed) || /^(bc|tb|bcrt)1/i.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

export async function isAddressBlocked(db: Kysely<Database>, address: string, asset: string): Promise<boolean> {
  const row = await db
    .selectFrom('screening_blocklist')
    .select('address')
    .where('address', '=', canonicalAddress(address))
    .where('asset', 'in', [asset, ANY_ASSET])
    .executeTakeFirst();
  return row !== undefined;
}

export async function addBlockedAddress(db: Kysely<Database>, address: string, asset: string, dateAdded: string): Promise<void> {
  await db
    .insertInto('screening_blocklist')
    .values({ address: canonicalAddress(address), asset, date_added: dateAdded })
    .onConflict((oc) => oc.columns(['address', 'asset']).doNothing())
    .execute();
}

export async function removeBlockedAddress(db: Kysely<Database>, address: string, asset: string): Promise<boolean> {
  const result = await db.deleteFrom('screening_blocklist').where('address', '=', canonicalAddress(address)).where('asset', '=', asset).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function listBlockedAddresses(db: Kysely<Database>) {
  return db.selectFrom('screening_blocklist').selectAll().orderBy('date_added').orderBy('address').execute();
}
