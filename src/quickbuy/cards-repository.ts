import type { Kysely, Selectable } from 'kysely';
import type { Database, QuickbuyCardsTable } from '../db/schema.js';
import { DomainError } from '../shared/domain-error.js';
import type { CardVault } from '../vault/index.js';
import type { CheckedCard } from './card-rules.js';

export type SavedCardRow = Selectable<QuickbuyCardsTable>;

const panContext = (customersId: number) => `quickbuy-card:${customersId}:pan`;

/** Saves a card for a customer: the number sealed by the card vault, the last four in clear, never the CVC. */
export async function insertCard(tx: Kysely<Database>, vault: CardVault, customersId: number, card: CheckedCard, dateAdded: string, cardsMax: number): Promise<SavedCardRow> {
  const count = await tx
    .selectFrom('quickbuy_cards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', '=', customersId)
    .where('b_deleted', '=', 0)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= cardsMax) throw new DomainError('Key_Limit_Reached', 'bSaveCard');
  return tx
    .insertInto('quickbuy_cards')
    .values({
      customers_id: customersId,
      pan_sealed: vault.seal(card.pan, panContext(customersId)),
      last4: card.last4,
      brand: card.brand,
      expiry_month: card.expiryMonth,
      expiry_year: card.expiryYear,
      holder_name: card.holderName,
      b_deleted: 0,
      date_added: dateAdded,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function openPan(vault: CardVault, row: SavedCardRow): string {
  return vault.open(row.pan_sealed, panContext(row.customers_id));
}

/** A saved card (not deleted) of a customer in the principal's reach. */
export function findCard(db: Kysely<Database>, principalId: number, id: number): Promise<SavedCardRow | undefined> {
  return db
    .selectFrom('quickbuy_cards as k')
    .innerJoin('customers as c', 'c.id', 'k.customers_id')
    .selectAll('k')
    .where('k.id', '=', id)
    .where('k.b_deleted', '=', 0)
    .where((eb) => eb.or([eb('c.id', '=', principalId), eb('c.manager_customers_id', '=', principalId)]))
    .executeTakeFirst();
}

export function listCards(db: Kysely<Database>, customersId: number, limit: number, offset: number): Promise<SavedCardRow[]> {
  return db.selectFrom('quickbuy_cards').selectAll().where('customers_id', '=', customersId).where('b_deleted', '=', 0).orderBy('id').limit(limit).offset(offset).execute();
}

export async function countCards(db: Kysely<Database>, customersId: number): Promise<number> {
  const row = await db
    .selectFrom('quickbuy_cards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', '=', customersId)
    .where('b_deleted', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes a card: its sealed number is overwritten, only the row's last four and dates remain. */
export async function deleteCard(tx: Kysely<Database>, id: number): Promise<boolean> {
  const result = await tx.updateTable('quickbuy_cards').set({ b_deleted: 1, pan_sealed: '' }).where('id', '=', id).where('b_deleted', '=', 0).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
