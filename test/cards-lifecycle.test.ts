// Cards: issuing and the lifecycle. Create (both bodies) with its validation (currency, card type,
// shipping method and address, US rules for create-with-dda, the 6-month review rule, KYC of a
// managee), activate/deactivate (Card_Active, Card_Inactive), the managee approval and its callback,
// the PIN rules and lockout, documents, every read and every id spelling, and another principal's
// card (404, nothing revealed). Every refusal writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, assertLedgerSound, assertOk, payIn, type Api } from './helpers/accounts-helpers.js';
import { assertWireFormat, requestsOfType } from './helpers/callbacks-helpers.js';
import { CARD_PATHS, cardRowCounts, createCard, newCreateBody, olderCreateBody, usAddress } from './helpers/cards-helpers.js';
import { acceptedManagee, createManagee } from './helpers/managees-helpers.js';
import type { TestResponse, TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';
import type { CallbackReceiver } from './helpers/callbacks-receiver.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function form(build: (f: FormData) => void): Promise<{ payload: string; contentType: string }> {
  const f = new FormData();
  build(f);
  const request = new Request('http://localhost/', { method: 'POST', body: f });
  return { payload: Buffer.from(await request.arrayBuffer()).toString('latin1'), contentType: request.headers.get('content-type') ?? '' };
}

describe('cards: issuing and lifecycle', () => {
  let server: TestServer;
  let api: Api;
  let other: Api;
  let receiver: CallbackReceiver;
  let secret: string;
  let me: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '10.00' } }, other: {}, callbackPath: '/cards', env: { DOCUMENT_SIZE_MAX_BYTES: '2048' } });
    ({ server, api, receiver } = world);
    other = world.other.api;
    secret = world.callbackSecret;
    me = api.principal.customersId;
  });
  after(async () => {
    await receiver?.close();
    await server?.close();
  });

  /** Refused with exactly these errors, and no table changed. */
  async function refused(call: () => Promise<TestResponse>, status: number, ...errors: string[]): Promise<void> {
    const before = await cardRowCounts(server);
    assertError(await call(), status, ...errors);
    assert.deepEqual(await cardRowCounts(server), before, 'nothing written');
  }

  test('create refuses bad input with the field named, writing nothing', async () => {
    const post = (body: Record<string, unknown>) => () => api.post(CARD_PATHS.create, body);
    await refused(post({ ...olderCreateBody(me), customersId: undefined }), 400, 'CustomersId:Required');
    await refused(post({ ...olderCreateBody(me), currency: 'EUR' }), 400, 'currency:Invalid');
    await refused(post({ ...olderCreateBody(me), currency: 'XYZ' }), 400, 'currency:Invalid');
    await refused(post({ ...olderCreateBody(me), sourceOfFundsType: '12' }), 400, 'sourceOfFundsType:Invalid');
    await refused(post({ ...olderCreateBody(me), occupationType: 'eleven' }), 400, 'occupationType:Invalid');
    await refused(post(newCreateBody(me, { cardType: 'Plastic' })), 400, 'cardType:Invalid');
    await refused(post(newCreateBody(me, { cardProgramID: 999 })), 400, 'cardProgramID:Invalid');
    await refused(post(newCreateBody(me, { shippingMethod: 'Drone' })), 400, 'shippingMethod:Invalid');
    await refused(post(newCreateBody(me, { shippingMethod: undefined })), 400, 'shippingMethod:Required');
    await refused(post(newCreateBody(me, { shippingAddress: undefined })), 400, 'shippingAddress:Required');
    await refused(post(newCreateBody(me, { shippingAddress: usAddress({ shippingAddressLine1: '' }) })), 400, 'shippingAddress.shippingAddressLine1:Required');
    await refused(post(newCreateBody(me, { shippingAddress: usAddress({ shippingAddressState: 'XX' }) })), 400, 'shippingAddress.shippingAddressState:Invalid');
    await refused(post(newCreateBody(me, { shippingAddress: usAddress({ shippingAddressPostcode: '1234' }) })), 400, 'shippingAddress.shippingAddressPostcode:Invalid');
    await refused(post(newCreateBody(me, { shippingAddress: usAddress({ shippingAddressCountry: 'U$A' }) })), 400, 'shippingAddress.shippingAddressCountry:Invalid');
    await refused(post(olderCreateBody(other.principal.customersId)), 404, 'CustomersId:Not_Found');
    await refused(post(olderCreateBody(999_999)), 404, 'CustomersId:Not_Found');
  });

  test('physical cards ship abroad with create, but create-with-dda ships to the USA only and takes its fee from the DDA', async () => {
    const abroad = usAddress({ shippingAddressCountry: 'GBR', shippingAddressState: 'London', shippingAddressPostcode: 'SW1A 1AA' });
    await createCard(api, newCreateBody(me, { shippingAddress: abroad, shippingMethod: 'Priority' }));
    const dda = (body: Record<string, unknown>) => () => api.post(CARD_PATHS.createWithDda, body);
    await refused(dda(newCreateBody(me, { shippingAddress: abroad })), 400, 'shippingAddress.shippingAddressCountry:Invalid');
    await refused(dda(newCreateBody(me, { shippingMethod: 'Priority' })), 400, 'shippingMethod:Invalid');
    await refused(dda(newCreateBody(me, { cardProgramID: undefined })), 400, 'cardProgramID:Required');
    // The fee (CARD_DDA_ISSUE_FEE_CENTS, 5.00) is more than the DDA holds after nothing: 10.00 holds it.
    const response = await api.post(CARD_PATHS.createWithDda, newCreateBody(me, { cardType: undefined }));
    const created = assertOk(response) as { details: { feeTransactionId: number; card: { status: string } } };
    assert.ok(created.details.feeTransactionId > 0);
    // 5.00 left: a second one takes the rest (sent with the schema's spelling, CustomersId), a third is refused.
    await createCard(api, { ...newCreateBody(me), customersId: undefined, CustomersId: me }, CARD_PATHS.createWithDda);
    await refused(dda(newCreateBody(me)), 400, 'CustomersId:Insufficient_Funds');
    await assertLedgerSound(server);
  });

  test('create opens a DDA (a USD account) for a customer without one; create-with-dda needs one', async () => {
    const theirs = other.principal.customersId;
    const accountsOf = () => server.runtime.database.db.selectFrom('accounts').select(['id', 'asset']).where('customers_id', '=', theirs).execute();
    assert.deepEqual(await accountsOf(), []);
    await refused(() => other.post(CARD_PATHS.createWithDda, newCreateBody(theirs)), 400, 'CustomersId:Invalid');
    await createCard(other, olderCreateBody(theirs));
    assert.deepEqual(
      (await accountsOf()).map((a) => a.asset),
      ['USD'],
    );
    await createCard(other, olderCreateBody(theirs));
    assert.equal((await accountsOf()).length, 1, 'one DDA');
  });

  test("a managee's card: KYC Accepted first; it waits for approval (MANAGEE_CARD_APPROVAL_UPDATED), a rejected one is closed", async () => {
    const { manageesId: pendingKyc } = await createManagee(api);
    await refused(() => api.post(CARD_PATHS.create, olderCreateBody(pendingKyc)), 400, 'CustomersId:Documents_Not_Verified');
    const { manageesId } = await acceptedManagee(api);
    const card = await createCard(api, olderCreateBody(manageesId));
    assert.equal((assertOk(await api.get(`${CARD_PATHS.details}?CardId=${card}`)).details as Record<string, unknown>).approvalStatus, 'Pending');
    await refused(() => api.post(CARD_PATHS.activate, { CardsId: card }), 400, 'CardsId:Card_Not_Approved');
    const approved = assertOk(await api.post(CARD_PATHS.approvals, { TopUpCardsId: card, Status: 'Approved' }));
    assert.deepEqual(approved.details, { TopUpCardsId: card, RequestedTopUpCardsId: card, Status: 'Approved', bManuallyUpdated: true });
    await refused(() => api.post(CARD_PATHS.approvals, { TopUpCardsId: card, Status: 'Rejected' }), 400, 'TopUpCardsId:Card_Not_Pending_Approval');
    assertOk(await api.post(CARD_PATHS.activate, { CardsId: card }));

    const rejectedCard = await createCard(api, olderCreateBody(manageesId));
    assertOk(await api.post(CARD_PATHS.approvals, { TopUpCardsId: rejectedCard, Status: 'rejected' }));
    assert.equal((assertOk(await api.get(`${CARD_PATHS.details}?CardId=${rejectedCard}`)).details as Record<string, unknown>).status, 'Closed');
    await refused(() => api.post(CARD_PATHS.activate, { CardsId: rejectedCard }), 400, 'CardsId:Card_Inactive');
    await refused(() => api.post(CARD_PATHS.approvals, { TopUpCardsId: card, Status: 'Maybe' }), 400, 'Status:Invalid');

    await server.callbacks.runOnce();
    const received = requestsOfType(receiver.requests, 'MANAGEE_CARD_APPROVAL_UPDATED').map((r) => {
      assertWireFormat(r, secret);
      return (JSON.parse(r.rawBody) as { Data: { TopUpCardsId: number } }).Data;
    });
    received.sort((a, b) => a.TopUpCardsId - b.TopUpCardsId);
    assert.deepEqual(received, [
      { TopUpCardsId: card, RequestedTopUpCardsId: card, Status: 'Approved', bManuallyUpdated: true },
      { TopUpCardsId: rejectedCard, RequestedTopUpCardsId: rejectedCard, Status: 'Rejected', bManuallyUpdated: true },
    ]);
  });

  test('activate and deactivate: Card_Active, Card_Inactive, every card id spelling, another principal’s card is not found', async () => {
    const card = await createCard(api, olderCreateBody(me));
    await refused(() => api.post(CARD_PATHS.deactivate, { cardsId: card }), 400, 'CardsId:Card_Inactive');
    assertOk(await api.post(CARD_PATHS.activate, { CardsId: card }));
    await refused(() => api.post(CARD_PATHS.activate, { cardsId: card }), 400, 'CardsId:Card_Active');
    const off = assertOk(await api.post(CARD_PATHS.deactivate, { CardId: card })) as { details: { card: { status: string } } };
    assert.equal(off.details.card.status, 'Deactivated');
    assertOk(await api.post(CARD_PATHS.activate, { TopUpCardsId: card }));
    await refused(() => api.post(CARD_PATHS.activate, { CardId: card, CardsId: card + 1 }), 400, 'CardsId:Invalid');
    await refused(() => api.post(CARD_PATHS.activate, {}), 400, 'CardsId:Required');
    await refused(() => other.post(CARD_PATHS.activate, { cardsId: card }), 404, 'CardsId:Not_Found');
    await refused(() => api.post(CARD_PATHS.activate, { cardsId: 99_999 }), 404, 'CardsId:Not_Found');
    for (const path of [`${CARD_PATHS.details}?CardId=${card}`, `${CARD_PATHS.sensitive}?CardId=${card}`, `${CARD_PATHS.transactions}?CardsId=${card}`]) {
      await refused(() => other.get(path), 404, `${path.includes('transactions') ? 'CardsId' : 'CardId'}:Not_Found`);
    }
    await refused(() => other.get(`${CARD_PATHS.byUser}?CustomersId=${me}`), 404, 'CustomersId:Not_Found');
    const theirs = assertOk(await other.get(`${CARD_PATHS.balances}?PageSize=100`)).details as { id: number }[];
    assert.ok(!theirs.some((c) => c.id === card), 'another principal does not see this card');
  });

  test('the operator: approve, suspend (a PIN lock is lifted on reinstate), close (final)', async () => {
    const { manageesId } = await acceptedManagee(api);
    const card = await createCard(api, olderCreateBody(manageesId));
    const cli = (...args: string[]) => server.cli(['cards', ...args]);
    assert.equal((await cli('approve', '--card', String(card), '--status', 'Maybe')).exitCode, 2);
    assert.deepEqual(await cli('approve', '--card', String(card), '--status', 'Approved'), { exitCode: 0, stdout: `card ${card}: Approved\n`, stderr: '' });
    assertOk(await api.post(CARD_PATHS.activate, { cardsId: card }));
    assert.equal((await cli('suspend', '--card', String(card))).stdout, `card ${card}: Suspended\n`);
    const suspended = assertOk(await api.get(`${CARD_PATHS.details}?CardId=${card}`)).details as Record<string, unknown>;
    assert.equal(suspended.status, 'Suspended');
    await refused(() => api.post(CARD_PATHS.activate, { cardsId: card }), 400, 'CardsId:Card_Inactive');
    await refused(() => api.post(CARD_PATHS.authorizations, { CardsId: card, Amount: 1, MerchantName: 'Shop' }), 400, 'CardsId:Card_Inactive');
    assert.equal((await cli('suspend', '--card', String(card))).exitCode, 1);
    assert.equal((await cli('reinstate', '--card', String(card))).stdout, `card ${card}: Deactivated\n`);
    assertOk(await api.post(CARD_PATHS.activate, { cardsId: card }));
    assert.equal((await cli('close', '--card', String(card))).stdout, `card ${card}: Closed\n`);
    assert.equal((await cli('reinstate', '--card', String(card))).exitCode, 1);
    assert.equal((await cli('close', '--card', '99999')).stderr, 'card 99999: Not_Found\n');
    assert.equal((await cli('close')).exitCode, 2);
  });

  test('PIN: four digits, not trivial, the right OldPin; locked after CARD_PIN_FAILURES_MAX wrong ones', async () => {
    const card = await createCard(api, olderCreateBody(me));
    const pin = (body: Record<string, unknown>) => () => api.post(CARD_PATHS.changePin, { TopUpCardsId: card, ...body });
    for (const bad of ['123', '12345', 'abcd', '0000', '1234', '9876', '1111']) await refused(pin({ NewPin: bad }), 400, 'NewPin:Invalid');
    await refused(pin({}), 400, 'NewPin:Required');
    assertOk(await pin({ NewPin: '2580' })());
    await refused(pin({ NewPin: '3691' }), 400, 'OldPin:Required');
    await refused(pin({ OldPin: '25', NewPin: '3691' }), 400, 'OldPin:Invalid');
    await refused(() => other.post(CARD_PATHS.changePin, { TopUpCardsId: card, OldPin: '2580', NewPin: '3691' }), 404, 'TopUpCardsId:Not_Found');
    // Wrong old PINs are counted (a write by design), so these are not "nothing written".
    assertError(await pin({ OldPin: '1357', NewPin: '3691' })(), 400, 'OldPin:Pin_Incorrect');
    assertError(await pin({ OldPin: '1358', NewPin: '3691' })(), 400, 'OldPin:Pin_Incorrect');
    assertError(await pin({ OldPin: '1359', NewPin: '3691' })(), 400, 'OldPin:Pin_Locked');
    assertError(await pin({ OldPin: '2580', NewPin: '3691' })(), 400, 'TopUpCardsId:Pin_Locked');
    const details = assertOk(await api.get(`${CARD_PATHS.details}?CardId=${card}`)).details as Record<string, unknown>;
    assert.equal(details.bPinLocked, true);
    const logs = server.logLines.join('');
    // As a JSON string (a bare 2580 could be part of a timestamp or a duration).
    assert.ok(!logs.includes('"2580"') && !logs.includes('"1357"') && !logs.includes('OldPin'), 'no PIN in a log line');
  });

  test('the 6-month rule: older customers must give review details; reviewcreatecard says so', async () => {
    const { manageesId } = await acceptedManagee(api);
    const review = assertOk(await api.get(`${CARD_PATHS.review}?customersId=${manageesId}`)).details as Record<string, unknown>;
    assert.deepEqual((review.types as Record<string, unknown>).sourceOfFunds, ['Salary', 'Savings', 'Self Employed', 'Loans/Borrowed Funds']);
    assert.deepEqual(review.requiredDocuments, ['Tax Document']);
    assert.equal(review.bReviewDetailsRequired, false);
    assert.deepEqual((review.personalReviewDetails as Record<string, unknown>).sourceOfFunds, ['Salary']);
    server.clock.advance(200 * 86_400_000);
    await api.relogin();
    await other.relogin();
    assert.equal((assertOk(await api.get(`${CARD_PATHS.review}?CustomerId=${manageesId}`)).details as Record<string, unknown>).bReviewDetailsRequired, true);
    await refused(() => api.post(CARD_PATHS.create, olderCreateBody(manageesId)), 400, 'personalReviewDetails:Required');
    await refused(
      () => api.post(CARD_PATHS.create, { ...olderCreateBody(manageesId), personalReviewDetails: { sourceOfFunds: [] } }),
      400,
      'personalReviewDetails.sourceOfFunds:Required',
    );
    await refused(() => api.post(CARD_PATHS.create, olderCreateBody(me)), 400, 'businessReviewDetails:Required');
    const business = {
      legalEntityName: 'Acme LLC',
      doingBusinessAs: 'Acme',
      entityType: 'LLC',
      registeredAddressStreet: 'Main St',
      registeredAddressCity: 'Miami',
      registeredAddressState: 'FL',
      registeredAddressPostcode: '33139',
    };
    await refused(
      () => api.post(CARD_PATHS.create, { ...olderCreateBody(me), businessReviewDetails: { ...business, entityType: 'Guild' } }),
      400,
      'businessReviewDetails.entityType:Invalid',
    );
    await createCard(api, { ...olderCreateBody(me), businessReviewDetails: business });
    await createCard(api, { ...olderCreateBody(manageesId), personalReviewDetails: { sourceOfFunds: ['Savings'], estimatedNetWorth: 12345.67, activelyEmployed: false } });
    const after = (assertOk(await api.get(`${CARD_PATHS.review}?customersId=${manageesId}`)).details as { personalReviewDetails: Record<string, unknown> }).personalReviewDetails;
    assert.deepEqual(after.sourceOfFunds, ['Savings']);
    assert.equal(after.estimatedNetWorth, 12345.67);
  });

  test('documentupload: the right type per customer, a real PDF/PNG/JPEG, within DOCUMENT_SIZE_MAX_BYTES; requiredDocuments then left out', async () => {
    const { manageesId } = await acceptedManagee(api);
    const upload = async (build: (f: FormData) => void, as: Api = api) => {
      const { payload, contentType } = await form(build);
      return as.postRaw(CARD_PATHS.documentUpload, payload, { 'content-type': contentType });
    };
    const pdf = (f: FormData) => f.append('file', new Blob([PDF], { type: 'application/pdf' }), 'tax.pdf');
    await refused(() => upload((f) => (f.append('customersId', String(manageesId)), f.append('type', 'Corporate Authorization Document'), pdf(f))), 400, 'type:Invalid');
    await refused(() => upload((f) => (f.append('customersId', String(manageesId)), pdf(f))), 400, 'type:Required');
    await refused(
      () => upload((f) => (f.append('customersId', String(manageesId)), f.append('type', 'Tax Document'), f.append('documentSide', 'Top'), pdf(f))),
      400,
      'documentSide:Invalid',
    );
    await refused(() => upload((f) => (f.append('customersId', String(manageesId)), f.append('type', 'Tax Document'))), 400, 'file:Required');
    await refused(
      () => upload((f) => (f.append('customersId', String(manageesId)), f.append('type', 'Tax Document'), f.append('file', new Blob([PNG], { type: 'image/png' }), 'tax.pdf'))),
      400,
      'file:Invalid_File_Type',
    );
    await refused(
      () =>
        upload(
          (f) => (f.append('customersId', String(manageesId)), f.append('type', 'Tax Document'), f.append('file', new Blob(['just text'], { type: 'text/plain' }), 'tax.txt')),
        ),
      400,
      'file:Invalid_File_Type',
    );
    const big = Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]);
    const before = await cardRowCounts(server);
    const tooBig = await upload(
      (f) => (f.append('customersId', String(manageesId)), f.append('type', 'Tax Document'), f.append('file', new Blob([big], { type: 'application/pdf' }), 'big.pdf')),
    );
    assert.ok(tooBig.statusCode === 413 || tooBig.statusCode === 400, tooBig.body);
    assert.equal(JSON.parse(tooBig.body).status, '0');
    assert.deepEqual(await cardRowCounts(server), before);
    await refused(() => upload((f) => (f.append('customersId', String(manageesId)), f.append('type', 'Tax Document'), pdf(f)), other), 404, 'customersId:Not_Found');
    await refused(() => api.post(CARD_PATHS.documentUpload, { customersId: manageesId, type: 'Tax Document' }), 415, 'body:Unsupported_Media_Type');

    const ok = assertOk(await upload((f) => (f.append('CustomersId', String(manageesId)), f.append('type', 'tax document'), f.append('documentSide', 'Back'), pdf(f))));
    const d = ok.details as Record<string, unknown>;
    assert.equal(ok.id, d.documentsId);
    assert.deepEqual([d.type, d.documentSide, d.contentType, d.fileName], ['Tax Document', 'Back', 'application/pdf', 'tax.pdf']);
    const review = assertOk(await api.get(`${CARD_PATHS.review}?customersId=${manageesId}`)).details as Record<string, unknown>;
    assert.ok(!('requiredDocuments' in review), 'left out once uploaded');
    assertOk(await upload((f) => (f.append('customersId', String(me)), f.append('type', 'Corporate Authorization Document'), pdf(f))));
    assert.ok(!('requiredDocuments' in (assertOk(await api.get(`${CARD_PATHS.review}?customersId=${me}`)).details as Record<string, unknown>)));
  });

  test('reads: byuser/list, byuser (PascalCase), balances (documented casing), carddetails without secrets', async () => {
    const { manageesId, accountsIds } = await acceptedManagee(api);
    assert.ok(accountsIds.length > 0);
    await payIn(api, accountsIds[0] as number, '1.00');
    const card = await createCard(api, olderCreateBody(manageesId));
    const list = assertOk(await api.get(`${CARD_PATHS.byUserList}?PageSize=100`)) as {
      details: { customersId: number; cards: Record<string, unknown>[] }[];
      numberOfPages: number;
    };
    const mine = list.details.find((c) => c.customersId === manageesId);
    assert.ok(mine !== undefined);
    assert.deepEqual(Object.keys(mine.cards[0] as object).sort(), ['availableBalance', 'bSuppressed', 'cardNumber', 'currency', 'id', 'pendingBalance', 'totalBalance']);
    assert.equal(list.numberOfPages, 1);
    const page = assertOk(await api.get(`${CARD_PATHS.byUserList}?PageSize=1&PageNumber=1`)) as { details: unknown[]; numberOfPages: number };
    assert.equal(page.details.length, 1);
    assert.ok(page.numberOfPages >= 2);

    const byUser = assertOk(await api.get(`${CARD_PATHS.byUser}?CustomersId=${manageesId}`)).details as Record<string, unknown>;
    assert.deepEqual(Object.keys(byUser).sort(), ['Cards', 'CustomersId', 'CustomersReference']);
    assert.deepEqual(Object.keys((byUser.Cards as object[])[0] as object).sort(), ['AvailableBalance', 'Currency', 'Id', 'PendingBalance', 'TotalBalance', 'bSuppressed']);
    assertError(await api.get(CARD_PATHS.byUser), 400, 'CustomersId:Required');

    const balances = assertOk(await api.get(`${CARD_PATHS.balances}?CustomersID=${manageesId}`)).details as Record<string, unknown>[];
    assert.equal(balances.length, 1);
    assert.equal(balances[0]?.customersID, String(manageesId));
    assert.equal(balances[0]?.currency, 'usd');
    assert.equal(balances[0]?.status, 'Deactivated');
    assertError(await api.get(`${CARD_PATHS.balances}?CustomersId=${other.principal.customersId}`), 404, 'CustomersId:Not_Found');
    assertError(await api.get(`${CARD_PATHS.balances}?PageSize=100000`), 400, 'PageSize:Invalid');

    const details = assertOk(await api.get(`${CARD_PATHS.details}?cardid=${card}`)).details as Record<string, unknown>;
    for (const key of ['customersID', 'customersReference', 'cardHolderName', 'cardLast4', 'currency', 'totalBalance', 'availableBalance', 'status'])
      assert.ok(key in details, key);
    assert.ok(!('cardNumber' in details) && !('cvc' in details) && !('pin' in details));
    assertError(await api.get(CARD_PATHS.details), 400, 'CardId:Required');
    assertError(await api.get(`${CARD_PATHS.details}?CardId=abc`), 400, 'CardId:Invalid');
    assertError(await api.get(`${CARD_PATHS.transactions}?CardsId=${card}&fromDate=yesterday`), 400, 'fromDate:Invalid');
    assertError(await api.get(`${CARD_PATHS.transactions}?CardsId=${card}&fromDate=2030-01-02&toDate=2030-01-01`), 400, 'fromDate:Invalid');
    assert.deepEqual(assertOk(await api.get(`${CARD_PATHS.transactions}?CardsId=${card}&fromDate=2020-01-01&toDate=2020-01-02`)).details, []);
  });
});
