// Helpers for the compliance review tests (test/rfis-*.test.ts): paths, the operator's CLI, the
// RFI calls, and multipart bodies built by hand (so malformed and truncated ones can be sent too).
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { assertOk, type Api } from './accounts-helpers.js';
import type { TestPrincipal, TestServer } from './test-server.js';

export const RFI_PATHS = {
  list: '/api/v1/customer/informationrequests/getinformationrequestlist',
  details: '/api/v1/customer/informationrequests/getinformationrequestdetails',
  submit: '/api/v1/customer/informationrequests/submitinformationrequest',
  open: '/api/v1/customer/simulations/informationrequests',
  decide: '/api/v1/customer/simulations/informationrequests/decide',
} as const;

export interface RfiListItem {
  id: number;
  status: string;
  addDate: string;
  expiryDate: string;
  orderType: string;
  name: string;
  customersId: number;
}

export interface RfiDetails extends RfiListItem {
  note: string | null;
  transactionsId: number | null;
  exchangeId: number | null;
  questions: { id: number; question: string; answerType: 'Text' | 'Document'; bRequired: boolean; answer: string | null }[];
  documents: { id: number; fileName: string; contentType: string; sizeBytes: number; sha256: string; addDate: string }[];
}

/** Runs an operator command and expects it to succeed; returns its output. */
export async function operator(server: TestServer, ...args: string[]): Promise<string> {
  const result = await server.cli(args);
  assert.equal(result.exitCode, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

export async function rfiList(api: Api, query = ''): Promise<RfiListItem[]> {
  return assertOk(await api.get(`${RFI_PATHS.list}${query}`)).details as RfiListItem[];
}

export async function rfiDetails(api: Api, id: number): Promise<RfiDetails> {
  return assertOk(await api.get(`${RFI_PATHS.details}?Id=${id}`)).details as RfiDetails;
}

/** The one open request about transaction `transactionsId`, from the customer's list and details. */
export async function rfiFor(api: Api, transactionsId: number): Promise<RfiDetails> {
  for (const item of await rfiList(api, '?PageSize=100')) {
    const details = await rfiDetails(api, item.id);
    if (details.transactionsId === transactionsId) return details;
  }
  throw new Error(`no information request about transaction ${transactionsId}`);
}

/** A minimal well-formed PDF (the documents module sniffs `%PDF-`). */
export function pdfBytes(text = 'supporting invoice'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

export interface FilePart {
  readonly field?: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export const BOUNDARY = 'rfiTestBoundary7d9f';

/** A multipart/form-data body of text fields and files. */
export function multipart(fields: Record<string, string>, files: readonly FilePart[] = []): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${f.field ?? 'Documents'}"; filename="${f.fileName}"\r\nContent-Type: ${f.contentType}\r\n\r\n`, 'utf8'),
    );
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

/** POSTs a raw multipart body as `principal` (its own login, a fresh OTP). */
export async function postMultipart(
  server: TestServer,
  principal: TestPrincipal,
  token: string,
  payload: Buffer,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: RFI_PATHS.submit,
    headers: { authorization: `Bearer ${token}`, otp: server.otp(principal), 'content-type': contentType },
    payload,
  });
}
