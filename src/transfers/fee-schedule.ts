import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { unitsFromColumn } from '../ledger/index.js';
import { DECIMAL_SCALE } from '../shared/decimal.js';

/**
 * The fee for one outbound transfer on a rail, in the account's asset: the asset's own row in
 * `transfer_fees`, else the rail's `*` row, else nothing. The table is operator data (docs/transfers.md).
 */
export async function transferFee(db: Kysely<Database>, rail: string, asset: string, precision: number): Promise<bigint> {
  const rows = await db.selectFrom('transfer_fees').select(['asset', 'fixed_fee']).where('rail', '=', rail).where('asset', 'in', [asset, '*']).execute();
  const row = rows.find((r) => r.asset === asset) ?? rows.find((r) => r.asset === '*');
  return row === undefined ? 0n : roundUpToPrecision(unitsFromColumn(row.fixed_fee), precision);
}

/**
 * A fee is charged in the asset's smallest unit: a schedule row finer than that (0.005 USD) is
 * rounded up to it (0.01), so a hand-edited row can never make transfers fail.
 */
export function roundUpToPrecision(units: bigint, precision: number): bigint {
  const step = 10n ** BigInt(DECIMAL_SCALE - precision);
  const remainder = units % step;
  return remainder === 0n ? units : units - remainder + (units > 0n ? step : 0n);
}
