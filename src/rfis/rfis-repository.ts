import type { Kysely, Selectable } from 'kysely';
import type { Database, InformationRequestQuestionsTable, InformationRequestsTable } from '../db/schema.js';
import type { RfiStatus } from './contract.js';

export type RfiRow = Selectable<InformationRequestsTable>;
export type QuestionRow = Selectable<InformationRequestQuestionsTable>;

/** Statuses in which a request is still open (not decided). */
export const OPEN_STATUSES: readonly RfiStatus[] = ['More Information Required', 'Under Review'];

export interface NewRfi {
  readonly customersId: number;
  readonly itemKind: string | null;
  readonly itemId: number | null;
  readonly screeningFlagsId: number | null;
  readonly orderType: string;
  readonly name: string;
  readonly addDate: string;
  readonly expiryDate: string;
  readonly questions: readonly { readonly question: string; readonly answerType: 'Text' | 'Document'; readonly bRequired: boolean }[];
}

export async function insertRfi(tx: Kysely<Database>, rfi: NewRfi): Promise<number> {
  const row = await tx
    .insertInto('information_requests')
    .values({
      customers_id: rfi.customersId,
      item_kind: rfi.itemKind,
      item_id: rfi.itemId,
      screening_flags_id: rfi.screeningFlagsId,
      status: 'More Information Required',
      order_type: rfi.orderType,
      name: rfi.name,
      note: null,
      add_date: rfi.addDate,
      expiry_date: rfi.expiryDate,
      date_submitted: null,
      date_decided: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await insertQuestions(tx, id, rfi.questions, rfi.addDate);
  return id;
}

export async function insertQuestions(tx: Kysely<Database>, rfiId: number, questions: NewRfi['questions'], dateAdded: string): Promise<void> {
  if (questions.length === 0) return;
  await tx
    .insertInto('information_request_questions')
    .values(
      questions.map((q) => ({
        information_requests_id: rfiId,
        question: q.question,
        answer_type: q.answerType,
        b_required: q.bRequired ? 1 : 0,
        answer: null,
        date_added: dateAdded,
      })),
    )
    .execute();
}

export function findRfi(db: Kysely<Database>, id: number): Promise<RfiRow | undefined> {
  return db.selectFrom('information_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open request about an item, if any (one item has at most one open request). */
export function findOpenRfiForItem(db: Kysely<Database>, kind: string, itemId: number): Promise<RfiRow | undefined> {
  return db
    .selectFrom('information_requests')
    .selectAll()
    .where('item_kind', '=', kind)
    .where('item_id', '=', itemId)
    .where('status', 'in', [...OPEN_STATUSES])
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function listQuestions(db: Kysely<Database>, rfiId: number): Promise<QuestionRow[]> {
  return db.selectFrom('information_request_questions').selectAll().where('information_requests_id', '=', rfiId).orderBy('id').execute();
}

/** Moves a request from one of `from` to `to`; false when another change came first. */
export async function moveRfi(
  tx: Kysely<Database>,
  id: number,
  from: readonly RfiStatus[],
  to: RfiStatus,
  set: Partial<Pick<RfiRow, 'note' | 'date_submitted' | 'date_decided'>> = {},
): Promise<boolean> {
  const result = await tx
    .updateTable('information_requests')
    .set({ status: to, ...set })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function saveAnswer(tx: Kysely<Database>, questionId: number, answer: string): Promise<void> {
  await tx.updateTable('information_request_questions').set({ answer }).where('id', '=', questionId).execute();
}

/** Waiting requests whose expiryDate has passed, oldest first. */
export async function findExpiredRfis(db: Kysely<Database>, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('information_requests')
    .select('id')
    .where('status', '=', 'More Information Required')
    .where('expiry_date', '<=', now)
    .orderBy('expiry_date')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}
