/**
 * A file's type, read from its first bytes, never from its name: the documents of KYC, KYB, cards and
 * information requests are PDFs or pictures, and a name is only what the client says.
 */
export type DocumentContentType = 'application/pdf' | 'image/png' | 'image/jpeg';

export const DOCUMENT_CONTENT_TYPES: readonly DocumentContentType[] = ['application/pdf', 'image/png', 'image/jpeg'];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Readers accept `%PDF-` anywhere in the first 1024 bytes (Adobe's implementation note 13). */
const PDF_HEADER_WINDOW_BYTES = 1024;

const EXTENSIONS: Readonly<Record<string, DocumentContentType>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
};

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/** The type the content is, or null when it is none of the document types. */
export function sniffDocumentType(bytes: Uint8Array): DocumentContentType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  // JPEG: SOI then the first marker's 0xFF (JFIF, Exif, raw).
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const head = Buffer.from(bytes.subarray(0, PDF_HEADER_WINDOW_BYTES)).toString('latin1');
  if (head.includes('%PDF-')) return 'application/pdf';
  return null;
}

/** What the file name's extension claims, if it names one of the document types. */
export function typeFromFileName(fileName: string): DocumentContentType | 'other' | null {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot === fileName.length - 1) return null;
  return EXTENSIONS[fileName.slice(dot + 1).toLowerCase()] ?? 'other';
}

/**
 * The content's type when it is allowed and nothing the client said contradicts it (the name's
 * extension, the part's declared type); null otherwise.
 */
export function checkedDocumentType(
  bytes: Uint8Array,
  fileName: string,
  declaredContentType: string,
  allowed: readonly DocumentContentType[] = DOCUMENT_CONTENT_TYPES,
): DocumentContentType | null {
  const sniffed = sniffDocumentType(bytes);
  if (sniffed === null || !allowed.includes(sniffed)) return null;
  const named = typeFromFileName(fileName);
  if (named !== null && named !== sniffed) return null;
  const declared = declaredContentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const generic = declared === '' || declared === 'application/octet-stream' || declared === 'binary/octet-stream';
  if (!generic && declared !== sniffed && !(declared === 'image/jpg' && sniffed === 'image/jpeg')) return null;
  return sniffed;
}
