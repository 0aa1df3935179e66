import type { Kysely, Selectable } from 'kysely';
import type { AssetsTable, Database } from '../db/schema.js';

export type AssetRow = Selectable<AssetsTable>;

/** Loads the supported-asset table (small, operator-edited data) once per call site that needs it. */
export async function loadAssets(db: Kysely<Database>): Promise<Map<string, AssetRow>> {
  const rows = await db.selectFrom('assets').selectAll().where('b_enabled', '=', 1).execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** An enabled asset by code, matched case-insensitively (clients send `usd`, `USD`, `dUSD`). */
export async function findAsset(db: Kysely<Database>, code: string): Promise<AssetRow | undefined> {
  const assets = await loadAssets(db);
  const wanted = code.trim().toLowerCase();
  return [...assets.values()].find((a) => a.code.toLowerCase() === wanted);
}
