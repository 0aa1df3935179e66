import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DomainError } from '../shared/domain-error.js';
import { checkedDocumentType, DOCUMENT_CONTENT_TYPES, type DocumentContentType } from '../shared/file-type.js';

/** Which module a document belongs to; `subjectId` is that module's id for what it is about. */
export type DocumentPurpose = 'card' | 'rfi' | 'business' | 'quickbuy' | (string & {});

export interface DocumentInput {
  readonly customersId: number;
  readonly purpose: DocumentPurpose;
  /** The card, information request, business… the document is for (the owning module's id, as text). */
  readonly subjectId: string | number;
  /** The owning module's own classification (`Passport`, `ProofOfAddress`, `Front`…), if any. */
  readonly documentType?: string | null;
  readonly fileName: string;
  /** The part header's content type (checked against the bytes, never trusted). */
  readonly declaredContentType?: string;
  readonly bytes: Uint8Array;
  readonly allowedTypes?: readonly DocumentContentType[];
  /** The multipart field the file came in, for the error's `fieldName`. */
  readonly fieldName?: string;
}

export interface StoredDocument {
  readonly documentsId: number;
  readonly customersId: number;
  readonly purpose: string;
  readonly subjectId: string;
  readonly documentType: string | null;
  readonly fileName: string;
  readonly contentType: DocumentContentType;
  readonly sizeBytes: number;
  /** Lower-case hex SHA-256 of the content. */
  readonly sha256: string;
  readonly addDate: string;
}

const COLUMNS = ['id', 'customers_id', 'purpose', 'subject_id', 'document_type', 'file_name', 'content_type', 'size_bytes', 'sha256', 'date_added'] as const;

type Row = Pick<Database['documents'], Exclude<(typeof COLUMNS)[number], 'id'>> & { id: number };

function toStored(row: Row): StoredDocument {
  return {
    documentsId: Number(row.id),
    customersId: Number(row.customers_id),
    purpose: row.purpose,
    subjectId: row.subject_id,
    documentType: row.document_type,
    fileName: row.file_name,
    contentType: row.content_type as DocumentContentType,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    addDate: row.date_added,
  };
}

/**
 * The document's type, sniffed from its content; refuses (with nothing written) content that is
 * not an allowed type or that its name or part header misdescribes. Callers check the size against
 * `DOCUMENT_SIZE_MAX_BYTES` at the edge (the multipart parser) or themselves.
 */
export function checkDocument(input: DocumentInput): DocumentContentType {
  const field = input.fieldName ?? 'Document';
  if (input.bytes.length === 0) throw new DomainError('Required', field);
  const type = checkedDocumentType(input.bytes, input.fileName, input.declaredContentType ?? '', input.allowedTypes ?? DOCUMENT_CONTENT_TYPES);
  if (type === null) throw new DomainError('Invalid_File_Type', field);
  return type;
}

/** Stores one document in the caller's transaction, with its size, sniffed type and SHA-256. */
export async function storeDocument(tx: Kysely<Database>, addDate: string, input: DocumentInput): Promise<StoredDocument> {
  const contentType = checkDocument(input);
  const bytes = Buffer.from(input.bytes);
  const values = {
    customers_id: input.customersId,
    purpose: input.purpose,
    subject_id: String(input.subjectId),
    document_type: input.documentType ?? null,
    file_name: input.fileName === '' ? 'document' : input.fileName,
    content_type: contentType,
    size_bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    content: bytes,
    date_added: addDate,
  };
  const inserted = await tx.insertInto('documents').values(values).returning('id').executeTakeFirstOrThrow();
  return toStored({ ...values, id: Number(inserted.id) });
}

/** The documents about one subject, oldest first (no content). */
export async function listDocuments(db: Kysely<Database>, where: { purpose: DocumentPurpose; subjectId: string | number }): Promise<StoredDocument[]> {
  const rows = await db.selectFrom('documents').select(COLUMNS).where('purpose', '=', where.purpose).where('subject_id', '=', String(where.subjectId)).orderBy('id').execute();
  return rows.map((row) => toStored({ ...row, id: Number(row.id) }));
}

/** How many documents a subject has (for per-subject count limits). */
export async function countDocuments(db: Kysely<Database>, where: { purpose: DocumentPurpose; subjectId: string | number }): Promise<number> {
  const row = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('purpose', '=', where.purpose)
    .where('subject_id', '=', String(where.subjectId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One document of a customer, or undefined (another customer's document is not found either). */
export async function findDocument(db: Kysely<Database>, documentsId: number, customersId: number): Promise<StoredDocument | undefined> {
  const row = await db.selectFrom('documents').select(COLUMNS).where('id', '=', documentsId).where('customers_id', '=', customersId).executeTakeFirst();
  return row === undefined ? undefined : toStored({ ...row, id: Number(row.id) });
}

/** The bytes of a document of a customer. */
export async function readDocumentContent(db: Kysely<Database>, documentsId: number, customersId: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('documents').select('content').where('id', '=', documentsId).where('customers_id', '=', customersId).executeTakeFirst();
  return row === undefined ? undefined : Buffer.from(row.content);
}

/** Deletes a customer's document; false when there was none. */
export async function deleteDocument(tx: Kysely<Database>, documentsId: number, customersId: number): Promise<boolean> {
  const result = await tx.deleteFrom('documents').where('id', '=', documentsId).where('customers_id', '=', customersId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
