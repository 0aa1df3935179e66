export {
  checkDocument,
  countDocuments,
  deleteDocument,
  findDocument,
  listDocuments,
  readDocumentContent,
  storeDocument,
  type DocumentInput,
  type DocumentPurpose,
  type StoredDocument,
} from './documents-repository.js';
export { DOCUMENT_CONTENT_TYPES, type DocumentContentType } from '../shared/file-type.js';
