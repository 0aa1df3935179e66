import type { FlaggedItemSummary } from '../accounts/index.js';
import type { RfiDetails, RfiListItem, RfiStatus } from './contract.js';
import type { QuestionRow, RfiRow } from './rfis-repository.js';

/** A stored document of a request, as the detail view shows it. */
export interface RfiDocumentView {
  readonly id: number;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly addDate: string;
}

/**
 * The status as of `now`: a request still waiting for the customer past its expiryDate is shown
 * `Expired` at once (decided against the server's clock), before the expiry worker records it.
 */
export function effectiveStatus(row: RfiRow, now: string): RfiStatus {
  return row.status === 'More Information Required' && row.expiry_date <= now ? 'Expired' : row.status;
}

export function rfiListItemView(row: RfiRow, now: string): RfiListItem {
  return {
    id: Number(row.id),
    status: effectiveStatus(row, now),
    addDate: row.add_date,
    expiryDate: row.expiry_date,
    orderType: row.order_type,
    name: row.name,
    customersId: Number(row.customers_id),
  };
}

export function rfiDetailsView(
  row: RfiRow,
  now: string,
  questions: readonly QuestionRow[],
  documents: readonly RfiDocumentView[],
  item: FlaggedItemSummary | undefined,
): RfiDetails {
  return {
    ...rfiListItemView(row, now),
    note: row.note,
    transactionsId: item?.transactionsId ?? null,
    exchangeId: item?.exchangeId ?? null,
    description: item?.description ?? null,
    amount: item?.amount ?? null,
    asset: item?.asset ?? null,
    dateSubmitted: row.date_submitted,
    dateDecided: row.date_decided,
    questions: questions.map((q) => ({ id: Number(q.id), question: q.question, answerType: q.answer_type, bRequired: q.b_required === 1, answer: q.answer })),
    documents: [...documents],
  };
}
