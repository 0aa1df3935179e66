import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, type FieldError } from '../shared/domain-error.js';
import { ANSWER_FIELD_PREFIX, DOCUMENTS_FIELD, RFI_ANSWER_LENGTH_MAX, type SubmitRfiResult } from './contract.js';
import { listQuestions, moveRfi, saveAnswer, type QuestionRow } from './rfis-repository.js';
import type { RfisService } from './rfis-service.js';
import { effectiveStatus } from './rfi-views.js';

/** One uploaded file, as the edge hands it over. */
export interface SubmittedFile {
  readonly fieldName: string;
  readonly fileName: string;
  readonly declaredContentType: string;
  readonly bytes: Uint8Array;
}

/** A submission: the text fields (keys lower-cased) and the files. */
export interface Submission {
  readonly informationRequestsId: number;
  readonly fields: ReadonlyMap<string, string>;
  readonly files: readonly SubmittedFile[];
}

/** The documents module as a submission uses it (purpose `rfi`, subject = the request id). */
export interface RfiDocumentStore {
  /** Refuses (Invalid_File_Type, naming `fieldName`) content that is not an allowed type or not what its name says. */
  check(file: SubmittedFile): void;
  count(db: Kysely<Database>, rfiId: number): Promise<number>;
  store(tx: Kysely<Database>, addDate: string, customersId: number, rfiId: number, file: SubmittedFile): Promise<number>;
}

export interface SubmissionLimits {
  readonly documentsMax: number;
  readonly documentSizeMaxBytes: number;
}

/**
 * The customer answers a request waiting for information: text answers (`Answer_<questionId>`)
 * and documents (`Documents`). Everything is checked before anything is written; then the answers,
 * the documents, the move to `Under Review` and INFORMATION_REQUEST_UPDATED commit together.
 */
export class RfiSubmissions {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly rfis: RfisService,
    private readonly documents: RfiDocumentStore,
    private readonly limits: SubmissionLimits,
  ) {}

  async submit(principalId: number, submission: Submission, ctx: WriteContext): Promise<SubmitRfiResult> {
    const id = submission.informationRequestsId;
    const now = isoTimestamp(this.clock.nowMs());
    const row = await this.rfis.find({ principalId }, id, 'InformationRequestsId');
    const status = effectiveStatus(row, now);
    if (status === 'Expired') throw new DomainError('Information_Request_Expired', 'InformationRequestsId');
    if (status !== 'More Information Required') throw new DomainError('Information_Request_Not_Waiting', 'InformationRequestsId');
    const db = this.database.reader;
    const questions = await listQuestions(db, id);
    const answers = checkAnswers(questions, submission.fields);
    const existing = await this.documents.count(db, id);
    this.checkFiles(submission.files, existing, questions);
    const customersId = Number(row.customers_id);
    return runWrite(this.database, ctx, async (tx) => {
      if (!(await moveRfi(tx, id, ['More Information Required'], 'Under Review', { date_submitted: now })))
        throw new DomainError('Information_Request_Not_Waiting', 'InformationRequestsId');
      for (const [questionId, answer] of answers) await saveAnswer(tx, questionId, answer);
      const documentsIds: number[] = [];
      for (const file of submission.files) documentsIds.push(await this.documents.store(tx, now, customersId, id, file));
      await this.rfis.announceUpdate(tx, customersId, id, now);
      return { id, status: 'Under Review' as const, documentsIds };
    });
  }

  private checkFiles(files: readonly SubmittedFile[], existing: number, questions: readonly QuestionRow[]): void {
    for (const file of files) {
      if (file.fieldName.toLowerCase() !== DOCUMENTS_FIELD.toLowerCase()) throw new DomainError('Invalid', file.fieldName);
      if (file.bytes.length > this.limits.documentSizeMaxBytes) throw new DomainError('Invalid_Length', DOCUMENTS_FIELD);
      this.documents.check(file);
    }
    if (existing + files.length > this.limits.documentsMax) throw new DomainError('Too_Many_Documents', DOCUMENTS_FIELD);
    const needsDocument = questions.some((q) => q.answer_type === 'Document' && q.b_required === 1);
    if (needsDocument && existing + files.length === 0) throw new DomainError('Required', DOCUMENTS_FIELD);
  }
}

/** The text answers by question id; every required text question answered now or before. */
function checkAnswers(questions: readonly QuestionRow[], fields: ReadonlyMap<string, string>): Map<number, string> {
  const prefix = ANSWER_FIELD_PREFIX.toLowerCase();
  const byId = new Map(questions.map((q) => [Number(q.id), q]));
  const answers = new Map<number, string>();
  const errors: FieldError[] = [];
  for (const [name, value] of fields) {
    if (!name.startsWith(prefix)) continue;
    const fieldName = `${ANSWER_FIELD_PREFIX}${name.slice(prefix.length)}`;
    const questionId = /^\d{1,10}$/.test(name.slice(prefix.length)) ? Number(name.slice(prefix.length)) : NaN;
    const question = byId.get(questionId);
    if (question === undefined || question.answer_type !== 'Text') errors.push({ fieldName, messageCode: 'Invalid' });
    else if (value.length > RFI_ANSWER_LENGTH_MAX) errors.push({ fieldName, messageCode: 'Invalid_Length' });
    else if (value.trim() !== '') answers.set(questionId, value.trim());
  }
  for (const q of questions) {
    const answered = answers.has(Number(q.id)) || (q.answer !== null && q.answer !== '');
    const fieldName = `${ANSWER_FIELD_PREFIX}${q.id}`;
    if (q.answer_type === 'Text' && q.b_required === 1 && !answered && !errors.some((e) => e.fieldName === fieldName))
      errors.push({ fieldName: `${ANSWER_FIELD_PREFIX}${q.id}`, messageCode: 'Required' });
  }
  if (errors.length > 0) throw DomainError.of(errors);
  return answers;
}
