import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { parseSystemAccount, unitsFromColumn } from '../ledger/index.js';

const BATCH_SIZE = 10_000;

export interface HousePosition {
  readonly asset: string;
  /** The house's inventory change (negative: the house is short, it sold more than it bought). */
  readonly house: bigint;
  /** Commission earned in this asset. */
  readonly revenue: bigint;
  /** Amounts held for the house by trades still waiting (a sell's held crypto, a held buy's funds); not in `house` yet. */
  readonly reserved: bigint;
}

/**
 * The house's position per asset from the ledger's legs (system accounts keep no stored balance):
 * the sum of posted legs on `house:ASSET` and `revenue:ASSET`, and apart from them what pending
 * holds reserve for the house; exact, in batches.
 */
export async function housePositions(db: Kysely<Database>): Promise<HousePosition[]> {
  const sums = new Map<string, { house: bigint; revenue: bigint; reserved: bigint }>();
  let lastId = 0;
  for (;;) {
    const batch = await db
      .selectFrom('ledger_legs')
      .select(['id', 'system_account', 'bucket', 'amount'])
      .where('id', '>', lastId)
      .where((eb) => eb.or([eb('system_account', 'like', 'house:%'), eb('system_account', 'like', 'revenue:%')]))
      .orderBy('id')
      .limit(BATCH_SIZE)
      .execute();
    for (const leg of batch) {
      const parsed = parseSystemAccount(leg.system_account ?? '');
      if (parsed === null) continue;
      const entry = sums.get(parsed.asset) ?? { house: 0n, revenue: 0n, reserved: 0n };
      const amount = unitsFromColumn(leg.amount);
      if (leg.bucket !== 'posted') entry.reserved += amount;
      else if (parsed.kind === 'house') entry.house += amount;
      else entry.revenue += amount;
      sums.set(parsed.asset, entry);
    }
    if (batch.length < BATCH_SIZE) break;
    lastId = (batch[batch.length - 1] as { id: number }).id;
  }
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([asset, s]) => ({ asset, ...s }));
}
