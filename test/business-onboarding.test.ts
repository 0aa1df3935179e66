// Business onboarding end to end, over HTTP with real TOTP codes and a real callback receiver:
// creation parameters (ISO 3166 countries, fiat currencies, products); create (the documented body
// and every documented error); verification parameters; documents uploaded (multipart, type and
// size checked from the content) and deleted; verification submitted; status read; decided by the
// sandbox simulation (MANAGEE_KYC_UPDATED, accounts opened) or the operator CLI; then the business
// holds money like any accepted managee. Another principal's business is 404; every refused
// request writes nothing. SQLite or PostgreSQL (TEST_DATABASE_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertOk, json, PATHS, payIn, type Api } from './helpers/accounts-helpers.js';
import type { CallbackReceiver } from './helpers/callbacks-receiver.js';
import { assertWireFormat, driveUntil, requestsOfType } from './helpers/callbacks-helpers.js';
import { createManagee, MANAGEE_PATHS } from './helpers/managees-helpers.js';
import { refused, SURFACE_PATHS as P } from './helpers/surface-helpers.js';
import type { TestResponse, TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const DOCUMENT_SIZE_MAX_BYTES = 2048;
const DOCUMENT_TABLES = ['businesses', 'documents'];

let counter = 0;
function businessBody(overrides: { personal?: Item; [key: string]: unknown } = {}): Item {
  counter += 1;
  const { personal, ...rest } = overrides;
  return {
    PersonalDetails: {
      FirstName: 'Grace',
      MiddleNames: 'Brewster',
      LastName: 'Hopper',
      Reference: `BIZ-${counter}`,
      CurrencyCode: 'USD',
      EmailAddress: `owner${counter}@business.example`,
      PhoneNumber: '+1 (202) 555-0142',
      ...personal,
    },
    CompanyName: `Compilers ${counter} LLC`,
    RegisteredCountryCode: 'USA',
    bConductsThirdPartyPayments: false,
    RequestedProducts: ['FiatAccounts', 'payments'],
    SendInvite: true,
    ...rest,
  };
}

function verificationBody(customersId: number, overrides: Item = {}): Item {
  return {
    CustomersId: customersId,
    LegalEntityName: 'Compilers LLC',
    RegistrationNumber: 'DE-1234567',
    EntityType: 'LLC',
    DateOfIncorporation: '2015-03-01',
    AddressLine1: '1 Navy Way',
    TownCity: 'Arlington',
    Postcode: '22202',
    CountryCode: 'US',
    StateCode: 'VA',
    MainActivityType: 9,
    SourceFundTypes: [1939, 1941],
    TransactionVolume: 2,
    MonthlyUsdEquivalent: 3,
    ...overrides,
  };
}

describe('business onboarding', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;
  let secret: string;
  let alice: Api;
  let bob: Api;
  let token: string;
  let bobToken: string;
  let businessId: number;

  /** POSTs a multipart upload as `api` (a real form, as a browser or SDK builds it). */
  async function upload(
    api: Api,
    fields: Record<string, string>,
    files: { name: string; bytes: Buffer; type?: string; field?: string }[],
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.field ?? 'Document', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const payload = Buffer.from(await request.arrayBuffer());
    const bearer = api === alice ? token : bobToken;
    return server.app.inject({
      method: 'POST',
      url: P.businessUpload,
      payload,
      headers: { 'content-type': request.headers.get('content-type') ?? '', authorization: `Bearer ${bearer}`, otp: server.otp(api.principal), ...headers },
    });
  }
  const status = async (api: Api, id: number): Promise<Item> => assertOk(await api.get(`${P.businessStatus}?CustomersId=${id}`)).details as Item;
  const create = async (body: Item = businessBody()): Promise<number> => {
    const envelope = assertOk(await alice.post(P.businessCreate, body));
    assert.equal(envelope.id, (envelope.details as Item).id);
    return envelope.id as number;
  };
  async function uploadRequired(id: number): Promise<void> {
    assertOk(await upload(alice, { CustomersId: String(id), DocumentType: 'CertificateOfIncorporation' }, [{ name: 'incorporation.pdf', bytes: PDF, type: 'application/pdf' }]));
    assertOk(await upload(alice, { CustomersId: String(id), DocumentType: 'ProofOfAddress' }, [{ name: 'lease.png', bytes: PNG, type: 'image/png' }]));
  }

  before(async () => {
    const world = await createWorld({
      env: { DOCUMENT_SIZE_MAX_BYTES: String(DOCUMENT_SIZE_MAX_BYTES), BUSINESSES_PER_PRINCIPAL_MAX: '6', BUSINESS_DOCUMENTS_MAX: '4' },
      accounts: { usd: { asset: 'USD' } },
      other: {},
      callbackPath: '/hooks/ibanera',
    });
    ({ server, api: alice, receiver, callbackSecret: secret } = world);
    bob = world.other.api;
    token = await server.login(alice.principal);
    bobToken = await server.login(bob.principal);
  });
  after(async () => {
    await receiver?.close();
    await server?.close();
  });

  test('creation parameters: every ISO 3166 country, the fiat currencies, the products', async () => {
    const d = assertOk(await alice.get(P.businessCreationParameters)).details as { countries: Item[]; currencies: string[]; requestedProducts: string[] };
    assert.ok(d.countries.length >= 249, 'ISO 3166-1 (and Kosovo, as i18n-iso-countries lists it)');
    assert.deepEqual(
      d.countries.find((c) => c.code === 'USA'),
      { code: 'USA', alpha2: 'US', name: 'United States of America' },
    );
    assert.ok(d.currencies.includes('USD') && d.currencies.includes('EUR') && !d.currencies.includes('BTC'));
    assert.ok(d.requestedProducts.includes('FiatAccounts'));
  });

  test('create: a business is a Pending managee of the principal; SendInvite is recorded', async () => {
    businessId = await create();
    const listed = (assertOk(await alice.get(`${MANAGEE_PATHS.list}?PageSize=100`)).details as Item[]).find((m) => m.id === businessId);
    assert.deepEqual([listed?.verificationStatus, listed?.name, listed?.firstName], ['Pending', `Compilers ${counter} LLC`, 'Grace']);
    const s = await status(alice, businessId);
    assert.deepEqual([s.verificationStatus, s.bInviteDue, s.documents, s.missingDocumentTypes], ['Not Submitted', true, [], ['CertificateOfIncorporation', 'ProofOfAddress']]);
    const row = await server.runtime.database.db.selectFrom('managees').select('phone_number').where('customers_id', '=', businessId).executeTakeFirstOrThrow();
    assert.equal(row.phone_number, '+12025550142', 'kept as E.164');
  });

  test('create: every documented error, and nothing written', async () => {
    const taken = `OWNER${counter}@business.example`;
    const boss = await server.createPrincipal('boss@company.example');
    assert.ok(boss.customersId > 0);
    const cases: [Item, number, string[]][] = [
      [businessBody({ personal: { EmailAddress: taken } }), 400, ['PersonalDetails.EmailAddress:Username_Not_Available']],
      [businessBody({ personal: { EmailAddress: 'Boss@Company.example' } }), 400, ['PersonalDetails.EmailAddress:Username_Not_Available']],
      [businessBody({ personal: { PhoneNumber: '202-555-0142' } }), 400, ['PersonalDetails.PhoneNumber:Invalid_PhoneNumber']],
      [businessBody({ personal: { PhoneNumber: '+0 202 555 0142' } }), 400, ['PersonalDetails.PhoneNumber:Invalid_PhoneNumber']],
      [businessBody({ personal: { PhoneNumber: '+1 555' } }), 400, ['PersonalDetails.PhoneNumber:Invalid_PhoneNumber']],
      [businessBody({ personal: { PhoneNumber: '+1 202 555 0142 ext 7' } }), 400, ['PersonalDetails.PhoneNumber:Invalid_PhoneNumber']],
      [businessBody({ personal: { CurrencyCode: 'BTC' } }), 400, ['PersonalDetails.CurrencyCode:Invalid_CurrencyCode']],
      [businessBody({ personal: { CurrencyCode: 'XYZ' } }), 400, ['PersonalDetails.CurrencyCode:Invalid_CurrencyCode']],
      [businessBody({ RegisteredCountryCode: 'ZZ' }), 400, ['RegisteredCountryCode:Invalid_CountryISOCode']],
      [businessBody({ RegisteredCountryCode: 'UKX' }), 400, ['RegisteredCountryCode:Invalid_CountryISOCode']],
      [businessBody({ RequestedProducts: ['FiatAccounts', 'Loans'] }), 400, ['RequestedProducts:Invalid_RequestedProducts']],
      [businessBody({ RequestedProducts: [] }), 400, ['RequestedProducts:Required']],
      [businessBody({ personal: { EmailAddress: 'not-an-email' } }), 400, ['PersonalDetails.EmailAddress:Invalid']],
      [businessBody({ personal: { FirstName: '' } }), 400, ['PersonalDetails.FirstName:Required']],
      [businessBody({ PersonalDetails: undefined }), 400, ['PersonalDetails:Required']],
      [
        businessBody({ personal: { PhoneNumber: 'x', CurrencyCode: 'BTC' }, RegisteredCountryCode: 'ZZ' }),
        400,
        ['PersonalDetails.PhoneNumber:Invalid_PhoneNumber', 'PersonalDetails.CurrencyCode:Invalid_CurrencyCode', 'RegisteredCountryCode:Invalid_CountryISOCode'],
      ],
    ];
    for (const [body, code, errors] of cases) await refused(server, () => alice.post(P.businessCreate, body), code, errors, DOCUMENT_TABLES);
  });

  test('verification parameters: the lists, for my business only', async () => {
    const d = assertOk(await alice.get(`${P.businessVerificationParameters}?CustomersId=${businessId}`)).details as Record<string, Item[]>;
    for (const key of ['countries', 'states', 'mainActivityTypes', 'sourceFundTypes', 'transactionVolumes', 'monthlyUsdEquivalents', 'entityTypes', 'documentTypes']) {
      assert.ok((d[key] ?? []).length > 0, key);
    }
    assert.ok((d.countries?.length ?? 0) >= 249);
    assert.equal(d.states?.length, 56);
    assert.deepEqual(d.sourceFundTypes?.[0], { id: 1939, name: 'Business Earnings' });
    assert.equal((await bob.get(`${P.businessVerificationParameters}?CustomersId=${businessId}`)).statusCode, 404);
    const person = (await createManagee(alice)).manageesId;
    assert.equal((await alice.get(`${P.businessVerificationParameters}?CustomersId=${person}`)).statusCode, 404, 'a person managee is no business');
  });

  test('upload: PDF and PNG checked from their content; wrong type, too large, unknown type, no file, another principal: refused', async () => {
    const fields = { CustomersId: String(businessId), DocumentType: 'CertificateOfIncorporation' };
    const ok = assertOk(await upload(alice, fields, [{ name: 'incorporation.pdf', bytes: PDF, type: 'application/pdf' }]));
    const doc = ok.details as Item;
    assert.equal(ok.id, doc.documentId);
    assert.deepEqual([doc.documentType, doc.contentType, doc.sizeBytes, doc.fileName], ['CertificateOfIncorporation', 'application/pdf', PDF.length, 'incorporation.pdf']);
    const cases: [() => Promise<TestResponse>, number, string[]][] = [
      [() => upload(alice, fields, [{ name: 'fake.pdf', bytes: Buffer.from('MZ this is an executable'), type: 'application/pdf' }]), 400, ['Document:Invalid_File_Type']],
      [() => upload(alice, fields, [{ name: 'picture.pdf', bytes: PNG, type: 'application/pdf' }]), 400, ['Document:Invalid_File_Type']],
      [() => upload(alice, fields, [{ name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(DOCUMENT_SIZE_MAX_BYTES)]) }]), 413, ['Document:File_Too_Large']],
      [() => upload(alice, { ...fields, DocumentType: 'Selfie' }, [{ name: 'a.pdf', bytes: PDF }]), 400, ['DocumentType:Invalid']],
      [() => upload(alice, fields, []), 400, ['Document:Required']],
      [() => upload(alice, { DocumentType: 'Other' }, [{ name: 'a.pdf', bytes: PDF }]), 400, ['CustomersId:Required']],
      [() => upload(bob, fields, [{ name: 'a.pdf', bytes: PDF }]), 404, ['CustomersId:Not_Found']],
      [() => alice.post(P.businessUpload, fields), 415, ['body:Unsupported_Media_Type']],
    ];
    for (const [send, code, errors] of cases) await refused(server, send, code, errors, DOCUMENT_TABLES);
  });

  test('upload honours IdempotencyKey: the same file again is the first answer; another file under the key is 409', async () => {
    const fields = { CustomersId: String(businessId), DocumentType: 'BankStatement' };
    const key = { IdempotencyKey: '0b5e7a4c-2f1d-4c3b-9a8e-7d6c5b4a3f21' };
    const first = await upload(alice, fields, [{ name: 'statement.pdf', bytes: PDF }], key);
    assertOk(first);
    const again = await upload(alice, fields, [{ name: 'statement.pdf', bytes: PDF }], key);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);
    await refused(
      server,
      () => upload(alice, fields, [{ name: 'statement.pdf', bytes: Buffer.concat([PDF, Buffer.from('% changed')]) }], key),
      409,
      ['IdempotencyKey:Idempotency_Key_Reused'],
      DOCUMENT_TABLES,
    );
    assertOk(await alice.post(P.businessDeleteDocument, { CustomersId: businessId, DocumentId: (json(first).details as Item).documentId }));
  });

  test('delete a document: mine only, once; the status lists what is left', async () => {
    const extra = assertOk(await upload(alice, { CustomersId: String(businessId), DocumentType: 'other' }, [{ name: 'misc.png', bytes: PNG }])).details as Item;
    await refused(server, () => bob.post(P.businessDeleteDocument, { CustomersId: businessId, DocumentId: extra.documentId }), 404, ['CustomersId:Not_Found'], DOCUMENT_TABLES);
    const deleted = assertOk(await alice.post(P.businessDeleteDocument, { CustomersId: businessId, DocumentId: extra.documentId }));
    assert.deepEqual(deleted.details, { documentId: extra.documentId, bDeleted: true });
    await refused(server, () => alice.post(P.businessDeleteDocument, { CustomersId: businessId, DocumentId: extra.documentId }), 404, ['DocumentId:Not_Found'], DOCUMENT_TABLES);
    const s = await status(alice, businessId);
    assert.deepEqual([(s.documents as Item[]).map((d) => d.documentType), s.missingDocumentTypes], [['CertificateOfIncorporation'], ['ProofOfAddress']]);
  });

  test('submit: missing documents and bad answers are refused; then Under Review, and documents are frozen', async () => {
    await refused(server, () => alice.post(P.businessSubmit, verificationBody(businessId)), 400, ['Documents.ProofOfAddress:Required'], DOCUMENT_TABLES);
    assertOk(await upload(alice, { CustomersId: String(businessId), DocumentType: 'ProofOfAddress' }, [{ name: 'lease.png', bytes: PNG, type: 'image/png' }]));
    const bad: [Item, string[]][] = [
      [{ EntityType: 'Trust' }, ['EntityType:Invalid']],
      [{ DateOfIncorporation: '2999-01-01' }, ['DateOfIncorporation:Invalid']],
      [{ DateOfIncorporation: '2015-02-30' }, ['DateOfIncorporation:Invalid']],
      [{ StateCode: undefined }, ['StateCode:Required']],
      [{ StateCode: 'XX' }, ['StateCode:Invalid']],
      [{ CountryCode: 'ZZZ' }, ['CountryCode:Invalid_CountryISOCode']],
      [{ MainActivityType: 999 }, ['MainActivityType:Invalid']],
      [{ SourceFundTypes: [1939, 7] }, ['SourceFundTypes:Invalid']],
      [{ SourceFundTypes: [] }, ['SourceFundTypes:Required']],
      [{ TransactionVolume: 0, MonthlyUsdEquivalent: 99 }, ['TransactionVolume:Required', 'MonthlyUsdEquivalent:Invalid']],
      [{ LegalEntityName: ' ' }, ['LegalEntityName:Required']],
    ];
    for (const [overrides, errors] of bad) await refused(server, () => alice.post(P.businessSubmit, verificationBody(businessId, overrides)), 400, errors, DOCUMENT_TABLES);
    await refused(server, () => bob.post(P.businessSubmit, verificationBody(businessId)), 404, ['CustomersId:Not_Found'], DOCUMENT_TABLES);
    const submitted = assertOk(await alice.post(P.businessSubmit, verificationBody(businessId)));
    assert.equal(submitted.id, businessId);
    assert.equal((submitted.details as Item).verificationStatus, 'Under Review');
    assert.equal((await status(alice, businessId)).verificationStatus, 'Under Review');
    await refused(server, () => alice.post(P.businessSubmit, verificationBody(businessId)), 400, ['CustomersId:Verification_State_Invalid'], DOCUMENT_TABLES);
    await refused(
      server,
      () => upload(alice, { CustomersId: String(businessId), DocumentType: 'Other' }, [{ name: 'late.pdf', bytes: PDF }]),
      400,
      ['CustomersId:Verification_State_Invalid'],
      DOCUMENT_TABLES,
    );
    await refused(server, () => alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: businessId }), 400, ['ManageesId:Verification_State_Invalid'], DOCUMENT_TABLES);
  });

  test('the sandbox decision: Accepted, MANAGEE_KYC_UPDATED delivered, accounts opened; the business holds money', async () => {
    const from = receiver.requests.length;
    const decided = assertOk(await alice.post(MANAGEE_PATHS.kyc, { ManageesId: businessId, VerificationStatus: 'Accepted' })).details as { accountsIds: number[] };
    assert.equal(decided.accountsIds.length, 1, 'one account per asset the manager holds (USD)');
    await driveUntil(server.callbacks, () => requestsOfType(receiver.requests.slice(from), 'MANAGEE_KYC_UPDATED').length === 1);
    const [callback] = requestsOfType(receiver.requests.slice(from), 'MANAGEE_KYC_UPDATED').map((r) => assertWireFormat(r, secret ?? '', server.clock.nowMs()));
    assert.equal(callback?.Data.VerificationStatus, 'Accepted');
    const s = await status(alice, businessId);
    assert.equal(s.verificationStatus, 'Accepted');
    assert.ok(typeof s.dateAccepted === 'string');
    const opened = assertOk(await alice.post(PATHS.create, { CustomersId: businessId, Name: 'Operating EUR', Asset: 'EUR' }));
    assert.ok(((opened.details as { accounts: Item[] }).accounts[0]?.id as number) > 0);
    await payIn(alice, decided.accountsIds[0] as number, '1500.00', 'ACH');
  });

  test('the operator CLI decides another business (Rejected, with a reason); a business not submitted cannot be decided', async () => {
    const id = await create();
    const early = await server.cli(['business', 'decide', '--customers-id', String(id), '--status', 'Accepted']);
    assert.equal(early.exitCode, 1, early.stderr);
    await uploadRequired(id);
    assertOk(await alice.post(P.businessSubmit, verificationBody(id, { CountryCode: 'GBR', StateCode: undefined })));
    const result = await server.cli(['business', 'decide', '--customers-id', String(id), '--status', 'rejected', '--reason', 'Unclear ownership', '--json']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as Item).verificationStatus, 'Rejected');
    const s = await status(alice, id);
    assert.deepEqual([s.verificationStatus, s.rejectReason], ['Rejected', 'Unclear ownership']);
    const again = await server.cli(['business', 'decide', '--customers-id', String(id), '--status', 'Accepted']);
    assert.equal(again.exitCode, 1, 'a decision is final');
    assert.equal((await server.cli(['business', 'decide', '--customers-id', 'x', '--status', 'Accepted'])).exitCode, 2);
  });

  test('another principal sees none of it; the document limit; Forbidden past BUSINESSES_PER_PRINCIPAL_MAX', async () => {
    assert.equal((await bob.get(`${P.businessStatus}?CustomersId=${businessId}`)).statusCode, 404);
    const id = await create();
    for (let i = 0; i < 4; i++) assertOk(await upload(alice, { CustomersId: String(id), DocumentType: 'Other' }, [{ name: `p${i}.pdf`, bytes: PDF }]));
    await refused(
      server,
      () => upload(alice, { CustomersId: String(id), DocumentType: 'Other' }, [{ name: 'p5.pdf', bytes: PDF }]),
      400,
      ['Document:Document_Limit_Reached'],
      DOCUMENT_TABLES,
    );
    let made = (await server.runtime.database.db.selectFrom('businesses').select('customers_id').where('manager_customers_id', '=', alice.principal.customersId).execute()).length;
    while (made < 6) {
      await create();
      made += 1;
    }
    await refused(server, () => alice.post(P.businessCreate, businessBody()), 403, [':Forbidden'], DOCUMENT_TABLES);
    assertOk(await bob.post(P.businessCreate, businessBody()));
  });
});
