import type { Kysely, Selectable } from 'kysely';
import type { AssetsTable, Database } from '../db/schema.js';

export type AssetRow = Selectable<AssetsTable>;

/**
 * How long a read of the asset table is reused. Nearly every request needs it and it changes only
 * when an operator edits a row, which then takes effect within this time, without a restart.
 */
export const ASSETS_CACHE_TTL_MS = 5_000;

interface CachedAssets {
  readonly loadedAtMs: number;
  readonly assets: Promise<ReadonlyMap<string, AssetRow>>;
}

/** One cached read per database (a server has one; tests open many). */
const cache = new WeakMap<Kysely<Database>, CachedAssets>();

/**
 * The asset table (small, operator-edited data), disabled assets included: accounts opened before
 * an asset was disabled still show and move their money. Read at most every ASSETS_CACHE_TTL_MS.
 */
export function loadAssets(db: Kysely<Database>): Promise<ReadonlyMap<string, AssetRow>> {
  const nowMs = performance.now();
  const cached = cache.get(db);
  if (cached !== undefined && nowMs - cached.loadedAtMs < ASSETS_CACHE_TTL_MS) return cached.assets;
  const assets = db
    .selectFrom('assets')
    .selectAll()
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.code, r])) as ReadonlyMap<string, AssetRow>);
  cache.set(db, { loadedAtMs: nowMs, assets });
  // A failed read is not kept: the next call reads again.
  assets.catch(() => {
    if (cache.get(db)?.assets === assets) cache.delete(db);
  });
  return assets;
}

/** An asset by code (enabled or not: callers that open accounts check `b_enabled`), matched case-insensitively (clients send `usd`, `USD`, `dUSD`). */
export async function findAsset(db: Kysely<Database>, code: string): Promise<AssetRow | undefined> {
  const assets = await loadAssets(db);
  const wanted = code.trim().toLowerCase();
  return [...assets.values()].find((a) => a.code.toLowerCase() === wanted);
}
