import { Busboy } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../shared/domain-error.js';

export const MULTIPART_CONTENT_TYPE = 'multipart/form-data';

export interface MultipartLimits {
  /** The whole body, files included (Fastify answers 413 past it before anything is parsed). */
  readonly multipartBodySizeMaxBytes: number;
  /** One file. */
  readonly documentSizeMaxBytes: number;
  readonly multipartFilesMax: number;
  readonly multipartFieldsMax: number;
  /** One text field's value. */
  readonly multipartFieldSizeMaxBytes: number;
}

export interface UploadedFile {
  readonly fieldName: string;
  /** As the client named it (path parts removed); only for display, never trusted for the type. */
  readonly fileName: string;
  /** What the client's part header says; the documents module checks the bytes instead. */
  readonly declaredContentType: string;
  readonly bytes: Buffer;
}

export interface MultipartForm {
  /** A text field by name, case-insensitively (Ibanera's form names are PascalCase in the docs). */
  field(name: string): string | undefined;
  /** Every text field, keyed by its lower-cased name. */
  readonly fields: ReadonlyMap<string, string>;
  readonly files: readonly UploadedFile[];
}

/** Longest field or file name part we keep (busboy truncates longer ones; we refuse them). */
const FIELD_NAME_MAX_BYTES = 200;
const FILE_NAME_MAX_CHARS = 255;

const forms = new WeakMap<FastifyRequest, MultipartForm>();

/**
 * Routes that take `multipart/form-data` say so with `schema.consumes: ['multipart/form-data']`
 * (and may give a `body` schema for the text fields: they are bound like a JSON body). Every other
 * route refuses a multipart body with `Unsupported_Media_Type`.
 */
export function routeTakesMultipart(request: FastifyRequest): boolean {
  const consumes = (request.routeOptions.schema as { consumes?: readonly string[] } | undefined)?.consumes;
  return consumes?.includes(MULTIPART_CONTENT_TYPE) === true;
}

/**
 * Parses `multipart/form-data` bodies whole, in memory, within named limits. The body handed to
 * validation is a plain object of the text fields; the files are kept for `readMultipart`. A
 * malformed or truncated body, a file over `DOCUMENT_SIZE_MAX_BYTES`, too many files or fields all
 * end in the envelope, never a 500.
 */
export function installMultipartParser(app: FastifyInstance, limits: MultipartLimits): void {
  app.addContentTypeParser(MULTIPART_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: limits.multipartBodySizeMaxBytes }, (request, body, done) => {
    if (!routeTakesMultipart(request)) {
      done(DomainError.because('Unsupported_Media_Type', 'body', 'This route takes application/json, not multipart/form-data.'), undefined);
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    parseMultipart(contentType, body as Buffer, limits).then(
      (form) => {
        forms.set(request, form);
        done(null, Object.fromEntries(form.fields));
      },
      (error: unknown) => done(error as Error, undefined),
    );
  });
}

/** The request's parsed form, or undefined when it sent no `multipart/form-data` (idempotency hashes its files). */
export function multipartFormOf(request: FastifyRequest): MultipartForm | undefined {
  return forms.get(request);
}

/** The request's parsed form; a request that did not send `multipart/form-data` gets `Unsupported_Media_Type`. */
export function readMultipart(request: FastifyRequest): MultipartForm {
  const form = forms.get(request);
  if (form === undefined) throw DomainError.because('Unsupported_Media_Type', 'body', 'This route takes multipart/form-data (an upload), not application/json.');
  return form;
}

export function parseMultipart(contentType: string, body: Buffer, limits: MultipartLimits): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: DomainError): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    let parser: InstanceType<typeof Busboy>;
    try {
      parser = new Busboy({
        headers: { 'content-type': contentType },
        limits: {
          fieldNameSize: FIELD_NAME_MAX_BYTES,
          fieldSize: limits.multipartFieldSizeMaxBytes,
          fields: limits.multipartFieldsMax,
          // One more than allowed, so that "too many" is told apart from "exactly the maximum".
          files: limits.multipartFilesMax + 1,
          fileSize: limits.documentSizeMaxBytes,
          parts: limits.multipartFieldsMax + limits.multipartFilesMax + 1,
        },
      });
    } catch {
      // No boundary, or not multipart at all.
      fail(new DomainError('Malformed_Multipart', 'body'));
      return;
    }
    const fields = new Map<string, string>();
    const files: UploadedFile[] = [];
    const pending: Promise<void>[] = [];

    parser.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (nameTruncated) return fail(new DomainError('Invalid_Length', 'body'));
      if (valueTruncated) return fail(new DomainError('Invalid_Length', name));
      if (name.includes('\u0000') || value.includes('\u0000')) return fail(new DomainError('Invalid', name));
      const key = name.toLowerCase();
      // A text field named twice is refused, as a JSON key named twice is.
      if (fields.has(key)) return fail(new DomainError('Invalid', name));
      fields.set(key, value);
    });
    parser.on('file', (fieldName, stream, fileName, _encoding, mimeType) => {
      const chunks: Buffer[] = [];
      pending.push(
        new Promise<void>((done) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => fail(new DomainError('File_Too_Large', fieldName)));
          stream.on('error', () => fail(new DomainError('Malformed_Multipart', 'body')));
          stream.on('end', () => {
            const cleanName = baseName(fileName ?? '');
            if (files.length >= limits.multipartFilesMax) fail(new DomainError('Too_Many_Files', fieldName));
            else if (cleanName.length > FILE_NAME_MAX_CHARS) fail(new DomainError('Invalid_Length', fieldName));
            else files.push({ fieldName, fileName: cleanName, declaredContentType: (mimeType ?? '').toLowerCase(), bytes: Buffer.concat(chunks) });
            done();
          });
        }),
      );
    });
    parser.on('filesLimit', () => fail(new DomainError('Too_Many_Files', 'body')));
    parser.on('fieldsLimit', () => fail(new DomainError('Invalid', 'body')));
    parser.on('partsLimit', () => fail(new DomainError('Invalid', 'body')));
    parser.on('error', () => fail(new DomainError('Malformed_Multipart', 'body')));
    parser.on('finish', () => {
      void Promise.all(pending).then(() => {
        if (settled) return;
        settled = true;
        resolve({ field: (name) => fields.get(name.toLowerCase()), fields, files });
      });
    });
    parser.end(body);
  });
}

/** `C:\\scans\\passport.pdf` and `../../passport.pdf` are both `passport.pdf`. */
function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  const last = parts[parts.length - 1] ?? '';
  return [...last]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
}
