import type { Kysely, Selectable } from 'kysely';
import type { AssetsTable, Database } from '../db/schema.js';

export type AssetRow = Selectable<AssetsTable>;

/**
 * Loads the asset table (small, operator-edited data), disabled assets included: accounts opened
 * before an asset was disabled still show and move their money.
 */
export async function loadAssets(db: Kysely<Database>): Promise<Map<string, AssetRow>> {
  const rows = await db.selectFrom('assets').selectAll().execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** An asset by code (enabled or not: callers that open accounts check `b_enabled`), matched case-insensitively (clients send `usd`, `USD`, `dUSD`). */
export async function findAsset(db: Kysely<Database>, code: string): Promise<AssetRow | undefined> {
  const assets = await loadAssets(db);
  const wanted = code.trim().toLowerCase();
  return [...assets.values()].find((a) => a.code.toLowerCase() === wanted);
}
