import { countDocuments, listDocuments, storeDocument } from '../documents/index.js';
import { findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { CARD_DOCUMENT_TYPES } from './card-reads-service.js';
import type { DocumentUploaded } from './contract.js';

/** Documents one customer may upload for cards (beyond it: Account_Limit_Reached). */
export const CARD_DOCUMENTS_PER_CUSTOMER_MAX = 20;
export const DOCUMENT_SIDES = ['Front', 'Back'] as const;

export interface CardDocumentUpload {
  readonly customersId: number;
  readonly type: string | undefined;
  readonly documentSide: string | undefined;
  readonly file: { readonly fieldName: string; readonly fileName: string; readonly declaredContentType: string; readonly bytes: Buffer } | undefined;
}

/** documentType as stored in the documents table: `<type> (<side>)`. */
const storedType = (type: string, side: string) => `${type} (${side})`;

/**
 * documentupload: a personal customer (a managee) sends a `Tax Document`, a business one (the
 * principal) a `Corporate Authorization Document`; `documentSide` is Front (default) or Back. The
 * content must be a PDF, PNG or JPEG and what its name says (the documents module sniffs it).
 */
export class CardDocumentsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
  ) {}

  async upload(principalId: number, input: CardDocumentUpload, ctx: WriteContext): Promise<DocumentUploaded> {
    const customer = await findCustomerInScope(this.database.reader, principalId, input.customersId);
    if (customer === undefined) throw notFound('customersId');
    if (input.type === undefined) throw new DomainError('Required', 'type');
    const expected = customer.kind === 'principal' ? CARD_DOCUMENT_TYPES.business : CARD_DOCUMENT_TYPES.personal;
    if (input.type.trim().toLowerCase() !== expected.toLowerCase()) throw new DomainError('Invalid', 'type');
    const side = DOCUMENT_SIDES.find((s) => s.toLowerCase() === (input.documentSide ?? 'Front').trim().toLowerCase());
    if (side === undefined) throw new DomainError('Invalid', 'documentSide');
    if (input.file === undefined) throw new DomainError('Required', 'file');
    const file = input.file;
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      if ((await countDocuments(tx, { purpose: 'card', subjectId: customer.id })) >= CARD_DOCUMENTS_PER_CUSTOMER_MAX) throw new DomainError('Account_Limit_Reached', 'customersId');
      const stored = await storeDocument(tx, now, {
        customersId: customer.id,
        purpose: 'card',
        subjectId: customer.id,
        documentType: storedType(expected, side),
        fileName: file.fileName,
        declaredContentType: file.declaredContentType,
        bytes: file.bytes,
        fieldName: file.fieldName,
      });
      return {
        documentsId: stored.documentsId,
        customersId: customer.id,
        type: expected,
        documentSide: side,
        fileName: stored.fileName,
        contentType: stored.contentType,
        sizeBytes: stored.sizeBytes,
        addDate: stored.addDate,
      };
    });
  }

  /** The card document types a customer has uploaded (for reviewcreatecard's requiredDocuments). */
  async uploadedTypes(customersId: number): Promise<string[]> {
    const documents = await listDocuments(this.database.reader, { purpose: 'card', subjectId: customersId });
    return [...new Set(documents.flatMap((d) => (d.documentType === null ? [] : [d.documentType.replace(/ \((Front|Back)\)$/, '')])))];
  }
}
