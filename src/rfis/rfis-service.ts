import type { Kysely } from 'kysely';
import { TRANSACTION_ITEM_KIND, type FlaggedItemHandler, type FlaggedItemSummary, type ScreeningFlagRow, type ScreeningService } from '../accounts/index.js';
import { enqueueCallback } from '../callbacks/index.js';
import { customersInScope, findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, type PageRequest } from '../shared/paging.js';
import type { OpenRfiBody, RfiDecided, RfiDetails, RfiListItem, RfiStatus } from './contract.js';
import { rfiDetailsView, rfiListItemView, type RfiDocumentView } from './rfi-views.js';
import { findOpenRfiForItem, findRfi, insertQuestions, insertRfi, listQuestions, moveRfi, OPEN_STATUSES, type RfiRow } from './rfis-repository.js';

/** Where a request's documents are kept (the documents module, purpose `rfi`, subject = the request id). */
export interface RfiDocuments {
  list(db: Kysely<Database>, rfiId: number): Promise<RfiDocumentView[]>;
}

export interface RfisSettings {
  readonly expiryDays: number;
}

/** Who acts: a principal (reaches itself and its managees) or the operator (reaches every request). */
export type Actor = { readonly principalId: number } | 'operator';

export type OperatorDecision = 'Accepted' | 'Rejected' | 'More Information Required';

/** The questions every request about a held item asks (ours: the docs do not show Ibanera's). */
export const DEFAULT_QUESTIONS = [
  { question: 'What is the purpose of this transaction, and what is your relationship with the counterparty?', answerType: 'Text', bRequired: true },
  { question: 'A supporting document (invoice, contract or bank statement).', answerType: 'Document', bRequired: true },
] as const;

const DAY_MS = 86_400_000;

/** Information requests: opened for held items (or by compliance), answered by the customer, decided by compliance. */
export class RfisService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly screening: ScreeningService,
    private readonly documents: RfiDocuments,
    private readonly settings: RfisSettings,
  ) {}

  now(): string {
    return isoTimestamp(this.clock.nowMs());
  }

  /** Opens the request for a freshly flagged item, inside the transaction that flagged it (a screening listener). */
  async openForFlag(tx: Kysely<Database>, flag: ScreeningFlagRow): Promise<number> {
    const summary = await this.screening.handlerOf(flag.item_kind)?.summary(tx, Number(flag.item_id));
    assert(summary !== undefined, `flagged ${flag.item_kind} ${flag.item_id} exists`);
    return this.insertAndAnnounce(tx, { kind: flag.item_kind, itemId: Number(flag.item_id) }, summary, Number(flag.id), flag.date_flagged);
  }

  private async insertAndAnnounce(
    tx: Kysely<Database>,
    item: { kind: string; itemId: number } | null,
    summary: FlaggedItemSummary,
    flagId: number | null,
    addDate: string,
  ): Promise<number> {
    const customer = await tx.selectFrom('customers').select('name').where('id', '=', summary.customersId).executeTakeFirstOrThrow();
    const id = await insertRfi(tx, {
      customersId: summary.customersId,
      itemKind: item?.kind ?? null,
      itemId: item?.itemId ?? null,
      screeningFlagsId: flagId,
      orderType: summary.orderType,
      name: customer.name,
      addDate,
      expiryDate: isoTimestamp(Date.parse(addDate) + this.settings.expiryDays * DAY_MS),
      questions: DEFAULT_QUESTIONS,
    });
    await this.announce(tx, 'INFORMATION_REQUESTED', summary.customersId, id, addDate);
    return id;
  }

  /** INFORMATION_REQUEST_UPDATED for a change made in `tx` (a submission). */
  announceUpdate(tx: Kysely<Database>, customersId: number, id: number, now: string): Promise<void> {
    return this.announce(tx, 'INFORMATION_REQUEST_UPDATED', customersId, id, now);
  }

  private async announce(tx: Kysely<Database>, type: 'INFORMATION_REQUESTED' | 'INFORMATION_REQUEST_UPDATED', customersId: number, id: number, now: string): Promise<void> {
    await enqueueCallback(tx, { customersId, type, data: { CustomersId: customersId, UpdatedInformationRequestIds: String(id) }, dateCreated: now });
  }

  /**
   * Opens a request about a transaction (or another module's item, e.g. an exchange), as compliance
   * or the sandbox does: a pending item not yet held is flagged (held) now; a settled one gets an
   * informational request (its decision moves no money); an item with an open request gets that one.
   */
  async open(actor: Actor, body: OpenRfiBody, ctx: WriteContext): Promise<RfiDetails> {
    const item = itemOf(body);
    const handler = this.screening.handlerOf(item.kind);
    if (handler === undefined) throw new DomainError('Invalid', 'ExchangeId');
    const field = item.kind === TRANSACTION_ITEM_KIND ? 'TransactionsId' : 'ExchangeId';
    const now = this.now();
    return runWrite(this.database, ctx, async (tx) => this.details(actor, await this.openIn(tx, actor, item, handler, field, now), 'Id', tx));
  }

  private async openIn(tx: Kysely<Database>, actor: Actor, item: { kind: string; itemId: number }, handler: FlaggedItemHandler, field: string, now: string): Promise<number> {
    const summary = await handler.summary(tx, item.itemId);
    if (summary === undefined || !(await this.reaches(tx, actor, summary.customersId))) throw notFound(field);
    const open = await findOpenRfiForItem(tx, item.kind, item.itemId);
    if (open !== undefined) return Number(open.id);
    const flag = await this.screening.findFlag(tx, item.kind, item.itemId);
    if (flag === undefined && summary.bHoldable) {
      await this.screening.flag(tx, { kind: item.kind, itemId: item.itemId, customersId: summary.customersId, reasons: ['opened by compliance'], dateTime: now });
      const opened = await findOpenRfiForItem(tx, item.kind, item.itemId);
      assert(opened !== undefined, 'flagging opened a request');
      return Number(opened.id);
    }
    const pendingFlag = flag?.status === 'PendingReview' ? Number(flag.id) : null;
    return this.insertAndAnnounce(tx, item, summary, pendingFlag, now);
  }

  private async reaches(db: Kysely<Database>, actor: Actor, customersId: number): Promise<boolean> {
    return actor === 'operator' || (await findCustomerInScope(db, actor.principalId, customersId)) !== undefined;
  }

  /** A request within the actor's reach, or Not_Found on `field`. */
  async find(actor: Actor, id: number, field = 'Id', db: Kysely<Database> = this.database.reader): Promise<RfiRow> {
    const row = await findRfi(db, id);
    if (row === undefined || !(await this.reaches(db, actor, Number(row.customers_id)))) throw notFound(field);
    return row;
  }

  async list(
    principalId: number,
    customersId: number | undefined,
    page: PageRequest,
  ): Promise<{ items: RfiListItem[]; pageNumber: number; pageSize: number; numberOfPages: number }> {
    const db = this.database.reader;
    if (customersId !== undefined && (await findCustomerInScope(db, principalId, customersId)) === undefined) throw notFound('CustomersId');
    let base = db.selectFrom('information_requests').where('customers_id', 'in', customersInScope(db, principalId));
    if (customersId !== undefined) base = base.where('customers_id', '=', customersId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(page.pageSize).offset(pageOffset(page)).execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const now = this.now();
    return { items: rows.map((r) => rfiListItemView(r, now)), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(Number(count.n), page.pageSize) };
  }

  /** Every request (the operator's view), newest first, optionally of one status. */
  async listAll(status: RfiStatus | undefined, limit: number): Promise<RfiListItem[]> {
    let query = this.database.reader.selectFrom('information_requests').selectAll();
    if (status !== undefined) query = query.where('status', '=', status);
    const now = this.now();
    return (await query.orderBy('id', 'desc').limit(limit).execute()).map((r) => rfiListItemView(r, now));
  }

  /** One request with its questions, documents and item; `db` is the caller's transaction when it has one. */
  async details(actor: Actor, id: number, field = 'Id', db: Kysely<Database> = this.database.reader): Promise<RfiDetails> {
    const row = await this.find(actor, id, field, db);
    const summary = row.item_kind === null || row.item_id === null ? undefined : await this.screening.handlerOf(row.item_kind)?.summary(db, Number(row.item_id));
    return rfiDetailsView(row, this.now(), await listQuestions(db, id), await this.documents.list(db, id), summary);
  }

  /**
   * Compliance decides an open request, in one database transaction with the held item's release
   * or rejection (its ledger change and callbacks) and INFORMATION_REQUEST_UPDATED. `More
   * Information Required` sends it back to the customer with a note (and optional new questions).
   */
  async decide(actor: Actor, id: number, decision: OperatorDecision, options: { note?: string; questions?: readonly string[] }, ctx: WriteContext): Promise<RfiDecided> {
    const now = this.now();
    return runWrite(this.database, ctx, async (tx) => {
      const row = await this.find(actor, id, 'Id', tx);
      let rollbackTransactionId: number | null = null;
      if (decision === 'More Information Required') {
        if (!(await moveRfi(tx, id, OPEN_STATUSES, decision, { note: options.note ?? row.note }))) throw new DomainError('Review_Not_Pending', 'Id');
        const questions = (options.questions ?? []).map((question) => ({ question, answerType: 'Text' as const, bRequired: true }));
        await insertQuestions(tx, id, questions, now);
      } else {
        if (!(await moveRfi(tx, id, OPEN_STATUSES, decision, { date_decided: now, ...(options.note === undefined ? {} : { note: options.note }) })))
          throw new DomainError('Review_Not_Pending', 'Id');
        if (row.screening_flags_id !== null) {
          const ended = await this.screening.decide(tx, Number(row.screening_flags_id), decision === 'Accepted' ? 'release' : 'reject', now);
          rollbackTransactionId = ended.rollbackTransactionId;
        }
      }
      await this.announce(tx, 'INFORMATION_REQUEST_UPDATED', Number(row.customers_id), id, now);
      return { id, status: decision, rollbackTransactionId };
    });
  }

  /** Expires one waiting request past its expiryDate (its held item is rejected); false when it changed meanwhile. */
  async expireOne(id: number): Promise<boolean> {
    const now = this.now();
    return runWrite(this.database, {}, async (tx) => {
      const row = await findRfi(tx, id);
      if (row === undefined || row.expiry_date > now) return false;
      if (!(await moveRfi(tx, id, ['More Information Required'], 'Expired', { date_decided: now }))) return false;
      if (row.screening_flags_id !== null) await this.screening.decide(tx, Number(row.screening_flags_id), 'reject', now);
      await this.announce(tx, 'INFORMATION_REQUEST_UPDATED', Number(row.customers_id), id, now);
      return true;
    });
  }
}

function itemOf(body: OpenRfiBody): { kind: string; itemId: number } {
  if (body.TransactionsId !== undefined && body.ExchangeId !== undefined) throw new DomainError('Invalid', 'ExchangeId');
  if (body.TransactionsId !== undefined) return { kind: TRANSACTION_ITEM_KIND, itemId: body.TransactionsId };
  if (body.ExchangeId !== undefined) return { kind: 'exchange', itemId: body.ExchangeId };
  throw new DomainError('Required', 'TransactionsId');
}
