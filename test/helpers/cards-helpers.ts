// Helpers for the Cards tests (test/cards-*.test.ts): paths, the real client's bodies, the calls of
// the card lifecycle and the simulated network, exact card balances, and row counts of every table
// a card write touches (to show that a refused request wrote nothing).
import assert from 'node:assert/strict';
import { assertOk, numText, type Api } from './accounts-helpers.js';
import { exactBody, type TestResponse, type TestServer } from './test-server.js';

const BASE = '/api/v1/customer/cards';
const SIM = '/api/v1/customer/simulations/cards';
export const CARD_PATHS = {
  complianceFields: `${BASE}/compliancefields`,
  review: `${BASE}/reviewcreatecard`,
  documentUpload: `${BASE}/documentupload`,
  create: `${BASE}/create`,
  createWithDda: `${BASE}/create-with-dda`,
  activate: `${BASE}/activate`,
  deactivate: `${BASE}/deactivate`,
  changePin: `${BASE}/changecardpin`,
  byUserList: `${BASE}/byuser/list`,
  byUser: `${BASE}/byuser`,
  details: `${BASE}/carddetails`,
  sensitive: `${BASE}/sensitive-details`,
  balances: `${BASE}/balances`,
  transactions: `${BASE}/transactions`,
  transferFunds: `${BASE}/transferfunds`,
  topUp: `${BASE}/topup`,
  moveFunds: `${BASE}/movefunds`,
  authorizations: `${SIM}/authorizations`,
  captures: `${SIM}/captures`,
  reversals: `${SIM}/reversals`,
  refunds: `${SIM}/refunds`,
  approvals: `${SIM}/approvals`,
} as const;

/** The real client's older create body (spec F1 §4.8, CODE), numeric code ids as strings. */
export function olderCreateBody(customersId: number): Record<string, unknown> {
  return { customersId: String(customersId), currency: 'USD', customerSubtype: '1', businessActivityType: '878', occupationType: '11', sourceOfFundsType: '1936' };
}

/** The documented new create body (modules-facts.md §3) for a physical card shipped in the US. */
export function newCreateBody(customersId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customersId,
    currency: 'USD',
    cardReferenceId: 'my-ref-1',
    shippingMethod: 'Standard',
    cardProgramID: 1000,
    cardType: 'Physical',
    shippingAddress: usAddress(),
    ...overrides,
  };
}

export function usAddress(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shippingAddressLine1: '1 Ocean Drive',
    shippingAddressCity: 'Miami',
    shippingAddressState: 'FL',
    shippingAddressPostcode: '33139',
    shippingAddressCountry: 'USA',
    ...overrides,
  };
}

export async function createCard(api: Api, body: Record<string, unknown>, path: string = CARD_PATHS.create): Promise<number> {
  const envelope = assertOk(await api.post(path, body)) as { id: number; details: { card: { id: number } } };
  assert.equal(envelope.id, envelope.details.card.id);
  return envelope.id;
}

export async function activeCard(api: Api, customersId: number = api.principal.customersId): Promise<number> {
  const id = await createCard(api, olderCreateBody(customersId));
  assertOk(await api.post(CARD_PATHS.activate, { cardsId: id }));
  return id;
}

export function topUpCard(api: Api, accountId: number, cardId: number, amount: string, headers?: Record<string, string>): Promise<TestResponse> {
  return api.postRaw(
    CARD_PATHS.transferFunds,
    `{"amount":${amount},"reference":"top up","transferTypes":"TopUpCard","currencyType":"USD","DestinationCardId":${cardId},"CustomerAssetAccountId":${accountId}}`,
    headers,
  );
}

export function authorize(api: Api, cardId: number, amount: string, merchant = 'Coffee Shop'): Promise<TestResponse> {
  return api.postRaw(CARD_PATHS.authorizations, `{"CardsId":${cardId},"Amount":${amount},"MerchantName":${JSON.stringify(merchant)},"MerchantCategoryCode":"5814"}`);
}

export async function authorized(api: Api, cardId: number, amount: string): Promise<number> {
  return assertOk(await authorize(api, cardId, amount)).id as number;
}

export function capture(api: Api, authorizationId: number, amount?: string): Promise<TestResponse> {
  return api.postRaw(CARD_PATHS.captures, amount === undefined ? `{"AuthorizationId":${authorizationId}}` : `{"AuthorizationId":${authorizationId},"Amount":${amount}}`);
}

export interface CardBalances {
  readonly total: string;
  readonly available: string;
  readonly pending: string;
}

/** The card's balances as the exact literals carddetails writes (pending from balances). */
export async function cardBalances(api: Api, cardId: number): Promise<CardBalances> {
  const response = await api.get(`${CARD_PATHS.balances}?PageSize=100`);
  assert.equal(response.statusCode, 200, response.body);
  const items = exactBody(response).details as Record<string, unknown>[];
  const item = items.find((i) => Number(numText(i.id)) === cardId);
  assert.ok(item !== undefined, `card ${cardId} is listed`);
  return { total: numText(item.totalBalance), available: numText(item.availableBalance), pending: numText(item.pendingBalance) };
}

export interface CardTransactionText {
  readonly id: number;
  readonly amount: string;
  readonly bPending: boolean;
  readonly status: string;
  readonly transactionType: string;
  readonly description: string;
  readonly RefundTransactionsID: number | null;
}

export async function cardTransactions(api: Api, cardId: number): Promise<CardTransactionText[]> {
  const response = await api.get(`${CARD_PATHS.transactions}?CardsId=${cardId}&PageSize=100`);
  assert.equal(response.statusCode, 200, response.body);
  return (exactBody(response).details as Record<string, unknown>[]).map((t) => ({
    id: Number(numText(t.id)),
    amount: numText(t.amount),
    bPending: t.bPending as boolean,
    status: t.status as string,
    transactionType: t.transactionType as string,
    description: t.description as string,
    RefundTransactionsID: t.RefundTransactionsID === null ? null : Number(numText(t.RefundTransactionsID)),
  }));
}

const COUNTED_TABLES = [
  'cards',
  'card_transactions',
  'card_authorizations',
  'card_sensitive_reads',
  'accounts',
  'transactions',
  'ledger_journals',
  'ledger_legs',
  'ledger_holds',
  'ledger_balances',
  'documents',
  'callbacks',
  'idempotency_keys',
] as const;
export type CardRowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export async function cardRowCounts(server: TestServer): Promise<CardRowCounts> {
  const db = server.runtime.database.db;
  const out: Partial<CardRowCounts> = {};
  for (const table of COUNTED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out as CardRowCounts;
}

/** The stored card columns (for the at-rest checks). */
export function storedCard(server: TestServer, cardId: number) {
  return server.runtime.database.db.selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirstOrThrow();
}
