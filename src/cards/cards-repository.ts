import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { customersInScope } from '../customers/index.js';
import type { DialectName } from '../db/dialect.js';
import type { CardsTable, CardTransactionsTable, Database } from '../db/schema.js';
import { unitsToColumn } from '../ledger/index.js';

/** Queries of the Cards module, always scoped by the principal's reach. */
export type CardRow = Selectable<CardsTable>;
export type CardTransactionRow = Selectable<CardTransactionsTable>;
export type CardWithBalances = CardRow & { readonly posted: string; readonly pending_in: string; readonly pending_out: string; readonly customer_kind: string };

/**
 * A card's own ledger account. The ledger knows accounts by id only; asset accounts take the
 * positive ids, so a card takes the negative of its own id and the two can never meet.
 */
export function cardLedgerId(cardsId: number): number {
  return -cardsId;
}

function withBalances(db: Kysely<Database>) {
  return db
    .selectFrom('cards as k')
    .innerJoin('ledger_balances as b', (join) => join.on((eb) => eb('b.accounts_id', '=', sql<number>`-${sql.ref('k.id')}`)))
    .innerJoin('customers as c', 'c.id', 'k.customers_id')
    .selectAll('k')
    .select(['b.posted', 'b.pending_in', 'b.pending_out', 'c.kind as customer_kind']);
}

/** A card in the principal's reach, with its balances; undefined for an unknown or foreign id (the same answer). */
export function findCardInScope(db: Kysely<Database>, principalId: number, cardsId: number): Promise<CardWithBalances | undefined> {
  return withBalances(db).where('k.id', '=', cardsId).where('k.customers_id', 'in', customersInScope(db, principalId)).executeTakeFirst();
}

/**
 * Locks a card row for a state change (PostgreSQL; SQLite's transaction holds the write lock).
 * FOR NO KEY UPDATE, not FOR UPDATE: inserting a card transaction takes a key-share lock on its
 * card (the foreign key), and a transfer does that while holding the card's ledger balance, which an
 * authorization holding the card row then waits for — FOR UPDATE would make that a deadlock.
 */
export async function lockCard(tx: Kysely<Database>, dialect: DialectName, cardsId: number): Promise<CardRow> {
  let query = tx.selectFrom('cards').selectAll().where('id', '=', cardsId);
  if (dialect === 'postgres') query = query.forNoKeyUpdate();
  return query.executeTakeFirstOrThrow();
}

export function listCardsOf(db: Kysely<Database>, customersIds: readonly number[]): Promise<CardWithBalances[]> {
  if (customersIds.length === 0) return Promise.resolve([]);
  return withBalances(db).where('k.customers_id', 'in', customersIds).orderBy('k.id').execute();
}

export function pageCardsInScope(db: Kysely<Database>, principalId: number, customersId: number | undefined, offset: number, limit: number): Promise<CardWithBalances[]> {
  let query = withBalances(db).where('k.customers_id', 'in', customersInScope(db, principalId));
  if (customersId !== undefined) query = query.where('k.customers_id', '=', customersId);
  return query.orderBy('k.id').offset(offset).limit(limit).execute();
}

export async function countCardsInScope(db: Kysely<Database>, principalId: number, customersId: number | undefined): Promise<number> {
  let query = db
    .selectFrom('cards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', 'in', customersInScope(db, principalId));
  if (customersId !== undefined) query = query.where('customers_id', '=', customersId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function countCardsOf(tx: Kysely<Database>, customersId: number): Promise<number> {
  const row = await tx
    .selectFrom('cards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', '=', customersId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewCardTransaction {
  readonly cardsId: number;
  readonly customersId: number;
  readonly amount: bigint;
  readonly description: string;
  readonly kind: 'TopUp' | 'Withdrawal' | 'CardToCard' | 'Fee' | 'Purchase' | 'Refund';
  readonly pending: boolean;
  readonly journalsId: number;
  readonly holdsId?: number;
  readonly originalTransactionsId?: number;
  readonly dateTime: string;
}

/** Inserts card transaction rows; returns their ids in the order given. */
export async function insertCardTransactions(tx: Kysely<Database>, rows: readonly NewCardTransaction[]): Promise<number[]> {
  const ids: number[] = [];
  // One at a time: ids come back in order without relying on RETURNING's order (a handful per use case).
  for (const r of rows) {
    const values: Insertable<CardTransactionsTable> = {
      cards_id: r.cardsId,
      customers_id: r.customersId,
      amount: unitsToColumn(r.amount),
      currency: 'USD',
      description: r.description,
      kind: r.kind,
      status: r.pending ? 'Pending' : 'Settled',
      b_pending: r.pending ? 1 : 0,
      journals_id: r.journalsId,
      holds_id: r.holdsId ?? null,
      refund_transactions_id: null,
      original_transactions_id: r.originalTransactionsId ?? null,
      date_time: r.dateTime,
      date_settled: r.pending ? null : r.dateTime,
    };
    ids.push((await tx.insertInto('card_transactions').values(values).returning('id').executeTakeFirstOrThrow()).id);
  }
  return ids;
}

export interface CardTransactionFilter {
  readonly cardsId: number;
  readonly fromDate: string | null;
  readonly toExclusive: string | null;
}

function transactionsOf(db: Kysely<Database>, f: CardTransactionFilter) {
  let query = db.selectFrom('card_transactions').where('cards_id', '=', f.cardsId);
  if (f.fromDate !== null) query = query.where('date_time', '>=', f.fromDate);
  if (f.toExclusive !== null) query = query.where('date_time', '<', f.toExclusive);
  return query;
}

/** A card's transactions, newest first. */
export function pageCardTransactions(db: Kysely<Database>, f: CardTransactionFilter, offset: number, limit: number): Promise<CardTransactionRow[]> {
  return transactionsOf(db, f).selectAll().orderBy('date_time', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute();
}

export async function countCardTransactions(db: Kysely<Database>, f: CardTransactionFilter): Promise<number> {
  const row = await transactionsOf(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
