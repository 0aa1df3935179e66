import { checkDocument, countDocuments, listDocuments, storeDocument } from '../documents/index.js';
import type { RfiDocumentStore } from './rfi-submission.js';
import type { RfiDocuments } from './rfis-service.js';

const PURPOSE = 'rfi';

/** A request's documents in the documents module (purpose `rfi`, subject = the request id; PDF, PNG or JPEG). */
export function rfiDocumentStore(): RfiDocumentStore & RfiDocuments {
  const input = (customersId: number, rfiId: number, file: Parameters<RfiDocumentStore['check']>[0]) => ({
    customersId,
    purpose: PURPOSE,
    subjectId: rfiId,
    documentType: 'InformationRequest',
    fileName: file.fileName,
    declaredContentType: file.declaredContentType,
    bytes: file.bytes,
    fieldName: file.fieldName,
  });
  return {
    check(file) {
      checkDocument(input(0, 0, file));
    },
    count: (db, rfiId) => countDocuments(db, { purpose: PURPOSE, subjectId: rfiId }),
    async store(tx, addDate, customersId, rfiId, file) {
      return (await storeDocument(tx, addDate, input(customersId, rfiId, file))).documentsId;
    },
    async list(db, rfiId) {
      const documents = await listDocuments(db, { purpose: PURPOSE, subjectId: rfiId });
      return documents.map((d) => ({ id: d.documentsId, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256, addDate: d.addDate }));
    },
  };
}
