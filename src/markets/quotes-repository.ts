import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, TradeQuotesTable } from '../db/schema.js';

export type QuoteRow = Selectable<TradeQuotesTable>;
export type NewQuote = Omit<Insertable<TradeQuotesTable>, 'id' | 'status'>;

/** A new quote; `used` records the amounts of a trade decided at once (a buy). */
export async function insertQuote(db: Kysely<Database>, quote: NewQuote, status: QuoteRow['status'] = 'open'): Promise<QuoteRow> {
  return db
    .insertInto('trade_quotes')
    .values({ ...quote, status })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A quote by id, within the principal's reach. */
export function findQuote(db: Kysely<Database>, principalId: number, id: number, kind: QuoteRow['kind']): Promise<QuoteRow | undefined> {
  return db.selectFrom('trade_quotes').selectAll().where('id', '=', id).where('kind', '=', kind).where('principal_customers_id', '=', principalId).executeTakeFirst();
}

/** The newest quote made for a waiting sell. */
export function latestQuoteOfExchange(db: Kysely<Database>, exchangesId: number): Promise<QuoteRow | undefined> {
  return db.selectFrom('trade_quotes').selectAll().where('exchanges_id', '=', exchangesId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The latest quote of each of these exchanges (a page of them), in one statement. */
export async function latestQuotesOfExchanges(db: Kysely<Database>, exchangesIds: readonly number[]): Promise<Map<number, QuoteRow>> {
  const latest = new Map<number, QuoteRow>();
  if (exchangesIds.length === 0) return latest;
  const rows = await db
    .selectFrom('trade_quotes')
    .selectAll()
    .where('exchanges_id', 'in', [...new Set(exchangesIds)])
    .orderBy('id')
    .execute();
  // In id order, each exchange's last one stays.
  for (const row of rows) if (row.exchanges_id !== null) latest.set(row.exchanges_id, row);
  return latest;
}

/**
 * Uses an open, unexpired quote exactly once: one conditional UPDATE. Of two concurrent uses the
 * second waits on the row lock (PostgreSQL) or the write lock (SQLite), then matches nothing.
 */
export async function claimQuote(tx: Kysely<Database>, id: number, now: string): Promise<boolean> {
  const result = await tx.updateTable('trade_quotes').set({ status: 'used' }).where('id', '=', id).where('status', '=', 'open').where('expires_at', '>', now).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Ties a quote made with a new sell to that sell (its id exists only after the quote). */
export async function attachQuote(tx: Kysely<Database>, id: number, exchangesId: number): Promise<void> {
  await tx.updateTable('trade_quotes').set({ exchanges_id: exchangesId }).where('id', '=', id).execute();
}
