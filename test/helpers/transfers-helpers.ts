// Helpers for the transfer, payee and cancellation tests (test/transfers-*.test.ts,
// test/payees-*.test.ts, test/cancellation-*.test.ts): paths, valid payees for each rail, the
// money-moving calls with exact amount literals, and a "nothing written" check (row counts of every
// table a transfer touches plus the balances of the accounts involved).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { assertError, assertOk, balancesOf, createAccount, payIn, PATHS, type Api, type BalanceTexts } from './accounts-helpers.js';
import type { TestResponse, TestServer } from './test-server.js';

export const TRANSFER_PATHS = {
  internalFiat: '/api/v1/customer/transfers/fiat/createinternaltransfer',
  internalCrypto: '/api/v1/customer/transfers/crypto/createinternaltransfer',
  external: '/api/v3/customer/transfers/fiat/createexternaltransfer',
  lookup: '/api/v1/customer/transfers/lookupbankdetails',
  purposeCodes: '/api/v1/customer/transfers/purposecodes',
  payeeCreateV1: '/api/v1/customer/payees/create',
  payeeCreateV2: '/api/v2/customer/payees/create',
  payeeCreateV3: '/api/v3/customer/payees/create',
  payeeEdit: '/api/v1/customer/payees/edit',
  payeeGet: '/api/v1/customer/payees/get',
  payeeList: '/api/v1/customer/payees/list',
  payeeDelete: '/api/v1/customer/payees/delete',
  cancel: '/api/v1/customer/transactions/cancel',
  reverse: '/api/v1/customer/transfers/reverseinboundtransfer',
} as const;

/** Public sample bank identifiers (valid checksums) and broken variants of them. */
export const BANK = {
  /** JPMorgan Chase, New York: ABA checksum valid. */
  routing: '021000021',
  /** The same with its last digit changed: fails the ABA checksum. */
  routingBadChecksum: '021000022',
  /** The standard IBAN example (ECBS): mod-97 valid. */
  iban: 'DE89370400440532013000',
  /** The same with one digit flipped: fails mod-97. */
  ibanBadChecksum: 'DE89370400440532013001',
  bic: 'DEUTDEFF',
  bic11: 'DEUTDEFF500',
  /** `XX` is not a country. */
  bicBadCountry: 'DEUTXXFF',
  /** A digit in the bank part. */
  bicBadShape: 'DEU1DEFF',
} as const;

/** An inline ACH/Wire payee (US domestic) as a real client sends it. */
export function domesticPayee(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: 'Joe Receiver',
    AccountName: 'Joe R',
    AccountNumber: '123456789',
    RoutingNumber: BANK.routing,
    Type: 'Individual',
    CountryCode: 'USA',
    AddressLine1: '1 Main St',
    TownCity: 'New York',
    Postcode: '10001',
    State: 'NY',
    ...overrides,
  };
}

/** An inline SWIFT payee (IBAN, BIC, country) as a real client sends it. */
export function swiftPayee(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: 'Hans Empfänger',
    SwiftCode: BANK.bic,
    Iban: BANK.iban,
    CountryCode: 'DEU',
    Type: 'Individual',
    AddressLine1: 'Taunusanlage 1',
    TownCity: 'Frankfurt',
    Postcode: '60325',
    ...overrides,
  };
}

/** A payee create body for `customersId` (rail from `transferType`). */
export function payeeBody(customersId: number, transferType: 'ACH' | 'Wire' | 'SWIFT', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const fields = transferType === 'SWIFT' ? swiftPayee() : domesticPayee();
  return { CustomersId: customersId, TransferType: transferType, PayeeType: 'Personal', ...fields, ...overrides };
}

/** POSTs an internal transfer with `amount` as a verbatim JSON literal. */
export function internalTransfer(
  api: Api,
  source: number,
  destination: number,
  amount: string,
  options: { reference?: string; kind?: 'fiat' | 'crypto'; headers?: Record<string, string> } = {},
): Promise<TestResponse> {
  const reference = options.reference === undefined ? '' : `,"Reference":${JSON.stringify(options.reference)}`;
  const path = options.kind === 'crypto' ? TRANSFER_PATHS.internalCrypto : TRANSFER_PATHS.internalFiat;
  return api.postRaw(path, `{"SourceAccountId":${source},"DestinationAccountId":${destination},"Amount":${amount}${reference}}`, options.headers);
}

export interface InternalResult {
  transactionsId: number;
  complementaryTransactionId: number;
  sourceAccountId: number;
  destinationAccountId: number;
  asset: string;
  reference: string | null;
  transactionStatus: string;
  dateTime: string;
}

export async function internalOk(
  api: Api,
  source: number,
  destination: number,
  amount: string,
  options: { reference?: string; kind?: 'fiat' | 'crypto' } = {},
): Promise<InternalResult> {
  const response = await internalTransfer(api, source, destination, amount, options);
  return assertOk(response).details as InternalResult;
}

/** POSTs an external transfer: `fields` plus `Amount` as a verbatim JSON literal. */
export function externalTransfer(api: Api, fields: Record<string, unknown>, amount: string, headers?: Record<string, string>): Promise<TestResponse> {
  const body = JSON.stringify(fields);
  return api.postRaw(TRANSFER_PATHS.external, `${body.slice(0, -1)}${body.length > 2 ? ',' : ''}"Amount":${amount}}`, headers);
}

export interface ExternalResult {
  transactionsId: number;
  feeTransactionId: number | null;
  payeesId: number | null;
  transferType: string;
  transactionStatus: string;
  dateTime: string;
}

export async function externalOk(api: Api, fields: Record<string, unknown>, amount: string): Promise<ExternalResult> {
  return assertOk(await externalTransfer(api, fields, amount)).details as ExternalResult;
}

/** A pending ACH transfer of `amount` from `source` to a valid inline payee. */
export function achOk(api: Api, source: number, amount: string, extra: Record<string, unknown> = {}): Promise<ExternalResult> {
  return externalOk(api, { SourceAccountId: source, TransferType: 'ACH', Payee: domesticPayee(), ...extra }, amount);
}

export function simulate(api: Api, outcome: 'complete' | 'fail', transactionsId: number): Promise<TestResponse> {
  return api.post(outcome === 'complete' ? PATHS.complete : PATHS.fail, { TransactionsId: transactionsId });
}

export async function simulateOk(api: Api, outcome: 'complete' | 'fail', transactionsId: number): Promise<{ transactionsId: number; rollbackTransactionId: number | null }> {
  return assertOk(await simulate(api, outcome, transactionsId)).details as { transactionsId: number; rollbackTransactionId: number | null };
}

export async function cancelCheck(api: Api, transactionsId: number, customersId?: number): Promise<boolean> {
  const query = `?TransactionsId=${transactionsId}${customersId === undefined ? '' : `&CustomersId=${customersId}`}`;
  const details = assertOk(await api.get(`${TRANSFER_PATHS.cancel}${query}`)).details as { transactionsId: number; bCancellable: boolean };
  assert.equal(details.transactionsId, transactionsId);
  return details.bCancellable;
}

export function cancel(api: Api, transactionsId: number, customersId: number | null = null, headers?: Record<string, string>): Promise<TestResponse> {
  return api.post(TRANSFER_PATHS.cancel, { transactionsId, customersId }, headers);
}

/** A USD account (or another fiat asset, paid in by SWIFT) holding `amount`. */
export async function fundedAccount(api: Api, asset: string, amount: string, name?: string): Promise<number> {
  const id = await createAccount(api, asset, name ?? `${asset} funded`);
  if (amount !== '0') await payIn(api, id, amount, asset === 'USD' ? 'ACH' : 'SWIFT');
  return id;
}

const COUNTED_TABLES = [
  'accounts',
  'transactions',
  'ledger_journals',
  'ledger_legs',
  'ledger_holds',
  'ledger_balances',
  'idempotency_keys',
  'payees',
  'cancellation_requests',
  'callbacks',
] as const;

export type TransferRowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

/** Row counts of every table a transfer, payee or cancellation writes (one query). */
export async function transferRowCounts(server: TestServer): Promise<TransferRowCounts> {
  const counts = sql.join(COUNTED_TABLES.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`));
  const result = await sql<Record<string, number | string>>`select ${counts}`.execute(server.runtime.database.db);
  const row = result.rows[0];
  assert.ok(row !== undefined);
  const out: Partial<TransferRowCounts> = {};
  for (const table of COUNTED_TABLES) out[table] = Number(row[table]);
  return out as TransferRowCounts;
}

export interface WriteSnapshot {
  readonly rows: TransferRowCounts;
  readonly balances: Record<number, BalanceTexts>;
}

export async function snapshot(server: TestServer, api: Api, accountIds: readonly number[]): Promise<WriteSnapshot> {
  const balances: Record<number, BalanceTexts> = {};
  for (const id of accountIds) balances[id] = await balancesOf(api, id);
  return { rows: await transferRowCounts(server), balances };
}

/**
 * Sends a request that must be refused with `httpStatus` and exactly `expected` errors, and checks
 * that it wrote nothing: the same row counts everywhere and the same balances on `accountIds`
 * (read through `reader`, the principal that owns them).
 */
export async function assertRejectedWithoutWrites(
  server: TestServer,
  reader: Api,
  accountIds: readonly number[],
  send: () => Promise<TestResponse>,
  httpStatus: number,
  ...expected: string[]
): Promise<void> {
  const before = await snapshot(server, reader, accountIds);
  const response = await send();
  assertError(response, httpStatus, ...expected);
  assert.deepEqual(await snapshot(server, reader, accountIds), before, `wrote something: ${response.body}`);
}

/** Sets the fixed fee of `rail` for `asset` (`*` = every asset without its own row); null deletes the row. */
export async function setFee(server: TestServer, rail: 'ACH' | 'WIRE' | 'SWIFT', asset: string, fee: string | null): Promise<void> {
  const db = server.runtime.database.db;
  await db.deleteFrom('transfer_fees').where('rail', '=', rail).where('asset', '=', asset).execute();
  if (fee !== null) await db.insertInto('transfer_fees').values({ rail, asset, fixed_fee: fee }).execute();
}
