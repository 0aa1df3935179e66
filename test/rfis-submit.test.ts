// The customer answers an information request over multipart/form-data (text answers and PDF, PNG
// or JPEG documents), and the "done when" flow end to end: a threshold, an external
// transfer above it held, the request listed and announced to a real local receiver, answered with
// a PDF, accepted by the operator, the transfer sent with its callbacks; then the same rejected and
// the money back. Every bad submission is an envelope error that writes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { JsonNumber } from '../src/shared/exact-json.js';
import { assertError, assertLedgerSound, assertOk, balancesOf, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { assertWireFormat, driveUntil, type ParsedCallback } from './helpers/callbacks-helpers.js';
import type { CallbackReceiver } from './helpers/callbacks-receiver.js';
import { BOUNDARY, multipart, operator, pdfBytes, PNG_BYTES, postMultipart, RFI_PATHS, rfiDetails, rfiFor, rfiList, type RfiDetails } from './helpers/rfis-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { achOk } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

const DOCUMENT_SIZE_MAX_BYTES = 4096;
const DAY_MS = 86_400_000;

describe('information requests: submission over multipart, and the review flow end to end', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;
  let secret: string;
  let alice: Api;
  let bob: Api;
  let aliceToken: string;
  let bobToken: string;
  let usd: number;

  async function newCallbacks(action: () => Promise<void>): Promise<ParsedCallback[]> {
    const from = receiver.requests.length;
    await action();
    await driveUntil(server.callbacks, async () => (await server.callbacks.runOnce()) === 0);
    return receiver.requests.slice(from).map((r) => assertWireFormat(r, secret));
  }
  const ofType = (callbacks: readonly ParsedCallback[], type: string) => callbacks.filter((c) => c.Type === type);

  /** A fresh held transfer and its request. */
  async function heldTransfer(amount = '2000.00'): Promise<{ transactionsId: number; rfi: RfiDetails }> {
    const held = await achOk(alice, usd, amount);
    assert.equal(held.transactionStatus, 'PendingReview');
    return { transactionsId: held.transactionsId, rfi: await rfiFor(alice, held.transactionsId) };
  }

  function answerFields(rfi: RfiDetails, text = 'Paying a supplier invoice; the payee is our supplier.'): Record<string, string> {
    const question = rfi.questions.find((q) => q.answerType === 'Text');
    assert.ok(question !== undefined);
    return { InformationRequestsId: String(rfi.id), [`Answer_${question.id}`]: text };
  }

  /** Counts of what a submission writes. */
  async function writes(rfiId: number): Promise<{ documents: number; status: string; answers: (string | null)[]; callbacks: number }> {
    const db = server.runtime.database.db;
    const docs = await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rfi = await db.selectFrom('information_requests').select('status').where('id', '=', rfiId).executeTakeFirstOrThrow();
    const answers = await db.selectFrom('information_request_questions').select('answer').where('information_requests_id', '=', rfiId).orderBy('id').execute();
    const callbacks = await db
      .selectFrom('callbacks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { documents: Number(docs.n), status: rfi.status, answers: answers.map((a) => a.answer), callbacks: Number(callbacks.n) };
  }

  async function refusedWithoutWrites(rfiId: number, send: () => ReturnType<typeof postMultipart>, httpStatus: number, ...expected: string[]): Promise<void> {
    const before = await writes(rfiId);
    assertError(await send(), httpStatus, ...expected);
    assert.deepEqual(await writes(rfiId), before);
  }

  before(async () => {
    const world = await createWorld({
      env: { CALLBACK_RETRY_INITIAL_MS: '20', DOCUMENT_SIZE_MAX_BYTES: String(DOCUMENT_SIZE_MAX_BYTES), MULTIPART_FILES_MAX: '3', RFI_DOCUMENTS_MAX: '2' },
      callbackPath: '/rfi/hook',
      accounts: { usd: { asset: 'USD', payIn: '100000.00' } },
      other: {},
    });
    ({ server, api: alice, callbackSecret: secret } = world);
    receiver = world.receiver;
    bob = world.other.api;
    usd = world.accounts.usd;
    aliceToken = await server.login(alice.principal);
    bobToken = await server.login(bob.principal);
    await driveUntil(server.callbacks, async () => (await server.callbacks.runOnce()) === 0);
    await operator(server, 'screening', 'rules', 'add', '--amount-at-least', '1500', '--asset', 'USD');
  });

  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('done when: held, listed and announced, answered with a PDF, accepted by the operator, sent with its callbacks', async () => {
    const before = await balancesOf(alice, usd);
    let held!: { transactionsId: number; rfi: RfiDetails };
    const opened = await newCallbacks(async () => {
      held = await heldTransfer();
    });
    const { rfi } = held;
    assert.deepEqual(
      ofType(opened, 'INFORMATION_REQUESTED').map((c) => c.Data),
      [{ CustomersId: new JsonNumber(String(alice.principal.customersId)), UpdatedInformationRequestIds: String(rfi.id) }],
    );
    assert.equal(Number((await balancesOf(alice, usd)).available), Number(before.available) - 2001, 'held: amount and fee reserved');
    assert.ok((await rfiList(alice)).some((r) => r.id === rfi.id && r.status === 'More Information Required'));

    const pdf = pdfBytes('invoice 2024-117');
    const submitted = await newCallbacks(async () => {
      const response = await postMultipart(
        server,
        alice.principal,
        aliceToken,
        multipart(answerFields(rfi), [{ fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: pdf }]),
      );
      const body = assertOk(response);
      assert.equal(body.id, rfi.id);
      assert.equal((body.details as { status: string }).status, 'Under Review');
    });
    assert.deepEqual(
      ofType(submitted, 'INFORMATION_REQUEST_UPDATED').map((c) => c.Data.UpdatedInformationRequestIds),
      [String(rfi.id)],
    );
    const details = await rfiDetails(alice, rfi.id);
    assert.equal(details.status, 'Under Review');
    assert.equal(details.questions.find((q) => q.answerType === 'Text')?.answer, 'Paying a supplier invoice; the payee is our supplier.');
    assert.deepEqual(
      details.documents.map((d) => [d.fileName, d.contentType, d.sizeBytes, d.sha256]),
      [['invoice.pdf', 'application/pdf', pdf.length, createHash('sha256').update(pdf).digest('hex')]],
    );
    assert.match(await operator(server, 'rfis', 'show', String(rfi.id)), /invoice\.pdf application\/pdf/);
    assert.ok(JSON.parse(await operator(server, 'rfis', 'list', '--status', 'Under Review', '--json')).some((r: { id: number }) => r.id === rfi.id));

    const accepted = await newCallbacks(async () => {
      await operator(server, 'rfis', 'accept', String(rfi.id));
    });
    const status = ofType(accepted, 'TRANSACTION_STATUS_UPDATED');
    assert.equal(status.length, 1);
    assert.equal(status[0]?.Data.bCompleted, true);
    assert.equal(ofType(accepted, 'INFORMATION_REQUEST_UPDATED')[0]?.Data.UpdatedInformationRequestIds, String(rfi.id));
    assert.equal((await transactionDetail(alice, held.transactionsId)).transactionStatus, 'Completed');
    assert.equal(Number((await balancesOf(alice, usd)).total), Number(before.total) - 2001);
    assert.equal((await rfiDetails(alice, rfi.id)).status, 'Accepted');

    // Then the same rejected: the money comes back.
    const beforeReject = await balancesOf(alice, usd);
    const second = await heldTransfer('1500.00');
    assertOk(
      await postMultipart(
        server,
        alice.principal,
        aliceToken,
        multipart(answerFields(second.rfi), [{ fileName: 'contract.pdf', contentType: 'application/pdf', bytes: pdfBytes('contract') }]),
      ),
    );
    const rejected = await newCallbacks(async () => {
      assert.match(await operator(server, 'rfis', 'reject', String(second.rfi.id), '--note', 'not satisfied'), /refund transaction/);
    });
    const [rejectedStatus] = ofType(rejected, 'TRANSACTION_STATUS_UPDATED');
    assert.equal(rejectedStatus?.Data.bRejected, true);
    assert.ok(rejectedStatus?.Data.RollbackTransactionsId instanceof JsonNumber);
    assert.deepEqual(await balancesOf(alice, usd), beforeReject, 'the money came back');
    await assertLedgerSound(server);
  });

  test('answers: a missing required answer or document, an unknown question, an over-long answer; no id', async () => {
    const { rfi } = await heldTransfer();
    const text = rfi.questions.find((q) => q.answerType === 'Text');
    assert.ok(text !== undefined);
    const pdf = [{ fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdfBytes() }];
    const send =
      (fields: Record<string, string>, files = pdf) =>
      () =>
        postMultipart(server, alice.principal, aliceToken, multipart(fields, files));
    await refusedWithoutWrites(rfi.id, send({ InformationRequestsId: String(rfi.id) }), 400, `Answer_${text.id}:Required`);
    await refusedWithoutWrites(rfi.id, send({ InformationRequestsId: String(rfi.id), [`Answer_${text.id}`]: '   ' }), 400, `Answer_${text.id}:Required`);
    await refusedWithoutWrites(rfi.id, send(answerFields(rfi), []), 400, 'Documents:Required');
    await refusedWithoutWrites(rfi.id, send({ ...answerFields(rfi), Answer_999999: 'x' }), 400, 'Answer_999999:Invalid');
    await refusedWithoutWrites(rfi.id, send({ ...answerFields(rfi), [`Answer_${text.id}`]: 'x'.repeat(4001) }), 400, `Answer_${text.id}:Invalid_Length`);
    await refusedWithoutWrites(rfi.id, send({ [`Answer_${text.id}`]: 'x' }), 400, 'InformationRequestsId:Required');
    await refusedWithoutWrites(rfi.id, send({ InformationRequestsId: 'abc' }), 400, 'InformationRequestsId:Invalid');
    // IdempotencyKey: the same form again is the first answer; another form with that key is 409.
    const key = 'b7f1c7a2-5d2e-4c57-a1a4-0d3c9e8f6a21';
    const form = multipart(answerFields(rfi), pdf);
    const keyed = (payload: Buffer) =>
      server.app.inject({
        method: 'POST',
        url: RFI_PATHS.submit,
        headers: { authorization: `Bearer ${aliceToken}`, otp: server.otp(alice.principal), 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, IdempotencyKey: key },
        payload,
      });
    const first = await keyed(form);
    assertOk(first);
    const again = await keyed(form);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assertError(await keyed(multipart(answerFields(rfi, 'another answer'), pdf)), 409, 'IdempotencyKey:Idempotency_Key_Reused');
    await operator(server, 'rfis', 'ask', String(rfi.id), '--note', 'again please');
    // Id is accepted for InformationRequestsId.
    const withId: Record<string, string> = { ...answerFields(rfi), Id: String(rfi.id) };
    delete withId.InformationRequestsId;
    assertOk(await send(withId)());
  });

  test("scope and state: another principal's request is 404, one not waiting or past expiry is refused", async () => {
    const { rfi } = await heldTransfer();
    const body = () => multipart(answerFields(rfi), [{ fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdfBytes() }]);
    await refusedWithoutWrites(rfi.id, () => postMultipart(server, bob.principal, bobToken, body()), 404, 'InformationRequestsId:Not_Found');
    assertOk(await postMultipart(server, alice.principal, aliceToken, body()));
    await refusedWithoutWrites(rfi.id, () => postMultipart(server, alice.principal, aliceToken, body()), 400, 'InformationRequestsId:Information_Request_Not_Waiting');
    // Sent back with a note: it waits again, and a second submission keeps the first answers.
    await operator(server, 'rfis', 'ask', String(rfi.id), '--note', 'Please add the contract');
    assertOk(
      await postMultipart(
        server,
        alice.principal,
        aliceToken,
        multipart({ InformationRequestsId: String(rfi.id) }, [{ fileName: 'contract.png', contentType: 'image/png', bytes: PNG_BYTES }]),
      ),
    );
    assert.equal((await rfiDetails(alice, rfi.id)).documents.length, 2);
    await operator(server, 'rfis', 'reject', String(rfi.id));
    await refusedWithoutWrites(rfi.id, () => postMultipart(server, alice.principal, aliceToken, body()), 400, 'InformationRequestsId:Information_Request_Not_Waiting');

    const late = await heldTransfer();
    server.clock.advance(7 * DAY_MS);
    aliceToken = await server.login(alice.principal);
    bobToken = await server.login(bob.principal);
    await alice.relogin();
    const lateBody = multipart(answerFields(late.rfi), [{ fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdfBytes() }]);
    await refusedWithoutWrites(late.rfi.id, () => postMultipart(server, alice.principal, aliceToken, lateBody), 400, 'InformationRequestsId:Information_Request_Expired');
  });

  test('documents: over the size limit, a type not allowed, a name that lies, too many files, too many for the request', async () => {
    const { rfi } = await heldTransfer();
    const send = (files: Parameters<typeof multipart>[1]) => () => postMultipart(server, alice.principal, aliceToken, multipart(answerFields(rfi), files));
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(DOCUMENT_SIZE_MAX_BYTES, 0x20)]);
    await refusedWithoutWrites(rfi.id, send([{ fileName: 'big.pdf', contentType: 'application/pdf', bytes: big }]), 413, 'Documents:File_Too_Large');
    await refusedWithoutWrites(rfi.id, send([{ fileName: 'notes.txt', contentType: 'text/plain', bytes: Buffer.from('just text') }]), 400, 'Documents:Invalid_File_Type');
    await refusedWithoutWrites(
      rfi.id,
      send([{ fileName: 'run.pdf', contentType: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') }]),
      400,
      'Documents:Invalid_File_Type',
    );
    await refusedWithoutWrites(rfi.id, send([{ fileName: 'scan.pdf', contentType: 'application/pdf', bytes: PNG_BYTES }]), 400, 'Documents:Invalid_File_Type');
    const pdf = { fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdfBytes() };
    await refusedWithoutWrites(rfi.id, send([pdf, pdf, pdf, pdf]), 400, 'Documents:Too_Many_Files');
    await refusedWithoutWrites(rfi.id, send([pdf, pdf, pdf]), 400, 'Documents:Too_Many_Documents');
    await refusedWithoutWrites(rfi.id, send([{ ...pdf, field: 'Attachment' }]), 400, 'Attachment:Invalid');
    assertOk(await send([pdf, pdf])());
  });

  test('the body: malformed, truncated, without a boundary, or JSON instead of multipart', async () => {
    const { rfi } = await heldTransfer();
    const good = multipart(answerFields(rfi), [{ fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdfBytes() }]);
    const post = (payload: Buffer, contentType?: string) => () => postMultipart(server, alice.principal, aliceToken, payload, contentType);
    await refusedWithoutWrites(rfi.id, post(good.subarray(0, good.length - 40)), 400, 'body:Malformed_Multipart');
    await refusedWithoutWrites(rfi.id, post(good, 'multipart/form-data'), 400, 'body:Malformed_Multipart');
    await refusedWithoutWrites(rfi.id, post(Buffer.from(`--${BOUNDARY}\r\nno headers here`)), 400, 'body:Malformed_Multipart');
    const json = await server.app.inject({
      method: 'POST',
      url: RFI_PATHS.submit,
      headers: { authorization: `Bearer ${aliceToken}`, otp: server.otp(alice.principal), 'content-type': 'application/json' },
      payload: JSON.stringify({ InformationRequestsId: rfi.id }),
    });
    assertError(json, 415, 'body:Unsupported_Media_Type');
    assert.equal((await writes(rfi.id)).status, 'More Information Required');
  });
});
