// The shared pieces of every upload route: the multipart parser (over real HTTP, on a real Fastify
// instance with the server's own parser and error handlers), content sniffing, the documents table
// on the test database, the card vault and card-number checks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandlers } from '../src/http/error-handler.js';
import { installJsonBodyParser } from '../src/http/json-body.js';
import { installMultipartParser, readMultipart, type MultipartLimits } from '../src/http/multipart.js';
import { countDocuments, deleteDocument, findDocument, listDocuments, readDocumentContent, storeDocument } from '../src/documents/index.js';
import { CardVault } from '../src/vault/index.js';
import { lastFour, luhnValid, normalizePan, withLuhnDigit } from '../src/shared/card-number.js';
import { checkedDocumentType, sniffDocumentType } from '../src/shared/file-type.js';
import { inTransaction } from '../src/db/transaction.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const LIMITS: MultipartLimits = {
  multipartBodySizeMaxBytes: 64 * 1024,
  documentSizeMaxBytes: 2048,
  multipartFilesMax: 3,
  multipartFieldsMax: 5,
  multipartFieldSizeMaxBytes: 100,
};

async function formBody(build: (form: FormData) => void): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  build(form);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

describe('multipart bodies over HTTP', () => {
  let app: FastifyInstance;
  let base: string;
  before(async () => {
    app = Fastify({ logger: false });
    installJsonBodyParser(app, { bodySizeMaxBytes: 4096, bodyDepthMax: 8 });
    installMultipartParser(app, LIMITS);
    installErrorHandlers(app);
    app.post('/upload', { schema: { consumes: ['multipart/form-data'] } }, async (request) => {
      const form = readMultipart(request);
      return {
        fields: Object.fromEntries(form.fields),
        id: form.field('INFORMATIONREQUESTSID') ?? null,
        files: form.files.map((f) => ({
          field: f.fieldName,
          name: f.fileName,
          type: f.declaredContentType,
          size: f.bytes.length,
          head: f.bytes.subarray(0, 5).toString('latin1'),
        })),
      };
    });
    app.post('/json-only', { schema: { body: { type: 'object' } } }, async () => ({ ok: true }));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => app.close());

  async function post(path: string, body: Buffer, contentType: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(base + path, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': contentType } });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const firstError = (json: Record<string, unknown>) => {
    const first = (json.errors as { messageCode: string; fieldName: string }[])[0];
    return first === undefined ? undefined : { fieldName: first.fieldName, messageCode: first.messageCode };
  };

  test('text fields (case-insensitive) and files arrive whole, names without paths', async () => {
    const { body, contentType } = await formBody((form) => {
      form.append('InformationRequestsId', '1042');
      form.append('Answer_7', 'Salary from Acme Ltd');
      form.append('Documents', new Blob([PDF], { type: 'application/pdf' }), 'C:\\scans\\payslip.pdf');
      form.append('Documents', new Blob([PNG], { type: 'image/png' }), '../../id.png');
    });
    const { status, json } = await post('/upload', body, contentType);
    assert.equal(status, 200);
    assert.equal(json.id, '1042');
    assert.deepEqual(json.fields, { informationrequestsid: '1042', answer_7: 'Salary from Acme Ltd' });
    assert.deepEqual(json.files, [
      { field: 'Documents', name: 'payslip.pdf', type: 'application/pdf', size: PDF.length, head: '%PDF-' },
      { field: 'Documents', name: 'id.png', type: 'image/png', size: PNG.length, head: PNG.subarray(0, 5).toString('latin1') },
    ]);
  });

  test('a file over DOCUMENT_SIZE_MAX_BYTES is 413 File_Too_Large', async () => {
    const { body, contentType } = await formBody((form) => form.append('Documents', new Blob([Buffer.alloc(2049, 0x41)]), 'big.pdf'));
    const { status, json } = await post('/upload', body, contentType);
    assert.equal(status, 413);
    assert.deepEqual(firstError(json), { fieldName: 'Documents', messageCode: 'File_Too_Large' });
  });

  test('exactly the maximum number of files passes; one more is Too_Many_Files', async () => {
    const three = await formBody((form) => [1, 2, 3].forEach((i) => form.append('Documents', new Blob([PDF]), `${i}.pdf`)));
    assert.equal((await post('/upload', three.body, three.contentType)).status, 200);
    const four = await formBody((form) => [1, 2, 3, 4].forEach((i) => form.append('Documents', new Blob([PDF]), `${i}.pdf`)));
    const { status, json } = await post('/upload', four.body, four.contentType);
    assert.equal(status, 400);
    assert.equal(firstError(json)?.messageCode, 'Too_Many_Files');
  });

  test('a truncated body, a missing boundary and garbage are Malformed_Multipart', async () => {
    const { body, contentType } = await formBody((form) => form.append('Documents', new Blob([PDF]), 'a.pdf'));
    const truncated = await post('/upload', body.subarray(0, body.length - 20), contentType);
    assert.equal(truncated.status, 400);
    assert.equal(firstError(truncated.json)?.messageCode, 'Malformed_Multipart');
    const noBoundary = await post('/upload', body, 'multipart/form-data');
    assert.equal(noBoundary.status, 400);
    assert.equal(firstError(noBoundary.json)?.messageCode, 'Malformed_Multipart');
    const garbage = await post('/upload', Buffer.from('not a form at all'), contentType);
    assert.equal(garbage.status, 400);
    assert.equal(firstError(garbage.json)?.messageCode, 'Malformed_Multipart');
  });

  test('a text field over the limit is Invalid_Length; one named twice is Invalid; too many fields is Invalid', async () => {
    const long = await formBody((form) => form.append('Answer_1', 'x'.repeat(101)));
    assert.deepEqual(firstError((await post('/upload', long.body, long.contentType)).json), { fieldName: 'Answer_1', messageCode: 'Invalid_Length' });
    const twice = await formBody((form) => {
      form.append('Answer_1', 'a');
      form.append('answer_1', 'b');
    });
    assert.deepEqual(firstError((await post('/upload', twice.body, twice.contentType)).json), { fieldName: 'answer_1', messageCode: 'Invalid' });
    const many = await formBody((form) => [1, 2, 3, 4, 5, 6].forEach((i) => form.append(`F${i}`, 'v')));
    assert.equal((await post('/upload', many.body, many.contentType)).status, 400);
  });

  test('a route that takes JSON refuses multipart with 415, and an upload route refuses JSON with 415', async () => {
    const { body, contentType } = await formBody((form) => form.append('a', 'b'));
    const refused = await post('/json-only', body, contentType);
    assert.equal(refused.status, 415);
    assert.equal(firstError(refused.json)?.messageCode, 'Unsupported_Media_Type');
    const json = await post('/upload', Buffer.from('{}'), 'application/json');
    assert.equal(json.status, 415);
  });

  test('a body over MULTIPART_BODY_SIZE_MAX_BYTES is 413 before it is parsed', async () => {
    const { body, contentType } = await formBody((form) => form.append('a', 'x'.repeat(70 * 1024)));
    const { status, json } = await post('/upload', body, contentType);
    assert.equal(status, 413);
    assert.equal(firstError(json)?.messageCode, 'Payload_Too_Large');
  });
});

describe('document types come from the content', () => {
  test('PDF, PNG and JPEG are recognised by their bytes; anything else is not', () => {
    assert.equal(sniffDocumentType(PDF), 'application/pdf');
    assert.equal(sniffDocumentType(PNG), 'image/png');
    assert.equal(sniffDocumentType(JPEG), 'image/jpeg');
    assert.equal(sniffDocumentType(Buffer.from('MZ\x90\x00 executable')), null);
    assert.equal(sniffDocumentType(Buffer.from('hello, plain text')), null);
  });
  test('a name or part header that contradicts the content is refused', () => {
    assert.equal(checkedDocumentType(PDF, 'scan.pdf', 'application/pdf'), 'application/pdf');
    assert.equal(checkedDocumentType(PDF, 'scan', 'application/octet-stream'), 'application/pdf');
    assert.equal(checkedDocumentType(PNG, 'photo.pdf', ''), null);
    assert.equal(checkedDocumentType(PDF, 'scan.pdf', 'image/png'), null);
    assert.equal(checkedDocumentType(PDF, 'scan.exe', ''), null);
    assert.equal(checkedDocumentType(JPEG, 'me.JPG', 'image/jpg'), 'image/jpeg');
    assert.equal(checkedDocumentType(PNG, 'id.png', 'image/png', ['application/pdf']), null);
  });
});

describe('the documents table', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('stores size, sniffed type and SHA-256; lists, reads, counts and deletes by owner', async () => {
    const principal = await server.createPrincipal();
    const { database } = server.runtime;
    const stored = await inTransaction(database, (tx) =>
      storeDocument(tx, '2026-12-01T12:00:00.000+00:00', { customersId: principal.customersId, purpose: 'rfi', subjectId: 77, fileName: 'payslip.pdf', bytes: PDF }),
    );
    assert.equal(stored.contentType, 'application/pdf');
    assert.equal(stored.sizeBytes, PDF.length);
    assert.equal(stored.sha256, (await import('node:crypto')).createHash('sha256').update(PDF).digest('hex'));
    assert.deepEqual(await listDocuments(database.db, { purpose: 'rfi', subjectId: '77' }), [stored]);
    assert.equal(await countDocuments(database.db, { purpose: 'rfi', subjectId: 77 }), 1);
    assert.deepEqual(await readDocumentContent(database.db, stored.documentsId, principal.customersId), PDF);
    const other = await server.createPrincipal();
    assert.equal(await findDocument(database.db, stored.documentsId, other.customersId), undefined);
    assert.equal(await inTransaction(database, (tx) => deleteDocument(tx, stored.documentsId, other.customersId)), false);
    assert.equal(await inTransaction(database, (tx) => deleteDocument(tx, stored.documentsId, principal.customersId)), true);
    assert.equal(await countDocuments(database.db, { purpose: 'rfi', subjectId: 77 }), 0);
  });

  test('a file whose content is not an allowed type is refused and nothing is written', async () => {
    const principal = await server.createPrincipal();
    const { database } = server.runtime;
    await assert.rejects(
      inTransaction(database, (tx) =>
        storeDocument(tx, '2026-12-01T12:00:00.000+00:00', {
          customersId: principal.customersId,
          purpose: 'card',
          subjectId: 1,
          fileName: 'id.pdf',
          bytes: PNG,
          fieldName: 'file',
        }),
      ),
      (error: Error & { errors?: unknown }) => {
        assert.deepEqual(error.errors, [{ fieldName: 'file', messageCode: 'Invalid_File_Type' }]);
        return true;
      },
    );
    assert.equal(await countDocuments(database.db, { purpose: 'card', subjectId: 1 }), 0);
  });

  test('the card vault keeps its sandbox key in the database: a second runtime opens what the first sealed', async () => {
    const sealed = server.runtime.cardVault.seal('4000123412341234', 'card:1:pan');
    assert.ok(!sealed.includes('4000123412341234'));
    assert.equal(server.runtime.cardVault.open(sealed, 'card:1:pan'), '4000123412341234');
    const second = await startTestServer({}, { ...server.database, drop: async () => undefined });
    try {
      assert.equal(second.runtime.cardVault.open(sealed, 'card:1:pan'), '4000123412341234');
    } finally {
      await second.close();
    }
  });
});

describe('card data', () => {
  test('the vault seals with a fresh nonce, binds the context and refuses tampering or another key', () => {
    const vault = new CardVault(Buffer.alloc(32, 7));
    const a = vault.seal('4111111111111111', 'card:9:pan');
    const b = vault.seal('4111111111111111', 'card:9:pan');
    assert.notEqual(a, b);
    assert.equal(vault.open(a, 'card:9:pan'), '4111111111111111');
    assert.throws(() => vault.open(a, 'card:10:pan'));
    const parts = a.split('.');
    parts[3] = Buffer.from('5111111111111111').toString('base64url');
    assert.throws(() => vault.open(parts.join('.'), 'card:9:pan'));
    assert.throws(() => new CardVault(Buffer.alloc(32, 8)).open(a, 'card:9:pan'), /sealed under key/);
  });
  test('Luhn: known test numbers pass, a changed digit fails, the check digit is computed', () => {
    for (const pan of ['4242424242424242', '4000000000000002', '4000000000009995', '5555555555554444', '378282246310005']) assert.ok(luhnValid(pan), pan);
    assert.ok(!luhnValid('4242424242424241'));
    assert.ok(!luhnValid('42424242424'));
    assert.ok(!luhnValid('4242 4242 4242 4242'));
    assert.equal(withLuhnDigit('424242424242424'), '4242424242424242');
    assert.equal(normalizePan('4242 4242-4242 4242'), '4242424242424242');
    assert.equal(lastFour('4242424242424242'), '4242');
  });
});
