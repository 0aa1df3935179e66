// Helpers for the managee tests (test/managees-*.test.ts, test/isolation.test.ts): a valid v5
// create body, the lifecycle calls (create, identity check, KYC decision), and row counts of every
// table a managee write touches, to show that a rejected request wrote nothing.
import assert from 'node:assert/strict';
import { assertOk, type Api } from './accounts-helpers.js';
import type { TestServer } from './test-server.js';

export const MANAGEE_PATHS = {
  createV2: '/api/v2/customer/managees/create',
  createV3: '/api/v3/customer/managees/create',
  createV4: '/api/v4/customer/managees/create',
  createV5: '/api/v5/customer/managees/create',
  list: '/api/v2/customer/managees/list',
  jumioCompleted: '/api/v1/customer/simulations/managees/jumio-completed',
  kyc: '/api/v1/customer/simulations/managees/kyc',
} as const;

export const CREATE_PATHS = [MANAGEE_PATHS.createV2, MANAGEE_PATHS.createV3, MANAGEE_PATHS.createV4, MANAGEE_PATHS.createV5] as const;

/** The fields the create body cannot do without (a missing one is `Required`). */
export const REQUIRED_FIELDS = [
  'firstGivenName',
  'lastSurname',
  'emailAddress',
  'phoneNumber',
  'dateOfBirth',
  'nationalityISO',
  'AddressCountryISO',
  'addressLine1',
  'townCity',
  'postcode',
] as const;

/** A small valid PDF-ish document, base64 (the server only checks it is base64 and its size). */
export const SMALL_DOCUMENT_BASE64 = Buffer.from('%PDF-1.4 phone bill of a managee').toString('base64');

let counter = 0;

/** A valid v5 create body as a real client sends it (spec §4.7); `overrides` replace or add keys. */
export function manageeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    AddressCountryISO: 'USA',
    addressLine1: '1 Main Street',
    dateOfBirth: '1990-05-17',
    emailAddress: `managee${counter}@example.com`,
    fiatCurrencyCode: 'USD',
    firstGivenName: 'Ada',
    fullName: `Ada Lovelace ${counter}`,
    lastSurname: 'Lovelace',
    manageesReference: `REF-${counter}`,
    nationalityISO: 'GBR',
    occupation: 'Engineer',
    phoneNumber: '+1 202-555-0142',
    postcode: '10001',
    proofOfAddressFile: SMALL_DOCUMENT_BASE64,
    ProofOfAddressType: 'PhoneBill',
    StateProvince: 'NY',
    taxNumber: '123-45-6789',
    townCity: 'New York',
    EstimatedNetWorth: 100000,
    EstimatedGrossAnnualIncome: 50000,
    OtherBanks: ['Bank of Example'],
    bActivelyEmployed: true,
    EmployedCompanyName: 'Analytical Engines Ltd',
    EmployedJobTitle: 'Programmer',
    PurposeOfOpeningAccountTypes: ['Savings'],
    MonthlyTurnover: 1000,
    AnticipatedTransactionActivity: 10,
    SourceFundsTypes: ['Salary'],
    bIrsTax: true,
    bForeignAccountTax: false,
    bNotCriminal: true,
    bAccurateInfo: true,
    ...overrides,
  };
}

/** `body` without the named keys. */
export function without(body: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...body };
  for (const key of keys) delete copy[key];
  return copy;
}

export interface CreatedManagee {
  readonly manageesId: number;
  readonly customersReference: string;
  readonly jumioLink: string | null;
}

/** Creates a managee (v5 unless another path is given); fails the test unless it succeeds. */
export async function createManagee(api: Api, body: Record<string, unknown> = manageeBody(), path: string = MANAGEE_PATHS.createV5): Promise<CreatedManagee> {
  const response = await api.post(path, body);
  const envelope = assertOk(response) as { id: number; details: CreatedManagee };
  assert.equal(envelope.id, envelope.details.manageesId, response.body);
  return envelope.details;
}

export async function completeJumio(api: Api, manageesId: number): Promise<void> {
  assertOk(await api.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: manageesId }));
}

export async function decideKyc(api: Api, manageesId: number, status: 'Accepted' | 'Rejected', rejectReason?: string): Promise<{ accountsIds: number[] }> {
  const body = { ManageesId: manageesId, VerificationStatus: status, ...(rejectReason === undefined ? {} : { RejectReason: rejectReason }) };
  return assertOk(await api.post(MANAGEE_PATHS.kyc, body)).details as { accountsIds: number[] };
}

/** A managee taken through the identity check and accepted; returns its id and its new accounts. */
export async function acceptedManagee(api: Api, body: Record<string, unknown> = manageeBody()): Promise<{ manageesId: number; accountsIds: number[] }> {
  const { manageesId } = await createManagee(api, body);
  await completeJumio(api, manageesId);
  const { accountsIds } = await decideKyc(api, manageesId, 'Accepted');
  return { manageesId, accountsIds };
}

const COUNTED_TABLES = ['customers', 'managees', 'customer_documents', 'accounts', 'transactions', 'ledger_legs', 'ledger_balances', 'callbacks', 'idempotency_keys'] as const;

export type ManageeRowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export async function manageeRowCounts(server: TestServer): Promise<ManageeRowCounts> {
  const db = server.runtime.database.db;
  const out: Partial<ManageeRowCounts> = {};
  for (const table of COUNTED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out as ManageeRowCounts;
}

/** The stored KYC state of a customer, straight from the database. */
export async function kycStatusOf(server: TestServer, customersId: number): Promise<string | undefined> {
  const row = await server.runtime.database.db.selectFrom('customers').select('kyc_status').where('id', '=', customersId).executeTakeFirst();
  return row?.kyc_status;
}
