import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';

/**
 * The fee for one outbound transfer on a rail, in the account's asset: the asset's own row in
 * `transfer_fees`, else the rail's `*` row, else nothing. The table is operator data (docs/transfers.md).
 */
export async function transferFee(db: Kysely<Database>, rail: string, asset: string): Promise<bigint> {
  const rows = await db.selectFrom('transfer_fees').select(['asset', 'fixed_fee']).where('rail', '=', rail).where('asset', 'in', [asset, '*']).execute();
  const row = rows.find((r) => r.asset === asset) ?? rows.find((r) => r.asset === '*');
  return row === undefined ? 0n : unitsFromColumn(row.fixed_fee);
}
