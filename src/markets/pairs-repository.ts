import type { Kysely, Selectable } from 'kysely';
import type { Database, MarketPairsTable } from '../db/schema.js';

export type PairRow = Selectable<MarketPairsTable>;
export type PairKind = MarketPairsTable['kind'];

/** A pair by its `BASE/QUOTE` name (any case), enabled or not. */
export function findPair(db: Kysely<Database>, assetPair: string): Promise<PairRow | undefined> {
  return db.selectFrom('market_pairs').selectAll().where('asset_pair', '=', assetPair.trim().toUpperCase()).executeTakeFirst();
}

/** The pair between two assets in either direction (FX looks pairs up by currencies). */
export function findPairBetween(db: Kysely<Database>, a: string, b: string): Promise<PairRow | undefined> {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return db
    .selectFrom('market_pairs')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('base_asset', '=', x), eb('quote_asset', '=', y)]), eb.and([eb('base_asset', '=', y), eb('quote_asset', '=', x)])]))
    .executeTakeFirst();
}

export interface PairFilter {
  readonly kind?: PairKind;
  readonly enabledOnly?: boolean;
}

export async function listPairs(db: Kysely<Database>, filter: PairFilter, page?: { limit: number; offset: number }): Promise<PairRow[]> {
  let query = db.selectFrom('market_pairs').selectAll().orderBy('asset_pair');
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.enabledOnly === true) query = query.where('b_enabled', '=', 1);
  if (page !== undefined) query = query.limit(page.limit).offset(page.offset);
  return query.execute();
}

export async function countPairs(db: Kysely<Database>, filter: PairFilter): Promise<number> {
  let query = db.selectFrom('market_pairs').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.enabledOnly === true) query = query.where('b_enabled', '=', 1);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Inserts or replaces a pair (the operator's `pairs set`). */
export async function upsertPair(db: Kysely<Database>, row: PairRow): Promise<void> {
  const existing = await findPair(db, row.asset_pair);
  if (existing === undefined) await db.insertInto('market_pairs').values(row).execute();
  else await db.updateTable('market_pairs').set(row).where('asset_pair', '=', row.asset_pair).execute();
}

export async function setPairEnabled(db: Kysely<Database>, assetPair: string, enabled: boolean, dateUpdated: string): Promise<boolean> {
  const result = await db
    .updateTable('market_pairs')
    .set({ b_enabled: enabled ? 1 : 0, date_updated: dateUpdated })
    .where('asset_pair', '=', assetPair.toUpperCase())
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
